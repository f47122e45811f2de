"""Scores the texts give (issue 22), as the roles concerned drive them on a bench site:

- a level's conditions hold over the quarter and the year, and the year's three figures (Cadre Year
  Result, the Annual Classification Proposal, Cadre Classification) come from one computation;
- a disciplinary decision recorded after a month was approved reaches the year in the same
  transaction and leaves a note on the month;
- a forced "not completed" that the Standing Committee lifted stays lifted in the year;
- Decree 48/2023: an act that already rated the cadre not completed is not counted again in the year
  of a later decision;
- a quota the policy applies to the year's classification never holds a month or a quarter back;
- a leader's unit factor counts only the results someone rated.
"""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from soson_discipline.evaluation.classification import QuotaExceededError, create_cadre_classifications
from soson_discipline.evaluation.cycle import finalization_problems, unit_quota_so_far
from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.evaluation.year_results import year_proposals
from soson_discipline.soson_discipline.report.annual_classification_proposal import (
	annual_classification_proposal as proposal,
)
from soson_discipline.tests.factories import (
	EVALUATION_WORLD,
	act,
	act_on_evaluation,
	approve_as,
	as_user,
	build_world,
	get_evaluation,
	make_category,
	make_directive,
	make_period,
	make_policy,
	raw_insert,
)

POLICY = "TX Article 11 Policy"
YEAR = 2024  # a past year: a violation is never detected in the future
CLASSIFICATION = "Cadre Classification"


def article_11_policy() -> str:
	"""A test policy as Regulation 366 Art. 11 reads for an individual: A and B need every task on time
	and of the required quality; the quota counts those rated B and holds in the year only."""
	name = make_policy(POLICY, effective_from=f"{YEAR}-01-01", quota_percent=20)
	doc = frappe.get_doc("Evaluation Policy", name)
	for band in doc.bands:
		if band.level_code in ("A", "B"):
			band.min_on_time_percent = band.min_quality_percent = 100
	doc.quota_base = "Rated Good"
	doc.quota_period = "Year's Classification"
	doc.save(ignore_permissions=True)
	return name


def task(o, cadre: str, due: str, done: str, quality: str = "Met") -> str:
	return raw_insert(
		"Assigned Task",
		{
			"title": f"TX product {cadre} {due}",
			"organization_unit": o.board_a,
			"assignee": o.cadre[cadre],
			"assigned_by": o.cadre["ratera"],
			"start_date": due[:8] + "01",
			"due_date": due,
			"status": "Completed",
			"completed_on": done,
			"quality_result": quality,
			"weight": 1,
		},
	)


def year_result(cadre: str) -> frappe._dict:
	return frappe.db.get_value(
		"Cadre Year Result",
		{"cadre": cadre, "year": YEAR},
		["proposed_level", "disciplined", "average_score", "months"],
		as_dict=True,
	)


class TestScoresTheTextsGive(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = o = build_world(EVALUATION_WORLD)
		article_11_policy()
		directive = make_directive("24-CT/TX", o.root, "Kỷ cương (kiểm thử điều 11)")
		cls.forcing = make_category("TX-02", "Suy thoái (kiểm thử)", directive, deduction=0, forces=1)
		cls.plain = make_category("TX-01", "Chậm xử lý (kiểm thử)", directive, deduction=0)
		cls.jan = make_period(f"{YEAR}-01-01", f"{YEAR}-01-31", policy=POLICY)
		cls.feb = make_period(f"{YEAR}-02-01", f"{YEAR}-02-28", policy=POLICY)
		# a1: January's one product on time but failed its assessment; February's met
		task(o, "a1", f"{YEAR}-01-20", f"{YEAR}-01-15", "Failed")
		task(o, "a1", f"{YEAR}-02-20", f"{YEAR}-02-15")
		for key in ("a2", "a3", "a4"):
			task(o, key, f"{YEAR}-01-20", f"{YEAR}-01-15")
			task(o, key, f"{YEAR}-02-20", f"{YEAR}-02-15")
		# a4: a verified violation of a category that forces "not completed", in January
		raw_insert(
			"Violation Record",
			{
				"cadre": o.cadre["a4"],
				"organization_unit": o.board_a,
				"violation_category": cls.forcing,
				"detected_on": f"{YEAR}-01-10",
				"detection_source": "Superior Report",
				"workflow_state": "Verified",
				"docstatus": 1,
				"description": "TX forcing",
			},
		)
		people = [o.cadre[k] for k in ("a1", "a2", "a3", "a4")]
		for period in (cls.jan, cls.feb):
			generate_evaluations(period, only_cadres=people)
			for key in ("a1", "a2", "a3"):
				approve_as(o, get_evaluation(period, o.cadre[key]).name, 10)
		# the Standing Committee lifts a4's forced January, with its reason, and the head approves it;
		# February as computed
		name = get_evaluation(cls.jan, o.cadre["a4"]).name
		act_on_evaluation(o.user["a4"], name, "Self-Assess", "self_score", 10)
		act_on_evaluation(o.user["ratera"], name, "Rate Evaluation", "rater_score", 10)
		act_on_evaluation(
			o.user["sc"],
			name,
			None,
			final_level="B",
			override_reason="Kết luận suy thoái đã được xem xét lại (kiểm thử)",
		)
		act_on_evaluation(o.user["head"], name, "Approve")
		approve_as(o, get_evaluation(cls.feb, o.cadre["a4"]).name, 10)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_a_failed_product_keeps_good_and_excellent_from_the_month_and_the_year(self):
		o = self.o
		january = get_evaluation(self.jan, o.cadre["a1"])
		self.assertEqual(january.total_score, 85)  # quality 20 less 25 % of the failed product
		self.assertEqual(january.final_level, "C")
		self.assertIn("quality", january.reasons)
		self.assertEqual(get_evaluation(self.feb, o.cadre["a1"]).final_level, "A")
		# the year averages 87.5, but a product of the year failed: not B (Art. 11)
		with as_user(o.user["admin"]):
			create_cadre_classifications("Year", str(YEAR))
		classification = frappe.get_doc(
			CLASSIFICATION, {"cadre": o.cadre["a1"], "classification_type": "Year", "year": YEAR}
		)
		self.assertEqual((classification.average_score, classification.proposed_level), (87.5, "C"))
		self.assertIn("quality", classification.reasons)
		stored = year_result(o.cadre["a1"])
		self.assertEqual((stored.average_score, stored.proposed_level), (87.5, "C"))
		with as_user(o.user["head"]):
			_columns, rows, *_ = proposal.execute({"year": str(YEAR), "organization_unit": o.board_a})
		live = {row["cadre"]: row for row in rows}
		# one computation: the stored year, the live proposal and the classification agree for all
		for key in ("a1", "a2", "a3", "a4"):
			cadre = o.cadre[key]
			doc = frappe.get_doc(
				CLASSIFICATION, {"cadre": cadre, "classification_type": "Year", "year": YEAR}
			)
			self.assertEqual(
				(live[cadre]["proposed_level"], year_result(cadre).proposed_level),
				(doc.proposed_level, doc.proposed_level),
				key,
			)
		self.assertEqual(live[o.cadre["a2"]]["proposed_level"], "A")

	def test_a_lifted_forcing_stays_lifted_in_the_year(self):
		o = self.o
		january = get_evaluation(self.jan, o.cadre["a4"])
		self.assertEqual((january.not_completed_forced, january.forced_level_lifted), (1, 1))
		self.assertEqual((january.computed_level, january.final_level), ("D", "B"))
		stored = year_result(o.cadre["a4"])
		self.assertEqual((stored.disciplined, stored.proposed_level), (0, "A"))
		rows = year_proposals(YEAR, [o.cadre["a4"]])
		self.assertEqual((rows[0]["disciplined"], rows[0]["proposed_level"]), (0, "A"))
		with as_user(o.user["admin"]):
			create_cadre_classifications("Quarter", str(YEAR), "1")
		quarter = frappe.get_doc(
			CLASSIFICATION,
			{"cadre": o.cadre["a4"], "classification_type": "Quarter", "year": YEAR, "quarter": "1"},
		)
		self.assertEqual((quarter.disciplined, quarter.proposed_level), (0, "A"))
		lifted = [row.forced_level_lifted for row in quarter.periods]
		self.assertEqual(lifted, [1, 0])  # the lift is shown on the period's row

	def test_discipline_recorded_after_approval_reaches_the_year_at_once(self):
		o = self.o
		january = get_evaluation(self.jan, o.cadre["a3"])
		self.assertEqual((january.docstatus, january.final_level), (1, "A"))
		self.assertEqual(year_result(o.cadre["a3"]).proposed_level, "A")
		with as_user(o.user["admin"]):
			create_cadre_classifications("Year", str(YEAR), organization_unit=o.board_a)
		draft = frappe.db.get_value(
			CLASSIFICATION, {"cadre": o.cadre["a3"], "classification_type": "Year", "year": YEAR}
		)
		record = raw_insert(
			"Violation Record",
			{
				"cadre": o.cadre["a3"],
				"organization_unit": o.board_a,
				"violation_category": self.plain,
				"detected_on": f"{YEAR}-01-12",
				"detection_source": "Superior Report",
				"discipline_outcome": "Reprimand",
				"discipline_decision": "QĐ 07-QĐ/TX",
				"discipline_decision_date": f"{YEAR}-01-25",
				"workflow_state": "Reported",
				"description": "TX reprimand after approval",
			},
		)
		act(record, "Verify", o.user["admin"])  # the Discipline Administrator verifies it
		january.reload()
		self.assertEqual((january.total_score, january.final_level), (90, "A"))  # not re-scored
		self.assertIn(record, january.discipline_note)
		self.assertIn("Reprimand", january.discipline_note)
		comments = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Cadre Evaluation", "reference_name": january.name},
			pluck="content",
		)
		self.assertTrue(any(record in (c or "") for c in comments))
		stored = year_result(o.cadre["a3"])
		self.assertEqual((stored.disciplined, stored.proposed_level), (1, "D"))
		classification = frappe.get_doc(CLASSIFICATION, draft)
		self.assertEqual((classification.disciplined, classification.proposed_level), (1, "D"))
		with as_user(o.user["head"]):
			_columns, rows, *_ = proposal.execute({"year": str(YEAR), "organization_unit": o.board_a})
		self.assertEqual(next(r for r in rows if r["cadre"] == o.cadre["a3"])["proposed_level"], "D")
		# the decision annulled on the record: the note goes and the year comes back
		with as_user(o.user["admin"]):
			frappe.client.set_value(
				"Violation Record",
				record,
				{"discipline_outcome": "None", "discipline_decision": None, "discipline_decision_date": None},
			)
		january.reload()
		self.assertFalse(january.discipline_note)
		self.assertEqual(year_result(o.cadre["a3"]).proposed_level, "A")

	def test_an_act_already_rated_not_completed_is_not_counted_in_the_year_of_its_decision(self):
		"""Decree 48/2023: detected in December of the year before with a forcing category, decided in
		this year's January: this year is not disciplined for it."""
		o = self.o
		raw_insert(
			"Violation Record",
			{
				"cadre": o.cadre["a2"],
				"organization_unit": o.board_a,
				"violation_category": self.forcing,
				"detected_on": f"{YEAR - 1}-12-10",
				"detection_source": "Superior Report",
				"discipline_outcome": "Warning",
				"discipline_decision": "QĐ 01-QĐ/TX",
				"discipline_decision_date": f"{YEAR}-01-05",
				"workflow_state": "Verified",
				"docstatus": 1,
				"description": "TX counted the year before",
			},
		)
		rows = year_proposals(YEAR, [o.cadre["a2"]])
		self.assertEqual((rows[0]["disciplined"], rows[0]["proposed_level"]), (0, "A"))

	def test_a_year_quota_holds_no_month_and_no_quarter_back(self):
		o = self.o
		problems = finalization_problems(frappe.get_doc("Evaluation Period", self.feb))
		self.assertFalse([p for p in problems if "top level" in p.lower()], problems)
		# the form's figure informs and never warns: every January evaluation at A is within it
		quota = unit_quota_so_far(self.jan, o.board_a, POLICY)
		self.assertTrue(quota["ok"])
		self.assertIn("year's classification", quota["message"])
		with as_user(o.user["admin"]):
			create_cadre_classifications("Quarter", str(YEAR), "1")
		name = frappe.db.get_value(
			CLASSIFICATION,
			{"cadre": o.cadre["a2"], "classification_type": "Quarter", "year": YEAR, "quarter": "1"},
		)
		with as_user(o.user["head"]):  # saved from the form: its quota figure says where it holds
			frappe.client.set_value(CLASSIFICATION, name, "final_level", "A")
		self.assertIn("year's classification", frappe.db.get_value(CLASSIFICATION, name, "quota_note"))


RACE_WORLD = {
	"email": "{}@race.test",
	"units": {
		"root": ("RACE Committee", "RC", None),
		"board": ("RACE Board", "RB", "root", {"unit_kind": "Party Board"}),
	},
	"people": {
		"sc": ("RACE Thường vụ", "root", ["Standing Committee", "Cadre"], {"is_leader": 1}),
		"head": ("RACE Bí thư", "root", ["Unit Head", "Cadre"], {"rater": "sc", "is_leader": 1}),
		"rater": ("RACE Trưởng ban", "board", ["Rater", "Cadre"], {"rater": "head"}),
		"x1": ("RACE Chuyên viên 1", "board", ["Cadre"], {"rater": "rater"}),
		"x2": ("RACE Chuyên viên 2", "board", ["Cadre"], {"rater": "rater"}),
		"x3": ("RACE Chuyên viên 3", "board", ["Cadre"], {"rater": "rater"}),
		"x4": ("RACE Chuyên viên 4", "board", ["Cadre"], {"rater": "rater"}),
		"x5": ("RACE Chuyên viên 5", "board", ["Cadre"], {"rater": "rater"}),
		"x6": ("RACE Chuyên viên 6", "board", ["Cadre"], {"rater": "rater"}),
		"admin": ("RACE Quản trị", "root", ["Discipline Administrator", "Cadre"]),
	},
	"aliases": {"cadre": "cadres", "user": "users"},
}
RACE_POLICY = "RACE Year Quota Policy"


class TestTheYearsQuota(FrappeTestCase):
	"""Decree 335's quota on the year's classification (levels article 5(a)): those rated good are
	the base, and two Standing Committee members approving the pool's last top-level place at the
	same moment never both pass (issue 22 item 7)."""

	def test_the_last_top_level_place_goes_to_one_of_two_racing_approvals(self):
		import threading

		from soson_discipline.tests.factories import committed_world, in_thread

		with committed_world():
			frappe.set_user("Administrator")
			o = build_world(RACE_WORLD)
			make_policy(RACE_POLICY, effective_from=f"{YEAR}-01-01", quota_percent=20)
			frappe.db.set_value(
				"Evaluation Policy",
				RACE_POLICY,
				{"quota_base": "Rated Good", "quota_period": "Year's Classification"},
			)
			period = make_period(f"{YEAR}-03-01", f"{YEAR}-03-31", policy=RACE_POLICY)
			people = ("x1", "x2", "x3", "x4", "x5", "x6")
			generate_evaluations(period, only_cadres=[o.cadre[k] for k in people])
			# x1 and x2 at the top, five others... x3 to x6 good: 20 % of the good allows one top level
			for key in people:
				approve_as(o, get_evaluation(period, o.cadre[key]).name, 10 if key in ("x1", "x2") else 7)
			with as_user(o.user["admin"]):
				create_cadre_classifications("Year", str(YEAR))
			names = {
				key: frappe.db.get_value(
					CLASSIFICATION, {"cadre": o.cadre[key], "classification_type": "Year", "year": YEAR}
				)
				for key in people
			}
			levels = {
				key: frappe.db.get_value(CLASSIFICATION, names[key], "proposed_level") for key in people
			}
			self.assertEqual(levels, {"x1": "A", "x2": "A", "x3": "B", "x4": "B", "x5": "B", "x6": "B"})
			with as_user(o.user["head"]):
				for key in ("x1", "x2"):
					apply_workflow(frappe.get_doc(CLASSIFICATION, names[key]), "Submit for Approval")
			frappe.db.commit()

			results: list = []
			barrier = threading.Barrier(2)
			site = frappe.local.site
			threads = [
				in_thread(
					site,
					o.user["sc"],
					lambda name=names[key]: (
						apply_workflow(frappe.get_doc(CLASSIFICATION, name), "Approve").name
					),
					results,
					barrier,
				)
				for key in ("x1", "x2")
			]
			for thread in threads:
				thread.join(60)
			frappe.db.rollback()  # a fresh snapshot: what the two requests committed
			outcomes = sorted(kind for kind, _value in results)
			self.assertEqual(outcomes, ["error", "ok"], results)
			refused = next(value for kind, value in results if kind == "error")
			self.assertIsInstance(refused, QuotaExceededError)
			self.assertIn("RACE Board", str(refused))
			approved = [
				key
				for key in ("x1", "x2")
				if frappe.db.get_value(CLASSIFICATION, names[key], "docstatus") == 1
			]
			self.assertEqual(len(approved), 1)
			# the refused one is still pending, whole: nothing of the refused approval was written
			other = "x2" if approved == ["x1"] else "x1"
			self.assertEqual(
				frappe.db.get_value(CLASSIFICATION, names[other], ["docstatus", "workflow_state"]),
				(0, "Pending Approval"),
			)
		self.assertFalse(frappe.db.exists("Organization Unit", {"unit_name": "RACE Board"}))
