# Copyright (c) 2026, Soson Discipline Contributors and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from soson_discipline.campaign.sub_tasks import make_sub_task
from soson_discipline.campaign.task_history import TaskAssessmentError
from soson_discipline.campaign.task_rules import get_task_figures, is_task_late, task_figures_of
from soson_discipline.scoring import TaskFigures
from soson_discipline.tasks import mark_overdue_assigned_tasks, send_assigned_task_reminders
from soson_discipline.tests.factories import CAMPAIGN_WORLD, build_world, make_task
from soson_discipline.tests.factories import campaign_email as email


class TestAssignedTask(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = build_world(CAMPAIGN_WORLD)

	def tearDown(self):
		frappe.set_user("Administrator")

	def task_for_a1(self, **kwargs):
		frappe.set_user(email("heada"))
		task = make_task(
			self.org.commune_a, assignee=self.org.cadre_a1, assigned_by=self.org.head_a, **kwargs
		)
		frappe.set_user("Administrator")
		return task

	def test_due_date_before_start_is_refused(self):
		frappe.set_user(email("heada"))
		with self.assertRaisesRegex(frappe.ValidationError, "cannot be before"):
			make_task(
				self.org.commune_a, assignee=self.org.cadre_a1, start_date="2026-11-10", due_date="2026-11-01"
			)

	def test_assignee_saves_progress_as_the_desk_sends_it(self):
		"""The form sends dates and numbers as text: unchanged dates are not a change of plan."""
		from frappe.client import save

		task = self.task_for_a1(start_date=today(), due_date=add_days(today(), 10))
		frappe.set_user(email("a1"))
		values = frappe.get_doc("Assigned Task", task.name).as_dict(convert_dates_to_str=True)
		values["weight"] = str(values["weight"])
		values["updates"] = [{"update_date": today(), "percent": "30", "note": "Started"}]
		saved = save(values)
		self.assertEqual(saved["percent_complete"], 30)
		self.assertEqual(saved["status"], "In Progress")
		# a real change of the due date is still refused
		values = frappe.get_doc("Assigned Task", task.name).as_dict(convert_dates_to_str=True)
		values["due_date"] = str(add_days(today(), 40))
		self.assertRaises(frappe.PermissionError, save, values)

	def test_assignee_reports_progress_but_cannot_assess_or_replan(self):
		task = self.task_for_a1()
		frappe.set_user(email("a1"))
		doc = frappe.get_doc("Assigned Task", task.name)
		doc.append("updates", {"update_date": today(), "percent": 40, "note": "Half the cells reported"})
		doc.save()
		self.assertEqual(doc.status, "In Progress")
		self.assertEqual(doc.percent_complete, 40)
		self.assertEqual(doc.updates[0].updated_by, self.org.cadre_a1)

		doc.due_date = add_days(doc.due_date, 30)
		self.assertRaises(frappe.PermissionError, doc.save)

		doc = frappe.get_doc("Assigned Task", task.name)
		doc.status = "Completed"
		doc.save()
		self.assertEqual(getdate(doc.completed_on), getdate(today()))
		doc.quality_result = "Passed"
		self.assertRaises(TaskAssessmentError, doc.save)

		# The assigner assesses it.
		frappe.set_user(email("heada"))
		doc = frappe.get_doc("Assigned Task", task.name)
		doc.quality_result = "Passed"
		doc.save()
		self.assertEqual(frappe.db.get_value("Assigned Task", task.name, "quality_result"), "Passed")
		# ... and, from the form, records that the result exceeded the requirements
		frappe.client.set_value("Assigned Task", task.name, "quality_result", "Exceeded Requirements")
		self.assertEqual(
			frappe.db.get_value("Assigned Task", task.name, "quality_result"), "Exceeded Requirements"
		)
		with self.assertRaises(frappe.ValidationError):  # not an option
			frappe.client.set_value("Assigned Task", task.name, "quality_result", "Excellent")

	def test_assignee_who_heads_the_unit_still_cannot_assess_his_own_task(self):
		frappe.set_user(email("admin"))
		task = make_task(
			self.org.commune_a,
			assignee=self.org.head_a,
			assigned_by=self.org.admin,
			status="Completed",
			completed_on=today(),
		)
		frappe.set_user(email("heada"))
		doc = frappe.get_doc("Assigned Task", task.name)
		doc.quality_result = "Failed"
		self.assertRaises(TaskAssessmentError, doc.save)

	def test_quality_needs_a_completed_task(self):
		task = self.task_for_a1()
		frappe.set_user(email("heada"))
		doc = frappe.get_doc("Assigned Task", task.name)
		doc.quality_result = "Passed"
		with self.assertRaisesRegex(frappe.ValidationError, "completed"):
			doc.save()

	def test_other_cadres_neither_see_nor_update_the_task(self):
		task = self.task_for_a1()
		frappe.set_user(email("a2"))
		self.assertFalse(frappe.has_permission("Assigned Task", "read", task.name))
		self.assertNotIn(task.name, frappe.get_list("Assigned Task", pluck="name"))
		frappe.set_user(email("headb"))
		self.assertFalse(frappe.has_permission("Assigned Task", "write", task.name))
		frappe.set_user(email("a1"))
		self.assertIn(task.name, frappe.get_list("Assigned Task", pluck="name"))

	def test_late_is_computed(self):
		self.assertTrue(is_task_late("Completed", "2026-10-10", "2026-10-12"))
		self.assertFalse(is_task_late("Completed", "2026-10-10", "2026-10-10"))
		self.assertTrue(is_task_late("Open", add_days(today(), -1)))
		self.assertFalse(is_task_late("Cancelled", add_days(today(), -1)))
		task = self.task_for_a1(start_date=add_days(today(), -20), due_date=add_days(today(), -5))
		self.assertEqual(task.status, "Overdue")
		self.assertEqual(task.is_late, 1)
		frappe.set_user(email("heada"))
		doc = frappe.get_doc("Assigned Task", task.name)
		doc.due_date = add_days(today(), 5)
		doc.deadline_change_reason = "Bổ sung nhiệm vụ theo kết luận"
		doc.save()
		self.assertEqual((doc.status, doc.is_late), ("Open", 0))

	def test_task_figures_are_weighted_and_period_bound(self):
		frappe.set_user(email("heada"))
		cadre = make_task(
			self.org.board_a,
			assignee=self.org.head_board_a,
			assigned_by=self.org.head_a,
			start_date="2026-10-01",
			due_date="2026-10-10",
			weight=2,
			status="Completed",
			completed_on="2026-10-09",
			quality_result="Exceeded Requirements",
		)
		make_task(
			self.org.board_a,
			assignee=self.org.head_board_a,
			assigned_by=self.org.head_a,
			start_date="2026-10-01",
			due_date="2026-10-20",
			status="Completed",
			completed_on="2026-10-25",
			quality_result="Failed",
		)
		make_task(
			self.org.board_a,
			assignee=self.org.head_board_a,
			assigned_by=self.org.head_a,
			start_date="2026-10-01",
			due_date="2026-10-30",
			weight=1.5,
		)
		make_task(
			self.org.board_a,
			assignee=self.org.head_board_a,
			assigned_by=self.org.head_a,
			start_date="2026-10-01",
			due_date="2026-10-15",
			status="Cancelled",
		)
		make_task(
			self.org.board_a,
			assignee=self.org.head_board_a,
			assigned_by=self.org.head_a,
			start_date="2026-10-01",
			due_date="2026-11-05",
		)
		self.assertTrue(cadre.name)
		figures = task_figures_of(self.org.head_board_a, "2026-10-01", "2026-10-31")
		self.assertEqual(
			figures,
			TaskFigures(
				assigned=4.5,
				completed=3.0,
				on_time=2.0,
				late=2.5,
				failed=1.0,
				exceeded=2.0,
				# counted from the tasks' histories: one late completion, one failed assessment
				delays=1.0,
				failures=1.0,
			),
		)
		self.assertEqual(task_figures_of(self.org.cadre_b1, "2026-10-01", "2026-10-31"), TaskFigures())
		# many cadres in one query: the same figures, and none for a cadre without tasks
		batch = get_task_figures([self.org.head_board_a, self.org.cadre_b1], "2026-10-01", "2026-10-31")
		self.assertEqual(batch, {self.org.head_board_a: figures})

	def test_heads_break_a_unit_task_down_to_cadres(self):
		frappe.set_user(email("heada"))
		unit_task = make_task(self.org.commune_a, assigned_by=self.org.head_a, due_date=add_days(today(), 20))
		sub = make_sub_task(unit_task.name)
		sub.assignee = self.org.cadre_a1
		sub.insert()
		self.assertEqual(sub.parent_task, unit_task.name)
		late_sub = make_sub_task(unit_task.name)
		late_sub.assignee = self.org.cadre_a2
		late_sub.due_date = add_days(today(), 40)
		with self.assertRaisesRegex(frappe.ValidationError, "parent task"):
			late_sub.insert()
		# A cadre of another commune cannot be the assignee of commune A's work.
		other = make_sub_task(unit_task.name)
		other.assignee = self.org.cadre_b1
		self.assertRaises((frappe.ValidationError, frappe.PermissionError), other.insert)
		# The assignee cannot break a task down.
		frappe.set_user(email("a1"))
		self.assertRaises(frappe.PermissionError, make_sub_task, sub.name)

	def test_overdue_marking_is_idempotent(self):
		task = self.task_for_a1(start_date=add_days(today(), -20), due_date=add_days(today(), 3))
		frappe.db.set_value("Assigned Task", task.name, "due_date", add_days(today(), -2))
		self.assertGreaterEqual(mark_overdue_assigned_tasks(), 1)
		self.assertEqual(
			frappe.db.get_value("Assigned Task", task.name, ["status", "is_late"]), ("Overdue", 1)
		)
		self.assertEqual(mark_overdue_assigned_tasks(), 0)

	def test_reminders_go_once_a_day_to_assignee_and_unit_head(self):
		make_outgoing_email_account()
		frappe.db.set_single_value("Discipline Settings", "reminder_lead_days", 3)
		frappe.db.set_value(
			"Assigned Task", {"last_reminder_on": ("is", "not set")}, "last_reminder_on", today()
		)
		task = self.task_for_a1(
			start_date=add_days(today(), -5), due_date=add_days(today(), 2), title="Reminder test task"
		)
		overdue = self.task_for_a1(
			start_date=add_days(today(), -20), due_date=add_days(today(), -1), title="Overdue reminder task"
		)
		later = self.task_for_a1(
			start_date=add_days(today(), -5), due_date=add_days(today(), 10), title="Later task"
		)
		# (the assignee was told of each new task when it was given; only the reminders count here)
		logs_before = frappe.db.count("Notification Log", {"document_type": "Assigned Task"})
		mails_before = frappe.db.count("Email Queue", {"reference_doctype": "Assigned Task"})
		later_before = frappe.db.count("Notification Log", {"document_name": later.name})
		since = (
			frappe.db.get_value("Notification Log", {"document_type": "Assigned Task"}, "max(creation)")
			or "2000-01-01"
		)

		self.assertEqual(send_assigned_task_reminders(), 2)
		for_users = frappe.get_all(
			"Notification Log",
			{"document_name": task.name, "document_type": "Assigned Task", "creation": (">", since)},
			pluck="for_user",
		)
		self.assertEqual(set(for_users), {email("a1"), email("heada")})
		self.assertIn(
			"Overdue",
			frappe.db.get_value(
				"Notification Log", {"document_name": overdue.name, "creation": (">", since)}, "subject"
			),
		)
		self.assertEqual(frappe.db.count("Notification Log", {"document_name": later.name}), later_before)
		self.assertEqual(
			frappe.db.count("Notification Log", {"document_type": "Assigned Task"}), logs_before + 4
		)
		self.assertEqual(
			frappe.db.count("Email Queue", {"reference_doctype": "Assigned Task"}), mails_before + 4
		)

		# A second run the same day changes nothing.
		self.assertEqual(send_assigned_task_reminders(), 0)
		self.assertEqual(
			frappe.db.count("Notification Log", {"document_type": "Assigned Task"}), logs_before + 4
		)
		self.assertEqual(
			frappe.db.count("Email Queue", {"reference_doctype": "Assigned Task"}), mails_before + 4
		)


def make_outgoing_email_account():
	"""A default outgoing account so reminders queue emails (nothing is sent in tests)."""
	if frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
		return
	frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": "Campaign Test Outgoing",
			"email_id": "campaign-test-outgoing@test.soson",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "localhost",
			"smtp_port": 25,
			"no_smtp_authentication": 1,
		}
	).insert(ignore_permissions=True)
