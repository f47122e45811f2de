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


def request_memo(key: str) -> dict | None:
	"""A dict kept on `frappe.local` for the current HTTP request under `key` (None outside a request:
	jobs, tests, the console), for answers asked many times per request (a user's Cadre, the acting
	posts); it goes with the request."""
	if not getattr(frappe.local, "request", None):
		return None
	memo = getattr(frappe.local, key, None)
	if memo is None:
		memo = {}
		setattr(frappe.local, key, memo)
	return memo
