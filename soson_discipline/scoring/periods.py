"""Calendar maths for evaluation and reporting periods (framework-free, on ``datetime.date``)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

MONTHLY = "Monthly"
QUARTERLY = "Quarterly"
HALF_YEARLY = "Half-Yearly"
YEARLY = "Yearly"
FREQUENCIES = (MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY)
_MONTHS = {MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12}


def _last_day(year: int, month: int) -> date:
	return date(year, month, calendar.monthrange(year, month)[1])


def _bounds(d: date, months: int) -> tuple[date, date]:
	first_month = (d.month - 1) // months * months + 1
	return date(d.year, first_month, 1), _last_day(d.year, first_month + months - 1)


def month_bounds(d: date) -> tuple[date, date]:
	"""First and last day of the month of ``d``."""
	return _bounds(d, 1)


def quarter_bounds(d: date) -> tuple[date, date]:
	"""First and last day of the calendar quarter of ``d`` (Q1 = January–March)."""
	return _bounds(d, 3)


def half_year_bounds(d: date) -> tuple[date, date]:
	"""1 January–30 June or 1 July–31 December."""
	return _bounds(d, 6)


def year_bounds(d: date) -> tuple[date, date]:
	return _bounds(d, 12)


def period_bounds(d: date, frequency: str) -> tuple[date, date]:
	"""Bounds of the period of ``frequency`` ("Monthly", "Quarterly", "Half-Yearly", "Yearly") holding ``d``."""
	if frequency not in _MONTHS:
		raise ValueError(f"Unknown frequency {frequency!r}; expected one of {', '.join(FREQUENCIES)}")
	return _bounds(d, _MONTHS[frequency])


def next_period_start(d: date, frequency: str) -> date:
	"""The first day of the period after the one holding ``d``."""
	return period_bounds(d, frequency)[1] + timedelta(days=1)


def periods_overlap(
	a_start: date | None, a_end: date | None, b_start: date | None, b_end: date | None
) -> bool:
	"""Whether two inclusive date ranges share a day. ``None`` leaves a side open (no start: since
	always; no end: still in force), as for a policy without ``effective_to``."""
	lo = max((x for x in (a_start, b_start) if x is not None), default=None)
	hi = min((x for x in (a_end, b_end) if x is not None), default=None)
	if a_start and a_end and a_start > a_end or b_start and b_end and b_start > b_end:
		return False
	return lo is None or hi is None or lo <= hi


def due_date_in_month(year: int, month: int, day: int) -> date:
	"""Day ``day`` of the month, clamped to the month (31 → 28/29 February, 0 or less → the 1st)."""
	last = calendar.monthrange(year, month)[1]
	return date(year, month, min(max(int(day), 1), last))


# Quarter and year classification (Cadre Classification) ----------------------------------------------
CLASSIFY_YEAR = "Year"
CLASSIFY_QUARTER = "Quarter"
CLASSIFICATION_TYPES = (CLASSIFY_YEAR, CLASSIFY_QUARTER)


def classification_span(classification_type: str, year: int, quarter: int | None = None) -> tuple[date, date]:
	"""First and last day a classification covers: the calendar year, or quarter ``quarter`` (1–4) of
	it. Raises ``ValueError`` on a type, year or quarter out of range."""
	if classification_type not in CLASSIFICATION_TYPES:
		raise ValueError(f"Unknown classification type {classification_type!r}")
	if not 1900 <= int(year) <= 9999:
		raise ValueError(f"Year {year!r} out of range")
	if classification_type == CLASSIFY_YEAR:
		return year_bounds(date(int(year), 1, 1))
	if quarter is None or not 1 <= int(quarter) <= 4:
		raise ValueError(f"Quarter {quarter!r} out of range")
	return quarter_bounds(date(int(year), 3 * int(quarter) - 2, 1))


def span_holds(span_start: date, span_end: date, period_start: date, period_end: date) -> bool:
	"""Whether an evaluation period lies wholly within a classification's span (a month in its
	quarter, a quarter in its year)."""
	return span_start <= period_start and period_end <= span_end
