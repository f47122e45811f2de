"""A collective's classification for the year, and a head held to it (issue 29). No Frappe.

**The collective's level: Regulation 366-QĐ/TW Art. 11**, for collectives (domain.md §2.5), on the
year's score and the unit's own tasks of the year:

- *excellent* (the policy's top level): the score reaches it; 100 % of the tasks on time and meeting
  the required quality; at least 30 % exceeding requirements; no subordinate unit and no member of
  the leadership disciplined in the year;
- *good*: the score reaches it; 100 % of the tasks on time and meeting the required quality;
- *completed* (the highest level below good): the score reaches it; 100 % of the tasks completed and
  at most 20 % late;
- *not completed*: otherwise.

A year without a task of the unit leaves the task conditions aside, as for a person; its task results
score 0 (nothing the unit did was recorded) and say so.

**The score.** The general criteria (at most the policy's General points, 30 under Regulation 366 and
Decree 335) are the proposer's judgement, with reasons; the task results are worked out from the
unit's converted tasks exactly as a person's are (:func:`~.engine.evaluate`, the policy's method and
25 % penalties).

**A head held to his or her unit.** The texts tie a leader's result to the unit's (Hanoi's 2022
amendment: "a leader's rating must be tied to the results of the unit"; Decree 90/2020's leader
criteria); an office that applies the rule that a head is not classified above the unit he or she
heads (Discipline Settings) holds the head's year to the unit's level: :func:`hold_to_unit`. Levels of
two policies compare by their place among the four levels the texts name (top, good, completed, not
completed), not by their codes.
"""

from __future__ import annotations

from dataclasses import dataclass

from .engine import (
	R_COND_EXCEEDED,
	R_COND_LATE,
	R_COND_ON_TIME,
	R_COND_QUALITY,
	R_EXCUSED,
	R_FAILED_PENALTY,
	R_LATE_PENALTY,
	EvaluationInput,
	evaluate,
	round2,
)
from .policy import GROUP_GENERAL, SOURCE_MANUAL, SOURCE_VIOLATIONS, Band, Policy, Reason, _fmt

# the reasons of a person's task results that a collective's task results give too
TASK_REASONS = (R_LATE_PENALTY, R_FAILED_PENALTY, R_EXCUSED)

COLLECTIVE_ON_TIME_PERCENT = 100.0
COLLECTIVE_QUALITY_PERCENT = 100.0
COLLECTIVE_EXCEEDED_PERCENT = 30.0
COLLECTIVE_COMPLETED_PERCENT = 100.0
COLLECTIVE_MAX_LATE_PERCENT = 20.0

# Reason templates (few and fixed: they are translated).
R_COLLECTIVE_NO_TASKS = (
	"No task of the unit was due in the year: the task results score 0 and the task conditions do not apply"
)
R_COND_COMPLETED = "Not rated {0}: {1}% of the tasks were completed, the level needs at least {2}%"
R_COLLECTIVE_DISCIPLINE = "Not rated {0}: {1} member(s) of the leadership and {2} subordinate unit(s) were disciplined in the year (Regulation 366-QĐ/TW Art. 11)"
R_HEAD_HELD = "Held at {0}: a head is not classified above the unit he or she heads ({1}: {2})"
E_GENERAL_POINTS = "The general criteria score {0} must be between 0 and {1}"
COLLECTIVE_TEMPLATES = (
	R_COLLECTIVE_NO_TASKS,
	R_COND_COMPLETED,
	R_COLLECTIVE_DISCIPLINE,
	R_HEAD_HELD,
	E_GENERAL_POINTS,
)

# The four levels the texts name, by their place (a higher number is a better level).
RANK_NOT_COMPLETED, RANK_COMPLETED, RANK_GOOD, RANK_TOP = 0, 1, 2, 3


@dataclass(frozen=True)
class CollectiveFigures:
	"""What a collective's year is classified on besides its score: the unit's own tasks of the year
	(converted, as a person's), and discipline in the year of the members of its leadership and of its
	subordinate units."""

	tasks: object  # engine.TaskFigures
	disciplined_leaders: int = 0
	disciplined_units: int = 0


@dataclass(frozen=True)
class CollectiveResult:
	general_points: float
	task_points: float
	total: float
	level_code: str
	level_label: str
	reasons: tuple[Reason, ...]


def general_maximum(policy: Policy) -> float:
	"""The points of the policy's General criteria (30 under Regulation 366 and Decree 335)."""
	return round2(sum(float(c.max_points) for c in policy.criteria if c.group == GROUP_GENERAL))


def classify_collective(
	policy: Policy, general_points: float, figures: CollectiveFigures
) -> CollectiveResult:
	"""The collective's score and level for the year (see the module docstring). Raises ValueError for
	general points outside 0..the policy's General points."""
	ceiling = general_maximum(policy)
	general_points = float(general_points or 0)
	if not 0 <= general_points <= ceiling + 1e-9:
		raise ValueError(E_GENERAL_POINTS.format(_fmt(general_points), _fmt(ceiling)))
	reasons: list[Reason] = []
	tasks = figures.tasks
	if tasks.assigned > 0:
		manual = {c.key: 0.0 for c in policy.criteria if c.source in (SOURCE_MANUAL, SOURCE_VIOLATIONS)}
		result = evaluate(policy, EvaluationInput(tasks=tasks, manual_scores=manual))
		task_points = round2(sum(result.scores[c.key] for c in policy.criteria if c.is_task))
		reasons.extend(r for r in result.reasons if r.message in TASK_REASONS)
	else:
		task_points = 0.0
		reasons.append(Reason(R_COLLECTIVE_NO_TASKS))
	total = round2(min(policy.max_total, general_points + task_points))
	band = _collective_band(policy, total, figures, reasons)
	return CollectiveResult(
		round2(general_points), task_points, total, band.level_code, band.level_label, tuple(reasons)
	)


def _collective_band(policy: Policy, total: float, figures: CollectiveFigures, reasons: list[Reason]) -> Band:
	"""Regulation 366 Art. 11 for collectives: the best of the four levels whose score and conditions
	hold; each level the score reached but a condition refused says why."""
	tasks = figures.tasks
	for rank in (RANK_TOP, RANK_GOOD, RANK_COMPLETED):
		band = band_of_rank(policy, rank)
		if band is None or total < float(band.min_score):
			continue
		failed = _failed(rank, band, tasks, figures)
		if not failed:
			return band
		reasons.extend(failed)
	return band_of_rank(policy, RANK_NOT_COMPLETED) or policy.sorted_bands()[-1]


def _failed(rank: int, band: Band, tasks, figures: CollectiveFigures) -> list[Reason]:
	label = band.level_label
	failed: list[Reason] = []

	def below(figure: str, limit: float, template: str):
		share = tasks.share(figure)
		if share is not None and share < limit - 1e-9:
			failed.append(Reason(template, (label, _fmt(round2(share)), _fmt(limit))))

	if rank in (RANK_TOP, RANK_GOOD):
		below("on_time", COLLECTIVE_ON_TIME_PERCENT, R_COND_ON_TIME)
		below("met_quality", COLLECTIVE_QUALITY_PERCENT, R_COND_QUALITY)
	if rank == RANK_TOP:
		below("exceeded", COLLECTIVE_EXCEEDED_PERCENT, R_COND_EXCEEDED)
		if figures.disciplined_leaders or figures.disciplined_units:
			failed.append(
				Reason(
					R_COLLECTIVE_DISCIPLINE, (label, figures.disciplined_leaders, figures.disciplined_units)
				)
			)
	if rank == RANK_COMPLETED:
		below("completed", COLLECTIVE_COMPLETED_PERCENT, R_COND_COMPLETED)
		late = tasks.share("late")
		if late is not None and late > COLLECTIVE_MAX_LATE_PERCENT + 1e-9:
			failed.append(Reason(R_COND_LATE, (label, _fmt(round2(late)), _fmt(COLLECTIVE_MAX_LATE_PERCENT))))
	return failed


# --------------------------------------------------------------------------------------------------
# Levels by their place
# --------------------------------------------------------------------------------------------------


def level_rank(policy: Policy, level_code: str | None) -> int | None:
	"""The place of a level among the four: top 3, good 2, not completed 0, any other 1 (None for a
	level the policy does not have)."""
	if not level_code or policy.band(level_code) is None:
		return None
	if level_code == policy.top_level_code:
		return RANK_TOP
	if level_code == policy.good_level_code:
		return RANK_GOOD
	if level_code == policy.not_completed_level_code:
		return RANK_NOT_COMPLETED
	return RANK_COMPLETED


def band_of_rank(policy: Policy, rank: int) -> Band | None:
	"""The policy's level at a place among the four (completed: the highest level below good)."""
	if rank == RANK_TOP:
		return policy.band(policy.top_level_code)
	if rank == RANK_GOOD:
		return policy.band(policy.good_level_code)
	if rank == RANK_NOT_COMPLETED:
		return policy.band(policy.not_completed_level_code)
	return policy.highest_band_below_good()


def hold_to_unit(
	policy: Policy, level_code: str, unit_rank: int, unit_label: str, unit_name: str
) -> tuple[str, Reason | None]:
	"""A head's level held to the unit he or she heads: the level itself when not above the unit's,
	else the policy's level at the unit's place, with the reason."""
	rank = level_rank(policy, level_code)
	if rank is None or rank <= unit_rank:
		return level_code, None
	held = band_of_rank(policy, unit_rank)
	if held is None:
		return level_code, None
	return held.level_code, Reason(R_HEAD_HELD, (held.level_label, unit_name, unit_label))
