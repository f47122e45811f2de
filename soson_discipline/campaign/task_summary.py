"""Tasks counted per unit and due month (`Assigned Task Summary`), so that a year of a city's tasks is
counted from a few thousand rows instead of millions (issue #12).

The summary holds, for each unit, month of the due date, status, lateness, quality result and whether
the due date was extended (`is_extended`), how many tasks there are: exactly the groups `figures.task_counts` adds up. It is kept in step with the tasks
in the same transaction as each change:

- a task saved, inserted or moved (`on_change`, also after `db_set`) takes one off the group it was
  in and adds one to the group it is in now; a deleted task (`on_trash`) takes one off;
- the app's own writes that bypass the controller (`set_task_values`: the daily overdue marking, a
  cancelled conclusion's tasks) do the same;
- `reconcile_task_summary` recounts from the tasks and rewrites the units whose groups differ (after
  a bulk import or a change made in SQL); it runs every night, changes nothing when all agree, and
  builds the summary of a site that has none (the patch that introduces it). A task saved in a unit
  while the job rewrites that unit may be missed until the next night's recount.

Counts are added and taken off with an atomic `INSERT … ON DUPLICATE KEY UPDATE`, so two saves at once
in the same group both count. A group's rows are summed when read: a unit renamed by Frappe keeps its
rows (the Link is renamed) under their old names, and still adds up.

Only a selection that counts every task of its units (the presiding board, a Periodic Report; no
link filter) is read from the summary: a unit head's scope also reaches tasks through coordinating
units and assignees, which the summary does not hold. Whole months of the range come from the summary,
the days of a partial first or last month from the tasks.
"""

from __future__ import annotations

import hashlib

import frappe
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Count, DateFormat, Sum
from frappe.utils import add_days, cint, get_first_day, get_last_day, getdate, now

from soson_discipline.permissions import get_scope_condition

SUMMARY = "Assigned Task Summary"
TASK = "Assigned Task"
READY_KEY = "soson_task_summary_ready"
"""Site default set once the summary holds every task (until then, counts are read from the tasks)."""

UNITS_PER_BATCH = 50

ROW_FIELDS = (
	*("name", "creation", "modified", "modified_by", "owner", "docstatus", "idx"),
	*("organization_unit", "due_month", "status", "is_late", "quality_result", "is_extended", "task_count"),
)

Key = tuple  # (organization_unit, due_month, status, is_late, quality_result, is_extended)


# --------------------------------------------------------------------------------------------------
# Keeping it in step
# --------------------------------------------------------------------------------------------------


def task_key(task) -> Key | None:
	"""The summary group of a task (a document or a row), None for a task without a due date."""
	due = task.get("due_date")
	if not due:
		return None
	return (
		task.get("organization_unit") or None,
		get_first_day(getdate(due)),
		task.get("status") or None,
		1 if task.get("is_late") else 0,
		task.get("quality_result") or None,
		1 if cint(task.get("extension_count")) else 0,
	)


def extended_column(task):
	"""Whether a task's due date was extended, as a column of a task query."""
	return Case().when(task.extension_count > 0, 1).else_(0).as_("is_extended")


def on_task_change(doc, method=None):
	"""`on_change` of Assigned Task: move the task from the group it was counted in to its own.

	The group counted is remembered on the document, so `on_change` run twice in one save (a `db_set`
	inside `on_update`, then the save's own) moves it once. Frappe also runs `on_change` after `on_trash`
	(`flags.in_delete`): the deletion has already taken the task off."""
	if doc.flags.in_delete:
		return
	if "summary_key" in doc.flags:
		before = doc.flags.summary_key
	else:
		before = task_key(doc.get_doc_before_save() or {})
	after = task_key(doc)
	if before != after:
		add_to_summary(before, -1)
		add_to_summary(after, 1)
	doc.flags.summary_key = after


def on_task_trash(doc, method=None):
	"""`on_trash` of Assigned Task: the task is no longer counted."""
	add_to_summary(task_key(doc), -1)


def set_task_values(name: str, values: dict) -> None:
	"""`frappe.db.set_value` on a task, keeping the summary in step (for the app's own jobs)."""
	fields = ("organization_unit", "due_date", "status", "is_late", "quality_result", "extension_count")
	before = frappe.db.get_value(TASK, name, fields, as_dict=True, for_update=True)
	frappe.db.set_value(TASK, name, values)
	if before:
		after = frappe._dict(before, **values)
		if task_key(before) != task_key(after):
			add_to_summary(task_key(before), -1)
			add_to_summary(task_key(after), 1)


def row_name(key: Key) -> str:
	"""A group's row name: the same for the same group, whoever writes it."""
	unit, month, status, is_late, quality, extended = key
	# a group not extended keeps the name it had before the summary counted extensions
	parts = (unit, month, status, is_late, quality, *((extended,) if extended else ()))
	text = "\x1f".join(str(part if part is not None else "") for part in parts)
	return hashlib.md5(text.encode()).hexdigest()


def add_to_summary(key: Key | None, n: int) -> None:
	"""Add `n` (negative: take off) to a group's count, in one atomic statement."""
	if key is None or not n:
		return
	summary = DocType(SUMMARY)
	stamp = now()
	(
		frappe.qb.into(summary)
		.columns(*(summary[field] for field in ROW_FIELDS))
		.insert(row_name(key), stamp, stamp, "Administrator", "Administrator", 0, 0, *key, n)
		.on_duplicate_key_update(summary.task_count, summary.task_count + n)
		.on_duplicate_key_update(summary.modified, stamp)
		.run()
	)


# --------------------------------------------------------------------------------------------------
# Recounting
# --------------------------------------------------------------------------------------------------


def live_groups(units: list[str | None] | None = None) -> dict[Key, int]:
	"""{group: tasks} counted from the tasks (of `units`, None meaning every unit)."""
	task = DocType(TASK)
	month = DateFormat(task.due_date, "%Y-%m-01").as_("due_month")
	columns = (task.organization_unit, task.status, task.is_late, task.quality_result)
	extended = extended_column(task)
	query = (
		frappe.qb.from_(task)
		.select(*columns, month, extended, Count("*").as_("n"))
		.where(task.due_date.isnotnull())
		.groupby(*columns, month, extended)
	)
	query = _of_units(query, task.organization_unit, units)
	return {_key(row): row.n for row in query.run(as_dict=True)}


def stored_groups(units: list[str | None] | None = None) -> dict[Key, int]:
	"""{group: tasks} as the summary holds them (of `units`), zero groups left out."""
	summary = DocType(SUMMARY)
	columns = (
		summary.organization_unit,
		summary.due_month,
		summary.status,
		summary.is_late,
		summary.quality_result,
		summary.is_extended,
	)
	query = frappe.qb.from_(summary).select(*columns, Sum(summary.task_count).as_("n")).groupby(*columns)
	query = _of_units(query, summary.organization_unit, units)
	return {_key(row): int(row.n) for row in query.run(as_dict=True) if row.n}


def reconcile_task_summary(units: list[str | None] | None = None, publish: bool = False) -> int:
	"""Recount the tasks (of `units`, default all) and correct every group the summary holds wrongly.
	Returns the number of groups corrected: 0 when the summary agrees, so a second run changes nothing.
	Marks the summary ready once every unit has been recounted."""
	every_unit = units is None
	if every_unit:
		unit = DocType("Organization Unit")
		units = [None, *frappe.qb.from_(unit).select(unit.name).orderby(unit.name).run(pluck=True)]
		summary = DocType(SUMMARY)
		units.extend(
			u
			for u in frappe.qb.from_(summary).select(summary.organization_unit).distinct().run(pluck=True)
			if u not in set(units)
		)
	corrected = 0
	batches = [units[i : i + UNITS_PER_BATCH] for i in range(0, len(units), UNITS_PER_BATCH)]
	for done, batch in enumerate(batches, 1):
		corrected += _reconcile_batch(batch)
		if publish:
			frappe.publish_progress(
				done * 100 / len(batches), title=frappe._("Recounting tasks by unit and month")
			)
	if every_unit and not frappe.db.get_default(READY_KEY):
		frappe.db.set_default(READY_KEY, "1")
	return corrected


def _reconcile_batch(units: list[str | None]) -> int:
	"""Recount `units`; every unit with a group held wrongly has its rows written anew from the count
	(one DELETE, one multi-row INSERT), the others are left untouched."""
	live, stored = live_groups(units), stored_groups(units)
	wrong = [key for key in live.keys() | stored.keys() if live.get(key, 0) != stored.get(key, 0)]
	if not wrong:
		return 0
	to_rewrite = {key[0] for key in wrong}
	summary = DocType(SUMMARY)
	frappe.qb.from_(summary).delete().where(_unit_condition(summary.organization_unit, to_rewrite)).run()
	stamp = now()
	rows = [
		[row_name(key), stamp, stamp, "Administrator", "Administrator", 0, 0, *key, n]
		for key, n in live.items()
		if key[0] in to_rewrite
	]
	frappe.db.bulk_insert(SUMMARY, ROW_FIELDS, rows, chunk_size=5000)
	return len(wrong)


def summary_is_ready() -> bool:
	return bool(frappe.db.get_default(READY_KEY))


def _of_units(query, field, units):
	return query if units is None else query.where(_unit_condition(field, units))


def _unit_condition(field, units):
	"""`field` is one of `units` (None among them: no unit)."""
	named = [u for u in units if u]
	condition = field.isin(named) if named else None
	if None in units:
		condition = field.isnull() if condition is None else condition | field.isnull()
	return condition


def _key(row) -> Key:
	return (
		row.organization_unit or None,
		getdate(row.due_month),
		row.status or None,
		1 if row.is_late else 0,
		row.quality_result or None,
		1 if row.is_extended else 0,
	)


# --------------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------------


def reads_summary(selection, doctype: str = TASK) -> bool:
	"""Whether `selection`'s task counts may come from the summary: it is built, no link filter
	narrows the tasks, and the selection counts every task of its units (unscoped, or the reader's
	scope is everything)."""
	if selection.links or not summary_is_ready():
		return False
	return not selection.scoped or not get_scope_condition(doctype, selection.user or frappe.session.user)


def split_by_month(start, end) -> tuple[list[tuple], tuple | None]:
	"""[start, end] as (partial ranges to count from the tasks, whole-month range for the summary).

	Either bound may be None (open). The whole months are (first month's first day, last month's first
	day), either None when open; None when the range holds no whole month."""
	start = getdate(start) if start else None
	end = getdate(end) if end else None
	partial = []
	first_whole = start
	if start and start.day != 1:
		month_end = get_last_day(start)
		if end and end <= month_end:
			return [(start, end)], None
		partial.append((start, month_end))
		first_whole = add_days(month_end, 1)
	last_whole = end
	if end and end != get_last_day(end):
		month_start = get_first_day(end)
		partial.append((month_start, end))
		last_whole = add_days(month_start, -1)
	if first_whole and last_whole and first_whole > last_whole:
		return partial, None
	return partial, (first_whole, get_first_day(last_whole) if last_whole else None)


def summary_groups(units: list[str] | None, months: tuple) -> list[frappe._dict]:
	"""The summary's groups of `units` with a due month in `months` (first-day bounds, either open),
	shaped like the task groups `figures.task_counts` adds up."""
	summary = DocType(SUMMARY)
	columns = (
		summary.organization_unit,
		summary.status,
		summary.is_late,
		summary.quality_result,
		summary.is_extended,
	)
	query = frappe.qb.from_(summary).select(*columns, Sum(summary.task_count).as_("n")).groupby(*columns)
	first, last = months
	if first:
		query = query.where(summary.due_month >= first)
	if last:
		query = query.where(summary.due_month <= last)
	if units is not None:
		query = query.where(summary.organization_unit.isin(list(units) or [""]))
	return [frappe._dict(row, n=int(row.n)) for row in query.run(as_dict=True) if row.n]
