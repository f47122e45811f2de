"""Each cadre's classification for a quarter or a year (`Cadre Classification`), issue #11.

The classification is the record an office approves at the end of a quarter or of the work year:
- **worked out** from the approved evaluations of the periods within its span (months of a quarter,
  months or quarters of a year) by `year_results.classify_cadre_span`, the computation the year's
  results and the Annual Classification Proposal use too: their average (Decree 335/2025 timing
  article: "the average score") and the highest level under the latest period's policy whose
  conditions hold over the span's summed task figures (Regulation 366 Art. 11);
- **discipline in the span** makes it the not-completed level (levels article 4(c), "disciplined in
  the year"): an approved evaluation that stayed forced there (not one the Standing Committee
  approved above it), or a disciplinary decision at reprimand or above *dated* in the span, even one
  taken after that month's evaluation was approved (`inputs.disciplined_cadres`, Decree 48/2023).
  Nobody may classify such a cadre higher;
- **Guidance 43-HD/BTCTW**: under a policy that rates the fourth quarter with the year
  (`Evaluation Policy.q4_with_year`, Regulation 366), Q4 gets no quarter classification; its
  evaluation counts in the year's;
- **a head held to his or her unit**: a head's year is not classified above the approved level of the
  unit he or she heads, where the office applies that rule (`unit_classification`, issue 29);
- **proposed** by the unit head (a different level needs a reason) and **approved** by the Standing
  Committee, within the top-level quota of the unit's pool (`evaluation.quota`): the classifications
  of the pool's units for the same span share one quota, and an approval that would exceed it is
  refused. The form shows the pool's figure at each save.

The Discipline Administrator creates a span's classifications for every cadre with an approved
evaluation in it (`create_cadre_classifications`), in the background with progress; a second run
creates nothing.
"""

from __future__ import annotations

from fractions import Fraction

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Coalesce
from frappe.utils import cint, flt, getdate, now

from soson_discipline import scoring
from soson_discipline.evaluation.compute import check_level_of_policy, require_level_reason
from soson_discipline.evaluation.generation import insert_rows, reserve_names
from soson_discipline.evaluation.inputs import disciplined_cadres, get_scoring_policy
from soson_discipline.evaluation.leave import full_span, time_worked_in_span
from soson_discipline.evaluation.quota import pool_members, quota_pools
from soson_discipline.evaluation.unit_classification import hold_head, unit_level_cap
from soson_discipline.evaluation.year_results import TASK_COLUMNS, classify_cadre_span, task_figures_of_row
from soson_discipline.jobs import enqueue, in_background
from soson_discipline.org import unit_quota_percents
from soson_discipline.scoring.periods import (
	CLASSIFICATION_TYPES,
	CLASSIFY_QUARTER,
	CLASSIFY_YEAR,
	classification_span,
)
from soson_discipline.states import CLASSIFICATION_DRAFT

CLASSIFICATION = "Cadre Classification"
BATCH_SIZE = 500


class QuotaExceededError(frappe.ValidationError):
	"""Approving a top-level classification would exceed its pool's quota."""


class NotClassifiedError(frappe.ValidationError):
	"""The span gets no classification: no approved evaluation in it outside leave, or too little
	time worked in the year (Decree 90/2020 Art. 2 cl. 3)."""


# --------------------------------------------------------------------------------------------------
# The span and its evaluations
# --------------------------------------------------------------------------------------------------


def parse_span(classification_type, year, quarter=None) -> tuple[str, int, int | None]:
	"""The span as the desk sends it (year and quarter as text), checked: a translated error names
	the field and the reason."""
	if classification_type not in CLASSIFICATION_TYPES:
		frappe.throw(
			_("{0} must be one of {1}.").format(
				frappe.bold(_("Classification Type")), ", ".join(_(t) for t in CLASSIFICATION_TYPES)
			),
			title=_("Invalid Value"),
		)
	text = str(year if year is not None else "").strip()
	if not text.isdigit() or not 2000 <= cint(text) <= 2100:
		frappe.throw(
			_("{0} must be a year between 2000 and 2100, not {1}.").format(
				frappe.bold(_("Year")), frappe.bold(text or _("empty"))
			),
			title=_("Invalid Value"),
		)
	q = None
	if classification_type == CLASSIFY_QUARTER:
		q_text = str(quarter if quarter is not None else "").strip()
		if q_text not in ("1", "2", "3", "4"):
			frappe.throw(
				_("{0} must be 1, 2, 3 or 4 for a quarter's classification.").format(
					frappe.bold(_("Quarter"))
				),
				title=_("Invalid Value"),
			)
		q = int(q_text)
	return classification_type, cint(text), q


def approved_evaluations(cadres: list[str], start, end) -> dict[str, list[frappe._dict]]:
	"""{cadre: the approved evaluations of the periods lying within start..end, oldest first}; a
	period on leave is left out (Decree 335/2025, timing article cl. 3: the time actually worked)."""
	if not cadres:
		return {}
	ce = DocType("Cadre Evaluation")
	rows = (
		frappe.qb.from_(ce)
		.select(
			ce.name,
			ce.cadre,
			ce.evaluation_period,
			ce.period_start,
			ce.total_score,
			ce.final_level,
			ce.final_level_label,
			ce.evaluation_policy,
			ce.not_completed_forced,
			ce.forced_level_lifted,
			*(ce[column] for column in TASK_COLUMNS),
		)
		.where(
			(ce.docstatus == 1)
			& (ce.on_leave == 0)
			& ce.cadre.isin(cadres)
			& (ce.period_start >= getdate(start))
			& (ce.period_end <= getdate(end))
		)
		.orderby(ce.cadre)
		.orderby(ce.period_start)
		.run(as_dict=True)
	)
	found: dict[str, list[frappe._dict]] = {}
	for row in rows:
		found.setdefault(row.cadre, []).append(row)
	return found


def rates_q4_with_year(policy_name: str | None) -> bool:
	return bool(policy_name and frappe.db.get_value("Evaluation Policy", policy_name, "q4_with_year"))


# --------------------------------------------------------------------------------------------------
# Working a classification out
# --------------------------------------------------------------------------------------------------


def work_out(doc, evaluations: list | None = None, discipline_outcome=False, worked_of=False) -> None:
	"""Fill `doc`'s span, counted evaluations, average, proposed level and discipline. `evaluations`,
	`discipline_outcome` (the heaviest outcome dated in the span, None for none) and `worked_of` (the
	cadre's `leave.time_worked_in_span` of the year, None for a whole year worked) are read here
	unless a batch prefetched them. A year with too little time worked raises `NotClassifiedError`."""
	start, end = classification_span(doc.classification_type, doc.year, cint(doc.quarter) or None)
	doc.period_start, doc.period_end = start, end
	if evaluations is None:
		evaluations = approved_evaluations([doc.cadre], start, end).get(doc.cadre, [])
	if not evaluations:
		frappe.throw(
			_("{0} has no approved evaluation between {1} and {2}: there is nothing to classify.").format(
				frappe.bold(doc.cadre_name or doc.cadre),
				frappe.format(start, {"fieldtype": "Date"}),
				frappe.format(end, {"fieldtype": "Date"}),
			),
			title=_("Nothing to Classify"),
			exc=NotClassifiedError,
		)
	policy_name = evaluations[-1].evaluation_policy
	if (
		doc.classification_type == CLASSIFY_QUARTER
		and cint(doc.quarter) == 4
		and rates_q4_with_year(policy_name)
	):
		frappe.throw(
			_(
				"Policy {0} rates the fourth quarter with the year (Guidance 43-HD/BTCTW): {1} 4 gets no classification of its own; classify the year instead."
			).format(frappe.bold(policy_name), frappe.bold(_("Quarter"))),
			title=_("Invalid Value"),
		)
	policy = get_scoring_policy(policy_name)
	doc.evaluation_policy = policy_name
	counted = [
		{
			"cadre_evaluation": row.name,
			"evaluation_period": row.evaluation_period,
			"period_start": getdate(row.period_start),
			"total_score": flt(row.total_score),
			"final_level": row.final_level,
			"final_level_label": row.final_level_label,
			"forced_level_lifted": int(bool(row.not_completed_forced and row.forced_level_lifted)),
		}
		for row in evaluations
	]
	kept = [
		{key: (getdate(r.get(key)) if key == "period_start" else r.get(key)) for key in counted[0]}
		for r in doc.get("periods") or []
	]
	if [
		{**r, "total_score": flt(r["total_score"]), "forced_level_lifted": cint(r["forced_level_lifted"])}
		for r in kept
	] != counted:
		# rows rewritten only when an evaluation changed: the version history shows real changes
		doc.set("periods", counted)
	total = Fraction(0)
	tasks = scoring.TaskFigures()
	for row in evaluations:
		total += Fraction(repr(flt(row.total_score)))
		tasks += task_figures_of_row(row)
	doc.periods_counted = len(evaluations)
	if discipline_outcome is False:
		discipline_outcome = disciplined_cadres(start, end, [doc.cadre]).get(doc.cadre)
	kept_forced = any(row.not_completed_forced and not row.forced_level_lifted for row in evaluations)
	worked = None
	if doc.classification_type == CLASSIFY_YEAR:
		if worked_of is False:
			worked_of = time_worked_in_span(start, end, [doc.cadre]).get(doc.cadre)
		worked = worked_of or full_span(start, end)
	result = classify_cadre_span(
		policy, total, len(evaluations), tasks, kept_forced, discipline_outcome, worked
	)
	if result.not_classified:
		frappe.throw(
			"<br>".join(reason.text(_) for reason in result.reasons),
			title=_("Not Classified"),
			exc=NotClassifiedError,
		)
	doc.average_score, level = result.average, result.level_code
	doc.disciplined = int(result.forced)
	reasons = [reason.text(_) for reason in result.reasons]
	if doc.classification_type == CLASSIFY_YEAR:
		level, held = hold_head(policy, level, unit_level_cap(doc.cadre, doc.year))
		reasons += [held] if held else []
	doc.reasons = "\n".join(reasons) or None
	doc.proposed_level = level
	doc.proposed_level_label = level_label(policy, level)


def rework_classifications(cadre: str, days, approved_note) -> None:
	"""After a change that reaches `days` of `cadre`'s record (the dates of disciplinary decisions,
	the first and last day of a leave): the draft classifications whose span overlaps them are
	worked out again (a level that followed
	the proposal follows it still; a cadre now disciplined goes to it); an approved one gets the
	timeline comment `approved_note(doc)` — it is the Standing Committee's to reconsider."""
	cc = DocType(CLASSIFICATION)
	rows = (
		frappe.qb.from_(cc)
		.select(cc.name, cc.docstatus, cc.period_start, cc.period_end)
		.where((cc.cadre == cadre) & (cc.docstatus < 2))
		.run(as_dict=True)
	)
	first, last = min(getdate(day) for day in days), max(getdate(day) for day in days)
	for row in rows:
		if getdate(row.period_start) > last or getdate(row.period_end) < first:
			continue
		doc = frappe.get_doc(CLASSIFICATION, row.name)
		if row.docstatus == 1:
			doc.add_comment("Info", approved_note(doc))
			continue
		followed = doc.final_level == doc.proposed_level
		try:
			work_out(doc)
		except NotClassifiedError:
			continue  # nothing left to classify, or too little time worked: the draft's next save says why
		if (followed or doc.disciplined) and doc.final_level != doc.proposed_level:
			doc.final_level, doc.level_reason = doc.proposed_level, None
		doc.flags.ignore_permissions = True
		doc.save()


def level_label(policy, level: str | None) -> str:
	band = policy.band(level) if level else None
	return band.level_label if band else ""


def validate_final_level(doc) -> None:
	"""The final level defaults to the proposal; another level of the policy needs a reason, and a
	cadre disciplined in the span stays at the not-completed level."""
	policy = get_scoring_policy(doc.evaluation_policy)
	doc.final_level = (doc.final_level or "").strip() or doc.proposed_level
	check_level_of_policy(policy, doc.evaluation_policy, doc.final_level)
	doc.final_level_label = level_label(policy, doc.final_level)
	check_held_to_unit(doc, policy)
	if doc.final_level == doc.proposed_level:
		doc.level_reason = None
		return
	if doc.disciplined and policy.not_completed_on_discipline:
		frappe.throw(
			_(
				"{0} was disciplined between {1} and {2}: the classification stays {3} (Decree 335/2025 Art. 20)."
			).format(
				frappe.bold(doc.cadre_name),
				frappe.format(doc.period_start, {"fieldtype": "Date"}),
				frappe.format(doc.period_end, {"fieldtype": "Date"}),
				frappe.bold(policy.not_completed_level_code),
			),
			title=_("Invalid Level"),
		)
	require_level_reason(doc)


def check_held_to_unit(doc, policy) -> None:
	"""A head's year is not classified above the approved level of the unit he or she heads, where the
	office applies that rule (`unit_classification.unit_level_cap`)."""
	if doc.classification_type != CLASSIFY_YEAR:
		return
	cap = unit_level_cap(doc.cadre, doc.year)
	held, why = hold_head(policy, doc.final_level, cap)
	if held != doc.final_level:
		frappe.throw(
			_("{0} {1} is above the level of the unit {2} heads: {3}").format(
				frappe.bold(_("Final Level")), frappe.bold(doc.final_level), frappe.bold(doc.cadre_name), why
			),
			title=_("Invalid Level"),
		)


def of_the_span(cc, classification_type: str, year, quarter) -> object:
	"""The condition on `tabCadre Classification` (`cc`) of the classifications of a span that are not
	cancelled."""
	return (
		(cc.classification_type == classification_type)
		& (cc.year == cint(year))
		& (Coalesce(cc.quarter, "") == (str(quarter) if quarter else ""))
		& (cc.docstatus < 2)
	)


def others_of_the_span(cc, doc) -> object:
	"""`of_the_span` of `doc`'s span, `doc` itself left out."""
	return of_the_span(cc, doc.classification_type, doc.year, doc.quarter) & (cc.name != (doc.name or ""))


def validate_duplicate(doc) -> None:
	cc = DocType(CLASSIFICATION)
	other = (
		frappe.qb.from_(cc)
		.select(cc.name)
		.where((cc.cadre == doc.cadre) & others_of_the_span(cc, doc))
		.run(pluck=True)
	)
	if other:
		frappe.throw(
			_("{0} already has a classification for this {1}: {2}.").format(
				frappe.bold(doc.cadre_name or doc.cadre), _(doc.classification_type).lower(), other[0]
			),
			title=_("Duplicate Classification"),
			exc=frappe.DuplicateEntryError,
		)


# --------------------------------------------------------------------------------------------------
# The quota of the pool
# --------------------------------------------------------------------------------------------------


def pool_quota(doc, lock: bool = False) -> tuple[str, scoring.QuotaCheck]:
	"""The pool of `doc`'s unit and its quota for the span: the base counts every classification of
	the pool's units that is not cancelled (drafts at their current level: they will be rated), the top
	level counts those approved at it, plus `doc` at its level as edited. The first approvals fill the
	quota; the one beyond it is refused.

	With `lock` (an approval, which took `lock_pool` first), the pool is counted with a locking read,
	which sees what another approval committed meanwhile (a plain read would see the transaction's
	older snapshot)."""
	pool = pool_of(doc)
	units = pool_members([pool]).get(pool) or [pool]
	policy = get_scoring_policy(doc.evaluation_policy)
	cc = DocType(CLASSIFICATION)
	query = (
		frappe.qb.from_(cc)
		.select(cc.final_level, cc.docstatus)
		.where(cc.organization_unit.isin(units) & others_of_the_span(cc, doc))
	)
	if lock:
		query = query.for_update()
	rows = query.run(as_dict=True)
	# a draft at the top level is in the base as one rated good, not yet in the top count
	not_yet = policy.good_level_code or NOT_YET_TOP
	levels = [
		not_yet if row.final_level == policy.top_level_code and row.docstatus == 0 else row.final_level
		for row in rows
	]
	levels.append(doc.final_level)
	return pool, scoring.check_quota(policy, levels, unit_quota_percents([pool]).get(pool))


def pool_of(doc) -> str:
	"""The unit whose quota `doc`'s unit counts in (`evaluation.quota`)."""
	return quota_pools([doc.organization_unit]).get(doc.organization_unit) or doc.organization_unit


def lock_pool(doc) -> str:
	"""Take the lock of `doc`'s quota pool for the rest of the transaction (the pool unit's row), before
	the approval locks anything else: two approvals racing for the pool's last top-level place are
	then taken one after the other, and the second counts the first (`pool_quota`). Taken first, it
	never waits on a row the other approval holds, so the two cannot deadlock. Returns the pool."""
	pool = pool_of(doc)
	ou = DocType("Organization Unit")
	frappe.qb.from_(ou).select(ou.name).where(ou.name == pool).for_update().run()
	return pool


# the stand-in level of a top-level draft where the policy names no good level (counted as rated)
NOT_YET_TOP = "~"


def quota_text(doc, pool: str, quota) -> str:
	policy = get_scoring_policy(doc.evaluation_policy)
	pool_name = frappe.db.get_value("Organization Unit", pool, "unit_name") or pool
	text = {
		scoring.QUOTA_BASE_RATED_GOOD: _(
			"Top level {0} in {1} for this span: {2} approved, counting this one if it is at that level, of the {3} classifications at good; at most {4} may be ({5}% of {3})."
		),
		scoring.QUOTA_BASE_GOOD_OR_BETTER: _(
			"Top level {0} in {1} for this span: {2} approved, counting this one if it is at that level, of the {3} classifications at good or better; at most {4} may be ({5}% of {3})."
		),
	}.get(
		policy.quota_base,
		_(
			"Top level {0} in {1} for this span: {2} approved, counting this one if it is at that level, of the {3} classifications; at most {4} may be ({5}% of {3})."
		),
	)
	return text.format(
		policy.top_level_code,
		pool_name,
		quota.top_count,
		quota.base_count,
		quota.allowed,
		f"{quota.percent:g}",
	)


def check_pool_quota(doc) -> None:
	"""At each save, the pool's figure on the form (`quota_note`); at approval, a top-level
	classification only within the pool's quota, counted under the pool's lock (`pool_quota`). One
	count of the pool serves both. A policy that holds the quota in the year's classification only
	(Decree 335/2025) sets none on a quarter's."""
	policy = get_scoring_policy(doc.evaluation_policy)
	if not policy.quota_applies_to(doc.classification_type):
		doc.quota_note = _("The policy applies the top-level quota to the year's classification only.")
		return
	approving = doc._action == "submit"
	pool, quota = pool_quota(doc, lock=approving)
	doc.quota_note = quota_text(doc, pool, quota)
	if not approving or quota.ok or doc.final_level != policy.top_level_code:
		return
	frappe.throw(
		_("{0} cannot be approved at {1}: {2} Lower a classification of the pool first.").format(
			frappe.bold(doc.cadre_name), frappe.bold(doc.final_level), doc.quota_note
		),
		title=_("Quota Exceeded"),
		exc=QuotaExceededError,
	)


CADRE_FIELDS = ("full_name", "user", "is_leader", "organization_unit")


def set_cadre_details(doc, cadre) -> None:
	"""The cadre's name, user and leadership on `doc`, from a row of `CADRE_FIELDS`; the unit the
	cadre works in when the classification is made, fixed from then on."""
	doc.cadre_name, doc.cadre_user, doc.is_leader = cadre.full_name, cadre.user, cadre.is_leader
	if not doc.organization_unit:
		doc.organization_unit = cadre.organization_unit


# --------------------------------------------------------------------------------------------------
# Creating a span's classifications
# --------------------------------------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def create_cadre_classifications(classification_type, year, quarter=None, organization_unit=None):
	"""Create the drafts of the span for every cadre with an approved evaluation in it (of
	`organization_unit` when given) who has none yet. Large runs go to the "long" queue with progress.
	Returns {"created": n} or {"queued": n}."""
	frappe.has_permission(CLASSIFICATION, "create", throw=True)
	classification_type, year, quarter = parse_span(classification_type, year, quarter)
	if organization_unit and not frappe.db.exists("Organization Unit", organization_unit):
		frappe.throw(
			_("{0} {1} does not exist.").format(frappe.bold(_("Organization Unit")), organization_unit),
			exc=frappe.LinkValidationError,
		)
	cadres = cadres_to_classify(classification_type, year, quarter, organization_unit)
	if in_background(len(cadres)):
		enqueue(
			make_classifications,
			job_id=f"classifications-{classification_type}-{year}-{quarter or ''}",
			timeout=7200,
			classification_type=classification_type,
			year=year,
			quarter=quarter,
			cadres=cadres,
			publish=True,
		)
		return {"queued": len(cadres)}
	return {"created": make_classifications(classification_type, year, quarter, cadres)}


def cadres_to_classify(classification_type, year, quarter, organization_unit=None) -> list[str]:
	start, end = classification_span(classification_type, year, quarter)
	ce = DocType("Cadre Evaluation")
	query = (
		frappe.qb.from_(ce)
		.select(ce.cadre)
		.distinct()
		.where((ce.docstatus == 1) & (ce.period_start >= start) & (ce.period_end <= end))
	)
	if organization_unit:
		# the span is classified where the cadre works now, with the months of a unit he or she left
		cadre = DocType("Cadre")
		query = query.where(
			ce.cadre.isin(
				frappe.qb.from_(cadre).select(cadre.name).where(cadre.organization_unit == organization_unit)
			)
		)
	cc = DocType(CLASSIFICATION)
	done = set(
		frappe.qb.from_(cc)
		.select(cc.cadre)
		.where(of_the_span(cc, classification_type, year, quarter))
		.run(pluck=True)
	)
	return sorted(c for c in query.run(pluck=True) if c not in done)


def make_classifications(classification_type, year, quarter, cadres, publish=False) -> int:
	"""Create a draft for each of `cadres`: the inputs read a batch at a time, each draft worked out
	by the rules a save applies (`CadreClassification.validate`), the batch written with two
	multi-row INSERTs (a city's 100,000 cadres, not 100,000 saves and their workflow actions)."""
	start, end = classification_span(classification_type, year, quarter)
	created = 0
	for i in range(0, len(cadres), BATCH_SIZE):
		batch = cadres[i : i + BATCH_SIZE]
		evaluations = approved_evaluations(batch, start, end)
		outcomes = disciplined_cadres(start, end, batch)
		worked_of = time_worked_in_span(start, end, batch)
		people = {
			row.name: row
			for row in frappe.get_all(
				"Cadre", filters={"name": ("in", batch)}, fields=["name", *CADRE_FIELDS]
			)
		}
		drafts = []
		for cadre in batch:
			if not evaluations.get(cadre) or cadre not in people:
				continue
			doc = frappe.new_doc(CLASSIFICATION)
			set_cadre_details(doc, people[cadre])
			doc.update(
				{
					"cadre": cadre,
					"classification_type": classification_type,
					"year": year,
					"quarter": str(quarter) if quarter else "",
					"workflow_state": DRAFT,
				}
			)
			try:
				work_out(doc, evaluations[cadre], outcomes.get(cadre), worked_of.get(cadre))
			except NotClassifiedError:
				continue  # too little time worked: no classification (Decree 90/2020 Art. 2 cl. 3)
			validate_final_level(doc)
			drafts.append(doc)
		created += len(write_drafts(drafts))
		if publish:
			frappe.db.commit()  # a city's year: each batch kept as it is done
			frappe.publish_progress(
				min(i + BATCH_SIZE, len(cadres)) * 100 / len(cadres),
				title=_("Creating classifications"),
				description=_("{0} of {1} cadres").format(min(i + BATCH_SIZE, len(cadres)), len(cadres)),
			)
	return created


DRAFT = CLASSIFICATION_DRAFT


def write_drafts(drafts: list) -> list[str]:
	"""Insert worked-out drafts with their period rows, named from the DocType's series
	(format:XL-{year}-{#####}), with the columns `Document.insert` writes; returns their names."""
	if not drafts:
		return []
	user, timestamp = frappe.session.user, now()
	stamp = {"owner": user, "modified_by": user, "creation": timestamp, "modified": timestamp, "docstatus": 0}
	names = reserve_names(len(drafts), f"XL-{drafts[0].year}-", 5)
	parents, children = [], []
	for doc, name in zip(drafts, names, strict=True):
		doc.update({**stamp, "name": name})
		for idx, row in enumerate(doc.periods, 1):
			row.update(
				{**stamp, "name": f"{name}-{idx}", "idx": idx, "parent": name, "parentfield": "periods"}
			)
			row.parenttype = CLASSIFICATION
			children.append(row.get_valid_dict(convert_dates_to_str=True))
		parents.append(doc.get_valid_dict(convert_dates_to_str=True))
	insert_rows(CLASSIFICATION, parents)
	insert_rows("Cadre Classification Period", children)
	return names
