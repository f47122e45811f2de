"""Existing sites (issue 22, Decree 335/2025 Art. 14): each delay and each failed assessment of a
product is counted from its task's history. A task completed before the history existed gets the
rows it can be known to have had — its completion (a delay when after the due date) and its current
assessment (a failure when Failed) — and its counts from them; a task that already has a history is
left alone, so a second run changes nothing."""

import frappe


def execute():
	frappe.reload_doc("soson_discipline", "doctype", "assigned_task_event")
	frappe.reload_doc("soson_discipline", "doctype", "assigned_task")
	common = """name, creation, modified, modified_by, owner, docstatus, parent, parentfield, parenttype,
		event_date, due_date, recorded_by"""
	no_history = """not exists (select 1 from `tabAssigned Task Event` e where e.parent = t.name)"""
	frappe.db.sql(
		f"""insert into `tabAssigned Task Event` ({common}, idx, event, is_delay)
		select concat(t.name, '-completed'), now(6), now(6), 'Administrator', 'Administrator', 0,
			t.name, 'history', 'Assigned Task', t.completed_on, t.due_date, null,
			1, 'Completed', if(t.completed_on > t.due_date, 1, 0)
		from `tabAssigned Task` t
		where t.status = 'Completed' and t.completed_on is not null and {no_history}"""
	)
	frappe.db.sql(
		f"""insert into `tabAssigned Task Event` ({common}, idx, event, quality_result, is_failure)
		select concat(t.name, '-assessed'), now(6), now(6), 'Administrator', 'Administrator', 0,
			t.name, 'history', 'Assigned Task', t.modified, t.due_date, null,
			2, 'Assessed', t.quality_result, if(t.quality_result = 'Failed', 1, 0)
		from `tabAssigned Task` t
		where t.status = 'Completed' and t.quality_result != 'Not Assessed'
			and not exists (select 1 from `tabAssigned Task Event` e
				where e.parent = t.name and e.event != 'Completed')"""
	)
	frappe.db.sql(
		"""update `tabAssigned Task` t
		join (select parent, sum(is_delay) delays, sum(is_failure) failures
			from `tabAssigned Task Event` group by parent) e on e.parent = t.name
		set t.delay_count = e.delays, t.failed_assessments = e.failures
		where t.delay_count != e.delays or t.failed_assessments != e.failures"""
	)
