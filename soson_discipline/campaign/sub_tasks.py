"""Breaking an Assigned Task down to a cadre of its unit (the "Break Down to Cadre" button): the new
task opens in the form, pre-filled from its parent, for the assigner or the unit head to finish."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from soson_discipline.org import get_user_cadre
from soson_discipline.permissions import can_manage_task
from soson_discipline.utils.hygiene import shown

# --------------------------------------------------------------------------------------------------


def sub_task_start(parent):
	"""Today, but never before the parent's start nor after its due date."""
	start = max(getdate(today()), getdate(parent.start_date or today()))
	return min(start, getdate(parent.due_date)) if parent.due_date else start


@frappe.whitelist()
def make_sub_task(source_name: str):
	"""A new task breaking `source_name` down to a cadre of its unit (opened in the form to finish)."""
	if not source_name or not frappe.db.exists("Assigned Task", source_name):
		frappe.throw(
			_("{0} {1} not found.").format(frappe.bold(_("Assigned Task")), shown(source_name or "")),
			title=_("Missing Value"),
			exc=frappe.DoesNotExistError,
		)
	parent = frappe.get_doc("Assigned Task", source_name)
	parent.check_permission("read")
	if not can_manage_task(parent):
		frappe.throw(
			_("Only the assigner or the unit head breaks a task down."),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)
	cadre = get_user_cadre()
	doc = frappe.new_doc("Assigned Task")
	doc.update(
		{
			"title": parent.title,
			"organization_unit": parent.organization_unit,
			"parent_task": parent.name,
			"unit_plan": parent.unit_plan,
			"assigned_by": cadre.name if cadre else parent.assigned_by,
			"start_date": sub_task_start(parent),
			"due_date": parent.due_date,
			"recurrence": parent.recurrence,
			"description": parent.description,
			"expected_output": parent.expected_output,
			"work_product_type": parent.work_product_type,
			"product_quantity": 1,
			"weight": 1,
		}
	)
	return doc
