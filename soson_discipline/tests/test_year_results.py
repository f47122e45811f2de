"""Each cadre's year of approved evaluations, kept at approval (`Cadre Year Result`, issue #12): the
same proposals the Annual Classification Proposal works out live, kept in step through the workflow,
recounted by the nightly job, read by the board's report."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from soson_discipline.evaluation import year_results
from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.soson_discipline.report.annual_classification_proposal import (
	annual_classification_proposal as proposal,
)
from soson_discipline.tasks import reconcile_cadre_year_results
from soson_discipline.tests.factories import (
	EVALUATION_WORLD,
	approve_as,
	as_user,
	build_world,
	get_evaluation,
	make_period,
	make_policy,
)
from soson_discipline.tests.test_read_leaks import call

YEAR = 2045
FIELDS = ("cadre", "cadre_name", "organization_unit", "months", "average_score", "lowest_score")
MORE_FIELDS = ("highest_score", "disciplined", "proposed_level", "proposed_level_label")


class TestCadreYearResults(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = o = build_world(EVALUATION_WORLD)
		make_policy()
		cls.people = ("a1", "a2", "b1")
		cls.periods = [make_period(f"{YEAR}-0{m}-01", f"{YEAR}-0{m}-28") for m in (1, 2)]
		cls.ev = {}
		months = ({"a1": 10, "a2": 2, "b1": 5}, {"a1": 8, "a2": 2, "b1": 10})
		for period, scores in zip(cls.periods, months, strict=True):
			generate_evaluations(period, only_cadres=[o.cadre[k] for k in cls.people])
			for key, score in scores.items():
				cls.ev[(period, key)] = name = get_evaluation(period, o.cadre[key]).name
				approve_as(o, name, score)

	def tearDown(self):
		frappe.set_user("Administrator")

	def cadres(self):
		return [self.o.cadre[k] for k in self.people]

	def stored(self):
		return {r.cadre: r for r in year_results.stored_results(YEAR) if r.cadre in self.cadres()}

	def assertStoredAgrees(self):
		live = {r["cadre"]: r for r in year_results.year_proposals(YEAR, self.cadres())}
		stored = self.stored()
		self.assertEqual(set(stored), set(live))
		for cadre, row in live.items():
			self.assertTrue(year_results.same(row, stored[cadre], YEAR), (row, stored[cadre]))

	def test_approvals_keep_each_cadres_year(self):
		stored = self.stored()
		self.assertEqual(set(stored), set(self.cadres()))
		self.assertEqual(stored[self.o.cadre["a2"]].months, 2)
		self.assertStoredAgrees()

	def test_a_cancelled_evaluation_leaves_the_year(self):
		name = self.ev[(self.periods[1], "b1")]
		with as_user(self.o.user["admin"]):  # the Discipline Administrator cancels an approval, from the desk
			frappe.client.cancel("Cadre Evaluation", name)
		self.assertEqual(self.stored()[self.o.cadre["b1"]].months, 1)
		self.assertStoredAgrees()

	def test_the_nightly_recount_corrects_a_change_made_behind_the_app_then_changes_nothing(self):
		name = self.ev[(self.periods[0], "a1")]
		frappe.db.set_value("Cadre Evaluation", name, "total_score", 40)  # no controller, no hook
		self.assertEqual(year_results.reconcile_year_results([YEAR]), 1)
		self.assertEqual(year_results.reconcile_year_results([YEAR]), 0)
		self.assertStoredAgrees()
		self.assertIn(
			"soson_discipline.tasks.reconcile_cadre_year_results",
			frappe.get_hooks("scheduler_events")["daily_long"],
		)
		self.assertIsInstance(reconcile_cadre_year_results(), int)

	def test_the_boards_report_reads_the_kept_years_a_unit_head_the_live_ones(self):
		with as_user(self.o.user["admin"]):  # the Discipline Administrator: the whole city
			filters = {"year": str(YEAR)}  # as the desk sends it
			self.assertTrue(year_results.reads_year_results(frappe._dict(filters)))
			_c, kept, kept_message, kept_chart = proposal.execute(filters)
			with patch.object(proposal, "reads_year_results", return_value=False):
				_c, live, live_message, live_chart = proposal.execute(filters)
		self.assertEqual(
			[tuple(row[f] for f in FIELDS + MORE_FIELDS) for row in kept],
			[tuple(row[f] for f in FIELDS + MORE_FIELDS) for row in live],
		)
		self.assertGreaterEqual(len(kept), 3)
		self.assertEqual(kept_message, live_message)

		def counts(chart):
			return dict(zip(chart["data"]["labels"], chart["data"]["datasets"][0]["values"], strict=True))

		self.assertEqual(counts(kept_chart), counts(live_chart))
		# a unit, or a unit head's scope, is worked out live
		with as_user(self.o.user["raterb"]):
			self.assertFalse(year_results.reads_year_results(frappe._dict(filters)))
		with as_user(self.o.user["admin"]):
			self.assertFalse(
				year_results.reads_year_results(frappe._dict(filters, organization_unit=self.o.board_a))
			)

	def test_nobody_but_the_system_manager_reads_the_kept_years(self):
		for key in ("admin", "head", "a1"):
			with as_user(self.o.user[key]):
				with self.assertRaises(frappe.PermissionError):
					call("frappe.client.get_list", doctype="Cadre Year Result")
				with self.assertRaises(frappe.PermissionError):
					call("frappe.client.get_count", doctype="Cadre Year Result")
