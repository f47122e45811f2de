# Copyright (c) 2026, Soson Discipline Contributors and Contributors
# See license.txt

"""Tasks counted per unit and month (`Assigned Task Summary`, issue #12): kept in step with every way
a task changes (the desk's saves, REST, the daily job, a deletion), recounted by the nightly job, and
read by the board's figures with the same result as counting the tasks."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, get_first_day, get_last_day, getdate, today
from pypika.terms import PseudoColumn

from soson_discipline.campaign import task_summary
from soson_discipline.campaign.task_jobs import mark_overdue_tasks
from soson_discipline.permissions import get_scope_condition
from soson_discipline.reporting import figures
from soson_discipline.reporting.filters import Selection, of_units
from soson_discipline.soson_discipline.report.overdue_tasks import overdue_tasks
from soson_discipline.soson_discipline.report.task_progress_by_unit import task_progress_by_unit
from soson_discipline.tasks import reconcile_assigned_task_summary
from soson_discipline.tests.factories import CAMPAIGN_WORLD, build_world, make_task
from soson_discipline.tests.factories import campaign_email as email
from soson_discipline.tests.test_read_leaks import call


class TestTaskSummary(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = build_world(CAMPAIGN_WORLD)
		cls.units = [cls.org.commune_a, cls.org.board_a, cls.org.commune_b]
		task_summary.reconcile_task_summary()  # whatever earlier suites left: start from agreement

	def tearDown(self):
		frappe.set_user("Administrator")

	def assertSummaryAgrees(self):
		self.assertEqual(task_summary.stored_groups(self.units), task_summary.live_groups(self.units))

	def summary_count(self, task) -> int:
		return task_summary.stored_groups([task.organization_unit]).get(task_summary.task_key(task), 0)

	def new_task(self, **kwargs):
		frappe.set_user(email("heada"))
		return make_task(
			self.org.commune_a,
			assignee=self.org.cadre_a1,
			assigned_by=self.org.head_a,
			start_date=kwargs.pop("start_date", add_days(today(), -40)),
			due_date=kwargs.pop("due_date", add_days(today(), 5)),
			**kwargs,
		)

	def test_a_task_saved_from_the_desk_is_counted_once_in_its_group(self):
		before = task_summary.stored_groups(self.units)
		task = self.new_task(title="Summary: desk")
		key = task_summary.task_key(task)
		self.assertEqual(self.summary_count(task), before.get(key, 0) + 1)
		self.assertSummaryAgrees()

		# the unit head completes it through the desk's save (values as text), then moves the due date
		# into the month before: the task leaves its group for the new one
		doc = frappe.get_doc("Assigned Task", task.name)
		doc.update({"status": "Completed", "completed_on": today()})
		doc.save()
		self.assertSummaryAgrees()
		earlier = frappe.call(
			"frappe.client.set_value",
			doctype="Assigned Task",
			name=task.name,
			fieldname={
				"due_date": str(add_months(getdate(today()), -1)),
				"deadline_change_reason": "Nhập nhầm tháng",
			},
		)
		self.assertEqual(getdate(earlier["due_date"]), getdate(add_months(getdate(today()), -1)))
		self.assertSummaryAgrees()

		# db_set inside another save runs on_change twice; the task still counts once
		doc = frappe.get_doc("Assigned Task", task.name)
		doc.db_set("quality_result", "Failed")
		doc.db_set("quality_result", "Failed")
		self.assertSummaryAgrees()

	def test_a_task_moved_to_another_unit_and_deleted_leaves_both_units_right(self):
		task = self.new_task(title="Summary: moved")
		frappe.set_user(email("admin"))
		doc = frappe.get_doc("Assigned Task", task.name)
		doc.organization_unit = self.org.board_a
		doc.save()
		self.assertSummaryAgrees()
		frappe.delete_doc("Assigned Task", task.name)
		self.assertSummaryAgrees()

	def test_the_daily_overdue_job_keeps_the_summary_in_step(self):
		task = self.new_task(title="Summary: overdue")
		frappe.set_user("Administrator")
		# a day has passed since the task was due: the job, not a save, marks it overdue
		frappe.db.set_value("Assigned Task", task.name, "due_date", add_days(today(), -2))
		task_summary.reconcile_task_summary([self.org.commune_a])
		self.assertEqual(frappe.db.get_value("Assigned Task", task.name, "status"), "Open")
		self.assertGreaterEqual(mark_overdue_tasks(), 1)
		self.assertEqual(frappe.db.get_value("Assigned Task", task.name, "status"), "Overdue")
		self.assertSummaryAgrees()
		self.assertEqual(mark_overdue_tasks(), 0)  # a second run changes nothing
		self.assertSummaryAgrees()

	def test_the_nightly_recount_corrects_a_change_made_behind_the_app_and_then_changes_nothing(self):
		task = self.new_task(title="Summary: behind")
		frappe.db.set_value("Assigned Task", task.name, "status", "In Progress")  # no controller, no hook
		self.assertNotEqual(task_summary.stored_groups(self.units), task_summary.live_groups(self.units))
		self.assertEqual(task_summary.reconcile_task_summary(self.units), 2)  # Open −1, In Progress +1
		self.assertSummaryAgrees()
		# the nightly job itself (long queue, with progress): a second run corrects nothing
		self.assertIn(
			"soson_discipline.tasks.reconcile_assigned_task_summary",
			frappe.get_hooks("scheduler_events")["daily_long"],
		)
		self.assertEqual(reconcile_assigned_task_summary(), 0)

	def test_the_board_reads_the_same_counts_from_the_summary_as_from_the_tasks(self):
		self.new_task(title="Summary: this month")
		self.new_task(title="Summary: last month", due_date=add_days(get_first_day(today()), -3))
		self.new_task(
			title="Summary: done", due_date=add_days(today(), -1), status="Completed", completed_on=today()
		)
		ranges = [
			(add_months(get_first_day(today()), -2), get_last_day(today())),  # whole months
			(add_days(today(), -40), add_days(today(), 30)),  # partial first and last months
			(add_days(get_first_day(today()), 3), add_days(get_first_day(today()), 20)),  # inside a month
			(None, None),
		]
		frappe.set_user(email("admin"))  # the presiding board: every task of every unit
		for start, end in ranges:
			selection = Selection(units=self.units, start=start, end=end)
			self.assertTrue(task_summary.reads_summary(selection))
			with patch.object(task_summary, "reads_summary", return_value=False):
				live = figures.task_counts(selection)
			self.assertEqual(figures.task_counts(selection), live, (start, end))
		self.assertTrue(task_summary.reads_summary(of_units(self.units)))  # a Periodic Report's figures

		# the report as the board shows it
		_columns, data, *_ = task_progress_by_unit.execute(
			{"from_date": str(add_days(today(), -40)), "to_date": str(add_days(today(), 30))}
		)
		rows = {row.organization_unit: row for row in data}
		self.assertGreaterEqual(rows[self.org.commune_a].total, 3)

	def test_a_link_filter_counts_from_the_tasks(self):
		frappe.set_user(email("admin"))
		self.assertFalse(task_summary.reads_summary(Selection(links={"unit_plan": "KH-00001"})))
		frappe.set_user(email("heada"))  # a scoped selection as such: only its parts read the summary
		self.assertFalse(task_summary.reads_summary(Selection(units=self.units)))

	def test_each_part_of_a_scope_counts_what_the_scope_counts_at_once(self):
		"""A unit head's tasks counted as his units (from the summary) plus the tasks of other units
		he reaches (coordinating, assigned to or by him): the same figures, the same overdue tasks as
		the scope's OR in one query."""
		frappe.set_user(email("admin"))
		coordinated = make_task(
			self.org.commune_b,
			assignee=self.org.cadre_b1,
			assigned_by=self.org.head_b,
			start_date=add_days(today(), -40),
			due_date=add_days(today(), -5),
			title="Summary: B, coordinated by A",
			coordinating_units=[{"organization_unit": self.org.commune_a}],
		)
		own_overdue = self.new_task(title="Summary: A overdue", due_date=add_days(today(), -4))
		frappe.set_user(email("admin"))
		make_task(
			self.org.commune_b,
			assignee=self.org.cadre_b1,
			assigned_by=self.org.head_b,
			title="Summary: B only",
			due_date=add_days(today(), -3),
		)
		ranges = [(None, None), (add_days(today(), -40), add_days(today(), 30))]
		for user in (email("heada"), email("a1"), email("headb")):
			frappe.set_user(user)
			for start, end in ranges:
				selection = Selection(start=start, end=end)
				at_once = {}
				for group in figures._live_task_groups(selection):  # the scope's OR in one query
					figures._add_task_group(
						at_once.setdefault(
							group.organization_unit, figures._new_task_counts(group.organization_unit)
						),
						group,
					)
				self.assertEqual(figures.task_counts(selection), at_once, (user, start, end))
			task = frappe.qb.DocType("Assigned Task")
			one_query = (
				frappe.qb.from_(task)
				.select(task.name)
				.where(figures.overdue_condition(task, today()))
				.where(PseudoColumn(get_scope_condition("Assigned Task")))
				.run(pluck=True)
			)
			self.assertEqual(figures.count_overdue_tasks(Selection()), len(one_query), user)
			listed = {row.name for row in overdue_tasks.execute({})[1]}
			self.assertEqual(listed, set(one_query), user)

		frappe.set_user(email("heada"))
		listed = {row.name for row in overdue_tasks.execute({})[1]}
		self.assertTrue({coordinated.name, own_overdue.name} <= listed)
		frappe.set_user(email("a1"))  # the assignee sees his own task, not the one he coordinates
		self.assertIn(own_overdue.name, {row.name for row in overdue_tasks.execute({})[1]})
		self.assertNotIn(coordinated.name, {row.name for row in overdue_tasks.execute({})[1]})

	def test_split_by_month(self):
		split = task_summary.split_by_month
		d = getdate
		self.assertEqual(split("2026-01-01", "2026-12-31"), ([], (d("2026-01-01"), d("2026-12-01"))))
		self.assertEqual(
			split("2026-01-15", "2026-03-10"),
			(
				[(d("2026-01-15"), d("2026-01-31")), (d("2026-03-01"), d("2026-03-10"))],
				(d("2026-02-01"), d("2026-02-01")),
			),
		)
		self.assertEqual(split("2026-02-02", "2026-02-20"), ([(d("2026-02-02"), d("2026-02-20"))], None))
		self.assertEqual(
			split("2026-01-15", "2026-02-10"),
			([(d("2026-01-15"), d("2026-01-31")), (d("2026-02-01"), d("2026-02-10"))], None),
		)
		self.assertEqual(split(None, "2026-05-31"), ([], (None, d("2026-05-01"))))
		self.assertEqual(
			split("2026-05-02", None), ([(d("2026-05-02"), d("2026-05-31"))], (d("2026-06-01"), None))
		)

	def test_nobody_but_the_system_manager_reads_the_summary(self):
		for user in (email("heada"), email("admin"), email("a1")):
			frappe.set_user(user)
			self.assertFalse(frappe.has_permission("Assigned Task Summary", "read"))
			with self.assertRaises(frappe.PermissionError):
				call("frappe.client.get_list", doctype="Assigned Task Summary")
			with self.assertRaises(frappe.PermissionError):
				call("frappe.client.get_count", doctype="Assigned Task Summary")

	def test_a_unit_whose_tasks_are_gone_can_still_be_deleted(self):
		"""The counts are the app's own: a zero left behind never keeps a unit from being deleted."""
		from soson_discipline.tests.factories import make_unit

		unit = make_unit("Summary Test Unit", self.org.committee, "STU")
		frappe.set_user(email("admin"))
		task = make_task(unit, title="Summary: in a unit to delete")
		frappe.delete_doc("Assigned Task", task.name)
		self.assertEqual(task_summary.stored_groups([unit]), {})
		self.assertTrue(frappe.db.exists("Assigned Task Summary", {"organization_unit": unit}))  # a zero
		frappe.client.delete("Organization Unit", unit)
		self.assertFalse(frappe.db.exists("Organization Unit", unit))
