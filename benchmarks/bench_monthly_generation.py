"""Benchmark: monthly creation of Cadre Evaluations, bulk vs one `doc.insert()` at a time.

Not a test. Run it on a TEST site (it creates and then removes synthetic data), from the bench's
`sites` folder, as the bench's user:

    cd ~/frappe-bench/sites
    ../env/bin/python ../apps/soson_discipline/benchmarks/bench_monthly_generation.py \\
        --site test-site --n 10000 --slow-n 500

What it does:
1. creates N synthetic active cadres (one in ten rates the next nine) in a throw-away unit, with three
   assigned tasks each, every one naming a product of a synthetic catalogue (weight = quantity ×
   conversion factor; some late, some failed), and verified violation records (1 %), under a throw-away
   (disabled) policy and an Evaluation Period of its own;
2. times `generate_evaluations(bulk=True)` for all N (the path the monthly job and the button use:
   names reserved up front, two multi-row INSERTs per batch of 1,000, one commit per batch);
3. takes the first `--slow-n` evaluations, remembers their rows, deletes them and times
   `generate_evaluations(bulk=False)` for them — one `doc.insert()` each through the controller —
   then extrapolates that per-document time to N (labelled as such);
4. checks the rows the two paths wrote are identical (every column of the evaluation and of its
   score rows, apart from name/creation/modified/parent), prints a table, and cleans up.
"""

import argparse
import os
import time

import frappe

PREFIX = "BENCH-CB-"
UNIT = "Benchmark Unit (synthetic)"
POLICY = "Benchmark Policy (synthetic)"
CATEGORY_CODE = "BENCH-VC"
IGNORE = {"name", "creation", "modified", "parent"}


def connect(site: str):
	"""Connect to `site`; run from the bench's `sites` folder (or set FRAPPE_BENCH to the bench)."""
	if bench := os.environ.get("FRAPPE_BENCH"):
		os.chdir(os.path.join(bench, "sites"))
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")


TASKS_PER_CADRE = 3


def setup(n: int) -> tuple[str, list[str]]:
	from frappe.utils import now

	from soson_discipline.campaign.task_summary import reconcile_task_summary
	from soson_discipline.tests.factories import make_period, make_policy, make_products, make_unit

	unit = make_unit(UNIT, abbreviation="BENCH", valid_from="2000-01-01")
	make_policy(POLICY, effective_from="2000-01-01")
	period = make_period("2026-10-01", "2026-10-31", policy=POLICY)
	ts, names = now(), [f"{PREFIX}{i:06d}" for i in range(1, n + 1)]
	fields = [
		"name",
		"full_name",
		"organization_unit",
		"status",
		"date_joined",
		"cadre_category",
		"rater",
		"is_leader",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		"idx",
	]
	rows = []
	for i, name in enumerate(names):
		rater = None if i % 10 == 0 else names[i - i % 10]
		rows.append(
			[
				name,
				f"Cán bộ thử {i + 1:06d}",
				unit,
				"Active",
				"2020-01-01",
				"Civil Servant",
				rater,
				int(i % 10 == 0),
				ts,
				ts,
				"Administrator",
				"Administrator",
				0,
				0,
			]
		)
	frappe.db.bulk_insert("Cadre", fields, rows)

	# three tasks per cadre, each naming a product of the catalogue (Decree 335 Art. 14 counts
	# converted products): weight = quantity × the product's conversion factor, as the task's save
	# works it out; one in two completed, one in four of those late, one in ten failed
	products = make_products(PREFIX)
	tasks = []
	for i, name in enumerate(names):
		for k in range(TASKS_PER_CADRE):
			product, factor = products[(i + k) % len(products)]
			quantity = 1 + (i + k) % 3
			done = (i + k) % 2 == 1
			late = done and (i + k) % 8 == 1
			tasks.append(
				[
					f"BENCH-AT-{i:06d}-{k}",
					f"Nhiệm vụ thử {i}-{k}",
					unit,
					name,
					"2026-10-01",
					f"2026-10-{10 + 5 * k}",
					"Completed" if done else "Open",
					(f"2026-10-{12 + 5 * k}" if late else f"2026-10-{9 + 5 * k}") if done else None,
					int(late),
					int(late),
					product,
					quantity,
					quantity * factor,
					"Failed" if done and (i + k) % 10 == 3 else ("Passed" if done else "Not Assessed"),
					ts,
					ts,
					"Administrator",
					"Administrator",
					0,
				]
			)
	frappe.db.bulk_insert(
		"Assigned Task",
		[
			"name",
			"title",
			"organization_unit",
			"assignee",
			"start_date",
			"due_date",
			"status",
			"completed_on",
			"is_late",
			"delay_count",
			"work_product_type",
			"product_quantity",
			"weight",
			"quality_result",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"docstatus",
		],
		tasks,
		chunk_size=5000,
	)
	reconcile_task_summary([unit])  # inserted in bulk: counted per unit and month as the nightly job does

	category = (
		frappe.db.get_value("Violation Category", {"code": CATEGORY_CODE})
		or frappe.get_doc(
			{
				"doctype": "Violation Category",
				"category_name": "Benchmark category",
				"code": CATEGORY_CODE,
				"default_severity": "Low",
				"default_deduction": 3,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)
	violations = [
		[
			f"BENCH-VR-{i:06d}",
			name,
			unit,
			category,
			"2026-10-05",
			"Other",
			"Benchmark",
			"Verified",
			"None",
			ts,
			ts,
			"Administrator",
			"Administrator",
			0,
		]
		for i, name in enumerate(names[::100])
	]
	frappe.db.bulk_insert(
		"Violation Record",
		[
			"name",
			"cadre",
			"organization_unit",
			"violation_category",
			"detected_on",
			"detection_source",
			"description",
			"workflow_state",
			"discipline_outcome",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"docstatus",
		],
		violations,
	)
	frappe.db.commit()
	return period, names


def snapshot(period: str, cadres: list[str]) -> dict:
	out = {}
	for doc in frappe.get_all(
		"Cadre Evaluation", filters={"evaluation_period": period, "cadre": ("in", cadres)}, fields=["*"]
	):
		rows = frappe.get_all(
			"Cadre Evaluation Score", filters={"parent": doc.name}, fields=["*"], order_by="idx"
		)
		out[doc.cadre] = (
			{k: v for k, v in doc.items() if k not in IGNORE},
			[{k: v for k, v in r.items() if k not in IGNORE} for r in rows],
		)
	return out


def delete_evaluations(period: str, cadres: list[str] | None = None):
	filters = {"evaluation_period": period}
	if cadres is not None:
		filters["cadre"] = ("in", cadres)
	names = frappe.get_all("Cadre Evaluation", filters=filters, pluck="name")
	for i in range(0, len(names), 5000):
		chunk = names[i : i + 5000]
		frappe.db.delete("Cadre Evaluation Score", {"parent": ("in", chunk)})
		frappe.db.delete("Cadre Evaluation", {"name": ("in", chunk)})
	frappe.db.commit()


def cleanup(period: str | None):
	from soson_discipline.campaign.task_summary import reconcile_task_summary

	if period:
		delete_evaluations(period)
		frappe.db.delete("Evaluation Period", period)
	frappe.db.delete("Violation Record", {"name": ("like", "BENCH-VR-%")})
	frappe.db.delete("Assigned Task", {"name": ("like", "BENCH-AT-%")})
	frappe.db.delete("Work Product Type", {"product_name": ("like", f"{PREFIX}%")})
	if unit := frappe.db.get_value("Organization Unit", {"unit_name": UNIT}):
		reconcile_task_summary([unit])
	frappe.db.delete("Cadre", {"name": ("like", f"{PREFIX}%")})
	frappe.db.delete("Violation Category", {"code": CATEGORY_CODE})
	if frappe.db.exists("Evaluation Policy", POLICY):
		frappe.delete_doc("Evaluation Policy", POLICY, force=True, ignore_permissions=True)
	if unit := frappe.db.get_value("Organization Unit", {"unit_name": UNIT}):
		frappe.delete_doc("Organization Unit", unit, force=True, ignore_permissions=True)
	frappe.db.commit()


def run(n: int, slow_n: int) -> str:
	from soson_discipline.evaluation.generation import generate_evaluations

	cleanup(frappe.db.get_value("Evaluation Period", {"evaluation_policy": POLICY}))
	t0 = time.perf_counter()
	period, names = setup(n)
	setup_s = time.perf_counter() - t0
	try:
		t0 = time.perf_counter()
		created = generate_evaluations(period, bulk=True, commit=True, only_cadres=names)
		bulk_s = time.perf_counter() - t0
		assert len(created) == n, (len(created), n)
		score_rows = frappe.db.count("Cadre Evaluation Score", {"parent": ("in", created[:1])}) * n

		sample = names[:slow_n]
		before = snapshot(period, sample)
		delete_evaluations(period, sample)
		t0 = time.perf_counter()
		slow_created = generate_evaluations(period, bulk=False, commit=True, only_cadres=names)
		slow_s = time.perf_counter() - t0
		assert len(slow_created) == slow_n, (len(slow_created), slow_n)
		after = snapshot(period, sample)
		identical = before == after and len(before) == slow_n
		if not identical:
			for cadre in sample:
				if before.get(cadre) != after.get(cadre):
					print("DIFFERENT:", cadre, before.get(cadre), after.get(cadre), sep="\n")
					break
		rerun = generate_evaluations(period, bulk=True, commit=True, only_cadres=names)
	finally:
		cleanup(period)

	per_doc_slow = slow_s / slow_n
	slow_extrapolated = per_doc_slow * n
	lines = [
		f"Monthly generation of Cadre Evaluations — N = {n:,} synthetic active cadres, "
		f"{frappe.db.sql('select version()')[0][0]} on {os.cpu_count()} CPU(s)",
		"",
		"| Path | Evaluations | Score rows | Time (s) | Per evaluation (ms) | Evaluations/s |",
		"|---|---:|---:|---:|---:|---:|",
		f"| bulk (`generate_evaluations`, batches of 1,000) | {n:,} | {score_rows:,} | {bulk_s:.2f} | {bulk_s / n * 1000:.2f} | {n / bulk_s:,.0f} |",
		f"| one `doc.insert()` at a time (measured) | {slow_n:,} | {slow_n * (score_rows // n):,} | {slow_s:.2f} | {per_doc_slow * 1000:.2f} | {slow_n / slow_s:,.0f} |",
		f"| one `doc.insert()` at a time (**extrapolated** to N from the measured {slow_n:,}) | {n:,} | {score_rows:,} | ~{slow_extrapolated:.0f} | {per_doc_slow * 1000:.2f} | {1 / per_doc_slow:,.0f} |",
		"",
		f"- Speed-up of bulk over one-at-a-time: **{slow_extrapolated / bulk_s:.1f}×** (per evaluation: {per_doc_slow * 1000:.2f} ms vs {bulk_s / n * 1000:.2f} ms).",
		f"- Rows identical (all columns of {slow_n:,} evaluations and their score rows, apart from name/creation/modified/parent): **{'yes' if identical else 'NO'}**.",
		f"- Rerun after completion created {len(rerun)} evaluations (idempotent).",
		f"- Synthetic data set-up (not timed above): {setup_s:.1f} s; {len(names) * TASKS_PER_CADRE:,} assigned tasks (three per cadre, each with a product type of the catalogue, weighted by its conversion factor), {len(names[::100])} with a verified violation.",
	]
	return "\n".join(lines)


if __name__ == "__main__":
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--n", type=int, default=10000)
	parser.add_argument("--slow-n", type=int, default=500)
	args = parser.parse_args()
	connect(args.site)
	try:
		print(run(args.n, args.slow_n))
	finally:
		frappe.destroy()
