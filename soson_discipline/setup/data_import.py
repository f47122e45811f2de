"""Bringing an office's records in with Frappe's Data Import.

The app's DocTypes that an office fills from its own lists (units, cadres, directives, violation
categories, tasks, dissemination sessions) allow import; `import_samples/` holds one sample file per
DocType with Vietnamese column headings, as Frappe's "Download Template" gives a Vietnamese user.

Two gaps of Frappe v15's Data Import are closed here:

- Frappe matches a column heading to a field by its label in the language of whoever builds the
  site's cached heading map, and the import itself runs in a background job in the site's default
  language (`importer.Importer` parses the file before it switches to the user's language). A file
  with Vietnamese headings can therefore fail to match in the job although its preview matched.
  `map_translated_columns` (a `validate` event of Data Import) records, while the user's language is
  known, which field each column is, by fieldname, in the import's `template_options`; Frappe then
  maps the columns by fieldname whatever the language of the job.
- Data Import is a System Manager's tool; `grant_import_rights` lets the Discipline Administrator
  (the presiding board, who brings the office in) use it for the DocTypes that allow it.
"""

import json

import frappe
from frappe.permissions import add_permission, update_permission_property

from soson_discipline.utils import is_app_doctype

# The DocTypes an office imports, in the order their records depend on each other.
IMPORTABLE_DOCTYPES = (
	"Organization Unit",
	"Cadre",
	"Directive",
	"Violation Category",
	"Work Product Type",
	"Assigned Task",
	"Dissemination Session",
)
IMPORTER_ROLE = "Discipline Administrator"
# What the importer role may do with Frappe's import tool.
IMPORT_TOOL_RIGHTS = {
	"Data Import": ("read", "write", "create", "delete"),
	"Data Import Log": ("read",),
}


# --------------------------------------------------------------------------------------------------
# Column headings in the user's language
# --------------------------------------------------------------------------------------------------


def map_translated_columns(doc, method: str | None = None):
	"""Data Import `validate`: map every column of an app DocType's import file that the user has not
	mapped by hand to its field, by fieldname, so the background job needs no translated label."""
	if not (doc.reference_doctype and doc.import_file) or not is_app_doctype(doc.reference_doctype):
		return
	headings = read_headings(doc)
	if not headings:
		return
	options = frappe.parse_json(doc.template_options or "{}") or frappe._dict()
	column_map = options.get("column_to_field_map") or {}
	fields_by_heading = get_fields_by_heading(doc.reference_doctype)
	changed = False
	for index, heading in enumerate(headings):
		key = str(index)
		target = fields_by_heading.get((heading or "").strip())
		if key in column_map or not target:
			continue
		column_map[key] = target
		changed = True
	if changed:
		options["column_to_field_map"] = column_map
		doc.template_options = json.dumps(options)


def read_headings(doc) -> list[str]:
	"""The first row of the import file (empty if it cannot be read; Frappe reports that itself)."""
	from frappe.core.doctype.data_import.importer import ImportFile

	try:
		import_file = ImportFile(doc.reference_doctype, doc.import_file, import_type=doc.import_type)
	except Exception:
		frappe.clear_last_message()
		return []
	return list(import_file.raw_data[0]) if import_file.raw_data else []


def get_fields_by_heading(doctype: str) -> dict[str, str]:
	"""{heading: field key} for the headings Frappe accepts in English, in the user's language and in
	Vietnamese; the key is what Frappe maps by whatever the language ("fieldname" of the DocType,
	"table_fieldname.fieldname" of a child table)."""
	from frappe.core.doctype.data_import.importer import build_fields_dict_for_column_matching
	from frappe.translate import get_user_lang

	out = {}
	current = frappe.local.lang
	languages = dict.fromkeys([current, get_user_lang(frappe.session.user), "vi"])
	try:
		for lang in languages:
			frappe.local.lang = lang
			for heading, df in build_fields_dict_for_column_matching(doctype).items():
				out.setdefault(heading, field_key(doctype, df))
	finally:
		frappe.local.lang = current
	return out


def field_key(doctype: str, df) -> str:
	if df.get("is_child_table_field") and df.get("child_table_df"):
		return f"{df.child_table_df.fieldname}.{df.fieldname}"
	return df.fieldname


# --------------------------------------------------------------------------------------------------
# Who may import
# --------------------------------------------------------------------------------------------------


def grant_import_rights():
	"""Let the Discipline Administrator use Data Import (Custom DocPerm rows; idempotent, never
	removes a right an administrator set)."""
	if not frappe.db.exists("Role", IMPORTER_ROLE):
		return
	for doctype, rights in IMPORT_TOOL_RIGHTS.items():
		if not frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": IMPORTER_ROLE, "permlevel": 0}):
			add_permission(doctype, IMPORTER_ROLE, 0)
		current = frappe.db.get_value(
			"Custom DocPerm",
			{"parent": doctype, "role": IMPORTER_ROLE, "permlevel": 0, "if_owner": 0},
			list(rights),
			as_dict=True,
		)
		for right in rights:
			if current and not current.get(right):
				update_permission_property(doctype, IMPORTER_ROLE, 0, right, 1, validate=False)
	frappe.clear_cache()
