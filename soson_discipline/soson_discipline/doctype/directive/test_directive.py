# Copyright (c) 2026, Soson Discipline Contributors and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from soson_discipline.tests.factories import make_cadre, make_unit


def make_directive(document_number="99-CT/TEST", issuing_unit=None, issue_date="2023-08-07", **kwargs) -> str:
	"""A Directive (idempotent by number and unit); returns its name."""
	issuing_unit = issuing_unit or make_unit("Test City Committee", abbreviation="TCC")
	if name := frappe.db.get_value(
		"Directive", {"document_number": document_number, "issuing_unit": issuing_unit}
	):
		return name
	doc = frappe.get_doc(
		{
			"doctype": "Directive",
			"document_number": document_number,
			"issuing_unit": issuing_unit,
			"issue_date": issue_date,
			"title": kwargs.pop("title", "Test directive on discipline"),
			**kwargs,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


class TestDirective(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.unit = make_unit("Test City Committee", abbreviation="TCC")
		make_cadre(
			"Test Board Admin",
			cls.unit,
			user="dir.admin@test.soson",
			roles=["Discipline Administrator", "Cadre"],
		)
		make_cadre("Test Plain Cadre", cls.unit, user="dir.cadre@test.soson", roles=["Cadre"])

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_presiding_board_keeps_the_appendix(self):
		frappe.set_user("dir.admin@test.soson")
		directive = make_directive("98-CT/TEST", self.unit)
		category = frappe.get_doc(
			{
				"doctype": "Violation Category",
				"category_name": "Né tránh, đùn đẩy trách nhiệm",
				"code": "pl-01",
				"directive": directive,
				"default_severity": "High",
				"default_deduction": 10,
				"forces_not_completed": 1,
			}
		).insert()
		self.assertEqual(category.code, "PL-01")
		duplicate = frappe.get_doc(
			{
				"doctype": "Violation Category",
				"category_name": "Other",
				"code": "PL-01",
				"directive": directive,
			}
		)
		self.assertRaises(frappe.DuplicateEntryError, duplicate.insert)
		negative = frappe.get_doc(
			{
				"doctype": "Violation Category",
				"category_name": "Other",
				"code": "PL-02",
				"directive": directive,
				"default_deduction": -1,
			}
		)
		self.assertRaises(frappe.ValidationError, negative.insert)

	def test_cadre_reads_but_cannot_issue_a_directive(self):
		directive = make_directive("97-CT/TEST", self.unit)
		frappe.set_user("dir.cadre@test.soson")
		self.assertTrue(frappe.has_permission("Directive", "read", directive))
		doc = frappe.get_doc(
			{
				"doctype": "Directive",
				"document_number": "96-CT/TEST",
				"issuing_unit": self.unit,
				"issue_date": "2023-01-01",
				"title": "X",
			}
		)
		self.assertRaises(frappe.PermissionError, doc.insert)

	def test_superseded_needs_a_successor_and_numbers_are_unique_per_year(self):
		frappe.set_user("dir.admin@test.soson")
		directive = frappe.get_doc("Directive", make_directive("95-CT/TEST", self.unit))
		directive.status = "Superseded"
		self.assertRaises(frappe.ValidationError, directive.save)
		same = frappe.get_doc(
			{
				"doctype": "Directive",
				"document_number": "95-CT/TEST",
				"issuing_unit": self.unit,
				"issue_date": "2023-12-01",
				"title": "X",
			}
		)
		self.assertRaises(frappe.DuplicateEntryError, same.insert)
		next_year = frappe.get_doc(
			{
				"doctype": "Directive",
				"document_number": "95-CT/TEST",
				"issuing_unit": self.unit,
				"issue_date": "2024-01-05",
				"title": "X",
			}
		).insert()
		self.assertTrue(next_year.name)
