"""What an evaluation is scored from: the policy in force, its criteria, and the cadres' task and
violation figures of the period — each fetched for many cadres at once for the monthly generation."""

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Coalesce, Count, Max, Min
from frappe.utils import flt, getdate

from soson_discipline import scoring
from soson_discipline.campaign.task_rules import get_task_figures, task_figures_of
from soson_discipline.org import get_subtree_units, headed_units, leaders_of_units, led_units, led_units_of
from soson_discipline.states import CADRE_ACTIVE, EVAL_APPROVED, EVAL_RATED, VIOLATION_VERIFIED_STATES

__all__ = [
	"approved_use_of_policy",
	"build_score_rows",
	"evaluation_key",
	"get_policy_criteria",
	"categories_with_own_policy",
	"categories_outside_their_text",
	"category_lines",
	"governed_categories",
	"disciplined_cadres",
	"get_policy_for_date",
	"policies_in_force",
	"get_scoring_policy",
	"get_task_figures",
	"get_violation_figures",
	"task_figures_of",
	"unit_result_factor",
	"units_pending_before_head",
	"violation_figures_of",
]


def evaluation_key(period: str, cadre: str) -> str:
	"""The unique key of a live evaluation (an evaluation's name once it is cancelled)."""
	return f"{period}:{cadre}"


# --------------------------------------------------------------------------------------------------
# Policy
# --------------------------------------------------------------------------------------------------


def _policies_in_force(date, period_type: str | None = None):
	"""The query of the enabled policies in force on ``date`` (of ``period_type`` when given), the
	latest to take effect first."""
	policy = DocType("Evaluation Policy")
	query = (
		frappe.qb.from_(policy)
		.select(policy.name, Coalesce(policy.cadre_category, "").as_("cadre_category"))
		.where(
			(policy.disabled == 0)
			& (policy.effective_from <= date)
			& (policy.effective_to.isnull() | (policy.effective_to >= date))
		)
		.orderby(policy.effective_from, order=frappe.qb.desc)
		.orderby(policy.name)
	)
	if period_type:
		query = query.where(policy.period_type == period_type)
	return query


def policies_in_force(date) -> dict[str, str]:
	"""{cadre category: policy} of the policies in force on ``date``: one a category that has a policy
	of its own, and under "" the one for every other category (else Discipline Settings' default)."""
	by_category: dict[str, str] = {}
	for row in _policies_in_force(getdate(date)).run(as_dict=True):
		by_category.setdefault(row.cadre_category, row.name)
	if "" not in by_category:
		if default := frappe.db.get_single_value("Discipline Settings", "default_evaluation_policy"):
			by_category[""] = default
	return by_category


def get_policy_for_date(
	date, period_type: str | None = None, cadre_category: str | None = None
) -> str | None:
	"""The enabled policy in force on ``date`` for cadres of ``cadre_category``: the category's own if
	it has one, else the one for every category (the latest to take effect if several; of
	``period_type`` when given), else Discipline Settings' default policy, else None."""
	policy = DocType("Evaluation Policy")
	categories = list({"", cadre_category or ""})
	query = _policies_in_force(getdate(date), period_type).where(
		Coalesce(policy.cadre_category, "").isin(categories)
	)
	rows = query.run(as_dict=True)
	for wanted in (cadre_category or "", ""):
		for row in rows:
			if row.cadre_category == wanted:
				return row.name
	return frappe.db.get_single_value("Discipline Settings", "default_evaluation_policy") or None


def categories_with_own_policy(date) -> set[str]:
	"""The cadre categories a policy of their own scores on ``date``."""
	return {category for category in policies_in_force(date) if category}


def category_lines(text: str | None) -> list[str]:
	"""The categories of a `governed_categories` value (one a line), blank lines and repeats dropped."""
	return list(dict.fromkeys(line.strip() for line in (text or "").splitlines() if line.strip()))


def governed_categories(policy_name: str | None) -> list[str]:
	"""The cadre categories the text of `policy_name` governs (empty: not stated)."""
	if not policy_name:
		return []
	return category_lines(frappe.get_cached_value("Evaluation Policy", policy_name, "governed_categories"))


def cadre_categories() -> list[str]:
	return [c for c in (frappe.get_meta("Cadre").get_options("cadre_category") or "").split("\n") if c]


def categories_outside_their_text(date) -> list[frappe._dict]:
	"""The cadre categories scored on `date` under a policy whose text does not govern them (the
	catch-all policy scoring a category the office gave no policy of its own): {category, policy,
	cadres (active)}. A policy that states no categories is not second-guessed (issue 22 item 9)."""
	in_force = policies_in_force(date)
	cadre = DocType("Cadre")
	counts = dict(
		frappe.qb.from_(cadre)
		.select(Coalesce(cadre.cadre_category, ""), Count("*"))
		.where(cadre.status == CADRE_ACTIVE)
		.groupby(Coalesce(cadre.cadre_category, ""))
		.run()
	)
	found = []
	for category in cadre_categories():
		policy = in_force.get(category) or in_force.get("")
		governs = governed_categories(policy)
		if policy and governs and category not in governs and counts.get(category):
			found.append(frappe._dict(category=category, policy=policy, cadres=counts[category]))
	return found


def approved_use_of_policy(policy_name: str) -> frappe._dict:
	"""How many approved evaluations a policy scored, and the first and last day of their periods."""
	ce = DocType("Cadre Evaluation")
	row = (
		frappe.qb.from_(ce)
		.select(
			Count("*").as_("evaluations"),
			Min(ce.period_start).as_("first_day"),
			Max(ce.period_end).as_("last_day"),
		)
		.where((ce.evaluation_policy == policy_name) & (ce.docstatus == 1))
		.run(as_dict=True)
	)
	return row[0]


def get_scoring_policy(policy_name: str) -> scoring.Policy:
	"""The `scoring.Policy` of an Evaluation Policy (from the document cache)."""
	return frappe.get_cached_doc("Evaluation Policy", policy_name).get_scoring_policy()


def get_policy_criteria(policy_name: str) -> list[frappe._dict]:
	"""The criteria rows of an Evaluation Policy, in order."""
	return [
		frappe._dict(
			criterion=row.criterion,
			criterion_group=row.criterion_group,
			max_points=flt(row.max_points),
			source=row.source or scoring.SOURCE_MANUAL,
			default_points=flt(row.default_points),
		)
		for row in frappe.get_cached_doc("Evaluation Policy", policy_name).criteria
	]


def build_score_rows(doc, criteria: list, existing=()) -> list:
	"""Score rows of `doc` for `criteria`, keeping the scores already entered for each criterion; a new
	row proposes the criterion's default points (`Evaluation Policy Criterion.default_points`) as the
	self-assessment."""
	by_criterion = {row.criterion: row for row in existing or []}
	rows = []
	for c in criteria:
		row = by_criterion.get(c.criterion)
		if row is None:
			row = doc.append("scores", {"criterion": c.criterion})
			if c.get("default_points"):
				row.self_score = c.default_points
		row.update({"criterion_group": c.criterion_group, "max_points": c.max_points, "source": c.source})
		rows.append(row)
	for idx, row in enumerate(rows, 1):
		row.idx = idx
	return rows


# --------------------------------------------------------------------------------------------------
# Violations
# --------------------------------------------------------------------------------------------------


def no_violations() -> frappe._dict:
	return frappe._dict(deduction=0.0, forced=False, outcome=None, unit_dealt_with=())


def get_violation_figures(start, end, cadres: list[str] | None = None) -> dict[str, frappe._dict]:
	"""Per cadre, from the verified (not dismissed) Violation Records: the deduction and whether a
	category forces "not completed", of the violations detected in the period, and the heaviest
	discipline outcome of those whose discipline counts in the period — the period of the
	`discipline_decision_date` when set, else of the detection, and never in a later year than the
	detection when the violation's category already rated the cadre not completed
	(`scoring.discipline_in_period`, Decree 48/2023); and for a leader, `unit_dealt_with`: the records
	by which a unit he or she leads directly was dealt with for corruption or waste in the period
	(`leaders_answering_for`, Decree 335/2025, levels article 4(d))."""
	start, end = getdate(start), getdate(end)
	vr = DocType("Violation Record")
	vc = DocType("Violation Category")
	detected = (vr.detected_on >= start) & (vr.detected_on <= end)
	decided = (vr.discipline_decision_date >= start) & (vr.discipline_decision_date <= end)
	query = (
		frappe.qb.from_(vr)
		.left_join(vc)
		.on(vc.name == vr.violation_category)
		.select(
			vr.cadre,
			vr.detected_on,
			vr.discipline_decision_date,
			vc.default_deduction,
			vc.forces_not_completed,
			vr.discipline_outcome,
		)
		.where(
			(detected | decided)
			& (vr.workflow_state.isin(VIOLATION_VERIFIED_STATES))
			& (vr.docstatus != 2)
			& vr.cadre.isnotnull()  # a collective violation reaches its leaders only (below)
		)
	)
	if cadres is not None:
		if not cadres:
			return {}
		query = query.where(vr.cadre.isin(cadres))
	figures: dict[str, frappe._dict] = {}
	outcomes = scoring.DISCIPLINE_OUTCOMES
	for row in query.run(as_dict=True):
		f = figures.setdefault(row.cadre, no_violations())
		if start <= getdate(row.detected_on) <= end:
			f.deduction += flt(row.default_deduction)
			f.forced = f.forced or bool(row.forces_not_completed)
		decision_date = getdate(row.discipline_decision_date) if row.discipline_decision_date else None
		if not scoring.discipline_in_period(
			getdate(row.detected_on),
			decision_date,
			start,
			end,
			rated_on_detection=bool(row.forces_not_completed),
		):
			continue
		if row.discipline_outcome in outcomes and (
			f.outcome is None or outcomes.index(row.discipline_outcome) > outcomes.index(f.outcome)
		):
			f.outcome = row.discipline_outcome
	for leader, rows in leaders_answering_for(start, end, cadres).items():
		figures.setdefault(leader, no_violations()).unit_dealt_with = tuple(row.name for row in rows)
	return figures


def disciplined_cadres(start, end, cadres: list[str] | None = None) -> dict[str, str]:
	"""{cadre: what forces his or her span in start..end}: the heaviest discipline outcome at reprimand
	or above that counts there (a decision dated in the span, whenever it was recorded; Decree 48/2023
	applied), else `scoring.UNIT_DEALT_WITH` for a leader whose unit was dealt with for corruption or
	waste there; of `cadres` or of everyone."""
	forcing = {}
	for cadre, f in get_violation_figures(start, end, cadres).items():
		if f.outcome in scoring.DISCIPLINE_FORCING_OUTCOMES:
			forcing[cadre] = f.outcome
		elif f.unit_dealt_with:
			forcing[cadre] = scoring.UNIT_DEALT_WITH
	return forcing


def discipline_counted_in(start, end, condition, *fields: str, as_subject: bool = True) -> list[frappe._dict]:
	"""The verified Violation Records (not cancelled) matching `condition` (on `tabViolation Record`
	and its `tabViolation Category`) whose discipline at reprimand or above counts in start..end, by
	`scoring.discipline_in_period` — with `as_subject`, as it counts for the cadre the record is about
	(Decree 48/2023: not again in a later year when the category rated him or her on detection). Each
	row has name, detected_on, discipline_decision_date, forces_not_completed and `fields`."""
	start, end = getdate(start), getdate(end)
	vr = DocType("Violation Record")
	vc = DocType("Violation Category")
	detected = (vr.detected_on >= start) & (vr.detected_on <= end)
	decided = (vr.discipline_decision_date >= start) & (vr.discipline_decision_date <= end)
	rows = (
		frappe.qb.from_(vr)
		.left_join(vc)
		.on(vc.name == vr.violation_category)
		.select(
			vr.name,
			vr.detected_on,
			vr.discipline_decision_date,
			vc.forces_not_completed,
			*(vr[field] for field in fields),
		)
		.where(
			condition
			& vr.workflow_state.isin(VIOLATION_VERIFIED_STATES)
			& (vr.docstatus != 2)
			& vr.discipline_outcome.isin(list(scoring.DISCIPLINE_FORCING_OUTCOMES))
			& (detected | decided)
		)
		.orderby(vr.name)
		.run(as_dict=True)
	)
	return [
		row
		for row in rows
		if scoring.discipline_in_period(
			getdate(row.detected_on),
			getdate(row.discipline_decision_date) if row.discipline_decision_date else None,
			start,
			end,
			rated_on_detection=as_subject and bool(row.forces_not_completed),
		)
	]


def corruption_records(start, end, units: list[str] | None = None) -> list[frappe._dict]:
	"""The `discipline_counted_in` start..end of a category of embezzlement, corruption or waste
	(`Violation Category.corruption_or_waste`), in `units` or anywhere: the unit "dealt with" of
	Decree 335/2025, levels article 4(d) (counted for its leaders, not as its subject)."""
	if units is not None and not units:
		return []
	vr, vc = DocType("Violation Record"), DocType("Violation Category")
	condition = vc.corruption_or_waste == 1
	if units is not None:
		condition &= vr.organization_unit.isin(units)
	return discipline_counted_in(start, end, condition, "cadre", "organization_unit", as_subject=False)


def leaders_answering_for(start, end, cadres: list[str] | None = None) -> dict[str, list[frappe._dict]]:
	"""{leader: the `corruption_records` of start..end in the units he or she leads directly} (the
	unit's head and the deputies responsible for it: `org.leaders_of_units`), of `cadres` or of
	everyone; the cadre disciplined is not his or her own leader here (his or her discipline counts
	already)."""
	units = led_units_of(cadres) if cadres is not None else None
	records = corruption_records(start, end, units)
	leaders = leaders_of_units({row.organization_unit for row in records})
	answering: dict[str, list[frappe._dict]] = {}
	for row in records:
		for leader in sorted(leaders.get(row.organization_unit, ())):
			if leader != row.cadre and (cadres is None or leader in cadres):
				answering.setdefault(leader, []).append(row)
	return answering


def violation_figures_of(cadre: str, start, end) -> frappe._dict:
	"""The violation figures of one cadre for a period (none when he or she had no verified record)."""
	return get_violation_figures(start, end, [cadre]).get(cadre) or no_violations()


# --------------------------------------------------------------------------------------------------
# A leader's unit operating result
# --------------------------------------------------------------------------------------------------

UNIT_FACTOR_ANY_NOT_COMPLETED = 0.5


def subtree_of(units) -> list[str]:
	"""`units` and every unit below them."""
	return sorted({unit for top in units for unit in get_subtree_units(top)})


def unit_evaluations_of_head(doc, led: bool = False):
	"""The query (nothing selected yet) of the other evaluations of `doc`'s period in the units its
	cadre heads (with `led`, also those whose fields a deputy is responsible for: `org.led_units`)
	and those below; None when there are none."""
	if not (doc.cadre and doc.evaluation_period):
		return None
	units = subtree_of(led_units(doc.cadre) if led else headed_units(doc.cadre))
	if not units:
		return None
	ce = DocType("Cadre Evaluation")
	return frappe.qb.from_(ce).where(
		(ce.evaluation_period == doc.evaluation_period)
		& ce.organization_unit.isin(units)
		& (ce.cadre != doc.cadre)
	)


def units_pending_before_head(doc) -> list[str]:
	"""The cadres (names) whose evaluation of `doc`'s period, in the units `doc`'s cadre heads, is not
	approved yet: a head's evaluation comes last, after the unit's (Regulation 124-QĐ/TW Art. 11 and
	Regulation 366: "người đứng đầu sau tập thể")."""
	query = unit_evaluations_of_head(doc)
	if query is None:
		return []
	ce = DocType("Cadre Evaluation")
	return query.select(ce.cadre_name).where(ce.docstatus == 0).orderby(ce.cadre_name).run(pluck=True)


def unit_result_factor(doc, policy) -> float:
	"""A leader's unit operating result in the evaluation's period (`Policy.leader_unit_factor`):
	1.0 when no other cadre of the units he or she leads (heads, or as a deputy is responsible for:
	`org.led_units`; and the units below them) has a rated or
	approved evaluation of the period at the not-completed level, else 0.5 (Decree 335/2025: "khi có
	công chức có điểm ... không hoàn thành"; a draft or a self-assessment nobody rated yet has no
	points of that level). Not a leader, or a policy without the factor: 1.0."""
	if not (policy.leader_unit_factor and doc.get("is_leader")):
		return 1.0
	query = unit_evaluations_of_head(doc, led=True)
	if query is None:
		return 1.0
	ce = DocType("Cadre Evaluation")
	found = (
		query.select(ce.name)
		.where(
			(ce.docstatus < 2)
			& ce.workflow_state.isin([EVAL_RATED, EVAL_APPROVED])
			& (Coalesce(ce.final_level, ce.computed_level) == policy.not_completed_level_code)
		)
		.limit(1)
		.run()
	)
	return UNIT_FACTOR_ANY_NOT_COMPLETED if found else 1.0
