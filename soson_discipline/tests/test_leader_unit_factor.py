"""A leader's task results follow the unit's operating result (issue #11, Decree 335/2025: 100 % when
every cadre of the unit is rated at least completed, 50 % when one is not), under a policy that sets
`Leader's Task Results Follow the Unit` — as the Discipline Administrator sets it from the form and as
the leader self-assesses from his."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.evaluation.inputs import get_scoring_policy, unit_result_factor
from soson_discipline.evaluation.step_rights import HeadBeforeUnitError
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

POLICY = "CE Leader Unit Factor Policy"


class TestLeaderUnitFactor(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = o = build_world(EVALUATION_WORLD)
		make_policy(POLICY, effective_from="2043-07-01")
		with as_user(o.user["admin"]):  # the Discipline Administrator, from the policy's form
			frappe.client.set_value("Evaluation Policy", POLICY, "leader_unit_factor", "1")
		# the committee's head leads the committee and its boards
		frappe.db.set_value("Organization Unit", o.root, "head_cadre", o.cadre["head"])
		cls.period = make_period("2043-07-01", "2043-07-31", policy=POLICY)
		generate_evaluations(cls.period, only_cadres=[o.cadre[k] for k in ("head", "a1", "a2")])
		cls.head_ev = get_evaluation(cls.period, o.cadre["head"]).name
		cls.a1_ev = get_evaluation(cls.period, o.cadre["a1"]).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def head_total(self):
		doc = act_on_evaluation(self.o.user["head"], self.head_ev, None, "self_score", 10)
		return doc.total_score, doc.reasons or ""

	def test_the_leaders_task_results_halve_when_a_cadre_of_the_unit_is_not_completed(self):
		total, reasons = self.head_total()
		# nobody of the unit is rated not completed: 20 general points (the ethics criterion left
		# unscored counts 0) and the 70 task points of a month without tasks
		self.assertEqual(total, 90)
		self.assertNotIn("50", reasons)

		# a1, in a board of the committee, approved as not completed
		approve_as(self.o, self.a1_ev, 10, final_level="D", override_reason="Serious delays")
		total, reasons = self.head_total()
		self.assertEqual(total, 55)  # 20 general points + 70 task points at 50 %
		self.assertIn("50%", reasons)

		# the cadre's own evaluation is not touched by the factor: only a leader's
		a1 = get_evaluation(self.period, self.o.cadre["a1"])
		self.assertNotIn("50%", a1.reasons or "")

	def test_only_the_administrator_sets_it_and_a_used_policy_keeps_it(self):
		with as_user(self.o.user["head"]), self.assertRaises(frappe.PermissionError):
			frappe.client.set_value("Evaluation Policy", POLICY, "leader_unit_factor", "0")
		# once an approved evaluation was scored by it, the rule stays
		approve_as(self.o, get_evaluation(self.period, self.o.cadre["a2"]).name, 10)
		with as_user(self.o.user["admin"]), self.assertRaises(frappe.ValidationError):
			frappe.client.set_value("Evaluation Policy", POLICY, "leader_unit_factor", "0")
		self.assertEqual(frappe.db.get_value("Evaluation Policy", POLICY, "leader_unit_factor"), 1)

	def test_an_untouched_draft_counts_nothing_and_the_head_is_approved_last(self):
		"""Issue 22: the unit factor reads rated or approved results only (a draft has no points at a
		level yet); a head's evaluation is approved after his unit's (Regulation 366: the head last),
		the refusal naming who is pending. A month of its own (August)."""
		o = self.o
		period = make_period("2043-08-01", "2043-08-31", policy=POLICY)
		generate_evaluations(period, only_cadres=[o.cadre[k] for k in ("head", "a1", "a2")])
		head_ev = get_evaluation(period, o.cadre["head"]).name
		a2 = get_evaluation(period, o.cadre["a2"]).name
		# what a draft may compute before anyone rated it: not completed; it does not halve the head's
		frappe.db.set_value("Cadre Evaluation", a2, {"computed_level": "D", "final_level": "D"})
		head = frappe.get_doc("Cadre Evaluation", head_ev)
		self.assertEqual(unit_result_factor(head, get_scoring_policy(POLICY)), 1.0)
		act_on_evaluation(o.user["head"], head_ev, "Self-Assess", "self_score", 10)
		act_on_evaluation(o.user["sc"], head_ev, "Rate Evaluation", "rater_score", 10)
		with as_user(o.user["sc"]), self.assertRaises(HeadBeforeUnitError) as raised:
			apply_workflow(frappe.get_doc("Cadre Evaluation", head_ev), "Approve")
		for key in ("a1", "a2"):
			self.assertIn(frappe.db.get_value("Cadre", o.cadre[key], "full_name"), str(raised.exception))
		self.assertEqual(frappe.db.get_value("Cadre Evaluation", head_ev, "docstatus"), 0)
		for key in ("a1", "a2"):
			approve_as(o, get_evaluation(period, o.cadre[key]).name, 10)
		with as_user(o.user["sc"]):
			apply_workflow(frappe.get_doc("Cadre Evaluation", head_ev), "Approve")
		self.assertEqual(frappe.db.get_value("Cadre Evaluation", head_ev, "docstatus"), 1)
