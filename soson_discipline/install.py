"""Install, sync and uninstall steps of soson_discipline.

Order on install (frappe/installer.py, v15): DocTypes sync → ``after_install`` → fixtures (Roles,
Workflows) → ``after_sync``. Editable defaults are seeded in code, once; what the app owns outright
(roles, workflows) ships as filtered fixtures.
"""

import frappe
from frappe import _

from soson_discipline.campaign.task_summary import reconcile_task_summary
from soson_discipline.desk import CADRE_MODULE_PROFILE, ensure_cadre_module_profile, keep_desks_in_step
from soson_discipline.evaluation.year_results import reconcile_year_results
from soson_discipline.indexes import add_indexes
from soson_discipline.setup.data_import import grant_import_rights
from soson_discipline.setup.policies import create_standard_policies
from soson_discipline.utils.naming import ensure_year_series


def after_install():
	seed_discipline_settings()
	create_standard_policies()
	reconcile_task_summary()  # none yet: marks the (empty) summary of tasks per unit and month ready
	reconcile_year_results()  # likewise each cadre's year
	ensure_year_series()  # this year's and next year's document numbers, made ahead


# The app's official-document print format of each DocType. Standard DocTypes cannot name a default
# print format in their JSON (DocType.validate refuses it), so, like Customize Form, a Property Setter
# does — set once, so an office's own choice is never overwritten.
DEFAULT_PRINT_FORMATS = {
	"Unit Plan": "Unit Plan",
	"Cadre Evaluation": "Cadre Evaluation",
	"Violation Record": "Violation Record",
	"Inspection": "Inspection Conclusion",
	"Periodic Report": "Periodic Report",
	"Cadre Classification": "Cadre Classification",
	"Urging": "Urging",
	"Standing Committee Conclusion": "Standing Committee Conclusion",
	"Result Announcement": "Result Announcement",
}


def after_sync():
	"""Runs after fixtures are imported, on install (migrate re-imports fixtures itself)."""
	ensure_cadre_module_profile()
	set_default_print_formats()
	ensure_task_kanban_board()
	grant_import_rights()
	add_indexes()
	frappe.clear_cache()


def after_migrate():
	ensure_cadre_module_profile()  # the modules of apps installed since are blocked too
	keep_desks_in_step()  # users of a site that had the app before the rule, or written without a save
	set_default_print_formats()
	ensure_task_kanban_board()
	grant_import_rights()
	ensure_year_series()
	add_indexes()  # last: on a large site it takes a while


# A preset Kanban board of tasks by status; each user sees on it the tasks of his or her scope, and a
# card moved is a save of the task, held to the same rules as the form.
TASK_KANBAN_BOARD = "Assigned Task by Status"
TASK_KANBAN_COLUMNS = {
	"Open": "Orange",
	"In Progress": "Blue",
	"Overdue": "Red",
	"Completed": "Green",
	"Cancelled": "Gray",
}


def ensure_task_kanban_board():
	if frappe.db.exists("Kanban Board", TASK_KANBAN_BOARD) or not frappe.db.exists(
		"DocType", "Assigned Task"
	):
		return
	board = frappe.new_doc("Kanban Board")
	board.kanban_board_name = TASK_KANBAN_BOARD
	board.reference_doctype = "Assigned Task"
	board.field_name = "status"
	board.private = 0
	board.show_labels = 1
	for column, color in TASK_KANBAN_COLUMNS.items():
		board.append("columns", {"column_name": column, "status": "Active", "indicator": color})
	board.insert(ignore_permissions=True)


def set_default_print_formats():
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	for doctype, print_format in DEFAULT_PRINT_FORMATS.items():
		if not (frappe.db.exists("DocType", doctype) and frappe.db.exists("Print Format", print_format)):
			continue
		if frappe.db.exists("Property Setter", {"doc_type": doctype, "property": "default_print_format"}):
			continue
		make_property_setter(
			doctype,
			None,
			"default_print_format",
			print_format,
			"Data",
			for_doctype=True,
			validate_fields_for_doctype=False,
		)


def seed_discipline_settings():
	"""Default due days and reminder lead days; an office edits them in Discipline Settings."""
	settings = frappe.get_single("Discipline Settings")
	defaults = {
		"self_assessment_due_day": 5,
		"rating_due_day": 8,
		"approval_due_day": 10,
		"reminder_lead_days": 3,
	}
	changed = False
	for fieldname, value in defaults.items():
		if not settings.get(fieldname):
			settings.set(fieldname, value)
			changed = True
	if changed:
		settings.flags.ignore_mandatory = True
		settings.save(ignore_permissions=True)


def before_uninstall():
	"""Remove what the app created outside its own DocTypes: workflows on its DocTypes and its roles."""
	from soson_discipline.hooks import SOSON_ROLES, SOSON_WORKFLOW_DOCTYPES

	frappe.db.delete(
		"Property Setter",
		{"doc_type": ("in", list(DEFAULT_PRINT_FORMATS)), "property": "default_print_format"},
	)
	if frappe.db.exists("Kanban Board", TASK_KANBAN_BOARD):
		frappe.delete_doc("Kanban Board", TASK_KANBAN_BOARD, ignore_permissions=True, force=True)
	for name in frappe.get_all(
		"Workflow", filters={"document_type": ("in", SOSON_WORKFLOW_DOCTYPES)}, pluck="name"
	):
		frappe.delete_doc("Workflow", name, ignore_permissions=True, force=True)
	# rights the app gave its roles on Frappe's own DocTypes (Data Import)
	frappe.db.delete("Custom DocPerm", {"role": ("in", SOSON_ROLES)})
	for role in SOSON_ROLES:
		if frappe.db.exists("Role", role):
			frappe.db.delete("Has Role", {"role": role})
			frappe.delete_doc("Role", role, ignore_permissions=True, force=True)
	# the app's Module Profile: its users get every workspace back
	for user in frappe.get_all("User", filters={"module_profile": CADRE_MODULE_PROFILE}, pluck="name"):
		frappe.db.set_value("User", user, "module_profile", None, update_modified=False)
		frappe.db.delete("Block Module", {"parent": user, "parenttype": "User"})
	if frappe.db.exists("Module Profile", CADRE_MODULE_PROFILE):
		frappe.delete_doc("Module Profile", CADRE_MODULE_PROFILE, ignore_permissions=True, force=True)
	frappe.msgprint(_("Soson Discipline: workflows and roles removed."))
