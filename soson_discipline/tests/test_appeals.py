"""Appeals (issue 29) as the cadre, the heads and the Standing Committee take them: a cadre appeals
his or her approved month within the days Discipline Settings allows, once; the level above the one
that approved decides (Regulation 124-QĐ/TW Art. 11: "if there are complaints ..., the superior
committee re-verifies"); a changed level amends the month through a recorded amendment and the
year's figures follow; refusals for everyone else and for bad input; read scope.

    AP Thành ủy (city)            head: city_head; Standing Committee: sc1, sc2
    ├── AP Đảng ủy xã A (commune) head: head (a leader, rated by city_head), rates and approves c1..c4
    └── AP Đảng ủy xã B (other)   head: head_b; cadre: b1
"""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, format_date, getdate, now_datetime, today

from soson_discipline.evaluation import appeals, year_results
from soson_discipline.evaluation.classification import QuotaExceededError
from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.reporting import dashboard, figures
from soson_discipline.tests.factories import (
	CADRE,
	UNIT_HEAD,
	approve_as,
	as_user,
	build_world,
	get_evaluation,
	make_period,
	make_policy,
)
from soson_discipline.tests.test_followup import call, notifications, run_method

YEAR = 2043
APPEAL = "Evaluation Appeal"
SC = ["Standing Committee", "Cadre"]
AP_WORLD = {
	"email": "ap.{}@appeal.test",
	"units": {
		"city": ("AP Thành ủy", "TU", None),
		"commune": ("AP Đảng ủy xã A", "ĐU", "city"),
		"other": ("AP Đảng ủy xã B", "ĐU", "city"),
	},
	"people": {
		"sc1": ("AP Thường vụ 1", "city", SC),
		"sc2": ("AP Thường vụ 2", "city", SC),
		"city_head": ("AP Bí thư Thành ủy", "city", UNIT_HEAD, {"heads": "city", "is_leader": 1}),
		"head": (
			"AP Bí thư xã A",
			"commune",
			UNIT_HEAD,
			{"heads": "commune", "is_leader": 1, "rater": "city_head"},
		),
		**{f"c{i}": (f"AP Chuyên viên {i}", "commune", CADRE, {"rater": "head"}) for i in range(1, 6)},
		"head_b": ("AP Bí thư xã B", "other", UNIT_HEAD, {"heads": "other"}),
		"b1": ("AP Chuyên viên B1", "other", CADRE, {"rater": "head_b"}),
	},
	"aliases": {"cadre": "cadres", "user": "users"},
}


def form_onload(evaluation: str) -> dict:
	"""What the evaluation's form receives when it opens."""
	doc = frappe.get_doc("Cadre Evaluation", evaluation)
	doc.run_method("onload")
	return doc.get_onload()


class TestAppeals(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.w = w = build_world(AP_WORLD)
		make_policy()
		frappe.db.delete(APPEAL, {"cadre": ("in", list(w.cadres.values()))})
		cls.jan, cls.feb = (make_period(f"{YEAR}-0{m}-01", f"{YEAR}-0{m}-28") for m in (1, 2))
		cls.ev = {}
		people = ["c1", "c2", "c3", "c4", "c5", "b1"]
		for period, score in ((cls.jan, 10), (cls.feb, 2)):
			generate_evaluations(period, only_cadres=[w.cadres[k] for k in [*people, "head"]])
			for key in people:
				approver = "head_b" if key == "b1" else "head"
				cls.ev[(period, key)] = name = get_evaluation(period, w.cadres[key]).name
				approve_as(w, name, score, approver=approver)
		# the head's own February: rated by the city's head, approved by the Standing Committee
		cls.ev[(cls.feb, "head")] = name = get_evaluation(cls.feb, w.cadres["head"]).name
		approve_as(w, name, 5, approver="sc1")
		cls.draft = get_evaluation(cls.jan, w.cadres["head"]).name

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.form_dict = frappe._dict()

	def file(self, key: str, evaluation: str | None = None, user: str | None = None, **values):
		"""The appeal of `key`'s February (or `evaluation`), filed as `user` (default: the cadre)."""
		with as_user(self.w.users[user or key]):
			appeal = frappe.get_doc(
				{
					"doctype": APPEAL,
					"cadre": self.w.cadres[key],
					"cadre_evaluation": evaluation or self.ev[(self.feb, key)],
					"reasons": "AP: hai nhiệm vụ hoàn thành đúng hạn chưa được tính",
					**values,
				}
			).insert()
			appeal.submit()
			return appeal

	def decide(self, user: str, appeal, decision: str, reason: str | None = "AP thẩm định lại", **args):
		with as_user(self.w.users[user]):
			run_method(APPEAL, appeal.name, "decide", decision=decision, reason=reason, **args)
		return frappe.get_doc(APPEAL, appeal.name)

	# ----- filing -----

	def test_a_cadre_files_within_the_deadline_and_the_heads_above_are_told(self):
		appeal = self.file("c2")
		self.assertEqual(appeal.status, "Open")
		self.assertEqual(getdate(appeal.appeal_date), getdate(today()))
		self.assertEqual(appeal.deadline, getdate(add_days(today(), appeals.appeal_days())))
		# approved by the commune's head: decided by the heads of the city, the unit above his
		self.assertEqual(appeal.deciding_body, appeals.BODY_UNIT_HEADS)
		self.assertEqual(appeal.deciding_unit, self.w.city)
		self.assertEqual(appeal.approved_by, self.w.cadres["head"])
		evaluation = self.ev[(self.feb, "c2")]
		self.assertEqual(frappe.db.get_value("Cadre Evaluation", evaluation, "appeal"), appeal.name)
		self.assertEqual(notifications(self.w.users["city_head"], APPEAL, appeal.name), 1)
		# shown on the evaluation's form, and counted on the unit head's and the board's pages
		with as_user(self.w.users["c2"]):
			info = form_onload(evaluation)["appeal"]
			self.assertEqual((info["appeal"], info["status"]), (appeal.name, "Open"))
		for user in ("head", "city_head", "sc1"):
			with as_user(self.w.users[user]):
				self.assertGreaterEqual(dashboard.count_open_appeals(), 1, user)
		with as_user(self.w.users["head_b"]):
			self.assertEqual(dashboard.count_open_appeals(), 0)

	def test_the_cadre_is_offered_the_appeal_until_the_deadline(self):
		evaluation = self.ev[(self.jan, "c5")]
		with as_user(self.w.users["c5"]):
			info = form_onload(evaluation)["appeal"]
		self.assertEqual(info["can_appeal"], 1)
		with as_user(self.w.users["head"]):
			self.assertIsNone(form_onload(evaluation)["appeal"])

	def test_nobody_else_appeals_a_cadres_result(self):
		for user in ("c3", "head", "city_head"):
			with self.subTest(user=user), self.assertRaises(frappe.PermissionError):
				self.file("c4", user=user)

	def test_an_appeal_after_the_deadline_is_refused_naming_the_date(self):
		evaluation = self.ev[(self.jan, "c4")]
		approved_on = add_days(now_datetime(), -(appeals.appeal_days() + 1))
		frappe.db.set_value("Cadre Evaluation", evaluation, "approved_on", approved_on)
		deadline = format_date(add_days(getdate(approved_on), appeals.appeal_days()))
		with self.assertRaises(appeals.AppealDeadlineError) as refused:
			self.file("c4", evaluation)
		self.assertIn(deadline, str(refused.exception))
		self.assertFalse(frappe.db.exists(APPEAL, {"cadre_evaluation": evaluation}))

	def test_a_site_that_never_saved_the_days_gets_the_default(self):
		# an existing site migrated to this release holds no value: Frappe reads the Int as 0, and a
		# deadline on the day of approval would refuse every appeal the next morning
		frappe.db.delete("Singles", {"doctype": "Discipline Settings", "field": "appeal_days"})
		self.assertEqual(appeals.appeal_days(), appeals.DEFAULT_APPEAL_DAYS)

	def test_a_second_appeal_on_the_same_result_is_refused(self):
		first = self.file("c3")
		with self.assertRaises(appeals.DuplicateAppealError) as refused:
			self.file("c3")
		self.assertIn(first.name, str(refused.exception))

	def test_bad_input_is_refused(self):
		evaluation = self.ev[(self.jan, "c3")]
		with self.assertRaises(frappe.MandatoryError):
			self.file("c3", evaluation, reasons="  ")
		for level in ("Z", frappe.db.get_value("Cadre Evaluation", evaluation, "final_level")):
			with self.subTest(level=level), self.assertRaises(appeals.AppealError):
				self.file("c3", evaluation, requested_level=level)
		with self.assertRaises(appeals.AppealError):  # a month not approved
			self.file("head", self.draft)
		with self.assertRaises(frappe.ValidationError):  # both records named
			self.file("c3", evaluation, cadre_classification="XL-0000-00000")
		# the steps' fields are not typed in, through the REST API either
		with as_user(self.w.users["c3"]), self.assertRaises(frappe.PermissionError):
			call(
				"frappe.client.insert",
				doc={
					"doctype": APPEAL,
					"cadre": self.w.cadres["c3"],
					"cadre_evaluation": evaluation,
					"reasons": "AP",
					"status": "Changed",
					"decided_level": "A",
				},
			)
		self.assertFalse(frappe.db.exists(APPEAL, {"cadre_evaluation": evaluation}))
		settings = frappe.get_single("Discipline Settings")
		settings.appeal_days = 0
		with self.assertRaises(frappe.ValidationError):
			settings.save()

	# ----- deciding -----

	def test_the_level_above_decides_never_the_approver_nor_the_cadre(self):
		appeal = self.file("c1", self.ev[(self.jan, "c1")])
		for user in ("head", "c1", "head_b", "c2"):
			with self.subTest(user=user), self.assertRaises(frappe.PermissionError):
				self.decide(user, appeal, "Upheld")
		with self.assertRaises(frappe.MandatoryError):
			self.decide("city_head", appeal, "Upheld", reason="")
		for level, score in (("Z", None), (appeal.approved_level, None), ("D", 95), ("B", 150)):
			with self.subTest(level=level, score=score), self.assertRaises(appeals.AppealError):
				self.decide("city_head", appeal, "Changed", level=level, score=score)
		before = frappe.db.get_value(
			"Cadre Evaluation", appeal.cadre_evaluation, ["final_level", "total_score"]
		)
		appeal = self.decide("city_head", appeal, "Upheld")
		self.assertEqual((appeal.status, appeal.decision), ("Upheld", "Upheld"))
		self.assertEqual(appeal.decided_by, self.w.users["city_head"])
		after = frappe.db.get_value(
			"Cadre Evaluation", appeal.cadre_evaluation, ["final_level", "total_score"]
		)
		self.assertEqual(after, before)
		for user in ("c1", "head"):
			self.assertEqual(notifications(self.w.users[user], APPEAL, appeal.name), 1, user)
		with self.assertRaises(appeals.AppealError):  # decided once
			self.decide("sc1", appeal, "Changed", level="A")

	def test_a_changed_month_amends_the_record_and_the_year_follows(self):
		"""Done when: a cadre's appeal changes a year through a recorded amendment and the year's
		figures follow (Regulation 124-QĐ/TW Art. 11)."""
		c5 = self.w.cadres["c5"]
		name = self.ev[(self.feb, "c5")]
		january = frappe.db.get_value("Cadre Evaluation", self.ev[(self.jan, "c5")], "total_score")
		before = year_results.stored_results(YEAR)
		before = next(r for r in before if r.cadre == c5)
		appeal = self.file("c5", requested_level="A")
		appeal = self.decide("city_head", appeal, "Changed", level="A", score=95)
		self.assertEqual((appeal.status, appeal.decided_level, appeal.decided_score), ("Changed", "A", 95))

		evaluation = frappe.get_doc("Cadre Evaluation", name)
		self.assertEqual((evaluation.final_level, evaluation.total_score), ("A", 95))
		self.assertEqual(evaluation.final_level_label, "Excellent")
		self.assertEqual((evaluation.docstatus, evaluation.appeal), (1, appeal.name))
		versions = frappe.get_all(
			"Version", filters={"ref_doctype": "Cadre Evaluation", "docname": name}, pluck="data"
		)
		self.assertTrue(any('"final_level"' in v and '"A"' in v for v in versions), versions)
		comments = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Cadre Evaluation", "reference_name": name},
			pluck="content",
		)
		self.assertTrue(any(appeal.name in c and "124-QĐ/TW" in c for c in comments), comments)

		after = next(r for r in year_results.stored_results(YEAR) if r.cadre == c5)
		self.assertAlmostEqual(after.average_score, (january + 95) / 2)
		self.assertNotEqual(after.average_score, before.average_score)
		self.assertEqual(after.highest_score, max(january, 95))
		live = next(r for r in year_results.year_proposals(YEAR, [c5]))
		self.assertTrue(year_results.same(live, after, YEAR))
		for user in ("c5", "head"):
			self.assertEqual(notifications(self.w.users[user], APPEAL, appeal.name), 1, user)
		# the decision prints as an official notice, read by the cadre
		with as_user(self.w.users["c5"]):
			html = frappe.get_print(APPEAL, appeal.name, print_format="Evaluation Appeal")
		self.assertIn("124-QĐ/TW", html)
		self.assertIn("AP Chuyên viên 5", html)
		with as_user(self.w.users["c5"]):
			info = form_onload(name)["appeal"]
		self.assertEqual((info["status"], info["decided_level"]), ("Changed", "A"))

	def test_a_leaders_month_goes_to_the_standing_committee(self):
		appeal = self.file("head")
		self.assertEqual(appeal.deciding_body, appeals.BODY_STANDING_COMMITTEE)
		self.assertEqual(notifications(self.w.users["sc2"], APPEAL, appeal.name), 1)
		for user in ("sc1", "city_head"):  # who approved it; a head, not the committee
			with self.subTest(user=user), self.assertRaises(frappe.PermissionError):
				self.decide(user, appeal, "Upheld")
		appeal = self.decide("sc2", appeal, "Upheld")
		self.assertEqual(appeal.status, "Upheld")

	def test_a_withdrawn_appeal_closes_the_matter(self):
		appeal = self.file("c4")
		with as_user(self.w.users["city_head"]), self.assertRaises(frappe.PermissionError):
			run_method(APPEAL, appeal.name, "withdraw")
		with as_user(self.w.users["c4"]):
			run_method(APPEAL, appeal.name, "withdraw")
		appeal.reload()
		self.assertEqual(appeal.status, "Withdrawn")
		with self.assertRaises(appeals.AppealError):
			self.decide("city_head", appeal, "Upheld")
		with self.assertRaises(appeals.DuplicateAppealError):
			self.file("c4")

	def test_a_classification_goes_to_the_standing_committee_and_is_amended(self):
		with as_user("Administrator"):
			name = (
				frappe.get_doc(
					{
						"doctype": "Cadre Classification",
						"cadre": self.w.cadres["c2"],
						"classification_type": "Quarter",
						"year": YEAR,
						"quarter": "1",
					}
				)
				.insert()
				.name
			)
		with as_user(self.w.users["head"]):
			apply_workflow(frappe.get_doc("Cadre Classification", name), "Submit for Approval")
		with as_user(self.w.users["sc1"]):
			apply_workflow(frappe.get_doc("Cadre Classification", name), "Approve")
		approved = frappe.db.get_value("Cadre Classification", name, "final_level")
		appeal = self.file("c2", evaluation=None, cadre_evaluation=None, cadre_classification=name)
		self.assertEqual(appeal.deciding_body, appeals.BODY_STANDING_COMMITTEE)
		with self.assertRaises(frappe.PermissionError):  # who approved it
			self.decide("sc1", appeal, "Upheld")
		# to the top level only within the pool's quota (a quota of 1 % leaves no place)
		pool = frappe.db.get_value("Cadre Classification", name, "organization_unit")
		frappe.db.set_value("Organization Unit", pool, "top_level_quota_percent", 1)
		try:
			with self.assertRaises(QuotaExceededError):
				self.decide("sc2", appeal, "Changed", level="A")
		finally:
			frappe.db.set_value("Organization Unit", pool, "top_level_quota_percent", 0)
		level = "C" if approved != "C" else "B"
		with self.assertRaises(appeals.AppealError):  # its average follows its months
			self.decide("sc2", appeal, "Changed", level=level, score=60)
		appeal = self.decide("sc2", appeal, "Changed", level=level)
		record = frappe.get_doc("Cadre Classification", name)
		self.assertEqual((record.final_level, record.appeal, record.docstatus), (level, appeal.name, 1))
		self.assertTrue(
			frappe.db.exists("Version", {"ref_doctype": "Cadre Classification", "docname": name}),
		)

	def test_a_level_changed_after_the_announcement_corrects_it_and_is_reported(self):
		"""The unit's February announced, then c1's level changed on appeal: the announcement's row
		reads the new level, keeps the one first announced and names the appeal, on the print too; the
		members are told again; the Periodic Report's figures count the appeal (issue 29)."""
		with as_user(self.w.users["head"]):
			announcement = frappe.get_doc(
				{
					"doctype": "Result Announcement",
					"organization_unit": self.w.commune,
					"kind": "Month",
					"evaluation_period": self.feb,
				}
			).insert()
			announcement.submit()
		first = next(r for r in announcement.rows if r.cadre == self.w.cadres["c1"]).level_label
		told = notifications(self.w.users["c2"], "Result Announcement", announcement.name)
		before = figures.appeal_figures([self.w.commune], today(), today())

		appeal = self.decide(
			"city_head", self.file("c1", requested_level="A"), "Changed", level="A", score=95
		)
		announcement.reload()
		row = next(r for r in announcement.rows if r.cadre == self.w.cadres["c1"])
		self.assertEqual(
			(row.level, row.level_label, row.level_rank, row.appeal, row.announced_level_label),
			("A", "Excellent", 1, appeal.name, first),
		)
		self.assertNotEqual(first, "Excellent")
		self.assertEqual(
			notifications(self.w.users["c2"], "Result Announcement", announcement.name), told + 1
		)
		with as_user(self.w.users["c2"]):
			html = frappe.get_print(
				"Result Announcement", announcement.name, print_format="Result Announcement"
			)
		self.assertIn(appeal.name, html)

		after = figures.appeal_figures([self.w.commune], today(), today())
		self.assertEqual(
			{key: after[key] - before[key] for key in after},
			{"appeals_filed": 1, "appeals_decided": 1, "appeals_changed": 1},
		)
		self.assertEqual(
			figures.appeal_figures([self.w.other], "2000-01-01", "2000-12-31")["appeals_filed"], 0
		)

	# ----- scope -----

	def test_only_those_concerned_read_an_appeal(self):
		appeal = self.file("b1")
		self.assertEqual(appeal.deciding_unit, self.w.city)
		for user, expected in (
			("b1", True),
			("head_b", True),
			("city_head", True),
			("sc1", True),
			("c1", False),
			("head", False),
		):
			with self.subTest(user=user), as_user(self.w.users[user]):
				self.assertEqual(bool(frappe.has_permission(APPEAL, "read", appeal.name)), expected)
				listed = frappe.get_list(APPEAL, filters={"name": appeal.name}, pluck="name")
				self.assertEqual(listed, [appeal.name] if expected else [])
		with as_user(self.w.users["head"]), self.assertRaises(frappe.PermissionError):
			self.decide("head", appeal, "Upheld")
