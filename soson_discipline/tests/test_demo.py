"""The demo data: idempotent load, exact clear."""

import frappe
from frappe.tests.utils import FrappeTestCase

from soson_discipline import demo
from soson_discipline.demo.registry import created
from soson_discipline.scoring import signals
from soson_discipline.states import WARNING_STATUSES

COUNTED = ["Organization Unit", "Cadre", "User"]
WARNING = "Discipline Warning"


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
		logged = created()
		demo.load()
		self.assertEqual(self.counts(), after_first, "a second load must create nothing")
		self.assertEqual(created(), logged, "a second load must log nothing new")

		self.assertEqual(
			str(frappe.db.get_value("Organization Unit", "Huyện ủy Sóc Sơn", "valid_to")), "2025-06-30"
		)
		self.assertEqual(
			frappe.db.get_value("Organization Unit", "Đảng ủy xã Phù Linh", "successor_unit"),
			"Đảng ủy xã Sóc Sơn",
		)
		head = frappe.db.get_value("Organization Unit", "Đảng ủy xã Sóc Sơn", "head_cadre")
		self.assertIn("Unit Head", frappe.get_roles(frappe.db.get_value("Cadre", head, "user")))
		# the demo loaded once for both: loading it costs minutes
		self.check_early_warnings_in_scope()

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

	def check_early_warnings_in_scope(self):
		"""Issue 28: the demo shows each kind of early warning, in each status; the presiding board sees
		them all, nobody sees the one about himself or herself."""
		names = [name for _doctype, name in created(WARNING)]
		warnings = frappe.get_all(
			WARNING, filters={"name": ("in", names)}, fields=["name", "warning_type", "status", "cadre"]
		)
		self.assertEqual({w.warning_type for w in warnings}, set(signals.WARNING_TYPES))
		self.assertEqual({w.status for w in warnings}, set(WARNING_STATUSES))

		self.addCleanup(frappe.set_user, "Administrator")
		self.assertLessEqual(set(names), self.visible("lm.tuan@demo.soson.vn"))
		about = {}
		for w in warnings:
			if w.cadre:
				user = frappe.db.get_value("Cadre", w.cadre, "user")
				self.assertNotIn(w.name, self.visible(user), f"{user} sees the warning about himself")
				about[w.warning_type] = w.name
		# the head of Nội Bài's board sees the warning about his cadre, not the one about himself
		head = self.visible("noibai.xdd@demo.soson.vn")
		self.assertIn(about[signals.NOT_COMPLETED], head)
		self.assertNotIn(about[signals.LEADER_OUT_OF_STEP], head)

	def visible(self, user: str) -> set[str]:
		"""The early warnings `user` may list (none for a user without the right to read them)."""
		frappe.set_user(user)
		try:
			return set(frappe.get_list(WARNING, pluck="name", limit_page_length=0))
		except frappe.PermissionError:
			return set()
		finally:
			frappe.set_user("Administrator")
