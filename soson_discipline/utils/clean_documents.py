"""The app's documents cleaned and checked before anything else reads them (issue 10): the
`before_insert`, `before_validate` and `before_update_after_submit` hook of every DocType, acting only
on the app's module. Each field of the document and of its child rows is checked and cleaned by the
rules of `utils.hygiene` (numbers finite and in range, dates in their window, text in NFC without
control characters) before Frappe casts anything: "abc" in a number is refused, not stored as 0."""

from functools import partial

from frappe import _
from frappe.model import no_value_fields

from soson_discipline import APP_MODULE
from soson_discipline.utils.hygiene import check_value, field_title


def clean_document(doc, method=None):
	"""`before_validate` of every DocType: check and clean the fields of the app's documents and of
	their child rows (see the module docstring)."""
	if doc.meta.module != APP_MODULE:
		return
	clean_fields(doc)
	for df in doc.meta.get_table_fields():
		label = _(df.label or df.fieldname, context=df.parent)
		for row in doc.get(df.fieldname) or []:
			clean_fields(row, label)


def clean_fields(doc, table_label: str | None = None):
	"""Check and clean every field of one document or child row, in place."""
	for df in doc.meta.fields:
		value = doc.get(df.fieldname)
		if value is None or df.fieldtype in no_value_fields:
			continue
		where = partial(field_title, df, doc if table_label else None, table_label)
		cleaned = check_value(doc.doctype, df, value, where)
		if cleaned is not value:
			doc.set(df.fieldname, cleaned)
