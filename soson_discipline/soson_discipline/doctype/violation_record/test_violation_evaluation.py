# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""A verified violation deducts its category's points from the cadre's evaluation of the period and
a discipline outcome of reprimand or above forces "not completed"; dismissing or cancelling the
record restores the evaluation. Driven through the Violation Record workflow as the real people."""

import frappe
from frappe.tests.utils import FrappeTestCase

from soson_discipline.tests.factories import VIOLATIONS_WORLD, act, build_world, make_record, with_user

PERIOD_START, PERIOD_END, DETECTED = "2026-10-01", "2026-10-31", "2026-10-15"


class TestViolationEffectOnEvaluation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		if not frappe.db.exists("DocType", "Cadre Evaluation"):
			raise cls.skipTest(cls, "Cadre Evaluation is not installed")
		from soson_discipline.tests.factories import make_period, make_policy

		cls.w = build_world(VIOLATIONS_WORLD)
		make_policy()
		cls.period = make_period(PERIOD_START, PERIOD_END)
		cls.evaluation = frappe.db.get_value(
			"Cadre Evaluation", {"evaluation_period": cls.period, "cadre": cls.w.cadre}
		) or (
			frappe.get_doc(
				{"doctype": "Cadre Evaluation", "evaluation_period": cls.period, "cadre": cls.w.cadre}
			)
			.insert(ignore_permissions=True)
			.name
		)

	def tearDown(self):
		frappe.set_user("Administrator")

	def figures(self):
		# Issue 11: the ethics row (source Violations) holds the people's score; the deduction applies on
		# top of it, so its effect is read on the total (the row used to start full and absorb it).
		doc = frappe.get_doc("Cadre Evaluation", self.evaluation)
		return frappe._dict(
			deduction=doc.violation_deduction,
			total=doc.total_score,
			outcome=doc.discipline_outcome,
			forced=bool(doc.not_completed_forced),
			level=doc.final_level,
		)

	def update(self, name, user, **values):
		doc = frappe.get_doc("Violation Record", name)
		doc.update(values)
		with_user(user, doc.save)

	def test_deduction_and_discipline_override_appear_and_disappear(self):
		w = self.w
		base = self.figures()
		self.assertEqual((base.deduction, base.forced), (0, False))

		record = make_record(w, detected_on=DETECTED)
		self.assertEqual(self.figures().deduction, 0, "a reported (unverified) violation does not count")

		act(record, "Verify", w.inspector2_user)
		after = self.figures()
		self.assertEqual(
			(after.deduction, after.total), (5, base.total - 5), "the category's 5 points are deducted"
		)
		self.assertFalse(after.forced)

		self.update(
			record.name, w.inspector2_user, discipline_outcome="Reprimand", discipline_decision="07-QĐ/UBKT"
		)
		after = self.figures()
		self.assertEqual(after.outcome, "Reprimand")
		self.assertTrue(after.forced)
		self.assertEqual(after.level, "D", "reprimand forces 'not completed' whatever the points")

		# a reminder is not discipline: the override goes, the deduction stays
		self.update(record.name, w.inspector2_user, discipline_outcome="Reminder")
		after = self.figures()
		self.assertFalse(after.forced)
		self.assertEqual(after.deduction, 5)

		self.update(
			record.name,
			w.inspector2_user,
			discipline_outcome="None",
			dismissal_reason="Xác minh lại: không vi phạm",
		)
		act(record, "Dismiss", w.inspector2_user)
		after = self.figures()
		self.assertEqual(
			(after.deduction, after.total, after.forced), (0, base.total, False), "dismissal restores it"
		)
		self.assertEqual(after.level, base.level)

	def test_forcing_category_and_cancellation(self):
		w = self.w
		base = self.figures()
		record = act(
			make_record(w, detected_on=DETECTED, violation_category=w.forcing_category),
			"Verify",
			w.inspector2_user,
		)
		after = self.figures()
		self.assertEqual(after.deduction, 10)
		# issue 11: no longer capped at the ethics criterion's points (no cap unless the policy sets one)
		self.assertEqual(after.total, base.total - 10, "the whole deduction counts")
		self.assertTrue(after.forced, "the category forces 'not completed'")

		doc = frappe.get_doc("Violation Record", record.name)
		with_user(w.inspector2_user, doc.cancel)
		after = self.figures()
		self.assertEqual(
			(after.deduction, after.total, after.forced), (0, base.total, False), "cancelling restores it"
		)

	def test_other_period_not_touched(self):
		w = self.w
		act(make_record(w, detected_on="2026-11-02"), "Verify", w.inspector2_user)
		self.assertEqual(self.figures().deduction, 0, "a November violation does not touch October")
