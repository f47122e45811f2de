"""Roles the app grants from the organisation, and desk users for cadres (soson_discipline.roles).

Every change is made by a real user of the office (the Discipline Administrator, a Unit Head), not by
the Administrator."""

from unittest.mock import patch

import frappe
from frappe.core.doctype.user.user import User
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.tests.utils import FrappeTestCase

from soson_discipline import roles
from soson_discipline.tests.factories import (
	CADRE,
	PARTY_BOARD,
	as_user,
	build_world,
	make_cadre,
	make_user,
)

ROLES_WORLD = {
	"email": "{}@roles.test.soson",
	"units": {
		"root": ("RLT Đảng ủy Thử nghiệm", "RLT", None),
		"board": ("RLT Ban Thử nghiệm", "RLTB", "root", PARTY_BOARD),
		"office": ("RLT Văn phòng Thử nghiệm", "RLTV", "root", {"unit_kind": "Party Office"}),
	},
	"users": {"plain": []},
	"people": {
		"admin": ("RLT Quản trị", "root", ["Discipline Administrator", "Cadre"]),
		# Unit Head given by hand: the app never withdraws it
		"chief": ("RLT Trưởng ban", "board", ["Unit Head", "Cadre"]),
		"deputy": ("RLT Phó ban", "board", CADRE),
		"staff": ("RLT Chuyên viên", "board", CADRE),
		"clerk": ("RLT Văn thư", "office", CADRE),
	},
}
EMAIL_FIELD = "email"
SAVEPOINT = "soson_test_roles"


def roles_of(user: str) -> set[str]:
	return set(frappe.get_roles(user)) & set(roles.AUTOMATIC_ROLES)


def granted(user: str) -> set[str]:
	return roles.get_granted_roles(user)


def add_email_field() -> bool:
	"""Give Cadre an Email field (a Custom Field, as an office would) unless it has one; returns
	whether it was added. Altering the table commits."""
	if any(df.fieldtype == "Data" and df.options == "Email" for df in frappe.get_meta("Cadre").fields):
		return False
	create_custom_fields(
		{"Cadre": [{"fieldname": EMAIL_FIELD, "label": "Email", "fieldtype": "Data", "options": "Email"}]}
	)
	frappe.clear_cache(doctype="Cadre")
	return True


def remove_email_field() -> None:
	frappe.db.rollback()
	for name in frappe.get_all(
		"Custom Field", filters={"dt": "Cadre", "fieldname": EMAIL_FIELD}, pluck="name"
	):
		frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
	frappe.db.sql_ddl(f"ALTER TABLE `tabCadre` DROP COLUMN IF EXISTS `{EMAIL_FIELD}`")
	frappe.cache.hdel("table_columns", "tabCadre")
	frappe.clear_cache(doctype="Cadre")


def email_fieldname() -> str:
	return next(
		df.fieldname
		for df in frappe.get_meta("Cadre").fields
		if df.fieldtype == "Data" and df.options == "Email"
	)


class RolesTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w = build_world(ROLES_WORLD)

	def setUp(self):
		# FrappeTestCase rolls back once per class: each test here undoes its own changes
		frappe.set_user("Administrator")
		frappe.db.savepoint(SAVEPOINT)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point=SAVEPOINT)
		for user in frappe.get_all("User", filters={"name": ("like", "%@roles.test.soson")}, pluck="name"):
			frappe.clear_cache(user=user)  # roles cached during the test

	def save_cadre_as(self, actor: str, cadre: str, **values):
		with as_user(actor):
			doc = frappe.get_doc("Cadre", cadre)
			doc.update(values)
			doc.save()
		return doc

	def set_head_as(self, actor: str, unit: str, head: str | None):
		with as_user(actor):
			doc = frappe.get_doc("Organization Unit", unit)
			doc.head_cadre = head
			doc.save()


class TestAutomaticRoles(RolesTestCase):
	def test_cadre_role_follows_the_user_link_and_the_status(self):
		first = make_user("rlt.first@roles.test.soson", [])
		second = make_user("rlt.second@roles.test.soson", [])
		cadre = make_cadre("RLT Người mới", self.w.board)  # no user yet
		self.assertEqual(roles_of(first), set())

		self.save_cadre_as(self.w.admin_user, cadre, user=first)
		self.assertEqual(roles_of(first), {"Cadre"})
		self.assertEqual(granted(first), {"Cadre"})
		self.assertEqual(frappe.db.get_value("User", first, "user_type"), "System User")

		self.save_cadre_as(self.w.admin_user, cadre, user=second)
		self.assertEqual(roles_of(first), set())
		self.assertEqual(granted(first), set())
		self.assertEqual(roles_of(second), {"Cadre"})

		self.save_cadre_as(self.w.admin_user, cadre, status="Left", date_left=frappe.utils.today())
		self.assertEqual(roles_of(second), set())
		self.assertEqual(granted(second), set())

		self.save_cadre_as(self.w.admin_user, cadre, status="Active", date_left=None)
		self.assertEqual(roles_of(second), {"Cadre"})

	def test_rater_role_moves_with_the_rater(self):
		deputy, clerk = self.w.deputy_user, self.w.clerk_user
		self.save_cadre_as(self.w.admin_user, self.w.staff, rater=self.w.deputy)
		self.assertIn("Rater", roles_of(deputy))
		self.assertEqual(granted(deputy), {"Rater"})

		# a rater change affects the old and the new rater
		self.save_cadre_as(self.w.admin_user, self.w.staff, rater=self.w.clerk)
		self.assertNotIn("Rater", roles_of(deputy))
		self.assertIn("Rater", roles_of(clerk))

		# the only cadre he rated leaves: no longer a rater
		self.save_cadre_as(self.w.admin_user, self.w.staff, status="Left", date_left=frappe.utils.today())
		self.assertNotIn("Rater", roles_of(clerk))
		self.assertEqual(granted(clerk), set())

	def test_unit_head_changes_a_rater_in_his_unit(self):
		"""A Unit Head's change moves the role too: the role change itself is system work."""
		self.save_cadre_as(self.w.admin_user, self.w.staff, rater=self.w.deputy)
		self.save_cadre_as(self.w.chief_user, self.w.staff, rater=self.w.chief)
		self.assertNotIn("Rater", roles_of(self.w.deputy_user))
		self.assertIn("Rater", roles_of(self.w.chief_user))
		self.assertEqual(granted(self.w.chief_user), {"Rater"})

	def test_unit_head_role_follows_head_cadre(self):
		deputy, clerk = self.w.deputy_user, self.w.clerk_user
		self.set_head_as(self.w.admin_user, self.w.office, self.w.deputy)
		self.assertIn("Unit Head", roles_of(deputy))
		self.assertEqual(granted(deputy), {"Unit Head"})

		self.set_head_as(self.w.admin_user, self.w.office, self.w.clerk)
		self.assertNotIn("Unit Head", roles_of(deputy))
		self.assertIn("Unit Head", roles_of(clerk))

		self.set_head_as(self.w.admin_user, self.w.office, None)
		self.assertNotIn("Unit Head", roles_of(clerk))

	def test_head_of_a_disabled_unit_is_not_a_unit_head(self):
		self.set_head_as(self.w.admin_user, self.w.office, self.w.deputy)
		with as_user(self.w.admin_user):
			unit = frappe.get_doc("Organization Unit", self.w.office)
			unit.disabled = 1
			unit.save()
		self.assertNotIn("Unit Head", roles_of(self.w.deputy_user))

	def test_leaving_cadre_loses_every_granted_role(self):
		self.set_head_as(self.w.admin_user, self.w.office, self.w.clerk)
		self.save_cadre_as(self.w.admin_user, self.w.staff, rater=self.w.clerk)
		self.assertEqual(roles_of(self.w.clerk_user), {"Cadre", "Unit Head", "Rater"})
		# Cadre was given by hand (the world's users hold exactly their roles): it stays
		self.save_cadre_as(
			self.w.admin_user, self.w.clerk, status="Transferred", date_left=frappe.utils.today()
		)
		self.assertEqual(roles_of(self.w.clerk_user), {"Cadre"})
		self.assertEqual(granted(self.w.clerk_user), set())

	def test_hand_given_roles_survive(self):
		chief = self.w.chief_user
		self.assertEqual(granted(chief), set())
		self.set_head_as(self.w.admin_user, self.w.board, self.w.chief)
		self.assertEqual(granted(chief), set())  # held already: not recorded as the app's
		self.set_head_as(self.w.admin_user, self.w.board, None)
		self.assertIn("Unit Head", roles_of(chief))

		# a role the app granted and the office then took away and gave again by hand stays too
		self.save_cadre_as(self.w.admin_user, self.w.staff, rater=self.w.chief)
		self.assertEqual(granted(chief), {"Rater"})
		user = frappe.get_doc("User", chief)
		user.remove_roles("Rater")
		user.add_roles("Rater")
		self.save_cadre_as(self.w.admin_user, self.w.staff, rater=None)
		self.assertIn("Rater", roles_of(chief))

	def test_deleted_cadre_withdraws_roles(self):
		user = make_user("rlt.deleted@roles.test.soson", [])
		cadre = make_cadre("RLT Sẽ xóa", self.w.board)
		self.save_cadre_as(self.w.admin_user, cadre, user=user, rater=self.w.deputy)
		self.assertEqual(roles_of(user), {"Cadre"})
		self.assertIn("Rater", roles_of(self.w.deputy_user))

		with as_user(self.w.admin_user):
			frappe.delete_doc("Cadre", cadre)
		self.assertEqual(roles_of(user), set())
		self.assertNotIn("Rater", roles_of(self.w.deputy_user))
		self.assertEqual(granted(user), set())

	def test_other_roles_are_never_touched(self):
		plain = self.w.plain_user
		make_user(plain, ["Inspector", "Standing Committee"])
		cadre = make_cadre("RLT Có vai trò khác", self.w.board)
		self.save_cadre_as(self.w.admin_user, cadre, user=plain)
		self.save_cadre_as(self.w.admin_user, cadre, status="Left", date_left=frappe.utils.today())
		self.assertTrue({"Inspector", "Standing Committee"} <= set(frappe.get_roles(plain)))


class TestSyncAllRoles(RolesTestCase):
	def test_sync_all_is_idempotent(self):
		# records written without their document events, as in an office that already has data
		frappe.db.set_value("Organization Unit", self.w.office, "head_cadre", self.w.deputy)
		frappe.db.set_value("Cadre", self.w.staff, "rater", self.w.clerk)
		self.assertNotIn("Unit Head", roles_of(self.w.deputy_user))

		with as_user(self.w.admin_user):
			first = roles.sync_all_roles()["result"]
			second = roles.sync_all_roles()["result"]
		self.assertGreaterEqual(first["added"], 2)
		self.assertIn("Unit Head", roles_of(self.w.deputy_user))
		self.assertIn("Rater", roles_of(self.w.clerk_user))
		self.assertEqual((second["added"], second["removed"]), (0, 0))

		frappe.db.set_value("Organization Unit", self.w.office, "head_cadre", None)
		with as_user(self.w.admin_user):
			third = roles.sync_all_roles()["result"]
		self.assertEqual(third["removed"], 1)
		self.assertNotIn("Unit Head", roles_of(self.w.deputy_user))

	def test_only_presiding_users_sync(self):
		for user in (self.w.staff_user, self.w.chief_user):
			with self.subTest(user=user), as_user(user), self.assertRaises(frappe.PermissionError):
				roles.sync_all_roles()


class TestCreateDeskUsers(RolesTestCase):
	@classmethod
	def setUpClass(cls):
		# the Custom Field alters the table (which commits): add it before the class's data
		frappe.set_user("Administrator")
		cls.added_email_field = add_email_field()
		super().setUpClass()

	@classmethod
	def tearDownClass(cls):
		super().tearDownClass()
		if cls.added_email_field:
			remove_email_field()

	def make_newcomer(self, name: str, email: str | None) -> str:
		cadre = make_cadre(name, self.w.board)
		frappe.db.set_value("Cadre", cadre, email_fieldname(), email)
		return cadre

	def test_creates_links_and_is_idempotent(self):
		with_email = self.make_newcomer("RLT Có thư", "RLT.Newcomer@roles.test.soson")
		without_email = self.make_newcomer("RLT Không thư", None)
		already = self.w.deputy
		email = "rlt.newcomer@roles.test.soson"
		users_before = frappe.db.count("User")

		with as_user(self.w.admin_user):
			result = roles.create_desk_users([with_email, without_email, already])["result"]
		self.assertEqual([row["cadre"] for row in result["created"]], [with_email])
		self.assertEqual([row["cadre"] for row in result["refused"]], [without_email])
		self.assertIn("email", result["refused"][0]["reason"].lower())
		self.assertEqual([row["cadre"] for row in result["skipped"]], [already])

		self.assertEqual(frappe.db.get_value("Cadre", with_email, "user"), email)
		self.assertEqual(frappe.db.get_value("User", email, "user_type"), "System User")
		self.assertEqual(frappe.db.get_value("User", email, "first_name"), "RLT Có thư")
		self.assertEqual(roles_of(email), {"Cadre"})
		self.assertEqual(frappe.db.count("User"), users_before + 1)

		with as_user(self.w.admin_user):
			again = roles.create_desk_users([with_email, without_email, already])["result"]
		self.assertEqual(again["created"], [])
		self.assertEqual(len(again["skipped"]), 2)
		self.assertEqual(frappe.db.count("User"), users_before + 1)

	def test_links_an_existing_user_of_the_same_email(self):
		existing = make_user("rlt.existing@roles.test.soson", [])
		cadre = self.make_newcomer("RLT Đã có tài khoản", existing)
		with as_user(self.w.admin_user):
			result = roles.create_desk_users([cadre])["result"]
		self.assertEqual([row["cadre"] for row in result["linked"]], [cadre])
		self.assertEqual(frappe.db.get_value("Cadre", cadre, "user"), existing)
		self.assertEqual(roles_of(existing), {"Cadre"})

	def test_refuses_an_email_of_another_cadres_user(self):
		cadre = self.make_newcomer("RLT Trùng thư", self.w.staff_user)
		with as_user(self.w.admin_user):
			result = roles.create_desk_users([cadre])["result"]
		self.assertEqual([row["cadre"] for row in result["refused"]], [cadre])
		self.assertIsNone(frappe.db.get_value("Cadre", cadre, "user"))

	def test_rater_of_others_gets_rater_with_the_user(self):
		cadre = self.make_newcomer("RLT Trưởng nhóm mới", "rlt.lead@roles.test.soson")
		self.save_cadre_as(self.w.admin_user, self.w.staff, rater=cadre)
		with as_user(self.w.admin_user):
			roles.create_desk_users([cadre])
		self.assertEqual(roles_of("rlt.lead@roles.test.soson"), {"Cadre", "Rater"})

	def test_welcome_email_only_when_asked(self):
		asked = self.make_newcomer("RLT Nhận thư chào", "rlt.welcome@roles.test.soson")
		not_asked = self.make_newcomer("RLT Không nhận thư", "rlt.quiet@roles.test.soson")
		with patch.object(User, "send_welcome_mail_to_user") as send, as_user(self.w.admin_user):
			roles.create_desk_users([not_asked], send_welcome_email=0)
			send.assert_not_called()
			result = roles.create_desk_users([asked], send_welcome_email=1)["result"]
			send.assert_called_once()
		if not frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
			self.assertTrue(result["warnings"])

	def test_only_presiding_users_create(self):
		cadre = self.make_newcomer("RLT Không được tạo", "rlt.refused@roles.test.soson")
		for user in (self.w.staff_user, self.w.chief_user):
			with self.subTest(user=user), as_user(user), self.assertRaises(frappe.PermissionError):
				roles.create_desk_users([cadre])
		self.assertFalse(frappe.db.exists("User", "rlt.refused@roles.test.soson"))

	def test_cadre_without_an_email_field_is_refused_with_a_reason(self):
		"""Where Cadre has no Email field at all, the reason says how to add one."""
		meta = frappe.get_meta("Cadre")
		fields = [df for df in meta.fields if not (df.fieldtype == "Data" and df.options == "Email")]
		cadre = make_cadre("RLT Không trường thư", self.w.board)
		original = meta.fields
		meta.fields = fields
		try:
			outcome, row = roles.create_desk_user(cadre)
		finally:
			meta.fields = original
		self.assertEqual(outcome, "refused")
		self.assertIn("Customize Form", row["reason"])
