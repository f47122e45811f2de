# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from soson_discipline.soson_discipline.report.violations_by_category_and_unit.violations_by_category_and_unit import (
	execute,
)
from soson_discipline.tests.factories import VIOLATIONS_WORLD, act, build_world, make_record, with_user


class TestViolationsByCategoryAndUnit(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w = w = build_world(VIOLATIONS_WORLD)
		make_record(w)  # reported only
		act(make_record(w), "Verify", w.inspector2_user)
		act(make_record(w, violation_category=w.forcing_category), "Verify", w.inspector2_user)
		cls.filters = {
			"from_date": add_days(today(), -30),
			"to_date": today(),
			"organization_unit": w.commune_a,
		}

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_as(self, user):
		columns, data, _message, chart, summary = with_user(user, lambda: execute(self.filters))
		return {(row["organization_unit"], row["violation_category"]): row for row in data}, chart, summary

	def test_inspector_sees_all_counts_and_chart(self):
		w = self.w
		rows, chart, summary = self.run_as(w.inspector2_user)
		row = rows[(w.board_a, w.category)]
		self.assertGreaterEqual(row["reported"], 2)
		self.assertGreaterEqual(row["verified"], 1)
		self.assertEqual(row["deduction"], 5 * row["verified"])
		self.assertIn((w.board_a, w.forcing_category), rows)
		self.assertEqual(chart["type"], "bar")
		self.assertTrue(chart["data"]["labels"])
		self.assertEqual(summary[0]["value"], sum(r["reported"] for r in rows.values()))

	def test_unit_head_counts_only_verified_records_of_his_subtree(self):
		w = self.w
		inspector_rows, _chart, _summary = self.run_as(w.inspector2_user)
		head_rows, _chart, _summary = self.run_as(w.head_a_user)
		row = head_rows[(w.board_a, w.category)]
		self.assertEqual(
			row["reported"], inspector_rows[(w.board_a, w.category)]["verified"], "reported ones hidden"
		)
		self.assertEqual(self.run_as(w.head_b_user)[0], {}, "another unit's head sees nothing")

	def test_cadres_see_only_their_own(self):
		w = self.w
		self.assertEqual(self.run_as(w.peer_user)[0], {}, "a colleague sees nothing")
		own = self.run_as(w.cadre_user)[0]
		self.assertTrue(own)
		self.assertEqual(set(k[0] for k in own), {w.board_a})
