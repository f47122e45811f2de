"""Discipline that reaches a span after its months were approved (issue 22).

A disciplinary decision at reprimand or above makes the year "not completed" (Decree 335/2025, levels
article 4(c): "kỷ luật ... trong năm đánh giá"). It counts in the period of its decision date, so a
decision recorded after that month's evaluation was approved would reach nothing but the month,
which is no longer re-scored. When a Violation Record changes what counts:

- the approved month is **not re-scored**, but shows a note (`Cadre Evaluation.discipline_note`,
  allowed on submit) and a timeline comment naming the decision;
- the cadre's **year** (`Cadre Year Result`, and so the board's Annual Classification Proposal) is
  recounted in the same transaction;
- the cadre's **draft classifications** whose span holds the decision are worked out again (a higher
  level chosen for a cadre now disciplined goes back to the proposal), and an approved one gets a
  timeline comment: it is the Standing Committee's to reconsider.

A unit dealt with for embezzlement, corruption or waste (Decree 335/2025, levels article 4(d)) reaches
the leaders who lead it directly the same way: their approved month gets the note, their year and
classifications follow (`leaders_concerned`).

Decree 48/2023 is applied where discipline is counted (`scoring.discipline_in_period`): an act that
already rated the cadre not completed in the year it was detected is not counted again in a later
year of its decision.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import format_date, getdate

from soson_discipline import scoring
from soson_discipline.evaluation.classification import rework_classifications
from soson_discipline.evaluation.cycle import refresh_evaluations
from soson_discipline.evaluation.inputs import corruption_records, discipline_counted_in
from soson_discipline.evaluation.year_results import write_results
from soson_discipline.org import leaders_of_units, led_units
from soson_discipline.utils.changes import changed_fields

# Fields whose change can move a cadre's evaluation.
EVALUATION_FIELDS = (
	"workflow_state",
	"violation_category",
	"detected_on",
	"cadre",
	"organization_unit",
	"discipline_outcome",
	"discipline_decision_date",
	"docstatus",
)


def follow_record(record, force: bool = False) -> list[str]:
	"""Recompute the evaluations a change of this record can move (old and new cadre/period, and
	the leaders of its unit when its category is one of corruption or waste: Decree 335/2025,
	levels article 4(d)); an approved month, the year and the classifications follow the
	discipline (`evaluation.discipline.follow_discipline`)."""
	before = record.get_doc_before_save()
	if not force and before is not None and not changed_fields(record, EVALUATION_FIELDS):
		return []
	pairs = set()
	for version in (record, before):
		if version is None or not version.detected_on:
			continue
		days = [version.detected_on]
		if version.discipline_decision_date:  # discipline counts in the period of the decision
			days.append(version.discipline_decision_date)
		for cadre in {version.cadre, *leaders_concerned(version)} - {None}:
			pairs.update((cadre, str(getdate(day))) for day in days)
	refreshed = []
	for cadre, date in sorted(pairs):
		refreshed += refresh_evaluations(cadre, date)
	follow_discipline(pairs)
	return refreshed


def follow_discipline(pairs: set[tuple[str, str]]) -> None:
	"""After a Violation Record change: for each (cadre, date) it can move, note the approved month,
	recount the year and work the draft classifications out again."""
	for cadre in sorted({cadre for cadre, _day in pairs if cadre}):
		days = sorted({getdate(day) for c, day in pairs if c == cadre and day})
		for name in approved_evaluations_holding(cadre, days):
			note_discipline_after_approval(name)
		for year in sorted({day.year for day in days}):
			write_results(year, [cadre])
		rework_classifications(cadre, days, approved_note)


def leaders_concerned(record) -> set[str]:
	"""The leaders a Violation Record can reach under Decree 335/2025, levels article 4(d): those who
	lead its unit directly (`org.leaders_of_units`) when its category is one of embezzlement,
	corruption or waste; none otherwise. The cadre the record is about is not among them."""
	if not (record and record.get("organization_unit") and record.get("violation_category")):
		return set()
	if not frappe.db.get_value("Violation Category", record.violation_category, "corruption_or_waste"):
		return set()
	unit = record.organization_unit
	return leaders_of_units([unit]).get(unit, set()) - {record.get("cadre")}


def approved_evaluations_holding(cadre: str, days) -> list[str]:
	ce = DocType("Cadre Evaluation")
	names = set()
	for day in days:
		names.update(
			frappe.qb.from_(ce)
			.select(ce.name)
			.where(
				(ce.cadre == cadre) & (ce.docstatus == 1) & (ce.period_start <= day) & (ce.period_end >= day)
			)
			.run(pluck=True)
		)
	return sorted(names)


def late_decisions(evaluation) -> list[frappe._dict]:
	"""The verified violation records whose discipline at reprimand or above counts in the
	evaluation's period (`scoring.discipline_in_period`, Decree 48/2023 included) but did not count
	when it was scored (it was approved before they were recorded or dated there)."""
	if evaluation.discipline_outcome in scoring.DISCIPLINE_FORCING_OUTCOMES:
		return []
	return discipline_counted_in(
		evaluation.period_start,
		evaluation.period_end,
		DocType("Violation Record").cadre == evaluation.cadre,
		"discipline_outcome",
	)


def late_unit_decisions(evaluation) -> list[frappe._dict]:
	"""The `inputs.corruption_records` of the evaluation's period in the units its cadre leads directly
	that its scoring did not count (`Cadre Evaluation.units_dealt_with`)."""
	units = led_units(evaluation.cadre)
	if not units:
		return []
	counted = {name.strip() for name in (evaluation.units_dealt_with or "").split(",")}
	return [
		row
		for row in corruption_records(evaluation.period_start, evaluation.period_end, units)
		if row.name not in counted and row.cadre != evaluation.cadre
	]


def note_text(rows, unit_rows=()) -> str | None:
	lines = [
		_(
			"Discipline {0} ({1}, decided on {2}) was recorded after this evaluation was approved: the evaluation keeps its score; the quarter and the year count it (Decree 335/2025, levels article 4(c))."
		).format(
			_(row.discipline_outcome),
			row.name,
			format_date(scoring.discipline_date(row.detected_on, row.discipline_decision_date)),
		)
		for row in rows
	] + [
		_(
			"Unit {0} was dealt with for embezzlement, corruption or waste ({1}, decided on {2}) after this evaluation was approved: the evaluation keeps its score; the quarter and the year count it (Decree 335/2025, levels article 4(d))."
		).format(
			row.organization_unit,
			row.name,
			format_date(scoring.discipline_date(row.detected_on, row.discipline_decision_date)),
		)
		for row in unit_rows
	]
	return "\n".join(lines) or None


def note_discipline_after_approval(name: str) -> None:
	"""Keep the approved evaluation's note in step with the decisions that came after it; a newly
	noted decision is also written on its timeline."""
	evaluation = frappe.get_doc("Cadre Evaluation", name)
	rows, unit_rows = late_decisions(evaluation), late_unit_decisions(evaluation)
	text = note_text(rows, unit_rows)
	if (evaluation.discipline_note or None) == text:
		return
	before = evaluation.discipline_note or ""
	evaluation.db_set("discipline_note", text, update_modified=False)
	for row in rows:
		if row.name not in before:
			evaluation.add_comment("Info", note_text([row]))
	for row in unit_rows:
		if row.name not in before:
			evaluation.add_comment("Info", note_text([], [row]))


def approved_note(doc) -> str:
	return _(
		"A violation record concerning {0} dated within this span changed after the classification was approved: the year's results count it; the Standing Committee decides whether to reconsider this classification."
	).format(doc.cadre_name)
