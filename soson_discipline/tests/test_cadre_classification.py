"""Quarter and year classification of each cadre (`Cadre Classification`, issue #11): worked out from
the approved evaluations under it, discipline dated in its span, Guidance 43's fourth quarter,
proposed by the unit head and approved by the Standing Committee within the pool's quota — driven as
the desk drives it, as the roles concerned."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from soson_discipline.endpoints import get_open_count
from soson_discipline.evaluation.classification import QuotaExceededError, create_cadre_classifications
from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.soson_discipline.report.annual_classification_proposal import (
	annual_classification_proposal as proposal,
)
from soson_discipline.tests.factories import (
	EVALUATION_WORLD,
	approve_as,
	as_user,
	build_world,
	get_evaluation,
	make_period,
	make_policy,
	raw_insert,
)

POLICY = "CC Classification Policy"
YEAR = 2046
CLASSIFICATION = "Cadre Classification"


def classification_of(cadre: str, kind: str = "Quarter", quarter: str = "1") -> str | None:
	return frappe.db.get_value(
		CLASSIFICATION,
		{
			"cadre": cadre,
			"classification_type": kind,
			"year": YEAR,
			"quarter": quarter,
			"docstatus": ("<", 2),
		},
	)


class TestCadreClassification(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = o = build_world(EVALUATION_WORLD)
		# 30 % of all rated: board A's four classifications allow one at the top
		make_policy(POLICY, effective_from="2046-01-01", quota_percent=30)
		cls.people = ("a1", "a2", "a3", "a4", "b1")
		months = (
			{"a1": 10, "a2": 10, "a3": 2, "a4": 10, "b1": 10},
			{"a1": 10, "a2": 10, "a3": 2, "a4": 2},
		)
		cls.periods = []
		for month, scores in enumerate(months, 1):
			period = make_period(f"{YEAR}-0{month}-01", f"{YEAR}-0{month}-28", policy=POLICY)
			cls.periods.append(period)
			generate_evaluations(period, only_cadres=[o.cadre[k] for k in scores])
			for key, score in scores.items():
				approve_as(o, get_evaluation(period, o.cadre[key]).name, score)
		# a3's reprimand: detected the year before, decided in February (after January's approval)
		raw_insert(
			"Violation Record",
			{
				"cadre": o.cadre["a3"],
				"organization_unit": o.board_a,
				"detected_on": f"{YEAR - 1}-12-10",
				"discipline_outcome": "Reprimand",
				"discipline_decision_date": f"{YEAR}-02-10",
				"workflow_state": "Verified",
				"docstatus": 1,
				"description": "CC test",
			},
		)
		with as_user(o.user["admin"]):  # the Discipline Administrator, from the list's button (text values)
			cls.created = create_cadre_classifications("Quarter", str(YEAR), "1")

	def tearDown(self):
		frappe.set_user("Administrator")

	def doc(self, key: str):
		return frappe.get_doc(CLASSIFICATION, classification_of(self.o.cadre[key]))

	def test_created_once_for_each_cadre_with_approved_evaluations(self):
		self.assertEqual(self.created, {"created": len(self.people)})
		with as_user(self.o.user["admin"]):
			self.assertEqual(create_cadre_classifications("Quarter", str(YEAR), "1"), {"created": 0})
		a4 = self.doc("a4")
		self.assertEqual((a4.periods_counted, len(a4.periods)), (2, 2))
		self.assertEqual(str(a4.period_start), f"{YEAR}-01-01")
		self.assertEqual(str(a4.period_end), f"{YEAR}-03-31")
		self.assertEqual(a4.organization_unit, self.o.board_a)
		totals = [row.total_score for row in a4.periods]
		self.assertAlmostEqual(a4.average_score, round(sum(totals) / 2, 2))
		self.assertEqual(self.doc("a1").proposed_level, "A")
		self.assertEqual(self.doc("a1").final_level, "A")  # the final level starts as the proposal
		self.assertEqual(self.doc("b1").periods_counted, 1)
		# saved again with nothing changed under it: the same rows, not rewritten ones
		with as_user(self.o.user["head"]):
			frappe.client.set_value(CLASSIFICATION, a4.name, "final_level", a4.proposed_level)
		self.assertEqual([r.name for r in self.doc("a4").periods], [r.name for r in a4.periods])
		self.assertEqual(self.doc("a1").workflow_state, "Draft")

	def test_discipline_decided_after_approval_counts_in_its_span(self):
		a3 = self.doc("a3")
		self.assertEqual(a3.disciplined, 1)
		self.assertEqual(a3.proposed_level, "D")
		# the unit head cannot lift it, with a reason or not
		with as_user(self.o.user["head"]), self.assertRaises(frappe.ValidationError) as raised:
			frappe.client.set_value(
				CLASSIFICATION, a3.name, {"final_level": "C", "level_reason": "Hardworking"}
			)
		self.assertIn("D", str(raised.exception))
		self.assertEqual(frappe.db.get_value(CLASSIFICATION, a3.name, "final_level"), "D")
		# the January evaluation itself was approved before the decision and stays as approved
		self.assertEqual(get_evaluation(self.periods[0], self.o.cadre["a3"]).not_completed_forced, 0)

	def test_bad_input_is_refused_with_the_field_named(self):
		o = self.o
		before = frappe.db.count(CLASSIFICATION)
		with as_user(o.user["admin"]):
			for args, field in (
				(("Quarter", "20x6", "1"), "Năm"),
				(("Quarter", str(YEAR), "5"), "Quý"),
				(("Month", str(YEAR), None), "Loại xếp loại"),
			):
				frappe.local.lang = "vi"
				try:
					with self.assertRaises(frappe.ValidationError) as raised:
						create_cadre_classifications(*args)
					self.assertIn(field, str(raised.exception))
				finally:
					frappe.local.lang = "en"
			# the second quarter has no approved evaluation: nothing to classify, nothing saved
			with self.assertRaises(frappe.ValidationError) as raised:
				frappe.client.insert(
					{
						"doctype": CLASSIFICATION,
						"cadre": o.cadre["a1"],
						"classification_type": "Quarter",
						"year": str(YEAR),
						"quarter": "2",
					}
				)
			self.assertIn("no approved evaluation", str(raised.exception))
			# a second classification of the same quarter
			with self.assertRaises(frappe.DuplicateEntryError):
				frappe.client.insert(
					{
						"doctype": CLASSIFICATION,
						"cadre": o.cadre["a1"],
						"classification_type": "Quarter",
						"year": str(YEAR),
						"quarter": "1",
					}
				)
		self.assertEqual(frappe.db.count(CLASSIFICATION), before)
		name = self.doc("a4").name
		with as_user(o.user["head"]):
			with self.assertRaises(frappe.ValidationError) as raised:  # not a level of the policy
				frappe.client.set_value(CLASSIFICATION, name, "final_level", "Z")
			self.assertIn("Z", str(raised.exception))
			with self.assertRaises(frappe.MandatoryError):  # another level without a reason
				frappe.client.set_value(CLASSIFICATION, name, "final_level", "A")

	def test_scope_workflow_and_the_pools_quota(self):
		o = self.o
		a1, a2 = self.doc("a1").name, self.doc("a2").name
		# a cadre reads his own classification only; the head of board B does not touch board A's
		with as_user(o.user["a1"]):
			names = frappe.get_list(CLASSIFICATION, pluck="name")
			self.assertIn(a1, names)
			self.assertNotIn(a2, names)
			self.assertFalse(frappe.has_permission(CLASSIFICATION, "write", a1))
		with as_user(o.user["raterb"]), self.assertRaises(frappe.PermissionError):
			frappe.client.set_value(CLASSIFICATION, a1, "level_reason", "x")
		# the cadre's form lists it among his connections
		with as_user(o.user["a1"]):
			links = get_open_count("Cadre", o.cadre["a1"])["count"]["external_links_found"]
		self.assertEqual(next(x for x in links if x["doctype"] == CLASSIFICATION)["count"], 1)

		# the unit head proposes; he may not approve; the Standing Committee approves
		with as_user(o.user["head"]):
			for name in (a1, a2):
				apply_workflow(frappe.get_doc(CLASSIFICATION, name), "Submit for Approval")
			with self.assertRaises(frappe.ValidationError):
				apply_workflow(frappe.get_doc(CLASSIFICATION, a1), "Approve")
		with as_user(o.user["sc"]):
			apply_workflow(frappe.get_doc(CLASSIFICATION, a1), "Approve")
			self.assertEqual(frappe.db.get_value(CLASSIFICATION, a1, "docstatus"), 1)
			# a second top level in board A: 2 of 4 where 30 % allow 1
			with self.assertRaises(QuotaExceededError) as raised:
				apply_workflow(frappe.get_doc(CLASSIFICATION, a2), "Approve")
			self.assertIn("CE Test Board A", str(raised.exception))
			self.assertEqual(
				frappe.db.get_value(CLASSIFICATION, a2, ["docstatus", "workflow_state"]),
				(0, "Pending Approval"),
			)
			apply_workflow(frappe.get_doc(CLASSIFICATION, a2), "Return")
		with as_user(o.user["head"]):  # lowered, with the reason, from the form
			frappe.client.set_value(
				CLASSIFICATION, a2, {"final_level": "B", "level_reason": "Quota of the board"}
			)
			apply_workflow(frappe.get_doc(CLASSIFICATION, a2), "Submit for Approval")
		with as_user(o.user["sc"]):
			apply_workflow(frappe.get_doc(CLASSIFICATION, a2), "Approve")
		a2_doc = frappe.get_doc(CLASSIFICATION, a2)
		self.assertEqual((a2_doc.docstatus, a2_doc.final_level), (1, "B"))
		self.assertIn("1", a2_doc.quota_note)

	def test_a_direct_submit_skips_no_step(self):
		with as_user(self.o.user["head"]), self.assertRaises(frappe.PermissionError):
			frappe.client.submit(frappe.get_doc(CLASSIFICATION, self.doc("a4").name).as_dict())

	def test_the_fourth_quarter_goes_with_the_year_under_guidance_43(self):
		o = self.o
		period = make_period(f"{YEAR}-10-01", f"{YEAR}-10-28", policy=POLICY)
		generate_evaluations(period, only_cadres=[o.cadre["b1"]])
		approve_as(o, get_evaluation(period, o.cadre["b1"]).name, 10)
		frappe.db.set_value("Evaluation Policy", POLICY, "q4_with_year", 1)
		try:
			with as_user(o.user["admin"]):
				with self.assertRaises(frappe.ValidationError) as raised:
					create_cadre_classifications("Quarter", str(YEAR), "4")
				self.assertIn("43-HD/BTCTW", str(raised.exception))
				self.assertEqual(
					create_cadre_classifications("Year", str(YEAR)), {"created": len(self.people)}
				)
			year = frappe.get_doc(CLASSIFICATION, classification_of(o.cadre["b1"], "Year", ""))
			self.assertEqual(year.periods_counted, 2)  # January and the fourth quarter's evaluation
			# the year's proposal shows the classification beside what the months propose
			with as_user(o.user["sc"]):
				_columns, rows, *_ = proposal.execute({"year": str(YEAR), "organization_unit": o.board_b})
			row = next(r for r in rows if r["cadre"] == o.cadre["b1"])
			self.assertEqual(row["classification"], year.name)
			self.assertEqual(row["classification_state"], "Draft")
		finally:
			frappe.db.set_value("Evaluation Policy", POLICY, "q4_with_year", 0)

	def test_the_print_is_in_vietnamese_and_names_the_quarter(self):
		name = self.doc("b1").name
		with as_user(self.o.user["sc"]):
			frappe.local.lang = "vi"
			try:
				html = frappe.get_print(CLASSIFICATION, name, CLASSIFICATION)
			finally:
				frappe.local.lang = "en"
		self.assertIn("XẾP LOẠI CHẤT LƯỢNG CÁN BỘ HẰNG QUÝ", html)
		self.assertIn(f"Quý I năm {YEAR}", html)
		self.assertIn("CE Chuyên viên B1", html)
		# not his own: Frappe's print view answers as if it did not exist
		with (
			as_user(self.o.user["a1"]),
			self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)),
		):
			frappe.get_print(CLASSIFICATION, name, CLASSIFICATION)
