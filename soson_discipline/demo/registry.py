"""Bookkeeping for the demo data: what `load()` created, so `clear()` removes exactly that.

`ensure()` finds a record by its natural key or creates it; only records it created are logged
(in a site default), so demo data never claims an office's own records, and a second `load()`
creates nothing.
"""

import json

import frappe

LOG_KEY = "soson_discipline_demo_records"


def _read_log() -> list[list[str]]:
	return json.loads(frappe.db.get_default(LOG_KEY) or "[]")


def _write_log(entries: list[list[str]]):
	frappe.db.set_default(LOG_KEY, json.dumps(entries))


def log_created(doctype: str, name: str):
	entries = _read_log()
	if [doctype, name] not in entries:
		entries.append([doctype, name])
		_write_log(entries)


def ensure(doctype: str, key: dict, values: dict | None = None, submit: bool = False) -> str:
	"""The name of the `doctype` record matching `key`, creating it from `key` + `values` if missing."""
	if name := frappe.db.get_value(doctype, key, "name"):
		return name
	doc = frappe.get_doc({"doctype": doctype, **key, **(values or {})})
	doc.flags.ignore_permissions = True
	doc.insert()
	if submit:
		doc.submit()
	log_created(doctype, doc.name)
	return doc.name


def created(doctype: str | None = None) -> list[list[str]]:
	"""Logged (doctype, name) pairs, optionally of one DocType, in creation order."""
	return [e for e in _read_log() if doctype is None or e[0] == doctype]


def clear_logged():
	"""Delete every logged record, newest first (children before parents, tasks before plans)."""
	entries = _read_log()
	for doctype, name in reversed(entries):
		if not frappe.db.exists(doctype, name):
			continue
		if frappe.get_meta(doctype).is_submittable:
			# Demo documents go whatever their workflow says: mark them cancelled so they can be deleted.
			frappe.db.set_value(doctype, name, "docstatus", 2, update_modified=False)
		frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, ignore_missing=True)
	frappe.db.set_default(LOG_KEY, "[]")
