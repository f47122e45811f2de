"""Announcing a unit's results (issue 29) as the roles concerned: the head of the unit announces its
month (or year) once every evaluation of it is approved, the refusal naming who is pending; the
unit's members then read the levels (never a score or a note), the members of another unit do not,
and nobody but the heads and the board once the office switches it off; one announcement per unit
and span; the announcement prints as an official "Thông báo kết quả đánh giá, xếp loại".

Each test runs in a savepoint rolled back after it; the world, the evaluations of January and
February 2047 (February's still pending for one cadre) and the year's classifications are built once."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today

from soson_discipline.evaluation import announcements
from soson_discipline.evaluation.announcements import (
	DuplicateAnnouncementError,
	ResultsNotApprovedError,
)
from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.reporting import dashboard
from soson_discipline.tests.factories import (
	CADRE,
	PARTY_BOARD,
	UNIT_HEAD,
	approve_as,
	as_user,
	build_world,
	get_evaluation,
	make_period,
	make_policy,
	raw_insert,
)
from soson_discipline.tests.test_followup import call, notifications

ANNOUNCEMENT = "Result Announcement"
POLICY = "RA Announcement Policy"
YEAR = 2042
REFUSED = (frappe.PermissionError, frappe.DoesNotExistError)

RA_WORLD = {
	"email": "ra.{}@announce.test",
	"units": {
		"commune": ("RA Đảng ủy xã Thử nghiệm", "ĐU", None, {"unit_kind": "Party Committee"}),
		"board_a": ("RA Ban Xây dựng Đảng xã Thử nghiệm", "BXDĐ", "commune", PARTY_BOARD),
		"board_b": ("RA Văn phòng Đảng ủy xã Thử nghiệm", "VPĐU", "commune", {"unit_kind": "Party Office"}),
	},
	"people": {
		"sc": ("RA Thường vụ", "commune", ["Standing Committee", "Cadre"], {"is_leader": 1}),
		"head_a": (
			"RA Trưởng ban A",
			"board_a",
			UNIT_HEAD,
			{"heads": "board_a", "rater": "sc", "is_leader": 1, "position": "Trưởng ban"},
		),
		"a1": ("RA Chuyên viên A1", "board_a", CADRE, {"rater": "head_a", "position": "Chuyên viên"}),
		"a2": ("RA Chuyên viên A2", "board_a", CADRE, {"rater": "head_a"}),
		"head_b": ("RA Chánh Văn phòng B", "board_b", UNIT_HEAD, {"heads": "board_b", "rater": "sc"}),
		"b1": ("RA Chuyên viên B1", "board_b", CADRE, {"rater": "head_b"}),
	},
}


def announcement(unit: str, period: str | None = None, year: int | None = None, **values) -> dict:
	doc = {"doctype": ANNOUNCEMENT, "organization_unit": unit}
	if year:
		doc.update({"kind": "Year", "year": year})
	else:
		doc.update({"kind": "Month", "evaluation_period": period})
	return {**doc, **values}


class TestResultAnnouncements(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.w = w = build_world(RA_WORLD)
		frappe.db.set_single_value("Discipline Settings", "announce_levels_to_members", 1)
		make_policy(POLICY, effective_from=f"{YEAR}-01-01")
		cls.january = make_period(f"{YEAR}-01-01", f"{YEAR}-01-31", policy=POLICY)
		cls.february = make_period(f"{YEAR}-02-01", f"{YEAR}-02-28", policy=POLICY)
		cls.quarter = raw_insert(
			"Evaluation Period",
			{
				"title": f"RA Quý II/{YEAR}",
				"evaluation_policy": POLICY,
				"period_type": "Quarterly",
				"period_start": f"{YEAR}-04-01",
				"period_end": f"{YEAR}-06-30",
				"status": "Open",
			},
		)
		cadres = [w.cadres[k] for k in ("a1", "a2", "head_a", "b1")]
		generate_evaluations(cls.january, only_cadres=cadres)
		# January, all approved: a1 at the top (A), a2 and the head (B, approved last by the
		# Standing Committee); b1 in the other board
		approve_as(w, get_evaluation(cls.january, w.a1).name, 10, approver="head_a")
		approve_as(w, get_evaluation(cls.january, w.a2).name, 2, approver="head_a")
		approve_as(w, get_evaluation(cls.january, w.head_a).name, 2, approver="sc")
		approve_as(w, get_evaluation(cls.january, w.b1).name, 10, approver="head_b")
		# February: a1 approved, a2 not yet
		generate_evaluations(cls.february, only_cadres=[w.a1, w.a2])
		approve_as(w, get_evaluation(cls.february, w.a1).name, 10, approver="head_a")
		# the year: a1's classification approved, a2's still a draft; b1's approved
		for key, unit, docstatus, level, label in (
			("a1", "board_a", 1, "A", "Excellent"),
			("a2", "board_a", 0, "B", "Good"),
			("b1", "board_b", 1, "B", "Good"),
		):
			raw_insert(
				"Cadre Classification",
				{
					"cadre": w.cadres[key],
					"cadre_name": RA_WORLD["people"][key][0],
					"organization_unit": w[unit],
					"classification_type": "Year",
					"year": YEAR,
					"period_start": f"{YEAR}-01-01",
					"period_end": f"{YEAR}-12-31",
					"evaluation_policy": POLICY,
					"final_level": level,
					"final_level_label": label,
					"average_score": 95,
					"docstatus": docstatus,
					"workflow_state": "Approved" if docstatus else "Draft",
				},
			)

	def setUp(self):
		frappe.db.savepoint("ra_test")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.form_dict = frappe._dict()
		frappe.db.rollback(save_point="ra_test")
		frappe.db.set_single_value("Discipline Settings", "announce_levels_to_members", 1)

	def user(self, key: str) -> str:
		return self.w.users[key]

	def draft(self, who: str, doc: dict) -> dict:
		with as_user(self.user(who)):
			return call("frappe.client.insert", doc=doc)

	def announce(self, who: str, doc: dict) -> dict:
		"""As `who`: insert the announcement, then submit it (both through frappe.client)."""
		saved = self.draft(who, doc)
		with as_user(self.user(who)):
			return call("frappe.client.submit", doc=saved)

	def january_of_board_a(self) -> dict:
		return self.announce(
			"head_a",
			announcement(self.w.board_a, self.january, meeting_reference="Biên bản họp Ban ngày 05/02/2042"),
		)

	# ----------------------------------------------------------------------------------------------

	def test_the_heads_page_counts_the_months_to_announce_and_opens_the_oldest(self):
		"""January of board A is all approved and not announced: it waits on its head's page, and the
		card opens a new announcement of it, filled in; February (a2 pending) does not wait; board B's
		January waits on its own head's page only; announced, or older than the window, nothing waits."""
		day = f"{YEAR}-03-15"
		with as_user(self.user("head_a")):
			waiting = announcements.months_to_announce(day=day)
			self.assertEqual(
				[(r.organization_unit, getdate(r.period_start), r.evaluation_period) for r in waiting],
				[(self.w.board_a, getdate(f"{YEAR}-01-01"), self.january)],
			)
			with patch.object(announcements, "today", return_value=day):
				card = dashboard.results_to_announce(refresh=1)
			self.assertEqual((card["value"], card["route"]), (1, ["Form", ANNOUNCEMENT, "new"]))
			self.assertEqual(
				card["route_options"],
				{"organization_unit": self.w.board_a, "kind": "Month", "evaluation_period": self.january},
			)
		with as_user(self.user("head_b")):
			self.assertEqual(
				[r.organization_unit for r in announcements.months_to_announce(day=day)], [self.w.board_b]
			)
			self.assertEqual(announcements.months_to_announce(day=f"{YEAR}-06-15"), [])  # out of the window
		with as_user(self.user("a1")):
			self.assertEqual(announcements.months_to_announce(day=day), [])
		self.january_of_board_a()
		with as_user(self.user("head_a")):
			self.assertEqual(announcements.months_to_announce(day=day), [])

	def test_refused_while_an_evaluation_is_pending_naming_who(self):
		saved = self.draft("head_a", announcement(self.w.board_a, self.february))
		self.assertEqual([r["cadre"] for r in saved["rows"]], [self.w.a1])  # the approved ones so far
		with as_user(self.user("head_a")), self.assertRaises(ResultsNotApprovedError) as refused:
			call("frappe.client.submit", doc=saved)
		self.assertIn("RA Chuyên viên A2", str(refused.exception))
		self.assertNotIn("RA Chuyên viên A1", str(refused.exception))
		self.assertEqual(frappe.db.get_value(ANNOUNCEMENT, saved["name"], "docstatus"), 0)
		self.assertFalse(frappe.db.get_value(ANNOUNCEMENT, saved["name"], "announced_on"))

	def test_the_head_announces_the_approved_levels_and_the_members_are_told(self):
		done = self.january_of_board_a()
		doc = frappe.get_doc(ANNOUNCEMENT, done["name"])
		self.assertEqual(doc.docstatus, 1)
		self.assertEqual(getdate(doc.announced_on), getdate(today()))
		self.assertEqual(doc.announced_by, self.w.head_a)
		self.assertEqual(doc.announced_by_position, "Trưởng ban")
		self.assertEqual((str(doc.period_start), str(doc.period_end)), (f"{YEAR}-01-01", f"{YEAR}-01-31"))
		# the rows are the approved evaluations' levels: the leader first, then by name
		expected = {
			key: frappe.db.get_value(
				"Cadre Evaluation",
				{"evaluation_period": self.january, "cadre": self.w.cadres[key]},
				["final_level", "final_level_label"],
			)
			for key in ("head_a", "a1", "a2")
		}
		self.assertEqual(
			[(r.cadre, r.level, r.level_label) for r in doc.rows],
			[(self.w.cadres[k], *expected[k]) for k in ("head_a", "a1", "a2")],
		)
		self.assertEqual([r.level for r in doc.rows], ["B", "A", "B"])
		self.assertEqual(doc.rows[1].position, "Chuyên viên")
		# levels only: a row holds no score, no reason, no note
		row_fields = set(frappe.get_meta("Result Announcement Row").get_valid_columns())
		self.assertFalse({"total_score", "reasons", "override_reason", "score"} & row_fields)
		self.assertEqual([(e.label, e.count) for e in doc.level_counts()], [("Excellent", 1), ("Good", 2)])
		# the unit's members are told, not the head who announced, not another unit's
		for key, told in (("a1", 1), ("a2", 1), ("head_a", 0), ("b1", 0), ("head_b", 0)):
			self.assertEqual(notifications(self.user(key), ANNOUNCEMENT, doc.name), told, key)

	def test_members_read_the_announcement_not_the_evaluations(self):
		saved = self.draft("head_a", announcement(self.w.board_a, self.january))
		name = saved["name"]
		with as_user(self.user("a1")):  # a draft is the head's
			self.assertEqual(call("frappe.client.get_list", "GET", doctype=ANNOUNCEMENT), [])
			self.assertRaises(REFUSED, call, "frappe.client.get", "GET", doctype=ANNOUNCEMENT, name=name)
		with as_user(self.user("head_a")):
			call("frappe.client.submit", doc=saved)
		with as_user(self.user("a2")):
			listed = call(
				"frappe.client.get_list", "GET", doctype=ANNOUNCEMENT, fields=["name", "announced_on"]
			)
			self.assertEqual([r["name"] for r in listed], [name])
			doc = call("frappe.client.get", "GET", doctype=ANNOUNCEMENT, name=name)
			self.assertEqual(
				{r["cadre_name"] for r in doc["rows"]},
				{"RA Trưởng ban A", "RA Chuyên viên A1", "RA Chuyên viên A2"},
			)
			rows = call(
				"frappe.client.get_list",
				"GET",
				doctype="Result Announcement Row",
				parent=ANNOUNCEMENT,
				fields=["cadre_name", "level_label"],
				filters={"parent": name},
			)
			self.assertEqual(len(rows), 3)
			self.assertEqual(
				call("frappe.client.get_count", "GET", doctype=ANNOUNCEMENT, filters={"name": name}), 1
			)
			# a colleague's evaluation stays closed: its score and notes are not the announcement's
			a1_january = get_evaluation(self.january, self.w.a1).name
			self.assertRaises(
				REFUSED, call, "frappe.client.get", "GET", doctype="Cadre Evaluation", name=a1_january
			)
			# a member reads, never writes or withdraws
			self.assertRaises(REFUSED, call, "frappe.client.cancel", doctype=ANNOUNCEMENT, name=name)
		# another unit's members and head do not read it; the Standing Committee does
		for key in ("b1", "head_b"):
			with as_user(self.user(key)):
				self.assertEqual(
					call("frappe.client.get_list", "GET", doctype=ANNOUNCEMENT, filters={"name": name}),
					[],
					key,
				)
				self.assertRaises(REFUSED, call, "frappe.client.get", "GET", doctype=ANNOUNCEMENT, name=name)
				self.assertEqual(
					call("frappe.client.get_count", "GET", doctype=ANNOUNCEMENT, filters={"name": name}), 0
				)
		with as_user(self.user("sc")):
			self.assertEqual(call("frappe.client.get", "GET", doctype=ANNOUNCEMENT, name=name)["name"], name)

	def test_the_office_setting_off_keeps_it_to_the_heads_and_the_board(self):
		name = self.january_of_board_a()["name"]
		frappe.db.set_single_value("Discipline Settings", "announce_levels_to_members", 0)
		with as_user(self.user("a1")):
			self.assertEqual(call("frappe.client.get_list", "GET", doctype=ANNOUNCEMENT), [])
			self.assertRaises(REFUSED, call, "frappe.client.get", "GET", doctype=ANNOUNCEMENT, name=name)
		for key in ("head_a", "sc"):
			with as_user(self.user(key)):
				self.assertEqual(
					call("frappe.client.get", "GET", doctype=ANNOUNCEMENT, name=name)["name"], name
				)
		# announced while it is off, nobody of the unit is told
		other = self.announce("head_b", announcement(self.w.board_b, self.january))["name"]
		self.assertEqual(notifications(self.user("b1"), ANNOUNCEMENT, other), 0)

	def test_one_announcement_per_unit_and_span(self):
		first = self.january_of_board_a()
		with self.assertRaises(DuplicateAnnouncementError):
			self.draft("head_a", announcement(self.w.board_a, self.january))
		# the year of the same unit, and the same month of another unit, are other spans
		self.announce("head_b", announcement(self.w.board_b, self.january))
		# withdrawn (cancelled) by the head, the month may be announced again
		with as_user(self.user("head_a")):
			call("frappe.client.cancel", doctype=ANNOUNCEMENT, name=first["name"])
		self.assertFalse(frappe.db.get_value(ANNOUNCEMENT, first["name"], "announcement_key"))
		again = self.announce("head_a", announcement(self.w.board_a, self.january))
		self.assertEqual(frappe.db.get_value(ANNOUNCEMENT, again["name"], "docstatus"), 1)

	def test_only_the_head_of_the_unit_or_the_board_announces(self):
		# a plain cadre may not even draft one
		self.assertRaises(REFUSED, self.draft, "a1", announcement(self.w.board_a, self.january))
		# another unit's head may not draft one for this unit
		self.assertRaises(REFUSED, self.draft, "head_b", announcement(self.w.board_a, self.january))
		# nor move his own draft to this unit
		other = self.draft("head_b", announcement(self.w.board_b, self.january))
		other["organization_unit"] = self.w.board_a
		with as_user(self.user("head_b")):
			self.assertRaises(REFUSED, call, "frappe.client.save", doc=other)
		saved = self.draft("head_a", announcement(self.w.board_a, self.january))
		for key in ("a1", "head_b"):
			with as_user(self.user(key)):
				self.assertRaises(REFUSED, call, "frappe.client.submit", doc=saved)
		self.assertEqual(frappe.db.get_value(ANNOUNCEMENT, saved["name"], "docstatus"), 0)
		# the Standing Committee announces for a unit (the presiding board may)
		with as_user(self.user("sc")):
			done = call("frappe.client.submit", doc=frappe.get_doc(ANNOUNCEMENT, other["name"]).as_dict())
		self.assertEqual(frappe.db.get_value(ANNOUNCEMENT, done["name"], "announced_by"), self.w.sc)

	def test_whoever_acts_as_the_head_announces(self):
		"""An acting head (Acting Assignment) announces through the same rule as the head: the rights
		come from `org.get_unit_heads` and `org.get_user_units`, which name him or her today."""
		frappe.get_doc(
			{
				"doctype": "Acting Assignment",
				"organization_unit": self.w.board_a,
				"post": "Unit Head",
				"acting_cadre": self.w.a1,
				"from_date": today(),
				"to_date": today(),
				"reason": "Leave",
				"decision_number": "01/QĐ-RA",
			}
		).insert(ignore_permissions=True).submit()
		done = self.announce("a1", announcement(self.w.board_a, self.january))
		self.assertEqual(frappe.db.get_value(ANNOUNCEMENT, done["name"], "announced_by"), self.w.a1)
		# not for another unit
		self.assertRaises(REFUSED, self.draft, "a1", announcement(self.w.board_b, self.january))

	def test_bad_input_is_refused_naming_the_field(self):
		with self.assertRaises(frappe.ValidationError) as refused:
			self.draft("head_a", announcement(self.w.board_a, self.quarter))
		self.assertIn(self.quarter, str(refused.exception))
		self.assertRaises(
			frappe.ValidationError, self.draft, "sc", announcement("RA Đơn vị không tồn tại", self.january)
		)
		self.assertRaises(
			frappe.ValidationError,
			self.draft,
			"head_a",
			announcement(self.w.board_a, self.january, kind="Week"),
		)
		self.assertRaises(frappe.ValidationError, self.draft, "head_a", announcement(self.w.board_a, None))
		self.assertRaises(
			frappe.ValidationError, self.draft, "head_a", announcement(self.w.board_a, None, year=1900)
		)
		# what the server works out is not typed in: rows, the announcement's date, who announced
		typed = announcement(
			self.w.board_a,
			self.january,
			rows=[
				{
					"cadre": self.w.a2,
					"cadre_name": "RA Chuyên viên A2",
					"level": "A",
					"level_label": "Excellent",
				}
			],
		)
		with self.assertRaises(frappe.ValidationError) as refused:
			self.draft("head_a", typed)
		self.assertRegex(str(refused.exception), "Levels|Mức xếp loại")
		self.assertRaises(
			frappe.ValidationError,
			self.draft,
			"head_a",
			announcement(self.w.board_a, self.january, announced_on="2042-02-01", announced_by=self.w.sc),
		)
		saved = self.draft("head_a", announcement(self.w.board_a, self.january))
		a2 = next(row for row in saved["rows"] if row["cadre"] == self.w.a2)
		a2["level"], a2["level_label"] = "A", "Excellent"
		with as_user(self.user("head_a")):
			self.assertRaises(frappe.ValidationError, call, "frappe.client.save", doc=saved)
			self.assertRaises(frappe.ValidationError, call, "frappe.client.submit", doc=saved)
		self.assertEqual(frappe.db.get_value(ANNOUNCEMENT, saved["name"], "docstatus"), 0)
		# nothing half-written: no announcement of the refused inputs stays
		self.assertEqual(frappe.db.count(ANNOUNCEMENT, {"organization_unit": self.w.board_a}), 1)

	def test_the_year_is_announced_from_the_approved_classifications(self):
		with self.assertRaises(ResultsNotApprovedError) as refused:
			self.announce("head_a", announcement(self.w.board_a, year=YEAR))
		self.assertIn("RA Chuyên viên A2", str(refused.exception))
		done = frappe.get_doc(
			ANNOUNCEMENT, self.announce("head_b", announcement(self.w.board_b, year=YEAR))["name"]
		)
		self.assertEqual([(r.cadre, r.level, r.level_label) for r in done.rows], [(self.w.b1, "B", "Good")])
		self.assertEqual((str(done.period_start), str(done.period_end)), (f"{YEAR}-01-01", f"{YEAR}-12-31"))
		self.assertFalse(done.evaluation_period)
		with as_user(self.user("b1")):
			self.assertEqual(
				call("frappe.client.get", "GET", doctype=ANNOUNCEMENT, name=done.name)["rows"][0]["level"],
				"B",
			)

	def test_a_quarter_is_announced_from_its_approved_classifications(self):
		"""A quarter's announcement lists the cadres' classifications of that quarter, once all are
		approved (a draft one is named in the refusal); the quarter is required, 1 to 4."""
		names = {}
		for key, docstatus, level, label in (("a1", 1, "A", "Excellent"), ("a2", 0, "B", "Good")):
			names[key] = raw_insert(
				"Cadre Classification",
				{
					"cadre": self.w.cadres[key],
					"cadre_name": RA_WORLD["people"][key][0],
					"organization_unit": self.w.board_a,
					"classification_type": "Quarter",
					"year": YEAR,
					"quarter": "1",
					"period_start": f"{YEAR}-01-01",
					"period_end": f"{YEAR}-03-31",
					"evaluation_policy": POLICY,
					"final_level": level,
					"final_level_label": label,
					"average_score": 90,
					"docstatus": docstatus,
					"workflow_state": "Approved" if docstatus else "Draft",
				},
			)
		first_quarter = announcement(self.w.board_a, year=YEAR, kind="Quarter", quarter="1")
		with self.assertRaises(ResultsNotApprovedError) as refused:
			self.announce("head_a", first_quarter)
		self.assertIn("RA Chuyên viên A2", str(refused.exception))
		frappe.db.delete(ANNOUNCEMENT, {"organization_unit": self.w.board_a, "kind": "Quarter"})
		frappe.db.set_value(
			"Cadre Classification", names["a2"], {"docstatus": 1, "workflow_state": "Approved"}
		)
		done = frappe.get_doc(ANNOUNCEMENT, self.announce("head_a", first_quarter)["name"])
		self.assertEqual({(r.cadre, r.level) for r in done.rows}, {(self.w.a1, "A"), (self.w.a2, "B")})
		self.assertEqual((str(done.period_start), str(done.period_end)), (f"{YEAR}-01-01", f"{YEAR}-03-31"))
		self.assertTrue(done.title.endswith(f"Q1/{YEAR}"), done.title)
		with as_user(self.user("a1")):
			html = frappe.get_print(ANNOUNCEMENT, done.name, print_format="Result Announcement")
		self.assertIn(f"quarter 1 of {YEAR}", html)
		for quarter in (None, "5"):
			with self.subTest(quarter=quarter), self.assertRaises(frappe.ValidationError):
				self.draft("head_a", announcement(self.w.board_a, year=YEAR, kind="Quarter", quarter=quarter))

	def test_prints_as_an_official_announcement(self):
		name = self.january_of_board_a()["name"]
		with as_user(self.user("a1")):  # a member prints what he reads, in Vietnamese
			frappe.local.lang = "vi"
			try:
				html = call(
					"frappe.www.printview.get_html_and_style",
					"GET",
					doc=ANNOUNCEMENT,
					name=name,
					print_format="Result Announcement",
				)["html"]
			finally:
				frappe.local.lang = "en"
		for text in (
			"ĐẢNG CỘNG SẢN VIỆT NAM",
			"THÔNG BÁO",
			f"Kết quả đánh giá, xếp loại chất lượng tháng 01/{YEAR}",
			"Căn cứ Biên bản họp Ban ngày 05/02/2042,",
			"RA Chuyên viên A1",
			"RA Trưởng ban A",
			"TỔNG HỢP THEO MỨC XẾP LOẠI",
			"Nơi nhận:",
			"Cán bộ, công chức trong đơn vị",
		):
			self.assertIn(text, html)
		self.assertNotIn("Dự thảo", html)
		# the default print format of the DocType
		self.assertEqual(frappe.get_meta(ANNOUNCEMENT).default_print_format, "Result Announcement")
