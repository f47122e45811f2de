"""ERPNext / HRMS: Cadres linked to the Employees an office already keeps.

Optional and detected at run time: nothing here runs, and the app installs and works, on a site
without the `Employee` DocType. Where it exists:

- `setup_employee_link` adds two Custom Fields (idempotent): `Cadre.employee` (Link Employee) and
  `Department.organization_unit` (Link Organization Unit). It runs when this app or ERPNext/HRMS is
  installed (`after_app_install`, whichever comes second) and after every migrate.
- The Department → Organization Unit mapping lives on the Department: HR sees and edits it where it
  keeps its departments, it follows a Department's renames and deletions, and a department without
  a unit takes the unit of the nearest department above it (departments are a tree per company).
- "Create Cadres from Employees" (presiding roles, background with progress) creates a Cadre for each
  active employee not yet linked to one, or links the employee to the cadre that already has his or
  her user.
- Saving an Employee keeps its Cadre's name, user, unit (from the department) and status (Active,
  Left) in step (`sync_cadre_from_employee`, an `on_update` document event).
"""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import strip_html, today

from soson_discipline.jobs import notify_done, report_progress, start
from soson_discipline.permissions import check_presiding
from soson_discipline.states import CADRE_ACTIVE

EMPLOYEE = "Employee"
DEPARTMENT = "Department"
EMPLOYEE_APPS = ("erpnext", "hrms")
CADRE_STATUS_OF_EMPLOYEE = {"Active": CADRE_ACTIVE, "Left": "Left"}
CUSTOM_FIELDS = {
	"Cadre": [
		{
			"fieldname": "employee",
			"label": "Employee",
			"fieldtype": "Link",
			"options": EMPLOYEE,
			"insert_after": "user",
			"unique": 1,
			"no_copy": 1,
			"search_index": 1,
			"description": "The Employee record of this cadre (ERPNext/HRMS); saving the Employee updates the name, user, unit and status here.",
		}
	],
	DEPARTMENT: [
		{
			"fieldname": "organization_unit",
			"label": "Organization Unit",
			"fieldtype": "Link",
			"options": "Organization Unit",
			"insert_after": "parent_department",
			"description": "The unit whose cadres this department's employees are (Soson Discipline); empty: the unit of the department above.",
		}
	],
}


# --------------------------------------------------------------------------------------------------
# Detection and setup
# --------------------------------------------------------------------------------------------------


def has_employee() -> bool:
	"""Whether this site has ERPNext's (or HRMS's) Employee DocType."""
	return bool(frappe.db.exists("DocType", EMPLOYEE))


def is_linked() -> bool:
	"""Whether Cadre has its `employee` link (set up and Employee present)."""
	return has_employee() and frappe.get_meta("Cadre").has_field("employee")


def setup_employee_link() -> bool:
	"""Add the Custom Fields where Employee exists (idempotent); returns whether it did."""
	if not has_employee():
		return False
	from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

	create_custom_fields(CUSTOM_FIELDS, update=True)
	return True


def remove_employee_link() -> None:
	"""Remove the Custom Fields (when this app or ERPNext is uninstalled)."""
	for doctype, fields in CUSTOM_FIELDS.items():
		for df in fields:
			if name := frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": df["fieldname"]}):
				frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
		frappe.clear_cache(doctype=doctype)


def after_app_install(app_name: str) -> None:
	"""`after_app_install` hook: runs for every app installed on the site, this one included."""
	if app_name in (*EMPLOYEE_APPS, "soson_discipline"):
		setup_employee_link()


def before_app_uninstall(app_name: str) -> None:
	"""`before_app_uninstall` hook: the link goes with ERPNext, and with this app."""
	if app_name in ("erpnext", "soson_discipline"):
		remove_employee_link()


# --------------------------------------------------------------------------------------------------
# Lookups
# --------------------------------------------------------------------------------------------------


def get_employee_email(employee: str | None) -> str | None:
	"""The employee's preferred email, else the company, personal or user email."""
	if not (employee and has_employee()):
		return None
	values = frappe.db.get_value(
		EMPLOYEE, employee, ["prefered_email", "company_email", "personal_email", "user_id"], as_dict=True
	)
	if not values:
		return None
	return values.prefered_email or values.company_email or values.personal_email or values.user_id


def get_unit_of_department(department: str | None) -> str | None:
	"""The Organization Unit of a department: its own, else that of the nearest department above."""
	seen = set()
	while department and department not in seen:
		seen.add(department)
		values = frappe.db.get_value(
			DEPARTMENT, department, ["organization_unit", "parent_department"], as_dict=True
		)
		if not values:
			return None
		if values.organization_unit:
			return values.organization_unit
		department = values.parent_department
	return None


def get_cadre_of_employee(employee: str | None) -> str | None:
	if not (employee and is_linked()):
		return None
	return frappe.db.get_value("Cadre", {"employee": employee}, "name")


# --------------------------------------------------------------------------------------------------
# Create Cadres from Employees
# --------------------------------------------------------------------------------------------------


@frappe.whitelist()
def create_cadres_from_employees(company=None, department=None, employees=None) -> dict:
	"""Create (in the background) a Cadre for each active employee not linked to one, optionally of a
	company, a department (and those below it) or a list. Presiding roles."""
	check_presiding()
	if not is_linked():
		frappe.throw(_("ERPNext or HRMS is not installed on this site: there are no employees to bring in."))
	names = get_employees_to_bring_in(
		company, department, frappe.parse_json(employees) if employees else None
	)
	return start(
		"soson_discipline.integrations.erpnext.create_cadres_from_employees_now", len(names), employees=names
	)


def get_employees_to_bring_in(company=None, department=None, employees=None) -> list[str]:
	"""Active employees (of the filters) that no Cadre is linked to."""
	e, c = DocType(EMPLOYEE), DocType("Cadre")
	linked = frappe.qb.from_(c).select(c.employee).where(c.employee.isnotnull())
	query = (
		frappe.qb.from_(e)
		.select(e.name)
		.where((e.status == "Active") & e.name.notin(linked))
		.orderby(e.lft)
		.orderby(e.name)
	)
	if company:
		query = query.where(e.company == company)
	if department:
		query = query.where(e.department.isin(get_department_subtree(department)))
	if employees:
		query = query.where(e.name.isin(list(employees)))
	return query.run(pluck=True)


def get_department_subtree(department: str) -> list[str]:
	bounds = frappe.db.get_value(DEPARTMENT, department, ["lft", "rgt"], as_dict=True)
	if not bounds:
		return [department]
	d = DocType(DEPARTMENT)
	return (
		frappe.qb.from_(d).select(d.name).where((d.lft >= bounds.lft) & (d.rgt <= bounds.rgt)).run(pluck=True)
	)


def create_cadres_from_employees_now(employees: list[str]) -> dict:
	"""The job: one row per employee under "created", "linked", "skipped" or "refused"."""
	result = {"created": [], "linked": [], "skipped": [], "refused": []}
	title = _("Creating cadres from employees")
	for i, employee in enumerate(employees):
		outcome, row = create_cadre_from_employee(employee)
		result[outcome].append(row)
		report_progress(i + 1, len(employees), title, row.get("full_name") or employee)
	notify_done(title, result)
	return result


def get_employee(employee: str) -> frappe._dict | None:
	return frappe.db.get_value(
		EMPLOYEE,
		employee,
		[
			"name",
			"employee_name",
			"user_id",
			"department",
			"designation",
			"status",
			"date_of_joining",
			"relieving_date",
			"reports_to",
		],
		as_dict=True,
	)


def create_cadre_from_employee(employee: str) -> tuple[str, dict]:
	"""A Cadre for one employee (or the employee linked to the cadre that has his or her user)."""
	emp = get_employee(employee)
	if not emp:
		return "refused", {"employee": employee, "reason": _("Employee {0} does not exist.").format(employee)}
	row = {"employee": employee, "full_name": emp.employee_name}
	if cadre := get_cadre_of_employee(employee):
		return "skipped", {**row, "cadre": cadre, "reason": _("Already linked to a cadre.")}

	savepoint = "soson_cadre_from_employee"
	frappe.db.savepoint(savepoint)
	try:
		if emp.user_id and (cadre := frappe.db.get_value("Cadre", {"user": emp.user_id}, "name")):
			frappe.db.set_value("Cadre", cadre, "employee", employee)
			return "linked", {**row, "cadre": cadre}
		unit = get_unit_of_department(emp.department)
		if not unit:
			return "refused", {**row, "reason": unmapped_reason(emp.department)}
		cadre = insert_cadre(emp, unit)
	except (frappe.ValidationError, frappe.DuplicateEntryError) as e:
		frappe.db.rollback(save_point=savepoint)
		frappe.clear_messages()
		return "refused", {**row, "reason": strip_html(str(e)) or _("The cadre could not be created.")}
	return "created", {**row, "cadre": cadre}


def unmapped_reason(department: str | None) -> str:
	if not department:
		return _("The employee has no department, so no Organization Unit.")
	return _("Department {0} has no Organization Unit: set it on the Department.").format(department)


def insert_cadre(emp: frappe._dict, unit: str) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Cadre",
			"full_name": emp.employee_name,
			"organization_unit": unit,
			"position": emp.designation,
			"status": CADRE_ACTIVE,
			"date_joined": emp.date_of_joining,
			"user": emp.user_id or None,
			"employee": emp.name,
			"rater": get_active_cadre_of_employee(emp.reports_to),
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def get_active_cadre_of_employee(employee: str | None) -> str | None:
	cadre = get_cadre_of_employee(employee)
	if cadre and frappe.db.get_value("Cadre", cadre, "status") == CADRE_ACTIVE:
		return cadre
	return None


# --------------------------------------------------------------------------------------------------
# Employee → Cadre
# --------------------------------------------------------------------------------------------------


def sync_cadre_from_employee(doc, method=None):
	"""Employee `on_update`: keep the linked Cadre's name, user, unit and status in step. A change the
	Cadre refuses (its own validations) is reported and leaves the Employee saved."""
	cadre = get_cadre_of_employee(doc.name)
	if not cadre:
		return
	cadre_doc = frappe.get_doc("Cadre", cadre)
	if not apply_employee(cadre_doc, doc):
		return
	savepoint = "soson_cadre_of_employee"
	frappe.db.savepoint(savepoint)
	try:
		cadre_doc.save(ignore_permissions=True)
	except (frappe.ValidationError, frappe.DuplicateEntryError) as e:
		frappe.db.rollback(save_point=savepoint)
		frappe.msgprint(
			_("Cadre {0} was not updated from this employee: {1}").format(cadre, strip_html(str(e))),
			title=_("Cadre Not Updated"),
			indicator="orange",
		)


def apply_employee(cadre, employee) -> bool:
	"""Set the Cadre's fields from the Employee; returns whether anything changed."""
	values = {"full_name": employee.employee_name}
	if employee.user_id and not frappe.db.exists(
		"Cadre", {"user": employee.user_id, "name": ("!=", cadre.name)}
	):
		values["user"] = employee.user_id
	if unit := get_unit_of_department(employee.department):
		values["organization_unit"] = unit
	status = CADRE_STATUS_OF_EMPLOYEE.get(employee.status)
	if status == CADRE_ACTIVE:
		values.update(status=CADRE_ACTIVE, date_left=None)
	elif status and cadre.status == CADRE_ACTIVE:
		values.update(status=status, date_left=employee.relieving_date or today())
	changed = {k: v for k, v in values.items() if v != cadre.get(k) and (v or cadre.get(k))}
	cadre.update(changed)
	return bool(changed)


# --------------------------------------------------------------------------------------------------
# HRMS leave: the time not worked (issue 22, item 8)
# --------------------------------------------------------------------------------------------------

LEAVE_APPLICATION = "Leave Application"


def leave_type_of_application(leave_type: str | None) -> str:
	"""The Cadre Leave type of an HRMS Leave Type, by its name (HRMS names them freely): maternity,
	sickness, study/training, else other legitimate leave."""
	name = (leave_type or "").lower()
	for words, kind in (
		(("maternity", "thai sản", "thai san"), "Maternity Leave"),
		(("sick", "ốm", "om dau"), "Sick Leave"),
		(("study", "training", "học", "bồi dưỡng"), "Study or Training"),
	):
		if any(word in name for word in words):
			return kind
	return "Other Legitimate Leave"


def sync_leave_from_application(doc, method=None):
	"""`on_submit` / `on_cancel` of HRMS's Leave Application: an approved application of an employee
	linked to a cadre is recorded as that cadre's Cadre Leave (submitted, so the evaluations of the
	dates are marked and the year recounted), and cancelled with it. A second call changes nothing."""
	existing = frappe.db.get_value(
		"Cadre Leave", {"leave_application": doc.name}, ["name", "docstatus"], as_dict=True
	)
	if method == "on_cancel" or doc.get("status") != "Approved":
		if existing and existing.docstatus == 1:
			leave = frappe.get_doc("Cadre Leave", existing.name)
			leave.flags.ignore_permissions = True
			leave.cancel()
		return
	cadre = get_cadre_of_employee(doc.employee)
	if not cadre or existing:
		return  # HRMS amends an application under a new name: one Cadre Leave per application
	leave = frappe.get_doc(
		{
			"doctype": "Cadre Leave",
			"cadre": cadre,
			"leave_type": leave_type_of_application(doc.leave_type),
			"from_date": doc.from_date,
			"to_date": doc.to_date,
			"reason": doc.get("description") or doc.leave_type,
			"leave_application": doc.name,
		}
	)
	leave.flags.ignore_permissions = True
	leave.insert()
	leave.submit()
