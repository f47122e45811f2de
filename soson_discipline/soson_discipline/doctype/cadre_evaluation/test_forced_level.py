# Copyright (c) 2026, Soson Discipline Contributors and Contributors
# See license.txt

"""Issue 11, as real users: a "not completed" forced by discipline is lifted only by the Standing
Committee, with a reason, logged; discipline counts in the period of its decision."""

import frappe
from frappe.tests.utils import FrappeTestCase

from soson_discipline.evaluation.cycle import refresh_evaluations
from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.tests.factories import (
	EVALUATION_WORLD,
	act_on_evaluation,
	as_user,
	build_world,
	get_evaluation,
	make_period,
	make_policy,
)

REFUSED = (frappe.PermissionError, frappe.ValidationError)
FORCED_CATEGORY = {
	"doctype": "Violation Category",
	"category_name": "CE Forced Test Category",
	"code": "CE-FORCED",
	"default_severity": "High",
	"default_deduction": 2,
	"forces_not_completed": 1,
}
PLAIN_CATEGORY = {
	"doctype": "Violation Category",
	"category_name": "CE Timing Test Category",
	"code": "CE-TIMING",
	"default_severity": "Low",
	"default_deduction": 3,
	"forces_not_completed": 0,
}


def ensure_category(values: dict) -> str:
	return (
		frappe.db.get_value("Violation Category", {"code": values["code"]})
		or frappe.get_doc(values).insert(ignore_permissions=True).name
	)


def verified_record(w, cadre_key: str, category: str, detected_on: str, **values) -> str:
	"""A verified violation record (the Violation Record workflow has its own tests)."""
	record = frappe.get_doc(
		{
			"doctype": "Violation Record",
			"cadre": w.cadre[cadre_key],
			"organization_unit": frappe.db.get_value("Cadre", w.cadre[cadre_key], "organization_unit"),
			"violation_category": category,
			"detected_on": detected_on,
			"detection_source": "Other",
			"description": "Vi phạm (kiểm thử)",
		}
	)
	record.flags.ignore_permissions = True
	record.insert()
	frappe.db.set_value("Violation Record", record.name, {"workflow_state": "Verified", **values})
	return record.name


class TestForcedLevel(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = build_world(EVALUATION_WORLD)
		make_policy()
		cls.period = make_period("2025-02-01", "2025-02-28")
		generate_evaluations(cls.period)
		verified_record(cls.o, "a2", ensure_category(FORCED_CATEGORY), "2025-02-10")
		refresh_evaluations(cls.o.cadre["a2"], "2025-02-10")

	def tearDown(self):
		frappe.set_user("Administrator")

	def rated_evaluation(self) -> str:
		"""a2's evaluation, self-assessed and rated (forced to D by the category)."""
		o, name = self.o, get_evaluation(self.period, self.o.cadre["a2"]).name
		if frappe.db.get_value("Cadre Evaluation", name, "workflow_state") == "Draft":
			act_on_evaluation(o.user["a2"], name, "Self-Assess", "self_score", 10)
			act_on_evaluation(o.user["ratera"], name, "Rate Evaluation", "rater_score", 10)
		return name

	def lift(self, user: str, name: str, reason: str | None):
		with as_user(user):
			doc = frappe.get_doc("Cadre Evaluation", name)
			doc.final_level, doc.override_reason = "B", reason
			doc.save()
			return doc

	def test_forced_level_is_computed(self):
		doc = frappe.get_doc("Cadre Evaluation", self.rated_evaluation())
		self.assertTrue(doc.not_completed_forced)
		self.assertEqual((doc.computed_level, doc.final_level), ("D", "D"))

	def test_unit_head_cannot_lift_a_forced_level(self):
		name = self.rated_evaluation()
		self.assertRaises(REFUSED, self.lift, self.o.user["head"], name, "Đơn vị đề nghị")
		self.assertEqual(frappe.db.get_value("Cadre Evaluation", name, "final_level"), "D")

	def test_rater_cannot_lift_a_forced_level(self):
		name = self.rated_evaluation()
		self.assertRaises(REFUSED, self.lift, self.o.user["ratera"], name, "Người chấm đề nghị")

	def test_standing_committee_lifts_with_a_reason_logged(self):
		name = self.rated_evaluation()
		self.assertRaises(frappe.MandatoryError, self.lift, self.o.user["sc"], name, None)
		reason = "Ban Thường vụ xem xét lại quyết định kỷ luật"
		doc = self.lift(self.o.user["sc"], name, reason)
		self.assertEqual((doc.computed_level, doc.final_level), ("D", "B"))
		comments = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Cadre Evaluation", "reference_name": name},
			pluck="content",
		)
		self.assertTrue(any(reason in (c or "") for c in comments), comments)
		# put it back for the other tests
		with as_user(self.o.user["sc"]):
			doc = frappe.get_doc("Cadre Evaluation", name)
			doc.final_level, doc.override_reason = "D", None
			doc.save()


class TestDisciplineByDecisionDate(FrappeTestCase):
	"""A decision dated in the next month disciplines that month, not the month of detection."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = build_world(EVALUATION_WORLD)
		make_policy()
		cls.march = make_period("2025-03-01", "2025-03-31")
		cls.april = make_period("2025-04-01", "2025-04-30")
		for period in (cls.march, cls.april):
			generate_evaluations(period)
		verified_record(
			cls.o,
			"a3",
			ensure_category(PLAIN_CATEGORY),
			"2025-03-20",
			discipline_outcome="Salary Downgrade",
			discipline_decision="7-QĐ/UBKT",
			discipline_decision_date="2025-04-05",
		)
		for day in ("2025-03-20", "2025-04-05"):
			refresh_evaluations(cls.o.cadre["a3"], day)

	def test_detection_month_keeps_the_deduction_without_the_discipline(self):
		doc = get_evaluation(self.march, self.o.cadre["a3"])
		self.assertEqual(doc.violation_deduction, 3)
		self.assertFalse(doc.not_completed_forced)
		self.assertFalse(doc.discipline_outcome)

	def test_decision_month_is_rated_not_completed(self):
		doc = get_evaluation(self.april, self.o.cadre["a3"])
		self.assertEqual(doc.violation_deduction, 0)
		self.assertEqual(doc.discipline_outcome, "Salary Downgrade")
		self.assertTrue(doc.not_completed_forced)
		self.assertEqual(doc.final_level, "D")
