# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from soson_discipline.tests.factories import VIOLATIONS_WORLD, build_world, make_inspection, with_user


class TestInspection(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w = build_world(VIOLATIONS_WORLD)

	def tearDown(self):
		frappe.set_user("Administrator")

	def raise_(self, inspection, user, rows):
		doc = frappe.get_doc("Inspection", inspection)
		return with_user(user, lambda: doc.raise_violations(rows))

	def test_raise_violations_in_one_step(self):
		w = self.w
		inspection = make_inspection(w)
		names = self.raise_(
			inspection,
			w.inspector1_user,
			[
				{"cadre": w.cadre, "violation_category": w.category, "description": "Chậm trả hồ sơ"},
				{"cadre": w.peer, "violation_category": w.forcing_category, "description": "Gây phiền hà"},
			],
		)
		self.assertEqual(len(names), 2)
		for name, cadre in zip(names, (w.cadre, w.peer), strict=True):
			record = frappe.get_doc("Violation Record", name)
			self.assertEqual(record.cadre, cadre)
			self.assertEqual(record.inspection, inspection)
			self.assertEqual(record.detection_source, "Inspection")
			self.assertEqual(record.workflow_state, "Reported")
			self.assertEqual(record.recording_unit, w.inspect_a)
			self.assertEqual(
				getdate(record.detected_on), getdate(add_days(today(), -18)), "the visit's last day"
			)
			self.assertEqual(record.owner, w.inspector1_user)

	def test_surprise_visit_records_surprise_checks(self):
		w = self.w
		inspection = make_inspection(w, is_surprise=1)
		(name,) = self.raise_(
			inspection,
			w.inspector1_user,
			[{"cadre": w.cadre, "violation_category": w.category, "description": "x"}],
		)
		self.assertEqual(frappe.db.get_value("Violation Record", name, "detection_source"), "Surprise Check")

	def test_raise_refused_rows_create_nothing(self):
		w = self.w
		inspection = make_inspection(w)
		before = frappe.db.count("Violation Record", {"inspection": inspection})
		# a category of another directive than the inspection's
		with self.assertRaises(frappe.ValidationError):
			self.raise_(
				inspection,
				w.inspector1_user,
				[{"cadre": w.cadre, "violation_category": w.other_category, "description": "x"}],
			)
		# a cadre of a unit the inspection did not visit
		with self.assertRaises(frappe.ValidationError):
			self.raise_(
				inspection,
				w.inspector1_user,
				[{"cadre": w.head_b, "violation_category": w.category, "description": "x"}],
			)
		# a missing description
		with self.assertRaises(frappe.ValidationError):
			self.raise_(inspection, w.inspector1_user, [{"cadre": w.cadre, "violation_category": w.category}])
		self.assertEqual(frappe.db.count("Violation Record", {"inspection": inspection}), before)

	def test_only_inspectors_raise_violations(self):
		w = self.w
		inspection = make_inspection(w)
		with self.assertRaises(frappe.PermissionError):
			self.raise_(
				inspection,
				w.head_a_user,
				[{"cadre": w.cadre, "violation_category": w.category, "description": "x"}],
			)

	def test_validation(self):
		w = self.w
		with self.assertRaises(frappe.ValidationError):
			make_inspection(w, end_date=add_days(today(), -25))  # ends before it starts
		with self.assertRaises(frappe.ValidationError):
			make_inspection(
				w, target_units=[{"organization_unit": w.commune_a}, {"organization_unit": w.commune_a}]
			)
		with self.assertRaises(frappe.ValidationError):
			make_inspection(w, status="Completed")  # no findings
		with self.assertRaises(frappe.ValidationError):  # a unit that did not exist yet
			make_inspection(w, inspection_date="2024-05-01", end_date="2024-05-02", status="Planned")
		self.assertTrue(make_inspection(w, status="Completed", findings="<p>Đơn vị chấp hành tốt</p>"))

	def test_scoping(self):
		w = self.w
		inspection = make_inspection(w)
		for user, expected in (
			(w.inspector2_user, True),
			(w.head_a_user, True),  # his commune was inspected
			(w.head_b_user, False),
		):
			frappe.set_user(user)
			self.assertEqual(frappe.has_permission("Inspection", "read", inspection), expected, user)
			self.assertEqual(inspection in frappe.get_list("Inspection", pluck="name"), expected, user)
			frappe.set_user("Administrator")
		# a cadre without an inspecting role has no access to inspections at all
		frappe.set_user(w.cadre_user)
		self.assertFalse(frappe.has_permission("Inspection", "read", inspection))
		self.assertRaises(frappe.PermissionError, frappe.get_list, "Inspection")

	def test_cadre_search_for_violations(self):
		from soson_discipline.violations.search import cadre_query

		w = self.w
		inspection = make_inspection(w)

		def search(user, filters):
			rows = with_user(user, lambda: cadre_query("Cadre", "VRT", "name", 0, 100, filters))
			return {row[0] for row in rows}

		# an inspector finds the cadres of the inspected commune, not those of another one
		found = search(w.inspector2_user, {"inspection": inspection})
		self.assertIn(w.cadre, found)
		self.assertNotIn(w.head_b, found)
		self.assertIn(w.head_b, search(w.inspector2_user, {}))
		# a unit head only his units; a cadre nobody
		self.assertNotIn(w.head_b, search(w.head_a_user, {}))
		self.assertIn(w.cadre, search(w.head_a_user, {}))
		self.assertEqual(search(w.peer_user, {}), set())

	def test_completed_inspection_is_closed(self):
		"""Findings and team of a completed inspection no longer change (not even by its inspector,
		through the API as the desk sends them); only the presiding board reopens it."""
		import json

		from frappe.client import save as client_save

		w = self.w
		name = make_inspection(w, status="Completed", findings="<p>Kết luận (kiểm thử)</p>")
		doc = frappe.get_doc("Inspection", name).as_dict()
		doc["findings"] = "<p>Sửa sau khi kết thúc</p>"
		frappe.set_user(w.inspector1_user)
		self.assertRaises(frappe.PermissionError, client_save, json.dumps(doc, default=str))
		doc = frappe.get_doc("Inspection", name).as_dict()
		doc["status"] = "In Progress"
		self.assertRaises(frappe.PermissionError, client_save, json.dumps(doc, default=str))
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Inspection", name, "status"), "Completed")
		self.assertIn("Kết luận", frappe.db.get_value("Inspection", name, "findings"))

	def test_the_printed_conclusion_names_the_units_in_full(self):
		"""Issue 25 item 9: without a decision cited the sentence starts with a capital; the units in
		the body are named in full (the official name alone is the header's, e.g. "Ban Xây dựng Đảng")."""
		w = self.w
		inspection = make_inspection(w, end_date=None)
		frappe.db.set_value("Organization Unit", w.commune_a, "official_name", "Đảng ủy")
		frappe.local.lang = "vi"
		try:
			html = with_user(
				w.inspector1_user, lambda: frappe.get_print("Inspection", inspection, "Inspection Conclusion")
			)
		finally:
			frappe.local.lang = "en"
		text = " ".join(frappe.utils.strip_html(html).split())
		self.assertIn(f"Ngày {frappe.utils.formatdate(add_days(today(), -20), 'dd/MM/yyyy')},", text)
		self.assertIn(f"tại: {w.commune_a}.", text)
