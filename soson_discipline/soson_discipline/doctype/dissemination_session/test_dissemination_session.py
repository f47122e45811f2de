# Copyright (c) 2026, Soson Discipline Contributors and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from soson_discipline.tests.factories import CAMPAIGN_WORLD, build_world
from soson_discipline.tests.factories import campaign_email as email


def make_session(unit, audiences, session_date="2026-09-10", **kwargs):
	return frappe.get_doc(
		{
			"doctype": "Dissemination Session",
			"subject": kwargs.pop("subject", "Quán triệt chỉ thị"),
			"organization_unit": unit,
			"session_date": session_date,
			"form": "Conference",
			"audiences": [{"audience_group": g, "expected": e, "attended": a} for g, e, a in audiences],
			**kwargs,
		}
	).insert()


class TestDisseminationSession(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = build_world(CAMPAIGN_WORLD)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_participation_rate_is_computed(self):
		frappe.set_user(email("heada"))
		session = make_session(self.org.commune_a, [("Party Members", 40, 38), ("Civil Servants", 10, 10)])
		self.assertEqual((session.total_expected, session.total_attended), (50, 48))
		self.assertEqual(session.participation_rate, 96.0)
		self.assertEqual(session.audiences[0].participation_rate, 95.0)

	def test_bad_attendance_is_refused(self):
		frappe.set_user(email("heada"))
		with self.assertRaisesRegex(frappe.ValidationError, "cannot exceed"):
			make_session(self.org.commune_a, [("Party Members", 40, 41)])
		with self.assertRaises(frappe.ValidationError):
			make_session(self.org.commune_a, [("Workers", 10, 5), ("Workers", 3, 3)])
		frappe.set_user(email("admin"))
		with self.assertRaisesRegex(frappe.ValidationError, "did not exist"):
			make_session(self.org.old_unit, [("Workers", 10, 5)], session_date="2024-01-10")

	def test_sessions_are_scoped_to_the_unit(self):
		frappe.set_user(email("heada"))
		session = make_session(self.org.commune_a, [("Cadres", 5, 5)])
		frappe.set_user(email("a1"))
		self.assertTrue(frappe.has_permission("Dissemination Session", "read", session.name))
		frappe.set_user(email("headb"))
		self.assertFalse(frappe.has_permission("Dissemination Session", "read", session.name))
		self.assertNotIn(session.name, frappe.get_list("Dissemination Session", pluck="name"))
		# A head cannot record a session for another unit.
		self.assertRaises(frappe.PermissionError, make_session, self.org.commune_a, [("Cadres", 5, 5)])
