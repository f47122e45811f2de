"""The monitoring workspaces: their number cards and charts ship as standard module files, open to
the roles that use them, and every figure is counted within the user's own scope."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from soson_discipline.org import get_subtree_units
from soson_discipline.reporting import cache, dashboard, figures
from soson_discipline.reporting.cache import clear_figures
from soson_discipline.tests.factories import REPORTING_WORLD, build_world, make_period_records
from soson_discipline.tests.factories import RPT_ADMIN as ADMIN
from soson_discipline.tests.factories import RPT_CADRE_B as CADRE_B
from soson_discipline.tests.factories import RPT_HEAD_B as HEAD_B
from soson_discipline.tests.factories import RPT_HEAD_OTHER as HEAD_OTHER

CARDS = [
	"Overdue Tasks",
	"Evaluations Pending This Month",
	"Open Violation Records",
	"Dissemination Coverage to Date",
	"Cadres Outside Their Text",
	"Open Early Warnings",
	"Open Appeals",
]
CHARTS = ["Task Completion by Unit", "Evaluation Levels This Month", "Violations by Category over Time"]


class TestReportingDashboard(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		tree = build_world(REPORTING_WORLD)
		cls.units, cls.cadres = tree.units, tree.cadres
		make_period_records(cls.units, cls.cadres)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_cards_charts_and_workspaces_ship_as_standard(self):
		for name in CARDS:
			card = frappe.get_doc("Number Card", name)
			self.assertEqual((card.type, card.is_standard, card.module), ("Custom", 1, "Soson Discipline"))
			self.assertTrue(card.method.startswith("soson_discipline.reporting.dashboard."))
		for name in CHARTS:
			chart = frappe.get_doc("Dashboard Chart", name)
			self.assertEqual((chart.chart_type, chart.source, chart.is_standard), ("Custom", name, 1))
			self.assertTrue(frappe.db.exists("Dashboard Chart Source", name))
		main = frappe.get_doc("Workspace", "Soson Discipline")
		self.assertEqual({c.number_card_name for c in main.number_cards}, set(CARDS))
		self.assertEqual({c.chart_name for c in main.charts}, set(CHARTS))
		linked = {link.link_to for link in main.links if link.type == "Link"}
		self.assertTrue(
			{"Periodic Report", "Assigned Task", "Cadre Evaluation", "Violation Record", "Inspection"}
			<= linked
		)
		self.assertEqual({r.role for r in frappe.get_doc("Workspace", "My Unit").roles}, {"Unit Head"})

	def test_unit_head_may_open_the_cards_and_charts_a_cadre_may_not_see_all(self):
		frappe.set_user(HEAD_B)
		self.assertTrue(frappe.has_permission("Number Card", doc="Overdue Tasks"))
		self.assertTrue(frappe.has_permission("Dashboard Chart", doc="Task Completion by Unit"))
		frappe.set_user(CADRE_B)
		self.assertFalse(frappe.has_permission("Dashboard Chart", doc="Task Completion by Unit"))

	def test_every_figure_is_scoped(self):
		subtree_b = set(get_subtree_units(self.units.commune_b))
		frappe.set_user(ADMIN)
		admin = {
			"overdue": dashboard.overdue_tasks()["value"],
			"violations": dashboard.open_violations()["value"],
			"labels": set(dashboard.task_completion_by_unit()["labels"]),
		}
		frappe.set_user(HEAD_B)
		head = {
			"overdue": dashboard.overdue_tasks()["value"],
			"violations": dashboard.open_violations()["value"],
			"labels": set(dashboard.task_completion_by_unit()["labels"]),
		}
		frappe.set_user(HEAD_OTHER)
		other_overdue = dashboard.overdue_tasks()["value"]

		self.assertLess(head["overdue"], admin["overdue"])
		self.assertLess(head["violations"], admin["violations"])
		unit_labels = {
			" ".join(
				filter(None, frappe.db.get_value("Organization Unit", u, ["abbreviation", "place_name"]))
			)
			for u in subtree_b
		}
		self.assertTrue(head["labels"] and head["labels"] <= unit_labels)
		self.assertTrue(admin["labels"])
		# the other unit head sees his own overdue task, not B's
		self.assertEqual(
			other_overdue,
			frappe.db.count("Assigned Task", {"organization_unit": self.units.other, "status": "Overdue"}),
		)
		# a plain cadre sees none of the units' violations
		frappe.set_user(CADRE_B)
		self.assertEqual(
			dashboard.open_violations()["value"],
			frappe.db.count(
				"Violation Record",
				{
					"cadre": self.cadres.cadre_b,
					"workflow_state": ("not in", ["Closed", "Dismissed"]),
					"docstatus": ("<", 2),
				},
			),
		)
		for fn in (dashboard.evaluation_levels_this_month, dashboard.violations_by_category):
			data = fn()
			self.assertIn("labels", data)
			self.assertIn("datasets", data)


class TestFigureCache(FrappeTestCase):
	"""A card or chart is counted once for everyone with the same scope, and again after a change."""

	OVERDUE = "soson_discipline.reporting.dashboard.overdue_tasks"
	CHART = "soson_discipline.reporting.dashboard.task_completion_by_unit"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		tree = build_world(REPORTING_WORLD)
		cls.units, cls.cadres = tree.units, tree.cadres
		make_period_records(cls.units, cls.cadres)

	def setUp(self):
		clear_figures()

	def tearDown(self):
		frappe.set_user("Administrator")
		clear_figures()

	def overdue(self, user):
		frappe.set_user(user)
		return frappe.call(self.OVERDUE, filters="[]")["value"]

	def test_counted_once_per_scope_until_a_record_changes(self):
		with patch.object(figures, "count_overdue_tasks", wraps=figures.count_overdue_tasks) as counting:
			first = self.overdue(HEAD_B)
			self.assertEqual(self.overdue(HEAD_B), first)
			self.assertEqual(counting.call_count, 1)
			self.overdue(HEAD_OTHER)  # another scope: counted for him
			self.assertEqual(counting.call_count, 2)
			self.overdue(ADMIN)
			self.overdue(ADMIN)
			self.assertEqual(counting.call_count, 3)

			frappe.set_user("Administrator")
			task = frappe.get_all(
				"Assigned Task",
				filters={
					"organization_unit": ("in", get_subtree_units(self.units.commune_b)),
					"status": ("in", ["Open", "In Progress"]),
				},
				pluck="name",
				limit=1,
			)
			self.assertTrue(task, "the reporting world has an open task in commune B")
			# the world's open tasks fell due in October: completing one takes it off the count
			frappe.db.set_value("Assigned Task", task[0], {"status": "Completed", "completed_on": today()})
			# within the grace period the count of a moment ago is served
			self.assertEqual(self.overdue(HEAD_B), first)
			self.assertEqual(counting.call_count, 3)
			with patch.object(cache, "FIGURE_GRACE", 0):
				self.assertEqual(self.overdue(HEAD_B), first - 1)
				self.assertEqual(counting.call_count, 4)
				self.assertEqual(self.overdue(HEAD_B), first - 1)  # nothing changed since
				self.assertEqual(counting.call_count, 4)

				frappe.set_user("Administrator")
				frappe.delete_doc("Assigned Task", task[0], force=True, ignore_permissions=True)
				self.assertEqual(self.overdue(HEAD_B), first - 1)  # a deletion is a change: counted again
				self.assertEqual(counting.call_count, 5)

	def test_a_chart_refresh_counts_afresh_and_a_language_has_its_own_labels(self):
		frappe.set_user(HEAD_B)
		with patch.object(figures, "task_counts", wraps=figures.task_counts) as counting:
			chart = frappe.call(self.CHART, chart_name="Task Completion by Unit", filters="[]", refresh="0")
			frappe.call(self.CHART, chart_name="Task Completion by Unit", filters="[]", refresh="0")
			self.assertEqual(counting.call_count, 1)
			again = frappe.call(self.CHART, chart_name="Task Completion by Unit", filters="[]", refresh="1")
			self.assertEqual(counting.call_count, 2)
			self.assertEqual(again, chart)
			frappe.local.lang = "vi"
			try:
				vietnamese = frappe.call(self.CHART, chart_name="Task Completion by Unit", refresh="0")
			finally:
				frappe.local.lang = "en"
			self.assertEqual(counting.call_count, 3)
			self.assertEqual(vietnamese["datasets"][0]["name"], "Đã hoàn thành")
