"""Input hygiene for the app's documents and requests (issue 10, "bad input").

Two hooks (wired in hooks.py) and a few helpers for the app's whitelisted methods and Script Reports:

- `clean_document` (`before_validate` of every DocType, acting only on the app's module) checks and
  cleans every field of a document and of its child rows, before Frappe casts anything:
	- numbers (Int, Float, Currency, Percent, Check) must be numbers ("abc" is refused instead of
	  being stored as 0), finite (no NaN, no infinity, no 1e309) and within range: 0 to 100 for a
	  Percent, 0 to `DEFAULT_MAX_FLOAT` / `MAX_INT` for the others (no field of the app holds a negative
	  number), or the range of `NUMBER_RANGES` for fields that need a tighter one; an Int is a whole
	  number, a Check is 0 or 1;
	- dates (Date, Datetime) must be real dates within a sane window: 1 January 2000 to ten years
	  from today (`DEFAULT_DATE_WINDOW`), with the exceptions of `DATE_WINDOWS`: historical dates
	  (a unit's foundation, a directive's issue, a cadre's joining) go back to 1930, the founding of the
	  Party; evaluation policies and periods may be planned twenty years ahead;
	- text is normalised to NFC (Vietnamese typed in decomposed form is stored precomposed, so the
	  usual searches find it), and control characters (C0, DEL, C1; tab and line breaks are kept in
	  multi-line text and turned into spaces in single-line text) and bidirectional overrides,
	  embeddings and isolates (U+202A-U+202E, U+2066-U+2069) are stripped: the text is cleaned, not
	  refused, since stray characters pasted from other software are common and harmless once removed;
	- a non-table field given a list or an object is refused.
- `check_request` (`before_request`) refuses, for the app's DocTypes, payloads that would crash Frappe
  (HTTP 500) before any document hook runs: a table field that is not a list of objects, a body that
  is not an object, NaN or infinite numbers, numeric filters that are not numbers, and a new record
  without the unit or cadre that decides who may create it (otherwise answered 403 by the permission
  check, which runs before Frappe's mandatory check).

Every refusal is a `frappe.ValidationError` subclass (HTTP 417) whose message names the field by its
translated label (and the row of a child table) and says why; nothing is written, since the checks run
before the document reaches the database.
"""

import json
import math
import re
import unicodedata
from datetime import date, datetime
from functools import partial
from numbers import Number

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields
from frappe.utils import add_years, escape_html, getdate, today

from soson_discipline import APP_MODULE
from soson_discipline.utils import is_app_doctype


class InvalidInputError(frappe.ValidationError):
	"""A value of the wrong kind or shape (HTTP 417)."""


class InvalidNumberError(InvalidInputError):
	"""Not a number, or not a finite one."""


class NumberOutOfRangeError(InvalidInputError):
	"""A number outside the range its field accepts."""


class InvalidDateError(InvalidInputError):
	"""Not a date."""


class DateOutOfRangeError(InvalidInputError):
	"""A date outside the window its field accepts."""


class InvalidTableError(InvalidInputError):
	"""A child table that is not a list of rows."""


class InvalidFilterError(InvalidInputError):
	"""A list filter that would crash the query."""


class MissingValueError(frappe.MandatoryError):
	"""A mandatory value is missing (a `frappe.ValidationError`)."""


# --------------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------------

NUMBER_FIELDTYPES = frozenset({"Int", "Float", "Currency", "Percent"})
DATE_FIELDTYPES = frozenset({"Date", "Datetime"})
# Single-line text: line breaks and tabs become spaces. Link values (record names) are left alone.
SINGLE_LINE_FIELDTYPES = frozenset({"Data", "Select", "Autocomplete", "Phone", "Read Only", "Color"})
MULTI_LINE_FIELDTYPES = frozenset(
	{"Small Text", "Text", "Long Text", "Text Editor", "HTML Editor", "Markdown Editor", "Code"}
)

MAX_INT = 2_147_483_647  # a signed 32-bit INT column
DEFAULT_MAX_FLOAT = 1_000_000_000  # DECIMAL(21, 9) holds less than 10^12; nothing of the app comes close
DAY_OF_MONTH = (1, 31)
POINTS = (0, 1000)

# (DocType, fieldname) -> (minimum, maximum) where the field's type is not enough.
NUMBER_RANGES: dict[tuple[str, str], tuple[float, float]] = {
	("Assigned Task", "weight"): (0, 1000),
	("Unit Plan Task", "weight"): (0, 1000),
	("Assigned Task", "percent_complete"): (0, 100),
	("Assigned Task Update", "percent"): (0, 100),
	("Evaluation Policy Criterion", "max_points"): POINTS,
	("Evaluation Policy Band", "min_score"): POINTS,
	("Evaluation Policy", "total_points"): POINTS,
	("Evaluation Policy", "max_violation_deduction"): POINTS,
	("Violation Category", "default_deduction"): POINTS,
	# bounded by the row's max_points in cadre_evaluation.py
	("Cadre Evaluation Score", "max_points"): POINTS,
	("Cadre Evaluation Score", "self_score"): POINTS,
	("Cadre Evaluation Score", "rater_score"): POINTS,
	("Cadre Evaluation Score", "final_score"): POINTS,
	("Discipline Settings", "self_assessment_due_day"): DAY_OF_MONTH,
	("Discipline Settings", "rating_due_day"): DAY_OF_MONTH,
	("Discipline Settings", "approval_due_day"): DAY_OF_MONTH,
	("Discipline Settings", "reminder_lead_days"): (0, 31),
}

EARLIEST_DATE = date(2000, 1, 1)
HISTORICAL_EARLIEST_DATE = date(1930, 1, 1)  # the founding of the Party
FUTURE_YEARS = 10
PLANNING_FUTURE_YEARS = 20

# (DocType, fieldname) -> (earliest date, years after today) where the default window does not fit.
DATE_WINDOWS: dict[tuple[str, str], tuple[date, int]] = {
	("Organization Unit", "valid_from"): (HISTORICAL_EARLIEST_DATE, FUTURE_YEARS),
	("Organization Unit", "valid_to"): (HISTORICAL_EARLIEST_DATE, FUTURE_YEARS),
	("Directive", "issue_date"): (HISTORICAL_EARLIEST_DATE, FUTURE_YEARS),
	("Cadre", "date_joined"): (HISTORICAL_EARLIEST_DATE, FUTURE_YEARS),
	("Cadre", "date_left"): (HISTORICAL_EARLIEST_DATE, FUTURE_YEARS),
	("Evaluation Policy", "effective_from"): (EARLIEST_DATE, PLANNING_FUTURE_YEARS),
	("Evaluation Policy", "effective_to"): (EARLIEST_DATE, PLANNING_FUTURE_YEARS),
	("Evaluation Period", "period_start"): (EARLIEST_DATE, PLANNING_FUTURE_YEARS),
	("Evaluation Period", "period_end"): (EARLIEST_DATE, PLANNING_FUTURE_YEARS),
	("Cadre Evaluation", "period_start"): (EARLIEST_DATE, PLANNING_FUTURE_YEARS),
	("Cadre Evaluation", "period_end"): (EARLIEST_DATE, PLANNING_FUTURE_YEARS),
	("Cadre Classification", "period_start"): (EARLIEST_DATE, PLANNING_FUTURE_YEARS),
	("Cadre Classification", "period_end"): (EARLIEST_DATE, PLANNING_FUTURE_YEARS),
	("Cadre Classification Period", "period_start"): (EARLIEST_DATE, PLANNING_FUTURE_YEARS),
	("Evaluation Appeal", "period_start"): (EARLIEST_DATE, PLANNING_FUTURE_YEARS),
	("Evaluation Appeal", "period_end"): (EARLIEST_DATE, PLANNING_FUTURE_YEARS),
	("Result Announcement", "period_start"): (EARLIEST_DATE, PLANNING_FUTURE_YEARS),
	("Result Announcement", "period_end"): (EARLIEST_DATE, PLANNING_FUTURE_YEARS),
}
DEFAULT_DATE_WINDOW = (EARLIEST_DATE, FUTURE_YEARS)

BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# C0 but tab, line feed and carriage return; DEL; C1; bidi controls. Single-line text first turns tabs
# and line breaks into spaces.
STRIPPED = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
LINE_BREAKS = re.compile(r"[\t\r\n]+")


# --------------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------------


def clean_text(value: str, multiline: bool = False) -> str:
	"""`value` without control or bidi-override characters, normalised to NFC."""
	if not isinstance(value, str):
		return value
	value = STRIPPED.sub("", value if multiline else LINE_BREAKS.sub(" ", value))
	if value.isascii():
		return value
	return unicodedata.normalize("NFC", value)


def parse_number(value) -> float | None:
	"""`value` as a finite float (None when empty); ValueError when it is not a finite number.

	Accepts what Frappe's `flt` accepts from a client (a number, or a numeric string, with thousands
	commas), but not what `flt` silently turns into 0 ("abc") or into a non-finite float."""
	if value is None or isinstance(value, bool):
		return None if value is None else float(value)
	if isinstance(value, str):
		text = value.strip().replace(",", "")
		if not text:
			return None
		value = text
	elif not isinstance(value, Number):
		raise ValueError(value)
	try:
		number = float(value)
	except (TypeError, ValueError, OverflowError) as e:
		raise ValueError(value) from e
	if not math.isfinite(number):
		raise ValueError(value)
	return number


def parse_date(value) -> date | None:
	"""`value` as a date (None when empty); ValueError when it is not a date."""
	if value in (None, ""):
		return None
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	if not isinstance(value, str):
		raise ValueError(value)
	text = value.strip()
	try:
		return datetime.fromisoformat(text).date()
	except ValueError:
		pass
	try:
		from dateutil import parser

		return parser.parse(text).date()
	except Exception as e:
		raise ValueError(value) from e


def number_range(doctype: str, df) -> tuple[float, float]:
	"""The (minimum, maximum) a numeric field accepts."""
	if bounds := NUMBER_RANGES.get((doctype, df.fieldname)):
		return bounds
	if df.fieldtype == "Percent":
		return 0, 100
	if df.fieldtype == "Int":
		return 0, MAX_INT
	return 0, DEFAULT_MAX_FLOAT


def date_window(doctype: str, df) -> tuple[date, date]:
	"""The (earliest, latest) dates a date field accepts."""
	earliest, years = DATE_WINDOWS.get((doctype, df.fieldname), DEFAULT_DATE_WINDOW)
	return earliest, getdate(add_years(today(), years))


# --------------------------------------------------------------------------------------------------
# Messages
# --------------------------------------------------------------------------------------------------


def shown(value, limit: int = 40) -> str:
	"""A client's value, safe and short enough to quote in a message."""
	text = value if isinstance(value, str) else repr(value)
	text = clean_text(text)
	if len(text) > limit:
		text = text[: limit - 1] + "…"
	return escape_html(text)


def field_title(df, row=None, table_label: str | None = None) -> str:
	"""The field's translated label in bold, with its row ("Updates, row 2: Percent") for a child row."""
	label = frappe.bold(_(df.label or df.fieldname, context=df.parent))
	if row is None and not table_label:
		return label
	idx = (row.get("idx") if row is not None else None) or "?"
	return _("{0}, row {1}: {2}").format(frappe.bold(table_label or ""), idx, label)


def refuse(message: str, title: str, exc=InvalidInputError):
	frappe.throw(message, title=title, exc=exc)


def named(where) -> str:
	"""A field's title, given as text or as a function computing it (only when a value is refused)."""
	return where() if callable(where) else where


# --------------------------------------------------------------------------------------------------
# One value
# --------------------------------------------------------------------------------------------------


def check_number(doctype: str, df, value, where):
	"""`value` of a numeric field, as a number; refused when not a finite number in range."""
	try:
		number = parse_number(value)
	except ValueError:
		refuse(
			_("{0} must be a finite number; {1} is not.").format(named(where), shown(value)),
			_("Invalid Number"),
			InvalidNumberError,
		)
	if number is None:
		return value
	if df.fieldtype == "Int" and not number.is_integer():
		refuse(
			_("{0} must be a whole number; {1} is not.").format(named(where), shown(value)),
			_("Invalid Number"),
			InvalidNumberError,
		)
	low, high = number_range(doctype, df)
	if not low <= number <= high:
		refuse(
			_("{0} must be between {1} and {2}; {3} is out of range.").format(
				named(where), fmt_number(low), fmt_number(high), shown(value)
			),
			_("Value Out of Range"),
			NumberOutOfRangeError,
		)
	if isinstance(value, str):
		return int(number) if df.fieldtype == "Int" else number
	return value


def fmt_number(number: float) -> str:
	return f"{number:g}" if number < 1e15 else str(number)


def check_check(value, where):
	"""A Check is 0 or 1."""
	try:
		number = parse_number(value)
	except ValueError:
		number = None
		valid = False
	else:
		valid = number in (None, 0, 1)
	if not valid:
		refuse(
			_("{0} must be 0 or 1; {1} is not.").format(named(where), shown(value)),
			_("Invalid Value"),
			InvalidNumberError,
		)
	return value if number is None or not isinstance(value, str) else int(number)


def check_date(doctype: str, df, value, where):
	"""A date field's value; refused when not a date within the field's window."""
	try:
		day = parse_date(value)
	except ValueError:
		refuse(
			_("{0} must be a date; {1} is not.").format(named(where), shown(value)),
			_("Invalid Date"),
			InvalidDateError,
		)
	if day is None:
		return value
	earliest, latest = date_window(doctype, df)
	if not earliest <= day <= latest:
		refuse(
			_("{0} must be between {1} and {2}; {3} is out of range.").format(
				named(where),
				frappe.format(earliest, "Date"),
				frappe.format(latest, "Date"),
				shown(str(value)),
			),
			_("Date Out of Range"),
			DateOutOfRangeError,
		)
	return value


def check_value(doctype: str, df, value, where, clean: bool = True):
	"""The cleaned value of field `df` (numbers, dates, text); raises an InvalidInputError."""
	fieldtype = df.fieldtype
	if value is None or fieldtype in no_value_fields or fieldtype in table_fields:
		return value
	if isinstance(value, list | dict | tuple | set) and fieldtype != "JSON":
		refuse(
			_("{0} must be a single value, not a list or an object.").format(named(where)),
			_("Invalid Value"),
		)
	if fieldtype in NUMBER_FIELDTYPES:
		return check_number(doctype, df, value, where)
	if fieldtype == "Check":
		return check_check(value, where)
	if fieldtype in DATE_FIELDTYPES:
		return check_date(doctype, df, value, where)
	if clean and isinstance(value, str):
		if fieldtype in SINGLE_LINE_FIELDTYPES:
			return clean_text(value)
		if fieldtype in MULTI_LINE_FIELDTYPES:
			return clean_text(value, multiline=True)
	return value


# --------------------------------------------------------------------------------------------------
# Documents: before_validate of every DocType
# --------------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------------
# Requests: before_request
# --------------------------------------------------------------------------------------------------

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


def parse_json_argument(value, label: str):
	"""A JSON argument (a string, or already parsed), refused with a clear message when malformed."""
	if not isinstance(value, str):
		return value
	try:
		return json.loads(value)
	except ValueError:
		refuse(
			_("{0} is not valid JSON.").format(frappe.bold(label)),
			_("Invalid Value"),
		)


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


# --------------------------------------------------------------------------------------------------
# Arguments of the app's whitelisted methods and Script Reports
# --------------------------------------------------------------------------------------------------


def check_report_filters(
	filters: dict | None,
	dates: tuple[str, ...] = (),
	integers: dict[str, tuple[int, int]] | None = None,
	links: tuple[str, ...] = (),
) -> frappe._dict:
	"""A Script Report's filters, checked: each of `dates` a date within the default window (kept as
	sent), each of `integers` a whole number within its (minimum, maximum), each of `links` a single
	name. Raises an InvalidInputError naming the filter."""
	filters = frappe._dict(filters or {})
	for fieldname in dates:
		filters[fieldname] = check_filter_date(fieldname, filters.get(fieldname))
	for fieldname, (low, high) in (integers or {}).items():
		filters[fieldname] = check_filter_integer(fieldname, filters.get(fieldname), low, high)
	for fieldname in links:
		value = filters.get(fieldname)
		if value not in (None, "") and not isinstance(value, str):
			refuse(
				_("{0} must be a single value, not a list or an object.").format(filter_title(fieldname)),
				_("Invalid Filters"),
				InvalidFilterError,
			)
		if isinstance(value, str):
			filters[fieldname] = clean_text(value)
	return filters


def filter_title(fieldname: str) -> str:
	"""A report filter's translated label, in bold."""
	labels = {
		"from_date": _("From Date"),
		"to_date": _("To Date"),
		"as_of_date": _("As of Date"),
		"year": _("Year"),
		"cadre": _("Cadre"),
		"assignee": _("Assignee"),
		"organization_unit": _("Organization Unit"),
		"evaluation_period": _("Evaluation Period"),
		"directive": _("Directive"),
		"unit_plan": _("Unit Plan"),
		"violation_category": _("Violation Category"),
		"inspection": _("Inspection"),
		"detection_source": _("Detection Source"),
	}
	return frappe.bold(labels.get(fieldname) or _(frappe.unscrub(fieldname)))


def check_filter_date(fieldname: str, value):
	"""A date filter: empty, or a date from 2000 to ten years ahead."""
	where = filter_title(fieldname)
	try:
		day = parse_date(value)
	except ValueError:
		refuse(
			_("{0} must be a date; {1} is not.").format(where, shown(value)),
			_("Invalid Filters"),
			InvalidFilterError,
		)
	if day is None:
		return None
	earliest, years = DEFAULT_DATE_WINDOW
	latest = getdate(add_years(today(), years))
	if not earliest <= day <= latest:
		refuse(
			_("{0} must be between {1} and {2}; {3} is out of range.").format(
				where, frappe.format(earliest, "Date"), frappe.format(latest, "Date"), shown(str(value))
			),
			_("Invalid Filters"),
			InvalidFilterError,
		)
	return day


def check_filter_integer(fieldname: str, value, low: int, high: int):
	"""A whole-number filter: empty, or a whole number from `low` to `high`."""
	where = filter_title(fieldname)
	try:
		number = parse_number(value)
	except ValueError:
		number = math.nan
	if number is None:
		return None
	if math.isnan(number) or not number.is_integer():
		refuse(
			_("{0} must be a whole number; {1} is not.").format(where, shown(value)),
			_("Invalid Filters"),
			InvalidFilterError,
		)
	if not low <= number <= high:
		refuse(
			_("{0} must be between {1} and {2}; {3} is out of range.").format(where, low, high, shown(value)),
			_("Invalid Filters"),
			InvalidFilterError,
		)
	return int(number)
