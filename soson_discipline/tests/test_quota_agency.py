"""The top-level quota counted per agency (issue 11, Decree 335: "in the same agency and in each group
with similar tasks"): units counted with another share its quota, in the period's finalization, the
form's live figure, the Monthly Evaluation Summary and the Periodic Report alike."""

import frappe
from frappe.tests.utils import FrappeTestCase

from soson_discipline.evaluation.cycle import finalization_problems
from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.evaluation.inputs import get_scoring_policy
from soson_discipline.evaluation.quota import quota_checks
from soson_discipline.soson_discipline.report.monthly_evaluation_summary import monthly_evaluation_summary
from soson_discipline.tests.factories import (
	EVALUATION_WORLD,
	act_on_evaluation,
	approve_as,
	as_user,
	build_world,
	get_evaluation,
	make_period,
	make_policy,
)
from soson_discipline.tests.test_quota_live import form_onload

POLICY = "CE Pooled Quota Policy"


class TestQuotaPerAgency(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = o = build_world(EVALUATION_WORLD)
		# 50 % of all rated: board B alone (1 of 2 at the top) keeps it, board A's 2 of 3 do not;
		# counted together with the committee, 3 of 5 exceed it, 2 of 5 would not
		make_policy(POLICY, effective_from="2044-01-01", quota_percent=50)
		cls.period = make_period("2044-05-01", "2044-05-31", policy=POLICY)
		people = ("a1", "a2", "a3", "b1", "raterb")
		generate_evaluations(cls.period, only_cadres=[o.cadre[k] for k in people])
		cls.ev = {k: get_evaluation(cls.period, o.cadre[k]).name for k in people}
		for key, score in (("a1", 10), ("a2", 10), ("a3", 2), ("raterb", 2)):
			approve_as(o, cls.ev[key], score)

	def tearDown(self):
		frappe.set_user("Administrator")

	def count_boards_with_the_committee(self):
		with as_user(self.o.user["admin"]):  # the Discipline Administrator, from the unit's form
			for board in (self.o.board_a, self.o.board_b):
				frappe.client.set_value("Organization Unit", board, "quota_agency", self.o.root)

	def uncount(self):
		for board in (self.o.board_a, self.o.board_b):
			frappe.db.set_value("Organization Unit", board, "quota_agency", None)

	def test_units_counted_together_share_one_quota(self):
		o = self.o
		policy = get_scoring_policy(POLICY)
		period = frappe.get_doc("Evaluation Period", self.period)
		# each unit on its own: board A (2 of 3 at the top, 50 % allow 1) is over
		problems = " ".join(finalization_problems(period))
		self.assertIn("CE Test Board A", problems)
		self.assertNotIn("CE Test Board B", problems)

		self.count_boards_with_the_committee()
		try:
			checks = quota_checks(self.period, policy, {o.board_b: ["B"]})
			pool, quota = checks[o.board_b]
			self.assertEqual(pool, o.root)
			# the pool's approved evaluations are read though the caller counted only board B's
			self.assertEqual((quota.top_count, quota.base_count, quota.allowed), (2, 4, 2))
			problems = " ".join(finalization_problems(period))
			self.assertNotIn("CE Test Board A", problems)  # 2 of 4 together: within

			# b1 rated at the top: the approver of board B sees the committee's figure, named
			act_on_evaluation(o.user["b1"], self.ev["b1"], "Self-Assess", "self_score", 10)
			act_on_evaluation(o.user["raterb"], self.ev["b1"], "Rate Evaluation", "rater_score", 10)
			live = form_onload(o.user["head"], self.ev["b1"])["unit_quota"]
			self.assertEqual(live["pool"], o.root)
			self.assertEqual((live["top_count"], live["base_count"], live["allowed"]), (3, 5, 2))
			self.assertFalse(live["ok"])
			self.assertIn("CE Test Committee", live["message"])

			# approved: 3 of 5 together, over; named once, as the committee
			act_on_evaluation(o.user["head"], self.ev["b1"], "Approve")
			quota_lines = [p for p in finalization_problems(period) if "CE Test Committee" in p]
			self.assertEqual(len(quota_lines), 1)
			self.assertIn("3", quota_lines[0])

			# the Monthly Evaluation Summary shows each board its pool's figure
			with as_user(o.user["admin"]):
				_columns, rows, *_ = monthly_evaluation_summary.execute({"evaluation_period": self.period})
			by_unit = {row["organization_unit"]: row for row in rows}
			for board in (o.board_a, o.board_b):
				self.assertEqual(by_unit[board]["quota_agency"], o.root)
				self.assertEqual(by_unit[board]["quota_status"], "Exceeded")
		finally:
			self.uncount()

	def test_a_pool_has_one_level(self):
		o = self.o
		with as_user(o.user["admin"]):
			with self.assertRaises(frappe.ValidationError):  # not with itself
				frappe.client.set_value("Organization Unit", o.board_a, "quota_agency", o.board_a)
			frappe.client.set_value("Organization Unit", o.board_a, "quota_agency", o.root)
			try:
				with self.assertRaises(frappe.ValidationError):  # the pool is not counted with another
					frappe.client.set_value("Organization Unit", o.root, "quota_agency", o.board_b)
				with self.assertRaises(frappe.ValidationError):  # nor with a unit that is itself counted
					frappe.client.set_value("Organization Unit", o.board_b, "quota_agency", o.board_a)
			finally:
				self.uncount()
		self.assertIsNone(frappe.db.get_value("Organization Unit", o.root, "quota_agency"))
