"""Scoring a cadre's period, checking the top-level quota, and the annual level.

Framework-free (stdlib only). How each rule is read (see also :class:`~.policy.Policy`):

Task results (Decree 335/2025 Art. 14; Hanoi 3814 "results of assigned duties"). From the weighted
("converted") task figures of the period:

- quantity (a) = completed ÷ assigned,
- progress (c) = on time ÷ assigned ("Progress Ratio") or completed ÷ assigned less the penalties
  ("Per-Product Penalty"),
- quality (b)  = (completed − failed) ÷ assigned ("Progress Ratio") or completed ÷ assigned less the
  penalties ("Per-Product Penalty"),

each clamped to 0..1 (doing more than assigned earns no more than the full points). The policy's
``task_result_method`` combines them (the Decree 335 formula was not available — it is a setting):
"Separate Criteria" (each task criterion × its own ratio), "Average of Ratios", "Product of Ratios".

**No task assigned** in the period → the policy's ``no_task_rule`` decides: the rater scores the task
criteria like manual ones ("Scored by the Rater", the shipped policies), or every task criterion gets
its full points ("Full Points"); a Reason says which.

Penalties (Decree 335: "−25 % of that product's progress points for each delay" and "−25 % of that
product's quality points for each failed assessment"), read as: a product's points in a criterion are
``max_points × weight ÷ assigned``. A product is punished once, by the policy's ``penalty_rule``:
under "Progress Ratio" a late product simply earns no progress points and a failed one no quality
points (no penalty on top); under "Per-Product Penalty" a completed product keeps its points less
``late_penalty_percent`` % of its progress points **for each delay** and ``failed_penalty_percent`` %
of its quality points **for each failed assessment**, counted from the task's history
(``TaskFigures.delays`` / ``failures``: a deadline missed and moved is a delay, a completion after
the due date another; a product failed, reopened and completed again keeps the earlier failure). A
product still open past its due date is not completed: it earns no progress points and no penalty;
a product reopened after a failed assessment earns and costs nothing until it is completed again. When the policy has no Task Progress (resp. Task Quality) criterion
the penalty falls on all its task criteria. A criterion never goes below 0.

Violations: the "discipline and ethics" criterion (source "Violations") is rated by people like a
manual one (a missing score takes the criterion's ``default_points``, else 0 with a reason); the
violation deductions apply on top: from the "Violations" criteria down to 0, the rest from the total,
the whole capped at ``max_violation_deduction`` when the policy sets one (no cap by default).

Levels: the highest band whose minimum score is at most the total *and* whose hard conditions (share
of tasks on time, exceeded, late) hold; a reason names each condition that kept a higher level away.

Total: criteria scores (each rounded to 2 decimals, half up) summed, minus a total-level deduction,
kept within 0..``policy.max_total`` and rounded to 2 decimals. Level: the highest band whose minimum
score is at most the total; discipline at reprimand or above, ``forced_not_completed`` or, for a
leader, ``unit_dealt_with`` (Decree 335/2025, levels article 4(c), (b), (d)) gives the
policy's "not completed" level when ``not_completed_on_discipline`` is set.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .policy import (
	DISCIPLINE_FORCING_OUTCOMES,
	METHOD_AVERAGE,
	METHOD_PRODUCT,
	NO_TASKS_RATER,
	PENALTY_PER_PRODUCT,
	PENALTY_PROGRESS_RATIO,
	SOURCE_MANUAL,
	SOURCE_TASK_PROGRESS,
	SOURCE_TASK_QUALITY,
	SOURCE_TASK_QUANTITY,
	SOURCE_VIOLATIONS,
	Criterion,
	Policy,
	Reason,
	_finite,
	_fmt,
)

# Reason templates of evaluate() (few and fixed: they are translated).
R_NO_TASKS = "No task was assigned in the period: the task results get full points"
R_NO_TASKS_RATED = "No task was assigned in the period: the task results are scored by the rater"
R_MISSING_SCORE = "No score was entered for {0}: counted as 0"
R_LATE_PENALTY = "{0} delay(s): {1} points deducted ({2}% of the delayed product's points for each)"
R_FAILED_PENALTY = "{0} failed assessment(s): {1} points deducted ({2}% of the product's points for each)"
R_VIOLATIONS = "Violations: {0} points deducted"
R_VIOLATIONS_CAPPED = "Violations: a deduction of {0} points is limited to {1} points"
R_TOTAL_CAPPED = "The total is capped at {0} points"
R_DISCIPLINE = "Disciplined at the {0} level in the period: rated {1} whatever the score"
R_FORCED = "A condition that overrides the score applies: rated {0} whatever the score"
R_QUOTA_EXCEEDED = "{0} people are at the top level but at most {1} may be ({2}% of {3})"
R_DEFAULT_SCORE = "No score was entered for {0}: the policy's default of {1} points is used"
R_COND_ON_TIME = "Not rated {0}: {1}% of the tasks were completed on time, the level needs at least {2}%"
R_COND_EXCEEDED = "Not rated {0}: {1}% of the tasks exceeded requirements, the level needs at least {2}%"
R_COND_LATE = "Not rated {0}: {1}% of the tasks were late, the level allows at most {2}%"
R_UNIT_FACTOR = "A cadre of the units led is rated not completed: the task results count {0}%"
R_COND_QUALITY = "Not rated {0}: {1}% of the tasks were completed meeting the required quality, the level needs at least {2}%"
R_NOT_CLASSIFIED = "Worked {0} month(s) in the year, fewer than {1}: not classified (Decree 90/2020 Art. 2 cl. 3, as amended by Decree 48/2023)"
R_LEAVE_BELOW_GOOD = "On leave {0} month(s) in the year: classified below {1} (Decree 90/2020 Art. 2 cl. 3, as amended by Decree 48/2023)"
R_MATERNITY = "On maternity leave in the year: classified on the {0} month(s) actually worked (Decree 335/2025, timing article cl. 3)"
R_UNIT_DEALT_WITH = "A unit he or she leads directly was dealt with for embezzlement, corruption or waste in the period: rated {0} whatever the score (Decree 335/2025, levels article 4(d))"
R_EXCUSED = "{0} product(s) late or failed for an objective cause the competent level confirmed: no points deducted for them (Decree 335/2025 Art. 14)"
R_SPAN_FORCED = "Disciplined, or rated {0} by a condition that overrides the score, within the span: classified {0} whatever the average"

E_SCORE_RANGE = "The score {0} for {1} must be between 0 and {2}"
E_NEGATIVE_FIGURE = "The task figure {0} cannot be negative: {1}"
E_NEGATIVE_DEDUCTION = "The violation deduction cannot be negative: {0}"
E_INVALID_POLICY = "The evaluation policy is not valid: {0}"
E_NO_MONTHS = "There are no period totals to average"

REASON_TEMPLATES = (
	R_NO_TASKS,
	R_NO_TASKS_RATED,
	R_MISSING_SCORE,
	R_LATE_PENALTY,
	R_FAILED_PENALTY,
	R_VIOLATIONS,
	R_VIOLATIONS_CAPPED,
	R_TOTAL_CAPPED,
	R_DISCIPLINE,
	R_FORCED,
	R_QUOTA_EXCEEDED,
	R_DEFAULT_SCORE,
	R_COND_ON_TIME,
	R_COND_EXCEEDED,
	R_COND_LATE,
	R_UNIT_FACTOR,
	R_COND_QUALITY,
	R_SPAN_FORCED,
	R_UNIT_DEALT_WITH,
	R_EXCUSED,
	R_NOT_CLASSIFIED,
	R_LEAVE_BELOW_GOOD,
	R_MATERNITY,
)
CONDITION_REASONS = {
	"min_on_time_percent": R_COND_ON_TIME,
	"min_quality_percent": R_COND_QUALITY,
	"min_exceeded_percent": R_COND_EXCEEDED,
	"max_late_percent": R_COND_LATE,
}
ERROR_TEMPLATES = (E_SCORE_RANGE, E_NEGATIVE_FIGURE, E_NEGATIVE_DEDUCTION, E_INVALID_POLICY, E_NO_MONTHS)


# converted products are counted to the millionth (weights are quantities × conversion factors)
FIGURE_DECIMALS = 6


class ScoreError(ValueError):
	"""Bad input to :func:`evaluate`; ``reason`` is the translatable explanation, ``criterion`` the key
	of the criterion concerned (or None)."""

	def __init__(self, reason: Reason, criterion: str | None = None):
		super().__init__(str(reason))
		self.reason = reason
		self.criterion = criterion


class PolicyError(ValueError):
	"""The policy given to :func:`evaluate` does not validate; ``problems`` lists why."""

	def __init__(self, problems: list[Reason]):
		super().__init__(E_INVALID_POLICY.format("; ".join(str(p) for p in problems)))
		self.problems = problems


@dataclass(frozen=True)
class TaskFigures:
	"""Weighted task counts of a cadre's period: ``on_time`` = completed on or before the due date,
	``late`` = completed late or still open past due, ``failed`` = failed quality assessments,
	``exceeded`` = tasks whose result exceeded the requirements (Regulation 366)."""

	assigned: float = 0
	completed: float = 0
	on_time: float = 0
	late: float = 0
	failed: float = 0
	exceeded: float = 0
	delays: float | None = None
	"""Each delay of a completed product, counted (Decree 335 Art. 14: "each delay" costs 25 %): a
	deadline missed and moved, and a completion after the due date, each weighted by the product's
	conversion factor. None when not counted: one delay per product completed late."""
	failures: float | None = None
	"""Each failed quality assessment of a completed product, counted (a product failed, reopened
	and completed again keeps its earlier failure), weighted. None when not counted: one per product
	whose result is Failed."""
	excused: float = 0
	"""Products late or failed whose objective cause the competent level confirmed (Decree 335 Art. 14:
	no penalty): already counted on time and meeting quality, with no delay and no failure; told in
	the reasons."""

	@property
	def met_quality(self) -> float:
		"""Tasks completed and meeting the required quality (completed, not failed)."""
		return max(0.0, float(self.completed) - float(self.failed))

	@property
	def delay_count(self) -> float:
		"""The delays the late penalty counts (`delays`, else one per product completed late)."""
		return self.completed_late if self.delays is None else float(self.delays)

	@property
	def failure_count(self) -> float:
		"""The failed assessments the quality penalty counts (`failures`, else the failed products)."""
		return float(self.failed) if self.failures is None else float(self.failures)

	def __add__(self, other: TaskFigures) -> TaskFigures:
		delays = self.delays is not None or other.delays is not None
		failures = self.failures is not None or other.failures is not None
		return TaskFigures(
			*(
				float(getattr(self, name)) + float(getattr(other, name))
				for name in ("assigned", "completed", "on_time", "late", "failed", "exceeded")
			),
			delays=self.delay_count + other.delay_count if delays else None,
			failures=self.failure_count + other.failure_count if failures else None,
			excused=float(self.excused) + float(other.excused),
		)

	@property
	def completed_late(self) -> float:
		"""Tasks completed after their due date, to the millionth of a converted product: below that a
		difference of two sums is their floating-point error, not a product completed late (a property
		test found 2 products on time out of 2.000000000000185 completed charged a delay)."""
		return max(0.0, round(float(self.completed) - float(self.on_time), FIGURE_DECIMALS))

	def ratios(self, penalty_rule: str = PENALTY_PROGRESS_RATIO) -> dict[str, float]:
		"""quantity / progress / quality ratios before penalties, each within 0..1 (all 1 when nothing
		was assigned). Under "Per-Product Penalty" a completed product keeps its progress and quality
		share (the penalties then cut it); under "Progress Ratio" late and failed products have none."""
		if self.assigned <= 0:
			return {SOURCE_TASK_QUANTITY: 1.0, SOURCE_TASK_PROGRESS: 1.0, SOURCE_TASK_QUALITY: 1.0}
		a = float(self.assigned)
		if penalty_rule == PENALTY_PER_PRODUCT:
			progress, quality = self.completed / a, self.completed / a
		else:
			progress, quality = self.on_time / a, (self.completed - self.failed) / a
		return {
			SOURCE_TASK_QUANTITY: _clamp(self.completed / a),
			SOURCE_TASK_PROGRESS: _clamp(progress),
			SOURCE_TASK_QUALITY: _clamp(quality),
		}

	def share(self, figure: str) -> float | None:
		"""``figure`` (on_time, exceeded, late) as a percentage of the tasks assigned (None without tasks)."""
		if self.assigned <= 0:
			return None
		return 100.0 * float(getattr(self, figure)) / float(self.assigned)


@dataclass(frozen=True)
class EvaluationInput:
	tasks: TaskFigures
	manual_scores: dict[str, float]
	violation_deduction: float = 0
	discipline_outcome: str | None = None
	forced_not_completed: bool = False
	unit_factor: float = 1.0
	"""A leader's unit operating result (1.0 or 0.5), applied under ``Policy.leader_unit_factor``."""
	unit_dealt_with: bool = False
	"""A leader: a unit he or she leads directly was dealt with for embezzlement, corruption or waste
	(Decree 335/2025, levels article 4(d)); forces not completed like discipline."""


@dataclass(frozen=True)
class EvaluationResult:
	scores: dict[str, float]
	total: float
	level_code: str
	level_label: str
	reasons: tuple[Reason, ...]
	not_completed_forced: bool
	# Added beyond the agreed API (all defaulted):
	score_level_code: str = ""
	"""The level the points alone give (differs from ``level_code`` when discipline forced it or a hard
	condition of the level refused it)."""
	task_penalty: float = 0.0
	violation_deduction_applied: float = 0.0
	ratios: dict[str, float] = field(default_factory=dict)
	capped_by: tuple[str, ...] = ()
	"""Codes of the levels the score reached but a hard condition refused."""


@dataclass(frozen=True)
class QuotaCheck:
	ok: bool
	top_count: int
	base_count: int
	allowed: int
	percent: float = 0.0

	@property
	def excess(self) -> int:
		return max(0, self.top_count - self.allowed)

	@property
	def reason(self) -> Reason:
		return Reason(R_QUOTA_EXCEEDED, (self.top_count, self.allowed, _fmt(self.percent), self.base_count))


def round2(x: float) -> float:
	"""Round half up to 2 decimals (not banker's rounding): 0.125 → 0.13."""
	return float(Decimal(repr(float(x))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _clamp(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
	return min(hi, max(lo, float(x)))


def evaluate(policy: Policy, inp: EvaluationInput) -> EvaluationResult:
	"""Score one cadre for one period under ``policy`` (see the module docstring for the rules).

	Raises :class:`ScoreError` for a manual score outside 0..max points, a negative task figure or a
	negative deduction, and :class:`PolicyError` for a policy that does not validate.
	"""
	problems = policy.validate()
	if problems:
		raise PolicyError(problems)
	_check_input(inp)
	reasons: list[Reason] = []
	raw: dict[str, float] = {}

	for c in policy.criteria:
		if c.source in (SOURCE_MANUAL, SOURCE_VIOLATIONS):
			raw[c.key] = _manual(c, inp.manual_scores, reasons)

	task_criteria = [c for c in policy.criteria if c.is_task]
	ratios = inp.tasks.ratios(policy.penalty_rule)
	task_penalty = 0.0
	if task_criteria:
		if inp.tasks.assigned <= 0 and policy.no_task_rule == NO_TASKS_RATER:
			reasons.append(Reason(R_NO_TASKS_RATED))
			for c in task_criteria:
				raw[c.key] = _manual(c, inp.manual_scores, reasons)
		elif inp.tasks.assigned <= 0:
			reasons.append(Reason(R_NO_TASKS))
			for c in task_criteria:
				raw[c.key] = float(c.max_points)
		else:
			_score_tasks(policy, task_criteria, ratios, raw)
			if policy.penalty_rule == PENALTY_PER_PRODUCT:
				task_penalty = _apply_penalties(policy, task_criteria, inp.tasks, raw, reasons)
			if inp.tasks.excused > 0:
				reasons.append(Reason(R_EXCUSED, (_fmt(inp.tasks.excused),)))

	if task_criteria and policy.leader_unit_factor and inp.unit_factor < 1:
		for c in task_criteria:
			raw[c.key] *= inp.unit_factor
		reasons.append(Reason(R_UNIT_FACTOR, (_fmt(inp.unit_factor * 100),)))

	scores = {c.key: round2(raw[c.key]) for c in policy.criteria}

	applied, total_deduction = _apply_violations(policy, inp.violation_deduction, scores, reasons)

	total = sum(scores.values()) - total_deduction
	if total > policy.max_total + 1e-9:
		reasons.append(Reason(R_TOTAL_CAPPED, (_fmt(policy.max_total),)))
	total = round2(_clamp(total, 0.0, policy.max_total))

	band, capped_by = _level(policy, total, inp.tasks, reasons)
	level = band
	forced = False
	if policy.not_completed_on_discipline:
		outcome = (inp.discipline_outcome or "").strip()
		target = policy.band(policy.not_completed_level_code)
		if outcome in DISCIPLINE_FORCING_OUTCOMES:
			forced, level = True, target
			reasons.append(Reason(R_DISCIPLINE, (outcome, target.level_label)))
		elif inp.forced_not_completed:
			forced, level = True, target
			reasons.append(Reason(R_FORCED, (target.level_label,)))
		if inp.unit_dealt_with:
			forced, level = True, target
			reasons.append(Reason(R_UNIT_DEALT_WITH, (target.level_label,)))

	return EvaluationResult(
		scores=scores,
		total=total,
		level_code=level.level_code,
		level_label=level.level_label,
		reasons=tuple(reasons),
		not_completed_forced=forced,
		score_level_code=policy.band_for_score(total).level_code,
		task_penalty=round2(task_penalty),
		violation_deduction_applied=round2(applied),
		ratios=ratios,
		capped_by=capped_by,
	)


def _level(policy: Policy, total: float, tasks: TaskFigures, reasons: list[Reason]):
	"""The highest band the total reaches whose hard conditions hold, and the codes of the bands the
	total reached but a condition refused (each with a reason)."""
	capped: list[str] = []
	ordered = policy.sorted_bands()
	for band in ordered:
		if float(total) < float(band.min_score):
			continue
		failed = _failed_conditions(band, tasks)
		if not failed:
			return band, tuple(capped)
		capped.append(band.level_code)
		for name, share, limit in failed:
			reasons.append(
				Reason(CONDITION_REASONS[name], (band.level_label, _fmt(round2(share)), _fmt(limit)))
			)
	return ordered[-1], tuple(capped)


CONDITION_FIGURES = {
	"min_on_time_percent": "on_time",
	"min_quality_percent": "met_quality",
	"min_exceeded_percent": "exceeded",
	"max_late_percent": "late",
}


def _failed_conditions(band, tasks: TaskFigures) -> list[tuple[str, float, float]]:
	"""(condition, the cadre's share, the limit) for each condition of ``band`` that does not hold."""
	failed = []
	for name, limit in band.conditions:
		figure = CONDITION_FIGURES[name]
		share = tasks.share(figure)
		if share is None:
			continue  # no task in the period: the task conditions do not apply
		ok = share <= float(limit) + 1e-9 if name == "max_late_percent" else share >= float(limit) - 1e-9
		if not ok:
			failed.append((name, share, float(limit)))
	return failed


def _check_input(inp: EvaluationInput) -> None:
	for name in (
		"assigned",
		"completed",
		"on_time",
		"late",
		"failed",
		"exceeded",
		"delays",
		"failures",
		"excused",
	):
		value = getattr(inp.tasks, name)
		if value is None and name in ("delays", "failures"):
			continue
		if not _finite(value) or float(value) < 0:
			raise ScoreError(Reason(E_NEGATIVE_FIGURE, (name, value)))
	d = inp.violation_deduction or 0
	if not _finite(d) or float(d) < 0:
		raise ScoreError(Reason(E_NEGATIVE_DEDUCTION, (d,)))


def _manual(c: Criterion, manual_scores: dict, reasons: list[Reason]) -> float:
	"""A criterion people rate: the score entered, else the criterion's default, else 0 (with a reason)."""
	value = manual_scores.get(c.key) if manual_scores else None
	if value is None:
		if c.default_points is None:
			reasons.append(Reason(R_MISSING_SCORE, (c.title,)))
			return 0.0
		reasons.append(Reason(R_DEFAULT_SCORE, (c.title, _fmt(c.default_points))))
		return float(c.default_points)
	if not _finite(value) or not 0 <= float(value) <= float(c.max_points) + 1e-9:
		raise ScoreError(Reason(E_SCORE_RANGE, (value, c.title, _fmt(c.max_points))), criterion=c.key)
	return float(value)


def _score_tasks(policy: Policy, task_criteria: list[Criterion], ratios: dict[str, float], raw: dict) -> None:
	used = [
		s
		for s in (SOURCE_TASK_QUANTITY, SOURCE_TASK_QUALITY, SOURCE_TASK_PROGRESS)
		if any(c.source == s for c in task_criteria)
	]
	if policy.task_result_method == METHOD_AVERAGE:
		factor = sum(ratios[s] for s in used) / len(used)
		for c in task_criteria:
			raw[c.key] = float(c.max_points) * factor
	elif policy.task_result_method == METHOD_PRODUCT:
		factor = math.prod(ratios[s] for s in used)
		for c in task_criteria:
			raw[c.key] = float(c.max_points) * factor
	else:  # Separate Criteria
		for c in task_criteria:
			raw[c.key] = float(c.max_points) * ratios[c.source]


def _apply_penalties(policy, task_criteria, tasks: TaskFigures, raw: dict, reasons: list[Reason]) -> float:
	total = 0.0
	for count, percent, source, template in (
		(tasks.delay_count, policy.late_penalty_percent, SOURCE_TASK_PROGRESS, R_LATE_PENALTY),
		(tasks.failure_count, policy.failed_penalty_percent, SOURCE_TASK_QUALITY, R_FAILED_PENALTY),
	):
		if not count or not percent:
			continue
		targets = [c for c in task_criteria if c.source == source] or task_criteria
		taken = 0.0
		for c in targets:
			per_product = float(c.max_points) / float(tasks.assigned)
			cut = min(raw[c.key], float(count) * float(percent) / 100.0 * per_product)
			raw[c.key] -= cut
			taken += cut
		total += taken
		reasons.append(Reason(template, (_fmt(count), _fmt(round2(taken)), _fmt(percent))))
	return total


def _apply_violations(
	policy: Policy, deduction: float, scores: dict, reasons: list[Reason]
) -> tuple[float, float]:
	"""Returns (deduction applied, part of it to take from the total): the deduction, capped at
	``max_violation_deduction`` when set, comes off the "Violations" criteria down to 0, and whatever
	is left off the total."""
	deduction = float(deduction or 0)
	if deduction <= 0:
		return 0.0, 0.0
	applied = deduction
	if policy.max_violation_deduction is not None:
		applied = min(applied, float(policy.max_violation_deduction))
	left = applied
	for c in (c for c in policy.criteria if c.source == SOURCE_VIOLATIONS):
		cut = min(scores[c.key], left)
		scores[c.key] = round2(scores[c.key] - cut)
		left = round2(left - cut)
	from_total = left
	if applied < deduction:
		reasons.append(Reason(R_VIOLATIONS_CAPPED, (_fmt(deduction), _fmt(applied))))
	else:
		reasons.append(Reason(R_VIOLATIONS, (_fmt(applied),)))
	return applied, from_total


def check_quota(policy: Policy, levels: list[str], quota_percent: float | None = None) -> QuotaCheck:
	"""Check the top-level quota over the levels of one group (e.g. one unit's cadres in a period),
	at the policy's percentage or at ``quota_percent`` when the group has its own (Hanoi: up to 40 %
	for a unit whose collective results are especially outstanding).

	Empty levels (not rated yet) are left out. The base is everyone rated ("All Rated"), those at the
	good level ("Rated Good", Decree 335 read literally) or those at the good level or above ("Rated
	Good or Better"): `Policy.in_quota_base`. At most ``floor(quota_percent % × base)`` may be at the
	top level — "không quá" read strictly, so 4 good ratings at 20 % allow nobody (0.8 rounds down).
	"""
	rated = [lv for lv in levels if lv]
	top_count = sum(1 for lv in rated if lv == policy.top_level_code)
	base = sum(1 for lv in rated if policy.in_quota_base(lv))
	percent = policy.quota_percent if quota_percent is None else quota_percent
	allowed = math.floor(Fraction(str(percent)) * base / 100)
	return QuotaCheck(
		ok=top_count <= allowed,
		top_count=top_count,
		base_count=base,
		allowed=allowed,
		percent=float(percent),
	)


@dataclass(frozen=True)
class TimeWorked:
	"""A cadre's year as Decree 335's timing article and Decree 90/2020 Art. 2 cl. 3 weigh it:
	``months`` worked (the months of the periods scored, those on leave left out), ``leave_months``
	of leave other than maternity, and whether the cadre took maternity leave in the year."""

	months: float
	leave_months: float = 0
	maternity: bool = False


@dataclass(frozen=True)
class SpanResult:
	"""A quarter's or a year's classification worked out from its periods (`classify_span`)."""

	average: float
	level_code: str
	score_level_code: str
	"""The level of the average alone."""
	reasons: tuple[Reason, ...] = ()
	capped_by: tuple[str, ...] = ()
	"""Codes of the levels the average reached but a condition over the span's tasks refused."""
	forced: bool = False
	not_classified: bool = False
	"""Too little time worked in the year: no level (``level_code`` is empty)."""


def classify_span(
	policy: Policy,
	total,
	periods: int,
	tasks: TaskFigures | None = None,
	forced: bool = False,
	worked: TimeWorked | None = None,
) -> SpanResult:
	"""The classification of a quarter or a year from its approved periods — the one computation
	behind Cadre Classification, Cadre Year Result and the Annual Classification Proposal:

	- the **average** of the period totals (Decree 335/2025, timing article cl. 1: the year-end level
	  from the average of the monthly or quarterly scores; cl. 3: months not worked for a legitimate
	  reason are left out by the caller), from their sum as a database sums them;
	- the highest level the average reaches **whose conditions hold over the span's tasks** (the
	  evaluations' task figures summed: Regulation 366 Art. 11 classifies the quarter and the year
	  under the same article, so a late or failed product of the span counts as it does in a month);
	- **not completed** when ``forced``: discipline at reprimand or above in the span (Decree 335
	  levels article 4(c), Decree 48/2023) or a period kept at not completed by a condition that
	  overrides the score (4(b), (d)); a forcing the Standing Committee lifted is not ``forced``;
	- for a year, the time ``worked`` (`TimeWorked`): the months on leave are already left out of the
	  average (Decree 335/2025, timing article cl. 3: "tổng điểm ... trên thời gian công tác thực
	  tế"); fewer than ``policy.min_months_worked`` months worked and no maternity leave → **not
	  classified**; at least ``policy.leave_months_below_good`` months of other leave → at most the
	  level below good (Decree 90/2020 Art. 2 cl. 3, as amended by Decree 48/2023 Art. 1 cl. 1).
	  Not classified wins over everything else: there is no level to force.
	"""
	if not periods:
		raise ValueError(E_NO_MONTHS)
	exact = Fraction(total) if isinstance(total, Fraction | Decimal) else Fraction(repr(float(total)))
	average = round2(exact / periods)
	reasons: list[Reason] = []
	if worked is not None and _too_little_time(policy, worked):
		reasons.append(Reason(R_NOT_CLASSIFIED, (_fmt(worked.months), policy.min_months_worked)))
		return SpanResult(
			average=average,
			level_code="",
			score_level_code=policy.band_for_score(average).level_code,
			reasons=tuple(reasons),
			not_classified=True,
		)
	band, capped = _level(policy, average, tasks or TaskFigures(), reasons)
	if worked is not None:
		band = _leave_cap(policy, band, worked, reasons)
	level = band.level_code
	forced = bool(forced and policy.not_completed_on_discipline)
	if forced:
		target = policy.band(policy.not_completed_level_code)
		level = target.level_code
		reasons.append(Reason(R_SPAN_FORCED, (target.level_label,)))
	return SpanResult(
		average=average,
		level_code=level,
		score_level_code=policy.band_for_score(average).level_code,
		reasons=tuple(reasons),
		capped_by=capped,
		forced=forced,
	)


def _too_little_time(policy: Policy, worked: TimeWorked) -> bool:
	return (
		bool(policy.min_months_worked) and not worked.maternity and worked.months < policy.min_months_worked
	)


def _leave_cap(policy: Policy, band, worked: TimeWorked, reasons: list[Reason]):
	"""``band``, or the highest level below good when the year had long leave (other than maternity)."""
	if worked.maternity:
		reasons.append(Reason(R_MATERNITY, (_fmt(worked.months),)))
	limit = policy.leave_months_below_good
	below = policy.highest_band_below_good()
	if not limit or worked.leave_months < limit or below is None:
		return band
	if float(band.min_score) > float(below.min_score):
		reasons.append(
			Reason(
				R_LEAVE_BELOW_GOOD,
				(_fmt(round2(worked.leave_months)), policy.band(policy.good_level_code).level_label),
			)
		)
		return below
	return band


def annual_level(policy: Policy, monthly_totals: list[float]) -> tuple[float, str]:
	"""The average of the year's period totals and the level it gives, without task conditions or
	discipline (`classify_span` applies those)."""
	values = [float(t) for t in monthly_totals if t is not None]
	return annual_level_of_sum(policy, sum(Fraction(repr(v)) for v in values), len(values))


def annual_level_of_sum(policy: Policy, total, months: int) -> tuple[float, str]:
	"""`annual_level` from the sum of the year's period totals and how many there are."""
	result = classify_span(policy, total, months)
	return result.average, result.score_level_code


def discipline_date(detected_on, decision_date=None):
	"""The date a violation's discipline counts on: the date of the disciplinary decision when there
	is one, else the date the violation was detected (Decree 335 Art. 20(c): "disciplined in the year";
	Decree 48/2023: a decision counts in the year it takes effect)."""
	return decision_date or detected_on


def discipline_in_period(detected_on, decision_date, start, end, rated_on_detection: bool = False) -> bool:
	"""Whether a violation's discipline outcome counts in the period ``start``..``end`` (dates).

	Decree 48/2023 (amending Decree 90/2020): an act already used to rate the person "not completed"
	before the disciplinary decision is not counted again in the year the decision is issued. A
	violation whose category forces "not completed" (``rated_on_detection``) rated its detection
	period so; its decision dated in a later year counts in no period of that year."""
	day = discipline_date(detected_on, decision_date)
	if rated_on_detection and decision_date and detected_on and decision_date.year > detected_on.year:
		return False
	return bool(day and start <= day <= end)
