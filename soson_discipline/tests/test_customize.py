"""An office can customise every DocType of the app: Customize Form accepts a Custom Field on each, and
every DocType JSON the app ships is one that Customize Form (and migrate) can take."""

import json
import os
from collections import Counter

import frappe
from frappe.tests.utils import FrappeTestCase

MODULE = "Soson Discipline"
FIELDNAME = "custom_office_note"


def customizable_doctypes():
	"""The module's DocTypes that Customize Form accepts: standard ones, child tables included; it
	refuses Single DocTypes (frappe/custom/doctype/customize_form/customize_form.py: validate_doctype)."""
	return frappe.get_all(
		"DocType",
		filters={"module": MODULE, "issingle": 0, "custom": 0},
		pluck="name",
		order_by="name",
	)


def doctype_json_files():
	"""(folder, path) of every DocType JSON of the module, read from disk."""
	doctype_dir = os.path.join(frappe.get_module_path(MODULE), "doctype")
	for folder in sorted(os.listdir(doctype_dir)):
		path = os.path.join(doctype_dir, folder, f"{folder}.json")
		if os.path.isfile(path):
			yield folder, path


def property_setters(doctype):
	return set(frappe.get_all("Property Setter", filters={"doc_type": doctype}, pluck="name"))


def remove_leftovers(doctype, property_setters_before):
	"""Whatever the attempt left on the site: the Custom Field, the Property Setters it added, the column."""
	frappe.db.rollback()
	for name in frappe.get_all("Custom Field", filters={"dt": doctype, "fieldname": FIELDNAME}, pluck="name"):
		frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
	for name in property_setters(doctype) - property_setters_before:
		frappe.delete_doc("Property Setter", name, ignore_permissions=True, force=True)
	# Frappe leaves the column of a deleted Custom Field in the table; a test site should not keep it.
	# sql_ddl commits the deletions above before it alters the table.
	frappe.db.sql_ddl(f"ALTER TABLE `tab{doctype}` DROP COLUMN IF EXISTS `{FIELDNAME}`")
	frappe.cache.hdel("table_columns", f"tab{doctype}")
	frappe.clear_cache(doctype=doctype)


class TestCustomizeForm(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	def test_module_doctypes_are_found(self):
		doctypes = customizable_doctypes()
		self.assertIn("Cadre Evaluation", doctypes)
		self.assertIn("Violation Record", doctypes)
		self.assertIn("Cadre Evaluation Score", doctypes)
		self.assertNotIn("Discipline Settings", doctypes)

	def test_every_doctype_takes_and_drops_a_custom_field(self):
		for doctype in customizable_doctypes():
			with self.subTest(doctype=doctype):
				before = property_setters(doctype)
				try:
					self.add_and_remove_custom_field(doctype, before)
				finally:
					remove_leftovers(doctype, before)

	def add_and_remove_custom_field(self, doctype, property_setters_before):
		customize_form = frappe.get_doc("Customize Form")
		customize_form.doc_type = doctype
		customize_form.fetch_to_customize()
		# a row added in the form's grid is marked as a custom field (customize_form.js: fields_add)
		customize_form.append("fields", {"label": "Office Note", "fieldtype": "Data", "is_custom_field": 1})
		customize_form.save_customization()

		self.assertTrue(
			frappe.db.exists("Custom Field", {"dt": doctype, "fieldname": FIELDNAME}),
			(
				frappe.get_all("Custom Field", filters={"dt": doctype}, fields=["fieldname", "label"]),
				customize_form.fields[-1].as_dict(),
				frappe.session.user,
				frappe.local.lang,
			),
		)
		self.assertTrue(frappe.get_meta(doctype).has_field(FIELDNAME))
		self.assertIn(FIELDNAME, [df.fieldname for df in customize_form.fields])

		customize_form.fields = [df for df in customize_form.fields if df.fieldname != FIELDNAME]
		customize_form.save_customization()
		frappe.db.commit()  # nosemgrep: adding the field altered the table, which committed; so must removing it

		self.assertFalse(frappe.db.exists("Custom Field", {"dt": doctype, "fieldname": FIELDNAME}))
		self.assertFalse(frappe.get_meta(doctype).has_field(FIELDNAME))
		added = property_setters(doctype) - property_setters_before
		if frappe.get_all("Custom Field", filters={"dt": doctype}, limit=1):
			# Where other apps put Custom Fields on the DocType (ERPNext's `employee` on Cadre), Customize
			# Form keeps the whole order in a `field_order` Property Setter
			# (customize_form.py: set_property_setter_for_field_order); the removed field is not in it.
			order_setter = f"{doctype}-main-field_order"
			self.assertLessEqual(added, {order_setter})
			if added:
				order = json.loads(frappe.db.get_value("Property Setter", order_setter, "value"))
				self.assertNotIn(FIELDNAME, order)
		else:
			self.assertEqual(added, set())


class TestDocTypeJSON(FrappeTestCase):
	def test_doctype_files_are_found(self):
		folders = [folder for folder, _path in doctype_json_files()]
		self.assertIn("cadre_evaluation", folders)
		self.assertIn("violation_record", folders)

	def test_fieldnames_are_unique(self):
		for folder, path in doctype_json_files():
			with self.subTest(doctype=folder):
				doctype = read_json(path)
				counts = Counter(df["fieldname"] for df in doctype["fields"])
				self.assertEqual([name for name, count in counts.items() if count > 1], [])

	def test_field_order_matches_fields(self):
		"""Import orders the fields by `field_order` (DocType.prepare_for_import) and export writes both
		from the same list (DocType.before_export): a `fields` list in another order, or with a field
		missing from `field_order` or named twice, was edited by hand."""
		for folder, path in doctype_json_files():
			with self.subTest(doctype=folder):
				doctype = read_json(path)
				self.assertEqual(doctype.get("field_order"), [df["fieldname"] for df in doctype["fields"]])


def read_json(path):
	with open(path) as f:
		return json.load(f)
