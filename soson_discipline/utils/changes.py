"""What a save changes, compared the way the desk sends values.

The form sends dates as text ("2026-10-05") and numbers as text or floats, while the document loaded
before the save holds `date` objects and numbers: a plain `!=` sees every date as changed. Values
are compared here by the field's type."""

from frappe.utils import cstr, flt, getdate

DATE_TYPES = frozenset({"Date"})
NUMBER_TYPES = frozenset({"Float", "Currency", "Percent", "Int", "Check", "Rating"})


def normalised(doc, fieldname: str, value):
	fieldtype = doc.meta.get_field(fieldname).fieldtype if doc.meta.get_field(fieldname) else None
	if fieldtype in DATE_TYPES:
		return getdate(value) if value else None
	if fieldtype in NUMBER_TYPES:
		return flt(value)
	return cstr(value)


def changed_fields(doc, fieldnames) -> list[str]:
	"""The fields of `fieldnames` whose value differs from the document before this save (all of them
	for a new document)."""
	before = doc.get_doc_before_save()
	if before is None:
		return list(fieldnames)
	return [f for f in fieldnames if normalised(doc, f, before.get(f)) != normalised(doc, f, doc.get(f))]
