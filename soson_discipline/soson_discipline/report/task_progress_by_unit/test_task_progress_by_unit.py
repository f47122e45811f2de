# Copyright (c) 2026, Soson Discipline Contributors and Contributors
# See license.txt

"""The campaign reports (Task Progress by Unit, Overdue Tasks, Dissemination Coverage) run as real
users and show only the rows of their scope."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from soson_discipline.org import short_unit_labels
from soson_discipline.soson_discipline.report.dissemination_coverage import dissemination_coverage
from soson_discipline.soson_discipline.report.overdue_tasks import overdue_tasks
from soson_discipline.soson_discipline.report.task_progress_by_unit import task_progress_by_unit
from soson_discipline.tests.factories import CAMPAIGN_WORLD, build_world, make_task
from soson_discipline.tests.factories import campaign_email as email


class TestCampaignReports(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = org = build_world(CAMPAIGN_WORLD)
		frappe.set_user(email("heada"))
		make_task(
			org.commune_a,
			assignee=org.cadre_a1,
			assigned_by=org.head_a,
			start_date=add_days(today(), -20),
			due_date=add_days(today(), -10),
			status="Completed",
			completed_on=add_days(today(), -11),
		)
		make_task(
			org.board_a,
			assignee=org.head_board_a,
			assigned_by=org.head_a,
			start_date=add_days(today(), -20),
			due_date=add_days(today(), -3),
			title="Late board task",
		)
		make_task(
			org.commune_a,
			assignee=org.cadre_a2,
			assigned_by=org.head_a,
			start_date=add_days(today(), -20),
			due_date=add_days(today(), 5),
		)
		frappe.get_doc(
			{
				"doctype": "Dissemination Session",
				"subject": "A",
				"organization_unit": org.commune_a,
				"session_date": add_days(today(), -15),
				"form": "Conference",
				"audiences": [{"audience_group": "Party Members", "expected": 20, "attended": 18}],
			}
		).insert()
		frappe.set_user(email("headb"))
		make_task(
			org.commune_b,
			assignee=org.cadre_b1,
			assigned_by=org.head_b,
			start_date=add_days(today(), -20),
			due_date=add_days(today(), -2),
			title="Late commune B task",
		)
		frappe.get_doc(
			{
				"doctype": "Dissemination Session",
				"subject": "B",
				"organization_unit": org.commune_b,
				"session_date": add_days(today(), -14),
				"form": "Study Group",
				"audiences": [{"audience_group": "Workers", "expected": 10, "attended": 5}],
			}
		).insert()
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.set_user("Administrator")

	def progress(self, user):
		frappe.set_user(user)
		columns, data, _message, chart = task_progress_by_unit.execute(
			{"from_date": add_days(today(), -30), "to_date": add_days(today(), 30)}
		)
		return {row.organization_unit: row for row in data}, chart

	def test_task_progress_is_scoped_per_unit(self):
		rows, chart = self.progress(email("heada"))
		self.assertEqual(set(rows), {self.org.commune_a, self.org.board_a})
		self.assertEqual(rows[self.org.commune_a].completed_on_time, 1)
		self.assertEqual(rows[self.org.commune_a].in_progress, 1)
		self.assertEqual(rows[self.org.board_a].overdue, 1)
		self.assertEqual(rows[self.org.commune_a].completion_rate, 50)
		# bars labelled short (abbreviation and place), as the full names are cut on them
		self.assertEqual(
			chart["data"]["labels"],
			[short_unit_labels([unit])[unit] for unit in sorted(rows)],
		)
		self.assertIn("CA", chart["data"]["labels"])

		rows, _chart = self.progress(email("headb"))
		self.assertEqual(set(rows), {self.org.commune_b})

		rows, _chart = self.progress(email("admin"))
		self.assertTrue({self.org.commune_a, self.org.board_a, self.org.commune_b} <= set(rows))

		# An ordinary cadre sees only his own tasks.
		rows, _chart = self.progress(email("a2"))
		self.assertEqual(set(rows), {self.org.commune_a})
		self.assertEqual(rows[self.org.commune_a].total, 1)

	def test_overdue_tasks_are_scoped_per_unit(self):
		frappe.set_user(email("heada"))
		titles = {r.title for r in overdue_tasks.execute({})[1]}
		self.assertIn("Late board task", titles)
		self.assertNotIn("Late commune B task", titles)
		frappe.set_user(email("headb"))
		data = overdue_tasks.execute({})[1]
		self.assertEqual({r.title for r in data}, {"Late commune B task"})
		self.assertEqual(data[0].days_overdue, 2)
		# people by name beside their IDs
		names = frappe.get_all("Cadre", filters={"name": ("in", [data[0].assignee])}, pluck="full_name")
		self.assertEqual([data[0].assignee_name], names or [None])
		self.assertEqual(data[0].assigned_by_name, frappe.db.get_value("Cadre", self.org.head_b, "full_name"))

	def test_overdue_tasks_list_the_most_overdue_and_say_how_many_more(self):
		from unittest.mock import patch

		frappe.set_user(email("heada"))
		everything = overdue_tasks.execute({})[1]
		with patch.object(overdue_tasks, "ROW_LIMIT", 1):
			_columns, data, message, _chart = overdue_tasks.execute({})
		self.assertEqual(len(data), 1)
		self.assertEqual(data[0].name, everything[0].name)  # the most overdue first
		if len(everything) > 1:
			self.assertIn(str(len(everything)), message)
		else:
			self.assertIsNone(message)

	def test_dissemination_coverage_is_scoped_per_unit(self):
		frappe.set_user(email("heada"))
		data = dissemination_coverage.execute({"from_date": add_days(today(), -30)})[1]
		self.assertEqual([r.organization_unit for r in data], [self.org.commune_a])
		self.assertEqual(
			(data[0].sessions, data[0].expected, data[0].attended, data[0].party_members), (1, 20, 18, 18)
		)
		self.assertEqual(data[0].participation_rate, 90.0)
		frappe.set_user(email("headb"))
		data = dissemination_coverage.execute({"from_date": add_days(today(), -30)})[1]
		self.assertEqual([r.organization_unit for r in data], [self.org.commune_b])
