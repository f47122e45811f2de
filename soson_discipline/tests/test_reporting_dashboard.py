"""The monitoring workspaces: their number cards and charts ship as standard module files, open to
the roles that use them, and every figure is counted within the user's own scope."""

import frappe
from frappe.tests.utils import FrappeTestCase

from soson_discipline.org import get_subtree_units
from soson_discipline.reporting import dashboard
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
