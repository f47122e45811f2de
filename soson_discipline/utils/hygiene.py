"""Input hygiene: the rules for the values of the app's documents and requests (issue 10, "bad
input"), which Frappe does not apply itself, and the checks of the arguments of the app's whitelisted
methods and Script Reports. Two hooks apply them (wired in hooks.py): `utils.clean_documents` (every
document of the app, `before_validate`) and `utils.request_check` (`before_request`, what would crash
Frappe before a document hook runs).

- numbers (Int, Float, Currency, Percent, Check) must be numbers ("abc" is refused instead of being
  stored as 0), finite (no NaN, no infinity, no 1e309) and within range: 0 to 100 for a Percent, 0 to
  `DEFAULT_MAX_FLOAT` / `MAX_INT` for the others (no field of the app holds a negative number), or the
  range of `NUMBER_RANGES` for fields that need a tighter one; an Int is a whole number, a Check is 0
  or 1;
- dates (Date, Datetime) must be real dates within a sane window: 1 January 2000 to ten years from
  today (`DEFAULT_DATE_WINDOW`), with the exceptions of `DATE_WINDOWS`: historical dates (a unit's
  foundation, a directive's issue, a cadre's joining) go back to 1930, the founding of the Party;
  evaluation policies and periods may be planned twenty years ahead;
- text is normalised to NFC (Vietnamese typed in decomposed form is stored precomposed, so the usual
  searches find it), and control characters (C0, DEL, C1; tab and line breaks are kept in multi-line
  text and turned into spaces in single-line text) and bidirectional overrides, embeddings and
  isolates (U+202A-U+202E, U+2066-U+2069) are stripped: the text is cleaned, not refused, since stray
  characters pasted from other software are common and harmless once removed;
- a non-table field given a list or an object is refused.

Every refusal is a `frappe.ValidationError` subclass (HTTP 417) whose message names the field by its
translated label (and the row of a child table) and says why; nothing is written, since the checks run
before the document reaches the database.
"""

import json
import math
import re
import unicodedata
from datetime import date, datetime
from numbers import Number

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields
from frappe.utils import add_years, escape_html, getdate, today


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
