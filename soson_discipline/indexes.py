"""Composite indexes for what the reports, the workspace, the row-level scope and the jobs filter,
group and sort by.

Single fields are indexed in the DocTypes (`search_index`); these combine them in the order the
queries use: equality first, then the range or the grouping, then the columns a count reads (so the
index alone answers it). `add_indexes` runs after every migrate and is idempotent: an index is
created only when none of its name exists (`frappe.db.add_index`).

Who uses which:
- `Assigned Task`: the monthly generation's task figures (assignee, due date), the Task Progress
  report, the workspace chart and the Periodic Report (due date → unit, status, lateness, quality),
  a unit head's scope on them (unit, due date), the Overdue Tasks report and card and the daily job
  marking overdue tasks (status, due date), the list view (due date, the DocType's sort);
- `Cadre Evaluation`: the Monthly Evaluation Summary, the workspace's pending evaluations and levels
  chart and the Periodic Report (period → docstatus, unit, level and its label), the reminders
  (period, docstatus, state), the Annual Classification Proposal (docstatus, period; for the whole
  city, cadre → every column it reads), a unit head's scope (unit, period);
- `Violation Record`: the evaluations' violation figures (cadre, detected on), the reports and the
  workspace (detected on → state), a unit head's scope (unit, state);
- `Dissemination Session`, `Inspection`: by date, and by unit and date;
- `UNIQUE_INDEXES`: one task per document of an office's system (`integrations.documents`);
- the child tables a unit head's scope looks into (`Assigned Task Coordinating Unit`,
  `Inspection Target Unit`, `Unit Plan Task`): by unit, then parent.
"""

import frappe

YEAR_SCORES_INDEX = "soson_cadre_year_worked"
# Indexes an earlier release created under another name or with other columns: dropped after migrate.
RETIRED_INDEXES = {"Cadre Evaluation": ("soson_cadre_year_scores", "soson_cadre_year_figures")}

INDEXES: dict[str, dict[str, tuple[str, ...]]] = {
	"Assigned Task": {
		"soson_assignee_due": ("assignee", "due_date", "status"),
		"soson_due_unit_status": ("due_date", "organization_unit", "status", "is_late", "quality_result"),
		# a set of units (a Periodic Report, a unit head's subtree) over dates: without it the optimiser
		# takes the single-field unit index and reads every task of those units (26 s for a city month)
		"soson_unit_due_status": ("organization_unit", "due_date", "status", "is_late", "quality_result"),
		"soson_status_due": ("status", "due_date"),
	},
	"Cadre Evaluation": {
		"soson_period_status_unit": (
			"evaluation_period",
			"docstatus",
			"organization_unit",
			"final_level",
			"workflow_state",
		),
		# every column `figures.evaluation_counts` groups by: the Monthly Evaluation Summary, the
		# workspace's pending card and levels chart count a period from the index alone
		"soson_period_level_counts": (
			"evaluation_period",
			"docstatus",
			"organization_unit",
			"final_level",
			"final_level_label",
		),
		"soson_docstatus_period": ("docstatus", "evaluation_period"),
		"soson_unit_period": ("organization_unit", "evaluation_period"),
		"soson_cadre_period": ("cadre", "evaluation_period"),
		# the Annual Classification Proposal of the whole city groups a year of approved evaluations by
		# cadre: read from this index alone, in cadre order, with nothing to sort (1.9 s → 0.5 s for
		# 360,000 evaluations)
		YEAR_SCORES_INDEX: (
			"cadre",
			"docstatus",
			"on_leave",
			"evaluation_period",
			"period_start",
			"total_score",
			"not_completed_forced",
			"forced_level_lifted",
			*("tasks_assigned", "tasks_completed", "tasks_on_time", "tasks_late", "tasks_failed"),
			"tasks_exceeded",
			"evaluation_policy",
			"organization_unit",
			"cadre_name",
		),
	},
	"Violation Record": {
		"soson_cadre_detected": ("cadre", "detected_on"),
		"soson_detected_state": ("detected_on", "workflow_state", "docstatus"),
		"soson_unit_state": ("organization_unit", "workflow_state"),
	},
	"Dissemination Session": {
		"soson_date_unit": ("session_date", "organization_unit"),
		"soson_unit_date": ("organization_unit", "session_date"),
	},
	"Inspection": {
		"soson_unit_date": ("inspecting_unit", "inspection_date"),
		"soson_date": ("inspection_date", "status"),
	},
	# each cadre's year (`evaluation.year_results`): kept by cadre, listed by name, counted by level
	"Cadre Year Result": {
		"soson_cadre_year": ("cadre", "year"),
		"soson_year_name": ("year", "cadre_name", "cadre"),
		"soson_year_level": ("year", "proposed_level"),
	},
	"Evaluation Period": {
		"soson_end_start": ("period_end", "period_start"),
	},
	"Cadre": {
		"soson_status_joined": ("status", "date_joined"),
	},
	"Assigned Task Coordinating Unit": {
		"soson_unit_parent": ("organization_unit", "parent"),
	},
	"Inspection Target Unit": {
		"soson_unit_parent": ("organization_unit", "parent"),
	},
	"Unit Plan Task": {
		"soson_lead_unit_parent": ("lead_unit", "parent"),
	},
}


# Unique keys the database itself holds, so that parallel requests cannot make a second record.
UNIQUE_INDEXES: dict[str, dict[str, tuple[str, ...]]] = {
	# one task per document of an office's system (integrations.documents); a task typed in the desk
	# has neither (NULL), so it never meets the key
	"Assigned Task": {"soson_external_reference": ("external_system", "external_reference")},
}


def add_indexes():
	"""Create the app's composite indexes that do not exist yet, and drop the retired ones (called
	after every migrate)."""
	for doctype, names in RETIRED_INDEXES.items():
		if frappe.db.table_exists(doctype):
			for index_name in names:
				if frappe.db.has_index(f"tab{doctype}", index_name):
					frappe.db.sql_ddl(f"ALTER TABLE `tab{doctype}` DROP INDEX `{index_name}`")
	for declared, add in ((INDEXES, frappe.db.add_index), (UNIQUE_INDEXES, frappe.db.add_unique)):
		for doctype, indexes in declared.items():
			if not frappe.db.table_exists(doctype):
				continue
			columns = set(frappe.db.get_table_columns(doctype))
			for index_name, fields in indexes.items():
				if set(fields) <= columns:
					add(doctype, list(fields), index_name)
