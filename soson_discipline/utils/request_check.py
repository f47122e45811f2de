"""The requests that would crash Frappe, refused first (issue 10): the `before_request` hook.

Why a request hook at all, when every document is checked by `utils.clean_documents`? Because for
some payloads Frappe fails before any document hook runs, with an HTTP 500 and its traceback instead of
a message naming the field: the REST handlers and `frappe.client` build the document from the body
(`frappe.get_doc`), so a table field that is not a list of objects, or a body that is not an object,
breaks in the constructor; list endpoints pass filters straight to the query builder, so a numeric
filter that is not a number, NaN or infinity fails in the database; and a new record without the unit
or cadre that decides who may create it is answered 403 by the permission check, which runs before
Frappe's mandatory check, instead of "the unit is required". For the app's DocTypes only, this hook
refuses those with the field named (`frappe.ValidationError`, HTTP 417); every other request returns
at once.
"""

import re
from functools import partial

import frappe
from frappe import _
from frappe.model import table_fields

from soson_discipline.utils import is_app_doctype
from soson_discipline.utils.hygiene import (
	NUMBER_FIELDTYPES,
	InvalidFilterError,
	InvalidTableError,
	MissingValueError,
	check_value,
	field_title,
	parse_json_argument,
	parse_number,
	refuse,
	shown,
)

DOC_METHODS = frozenset(
	{
		"frappe.client.insert",
		"frappe.client.save",
		"frappe.client.submit",
		"frappe.desk.form.save.savedocs",
	}
)
LIST_METHODS = frozenset(
	{
		"frappe.client.get_list",
		"frappe.client.get_count",
		"frappe.client.get_value",
		"frappe.desk.reportview.get",
		"frappe.desk.reportview.get_list",
		"frappe.desk.reportview.get_count",
		"frappe.desk.reportview.export_query",
		"frappe.desk.listview.get_group_by_count",
	}
)
RESOURCE_PATH = re.compile(r"^/api/(?:v1/)?resource/(?P<doctype>[^/]+)(?:/(?P<name>.+?))?/?$")
DOCUMENT_PATH = re.compile(r"^/api/v2/document/(?P<doctype>[^/]+)(?:/(?P<name>.+?))?/?$")
METHOD_PATH = re.compile(r"^/api/(?:v1/|v2/)?method/(?P<method>[^/]+)/?$")
COMPARISONS = frozenset({"=", "!=", "<", ">", "<=", ">=", "in", "not in", "between"})


def check_request():
	"""`before_request`: refuse the payloads and list filters that would crash Frappe for the app's
	DocTypes (see the module docstring). Other requests return at once."""
	request = getattr(frappe.local, "request", None)
	if not request or request.method == "OPTIONS":
		return
	path = request.path or ""
	if path.startswith("/api/"):
		if match := RESOURCE_PATH.match(path) or DOCUMENT_PATH.match(path):
			check_resource_request(request.method, match["doctype"], match["name"])
		elif match := METHOD_PATH.match(path):
			check_method_request(match["method"])
	elif cmd := frappe.form_dict.get("cmd"):
		check_method_request(cmd)


def check_resource_request(http_method: str, doctype: str, name: str | None):
	"""/api/resource/<doctype>[/<name>]: a document's body (POST, PUT) or a list's filters (GET)."""
	if not is_app_doctype(doctype):
		return
	if http_method == "GET" and not name:
		check_list_filters(doctype, frappe.form_dict)
	elif (http_method == "POST" and not name) or (http_method in ("PUT", "PATCH") and name):
		check_payload(doctype, resource_payload(), is_insert=not name)


def resource_payload():
	"""The document fields of a REST request, read as Frappe's REST handlers read them."""
	data = frappe.form_dict.get("data")
	if data is None:
		return dict(frappe.form_dict)
	if isinstance(data, str):
		data = parse_json_argument(data, _("Request Body"))
	return data


def check_method_request(method: str):
	"""/api/method/<method>: the documents of Frappe's save methods, the filters of its list methods."""
	form = frappe.form_dict
	if method in DOC_METHODS:
		doc = parse_json_argument(form.get("doc"), _("Document"))
		check_payload_document(doc, is_insert=method == "frappe.client.insert" or is_new_payload(doc))
	elif method == "frappe.client.insert_many":
		docs = parse_json_argument(form.get("docs"), _("Documents"))
		if isinstance(docs, list):
			for doc in docs:
				check_payload_document(doc, is_insert=True)
	elif method == "frappe.client.set_value":
		check_set_value(form)
	elif method in LIST_METHODS:
		doctype = form.get("doctype")
		if isinstance(doctype, str) and is_app_doctype(doctype):
			check_list_filters(doctype, form)


def is_new_payload(doc) -> bool:
	return isinstance(doc, dict) and bool(doc.get("__islocal") or not doc.get("name"))


def check_payload_document(doc, is_insert: bool):
	"""A document sent as an object with its `doctype`; only the app's are checked."""
	if not isinstance(doc, dict):
		return
	doctype = doc.get("doctype")
	if is_app_doctype(doctype):
		check_payload(doctype, doc, is_insert=is_insert)


def check_payload(doctype: str, data, is_insert: bool):
	"""Refuse a document body that would crash Frappe before the document hooks run: not an object,
	a table that is not a list of objects, a malformed number or date, and (on insert) a missing unit
	or cadre deciding who may create it."""
	if not isinstance(data, dict):
		refuse(
			_("The values of a {0} must be sent as an object of field values.").format(
				frappe.bold(_(doctype))
			),
			_("Invalid Value"),
		)
	check_payload_fields(doctype, data)
	if is_insert:
		check_scope_fields(doctype, data)


def check_payload_fields(doctype: str, data: dict, table_label: str | None = None):
	"""Check the values of one payload object (a document or a child row) without changing them."""
	meta = frappe.get_meta(doctype)
	for fieldname, value in data.items():
		df = meta.get_field(fieldname) if isinstance(fieldname, str) else None
		if not df or value is None:
			continue
		if df.fieldtype in table_fields:
			check_payload_table(df, value)
		else:
			where = partial(field_title, df, data if table_label else None, table_label)
			check_value(doctype, df, value, where, clean=False)


def check_payload_table(df, rows):
	"""A table field: a list of objects (or nothing)."""
	label = _(df.label or df.fieldname, context=df.parent)
	if not rows:
		return
	if not isinstance(rows, list):
		refuse(
			_("{0} must be a list of rows; {1} is not.").format(frappe.bold(label), shown(rows)),
			_("Invalid Table"),
			InvalidTableError,
		)
	for idx, row in enumerate(rows, 1):
		if not isinstance(row, dict):
			refuse(
				_("{0}, row {1} must be an object of field values; {2} is not.").format(
					frappe.bold(label), idx, shown(row)
				),
				_("Invalid Table"),
				InvalidTableError,
			)
		check_payload_fields(df.options, {"idx": idx, **row} if "idx" not in row else row, label)


def check_scope_fields(doctype: str, data: dict):
	"""A new record names the mandatory unit or cadre its creation is judged by.

	Frappe checks the permission to create (which, for the scoped DocTypes, looks at that unit or
	cadre) before the mandatory fields, so without this the user would be told "not permitted"
	instead of "missing field"."""
	from soson_discipline.permissions import SCOPES

	scope = SCOPES.get(doctype)
	if not scope:
		return
	meta = frappe.get_meta(doctype)
	for fieldname in (*scope.unit_fields, *scope.cadre_fields):
		df = meta.get_field(fieldname)
		if not df or not df.reqd or df.default or df.fetch_from:
			continue
		if data.get(fieldname) in (None, ""):
			refuse(
				_("{0} is required.").format(frappe.bold(_(df.label, context=df.parent))),
				_("Missing Value"),
				MissingValueError,
			)


def check_set_value(form):
	"""frappe.client.set_value(doctype, name, fieldname, value): `fieldname` may be a JSON object."""
	doctype = form.get("doctype")
	if not is_app_doctype(doctype):
		return
	fieldname = form.get("fieldname")
	if isinstance(fieldname, str) and fieldname.lstrip().startswith("{"):
		values = parse_json_argument(fieldname, _("Field Name"))
	elif isinstance(fieldname, dict):
		values = fieldname
	else:
		values = {fieldname: form.get("value")} if isinstance(fieldname, str) else {}
	check_payload_fields(doctype, values)


# --------------------------------------------------------------------------------------------------
# List filters
# --------------------------------------------------------------------------------------------------


def check_list_filters(doctype: str, form):
	"""`filters` and `or_filters` of a list request: numeric conditions compare with numbers."""
	for key in ("filters", "or_filters"):
		filters = form.get(key)
		if filters in (None, "", [], {}):
			continue
		if isinstance(filters, str) and not filters.lstrip().startswith(("[", "{")):
			# a record's name: `frappe.client.get_value(doctype, name, fields)`, as the desk's
			# `frappe.db.get_value` sends it (issue 25: the violation form filled nothing in)
			continue
		filters = parse_json_argument(filters, _("Filters"))
		for condition in iter_conditions(doctype, filters):
			check_condition(*condition)


def iter_conditions(doctype: str, filters):
	"""(doctype, fieldname, operator, value) of each condition of list- or dict-style filters."""
	if isinstance(filters, dict):
		for fieldname, value in filters.items():
			if isinstance(value, list | tuple) and len(value) == 2 and isinstance(value[0], str):
				yield doctype, fieldname, value[0], value[1]
			else:
				yield doctype, fieldname, "=", value
	elif isinstance(filters, list):
		for condition in filters:
			if isinstance(condition, list | tuple):
				if len(condition) >= 4 and isinstance(condition[0], str):
					yield condition[0], condition[1], condition[2], condition[3]
				elif len(condition) == 3:
					yield doctype, condition[0], condition[1], condition[2]
			elif isinstance(condition, dict):
				yield from iter_conditions(doctype, condition)
	else:
		refuse(
			_("{0} must be a list or an object of conditions.").format(frappe.bold(_("Filters"))),
			_("Invalid Filters"),
			InvalidFilterError,
		)


def check_condition(doctype, fieldname, operator, value):
	"""A comparison on a numeric field of an app DocType compares with finite numbers."""
	if not isinstance(fieldname, str) or not isinstance(operator, str):
		return
	if operator.strip().lower() not in COMPARISONS or not is_app_doctype(doctype):
		return
	df = frappe.get_meta(doctype).get_field(fieldname)
	if not df or df.fieldtype not in NUMBER_FIELDTYPES | {"Check"}:
		return
	values = value if isinstance(value, list | tuple) else [value]
	if isinstance(value, str) and operator.strip().lower() in ("in", "not in", "between"):
		values = value.split(",")
	for item in values:
		try:
			parse_number(item)
		except ValueError:
			refuse(
				_("The filter on {0} must compare with a number; {1} is not one.").format(
					frappe.bold(_(df.label or df.fieldname, context=df.parent)), shown(item)
				),
				_("Invalid Filters"),
				InvalidFilterError,
			)
