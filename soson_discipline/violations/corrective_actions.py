"""Corrective actions of verified violation records: their status and the daily reminders."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import getdate, today

from soson_discipline.notifications import notify
from soson_discipline.org import get_cadre_user, get_unit_head_users
from soson_discipline.states import (
	ACTION_COMPLETED,
	ACTION_OPEN,
	ACTION_OVERDUE,
	VIOLATION_AWAITING_CORRECTION,
)


def corrective_action_status(row, on=None) -> str:
	if row.completed_on:
		return ACTION_COMPLETED
	if row.due_date and getdate(row.due_date) < getdate(on or today()):
		return ACTION_OVERDUE
	return ACTION_OPEN


def check_corrective_actions(record):
	"""Each corrective action's status from its dates, and dates that hold: a completion not in the
	future, a due date not before the violation was detected."""
	for row in record.corrective_actions:
		row.status = corrective_action_status(row)
	for row in record.corrective_actions:
		if row.completed_on and getdate(row.completed_on) > getdate(today()):
			frappe.throw(
				_("Row {0}: {1} ({2}) cannot be in the future.").format(
					row.idx, frappe.bold(_("Completed On")), frappe.format(row.completed_on, "Date")
				),
				title=_("Invalid Date"),
			)
		if row.due_date and record.detected_on and getdate(row.due_date) < getdate(record.detected_on):
			frappe.throw(
				_("Row {0}: {1} cannot be before the violation was detected ({2}).").format(
					row.idx, frappe.bold(_("Due Date")), frappe.format(record.detected_on, "Date")
				),
				title=_("Invalid Date"),
			)


def remind_overdue_corrective_actions(on_date=None) -> int:
	"""Remind the responsible cadre and the unit head of each corrective action past due.

	Once per action per day (`last_reminded_on`), so running the job twice sends nothing more.
	Returns the number of actions reminded."""
	day = getdate(on_date or today())
	rows = overdue_actions(day)
	for row in rows:
		recipients = {get_cadre_user(row.responsible)} | get_unit_head_users(row.organization_unit)
		due = frappe.format(row.due_date, "Date")

		def subject(lang, row=row, due=due):
			return _("Corrective action overdue since {0}: {1}", lang=lang).format(
				due, row.title or row.parent
			)

		def message(lang, row=row):
			return _("Row {0} of violation record {1}: {2}", lang=lang).format(
				row.idx, row.parent, row.action
			)

		notify(
			recipients,
			subject,
			"Violation Record",
			row.parent,
			message=message,
			once_per_day_key=f"corrective-action:{row.name}",
			on=day,
		)
		frappe.db.set_value(
			"Violation Corrective Action",
			row.name,
			{"last_reminded_on": day, "status": ACTION_OVERDUE},
			update_modified=False,
		)
	return len(rows)


def overdue_actions(day) -> list[frappe._dict]:
	"""Open corrective actions of verified records past due and not yet reminded on `day`."""
	vr = DocType("Violation Record")
	ca = DocType("Violation Corrective Action")
	return (
		frappe.qb.from_(ca)
		.join(vr)
		.on(ca.parent == vr.name)
		.select(
			ca.name,
			ca.parent,
			ca.idx,
			ca.action,
			ca.due_date,
			ca.responsible,
			vr.organization_unit,
			vr.title,
		)
		.where(
			(ca.parenttype == "Violation Record")
			& (vr.docstatus == 1)
			& vr.workflow_state.isin(VIOLATION_AWAITING_CORRECTION)
			& ca.completed_on.isnull()
			& (ca.due_date < day)
			& (ca.last_reminded_on.isnull() | (ca.last_reminded_on < day))
		)
		.orderby(ca.due_date)
		.run(as_dict=True)
	)


def own_open_actions(record, user: str | None = None) -> list:
	"""The open corrective actions of `record` the user is responsible for, while a correction is
	awaited."""
	user = user or frappe.session.user
	if record.get("docstatus") != 1 or record.get("workflow_state") not in VIOLATION_AWAITING_CORRECTION:
		return []
	return [
		row
		for row in record.get("corrective_actions") or []
		if not row.completed_on and row.responsible and get_cadre_user(row.responsible) == user
	]


def complete_own_action(record, row_name: str, completed_on=None, result: str | None = None) -> dict:
	"""The cadre responsible for a corrective action records it done (the date, and what was done);
	the verifier then marks the record corrected."""
	row = next((r for r in own_open_actions(record) if r.name == row_name), None)
	if not row:
		frappe.throw(
			_("Only the cadre responsible for an open corrective action records it done."),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)
	completed_on = getdate(completed_on or today())
	if completed_on > getdate(today()):
		frappe.throw(
			_("{0} cannot be in the future.").format(frappe.bold(_("Completed On"))),
			title=_("Invalid Value"),
		)
	row.completed_on = completed_on
	if (result or "").strip():
		row.result = result.strip()
	record.flags.ignore_permissions = True
	record.save()
	return {"row": row.name, "completed_on": str(row.completed_on), "status": row.status}
