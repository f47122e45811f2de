"""The Standing Committee's side of the periodic reports: receiving a report, and a conclusion whose
points become Assigned Tasks (each traced back to its point, and so to the report)."""

import frappe
from frappe import _
from frappe.utils import get_link_to_form, now_datetime, strip_html

from soson_discipline.campaign.task_summary import set_task_values
from soson_discipline.notifications import notify
from soson_discipline.org import STANDING_COMMITTEE_ROLE, get_cadre_users, get_unit_head_users, get_user_cadre
from soson_discipline.states import TASK_CANCELLED, TASK_OPEN, TASK_OPEN_STATUSES

# Who records what the Standing Committee received and concluded.
RECEIVER_ROLES = frozenset({STANDING_COMMITTEE_ROLE, "Discipline Administrator", "System Manager"})


def can_receive(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(set(frappe.get_roles(user)) & RECEIVER_ROLES)


# --------------------------------------------------------------------------------------------------
# Receipt of a Periodic Report
# --------------------------------------------------------------------------------------------------


def mark_received(report) -> dict:
	"""The Standing Committee records that it received a submitted report (once)."""
	report.check_permission("read")
	if not can_receive():
		frappe.throw(
			_("Only the Standing Committee or the presiding board records the receipt of a report."),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)
	if report.docstatus != 1:
		frappe.throw(_("Only a submitted report can be received."), title=_("Not Submitted"))
	if report.get("received_on"):
		return {"received_by": report.received_by, "received_on": report.received_on, "changed": False}
	report.db_set({"received_by": frappe.session.user, "received_on": now_datetime()})
	report.add_comment("Info", _("Received by the Standing Committee"))
	notify(
		{report.owner} - {frappe.session.user},
		lambda lang: _("Your report was received by the Standing Committee: {0}", lang=lang).format(
			report.title
		),
		report.doctype,
		report.name,
	)
	return {"received_by": report.received_by, "received_on": report.received_on, "changed": True}


# --------------------------------------------------------------------------------------------------
# Conclusion points → Assigned Tasks
# --------------------------------------------------------------------------------------------------


def create_point_tasks(conclusion) -> list[str]:
	"""One Assigned Task per point of an issued conclusion, for its owner unit and cadre; a point that
	already has its task gets none again. Returns the tasks created."""
	assigner = get_user_cadre()
	created = []
	for point in conclusion.points:
		if point.assigned_task and frappe.db.exists("Assigned Task", point.assigned_task):
			continue
		task = frappe.get_doc(
			{
				"doctype": "Assigned Task",
				"title": task_title(point.content),
				"organization_unit": point.owner_unit,
				"assignee": point.owner_cadre,
				"assigned_by": assigner.name if assigner else None,
				"start_date": conclusion.conclusion_date,
				"due_date": point.due_date,
				"status": TASK_OPEN,
				"description": point.content,
				"work_product_type": point.work_product_type,
				"unit_plan": conclusion.unit_plan,
				"directive": conclusion.directive,
			}
		)
		task.flags.ignore_permissions = True
		# its owner is told once, of the conclusion and the task (`notify_point_owners`), not twice
		task.flags.assignee_told = True
		task.insert()
		task.add_comment(
			"Info",
			_("Created from point {0} of {1}").format(
				point.idx,
				get_link_to_form(
					conclusion.doctype, conclusion.name, conclusion.document_number or conclusion.name
				),
			),
		)
		point.db_set("assigned_task", task.name)
		created.append(task.name)
	return created


def task_title(content: str) -> str:
	text = " ".join(strip_html(content or "").split())
	return text if len(text) <= 140 else text[:137].rstrip() + "..."


def notify_point_owners(conclusion) -> list[str]:
	"""Tell the owners of the points, once a day: a point's cadre about the task he or she now holds
	(a cadre does not read the conclusion itself), the heads of a point's unit about the conclusion."""
	number = conclusion.document_number or conclusion.name

	def subject(lang):
		return _(
			"The Standing Committee concluded ({0}): a task is assigned to you or your unit", lang=lang
		).format(number)

	def message(lang):
		return _("{0}. See the task created for each point.", lang=lang).format(conclusion.title)

	notified, heads = [], set()
	for point in conclusion.points:
		owner = get_cadre_users([point.owner_cadre]).get(point.owner_cadre) if point.owner_cadre else None
		if owner and point.assigned_task:
			notified += notify(
				{owner} - {frappe.session.user},
				subject,
				"Assigned Task",
				point.assigned_task,
				message=message,
				once_per_day_key="conclusion-issued",
			)
		else:
			heads |= get_unit_head_users(point.owner_unit)
	notified += notify(
		heads - {frappe.session.user},
		subject,
		conclusion.doctype,
		conclusion.name,
		message=message,
		once_per_day_key="conclusion-issued",
	)
	return notified


def cancel_point_tasks(conclusion) -> int:
	"""A cancelled conclusion cancels the tasks of its points that are still open."""
	count = 0
	for point in conclusion.points:
		if (
			point.assigned_task
			and frappe.db.get_value("Assigned Task", point.assigned_task, "status") in TASK_OPEN_STATUSES
		):
			set_task_values(point.assigned_task, {"status": TASK_CANCELLED})
			count += 1
	return count
