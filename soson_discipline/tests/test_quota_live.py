"""The top-level quota is seen while levels can still change (issue 11): the rater and the approver
find the unit's figure on the evaluation form, and approving a top level beyond it says so at once."""

import frappe
from frappe.desk.form.load import getdoc
from frappe.tests.utils import FrappeTestCase

from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.tests.factories import (
	EVALUATION_WORLD,
	act_on_evaluation,
	approve_as,
	build_world,
	get_evaluation,
	make_period,
	make_policy,
)


def form_onload(user: str, name: str) -> dict:
	"""What the desk receives in `__onload` when `user` opens the evaluation."""
	frappe.set_user(user)
	frappe.response.docs = []
	getdoc("Cadre Evaluation", name)
	return frappe.response.docs[0].get("__onload") or {}


class TestQuotaSeenLive(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = o = build_world(EVALUATION_WORLD)
		make_policy()
		cls.period = make_period("2043-03-01", "2043-03-31")
		generate_evaluations(cls.period, only_cadres=[o.cadre[k] for k in ("a1", "a2", "a3", "a4")])
		cls.ev = {k: get_evaluation(cls.period, o.cadre[k]).name for k in ("a1", "a2", "a3", "a4")}

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_rater_and_approver_see_the_quota_the_cadre_does_not(self):
		o = self.o
		approve_as(o, self.ev["a1"], 10)  # the top level, approved: 1 of 1 where 30 % allow 0
		act_on_evaluation(o.user["a2"], self.ev["a2"], "Self-Assess", "self_score", 10)

		quota = form_onload(o.user["head"], self.ev["a2"])["unit_quota"]
		# a1 at the top (and a3, a4 if the other test ran first): 30 % of at most 3 allows nobody
		self.assertGreaterEqual(quota["top_count"], 1)
		self.assertEqual(quota["allowed"], 0)
		self.assertFalse(quota["ok"])
		self.assertEqual(form_onload(o.user["ratera"], self.ev["a2"])["unit_quota"], quota)
		self.assertNotIn("unit_quota", form_onload(o.user["a2"], self.ev["a2"]))  # the cadre himself
		self.assertNotIn(
			"unit_quota", form_onload(o.user["a1"], self.ev["a1"])
		)  # approved: nothing to change

	def test_approving_a_top_level_beyond_the_quota_warns_and_a_lower_one_does_not(self):
		o = self.o
		frappe.clear_messages()
		approve_as(o, self.ev["a3"], 2)  # level B
		self.assertNotIn("Top-Level Quota Exceeded", str(frappe.message_log))
		approve_as(o, self.ev["a4"], 10)  # the top level, where 30 % of 2 or 3 allow nobody
		self.assertIn("Top-Level Quota Exceeded", str(frappe.message_log))
		self.assertEqual(frappe.db.get_value("Cadre Evaluation", self.ev["a4"], "docstatus"), 1)
		frappe.clear_messages()
