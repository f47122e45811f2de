"""Benchmark: a whole city — N cadres, M months — and every screen of the app timed on it.

Not a test, and not part of the Python package (nothing here ships in `soson_discipline`). Run it on a
THROW-AWAY site that has `allow_tests` set (it refuses any other), from the bench's `sites` folder, as
the bench's user, with the bench's Python:

    cd ~/frappe-bench/sites
    ../env/bin/python ../apps/soson_discipline/benchmarks/bench_scale.py --site scale.localhost \\
        --n 100000 --months 12            # build the city, then time everything
    ../env/bin/python ../apps/soson_discipline/benchmarks/bench_scale.py --site scale.localhost \\
        --n 100000 --months 12 --skip-build   # time again on the city already built

then drop the site (`bench drop-site scale.localhost --no-backup --force`): the synthetic city is
written with bulk SQL and is not meant to be removed record by record.

What it builds (bulk multi-row INSERTs; names start with "SC-"):
- a unit tree: the city Party Committee (the presiding board's unit) → 30 communes/wards → 6 boards
  each (211 units), inserted as documents (the tree's lft/rgt are the controller's);
- N active cadres spread over the units; the first cadre of a unit is its head and leader, who rates
  the others and is rated by the head of the unit above; two desk users: the presiding board
  (Discipline Administrator, head of the city) and a commune's Unit Head;
- for each of M months ending with the current one: 3 Assigned Tasks per cadre, each naming a
  product of a catalogue (due on the 10th, 20th and 28th; past months mostly completed, some late, overdue, failed or cancelled), verified
  Violation Records for 1 % of the cadres, one Dissemination Session per unit (two audience groups)
  and one Inspection of each commune by the city;
- the M Evaluation Periods of the policy in force; the first month's evaluations are created by
  `generate_evaluations` (timed as "first month"), months 2..M-1 are copies of it written by
  INSERT … SELECT and approved (docstatus 1), so the tables hold N × (M-1) evaluations before month M.

What it times (wall clock, median of 3 runs; generation once):
- monthly generation of month M for all N cadres (`generate_evaluations(bulk=True)`), then a sample
  deleted and created again one `doc.insert()` at a time to report the speed-up per evaluation, and
  the rows of both paths compared (all columns apart from name/creation/modified/parent);
- as the presiding board and as the commune Unit Head: every Script Report (through
  `frappe.desk.query_report.run`, as the desk runs it), every workspace number card and chart method
  (`soson_discipline.reporting.dashboard`) on a first view (its cache cleared) and on the views that
  follow (`soson_discipline.reporting.cache`), the first page of the list view of every scoped DocType
  (`frappe.get_list`, 20 rows, the DocType's sort) and the Periodic Report's figures compile
  (`PeriodicReport.compile_figures` for the user's unit and the last month);
- the nightly early-warning job on the whole city (`early_warning.detection.raise_warnings`), and a
  second run that must change nothing; the Early Warnings report and the Open Early Warnings card
  are among the screens timed;
- the year's classification drafted for every cadre with an approved evaluation in the year
  (`classification.make_classifications`, what *Create Classifications* runs), a second run that
  creates nothing, then the drafts removed;
and prints one Markdown table with the rows each call returned.
"""

import argparse
import os
import statistics
import time
from datetime import date

import frappe
from frappe.utils import add_months, get_first_day, get_last_day, getdate, now, today

PREFIX = "SC-"
CITY = "Thành ủy Thành phố (SC)"
COMMUNES = 30
BOARDS = 6
ADMIN_USER = "sc.admin@example.com"
HEAD_USER = "sc.head@example.com"
CATEGORY_CODE = "SC-VC"
SAMPLE = 300
RUNS = 3
IGNORE = {"name", "creation", "modified", "parent"}

REPORTS = (
	"Task Progress by Unit",
	"Overdue Tasks",
	"Monthly Evaluation Summary",
	"Cadre Score Trend",
	"Annual Classification Proposal",
	"Violations by Category and Unit",
	"Dissemination Coverage",
	"Early Warnings",
)
DASHBOARD_METHODS = (
	"overdue_tasks",
	"pending_evaluations",
	"open_violations",
	"dissemination_coverage",
	"task_completion_by_unit",
	"evaluation_levels_this_month",
	"violations_by_category",
	"open_warnings",
)
LIST_DOCTYPES = (
	"Cadre",
	"Unit Plan",
	"Assigned Task",
	"Dissemination Session",
	"Cadre Evaluation",
	"Inspection",
	"Violation Record",
	"Periodic Report",
	"Discipline Warning",
)


# --------------------------------------------------------------------------------------------------
# Connection and raw inserts
# --------------------------------------------------------------------------------------------------


def connect(site: str):
	"""Connect to `site` (from the bench's `sites` folder, or FRAPPE_BENCH); refuse non-test sites."""
	if bench := os.environ.get("FRAPPE_BENCH"):
		os.chdir(os.path.join(bench, "sites"))
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	if not frappe.conf.allow_tests:
		raise SystemExit(f"{site} does not allow tests: run this on a throw-away test site only.")
	frappe.set_user("Administrator")


def insert_rows(doctype: str, fields: list[str], rows, chunk: int = 5000) -> int:
	"""Multi-row INSERT of `rows` (sequences in the order of `fields`); returns how many."""
	columns = ", ".join(f"`{f}`" for f in fields)
	one = "(" + ", ".join(["%s"] * len(fields)) + ")"
	count, buffer = 0, []

	def flush():
		if buffer:
			values = [v for row in buffer for v in row]
			frappe.db.sql(
				f"INSERT INTO `tab{doctype}` ({columns}) VALUES {', '.join([one] * len(buffer))}", values
			)
			buffer.clear()

	for row in rows:
		buffer.append(row)
		count += 1
		if len(buffer) >= chunk:
			flush()
	flush()
	frappe.db.commit()
	return count


STD = ["creation", "modified", "owner", "modified_by", "docstatus", "idx"]


def std(ts, docstatus=0, idx=0):
	return [ts, ts, "Administrator", "Administrator", docstatus, idx]


# --------------------------------------------------------------------------------------------------
# The city
# --------------------------------------------------------------------------------------------------


def months_ending_now(m: int) -> list[date]:
	"""The first days of the `m` months ending with the current one."""
	first = get_first_day(today())
	return [getdate(add_months(first, i - m + 1)) for i in range(m)]


def build_units() -> tuple[str, list[str], list[str]]:
	"""The city → communes → boards tree (as documents); returns (city, communes, all units)."""
	from soson_discipline.tests.factories import make_unit

	city = make_unit(CITY, abbreviation="TU", valid_from="2000-01-01", level_label="Thành phố")
	communes, units = [], [city]
	for c in range(1, COMMUNES + 1):
		commune = make_unit(
			f"Đảng ủy xã {c:02d} (SC)",
			parent=city,
			abbreviation=f"X{c:02d}",
			unit_kind="Commune/Ward",
			valid_from="2000-01-01",
			level_label="Xã",
		)
		communes.append(commune)
		units.append(commune)
		for b in range(1, BOARDS + 1):
			units.append(
				make_unit(
					f"Ban {b} xã {c:02d} (SC)",
					parent=commune,
					abbreviation=f"B{b}X{c:02d}",
					unit_kind="Party Board",
					valid_from="2000-01-01",
				)
			)
	frappe.db.commit()
	return city, communes, units


def cadre_name(i: int) -> str:
	return f"{PREFIX}CB-{i:07d}"


def build_cadres(n: int, units: list[str], parent_of: dict[str, str]) -> dict[str, str]:
	"""N cadres, unit by unit (cadre i in unit i mod len(units)); returns {unit: its head cadre}."""
	ts = now()
	heads = {unit: cadre_name(i) for i, unit in enumerate(units)}

	def rows():
		for i in range(n):
			unit = units[i % len(units)]
			head = heads[unit]
			is_head = head == cadre_name(i)
			rater = heads.get(parent_of.get(unit)) if is_head else head
			yield [
				cadre_name(i),
				f"Cán bộ {i:07d}",
				unit,
				"Active",
				"2020-01-01",
				"Civil Servant",
				rater,
				int(is_head),
				1,
				*std(ts),
			]

	insert_rows(
		"Cadre",
		[
			"name",
			"full_name",
			"organization_unit",
			"status",
			"date_joined",
			"cadre_category",
			"rater",
			"is_leader",
			"is_party_member",
			*STD,
		],
		rows(),
	)
	return heads


def link_user(email: str, roles: list[str], cadre: str):
	from soson_discipline.tests.factories import make_user

	make_user(email, roles)
	frappe.db.set_value("Cadre", cadre, "user", email, update_modified=False)
	frappe.db.commit()


def task_rows(n: int, units: list[str], heads: dict, parent_of: dict, months: list[date], products: list):
	"""3 tasks per cadre per month, each naming a product of the catalogue (weight = quantity × its
	conversion factor); the current month's still open."""
	ts, current = now(), months[-1]
	for month in months:
		past = month < current
		for i in range(n):
			cadre = cadre_name(i)
			unit = units[i % len(units)]
			rater = heads.get(parent_of.get(unit)) if heads[unit] == cadre else heads[unit]
			for k, day in enumerate((10, 20, 28)):
				due = month.replace(day=day)
				status, done, late, quality = task_outcome(i, k, past, due)
				product, factor = products[(i + k) % len(products)]
				quantity = 1 + (i + k) % 3
				yield [
					f"{PREFIX}NV-{month:%y%m}-{i:07d}-{k}",
					f"Nhiệm vụ {k + 1} tháng {month:%m/%Y} của cán bộ {i:07d}",
					unit,
					cadre,
					rater,
					month,
					due,
					status,
					done,
					late,
					product,
					quantity,
					quantity * factor,
					quality,
					100 if status == "Completed" else 50,
					*std(ts),
				]


def task_outcome(i: int, k: int, past: bool, due: date) -> tuple:
	"""(status, completed_on, is_late, quality_result) of a synthetic task."""
	if not past:
		return ("In Progress" if (i + k) % 2 else "Open"), None, 0, "Not Assessed"
	r = (i * 7 + k * 13 + due.month) % 100
	if r < 70:
		return "Completed", due, 0, "Passed"
	if r < 82:
		return "Completed", add_days_(due, 3), 1, "Passed"
	if r < 85:
		return "Completed", due, 0, "Failed"
	if r < 95:
		return "Overdue", None, 1, "Not Assessed"
	return "Cancelled", None, 0, "Not Assessed"


def add_days_(d: date, days: int) -> date:
	return date.fromordinal(d.toordinal() + days)


TASK_FIELDS = [
	"name",
	"title",
	"organization_unit",
	"assignee",
	"assigned_by",
	"start_date",
	"due_date",
	"status",
	"completed_on",
	"is_late",
	"work_product_type",
	"product_quantity",
	"weight",
	"quality_result",
	"percent_complete",
	*STD,
]


def build_violations(n: int, units: list[str], months: list[date]) -> int:
	"""Verified (or further) violation records of 1 % of the cadres each month, a different 1 %."""
	from soson_discipline.tests.factories import make_category, make_directive

	directive = make_directive("24-CT/TU (SC)", CITY, "Chỉ thị 24 (tổng hợp)")
	category = frappe.db.get_value("Violation Category", {"code": CATEGORY_CODE}) or make_category(
		CATEGORY_CODE, "Đi muộn, về sớm (SC)", directive, deduction=5
	)
	states = ("Verified", "Correction Required", "Corrected", "Closed", "Dismissed")
	ts = now()

	def rows():
		for m, month in enumerate(months):
			for j, i in enumerate(range(m % 100, n, 100)):
				state = states[j % len(states)]
				yield [
					f"{PREFIX}VP-{month:%y%m}-{i:07d}",
					cadre_name(i),
					f"Cán bộ {i:07d}",
					units[i % len(units)],
					category,
					month.replace(day=15),
					"Inspection",
					"Đi muộn",
					state,
					"Reprimand" if j % 20 == 0 else "None",
					f"Vi phạm {i:07d}",
					*std(ts, docstatus=1),
				]

	fields = [
		"name",
		"cadre",
		"cadre_name",
		"organization_unit",
		"violation_category",
		"detected_on",
		"detection_source",
		"description",
		"workflow_state",
		"discipline_outcome",
		"title",
		*STD,
	]
	return insert_rows("Violation Record", fields, rows())


def build_sessions(units: list[str], months: list[date]) -> int:
	ts = now()
	sessions, audiences = [], []
	for month in months:
		for u, unit in enumerate(units):
			name = f"{PREFIX}PB-{month:%y%m}-{u:04d}"
			sessions.append(
				[name, f"Quán triệt Chỉ thị 24 tháng {month:%m/%Y}", unit, month.replace(day=5), "Conference"]
				+ std(ts)
			)
			for k, (group, expected) in enumerate((("Party Members", 40), ("Cadres", 60)), 1):
				audiences.append(
					[
						f"{name}-{k}",
						name,
						"Dissemination Session",
						"audiences",
						group,
						expected,
						expected - u % 7,
					]
					+ std(ts, idx=k)
				)
	insert_rows(
		"Dissemination Session",
		["name", "subject", "organization_unit", "session_date", "form", *STD],
		sessions,
	)
	insert_rows(
		"Dissemination Audience",
		["name", "parent", "parenttype", "parentfield", "audience_group", "expected", "attended", *STD],
		audiences,
	)
	return len(sessions)


def build_inspections(city: str, communes: list[str], months: list[date]) -> int:
	ts = now()
	inspections, targets = [], []
	for month in months:
		for c, commune in enumerate(communes):
			name = f"{PREFIX}KT-{month:%y%m}-{c:02d}"
			inspections.append(
				[
					name,
					f"Kiểm tra xã {c:02d} tháng {month:%m/%Y}",
					"Inspection",
					c % 5 == 0,
					city,
					"Completed",
				]
				+ [month.replace(day=12)]
				+ std(ts)
			)
			targets.append([f"{name}-1", name, "Inspection", "target_units", commune, *std(ts, idx=1)])
	insert_rows(
		"Inspection",
		[
			"name",
			"title",
			"inspection_type",
			"is_surprise",
			"inspecting_unit",
			"status",
			"inspection_date",
			*STD,
		],
		inspections,
	)
	insert_rows(
		"Inspection Target Unit",
		["name", "parent", "parenttype", "parentfield", "organization_unit", *STD],
		targets,
	)
	return len(inspections)


def build_periods(months: list[date]) -> list[str]:
	from soson_discipline.evaluation.generation import get_or_create_period

	periods = [get_or_create_period(month) for month in months]
	frappe.db.commit()
	return periods


def copy_evaluations(source: str, target: str, approve: bool) -> int:
	"""Month `target`'s evaluations as copies of `source`'s (INSERT … SELECT), approved or not."""
	ce, sc = "tabCadre Evaluation", "tabCadre Evaluation Score"
	columns = [c for c in frappe.db.get_table_columns("Cadre Evaluation")]
	start, end = frappe.db.get_value("Evaluation Period", target, ["period_start", "period_end"])
	prefix = f"{PREFIX}{target}-"
	override = {
		"name": "CONCAT(%(prefix)s, name)",
		"evaluation_period": "%(target)s",
		"period_start": "%(start)s",
		"period_end": "%(end)s",
		"evaluation_key": "CONCAT(%(target)s, ':', cadre)",
	}
	if approve:
		override.update(docstatus="1", workflow_state="'Approved'")
	select = ", ".join(override.get(c, f"`{c}`") for c in columns)
	values = {"prefix": prefix, "target": target, "source": source, "start": start, "end": end}
	frappe.db.sql(
		f"INSERT INTO `{ce}` ({', '.join(f'`{c}`' for c in columns)}) "
		f"SELECT {select} FROM `{ce}` WHERE evaluation_period = %(source)s",
		values,
	)
	child_columns = frappe.db.get_table_columns("Cadre Evaluation Score")
	child_override = {"name": "CONCAT(%(prefix)s, s.name)", "parent": "CONCAT(%(prefix)s, s.parent)"}
	if approve:
		child_override["docstatus"] = "1"
	child_select = ", ".join(child_override.get(c, f"s.`{c}`") for c in child_columns)
	frappe.db.sql(
		f"INSERT INTO `{sc}` ({', '.join(f'`{c}`' for c in child_columns)}) "
		f"SELECT {child_select} FROM `{sc}` s JOIN `{ce}` e ON e.name = s.parent "
		"WHERE e.evaluation_period = %(source)s",
		values,
	)
	frappe.db.commit()
	return frappe.db.count("Cadre Evaluation", {"evaluation_period": target})


def approve_period(period: str):
	frappe.db.sql(
		"UPDATE `tabCadre Evaluation Score` s JOIN `tabCadre Evaluation` e ON e.name = s.parent "
		"SET s.docstatus = 1 WHERE e.evaluation_period = %s",
		period,
	)
	frappe.db.sql(
		"UPDATE `tabCadre Evaluation` SET docstatus = 1, workflow_state = 'Approved' "
		"WHERE evaluation_period = %s",
		period,
	)
	frappe.db.commit()


def build(n: int, m: int, log, evaluations_only: bool = False) -> dict:
	"""Build the city (with `evaluations_only`, only its evaluations: the rest was built by an
	interrupted run); returns the build times and counts."""
	frappe.db.sql("SET SESSION unique_checks = 0")
	months = months_ending_now(m)
	counts = {} if evaluations_only else build_records(n, months, log)
	return {**build_evaluations(months, log), "counts": counts}


def build_records(n: int, months: list[date], log) -> dict:
	"""Units, cadres, users, tasks, violations, sessions and inspections."""
	t0 = time.perf_counter()
	city, communes, units = build_units()
	parent_of = dict(
		frappe.get_all("Organization Unit", fields=["name", "parent_organization_unit"], as_list=True)
	)
	heads = build_cadres(n, units, parent_of)
	link_user(ADMIN_USER, ["Discipline Administrator"], heads[city])
	link_user(HEAD_USER, ["Unit Head", "Rater", "Cadre"], heads[communes[0]])
	log(f"units and {n:,} cadres: {time.perf_counter() - t0:.1f} s")
	t0 = time.perf_counter()
	from soson_discipline.tests.factories import make_products

	products = make_products(PREFIX)
	frappe.db.commit()
	tasks = insert_rows("Assigned Task", TASK_FIELDS, task_rows(n, units, heads, parent_of, months, products))
	log(f"{tasks:,} tasks: {time.perf_counter() - t0:.1f} s")
	from soson_discipline.campaign.task_summary import reconcile_task_summary

	t0 = time.perf_counter()
	groups = (
		reconcile_task_summary()
	)  # rows inserted in bulk: counted per unit and month as the nightly job does
	log(f"tasks counted per unit and month ({groups:,} groups): {time.perf_counter() - t0:.1f} s")
	t0 = time.perf_counter()
	violations = build_violations(n, units, months)
	sessions = build_sessions(units, months)
	inspections = build_inspections(city, communes, months)
	log(f"violations, sessions, inspections: {time.perf_counter() - t0:.1f} s")
	return dict(tasks=tasks, violations=violations, sessions=sessions, inspections=inspections)


def build_evaluations(months: list[date], log) -> dict:
	"""Month 1 generated by the app, months 2..M-1 copied from it and approved."""
	from soson_discipline.evaluation.generation import generate_evaluations

	periods = build_periods(months)
	t0 = time.perf_counter()
	first = generate_evaluations(periods[0], bulk=True, commit=True)
	first_s = time.perf_counter() - t0
	log(f"first month generated: {len(first):,} in {first_s:.1f} s")
	for period in periods[1:-1]:
		t0 = time.perf_counter()
		copied = copy_evaluations(periods[0], period, approve=True)
		log(f"copied {copied:,} evaluations into {period}: {time.perf_counter() - t0:.1f} s")
	if len(periods) > 1:
		approve_period(periods[0])
	from soson_discipline.evaluation.year_results import reconcile_year_results

	t0 = time.perf_counter()
	cadres = reconcile_year_results([getdate().year])  # approved in SQL: summed as the nightly job does
	frappe.db.commit()
	log(f"each cadre's year summed and classified ({cadres:,}): {time.perf_counter() - t0:.1f} s")
	return {"first_month_s": first_s, "first_month_n": len(first)}


# --------------------------------------------------------------------------------------------------
# Timings
# --------------------------------------------------------------------------------------------------


def snapshot(period: str, cadres: list[str]) -> dict:
	out = {}
	docs = frappe.get_all(
		"Cadre Evaluation", filters={"evaluation_period": period, "cadre": ("in", cadres)}, fields=["*"]
	)
	for doc in docs:
		rows = frappe.get_all(
			"Cadre Evaluation Score", filters={"parent": doc.name}, fields=["*"], order_by="idx"
		)
		out[doc.cadre] = (
			{k: v for k, v in doc.items() if k not in IGNORE},
			[{k: v for k, v in r.items() if k not in IGNORE} for r in rows],
		)
	return out


def delete_evaluations(names: list[str]):
	frappe.db.delete("Cadre Evaluation Score", {"parent": ("in", names)})
	frappe.db.delete("Cadre Evaluation", {"name": ("in", names)})
	frappe.db.commit()


def time_generation(period: str, n: int) -> dict:
	"""Month M for every cadre in bulk, then a sample again one `doc.insert()` at a time."""
	from soson_discipline.evaluation.generation import generate_evaluations

	t0 = time.perf_counter()
	created = generate_evaluations(period, bulk=True, commit=True)
	bulk_s = time.perf_counter() - t0
	sample = frappe.get_all(
		"Cadre Evaluation",
		filters={"name": ("in", created[:SAMPLE])},
		fields=["name", "cadre"],
	)
	cadres = [r.cadre for r in sample]
	before = snapshot(period, cadres)
	delete_evaluations([r.name for r in sample])
	t0 = time.perf_counter()
	slow = generate_evaluations(period, bulk=False, commit=True)
	slow_s = time.perf_counter() - t0
	after = snapshot(period, cadres)
	rerun = generate_evaluations(period, bulk=True, commit=True)
	return dict(
		bulk_n=len(created),
		bulk_s=bulk_s,
		slow_n=len(slow),
		slow_s=slow_s,
		identical=before == after and len(before) == len(sample),
		rerun=len(rerun),
		score_rows=frappe.db.count("Cadre Evaluation Score", {"parent": created[-1]}) if created else 0,
	)


def time_classifications(year: int) -> dict:
	"""The year's classification drafted for every cadre with an approved evaluation in it (what
	*Create Classifications* runs in the background), a second run, and removing them again."""
	from soson_discipline.evaluation.classification import cadres_to_classify, make_classifications

	t0 = time.perf_counter()
	cadres = cadres_to_classify("Year", year, None)
	created = make_classifications("Year", year, None, cadres)
	frappe.db.commit()
	first_s = time.perf_counter() - t0
	t0 = time.perf_counter()
	again = make_classifications("Year", year, None, cadres_to_classify("Year", year, None))
	rerun_s = time.perf_counter() - t0
	rows = frappe.db.count("Cadre Classification Period", {"parenttype": "Cadre Classification"})
	frappe.db.delete("Cadre Classification Period", {"parenttype": "Cadre Classification"})
	frappe.db.delete("Cadre Classification", {"year": year})
	frappe.db.commit()
	return dict(n=created, s=first_s, rerun=again, rerun_s=rerun_s, rows=rows)


def time_warnings() -> dict:
	"""The nightly early-warning job (`early_warning.detection.raise_warnings`) on the whole city: a
	first run raising every warning that holds, then a second run that must change nothing."""
	from soson_discipline.early_warning.detection import raise_warnings

	t0 = time.perf_counter()
	first = raise_warnings()
	frappe.db.commit()
	first_s = time.perf_counter() - t0
	t0 = time.perf_counter()
	again = raise_warnings()
	frappe.db.commit()
	rerun_s = time.perf_counter() - t0
	by_type = dict(
		frappe.db.sql("select warning_type, count(*) from `tabDiscipline Warning` group by warning_type")
	)
	return dict(first=first, s=first_s, again=again, rerun_s=rerun_s, by_type=by_type)


def rows_of(result) -> int | str:
	"""How many rows a call returned (report rows, chart points, list rows, figure rows)."""
	if isinstance(result, dict):
		if "result" in result:
			return len(result["result"] or [])
		if "datasets" in result:
			return sum(len(d.get("values") or []) for d in result["datasets"])
		if "value" in result:
			return 1
	if isinstance(result, list):
		return len(result)
	return ""


def measure(fn, before=None) -> tuple[float, object]:
	"""Median wall time of `RUNS` calls of `fn` (each after `before`, untimed) and its last result."""
	times, result = [], None
	for _ in range(RUNS):
		frappe.local.document_cache = {}
		if before:
			before()
		t0 = time.perf_counter()
		result = fn()
		times.append(time.perf_counter() - t0)
		frappe.db.rollback()
	return statistics.median(times), result


def report_filters(report: str, user_cadre: str, last_period: str) -> dict:
	year_start, year_end = f"{getdate().year}-01-01", f"{getdate().year}-12-31"
	return {
		"Task Progress by Unit": {"from_date": year_start, "to_date": year_end},
		"Overdue Tasks": {},
		"Monthly Evaluation Summary": {"evaluation_period": last_period},
		"Cadre Score Trend": {"cadre": user_cadre},
		"Annual Classification Proposal": {"year": getdate().year},
		"Violations by Category and Unit": {"from_date": year_start, "to_date": year_end},
		"Dissemination Coverage": {"from_date": year_start, "to_date": year_end},
		"Early Warnings": {"from_date": year_start, "to_date": year_end},
	}[report]


def calls_for(user: str, last_period: str, month: date):
	"""(label, function) of every screen timed for `user`."""
	from frappe.desk.query_report import run as run_report

	from soson_discipline.reporting import dashboard

	cadre = frappe.db.get_value("Cadre", {"user": user}, ["name", "organization_unit"], as_dict=True)
	for report in REPORTS:
		filters = report_filters(report, cadre.name, last_period)
		yield (
			f"Report: {report}",
			lambda r=report, f=filters: run_report(r, filters=f, ignore_prepared_report=True),
		)
	from soson_discipline.reporting.cache import clear_figures

	for method in DASHBOARD_METHODS:
		# first view after a change (nothing cached), then the views that follow (`reporting.cache`)
		yield f"Workspace: {method} (first view)", getattr(dashboard, method), clear_figures
		yield f"Workspace: {method} (cached)", getattr(dashboard, method)
	for doctype in LIST_DOCTYPES:
		yield (
			f"List: {doctype} (first page)",
			lambda d=doctype: frappe.get_list(d, fields=["name"], limit_page_length=20),
		)

	def compile_report():
		doc = frappe.new_doc("Periodic Report")
		doc.update(
			{
				"organization_unit": cadre.organization_unit,
				"frequency": "Monthly",
				"period_start": month,
				"period_end": get_last_day(month),
			}
		)
		doc.compile_figures()
		return [*doc.task_figures, *doc.evaluation_figures, *doc.violation_figures]

	yield "Periodic Report: compile figures (own unit, last month)", compile_report


def time_screens(user: str, last_period: str, month: date) -> list[tuple[str, float, object]]:
	frappe.set_user(user)
	try:
		return [(label, *measure(*call)) for label, *call in calls_for(user, last_period, month)]
	finally:
		frappe.set_user("Administrator")


def table(
	n: int,
	m: int,
	gen: dict,
	screens: dict,
	build_info: dict | None,
	cls: dict | None = None,
	warnings: dict | None = None,
) -> str:
	counts = {
		dt: frappe.db.count(dt)
		for dt in (
			"Cadre",
			"Organization Unit",
			"Assigned Task",
			"Cadre Evaluation",
			"Cadre Evaluation Score",
			"Violation Record",
			"Dissemination Session",
			"Inspection",
		)
	}
	per_bulk = gen["bulk_s"] / gen["bulk_n"] if gen["bulk_n"] else 0
	per_slow = gen["slow_s"] / gen["slow_n"] if gen["slow_n"] else 0
	lines = [
		f"City of N = {n:,} cadres, M = {m} months — {frappe.db.sql('select version()')[0][0]}, "
		f"{os.cpu_count()} CPU(s), {today()}",
		"",
		"Data: " + ", ".join(f"{dt} {c:,}" for dt, c in counts.items()),
		"",
		"| What | Presiding board (s) | rows | Commune Unit Head (s) | rows |",
		"|---|---:|---:|---:|---:|",
	]
	admin, head = screens[ADMIN_USER], screens[HEAD_USER]
	for (label, a_s, a_res), (_label, h_s, h_res) in zip(admin, head, strict=True):
		flag = " ⚠" if max(a_s, h_s) > 1 else ""
		lines.append(f"| {label}{flag} | {a_s:.3f} | {rows_of(a_res)} | {h_s:.3f} | {rows_of(h_res)} |")
	lines += [
		"",
		"| Monthly generation (month M, as Administrator, once) | Evaluations | Time (s) | ms / evaluation |",
		"|---|---:|---:|---:|",
		f"| bulk `generate_evaluations` | {gen['bulk_n']:,} | {gen['bulk_s']:.1f} | {per_bulk * 1000:.2f} |",
		f"| one `doc.insert()` at a time (sample, measured) | {gen['slow_n']:,} | {gen['slow_s']:.1f} | {per_slow * 1000:.2f} |",
	]
	if build_info:
		lines.append(
			f"| bulk, first month on empty tables (build) | {build_info['first_month_n']:,} | "
			f"{build_info['first_month_s']:.1f} | "
			f"{build_info['first_month_s'] / max(build_info['first_month_n'], 1) * 1000:.2f} |"
		)
	if cls:
		lines += [
			"",
			"| Year classification (*Create Classifications*, as Administrator) | Classifications | period rows | Time (s) | ms / classification |",
			"|---|---:|---:|---:|---:|",
			f"| first run | {cls['n']:,} | {cls['rows']:,} | {cls['s']:.1f} | {cls['s'] / max(cls['n'], 1) * 1000:.2f} |",
			f"| second run (nothing to create) | {cls['rerun']:,} | | {cls['rerun_s']:.1f} | |",
		]
	if warnings:
		lines += [
			"",
			"| Early-warning job (nightly, as Administrator) | raised | updated | no longer hold | Time (s) |",
			"|---|---:|---:|---:|---:|",
			f"| first run | {warnings['first']['raised']:,} | {warnings['first']['updated']:,} | "
			f"{warnings['first']['no_longer_hold']:,} | {warnings['s']:.1f} |",
			f"| second run (must change nothing) | {warnings['again']['raised']:,} | "
			f"{warnings['again']['updated']:,} | {warnings['again']['no_longer_hold']:,} | {warnings['rerun_s']:.1f} |",
			"",
			"Warnings by type: " + ", ".join(f"{t} {c:,}" for t, c in sorted(warnings["by_type"].items())),
		]
	lines += [
		"",
		f"- Speed-up per evaluation, bulk over one at a time: **{per_slow / per_bulk:.1f}×**"
		if per_bulk
		else "- Speed-up: n/a",
		f"- Rows identical between the two paths ({gen['slow_n']} evaluations with their "
		f"{gen['score_rows']} score rows each, all columns but name/creation/modified/parent): "
		f"**{'yes' if gen['identical'] else 'NO'}**",
		f"- A rerun after completion created {gen['rerun']} evaluations.",
		"- Times are wall clock, median of 3 runs (generation: one run); ⚠ marks a screen over 1 s.",
	]
	return "\n".join(lines)


def main():
	parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--n", type=int, default=10000, help="cadres")
	parser.add_argument("--months", type=int, default=12)
	parser.add_argument("--skip-build", action="store_true", help="time the city already built")
	parser.add_argument(
		"--evaluations-only",
		action="store_true",
		help="build only the evaluations (after a run interrupted once the other records were written)",
	)
	args = parser.parse_args()
	connect(args.site)

	def log(message):
		print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)

	try:
		build_info = (
			None
			if args.skip_build
			else build(args.n, args.months, log, evaluations_only=args.evaluations_only)
		)
		months = months_ending_now(args.months)
		periods = build_periods(months)
		last = periods[-2] if len(periods) > 1 else periods[-1]
		if args.skip_build:
			names = frappe.get_all("Cadre Evaluation", {"evaluation_period": periods[-1]}, pluck="name")
			for i in range(0, len(names), 5000):
				delete_evaluations(names[i : i + 5000])
		log("timing monthly generation")
		gen = time_generation(periods[-1], args.n)
		log(f"generation: {gen['bulk_n']:,} in {gen['bulk_s']:.1f} s")
		log("timing the early-warning job")
		warnings = time_warnings()
		log(f"early warnings: {warnings['first']} in {warnings['s']:.1f} s, rerun {warnings['again']}")
		screens = {}
		for user in (ADMIN_USER, HEAD_USER):
			screens[user] = time_screens(user, last, months[-2] if len(months) > 1 else months[-1])
			log(f"screens timed as {user}")
		log("timing the year's classifications")
		cls = time_classifications(months[-2].year if len(months) > 1 else months[-1].year)
		log(f"classifications: {cls['n']:,} in {cls['s']:.1f} s")
		print(table(args.n, args.months, gen, screens, build_info, cls, warnings))
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main()
