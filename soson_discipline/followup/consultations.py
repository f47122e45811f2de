"""Consultation Requests: who may ask, who answers, and the reminders of the consulted unit."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import add_days, cint, getdate, today

from soson_discipline.notifications import notify
from soson_discipline.org import get_cadre_users, get_unit_head_users, get_user_cadre, get_user_units
from soson_discipline.permissions import can_approve_plan, can_manage_task, is_presiding
from soson_discipline.states import CADRE_ACTIVE, CONSULTATION_OPEN

DOCTYPE = "Consultation Request"


def can_request(request, user: str | None = None) -> bool:
	"""Ask (or change, or withdraw) a consultation about a task or a plan row: the presiding bodies,
	whoever manages the task (its assigner, the head of its unit), its assignee; for a plan row, the
	approvers of the plan and the heads of the row's lead unit."""
	user = user or frappe.session.user
	if is_presiding(user):
		return True
	if request.assigned_task:
		task = frappe.get_doc("Assigned Task", request.assigned_task)
		cadre = get_user_cadre(user)
		return can_manage_task(task, user) or bool(cadre and task.assignee == cadre.name)
	if request.unit_plan:
		plan = frappe.get_doc("Unit Plan", request.unit_plan)
		return can_approve_plan(plan, user) or request.organization_unit in get_user_units(user)
	return False


def can_answer(request, user: str | None = None) -> bool:
	"""Give the opinion: an active cadre of the consulted unit, or a Unit Head above it."""
	user = user or frappe.session.user
	cadre = get_user_cadre(user)
	if cadre and cadre.status == CADRE_ACTIVE and cadre.organization_unit == request.consulted_unit:
		return True
	return request.consulted_unit in get_user_units(user)


def consulted_unit_users(unit: str) -> set[str]:
	"""Who is told of a consultation: the heads of the consulted unit (or of the nearest unit above)."""
	return get_unit_head_users(unit, climb=True)


def requester_users(request) -> set[str]:
	"""Who is told of the answer: the requester and the task's assignee."""
	return set(get_cadre_users([request.requested_by, request.task_assignee]).values())


def notify_new_request(request) -> list[str]:
	due = frappe.format(request.due_date, "Date")
	return notify(
		consulted_unit_users(request.consulted_unit) - {frappe.session.user},
		lambda lang: _("Your opinion is requested: {0} (reply by {1})", lang=lang).format(
			request.subject, due
		),
		DOCTYPE,
		request.name,
		message=lambda lang: _(
			"{0} asks the opinion of your unit on new or difficult work.", lang=lang
		).format(request.organization_unit),
	)


def notify_answer(request) -> list[str]:
	return notify(
		requester_users(request) - {frappe.session.user},
		lambda lang: _("The consulted unit answered: {0}", lang=lang).format(request.subject),
		DOCTYPE,
		request.name,
	)


def remind_due_consultations(on=None) -> int:
	"""Remind the consulted units of open requests due within the reminder lead days or past due, once
	per request and person a day. Returns how many requests were reminded."""
	day = getdate(on or today())
	lead_days = cint(frappe.db.get_single_value("Discipline Settings", "reminder_lead_days") or 3)
	cr = DocType(DOCTYPE)
	rows = (
		frappe.qb.from_(cr)
		.select(cr.name, cr.subject, cr.due_date, cr.consulted_unit)
		.where((cr.status == CONSULTATION_OPEN) & (cr.due_date <= add_days(day, lead_days)))
		.run(as_dict=True)
	)
	reminded = 0
	for row in rows:
		if remind_consultation(row, day):
			reminded += 1
	return reminded


def remind_consultation(row, day) -> list[str]:
	overdue = getdate(row.due_date) < day
	due = frappe.format(row.due_date, "Date")

	def subject(lang):
		if overdue:
			return _("Consultation overdue: {0} (reply was due {1})", lang=lang).format(row.subject, due)
		return _("Consultation due soon: {0} (reply by {1})", lang=lang).format(row.subject, due)

	return notify(
		consulted_unit_users(row.consulted_unit),
		subject,
		DOCTYPE,
		row.name,
		once_per_day_key="consultation-reminder",
		on=day,
	)
