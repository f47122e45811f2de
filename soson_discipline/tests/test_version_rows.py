"""The version history names the row a change was made in as the grid numbers it (issue 25 item 7:
a change in the third row read "dòng #2")."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from soson_discipline.tests.factories import build_world

WORLD = {
	"email": "vr.{}@versions.test",
	"units": {
		"committee": ("VR Huyện ủy", "HU", None),
		**{f"commune_{i}": (f"VR Đảng ủy xã {i}", "ĐU", "committee") for i in (1, 2, 3)},
	},
}


def make_urging(title: str, communes):
	w = build_world(WORLD)
	return frappe.get_doc(
		{
			"doctype": "Urging",
			"title": title,
			"issuing_unit": w.committee,
			"content": "VR",
			"targets": [{"organization_unit": w[f"commune_{i}"]} for i in communes],
		}
	).insert()


def last_version(urging) -> dict:
	return json.loads(
		frappe.get_all(
			"Version",
			filters={"ref_doctype": "Urging", "docname": urging.name},
			fields=["data"],
			order_by="creation desc",
			limit=1,
		)[0].data
	)


class TestVersionRows(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")

	def test_a_changed_row_is_named_by_its_number_in_the_grid(self):
		urging = make_urging("VR đôn đốc", (1, 2, 3))
		urging.targets[2].response = "Đã triển khai"
		urging.save(ignore_version=False)  # Frappe keeps no versions under tests unless asked
		rows = last_version(urging)["row_changed"]
		self.assertEqual([(row[0], row[1]) for row in rows], [("targets", 3)])
		self.assertEqual(urging.targets[2].idx, 3)
		# a value changed from nothing is stored as "" (the timeline printed None as "null")
		self.assertIn(["response", "", "Đã triển khai"], rows[0][3])

	def test_a_field_changed_from_nothing_is_no_null_in_the_version(self):
		urging = make_urging("VR đôn đốc 2", (1,))
		field = next(
			df.fieldname
			for df in urging.meta.fields
			if df.fieldtype in ("Data", "Small Text") and not urging.get(df.fieldname) and not df.read_only
		)
		urging.set(field, "VR ghi chú")
		urging.save(ignore_version=False)
		data = last_version(urging)
		self.assertIn([field, "", "VR ghi chú"], data["changed"])
		self.assertNotIn(None, [value for change in data["changed"] for value in change[1:]])
