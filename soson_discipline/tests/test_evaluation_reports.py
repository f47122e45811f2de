"""The evaluation reports, run as different users: each sees only what his or her scope allows."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from soson_discipline.evaluation.cycle import finalization_problems
from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.reporting import dashboard
from soson_discipline.reporting.cache import clear_figures
from soson_discipline.soson_discipline.report.annual_classification_proposal import (
	annual_classification_proposal,
)
from soson_discipline.soson_discipline.report.cadre_score_trend import cadre_score_trend
from soson_discipline.soson_discipline.report.monthly_evaluation_summary import monthly_evaluation_summary
from soson_discipline.tests.factories import (
	EVALUATION_WORLD,
	approve_as,
	build_world,
	get_evaluation,
	make_period,
	make_policy,
)


class TestEvaluationReports(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = o = build_world(EVALUATION_WORLD)
		make_policy()
		cls.periods = [make_period("2042-01-01", "2042-01-31"), make_period("2042-02-01", "2042-02-28")]
		for period, score in zip(cls.periods, (10, 6), strict=True):
			generate_evaluations(period, only_cadres=[o.cadre[k] for k in ("a1", "a2", "a3", "b1")])
			for key in ("a1", "a2", "a3", "b1"):
				approve_as(o, get_evaluation(period, o.cadre[key]).name, score if key != "a3" else 2)

	def tearDown(self):
		frappe.set_user("Administrator")

	def summary(self, user):
		frappe.set_user(user)
		columns, data, _, chart = monthly_evaluation_summary.execute({"evaluation_period": self.periods[0]})
		return {row["organization_unit"]: row for row in data}, columns, chart

	def test_monthly_summary_levels_quota_and_scope(self):
		o = self.o
		rows, columns, chart = self.summary(o.user["head"])
		self.assertEqual(set(rows), {o.board_a, o.board_b})
		a = rows[o.board_a]
		self.assertEqual((a["approved"], a["level_a"], a["level_b"]), (3, 2, 1))
		self.assertEqual(a["allowed"], 0)  # 30 % of 3 rounds down to 0
		self.assertEqual(a["quota_status"], "Exceeded")
		self.assertIn("level_d", [c["fieldname"] for c in columns])
		self.assertTrue(chart)

		rows, *_ = self.summary(o.user["raterb"])  # Unit Head of board B only
		self.assertEqual(set(rows), {o.board_b})
		rows, *_ = self.summary(o.user["a2"])  # a cadre: his own evaluation
		self.assertEqual(rows[o.board_a]["evaluations"], 1)

	def test_a_unit_with_its_own_quota(self):
		"""Hanoi: a unit whose collective results are especially outstanding may have more at the top
		level; the summary and the period's finalization check the unit's own quota alike."""
		o = self.o
		frappe.set_user(o.user["admin"])
		self.assertRaises(
			frappe.ValidationError,
			frappe.client.set_value,
			"Organization Unit",
			o.board_a,
			"top_level_quota_percent",
			"140",
		)
		frappe.client.set_value("Organization Unit", o.board_a, "top_level_quota_percent", "70")
		try:
			rows, *_ = self.summary(o.user["head"])
			a = rows[o.board_a]
			self.assertEqual((a["top_count"], a["allowed"], a["quota_status"]), (2, 2, "Within quota"))
			frappe.set_user("Administrator")
			problems = finalization_problems(frappe.get_doc("Evaluation Period", self.periods[0]))
			self.assertFalse([p for p in problems if "CE Test Board A" in p], problems)
		finally:
			frappe.db.set_value("Organization Unit", o.board_a, "top_level_quota_percent", 0)
		frappe.set_user("Administrator")
		problems = finalization_problems(frappe.get_doc("Evaluation Period", self.periods[0]))
		self.assertTrue([p for p in problems if "CE Test Board A" in p], problems)

	def test_levels_chart_from_the_top_level_down_by_code(self):
		o = self.o
		frappe.set_user(o.user["head"])
		clear_figures()
		with patch.object(dashboard, "latest_evaluation_period", return_value=self.periods[0]):
			chart = dashboard.evaluation_levels_this_month(chart_name="Evaluation Levels This Month")
		clear_figures()
		self.assertEqual(chart["labels"], ["A", "B"])  # the policy's top level first, codes that fit
		self.assertEqual(chart["datasets"][0]["values"], [3, 1])  # a1, a2, b1 at A; a3 at B

	def test_score_trend_scope(self):
		o = self.o
		frappe.set_user(o.user["a1"])
		_, data, _, chart = cadre_score_trend.execute({"cadre": o.cadre["a1"]})
		# issue 11: the ethics row (source Violations) is rated, and `approve_as` scores the Manual rows
		# only, so it counts 0 (it gave 10 points silently: 100, 92)
		self.assertEqual([row.total_score for row in data], [90, 82])
		self.assertEqual(chart["type"], "line")
		# periods by their title, statuses in the user's language
		self.assertTrue(all(row.period_title for row in data))
		frappe.local.lang = "vi"
		try:
			_, data, *_ = cadre_score_trend.execute({"cadre": o.cadre["a1"]})
		finally:
			frappe.local.lang = "en"
		self.assertNotIn("Approved", {row.workflow_state for row in data})
		_, data, *_ = cadre_score_trend.execute({"cadre": o.cadre["a2"]})
		self.assertEqual(data, [])  # not his
		frappe.set_user(o.user["ratera"])
		_, data, *_ = cadre_score_trend.execute({"cadre": o.cadre["a2"]})
		self.assertEqual(len(data), 2)  # he rates a2

	def test_annual_proposal(self):
		o = self.o
		frappe.set_user(o.user["head"])
		_, data, *_ = annual_classification_proposal.execute({"year": 2042})
		by_cadre = {row["cadre"]: row for row in data}
		# issue 11: the unscored ethics row no longer gives 10 silent points (was 96 = A)
		self.assertEqual(by_cadre[o.cadre["a1"]]["average_score"], 86)
		self.assertEqual(by_cadre[o.cadre["a1"]]["proposed_level"], "B")
		self.assertEqual(by_cadre[o.cadre["a3"]]["proposed_level"], "B")
		self.assertEqual(by_cadre[o.cadre["a1"]]["months"], 2)
		self.assertEqual(by_cadre[o.cadre["a1"]]["lowest_score"], 82)
		self.assertEqual(by_cadre[o.cadre["a1"]]["highest_score"], 90)
		self.assertEqual(by_cadre[o.cadre["a1"]]["organization_unit"], o.board_a)
		frappe.set_user(o.user["b1"])
		_, data, *_ = annual_classification_proposal.execute({"year": 2042})
		self.assertEqual([row["cadre"] for row in data], [o.cadre["b1"]])

	def test_annual_proposal_lists_the_first_cadres_and_charts_them_all(self):
		o = self.o
		frappe.set_user(o.user["head"])
		_, everyone, message, _ = annual_classification_proposal.execute({"year": "2042"})
		self.assertIsNone(message)
		with patch.object(annual_classification_proposal, "ROW_LIMIT", 2):
			_, data, message, chart = annual_classification_proposal.execute({"year": "2042"})
		self.assertEqual(data, sorted(everyone, key=lambda row: (row["cadre_name"], row["cadre"]))[:2])
		self.assertIn(f"first 2 of {len(everyone)} cadres", message)
		self.assertEqual(sum(chart["data"]["datasets"][0]["values"]), len(everyone))
		_, data, *_ = annual_classification_proposal.execute({"year": "2041"})
		self.assertEqual(data, [])
