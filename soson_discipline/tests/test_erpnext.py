"""ERPNext / HRMS: Cadres linked to Employees (soson_discipline.integrations.erpnext).

These tests run on a site where ERPNext is installed and skip, saying so, where it is not. The company
is stored without its controller (a site whose setup wizard never ran lacks the fixtures a Company's
accounts and warehouses need); departments and employees go through their controllers."""

import unittest

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from soson_discipline import roles
from soson_discipline.integrations import erpnext
from soson_discipline.tests.factories import CADRE, PARTY_BOARD, as_user, build_world, make_user

ERP_WORLD = {
	"email": "{}@erp.test.soson",
	"units": {
		"root": ("ERPT Đảng ủy Thử nghiệm", "ERPT", None),
		"board": ("ERPT Ban Thử nghiệm", "ERPTB", "root", PARTY_BOARD),
		"office": ("ERPT Văn phòng Thử nghiệm", "ERPTV", "root", {"unit_kind": "Party Office"}),
	},
	"users": {"hr": ["HR Manager", "HR User"]},
	"people": {
		"admin": ("ERPT Quản trị", "root", ["Discipline Administrator", "Cadre"]),
		"staff": ("ERPT Chuyên viên", "board", CADRE),
	},
}
COMPANY = "_Soson ERPT Company"
ABBR = "_SEC"
GENDER = "_Soson ERPT Gender"
SAVEPOINT = "soson_test_erpnext"


def erpnext_installed() -> bool:
	return "erpnext" in frappe.get_installed_apps()


def make_company() -> str:
	if not frappe.db.exists("Company", COMPANY):
		company = frappe.get_doc(
			{
				"doctype": "Company",
				"company_name": COMPANY,
				"abbr": ABBR,
				"default_currency": "VND",
				"country": "Vietnam",
			}
		)
		company.name = COMPANY
		company.db_insert()
	return COMPANY


def make_gender() -> str:
	if not frappe.db.exists("Gender", GENDER):
		frappe.get_doc({"doctype": "Gender", "gender": GENDER}).insert(ignore_permissions=True)
	return GENDER


def make_department(name: str, parent: str | None = None, unit: str | None = None) -> str:
	existing = frappe.db.get_value("Department", {"department_name": name, "company": COMPANY})
	if existing:
		return existing
	if not frappe.db.exists("Department", "All Departments"):
		root = frappe.get_doc({"doctype": "Department", "department_name": "All Departments", "is_group": 1})
		root.flags.ignore_mandatory = True
		root.insert(ignore_permissions=True)
	doc = frappe.get_doc(
		{
			"doctype": "Department",
			"department_name": name,
			"company": COMPANY,
			"parent_department": parent,
			"is_group": 1,
			"organization_unit": unit,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def make_employee(full_name: str, department: str | None, **values) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Employee",
			"first_name": full_name,
			"company": COMPANY,
			"gender": GENDER,
			"date_of_birth": "1985-05-05",
			"date_of_joining": "2024-01-02",
			"status": "Active",
			"department": department,
			**values,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def cadre_of(employee: str) -> frappe._dict | None:
	return frappe.db.get_value(
		"Cadre",
		{"employee": employee},
		["name", "full_name", "user", "organization_unit", "status", "date_left", "rater", "position"],
		as_dict=True,
	)


class ERPNextTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		if not erpnext_installed():
			raise unittest.SkipTest("ERPNext is not installed on this site")
		# adding the Custom Fields alters tables (which commits): before the class's data. Twice: it is
		# idempotent (TestSetup checks the result)
		cls.set_up = [erpnext.setup_employee_link(), erpnext.setup_employee_link()]
		super().setUpClass()
		cls.w = build_world(ERP_WORLD)
		make_company()
		make_gender()
		cls.dept_a = make_department("ERPT Phòng A", unit=cls.w.board)
		cls.dept_a1 = make_department("ERPT Tổ A1", parent=cls.dept_a)  # takes the unit of Phòng A
		cls.dept_v = make_department("ERPT Phòng Văn thư", unit=cls.w.office)
		cls.dept_none = make_department("ERPT Phòng Chưa gắn")

	def setUp(self):
		if not erpnext_installed():
			self.skipTest("ERPNext is not installed on this site")
		frappe.set_user("Administrator")
		frappe.db.savepoint(SAVEPOINT)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point=SAVEPOINT)

	def bring_in(self, **filters) -> dict:
		with as_user(self.w.admin_user):
			return erpnext.create_cadres_from_employees(company=COMPANY, **filters)["result"]

	def save_employee_as_hr(self, employee: str, **values):
		with as_user(self.w.hr_user):
			doc = frappe.get_doc("Employee", employee)
			doc.update(values)
			doc.save()


class TestSetup(ERPNextTestCase):
	def test_fields_are_added_and_setup_is_idempotent(self):
		self.assertEqual(self.set_up, [True, True])
		self.assertEqual(frappe.get_meta("Cadre").get_field("employee").options, "Employee")
		self.assertEqual(
			frappe.get_meta("Department").get_field("organization_unit").options, "Organization Unit"
		)
		for doctype, fieldname in (("Cadre", "employee"), ("Department", "organization_unit")):
			self.assertEqual(frappe.db.count("Custom Field", {"dt": doctype, "fieldname": fieldname}), 1)

	def test_install_hooks_are_wired(self):
		"""The link is added when ERPNext comes after this app (and this app after ERPNext)."""
		for hook in ("after_app_install", "before_app_uninstall"):
			self.assertIn(
				f"soson_discipline.integrations.erpnext.{hook}",
				frappe.get_hooks(hook),
				f'hooks.py: {hook} = "soson_discipline.integrations.erpnext.{hook}"',
			)

	def test_department_unit_is_inherited(self):
		self.assertEqual(erpnext.get_unit_of_department(self.dept_a1), self.w.board)
		self.assertIsNone(erpnext.get_unit_of_department(self.dept_none))


class TestCreateCadresFromEmployees(ERPNextTestCase):
	def test_creates_once_with_unit_user_and_rater(self):
		lead_user = make_user("erpt.lead@erp.test.soson", [])
		lead = make_employee("ERPT Trưởng phòng", self.dept_a, user_id=lead_user)
		member = make_employee("ERPT Nhân viên", self.dept_a1, reports_to=lead)
		unmapped = make_employee("ERPT Chưa gắn", self.dept_none)
		make_employee("ERPT Đã nghỉ", self.dept_a, status="Left", relieving_date=add_days(today(), -3))

		result = self.bring_in()
		self.assertEqual(sorted(row["employee"] for row in result["created"]), sorted([lead, member]))
		self.assertEqual([row["employee"] for row in result["refused"]], [unmapped])
		self.assertIn(self.dept_none, result["refused"][0]["reason"])

		lead_cadre, member_cadre = cadre_of(lead), cadre_of(member)
		self.assertEqual(lead_cadre.full_name, "ERPT Trưởng phòng")
		self.assertEqual(lead_cadre.user, lead_user)
		self.assertEqual(lead_cadre.organization_unit, self.w.board)
		self.assertEqual(member_cadre.organization_unit, self.w.board)
		self.assertEqual(member_cadre.rater, lead_cadre.name)
		# the automatic roles follow: the lead has a user and rates the member
		self.assertTrue({"Cadre", "Rater"} <= set(frappe.get_roles(lead_user)))

		cadres = frappe.db.count("Cadre")
		again = self.bring_in()
		self.assertEqual(again["created"], [])
		self.assertEqual(frappe.db.count("Cadre"), cadres)

	def test_links_the_cadre_that_has_the_employees_user(self):
		employee = make_employee("ERPT Chuyên viên", self.dept_a, user_id=self.w.staff_user)
		result = self.bring_in()
		self.assertEqual([row["cadre"] for row in result["linked"]], [self.w.staff])
		self.assertEqual(cadre_of(employee).name, self.w.staff)

	def test_an_approved_hrms_leave_becomes_the_cadres_leave(self):
		"""HRMS is not installed beside ERPNext here: its Leave Application's document events are called
		as HRMS would call them, with the fields HRMS gives the document."""
		employee = make_employee("ERPT Nghỉ thai sản", self.dept_a)
		self.bring_in()
		cadre = cadre_of(employee).name
		application = frappe._dict(
			name="HR-LAP-ERPT-0001",
			employee=employee,
			leave_type="Nghỉ thai sản",
			from_date=add_days(today(), -40),
			to_date=add_days(today(), -10),
			status="Approved",
			description="Sinh con",
		)
		erpnext.sync_leave_from_application(application, "on_submit")
		erpnext.sync_leave_from_application(application, "on_submit")  # a second call: nothing more
		leave = frappe.get_all(
			"Cadre Leave",
			filters={"leave_application": application.name},
			fields=["cadre", "leave_type", "docstatus", "days"],
		)
		self.assertEqual(
			leave, [{"cadre": cadre, "leave_type": "Maternity Leave", "docstatus": 1, "days": 31}]
		)
		erpnext.sync_leave_from_application(application, "on_cancel")
		self.assertEqual(
			frappe.db.get_value("Cadre Leave", {"leave_application": application.name}, "docstatus"), 2
		)
		self.assertEqual(erpnext.leave_type_of_application("Sick Leave"), "Sick Leave")
		self.assertEqual(erpnext.leave_type_of_application("Casual Leave"), "Other Legitimate Leave")
		self.assertIn(
			"soson_discipline.integrations.erpnext.sync_leave_from_application",
			frappe.get_hooks("doc_events")["Leave Application"]["on_submit"],
		)

	def test_only_presiding_users(self):
		make_employee("ERPT Không được tạo", self.dept_a)
		for user in (self.w.staff_user, self.w.hr_user):
			with self.subTest(user=user), as_user(user), self.assertRaises(frappe.PermissionError):
				erpnext.create_cadres_from_employees(company=COMPANY)

	def test_desk_user_from_the_employees_email(self):
		employee = make_employee(
			"ERPT Có thư",
			self.dept_v,
			company_email="erpt.mail@erp.test.soson",
			prefered_contact_email="Company Email",
		)
		self.bring_in()
		cadre = cadre_of(employee).name
		with as_user(self.w.admin_user):
			result = roles.create_desk_users([cadre])["result"]
		self.assertEqual([row["user"] for row in result["created"]], ["erpt.mail@erp.test.soson"])


class TestSyncFromEmployee(ERPNextTestCase):
	def test_name_user_unit_and_status_follow_the_employee(self):
		employee = make_employee("ERPT Đồng bộ", self.dept_a)
		self.bring_in()
		cadre = cadre_of(employee)
		user = make_user("erpt.sync@erp.test.soson", [])

		self.save_employee_as_hr(
			employee, first_name="ERPT Đồng bộ Mới", department=self.dept_v, user_id=user
		)
		cadre = cadre_of(employee)
		self.assertEqual(cadre.full_name, "ERPT Đồng bộ Mới")
		self.assertEqual(cadre.organization_unit, self.w.office)
		self.assertEqual(cadre.user, user)
		self.assertIn("Cadre", frappe.get_roles(user))

		left_on = add_days(today(), -1)
		self.save_employee_as_hr(employee, status="Left", relieving_date=left_on)
		cadre = cadre_of(employee)
		self.assertEqual(cadre.status, "Left")
		self.assertEqual(str(cadre.date_left), str(left_on))
		self.assertNotIn("Cadre", frappe.get_roles(user))

		self.save_employee_as_hr(employee, status="Active", relieving_date=None)
		self.assertEqual(cadre_of(employee).status, "Active")

	def test_unmapped_department_keeps_the_unit(self):
		employee = make_employee("ERPT Giữ đơn vị", self.dept_a)
		self.bring_in()
		self.save_employee_as_hr(employee, department=self.dept_none)
		self.assertEqual(cadre_of(employee).organization_unit, self.w.board)

	def test_unlinked_employee_changes_nothing(self):
		employee = make_employee("ERPT Không liên kết", self.dept_none)
		cadres = frappe.db.count("Cadre")
		self.save_employee_as_hr(employee, first_name="ERPT Không liên kết 2")
		self.assertEqual(frappe.db.count("Cadre"), cadres)


class TestWithoutERPNext(FrappeTestCase):
	"""What the app does where ERPNext is not installed (runs on every site)."""

	def test_setup_does_nothing_without_employee(self):
		if erpnext_installed():
			self.skipTest("ERPNext is installed on this site")
		self.assertFalse(erpnext.setup_employee_link())
		self.assertFalse(frappe.get_meta("Cadre").has_field("employee"))
		self.assertIsNone(erpnext.get_employee_email("HR-EMP-00001"))
