"""The monthly generation at any size: a crash at any point loses nothing and a rerun completes it,
score rows never clash, task figures are read once per batch, and the bulk rows stay those of
`Document.insert` with tasks and violations in play."""

from collections import Counter
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from soson_discipline.evaluation import generation
from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.indexes import INDEXES, add_indexes
from soson_discipline.tests.factories import (
	EVALUATION_WORLD,
	build_world,
	make_category,
	make_directive,
	make_period,
	make_policy,
	raw_insert,
)

IGNORE = {"name", "creation", "modified", "parent", "owner", "modified_by"}
CRITERIA = 6  # make_policy's criteria


def evaluations_of(period: str) -> dict[str, list[str]]:
	"""{cadre: [evaluation names]} of a period (cancelled ones included)."""
	out: dict[str, list[str]] = {}
	for name, cadre in frappe.get_all(
		"Cadre Evaluation", {"evaluation_period": period}, ["name", "cadre"], as_list=True
	):
		out.setdefault(cadre, []).append(name)
	return out


def score_rows_per_evaluation(period: str) -> Counter:
	ce = frappe.qb.DocType("Cadre Evaluation")
	sc = frappe.qb.DocType("Cadre Evaluation Score")
	rows = (
		frappe.qb.from_(ce)
		.left_join(sc)
		.on((sc.parent == ce.name) & (sc.parenttype == "Cadre Evaluation"))
		.select(ce.name, sc.name)
		.where(ce.evaluation_period == period)
		.run()
	)
	return Counter(parent for parent, child in rows if child)


def snapshot(period: str) -> dict:
	"""Evaluations of a period with their score rows, keyed by cadre, minus names and timestamps."""
	out = {}
	for doc in frappe.get_all("Cadre Evaluation", filters={"evaluation_period": period}, fields=["*"]):
		rows = frappe.get_all(
			"Cadre Evaluation Score", filters={"parent": doc.name}, fields=["*"], order_by="idx"
		)
		out[doc.cadre] = (
			{k: v for k, v in doc.items() if k not in IGNORE},
			[{k: v for k, v in r.items() if k not in IGNORE} for r in rows],
		)
	return out


class FailOnCall:
	"""Wrap `fn` so that its `n`-th call raises (a crash at that point of the job)."""

	def __init__(self, fn, n: int):
		self.fn, self.n, self.calls = fn, n, 0

	def __call__(self, *args, **kwargs):
		self.calls += 1
		if self.calls == self.n:
			raise RuntimeError(f"simulated crash at call {self.n}")
		return self.fn(*args, **kwargs)


class TestGenerationScale(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = build_world(EVALUATION_WORLD)
		make_policy()
		cls.cadres = sorted(cls.o.cadre.values())

	def tearDown(self):
		frappe.set_user("Administrator")

	def generate(self, period: str, **kwargs) -> list[str]:
		return generate_evaluations(period, only_cadres=self.cadres, **kwargs)

	def test_crash_at_any_point_then_rerun_creates_exactly_the_missing(self):
		# batches of 3: each batch reads task figures, reserves names, inserts parents then score rows
		crash_points = [
			("get_task_figures", 2),  # before anything of the second batch is written
			("reserve_names", 2),
			("insert_rows", 3),  # the second batch's evaluations
			("insert_rows", 4),  # the second batch's score rows, after its evaluations went in
		]
		for month, (function, call) in enumerate(crash_points, 1):
			with self.subTest(crash_in=function, call=call):
				period = make_period(f"2042-{month:02d}-01", f"2042-{month:02d}-28")
				failing = FailOnCall(getattr(generation, function), call)
				with patch.object(generation, function, failing), self.assertRaises(RuntimeError):
					self.generate(period, batch_size=3)

				# the first batch is kept whole; nothing of the failed batch is left half-written
				kept = evaluations_of(period)
				self.assertEqual(len(kept), 3)
				rows = score_rows_per_evaluation(period)
				self.assertEqual({n for names in kept.values() for n in names}, set(rows))
				self.assertTrue(all(count == CRITERIA for count in rows.values()))

				created = self.generate(period, batch_size=3)
				self.assertEqual(len(created), len(self.cadres) - 3)
				after = evaluations_of(period)
				self.assertEqual(set(after), set(self.cadres))
				self.assertTrue(all(len(names) == 1 for names in after.values()), after)
				rows = score_rows_per_evaluation(period)
				self.assertEqual(len(rows), len(self.cadres))
				self.assertTrue(all(count == CRITERIA for count in rows.values()))
				self.assertEqual(self.generate(period, batch_size=3), [])

	def test_score_rows_never_clash_even_when_random_names_would(self):
		period = make_period("2042-06-01", "2042-06-30")
		# every random name the same: a bulk path naming rows at random would hit a duplicate key
		with patch("frappe.generate_hash", return_value="0000000000"):
			created = self.generate(period, batch_size=4)
		self.assertEqual(len(created), len(self.cadres))
		names = frappe.get_all(
			"Cadre Evaluation Score", {"parent": ("in", created)}, pluck="name", order_by="name"
		)
		self.assertEqual(len(names), len(created) * CRITERIA)
		self.assertEqual(len(set(names)), len(names))

	def test_task_figures_read_once_per_batch(self):
		period = make_period("2042-07-01", "2042-07-31")
		reads = []
		original = generation.get_task_figures

		def counting(cadres, start, end):
			reads.append(len(cadres))
			return original(cadres, start, end)

		with patch.object(generation, "get_task_figures", counting):
			created = self.generate(period, batch_size=4)
		self.assertEqual(len(created), len(self.cadres))
		self.assertEqual(reads, [4, 4, len(self.cadres) - 8])

	def test_bulk_rows_are_those_of_document_insert_with_tasks_and_violations(self):
		o = self.o
		period = make_period("2042-08-01", "2042-08-31")
		self.make_tasks(o)
		directive = make_directive("GS-01/CT", o.root, "Chỉ thị thử quy mô")
		category = make_category("GS-VP", "Vi phạm thử quy mô", directive, deduction=4)
		self.make_violation(o.cadre["a2"], o.board_a, category)

		self.generate(period, batch_size=4)
		bulk = snapshot(period)
		a1, a2 = bulk[o.cadre["a1"]][0], bulk[o.cadre["a2"]][0]
		self.assertEqual(
			(a1["tasks_assigned"], a1["tasks_completed"], a1["tasks_on_time"], a1["tasks_late"]),
			(4, 2, 1, 1),  # late: completed after the due date (the open ones are not past due yet)
		)
		self.assertEqual(a1["tasks_failed"], 1)
		self.assertEqual(a2["violation_deduction"], 4)

		names = frappe.get_all("Cadre Evaluation", {"evaluation_period": period}, pluck="name")
		frappe.db.delete("Cadre Evaluation Score", {"parent": ("in", names)})
		frappe.db.delete("Cadre Evaluation", {"name": ("in", names)})
		self.generate(period, bulk=False)
		self.assertEqual(bulk, snapshot(period))

	def test_the_presiding_board_creates_a_period_in_bulk(self):
		period = make_period("2042-09-01", "2042-09-30")
		frappe.set_user(self.o.user["admin"])
		frappe.get_doc("Evaluation Period", period).create_evaluations()
		frappe.set_user("Administrator")
		created = evaluations_of(period)
		self.assertTrue(set(self.cadres) <= set(created))
		rows = score_rows_per_evaluation(period)
		self.assertTrue(all(rows[names[0]] == CRITERIA for names in created.values()))

	def test_indexes_are_created_once(self):
		add_indexes()
		add_indexes()  # idempotent
		for doctype, indexes in INDEXES.items():
			for index_name, fields in indexes.items():
				found = frappe.db.sql(
					f"SHOW INDEX FROM `tab{doctype}` WHERE Key_name = %s", index_name, as_dict=True
				)
				columns = [r.Column_name for r in sorted(found, key=lambda r: r.Seq_in_index)]
				self.assertEqual(columns, list(fields), (doctype, index_name))

	# ----------------------------------------------------------------------------------------------

	@staticmethod
	def make_tasks(o):
		"""a1's tasks due in August 2042: completed on time, completed late, overdue, cancelled (not
		counted) and open with a failed quality."""
		for i, (status, due, done, quality) in enumerate(
			(
				("Completed", "2042-08-10", "2042-08-09", "Passed"),
				("Completed", "2042-08-12", "2042-08-15", "Passed"),
				("Overdue", "2042-08-20", None, "Not Assessed"),
				("Cancelled", "2042-08-21", None, "Not Assessed"),
				("Open", "2042-08-30", None, "Failed"),
			)
		):
			raw_insert(
				"Assigned Task",
				{
					"title": f"GS task {i}",
					"organization_unit": o.board_a,
					"assignee": o.cadre["a1"],
					"assigned_by": o.cadre["ratera"],
					"status": status,
					"start_date": "2042-08-01",
					"due_date": due,
					"completed_on": done,
					"quality_result": quality,
					"weight": 1,
				},
			)

	@staticmethod
	def make_violation(cadre: str, unit: str, category: str):
		raw_insert(
			"Violation Record",
			{
				"cadre": cadre,
				"organization_unit": unit,
				"violation_category": category,
				"detected_on": "2042-08-05",
				"detection_source": "Inspection",
				"description": "GS",
				"workflow_state": "Verified",
				"docstatus": 1,
			},
		)
