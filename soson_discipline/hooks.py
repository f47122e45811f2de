app_name = "soson_discipline"
app_title = "Soson Discipline"
app_publisher = "Soson Discipline Contributors"
app_description = "Discipline-and-responsibility campaigns for Vietnamese Party and government offices: plans, tasks, monthly cadre evaluation, violations and reports"
app_email = "soson-discipline@example.org"
app_license = "mit"

# "org/repo" form: frappe resolves a bare "frappe" by asking GitHub which org hosts it, which fails on
# the offline servers many offices run; "frappe/frappe" names the same app without a network call.
required_apps = ["frappe/frappe"]

# Generate `DF` type annotations in controllers when DocTypes are saved in developer mode.
export_python_type_annotations = True

# Installation
# ------------
# Roles and workflows ship as filtered fixtures; `after_sync` runs once they are imported.
after_install = "soson_discipline.install.after_install"
after_sync = "soson_discipline.install.after_sync"
after_migrate = [
	"soson_discipline.install.after_migrate",
	# sites that got ERPNext before this version of the app
	"soson_discipline.integrations.erpnext.setup_employee_link",
]
before_uninstall = "soson_discipline.install.before_uninstall"
# ERPNext / HRMS, whichever is installed first: the Cadre ↔ Employee link is set up (or removed) when
# either app is installed (or uninstalled).
after_app_install = "soson_discipline.integrations.erpnext.after_app_install"
before_app_uninstall = "soson_discipline.integrations.erpnext.before_app_uninstall"

# Fixtures: only what the app owns, always filtered.
# ---------------------------------------------------------------------------
SOSON_ROLES = [
	"Discipline Administrator",
	"Standing Committee",
	"Unit Head",
	"Rater",
	"Inspector",
	"Cadre",
	# the API user of an office's document system (soson_discipline.integrations.sources): no desk
	"Integration",
]
SOSON_WORKFLOW_DOCTYPES = [
	"Unit Plan",
	"Cadre Evaluation",
	"Violation Record",
	"Periodic Report",
	"Cadre Classification",
	"Task Extension Request",
]

# States and actions the app's workflows use (Frappe itself creates Pending/Approved/Rejected and
# Approve/Reject/Review; they are listed where the app's workflows use them, and re-importing them is harmless).
SOSON_WORKFLOW_STATES = [
	# Unit Plan
	"Draft",
	"Pending Approval",
	"Issued",
	"Rejected",
	"Closed",
	# Cadre Evaluation
	"Self-Assessed",
	"Rated",
	"Approved",
	"Returned",
	# Violation Record
	"Reported",
	"Verified",
	"Correction Required",
	"Corrected",
	"Dismissed",
	"Cancelled",
	# Periodic Report
	"Submitted",
	# Task Extension Request
	"Requested",
	"Withdrawn",
]
SOSON_WORKFLOW_ACTIONS = [
	"Submit for Approval",
	"Approve",
	"Reject",
	"Issue",
	"Close",
	"Reopen",
	"Self-Assess",
	"Rate Evaluation",
	"Return",
	"Verify",
	"Require Correction",
	"Mark Corrected",
	"Dismiss",
	"Submit",
	"Withdraw",
]

fixtures = [
	{"dt": "Role", "filters": [["name", "in", SOSON_ROLES]]},
	{"dt": "Workflow", "filters": [["document_type", "in", SOSON_WORKFLOW_DOCTYPES]]},
	{"dt": "Workflow State", "filters": [["name", "in", SOSON_WORKFLOW_STATES]]},
	{"dt": "Workflow Action Master", "filters": [["name", "in", SOSON_WORKFLOW_ACTIONS]]},
]

# Row-level permissions
# ---------------------
# One generic pair of functions in `soson_discipline.permissions`; the per-DocType rules live in
# `permissions.SCOPES`. A DocType added there must be listed here too.
SCOPED_DOCTYPES = [
	"Cadre",
	"Unit Plan",
	"Assigned Task",
	"Dissemination Session",
	"Cadre Evaluation",
	"Inspection",
	"Violation Record",
	"Periodic Report",
	"Consultation Request",
	"Urging",
	"Standing Committee Conclusion",
	"Cadre Classification",
	"Cadre Leave",
	"Task Extension Request",
	"Discipline Warning",
	"Evaluation Appeal",
	"Acting Assignment",
	"Unit Classification",
	"Result Announcement",
]
permission_query_conditions = {
	doctype: "soson_discipline.permissions.get_permission_query_conditions" for doctype in SCOPED_DOCTYPES
}
has_permission = {doctype: "soson_discipline.permissions.has_permission" for doctype in SCOPED_DOCTYPES}

# Read scope of child tables and attached files (soson_discipline.read_scope): a row of a scoped
# DocType's child table, or a File attached to a scoped record, is visible only with its parent.
SCOPED_CHILD_DOCTYPES = [
	"Assigned Task Coordinating Unit",
	"Assigned Task Update",
	"Assigned Task Event",
	"Cadre Responsible Unit",
	"Cadre Evaluation Score",
	"Dissemination Audience",
	"Inspection Target Unit",
	"Inspection Team Member",
	"Periodic Report Dissemination Figure",
	"Periodic Report Evaluation Figure",
	"Periodic Report Task Figure",
	"Periodic Report Violation Figure",
	"Unit Plan Task",
	"Violation Corrective Action",
	"Violation Evidence",
	"Urging Target",
	"Standing Committee Conclusion Point",
	"Cadre Classification Period",
	"Discipline Warning Figure",
	"Result Announcement Row",
]
permission_query_conditions.update(
	{doctype: "soson_discipline.read_scope.get_child_query_conditions" for doctype in SCOPED_CHILD_DOCTYPES}
)
permission_query_conditions["File"] = "soson_discipline.read_scope.get_file_query_conditions"
has_permission["File"] = "soson_discipline.read_scope.has_file_permission"

# Frappe endpoints that read past `permission_query_conditions`, replaced by scoped equivalents for
# the app's DocTypes (Frappe's own behaviour is kept for every other DocType).
override_whitelisted_methods = {
	"frappe.client.get_count": "soson_discipline.endpoints.get_count",
	"frappe.client.validate_link": "soson_discipline.endpoints.validate_link",
	"frappe.desk.search.search_link": "soson_discipline.endpoints.search_link",
	"frappe.desk.search.search_widget": "soson_discipline.endpoints.search_widget",
	"frappe.desk.listview.get_group_by_count": "soson_discipline.endpoints.get_group_by_count",
	"frappe.desk.form.linked_with.get": "soson_discipline.endpoints.get_linked_docs",
	"frappe.desk.form.linked_with.get_submitted_linked_docs": "soson_discipline.endpoints.get_submitted_linked_docs",
	"frappe.desk.notifications.get_open_count": "soson_discipline.endpoints.get_open_count",
}

# Input hygiene: every request body and every document of the app is checked before anything else
# reads it (finite numbers in range, sane dates, NFC text without control characters).
before_request = ["soson_discipline.utils.request_check.check_request"]

# Document events
# ---------------
doc_events = {
	"*": {
		"before_insert": "soson_discipline.utils.clean_documents.clean_document",
		"before_validate": "soson_discipline.utils.clean_documents.clean_document",
		"before_update_after_submit": "soson_discipline.utils.clean_documents.clean_document",
	},
	# The landing page and the Module Profile follow the user's roles in the same save (desk.py), so a
	# login writes nothing.
	"User": {"validate": "soson_discipline.desk.keep_desk_in_step"},
	# Evidence and inspection files are confidential: always private.
	"File": {
		"after_insert": "soson_discipline.violations.evidence.make_evidence_file_private",
	},
}
# Write scope (before and after the change) and workflow integrity for every scoped DocType.
for _doctype in SCOPED_DOCTYPES:
	doc_events.setdefault(_doctype, {}).update(
		{
			"before_validate": "soson_discipline.guards.check_write",
			"before_cancel": "soson_discipline.guards.check_write",
			"before_update_after_submit": "soson_discipline.guards.check_write",
			# the step an acting cadre took, on the record's timeline (soson_discipline.acting)
			"on_update": "soson_discipline.acting.note_acting_step",
			"on_cancel": "soson_discipline.acting.note_acting_step",
			"on_update_after_submit": "soson_discipline.acting.note_acting_step",
		}
	)

# The app's own DocTypes keep their lifecycle in their controllers (who is told, the counts kept in
# step, the roles the organisation grants); these hooks are for other apps' DocTypes and for what cuts
# across every DocType (input hygiene, write scope, workflow integrity).

# The app's own counts (tasks per unit and month, each cadre's year) never keep a unit, a cadre or a
# policy from being deleted: they are recounted, not records anyone keeps.
ignore_links_on_delete = ["Assigned Task Summary", "Cadre Year Result"]

# Where ERPNext/HRMS is installed, Cadres are kept in step with their Employee
# (soson_discipline.integrations.erpnext; the event of a DocType that does not exist never fires).
doc_events["Employee"] = {"on_update": "soson_discipline.integrations.erpnext.sync_cadre_from_employee"}
# HRMS's approved leave becomes the cadre's Cadre Leave (the time not worked, issue 22).
doc_events["Leave Application"] = {
	"on_submit": "soson_discipline.integrations.erpnext.sync_leave_from_application",
	"on_cancel": "soson_discipline.integrations.erpnext.sync_leave_from_application",
}

# The version history names a changed row as the grid numbers it (from 1; Frappe stores it from 0).
doc_events["Version"] = {"before_insert": "soson_discipline.utils.versions.number_rows_from_one"}

# Data Import of the app's DocTypes with Vietnamese column headings: the columns are matched to fields
# while the importing user's language is known (the import job itself runs in English).
doc_events["Data Import"] = {"validate": "soson_discipline.setup.data_import.map_translated_columns"}

# Scheduled tasks (distinctive names: v15 names a Scheduled Job Type after the last two dotted parts)
# -------------------------------------------------------------------------------------------------
scheduler_events = {
	"daily": [
		"soson_discipline.tasks.make_yearly_naming_series",
		"soson_discipline.tasks.mark_overdue_assigned_tasks",
		"soson_discipline.tasks.send_assigned_task_reminders",
		"soson_discipline.tasks.draft_due_periodic_reports",
		"soson_discipline.tasks.send_corrective_action_reminders",
		"soson_discipline.tasks.send_evaluation_step_reminders",
		"soson_discipline.tasks.advance_evaluation_periods",
		"soson_discipline.tasks.sync_roles_of_acting_cadres",
		"soson_discipline.followup.jobs.remind_consultations_and_urge_overdue_work",
	],
	"daily_long": [
		"soson_discipline.tasks.reconcile_assigned_task_summary",
		"soson_discipline.tasks.reconcile_cadre_year_results",
		"soson_discipline.tasks.raise_early_discipline_warnings",
	],
	"monthly_long": [
		"soson_discipline.tasks.create_monthly_cadre_evaluations",
	],
}

# Desk: each person's landing workspace (soson_discipline.desk)
# -------------------------------------------------------------
# The app on Frappe's apps screen and in the desk's app switcher. Its route is the desk itself, so that
# each person still lands on his or her own page (`desk.keep_desk_in_step`). (Frappe 15 also works out
# the list of apps twice over at every desk load when no installed app is on that screen, each time
# reading every workspace's permissions: about 6 ms of the 110 ms of CPU a desk load costs.)
add_to_apps_screen = [
	{
		"name": "soson_discipline",
		"logo": "/assets/soson_discipline/images/soson-discipline-logo.svg",
		"title": "Soson Discipline",
		"route": "/app",
		"has_permission": "soson_discipline.desk.has_app_permission",
	}
]
extend_bootinfo = "soson_discipline.desk.extend_bootinfo"
# the desk in Vietnamese where Frappe leaves English: the date picker, the week's first day, a
# report's total row
app_include_js = ["/assets/soson_discipline/js/desk.js"]
# the desk on a phone: a table scrolls sideways instead of being cut off
app_include_css = ["/assets/soson_discipline/css/desk.css"]

# Testing
# -------
before_tests = "soson_discipline.tests.utils.before_tests"

# Jinja helpers for print formats
jinja = {
	"methods": [
		"soson_discipline.utils.print_helpers.official_header",
		"soson_discipline.utils.print_helpers.unit_title",
		"soson_discipline.utils.print_helpers.fmt_quantity",
		"soson_discipline.campaign.task_rules.task_products_of",
		"soson_discipline.reporting.results.cadre_results",
	],
}
