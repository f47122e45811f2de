"""Products counted as Decree 335/2025 Art. 14 counts them (issue 22, item 6), as the assigner and the
assignee drive a task through the desk's `frappe.client` calls:

- each delay of one product counts: a deadline missed and moved is one, a completion after the
  (new) due date another, and the penalty is taken for each;
- each failed assessment counts, even once the product was reworked and passed; an assessment
  corrected before any rework replaces the one it corrects;
- a product reopened after a failed assessment earns and costs nothing until it is completed again;
- only the task writes its history: a client that sends another one changes nothing;
- tasks completed before the history existed get the rows they can be known to have had (patch).
"""

import frappe
from frappe.client import get as client_get
from frappe.client import insert as client_insert
from frappe.client import save as client_save
from frappe.client import set_value
from frappe.tests.utils import FrappeTestCase

from soson_discipline.campaign.task_history import TaskAssessmentError
from soson_discipline.campaign.task_rules import task_figures_of
from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.patches.v0_1 import count_task_delays_and_failures
from soson_discipline.tests.factories import (
	EVALUATION_WORLD,
	as_user,
	build_world,
	get_evaluation,
	make_period,
	make_policy,
	raw_insert,
)

POLICY = "TH Per-Product Policy"
MAY = ("2023-05-01", "2023-05-31")


def events(task: str) -> list[tuple]:
	return [
		(row.event, row.is_delay, row.is_failure) for row in frappe.get_doc("Assigned Task", task).history
	]


class TestEachDelayAndFailureCounts(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = o = build_world(EVALUATION_WORLD)
		make_policy(POLICY, effective_from="2023-01-01")
		frappe.db.set_value("Evaluation Policy", POLICY, "penalty_rule", "Per-Product Penalty")
		cls.period = make_period(*MAY, policy=POLICY)
		with as_user(o.user["ratera"]):
			cls.task = client_insert(
				{
					"doctype": "Assigned Task",
					"title": "TH Báo cáo sơ kết (kiểm thử)",
					"organization_unit": o.board_a,
					"assignee": o.cadre["a1"],
					"assigned_by": o.cadre["ratera"],
					"start_date": "2023-05-01",
					"due_date": "2023-05-10",
					"weight": "2",
				}
			)["name"]

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_a_product_through_delays_failure_rework_and_pass(self):
		o, task = self.o, self.task
		self.assertEqual(frappe.db.get_value("Assigned Task", task, "status"), "Overdue")
		# the assigner moves a deadline already missed: a delay, kept in the history with its reason
		with as_user(o.user["ratera"]):
			with self.assertRaisesRegex(frappe.ValidationError, "Reason for the New Due Date"):
				set_value("Assigned Task", task, "due_date", "2023-05-20")
			set_value(
				"Assigned Task",
				task,
				{"due_date": "2023-05-20", "deadline_change_reason": "Chờ số liệu của các xã"},
			)
		self.assertEqual(events(task), [("Deadline Changed", 1, 0)])
		history = frappe.get_doc("Assigned Task", task)
		self.assertEqual(history.history[0].reason, "Chờ số liệu của các xã")
		self.assertEqual(str(history.original_due_date), "2023-05-10")
		self.assertFalse(history.deadline_change_reason)  # kept in the history, not on the task
		self.assertEqual(history.extension_count, 0)  # a missed deadline moved is a delay, not an extension
		# the assignee completes it after the new deadline: a second delay
		with as_user(o.user["a1"]):
			set_value("Assigned Task", task, {"status": "Completed", "completed_on": "2023-05-25"})
			# ... and may not assess it
			with self.assertRaises(TaskAssessmentError):
				set_value("Assigned Task", task, "quality_result", "Passed")
		self.assertEqual(frappe.db.get_value("Assigned Task", task, ["delay_count", "is_late"]), (2, 1))

		# the assigner fails it, corrects himself to Passed, then fails it again: one failure
		with as_user(o.user["ratera"]):
			for result in ("Failed", "Passed", "Failed"):
				set_value("Assigned Task", task, "quality_result", result)
		self.assertEqual(frappe.db.get_value("Assigned Task", task, "failed_assessments"), 1)

		# the assignee reopens it to rework: its assessment goes to the history, it counts for nothing
		with as_user(o.user["a1"]):
			set_value("Assigned Task", task, "status", "In Progress")
		reopened = frappe.db.get_value(
			"Assigned Task", task, ["reopened", "quality_result", "delay_count", "failed_assessments"]
		)
		self.assertEqual(reopened, (1, "Not Assessed", 2, 1))
		self.assertEqual(task_figures_of(o.cadre["a1"], *MAY).assigned, 0)

		# completed again, late again; passed: three delays and the one failure stay counted
		with as_user(o.user["a1"]):
			set_value("Assigned Task", task, {"status": "Completed", "completed_on": "2023-05-28"})
		with as_user(o.user["ratera"]):
			set_value("Assigned Task", task, "quality_result", "Passed")
		self.assertEqual(
			events(task),
			[
				("Deadline Changed", 1, 0),
				("Completed", 1, 0),
				("Assessed", 0, 0),  # the Failed corrected to Passed
				("Assessed", 0, 0),
				("Assessed", 0, 1),
				("Reopened", 0, 0),
				("Completed", 1, 0),
				("Assessed", 0, 0),
			],
		)
		figures = task_figures_of(o.cadre["a1"], *MAY)
		self.assertEqual(
			(figures.assigned, figures.completed, figures.on_time, figures.late, figures.failed),
			(2, 2, 0, 2, 0),
		)
		self.assertEqual((figures.delays, figures.failures), (6, 2))  # weight 2 × (3 delays, 1 failure)

		# the month's evaluation takes 25 % of the product's points for each
		generate_evaluations(self.period, only_cadres=[o.cadre["a1"]])
		evaluation = get_evaluation(self.period, o.cadre["a1"])
		scores = {row.criterion: row.final_score for row in evaluation.scores}
		self.assertEqual((evaluation.tasks_delays, evaluation.tasks_failed_assessments), (6, 2))
		self.assertEqual(scores["Progress"], 5)  # 20 − 6 × 25 % × 20 / 2
		self.assertEqual(scores["Quality"], 15)  # 20 − 2 × 25 % × 20 / 2
		self.assertEqual(scores["Quantity"], 30)
		self.assertIn("6 delay(s)", evaluation.reasons)

	def test_the_history_is_written_by_the_task_only(self):
		o, task = self.o, self.task
		with as_user(o.user["ratera"]):
			doc = client_get("Assigned Task", task)
			before = len(doc["history"])
			doc["history"] = [{"event": "Completed", "event_date": "2023-05-01", "is_delay": 0}]
			doc["delay_count"] = 0
			client_save(doc)
		self.assertEqual(len(frappe.get_doc("Assigned Task", task).history), before)
		self.assertEqual(
			frappe.db.get_value("Assigned Task", task, "delay_count"), sum(e[1] for e in events(task))
		)
		self.assertGreater(before, 0)

	def test_tasks_completed_before_the_history_get_it_once(self):
		o = self.o
		legacy = raw_insert(
			"Assigned Task",
			{
				"title": "TH việc cũ (kiểm thử)",
				"organization_unit": o.board_a,
				"assignee": o.cadre["a2"],
				"assigned_by": o.cadre["ratera"],
				"start_date": "2023-04-01",
				"due_date": "2023-04-10",
				"status": "Completed",
				"completed_on": "2023-04-12",
				"quality_result": "Failed",
				"weight": 1,
			},
		)
		count_task_delays_and_failures.execute()
		count_task_delays_and_failures.execute()
		self.assertEqual(events(legacy), [("Completed", 1, 0), ("Assessed", 0, 1)])
		self.assertEqual(
			frappe.db.get_value("Assigned Task", legacy, ["delay_count", "failed_assessments"]), (1, 1)
		)
