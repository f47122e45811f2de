# Copyright (c) 2026, Soson Discipline Contributors and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.nestedset import NestedSetRecursionError

from soson_discipline.org import get_subtree_units, get_unit_heads, is_unit_valid_on, validate_unit_valid_on
from soson_discipline.soson_discipline.doctype.organization_unit.organization_unit import SuccessorCycleError
from soson_discipline.tests.factories import ORG_ADMIN as ADMIN
from soson_discipline.tests.factories import ORG_CADRE_A1 as CADRE_A1
from soson_discipline.tests.factories import ORG_HEAD_A as HEAD_A
from soson_discipline.tests.factories import ORGANISATION_WORLD, build_world, make_unit


class TestOrganizationUnit(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = build_world(ORGANISATION_WORLD)

	def tearDown(self):
		frappe.set_user("Administrator")

	def new_unit(self, **kwargs):
		return frappe.get_doc(
			{"doctype": "Organization Unit", "unit_kind": "Other", "abbreviation": "X", **kwargs}
		)

	def test_valid_to_before_valid_from_is_refused(self):
		unit = self.new_unit(unit_name="_T Bad Dates", valid_from="2025-07-01", valid_to="2025-06-30")
		with self.assertRaisesRegex(frappe.ValidationError, "Valid To"):
			unit.insert()
		self.assertFalse(frappe.db.exists("Organization Unit", {"unit_name": "_T Bad Dates"}))

	def test_unit_cannot_succeed_itself(self):
		unit = frappe.get_doc("Organization Unit", self.org["board_a"])
		unit.successor_unit = unit.name
		with self.assertRaises(SuccessorCycleError):
			unit.save()

	def test_successor_cycle_is_refused(self):
		first = make_unit("_T Cycle One", parent=self.org["city"], abbreviation="C1")
		second = make_unit("_T Cycle Two", parent=self.org["city"], abbreviation="C2")
		frappe.db.set_value("Organization Unit", second, "successor_unit", first)
		doc = frappe.get_doc("Organization Unit", first)
		doc.successor_unit = second
		with self.assertRaisesRegex(SuccessorCycleError, "cycle"):
			doc.save()
		self.assertIsNone(frappe.db.get_value("Organization Unit", first, "successor_unit"))

	def test_parent_loop_is_refused(self):
		city = frappe.get_doc("Organization Unit", self.org["city"])
		city.parent_organization_unit = self.org["board_a"]
		with self.assertRaises(NestedSetRecursionError):
			city.save()

	def test_same_name_in_two_branches_gets_a_distinct_name(self):
		a = make_unit("_T Office", parent=self.org["commune_a"], abbreviation="VP")
		b = frappe.get_doc(
			{
				"doctype": "Organization Unit",
				"unit_name": "_T Office",
				"abbreviation": "VP",
				"unit_kind": "Party Office",
				"parent_organization_unit": self.org["commune_b"],
			}
		).insert()
		self.assertEqual(a, "_T Office")
		self.assertEqual(b.name, "_T Office - TB")
		self.assertEqual(b.unit_name, "_T Office")

	def test_subtree_follows_the_tree(self):
		subtree = set(get_subtree_units(self.org["commune_a"]))
		self.assertIn(self.org["board_a"], subtree)
		self.assertIn(self.org["commune_a"], subtree)
		self.assertNotIn(self.org["board_b"], subtree)
		self.assertNotIn(self.org["city"], subtree)

	def test_validity_on_a_date(self):
		old = frappe.get_doc("Organization Unit", self.org["old_district"])
		self.assertTrue(is_unit_valid_on(old, "2025-06-30"))
		self.assertFalse(is_unit_valid_on(old, "2025-07-01"))
		self.assertFalse(is_unit_valid_on(old, "1999-12-31"))
		with self.assertRaisesRegex(frappe.ValidationError, "did not exist"):
			validate_unit_valid_on(old.name, "2025-08-01", "Lead Unit")

	def test_only_the_presiding_board_edits_units(self):
		frappe.set_user(HEAD_A)
		self.assertTrue(frappe.has_permission("Organization Unit", "read", self.org["commune_b"]))
		self.assertFalse(frappe.has_permission("Organization Unit", "write", self.org["commune_a"]))
		with self.assertRaises(frappe.PermissionError):
			self.new_unit(unit_name="_T By Head", parent_organization_unit=self.org["commune_a"]).insert()

		frappe.set_user(ADMIN)
		unit = self.new_unit(unit_name="_T By Admin", parent_organization_unit=self.org["commune_a"]).insert()
		self.assertTrue(frappe.db.exists("Organization Unit", unit.name))

	def test_unit_heads_from_the_record_or_the_role_and_up_the_tree(self):
		# Commune A has no head recorded: its active cadre with the Unit Head role heads it.
		self.assertEqual(get_unit_heads(self.org["commune_a"]), [self.org["head_a"]])
		# Board A has nobody with the role: nobody heads it, unless we climb to the commune.
		self.assertEqual(get_unit_heads(self.org["board_a"]), [])
		self.assertEqual(get_unit_heads(self.org["board_a"], climb=True), [self.org["head_a"]])
		# A recorded head wins over the role.
		frappe.db.set_value("Organization Unit", self.org["board_a"], "head_cadre", self.org["cadre_a1"])
		self.assertEqual(get_unit_heads(self.org["board_a"], climb=True), [self.org["cadre_a1"]])

	def test_every_role_can_read_the_tree(self):
		frappe.set_user(CADRE_A1)
		names = frappe.get_list("Organization Unit", pluck="name", limit_page_length=0)
		self.assertIn(self.org["commune_b"], names)
		self.assertIn(self.org["old_district"], names)
