"""Urging (đôn đốc): the daily escalation of overdue work by the rules of Discipline Settings, and the
written Urging the presiding board issues — sent to the units it names, acknowledged by their heads,
shown on the timeline of every task it names."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint, date_diff, get_link_to_form, getdate, now_datetime, today

from soson_discipline.notifications import notify
from soson_discipline.org import (
	get_cadre_users,
	get_role_users,
	get_unit_head_users,
	get_user_cadre,
	get_user_units,
)
from soson_discipline.states import TASK_OPEN_STATUSES

PRESIDING_ROLE = "Discipline Administrator"


# --------------------------------------------------------------------------------------------------
# Escalation of overdue work (daily)
# --------------------------------------------------------------------------------------------------


def get_escalation_rules() -> tuple[int, int]:
	"""(days overdue after which the unit head is urged, days after which the presiding board is);
	0 switches a step off."""
	return (
		cint(frappe.db.get_single_value("Discipline Settings", "urge_unit_head_after_days")),
		cint(frappe.db.get_single_value("Discipline Settings", "urge_presiding_after_days")),
	)


def presiding_board_users() -> set[str]:
	"""The presiding board: the heads of `Discipline Settings.presiding_unit` and the Discipline
	Administrators."""
	unit = frappe.db.get_single_value("Discipline Settings", "presiding_unit")
	return set(get_unit_head_users(unit, climb=False)) | set(get_role_users(PRESIDING_ROLE))


def escalate_overdue_tasks(on=None) -> dict[str, int]:
	"""Bring every open task overdue by at least N days to the head of its unit, and by at least M days
	to the presiding board (once per task and person a day). Returns how many tasks reached each."""
	day = getdate(on or today())
	head_days, board_days = get_escalation_rules()
	steps = [d for d in (head_days, board_days) if d > 0]
	counts = {"unit_head": 0, "presiding_board": 0}
	if not steps:
		return counts
	task = DocType("Assigned Task")
	rows = (
		frappe.qb.from_(task)
		.select(task.name, task.title, task.due_date, task.organization_unit)
		.where(task.status.isin(TASK_OPEN_STATUSES) & task.due_date.isnotnull() & (task.due_date < day))
		.orderby(task.due_date)
		.run(as_dict=True)
	)
	board = None
	for row in rows:
		days = date_diff(day, row.due_date)
		if head_days and days >= head_days:
			if urge(get_unit_head_users(row.organization_unit), row, days, "urge-unit-head", day):
				counts["unit_head"] += 1
		if board_days and days >= board_days:
			board = presiding_board_users() if board is None else board
			if urge(board, row, days, "urge-presiding-board", day):
				counts["presiding_board"] += 1
	return counts


def urge(users, task, days: int, key: str, day) -> list[str]:
	unit = task.organization_unit
	return notify(
		users,
		lambda lang: _("Overdue {0} days: {1}", lang=lang).format(days, task.title),
		"Assigned Task",
		task.name,
		message=lambda lang: _(
			"The task of {0} was due on {1} and is not completed. Please urge it.", lang=lang
		).format(unit, frappe.format(task.due_date, "Date")),
		once_per_day_key=key,
		on=day,
	)


# --------------------------------------------------------------------------------------------------
# The written Urging
# --------------------------------------------------------------------------------------------------


def target_users(urging) -> set[str]:
	"""The heads of the units an urging names, and the assignees of the tasks it names."""
	users = set()
	for row in urging.targets:
		users |= get_unit_head_users(row.organization_unit)
	assignees = frappe.get_all(
		"Assigned Task",
		filters={"name": ("in", [r.assigned_task for r in urging.targets if r.assigned_task] or [""])},
		pluck="assignee",
	)
	users |= set(get_cadre_users(assignees).values())
	return users


def send_urging(urging) -> list[str]:
	"""Tell the units concerned of an issued urging."""
	number = urging.document_number or urging.name
	return notify(
		target_users(urging) - {frappe.session.user},
		lambda lang: _("Urging {0}: {1}", lang=lang).format(number, urging.title),
		urging.doctype,
		urging.name,
		message=lambda lang: _(
			"Your unit is urged; please acknowledge the urging and report back.", lang=lang
		),
	)


def comment_on_tasks(urging):
	"""One line on the timeline of every task the urging names."""
	link = get_link_to_form(urging.doctype, urging.name, urging.document_number or urging.name)
	for name in sorted({r.assigned_task for r in urging.targets if r.assigned_task}):
		frappe.get_doc("Assigned Task", name).add_comment(
			"Info", _("Urged by {0}: {1}").format(link, frappe.utils.escape_html(urging.title))
		)


def acknowledgeable_rows(urging, user: str | None = None) -> list:
	"""The rows of an issued urging the user may still acknowledge: those of the units he or she heads."""
	units = set(get_user_units(user or frappe.session.user))
	return [r for r in urging.targets if r.organization_unit in units and not r.acknowledged_on]


def acknowledge(urging, response: str | None = None) -> int:
	"""The head of a unit acknowledges an issued urging for every row of the units he or she heads."""
	if urging.docstatus != 1:
		frappe.throw(_("Only an issued urging can be acknowledged."), title=_("Not Issued"))
	rows = acknowledgeable_rows(urging)
	if not rows:
		frappe.throw(
			_("Nothing to acknowledge: the urging names no unit you head that has not acknowledged it."),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)
	cadre = get_user_cadre()
	stamp = now_datetime()
	for row in rows:
		row.db_set(
			{
				"acknowledged_by": cadre.name if cadre else None,
				"acknowledged_on": stamp,
				"response": (response or "").strip() or None,
			}
		)
	urging.add_comment(
		"Info",
		_("Acknowledged by {0} for {1}").format(
			frappe.utils.escape_html(cadre.full_name if cadre else frappe.session.user),
			", ".join(sorted({r.organization_unit for r in rows})),
		),
	)
	notify(
		{urging.owner} - {frappe.session.user},
		lambda lang: _("Urging {0} acknowledged", lang=lang).format(urging.document_number or urging.name),
		urging.doctype,
		urging.name,
	)
	return len(rows)
