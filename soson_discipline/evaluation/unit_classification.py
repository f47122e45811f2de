"""The collective's own classification for the year (`Unit Classification`, issue 29).

Each unit is classified for the year as a collective, before its head (Regulation 124/366: "the
leadership collective before its individual members; the head of a unit last, after the unit"):

- **worked out** here from the unit's records of the year: its own tasks, converted, as a person's
  (`campaign.task_rules.get_unit_task_figures`); its verified violation records and the inspections
  that looked at it; the members of its leadership and its subordinate units disciplined in the year
  (`evaluation.inputs.discipline_counted_in`, Decree 48/2023 applied); and its members' levels of the
  year (`Cadre Year Result`), shown for the decision;
- **scored and levelled** by `scoring.collective` (Regulation 366-QĐ/TW Art. 11 for collectives): the
  proposer's general criteria (at most the policy's General points) plus the task results;
- **proposed** by the unit's head or the board (a level other than the proposal needs a reason) and
  **approved** by the level above: the heads of the unit above it, or the Standing Committee for a unit
  at the top (`permissions.can_approve_unit_classification`);
- a **head is held to the unit he or she heads** (`unit_level_cap`, read by the head's year
  classification), where the office applies that rule (Discipline Settings).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import cint, flt, getdate, today

from soson_discipline import scoring
from soson_discipline.campaign.task_rules import get_unit_task_figures
from soson_discipline.evaluation.compute import check_level_of_policy, require_level_reason
from soson_discipline.evaluation.inputs import (
	discipline_counted_in,
	disciplined_cadres,
	get_policy_for_date,
	get_scoring_policy,
)
from soson_discipline.jobs import enqueue, in_background, may_commit, report_progress
from soson_discipline.org import get_subtree_units, leaders_of_units
from soson_discipline.permissions import check_presiding
from soson_discipline.scoring import collective
from soson_discipline.scoring.periods import classification_span
from soson_discipline.states import CADRE_ACTIVE, VIOLATION_VERIFIED_STATES
from soson_discipline.utils.hygiene import shown

UNIT_CLASSIFICATION = "Unit Classification"
HOLD_HEADS_SETTING = "hold_heads_to_unit_level"
MEMBER_FIELDS = {
	collective.RANK_TOP: "members_top",
	collective.RANK_GOOD: "members_good",
	collective.RANK_COMPLETED: "members_completed",
	collective.RANK_NOT_COMPLETED: "members_not_completed",
}


class UnitClassificationError(frappe.ValidationError):
	"""A unit's classification that cannot hold: its year, its policy, its points or its level."""


def work_out(doc) -> None:
	"""Fill `doc`'s span, policy, figures, score, proposed level and reasons from the unit's records."""
	year = cint(doc.year)
	start, end = classification_span("Year", year)
	doc.period_start, doc.period_end = start, end
	doc.evaluation_policy = doc.evaluation_policy or get_policy_for_date(end)
	if not doc.evaluation_policy:
		frappe.throw(
			_("No evaluation policy is in force on {0}: set a default policy in Discipline Settings.").format(
				frappe.format(end, {"fieldtype": "Date"})
			),
			title=_("No Policy"),
			exc=UnitClassificationError,
		)
	policy = get_scoring_policy(doc.evaluation_policy)
	unit = doc.organization_unit
	doc.head_cadre = frappe.db.get_value("Organization Unit", unit, "head_cadre")

	tasks = get_unit_task_figures([unit], start, end).get(unit) or scoring.TaskFigures()
	for figure in ("assigned", "completed", "on_time", "late", "failed", "exceeded"):
		doc.set(f"tasks_{figure}", flt(getattr(tasks, figure), 2))
	for figure in ("on_time", "exceeded", "late"):
		doc.set(f"{figure}_percent", flt(tasks.share(figure) or 0, 2))

	leaders = leaders_in_discipline(unit, start, end)
	units = units_in_discipline(unit, start, end)
	doc.disciplined_leaders, doc.disciplined_units = len(leaders), len(units)
	doc.discipline_detail = "\n".join([*leaders, *units]) or None
	doc.violations = count_violations(unit, start, end)
	doc.inspections = count_inspections(unit, start, end)
	count_members(doc, year)

	ceiling = collective.general_maximum(policy)
	doc.general_maximum = ceiling
	try:
		result = collective.classify_collective(
			policy,
			flt(doc.general_points),
			collective.CollectiveFigures(tasks, len(leaders), len(units)),
		)
	except ValueError:
		frappe.throw(
			_("{0} must be between 0 and {1} (the policy's general criteria).").format(
				frappe.bold(_("General Criteria Points")), ceiling
			),
			title=_("Invalid Value"),
			exc=UnitClassificationError,
		)
	doc.task_points, doc.total_score = result.task_points, result.total
	doc.proposed_level, doc.proposed_level_label = result.level_code, result.level_label
	doc.reasons = "\n".join(reason.text(_) for reason in result.reasons) or None


def leaders_in_discipline(unit: str, start, end) -> list[str]:
	"""The members of the unit's leadership (its head, the deputies responsible for it, its cadres
	marked leaders) disciplined at reprimand or above in the span, by name."""
	c = DocType("Cadre")
	leaders = set(leaders_of_units([unit]).get(unit, set()))
	leaders |= set(
		frappe.qb.from_(c)
		.select(c.name)
		.where((c.organization_unit == unit) & (c.is_leader == 1) & (c.status == CADRE_ACTIVE))
		.run(pluck=True)
	)
	disciplined = disciplined_cadres(start, end, sorted(leaders)) if leaders else {}
	names = (
		dict(
			frappe.get_all(
				"Cadre",
				filters={"name": ("in", list(disciplined))},
				fields=["name", "full_name"],
				as_list=True,
			)
		)
		if disciplined
		else {}
	)
	return sorted(f"{names.get(cadre, cadre)}: {_(outcome)}" for cadre, outcome in disciplined.items())


def units_in_discipline(unit: str, start, end) -> list[str]:
	"""The subordinate units disciplined as collectives in the span (a verified record about the unit,
	not a person, with discipline at reprimand or above that counts there)."""
	below = [u for u in get_subtree_units(unit) if u != unit]
	if not below:
		return []
	vr = DocType("Violation Record")
	rows = discipline_counted_in(
		start,
		end,
		vr.cadre.isnull() & vr.organization_unit.isin(below),
		"organization_unit",
		as_subject=False,
	)
	return sorted({row.organization_unit for row in rows})


def count_violations(unit: str, start, end) -> int:
	"""The unit's verified violation records detected in the span (its people's and its own)."""
	vr = DocType("Violation Record")
	return (
		frappe.qb.from_(vr)
		.select(Count(vr.name))
		.where(
			(vr.organization_unit == unit)
			& vr.workflow_state.isin(VIOLATION_VERIFIED_STATES)
			& (vr.docstatus != 2)
			& (vr.detected_on >= getdate(start))
			& (vr.detected_on <= getdate(end))
		)
		.run()[0][0]
	)


def count_inspections(unit: str, start, end) -> int:
	"""The inspections of the span that looked at the unit (as a target)."""
	insp, target = DocType("Inspection"), DocType("Inspection Target Unit")
	return (
		frappe.qb.from_(insp)
		.join(target)
		.on((target.parent == insp.name) & (target.parenttype == "Inspection"))
		.select(Count(insp.name).distinct())
		.where(
			(target.organization_unit == unit)
			& (insp.inspection_date >= getdate(start))
			& (insp.inspection_date <= getdate(end))
		)
		.run()[0][0]
	)


def count_members(doc, year: int) -> None:
	"""The unit's members' levels of the year (`Cadre Year Result`), by their place among the four."""
	counts = dict.fromkeys(MEMBER_FIELDS.values(), 0)
	policies: dict[str, scoring.Policy] = {}
	rows = frappe.get_all(
		"Cadre Year Result",
		filters={"organization_unit": doc.organization_unit, "year": year},
		fields=["evaluation_policy", "proposed_level"],
	)
	for row in rows:
		if not row.evaluation_policy:
			continue
		if row.evaluation_policy not in policies:
			policies[row.evaluation_policy] = get_scoring_policy(row.evaluation_policy)
		rank = collective.level_rank(policies[row.evaluation_policy], row.proposed_level)
		if rank is not None:
			counts[MEMBER_FIELDS[rank]] += 1
	doc.update(counts)
	doc.members_classified = sum(counts.values())
	good = counts["members_top"] + counts["members_good"]
	doc.members_good_percent = flt(100.0 * good / doc.members_classified, 2) if doc.members_classified else 0


def validate_final_level(doc) -> None:
	"""The final level defaults to the proposal; another level of the policy needs a reason."""
	policy = get_scoring_policy(doc.evaluation_policy)
	doc.final_level = (doc.final_level or "").strip() or doc.proposed_level
	check_level_of_policy(policy, doc.evaluation_policy, doc.final_level)
	doc.final_level_label = policy.band(doc.final_level).level_label
	if doc.final_level == doc.proposed_level:
		doc.level_reason = None
	require_level_reason(doc)


# --------------------------------------------------------------------------------------------------
# A head held to his or her unit
# --------------------------------------------------------------------------------------------------


def holds_heads() -> bool:
	"""Discipline Settings' *Hold Heads to Their Unit's Level* (on by default)."""
	return bool(cint(frappe.db.get_single_value("Discipline Settings", HOLD_HEADS_SETTING)))


def unit_level_cap(cadre: str, year) -> frappe._dict | None:
	"""The approved classification of the year of a unit `cadre` headed when it was classified (its
	recorded head then), at the lowest place among the four levels if he or she headed several (name,
	unit, rank, label); None when the office does not apply the rule or no such unit is classified."""
	if not (cadre and holds_heads()):
		return None
	uc = DocType(UNIT_CLASSIFICATION)
	rows = (
		frappe.qb.from_(uc)
		.select(uc.name, uc.organization_unit, uc.evaluation_policy, uc.final_level, uc.final_level_label)
		.where((uc.head_cadre == cadre) & (uc.year == cint(year)) & (uc.docstatus == 1))
		.run(as_dict=True)
	)
	caps = []
	for row in rows:
		rank = collective.level_rank(get_scoring_policy(row.evaluation_policy), row.final_level)
		if rank is not None:
			caps.append(
				frappe._dict(
					name=row.name, unit=row.organization_unit, rank=rank, label=row.final_level_label
				)
			)
	return min(caps, key=lambda cap: cap.rank) if caps else None


def hold_head(policy, level: str, cap) -> tuple[str, str | None]:
	"""(the level, the reason it was held, or None) of a head's year under `policy`, held to `cap`."""
	if cap is None:
		return level, None
	held, reason = collective.hold_to_unit(policy, level, cap.rank, _(cap.label or ""), cap.unit)
	return held, reason.text(_) if reason else None


# --------------------------------------------------------------------------------------------------
# Creating a year's classifications
# --------------------------------------------------------------------------------------------------

BATCH_SIZE = 50


@frappe.whitelist(methods=["POST"])
def create_unit_classifications(year, organization_unit=None):
	"""The board creates the year's drafts for every unit in being that year with a cadre and without
	a classification of the year (of `organization_unit` and the units below it, when given); many
	units go to the background with progress. Returns {"created": n} or {"queued": n}; a second run
	creates nothing."""
	check_presiding()
	frappe.has_permission(UNIT_CLASSIFICATION, "create", throw=True)
	year = cint(year)
	if not 2000 <= year <= getdate(today()).year:
		frappe.throw(
			_("{0} must be a year that has begun, between 2000 and {1}: {2}.").format(
				frappe.bold(_("Year")), getdate(today()).year, year
			),
			title=_("Invalid Value"),
			exc=UnitClassificationError,
		)
	if organization_unit and not frappe.db.exists("Organization Unit", organization_unit):
		frappe.throw(
			_("{0} {1} does not exist.").format(
				frappe.bold(_("Organization Unit")), shown(organization_unit)
			),
			exc=frappe.LinkValidationError,
		)
	units = units_to_classify(year, organization_unit)
	if in_background(len(units)):
		enqueue(
			make_unit_classifications,
			job_id=f"unit-classifications-{year}",
			timeout=7200,
			year=year,
			units=units,
			publish=True,
		)
		return {"queued": len(units)}
	return {"created": make_unit_classifications(year, units)}


def units_to_classify(year: int, organization_unit: str | None = None) -> list[str]:
	"""The units of the year (not disabled, in being some day of it; `organization_unit` and those
	below it when given) with an active cadre and no classification of the year (a cancelled one
	aside), in tree order."""
	start, end = classification_span("Year", year)
	ou, c, uc = DocType("Organization Unit"), DocType("Cadre"), DocType(UNIT_CLASSIFICATION)
	staffed = frappe.qb.from_(c).select(c.organization_unit).where(c.status == CADRE_ACTIVE)
	done = frappe.qb.from_(uc).select(uc.organization_unit).where((uc.year == year) & (uc.docstatus < 2))
	query = frappe.qb.from_(ou).select(ou.name)
	if organization_unit:
		query = query.where(ou.name.isin(get_subtree_units(organization_unit)))
	return (
		query.where(
			(ou.disabled == 0)
			& (ou.valid_from.isnull() | (ou.valid_from <= end))
			& (ou.valid_to.isnull() | (ou.valid_to >= start))
			& ou.name.isin(staffed)
			& ou.name.notin(done)
		)
		.orderby(ou.lft)
		.run(pluck=True)
	)


def make_unit_classifications(year: int, units: list[str], publish: bool = False) -> int:
	"""A draft for each of `units`, worked out by the rules a save applies; a unit that cannot be
	classified (no policy in force) is left out. Batches are committed as they are done."""
	created = 0
	for i, unit in enumerate(units, start=1):
		doc = frappe.get_doc({"doctype": UNIT_CLASSIFICATION, "organization_unit": unit, "year": year})
		try:
			doc.insert(ignore_permissions=True)
			created += 1
		except UnitClassificationError:
			continue
		if publish and (i % BATCH_SIZE == 0 or i == len(units)):
			if may_commit():
				frappe.db.commit()  # nosemgrep: a city's units, each batch kept as it is done
			report_progress(
				i, len(units), _("Creating unit classifications"), _("{0} of {1} units").format(i, len(units))
			)
	return created
