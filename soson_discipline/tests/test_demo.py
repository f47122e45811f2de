"""The demo data: idempotent load, exact clear."""

import frappe
from frappe.tests.utils import FrappeTestCase

from soson_discipline import demo
from soson_discipline.demo.registry import created

COUNTED = ["Organization Unit", "Cadre", "User"]


class TestDemo(FrappeTestCase):
	"""Under tests the demo does not commit, so the class rollback leaves the site as it was."""

	def counts(self):
		return {doctype: frappe.db.count(doctype) for doctype in COUNTED}

	def test_load_twice_then_clear_restores_the_site(self):
		if created():  # a developer's site with the demo loaded: start from a site without it
			demo.clear()
		before = self.counts()

		demo.load()
		after_first = self.counts()
		self.assertGreaterEqual(after_first["Cadre"] - before["Cadre"], 40)
		demo.load()
		self.assertEqual(self.counts(), after_first, "a second load must create nothing")

		self.assertEqual(
			str(frappe.db.get_value("Organization Unit", "Huyện ủy Sóc Sơn", "valid_to")), "2025-06-30"
		)
		self.assertEqual(
			frappe.db.get_value("Organization Unit", "Đảng ủy xã Phù Linh", "successor_unit"),
			"Đảng ủy xã Sóc Sơn",
		)
		head = frappe.db.get_value("Organization Unit", "Đảng ủy xã Sóc Sơn", "head_cadre")
		self.assertIn("Unit Head", frappe.get_roles(frappe.db.get_value("Cadre", head, "user")))

		# An office's own record in a demo unit is not the demo's to remove.
		own = frappe.get_doc(
			{
				"doctype": "Cadre",
				"full_name": "_T Office's Own Cadre",
				"organization_unit": "Ban Tổ chức Thành ủy",
				"date_joined": "2024-01-01",
			}
		).insert()

		demo.clear()
		self.assertTrue(frappe.db.exists("Cadre", own.name))
		frappe.delete_doc("Cadre", own.name)
		self.assertEqual(created(), [])
		self.assertEqual(self.counts(), before)
		self.assertFalse(frappe.db.exists("Organization Unit", "Huyện ủy Sóc Sơn"))
		presiding = frappe.db.get_single_value("Discipline Settings", "presiding_unit")
		self.assertTrue(not presiding or frappe.db.exists("Organization Unit", presiding))
