"""Each cadre's year of approved evaluations, summed and classified (`Cadre Year Result`): what the
Annual Classification Proposal proposes, kept so that a city's year is read without summing its 1.2
million evaluations (issue #12).

- `year_proposals` sums a year's approved evaluations per cadre in SQL (exact DECIMAL sums of the
  totals and of the converted task figures, the latest period's policy, unit and name) and works out
  each proposal with `classify_cadre_span`, the computation Cadre Classification uses too: the
  average of the period totals, the highest level whose conditions hold over the year's tasks
  (`scoring.classify_span`), the policy's not-completed level when a period stayed forced there (a
  forcing the Standing Committee lifted does not count) or when a disciplinary decision at reprimand
  or above is dated in the year — even one recorded after that month was approved (Decree 335/2025
  levels article 4(c); Decree 48/2023: not counted twice across years). The report computes exactly
  this, live, for a unit, a unit head's scope or before the results are built.
- Approving, cancelling or changing an approved evaluation recounts that cadre's year in the same
  transaction (`on_evaluation_change`); a nightly job on the `long` queue recounts the current and
  the previous year and rewrites the cadres that differ (`reconcile_year_results`): a second run
  changes nothing.
- The board's proposal for the whole city reads the stored results (`reads_year_results`).
"""

from __future__ import annotations

import hashlib

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Coalesce, Concat, Count, Max, Min, Sum
from frappe.utils import flt, getdate, now

from soson_discipline import scoring
from soson_discipline.evaluation.inputs import disciplined_cadres, get_scoring_policy
from soson_discipline.evaluation.leave import full_span, time_worked_in_span
from soson_discipline.permissions import get_scope_condition

RESULT = "Cadre Year Result"
READY_KEY = "soson_year_results_ready"
"""Site default set once every year with approved evaluations has its results."""

# between the parts of the latest period's key in one MAX(); a character no name or code contains
SEPARATOR = "\x1f"

NOT_CLASSIFIED = "Not Classified"
"""The label of a year with too little time worked (Decree 90/2020 Art. 2 cl. 3): no level."""

CADRES_PER_BATCH = 5000
# Above this many cadres the year's discipline is read for everyone at once (not by a list of names).
DISCIPLINE_BY_NAME_UP_TO = 1000

TASK_COLUMNS = (
	"tasks_assigned",
	"tasks_completed",
	"tasks_on_time",
	"tasks_late",
	"tasks_failed",
	"tasks_exceeded",
)
"""The converted task figures of an evaluation, summed over a span for the levels' conditions."""

ROW_FIELDS = (
	*("name", "creation", "modified", "modified_by", "owner", "docstatus", "idx"),
	*("cadre", "cadre_name", "year", "organization_unit", "evaluation_policy", "latest_period_start"),
	*("months", "total_score", "average_score", "lowest_score", "highest_score", "disciplined"),
	*("proposed_level", "proposed_level_label"),
)


# --------------------------------------------------------------------------------------------------
# A year's proposals
# --------------------------------------------------------------------------------------------------


def year_periods(year: int) -> list[str]:
	ep = DocType("Evaluation Period")
	return (
		frappe.qb.from_(ep)
		.select(ep.name)
		.where((ep.period_start >= f"{year}-01-01") & (ep.period_end <= f"{year}-12-31"))
		.run(pluck=True)
	)


def kept_forcing(ce):
	"""1 for an evaluation that stayed at the not-completed level a condition forced (discipline or a
	forcing violation category) — not one the Standing Committee approved above it."""
	return Case().when((ce.not_completed_forced == 1) & (ce.forced_level_lifted == 0), 1).else_(0)


def year_scores_query(periods: list[str]):
	"""One row a cadre: the approved evaluations of `periods` not on leave summed, counted, their
	lowest and highest, their task figures summed, whether one stayed forced to not completed, and
	the latest period's start, policy, unit and name."""
	ce = DocType("Cadre Evaluation")
	# the evaluation's own period_start (fetched from its period): no join
	parts = (ce.evaluation_policy, ce.organization_unit, ce.cadre_name)
	latest = Max(
		Concat(ce.period_start, *(term for part in parts for term in (SEPARATOR, Coalesce(part, ""))))
	)
	return (
		frappe.qb.from_(ce)
		.select(
			ce.cadre,
			Count("*").as_("months"),
			Sum(ce.total_score).as_("total"),
			Min(ce.total_score).as_("lowest_score"),
			Max(ce.total_score).as_("highest_score"),
			Max(kept_forcing(ce)).as_("disciplined"),
			*(Sum(ce[column]).as_(column) for column in TASK_COLUMNS),
			latest.as_("latest"),
		)
		.where((ce.docstatus == 1) & (ce.on_leave == 0) & ce.evaluation_period.isin(periods or [""]))
		.groupby(ce.cadre)
	)


def classify_cadre_span(
	policy, total, periods: int, tasks, kept_forced: bool, outcome, worked=None
) -> scoring.SpanResult:
	"""A cadre's quarter or year: `scoring.classify_span` on the sum of the approved period totals
	(those on leave left out), their summed task figures, forced to not completed when a period
	stayed forced (`kept_forced`) or a discipline `outcome` at reprimand or above counts in the span
	(`inputs.disciplined_cadres`), and for a year the time `worked` (`leave.time_worked_in_span`). The one
	computation behind Cadre Classification, Cadre Year Result and the Annual Classification
	Proposal."""
	return scoring.classify_span(policy, total, periods, tasks, span_forced(kept_forced, outcome), worked)


def span_forced(kept_forced, outcome) -> bool:
	"""A span is forced to not completed when a period stayed forced there, a discipline outcome at
	reprimand or above counts in it, or a unit the cadre leads directly was dealt with for corruption
	or waste in it (`scoring.SPAN_FORCING_OUTCOMES`)."""
	return bool(kept_forced) or outcome in scoring.SPAN_FORCING_OUTCOMES


def task_figures_of_row(row) -> scoring.TaskFigures:
	"""The summed task figures of a row with `TASK_COLUMNS`."""
	return scoring.TaskFigures(*(flt(row.get(column)) for column in TASK_COLUMNS))


def propose(rows, year: int, translate: bool = True) -> list[dict]:
	"""The proposal of each summed row of `year_scores_query` for `year` (level labels in the user's
	language, or as the policy stores them when not `translate`)."""
	data = []
	policies = {}
	start, end = f"{year}-01-01", f"{year}-12-31"
	names = [row.cadre for row in rows]
	by_name = names if len(names) <= DISCIPLINE_BY_NAME_UP_TO else None
	outcomes = disciplined_cadres(start, end, by_name)
	worked_of = time_worked_in_span(start, end, by_name)
	whole_year = full_span(start, end)
	# a city has 100,000 cadres but few distinct sums and levels: each is worked out once
	levels: dict[tuple, scoring.SpanResult] = {}
	labels: dict[tuple, str] = {}
	for row in rows:
		start_day, policy_name, unit, cadre_name = row.latest.split(SEPARATOR, 3)
		if policy_name not in policies:
			policies[policy_name] = get_scoring_policy(policy_name)
		policy = policies[policy_name]
		tasks = task_figures_of_row(row)
		forced = span_forced(row.disciplined, outcomes.get(row.cadre))
		worked = worked_of.get(row.cadre, whole_year)
		key = (policy_name, row.total, row.months, tasks, forced, worked)
		if key not in levels:
			levels[key] = scoring.classify_span(policy, row.total, row.months, tasks, forced, worked)
		result = levels[key]
		level = result.level_code
		if (policy_name, level) not in labels:
			band = policy.band(level)
			label = band.level_label if band else NOT_CLASSIFIED
			labels[(policy_name, level)] = _(label) if translate and label else label
		data.append(
			{
				"cadre": row.cadre,
				"cadre_name": cadre_name,
				"organization_unit": unit,
				"evaluation_policy": policy_name,
				"latest_period_start": getdate(start_day),
				"months": row.months,
				"total_score": row.total,
				"average_score": result.average,
				"lowest_score": flt(row.lowest_score),
				"highest_score": flt(row.highest_score),
				"disciplined": int(result.forced),
				"proposed_level": level,
				"proposed_level_label": labels[(policy_name, level)],
			}
		)
	return data


def year_proposals(year: int, cadres: list[str] | None = None) -> list[dict]:
	"""The untranslated proposals of `year` (of `cadres`, default every cadre), as stored."""
	query = year_scores_query(year_periods(year))
	if cadres is not None:
		ce = DocType("Cadre Evaluation")
		query = query.where(ce.cadre.isin(cadres or [""]))
	return propose(query.run(as_dict=True), year, translate=False)


# --------------------------------------------------------------------------------------------------
# Keeping them
# --------------------------------------------------------------------------------------------------


def on_evaluation_change(doc, method=None):
	"""`on_submit`, `on_cancel`, `on_update_after_submit` and `on_trash` of Cadre Evaluation: the
	cadre's year is counted again (not for a draft deleted: it never counted)."""
	if method == "on_trash" and not doc.docstatus:
		return
	if doc.cadre and doc.period_start:
		write_results(getdate(doc.period_start).year, [doc.cadre])


def write_results(year: int, cadres: list[str], proposals: list[dict] | None = None) -> None:
	"""Replace the stored results of `cadres` in `year` by their proposals (worked out here unless
	given; a cadre without one: no row)."""
	if proposals is None:
		proposals = year_proposals(year, cadres)
	result = DocType(RESULT)
	frappe.qb.from_(result).delete().where((result.year == year) & result.cadre.isin(cadres)).run()
	stamp = now()
	rows = [
		[
			row_name(row["cadre"], year),
			stamp,
			stamp,
			"Administrator",
			"Administrator",
			0,
			0,
			*(row[f] if f != "year" else year for f in ROW_FIELDS[7:]),
		]
		for row in proposals
	]
	frappe.db.bulk_insert(RESULT, ROW_FIELDS, rows, chunk_size=2000)


def row_name(cadre: str, year: int) -> str:
	return hashlib.md5(f"{cadre}{SEPARATOR}{year}".encode()).hexdigest()


def reconcile_year_results(years: list[int] | None = None, publish: bool = False) -> int:
	"""Recount the years (default: this one and the last) and rewrite the cadres whose stored result
	differs. Returns how many cadres were rewritten: 0 when all agree, so a second run changes nothing.
	Marks the results ready the first time every year with approved evaluations was recounted."""
	every_year = years is None and not frappe.db.get_default(READY_KEY)
	if every_year:
		years = sorted(set(years_with_approved_evaluations()) | {getdate().year})
	elif years is None:
		years = [getdate().year - 1, getdate().year]
	rewritten = 0
	for done, year in enumerate(years, 1):
		live = {row["cadre"]: row for row in year_proposals(year)}
		stored = {row.cadre: row for row in stored_results(year)}
		wrong = sorted(c for c in live.keys() | stored.keys() if not same(live.get(c), stored.get(c), year))
		for i in range(0, len(wrong), CADRES_PER_BATCH):
			batch = wrong[i : i + CADRES_PER_BATCH]
			write_results(year, batch, [live[c] for c in batch if c in live])
		rewritten += len(wrong)
		if publish:
			frappe.publish_progress(done * 100 / len(years), title=_("Recounting the year's evaluations"))
	if every_year:
		frappe.db.set_default(READY_KEY, "1")
	return rewritten


def years_with_approved_evaluations() -> list[int]:
	ce = DocType("Cadre Evaluation")
	starts = frappe.qb.from_(ce).select(ce.period_start).distinct().where(ce.docstatus == 1).run(pluck=True)
	return sorted({getdate(start).year for start in starts if start})


def stored_results(year: int) -> list[frappe._dict]:
	return frappe.get_all(RESULT, filters={"year": year}, fields=list(ROW_FIELDS[7:]))


def same(live: dict | None, stored, year: int) -> bool:
	if live is None or stored is None:
		return live is None and stored is None
	for field in ROW_FIELDS[7:]:
		if field == "year":
			continue
		a, b = live[field], stored.get(field)
		if field in ("total_score", "average_score", "lowest_score", "highest_score"):
			if abs(flt(a, 9) - flt(b, 9)) > 1e-9:
				return False
		elif field == "latest_period_start":
			if getdate(a) != getdate(b):
				return False
		elif (a or None) != (b or None) and str(a) != str(b):
			return False
	return True


# --------------------------------------------------------------------------------------------------
# Reading them
# --------------------------------------------------------------------------------------------------


def reads_whole_city(filters) -> bool:
	"""Whether the proposal covers every cadre's year: no unit is chosen and the reader sees every
	evaluation (the board)."""
	return not filters.get("organization_unit") and not get_scope_condition("Cadre Evaluation")


def reads_year_results(filters) -> bool:
	"""Whether the proposal may read the stored results: they are built and it covers the whole city.
	A unit, or a unit head's scope, is computed live."""
	return bool(frappe.db.get_default(READY_KEY)) and reads_whole_city(filters)


def stored_view(year: int, limit: int) -> tuple[list[dict], int, dict[str, int]]:
	"""The first `limit` results of `year` by name (labels in the user's language), how many there
	are, and how many propose each level."""
	result = DocType(RESULT)
	rows = (
		frappe.qb.from_(result)
		.select(*(result[f] for f in ROW_FIELDS[7:] if f not in ("year", "total_score")))
		.where(result.year == year)
		.orderby(result.cadre_name)
		.orderby(result.cadre)
		.limit(limit)
		.run(as_dict=True)
	)
	for row in rows:
		row.proposed_level_label = _(row.proposed_level_label) if row.proposed_level_label else ""
		row.disciplined = int(row.disciplined or 0)
	counts = dict(
		frappe.qb.from_(result)
		.select(result.proposed_level, Count("*"))
		.where(result.year == year)
		.groupby(result.proposed_level)
		.run()
	)
	return rows, sum(counts.values()), counts
