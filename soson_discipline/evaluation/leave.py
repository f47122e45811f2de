"""Leave and the time worked (issue 22, item 8).

- Decree 335/2025, timing article cl. 3: a cadre absent for a legitimate reason (sick or maternity
  leave) is classified on the total points of the time actually worked. A period mostly on leave
  (more than half of its days, by the submitted `Cadre Leave` records) is marked **on leave** on its
  evaluation and left out of the quarter's and the year's average (`year_results`, `classification`).
- Decree 90/2020 Art. 2 cl. 3, as amended by Decree 48/2023 Art. 1 cl. 1: fewer than six months
  worked in the year → not classified, unless on maternity leave; three months or more of other leave
  → not classified good or above. The thresholds are the policy's (`Evaluation Policy`), applied by
  `scoring.classify_span` from the `scoring.TimeWorked` built here.

Submitting or cancelling a leave marks the cadre's evaluations again (`mark_evaluations`) and its
controller recounts the years it touches, in the same transaction; generating a period's evaluations
marks the new ones.
"""

from __future__ import annotations

import frappe
from frappe.query_builder import DocType
from frappe.utils import date_diff, getdate

from soson_discipline import scoring

LEAVE = "Cadre Leave"
MATERNITY = "Maternity Leave"
DAYS_PER_MONTH = 365.25 / 12


def submitted_leave(cadres: list[str] | None, start, end) -> dict[str, list[frappe._dict]]:
	"""{cadre: the submitted leave of `cadres` (None: everybody) overlapping `start`..`end`}."""
	leave = DocType(LEAVE)
	query = (
		frappe.qb.from_(leave)
		.select(leave.name, leave.cadre, leave.leave_type, leave.from_date, leave.to_date)
		.where((leave.docstatus == 1) & (leave.from_date <= getdate(end)) & (leave.to_date >= getdate(start)))
	)
	if cadres is not None:
		query = query.where(leave.cadre.isin(cadres or [""]))
	found: dict[str, list[frappe._dict]] = {}
	for row in query.run(as_dict=True):
		found.setdefault(row.cadre, []).append(row)
	return found


def days_within(rows, start, end) -> tuple[int, str | None]:
	"""The days of leave of `rows` within `start`..`end`, and the type of the longest."""
	start, end = getdate(start), getdate(end)
	days, longest, kind = 0, 0, None
	for row in rows:
		overlap = date_diff(min(getdate(row.to_date), end), max(getdate(row.from_date), start)) + 1
		if overlap > 0:
			days += overlap
			if overlap > longest:
				longest, kind = overlap, row.leave_type
	return days, kind


def is_mostly_on_leave(days: int, start, end) -> bool:
	"""A period is on leave when leave covers more than half of its days."""
	return days * 2 > date_diff(getdate(end), getdate(start)) + 1


def mark_evaluations(cadres: list[str], start, end) -> set[tuple[int, str]]:
	"""Mark the evaluations of `cadres` whose period overlaps `start`..`end` on leave or not, from
	the submitted leave; returns the (year, cadre) of the approved evaluations that changed (their
	year is to be counted again)."""
	if not cadres:
		return set()
	ce = DocType("Cadre Evaluation")
	evaluations = (
		frappe.qb.from_(ce)
		.select(
			ce.name,
			ce.cadre,
			ce.period_start,
			ce.period_end,
			ce.on_leave,
			ce.leave_days,
			ce.leave_type,
			ce.docstatus,
		)
		.where(
			ce.cadre.isin(cadres)
			& (ce.docstatus < 2)
			& (ce.period_start <= getdate(end))
			& (ce.period_end >= getdate(start))
		)
		.run(as_dict=True)
	)
	if not evaluations:
		return set()
	first = min(getdate(row.period_start) for row in evaluations)
	last = max(getdate(row.period_end) for row in evaluations)
	leave_of = submitted_leave(cadres, first, last)
	changed = set()
	for row in evaluations:
		days, kind = days_within(leave_of.get(row.cadre, []), row.period_start, row.period_end)
		on_leave = int(is_mostly_on_leave(days, row.period_start, row.period_end))
		values = {"on_leave": on_leave, "leave_days": days, "leave_type": kind if days else None}
		if (row.on_leave, row.leave_days or 0, row.leave_type or None) == tuple(values.values()):
			continue
		frappe.db.set_value("Cadre Evaluation", row.name, values, update_modified=False)
		if row.docstatus == 1:
			changed.add((getdate(row.period_start).year, row.cadre))
	return changed


def time_worked_in_span(start, end, cadres: list[str] | None = None) -> dict[str, scoring.TimeWorked]:
	"""{cadre: `scoring.TimeWorked`} within `start`..`end` (a year) for the cadres of `cadres` (None:
	everybody) who did not work all of it: the months employed (from `date_joined` to `date_left`)
	less the months of submitted leave, the months of leave other than maternity, and whether the
	cadre took maternity leave. A cadre absent from it worked the whole span (`full_span`)."""
	start, end = getdate(start), getdate(end)
	employed: dict[str, tuple] = {}
	cadre = DocType("Cadre")
	query = (
		frappe.qb.from_(cadre)
		.select(cadre.name, cadre.date_joined, cadre.date_left)
		.where((cadre.date_joined > start) | (cadre.date_left < end))
	)
	if cadres is not None:
		query = query.where(cadre.name.isin(cadres or [""]))
	for row in query.run(as_dict=True):
		first = max(start, getdate(row.date_joined)) if row.date_joined else start
		last = min(end, getdate(row.date_left)) if row.date_left else end
		employed[row.name] = (first, last)
	leave_of = submitted_leave(cadres, start, end)
	found = {}
	for name in employed.keys() | leave_of.keys():
		first, last = employed.get(name, (start, end))
		days = max(0, date_diff(last, first) + 1) if last >= first else 0
		rows = leave_of.get(name, [])
		leave_days, _kind = days_within(rows, first, last) if days else (0, None)
		other_days, _kind = (
			days_within([r for r in rows if r.leave_type != MATERNITY], first, last) if days else (0, None)
		)
		found[name] = scoring.TimeWorked(
			months=round((days - leave_days) / DAYS_PER_MONTH, 2),
			leave_months=round(other_days / DAYS_PER_MONTH, 2),
			maternity=any(r.leave_type == MATERNITY for r in rows),
		)
	return found


def full_span(start, end) -> scoring.TimeWorked:
	"""The time worked by a cadre employed and present all of `start`..`end`."""
	return scoring.TimeWorked(months=round((date_diff(getdate(end), getdate(start)) + 1) / DAYS_PER_MONTH, 2))
