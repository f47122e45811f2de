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
after_migrate = "soson_discipline.install.after_migrate"
before_uninstall = "soson_discipline.install.before_uninstall"

# Fixtures: only what the app owns, always filtered.
# ---------------------------------------------------------------------------
SOSON_ROLES = [
	"Discipline Administrator",
	"Standing Committee",
	"Unit Head",
	"Rater",
	"Inspector",
	"Cadre",
]
SOSON_WORKFLOW_DOCTYPES = [
	"Unit Plan",
	"Cadre Evaluation",
	"Violation Record",
	"Periodic Report",
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
]
SOSON_WORKFLOW_ACTIONS = [
	"Submit for Approval",
	"Approve",
	"Reject",
	"Issue",
	"Close",
	"Reopen",
	"Self-Assess",
	"Rate",
	"Return",
	"Verify",
	"Require Correction",
	"Mark Corrected",
	"Dismiss",
	"Submit",
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
]
permission_query_conditions = {
	doctype: "soson_discipline.permissions.get_permission_query_conditions" for doctype in SCOPED_DOCTYPES
}
has_permission = {doctype: "soson_discipline.permissions.has_permission" for doctype in SCOPED_DOCTYPES}

# Document events
# ---------------
doc_events = {
	# Evidence and inspection files are confidential: always private.
	"File": {
		"after_insert": "soson_discipline.violations.evidence.make_evidence_file_private",
	},
}

# Scheduled tasks (distinctive names: v15 names a Scheduled Job Type after the last two dotted parts)
# -------------------------------------------------------------------------------------------------
scheduler_events = {
	"daily": [
		"soson_discipline.tasks.mark_overdue_assigned_tasks",
		"soson_discipline.tasks.send_assigned_task_reminders",
		"soson_discipline.tasks.draft_due_periodic_reports",
		"soson_discipline.tasks.send_corrective_action_reminders",
		"soson_discipline.tasks.send_evaluation_step_reminders",
		"soson_discipline.tasks.advance_evaluation_periods",
	],
	"monthly_long": [
		"soson_discipline.tasks.create_monthly_cadre_evaluations",
	],
}

# Testing
# -------
before_tests = "soson_discipline.tests.utils.before_tests"

# Jinja helpers for print formats
jinja = {
	"methods": [
		"soson_discipline.utils.print_helpers.official_header",
	],
}
