import frappe

from soson_discipline import APP_MODULE


def is_app_doctype(doctype) -> bool:
	"""Whether `doctype` is one of the app's DocTypes (its module is the app's; from the cached meta;
	False for anything else, a name that is no DocType included)."""
	if not isinstance(doctype, str) or not doctype:
		return False
	try:
		return frappe.get_meta(doctype).module == APP_MODULE
	except Exception:  # a request may name anything: no DocType, a broken one
		return False
