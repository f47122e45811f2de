"""The generic scoping machinery of soson_discipline.permissions."""

import frappe
from frappe.tests.utils import FrappeTestCase

from soson_discipline import permissions
from soson_discipline.tests.factories import ORG_ADMIN as ADMIN
from soson_discipline.tests.factories import ORG_HEAD_A as HEAD_A
from soson_discipline.tests.factories import ORG_NO_CADRE as NO_CADRE
from soson_discipline.tests.factories import ORGANISATION_WORLD, build_world, make_cadre, make_unit


class TestScopeCondition(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = build_world(ORGANISATION_WORLD)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_presiding_users_get_no_condition(self):
		self.assertEqual(permissions.get_scope_condition("Cadre", ADMIN), "")
		self.assertEqual(permissions.get_scope_condition("Cadre", "Administrator"), "")

	def test_user_without_cadre_is_denied_everything(self):
		self.assertEqual(permissions.get_scope_condition("Cadre", NO_CADRE), "1=0")

	def test_unscoped_doctype_is_not_filtered(self):
		self.assertEqual(permissions.get_scope_condition("Organization Unit", HEAD_A), "")

	def test_unit_head_condition_lists_the_subtree(self):
		condition = permissions.get_scope_condition("Cadre", HEAD_A)
		self.assertIn(frappe.db.escape(self.org["board_a"]), condition)
		self.assertNotIn(frappe.db.escape(self.org["board_b"]), condition)

	def test_names_with_quotes_are_escaped(self):
		unit = make_unit("_T O'Brien's Board", parent=self.org["commune_a"], abbreviation="OB")
		make_cadre("_T Quote Cadre", unit, user="_t.quote@example.com", roles=["Cadre"])
		condition = permissions.get_scope_condition("Cadre", HEAD_A)
		self.assertIn(frappe.db.escape(unit), condition)
		frappe.set_user(HEAD_A)
		# The condition must be valid SQL and find the cadre of the quoted unit.
		self.assertIn("_T Quote Cadre", frappe.get_list("Cadre", pluck="full_name", limit_page_length=0))

	def test_unit_head_role_without_a_cadre_sees_nothing(self):
		from soson_discipline.tests.factories import make_user

		user = make_user("_t.headless@example.com", ["Unit Head"])
		self.assertEqual(permissions.get_user_units(user), [])
		self.assertEqual(permissions.get_scope_condition("Cadre", user), "1=0")

	def test_every_scoped_doctype_is_wired_in_hooks(self):
		hooks_query = frappe.get_hooks("permission_query_conditions")
		hooks_has = frappe.get_hooks("has_permission")
		for doctype in permissions.SCOPES:
			self.assertIn(
				"soson_discipline.permissions.get_permission_query_conditions", hooks_query.get(doctype, [])
			)
			self.assertIn("soson_discipline.permissions.has_permission", hooks_has.get(doctype, []))
