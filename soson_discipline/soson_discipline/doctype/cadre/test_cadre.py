# Copyright (c) 2026, Soson Discipline Contributors and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

# On an ERPNext site Cadre has an `employee` link (integrations.erpnext): the test runner would make
# Employee test records, hence a Company, whose defaults need ERPNext's setup wizard. The app's tests
# make their own records and need none of ERPNext's.
test_ignore = ["Employee"]

from soson_discipline.tests.factories import ORG_ADMIN as ADMIN
from soson_discipline.tests.factories import ORG_CADRE_A1 as CADRE_A1
from soson_discipline.tests.factories import ORG_CADRE_B1 as CADRE_B1
from soson_discipline.tests.factories import ORG_HEAD_A as HEAD_A
from soson_discipline.tests.factories import ORG_HEAD_B as HEAD_B
from soson_discipline.tests.factories import ORG_NO_CADRE as NO_CADRE
from soson_discipline.tests.factories import ORG_STANDING as STANDING
from soson_discipline.tests.factories import ORGANISATION_WORLD, build_world, make_cadre


class TestCadreValidation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = build_world(ORGANISATION_WORLD)

	def tearDown(self):
		frappe.set_user("Administrator")

	def new_cadre(self, **kwargs):
		values = {
			"doctype": "Cadre",
			"full_name": "_T New Cadre",
			"organization_unit": self.org["board_a"],
			"status": "Active",
			"date_joined": "2024-01-01",
		}
		values.update(kwargs)
		return frappe.get_doc(values)

	def test_rater_cannot_be_the_cadre_himself(self):
		cadre = frappe.get_doc("Cadre", self.org["cadre_a1"])
		cadre.rater = cadre.name
		with self.assertRaisesRegex(frappe.ValidationError, "Rater"):
			cadre.save()

	def test_rater_must_be_active(self):
		gone = make_cadre("_T Retired Head", self.org["board_a"])
		frappe.db.set_value("Cadre", gone, {"status": "Left", "date_left": "2025-01-01"})
		cadre = self.new_cadre(rater=gone)
		with self.assertRaisesRegex(frappe.ValidationError, "not active"):
			cadre.insert()
		self.assertFalse(frappe.db.exists("Cadre", {"full_name": "_T New Cadre"}))

	def test_one_user_one_cadre(self):
		cadre = self.new_cadre(user=CADRE_A1)
		with self.assertRaises(frappe.DuplicateEntryError) as caught:
			cadre.insert()
		self.assertIn(CADRE_A1, str(caught.exception))
		self.assertEqual(frappe.db.count("Cadre", {"user": CADRE_A1}), 1)

	def test_unit_that_ended_before_joining_is_refused(self):
		cadre = self.new_cadre(organization_unit=self.org["old_district"], date_joined="2025-07-01")
		with self.assertRaisesRegex(frappe.ValidationError, "ended on"):
			cadre.insert()

	def test_joining_an_ended_unit_before_its_end_is_accepted(self):
		cadre = self.new_cadre(
			full_name="_T District Veteran",
			organization_unit=self.org["old_district"],
			date_joined="2010-03-01",
			status="Transferred",
			date_left="2025-06-30",
		).insert()
		self.assertEqual(cadre.organization_unit, self.org["old_district"])

	def test_date_left_before_date_joined_is_refused(self):
		cadre = self.new_cadre(status="Left", date_joined="2024-01-01", date_left="2023-12-31")
		with self.assertRaisesRegex(frappe.ValidationError, "Date Left"):
			cadre.insert()

	def test_active_cadre_cannot_have_date_left(self):
		cadre = self.new_cadre(date_left="2025-01-01")
		with self.assertRaisesRegex(frappe.ValidationError, "active cadre"):
			cadre.insert()

	def test_full_name_whitespace_is_normalised(self):
		cadre = self.new_cadre(full_name="  _T   Spaced   Name ").insert()
		self.assertEqual(cadre.full_name, "_T Spaced Name")


class TestCadrePermissions(FrappeTestCase):
	"""Row-level scoping of Cadre from the user's own Cadre record."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = build_world(ORGANISATION_WORLD)

	def tearDown(self):
		frappe.set_user("Administrator")

	def visible(self, user):
		frappe.set_user(user)
		return set(frappe.get_list("Cadre", pluck="name", limit_page_length=0))

	def test_unit_head_lists_only_his_subtree(self):
		names = self.visible(HEAD_A)
		self.assertTrue({self.org["head_a"], self.org["cadre_a1"], self.org["cadre_a2"]} <= names)
		self.assertNotIn(self.org["cadre_b1"], names)
		self.assertNotIn(self.org["head_b"], names)
		self.assertNotIn(self.org["standing"], names)

	def test_unit_head_cannot_open_a_cadre_of_another_commune(self):
		frappe.set_user(HEAD_A)
		self.assertFalse(frappe.has_permission("Cadre", "read", self.org["cadre_b1"]))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Cadre", self.org["cadre_b1"]).check_permission("read")
		self.assertTrue(frappe.has_permission("Cadre", "read", self.org["cadre_a1"]))

	def test_unit_head_edits_cadres_of_his_subtree_only(self):
		frappe.set_user(HEAD_A)
		self.assertTrue(frappe.has_permission("Cadre", "write", self.org["cadre_a2"]))
		self.assertFalse(frappe.has_permission("Cadre", "write", self.org["cadre_b1"]))

	def test_unit_head_cannot_create_a_cadre_outside_his_subtree(self):
		frappe.set_user(HEAD_A)
		self.assertFalse(
			frappe.has_permission(
				"Cadre",
				"create",
				frappe.get_doc(
					{"doctype": "Cadre", "full_name": "x", "organization_unit": self.org["board_b"]}
				),
			)
		)

	def test_cadre_sees_only_himself(self):
		self.assertEqual(self.visible(CADRE_A1), {self.org["cadre_a1"]})
		frappe.set_user(CADRE_A1)
		self.assertFalse(frappe.has_permission("Cadre", "read", self.org["cadre_a2"]))
		self.assertTrue(frappe.has_permission("Cadre", "read", self.org["cadre_a1"]))

	def test_cadre_cannot_edit_his_own_record(self):
		frappe.set_user(CADRE_A1)
		doc = frappe.get_doc("Cadre", self.org["cadre_a1"])
		doc.position = "Self-promoted"
		with self.assertRaises(frappe.PermissionError):
			doc.save()

	def test_rater_sees_the_cadres_he_rates(self):
		rater_user = "_t.rateronly@example.com"
		rater = make_cadre("_T Rater Only", self.org["commune_b"], user=rater_user, roles=["Rater", "Cadre"])
		frappe.db.set_value("Cadre", self.org["cadre_a2"], "rater", rater)
		names = self.visible(rater_user)
		self.assertEqual(names, {rater, self.org["cadre_a2"]})

	def test_presiding_board_and_standing_committee_see_all(self):
		for user in (ADMIN, STANDING):
			names = self.visible(user)
			self.assertTrue(
				{self.org["cadre_a1"], self.org["cadre_b1"], self.org["head_a"], self.org["head_b"]} <= names,
				user,
			)

	def test_user_without_cadre_sees_no_cadre(self):
		self.assertEqual(self.visible(NO_CADRE), set())

	def test_head_who_left_loses_the_subtree(self):
		unrated = make_cadre("_T Cadre B2", self.org["board_b"])
		self.assertIn(unrated, self.visible(HEAD_B))
		frappe.db.set_value("Cadre", self.org["head_b"], {"status": "Transferred", "date_left": "2026-01-31"})
		names = self.visible(HEAD_B)
		self.assertNotIn(unrated, names)
		self.assertIn(self.org["cadre_b1"], names)  # he still rated this cadre
		self.assertIn(self.org["head_b"], names)  # and still sees his own record
		frappe.db.set_value("Cadre", self.org["head_b"], {"status": "Active", "date_left": None})

	def test_cadre_b_cannot_see_cadre_a(self):
		frappe.set_user(CADRE_B1)
		self.assertFalse(frappe.has_permission("Cadre", "read", self.org["cadre_a1"]))
		self.assertNotIn(self.org["cadre_a1"], set(frappe.get_list("Cadre", pluck="name")))


class TestCadreVisibilityForInspectors(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = build_world(ORGANISATION_WORLD)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_inspector_finds_cadres_of_every_unit_but_cannot_edit_them(self):
		inspector = "_t.inspector@example.com"
		make_cadre("_T Inspector", self.org["commune_b"], user=inspector, roles=["Inspector", "Cadre"])
		frappe.set_user(inspector)
		names = set(frappe.get_list("Cadre", pluck="name", limit_page_length=0))
		self.assertTrue({self.org["cadre_a1"], self.org["cadre_b1"]} <= names)
		self.assertTrue(frappe.has_permission("Cadre", "read", self.org["cadre_a1"]))
		self.assertFalse(frappe.has_permission("Cadre", "write", self.org["cadre_a1"]))
