# Copyright (c) 2026, Soson Discipline Contributors and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_months, getdate

from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.scoring.periods import month_bounds
from soson_discipline.soson_discipline.doctype.evaluation_period.evaluation_period import period_title
from soson_discipline.tasks import (
	advance_evaluation_periods,
	create_monthly_cadre_evaluations,
	send_evaluation_step_reminders,
)
from soson_discipline.tests.factories import (
	EVALUATION_WORLD,
	approve_as,
	build_world,
	get_evaluation,
	make_period,
	make_policy,
)

COMPARE_IGNORE = {"name", "creation", "modified", "parent", "owner", "modified_by"}


def snapshot(period: str) -> dict:
	"""Evaluations of a period with their score rows, keyed by cadre, minus names and timestamps."""
	out = {}
	for doc in frappe.get_all("Cadre Evaluation", filters={"evaluation_period": period}, fields=["*"]):
		rows = frappe.get_all(
			"Cadre Evaluation Score",
			filters={"parent": doc.name, "parenttype": "Cadre Evaluation"},
			fields=["*"],
			order_by="idx",
		)
		out[doc.cadre] = (
			{k: v for k, v in doc.items() if k not in COMPARE_IGNORE},
			[{k: v for k, v in r.items() if k not in COMPARE_IGNORE} for r in rows],
		)
	return out


class TestEvaluationPeriod(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = build_world(EVALUATION_WORLD)
		make_policy()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_title_and_bad_dates(self):
		period = frappe.get_doc("Evaluation Period", make_period("2040-11-01", "2040-11-30"))
		self.assertEqual(period.title, "Tháng 11/2040")
		self.assertEqual(
			period_title(frappe.utils.getdate("2040-10-01"), frappe.utils.getdate("2040-12-31")), "Quý 4/2040"
		)
		bad = frappe.get_doc(
			{
				"doctype": "Evaluation Period",
				"evaluation_policy": "CE Test Policy",
				"period_start": "2040-12-10",
				"period_end": "2040-12-01",
			}
		)
		self.assertRaises(frappe.ValidationError, bad.insert)

	def test_overlap_with_same_policy_refused(self):
		make_period("2041-01-01", "2041-01-31")
		overlapping = frappe.get_doc(
			{
				"doctype": "Evaluation Period",
				"evaluation_policy": "CE Test Policy",
				"period_start": "2041-01-15",
				"period_end": "2041-02-14",
			}
		)
		with self.assertRaises(frappe.ValidationError) as ctx:
			overlapping.insert()
		self.assertIn("overlaps", str(ctx.exception))
		make_policy("CE Test Policy 2", effective_from="2040-01-01")
		self.assertTrue(make_period("2041-01-01", "2041-01-31", policy="CE Test Policy 2"))

	def test_monthly_job_is_idempotent(self):
		periods = create_monthly_cadre_evaluations("2041-03-01")
		self.assertEqual(len(periods), 1)  # no cadre category has a policy of its own
		period = periods[0]
		count = frappe.db.count("Cadre Evaluation", {"evaluation_period": period})
		active = frappe.db.count("Cadre", {"status": "Active"})
		self.assertEqual(count, active)
		self.assertEqual(create_monthly_cadre_evaluations("2041-03-20"), periods)
		self.assertEqual(frappe.db.count("Cadre Evaluation", {"evaluation_period": period}), count)
		self.assertEqual(generate_evaluations(period), [])
		# a crash half-way: the missing ones are created on the next run
		frappe.db.delete(
			"Cadre Evaluation Score", {"parent": get_evaluation(period, self.o.cadre["a1"]).name}
		)
		frappe.db.delete("Cadre Evaluation", {"evaluation_period": period, "cadre": self.o.cadre["a1"]})
		self.assertEqual(len(generate_evaluations(period)), 1)
		self.assertEqual(frappe.db.count("Cadre Evaluation", {"evaluation_period": period}), count)

	def test_bulk_and_one_at_a_time_give_identical_rows(self):
		period = make_period("2041-04-01", "2041-04-30")
		generate_evaluations(period, bulk=True)
		bulk = snapshot(period)
		names = frappe.get_all("Cadre Evaluation", filters={"evaluation_period": period}, pluck="name")
		frappe.db.delete("Cadre Evaluation Score", {"parent": ("in", names)})
		frappe.db.delete("Cadre Evaluation", {"name": ("in", names)})
		generate_evaluations(period, bulk=False)
		single = snapshot(period)
		self.assertTrue(bulk)
		self.assertEqual(bulk, single)

	def test_create_evaluations_button_for_presiding_board_only(self):
		period = make_period("2041-05-01", "2041-05-31")
		frappe.set_user(self.o.user["a1"])
		doc = frappe.get_doc("Evaluation Period", period)
		self.assertRaises(frappe.PermissionError, doc.create_evaluations)
		frappe.set_user(self.o.user["admin"])
		doc.create_evaluations()
		self.assertTrue(
			frappe.db.exists("Cadre Evaluation", {"evaluation_period": period, "cadre": self.o.cadre["b1"]})
		)

	def test_finalize_checks_quota_and_approval_then_locks(self):
		o = self.o
		period = make_period("2041-06-01", "2041-06-30")
		generate_evaluations(period, commit=False)
		# only our test cadres count here: drop the others of the site
		ours = set(o.cadre.values())
		for name, cadre in frappe.get_all(
			"Cadre Evaluation", {"evaluation_period": period}, ["name", "cadre"], as_list=True
		):
			if cadre not in ours:
				frappe.db.delete("Cadre Evaluation Score", {"parent": name})
				frappe.db.delete("Cadre Evaluation", name)
		doc = frappe.get_doc("Evaluation Period", period)
		doc.status = "Finalized"
		with self.assertRaises(frappe.ValidationError) as ctx:
			doc.save()
		self.assertIn("not approved", str(ctx.exception))

		for key in ("a1", "a2", "a3", "a4"):
			approve_as(o, get_evaluation(period, o.cadre[key]).name, 10)  # 100 points: A for all four
		for key in ("ratera", "b1", "raterb"):
			approve_as(o, get_evaluation(period, o.cadre[key]).name, 2)
		leaders = [get_evaluation(period, o.cadre[k]).name for k in ("head", "sc", "admin")]
		for name in leaders:
			frappe.db.delete("Cadre Evaluation Score", {"parent": name})
			frappe.db.delete("Cadre Evaluation", name)

		frappe.set_user(o.user["admin"])
		doc = frappe.get_doc("Evaluation Period", period)
		doc.status = "Finalized"
		with self.assertRaises(frappe.ValidationError) as ctx:
			doc.save()
		message = str(ctx.exception)
		self.assertIn("CE Test Board A", message)
		self.assertIn("4 cadres are at the top level", message)

		# the unit head brings board A within its 30 % (1 of 5 rated in the unit may be A)
		frappe.set_user("Administrator")
		for key in ("a2", "a3", "a4"):
			name = get_evaluation(period, o.cadre[key]).name
			frappe.db.set_value("Cadre Evaluation", name, {"final_level": "B", "override_reason": "Quota"})
		frappe.set_user(o.user["admin"])
		doc = frappe.get_doc("Evaluation Period", period)
		doc.finalize()
		self.assertEqual(doc.status, "Finalized")
		locked = frappe.get_all("Cadre Evaluation", {"evaluation_period": period}, pluck="locked")
		self.assertTrue(locked and all(locked))
		frappe.set_user("Administrator")
		evaluation = get_evaluation(period, o.cadre["a1"])
		self.assertRaises(frappe.ValidationError, evaluation.cancel)
		doc.reload()
		doc.status = "Approval"
		self.assertRaises(frappe.ValidationError, doc.save)

	def test_reminders_once_a_day(self):
		o = self.o
		last_month = month_bounds(add_months(getdate(), -1))
		this_month = month_bounds(getdate())
		period = make_period(*last_month)
		current = make_period(*this_month)
		for p in (period, current):
			generate_evaluations(p)
		frappe.db.set_single_value(
			"Discipline Settings",
			{
				"self_assessment_due_day": 1,
				"rating_due_day": 2,
				"approval_due_day": 3,
				"reminder_lead_days": 3,
			},
		)
		frappe.clear_document_cache("Discipline Settings", "Discipline Settings")

		def reminders(p):
			name = get_evaluation(p, o.cadre["a1"]).name
			return frappe.db.count("Notification Log", {"for_user": o.user["a1"], "document_name": name})

		self.assertGreater(send_evaluation_step_reminders(), 0)
		self.assertEqual(reminders(period), 1)  # last month's self-assessment is due
		self.assertEqual(reminders(current), 0)  # this month is not over
		self.assertEqual(send_evaluation_step_reminders(), 0)  # once a day
		self.assertEqual(reminders(period), 1)

	def test_periods_move_on_after_due_days(self):
		period = make_period("2041-08-01", "2041-08-31")
		generate_evaluations(period)
		frappe.db.set_single_value(
			"Discipline Settings",
			{
				"self_assessment_due_day": 5,
				"rating_due_day": 8,
				"approval_due_day": 10,
				"reminder_lead_days": 3,
			},
		)
		frappe.clear_document_cache("Discipline Settings", "Discipline Settings")
		advance_evaluation_periods("2041-08-31")
		self.assertEqual(frappe.db.get_value("Evaluation Period", period, "status"), "Open")
		advance_evaluation_periods("2041-09-02")
		self.assertEqual(frappe.db.get_value("Evaluation Period", period, "status"), "Self-Assessment")
		advance_evaluation_periods("2041-09-09")
		self.assertEqual(frappe.db.get_value("Evaluation Period", period, "status"), "Approval")
		advance_evaluation_periods("2041-09-20")  # not all approved: stays at Approval
		self.assertEqual(frappe.db.get_value("Evaluation Period", period, "status"), "Approval")
		self.assertEqual(advance_evaluation_periods("2041-09-20"), [])
