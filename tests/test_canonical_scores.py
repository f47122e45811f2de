"""Canonical scores: the rules of the texts as a table of worked cases (issue 11).

Each case gives the inputs, the expected total and level, and the line of
``shared/design/domain.md`` (``D:<line>``) or of issue 11 (``I11``) it encodes. Framework-free: run
with ``python3 -m pytest`` from the app's root. The cases the engine got wrong before issue 11 are
marked ``defect`` with the issue's wording.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction

import pytest

from soson_discipline.scoring import (
	PENALTY_PROGRESS_RATIO,
	R_COND_EXCEEDED,
	R_COND_LATE,
	R_COND_ON_TIME,
	R_COND_QUALITY,
	R_DEFAULT_SCORE,
	R_DISCIPLINE,
	R_EXCUSED,
	R_MISSING_SCORE,
	R_UNIT_DEALT_WITH,
	R_UNIT_FACTOR,
	Band,
	EvaluationInput,
	TaskFigures,
	TimeWorked,
	check_quota,
	classify_span,
	discipline_in_period,
	evaluate,
)
from soson_discipline.scoring.standard import (
	D335_A,
	D335_B,
	D335_C,
	D335_PROGRESS,
	D335_QUALITY,
	D335_QUANTITY,
	DECREE_335,
	H_BONUS,
	H_DISCIPLINE,
	H_PROGRESS,
	H_QUALITY,
	H_QUANTITY,
	HANOI_3814,
	REGULATION_366,
)

D335 = DECREE_335.policy
HANOI = HANOI_3814.policy
SHIPPED_366 = REGULATION_366.policy

# A Regulation 366 reading (Art. 11): excellent ≥ 90 with 100 % on time and ≥ 30 % exceeded, good
# ≥ 70 with 100 % on time, completed ≥ 50 with at most 20 % late (collectives).
REG_366 = replace(
	D335,
	bands=(
		Band("HTXSNV", "Excellent", 90, min_on_time_percent=100, min_exceeded_percent=30),
		Band("HTTNV", "Good", 70, min_on_time_percent=100),
		Band("HTNV", "Completed", 50, max_late_percent=20),
		Band("KHTNV", "Not completed", 0),
	),
)


def on_time(n: float) -> TaskFigures:
	"""``n`` tasks, all completed on time."""
	return TaskFigures(assigned=n, completed=n, on_time=n)


NO_TASKS = TaskFigures()


def d335_rated(a, b, c, quantity, quality, progress) -> dict:
	"""Decree 335 scores of a period without tasks (the rater scores the task results)."""
	return {
		D335_A: a,
		D335_B: b,
		D335_C: c,
		D335_QUANTITY: quantity,
		D335_QUALITY: quality,
		D335_PROGRESS: progress,
	}


def hanoi_rated(discipline, quantity, quality, progress, bonus) -> dict:
	return {
		H_DISCIPLINE: discipline,
		H_QUANTITY: quantity,
		H_QUALITY: quality,
		H_PROGRESS: progress,
		H_BONUS: bonus,
	}


@dataclass(frozen=True)
class Case:
	id: str
	policy: object
	tasks: TaskFigures
	scores: dict
	total: float
	level: str
	source: str
	deduction: float = 0
	outcome: str | None = None
	forced: bool = False
	reasons: tuple = ()
	defect: str = ""
	extra: dict = field(default_factory=dict)


FULL_GENERAL = {D335_A: 10, D335_B: 10, D335_C: 10}

CASES = [
	# ----- Decree 335 level boundaries (Art. 20) -----
	Case(
		"d335-90-excellent",
		D335,
		NO_TASKS,
		d335_rated(10, 10, 0, 30, 20, 20),
		90,
		"HTXSNV",
		"D:181 | HTXSNV | **at least 90** |",
	),
	Case(
		"d335-89.99-good",
		D335,
		NO_TASKS,
		d335_rated(10, 9.99, 0, 30, 20, 20),
		89.99,
		"HTTNV",
		"D:182 | HTTNV | **70 to under 90** |",
	),
	Case(
		"d335-70-good",
		D335,
		NO_TASKS,
		d335_rated(0, 0, 0, 30, 20, 20),
		70,
		"HTTNV",
		"D:182 | HTTNV | **70 to under 90** |",
	),
	Case(
		"d335-69.99-completed",
		D335,
		NO_TASKS,
		d335_rated(0, 0, 0, 30, 20, 19.99),
		69.99,
		"HTNV",
		"D:183 | HTNV | **50 to under 70** |",
	),
	Case(
		"d335-50-completed",
		D335,
		NO_TASKS,
		d335_rated(0, 0, 0, 30, 20, 0),
		50,
		"HTNV",
		"D:183 | HTNV | **50 to under 70** |",
	),
	Case(
		"d335-49.99-not-completed",
		D335,
		NO_TASKS,
		d335_rated(0, 0, 0, 29.99, 20, 0),
		49.99,
		"KHTNV",
		"D:184 | KHTNV | any of: (a) score **under 50**",
	),
	# ----- Hanoi 3814 grade boundaries -----
	Case("hanoi-90-A", HANOI, NO_TASKS, hanoi_rated(20, 30, 20, 20, 0), 90, "A", "D:60 | A | 90–100 |"),
	Case(
		"hanoi-89.99-B",
		HANOI,
		NO_TASKS,
		hanoi_rated(19.99, 30, 20, 20, 0),
		89.99,
		"B",
		"D:61 | B | 70 to under 90 |",
	),
	Case(
		"hanoi-70-B", HANOI, NO_TASKS, hanoi_rated(0, 30, 20, 20, 0), 70, "B", "D:61 | B | 70 to under 90 |"
	),
	Case(
		"hanoi-69.99-C",
		HANOI,
		NO_TASKS,
		hanoi_rated(0, 29.99, 20, 20, 0),
		69.99,
		"C",
		"D:62 | C | 50 to under 70 |",
	),
	Case("hanoi-50-C", HANOI, NO_TASKS, hanoi_rated(0, 30, 20, 0, 0), 50, "C", "D:62 | C | 50 to under 70 |"),
	Case(
		"hanoi-49.99-D", HANOI, NO_TASKS, hanoi_rated(0, 29.99, 20, 0, 0), 49.99, "D", "D:63 | D | under 50 |"
	),
	Case(
		"hanoi-bonus-capped-at-100",
		HANOI,
		on_time(3),
		{H_DISCIPLINE: 20, H_BONUS: 10},
		100,
		"A",
		"D:53-56 20 + 70 + 10 bonus = 100",
	),
	# ----- the discipline-and-ethics criterion is rated, not full points -----
	Case(
		"hanoi-discipline-unscored",
		HANOI,
		on_time(4),
		{H_BONUS: 0},
		70,
		"B",
		"I11 Under Hanoi 3814 a cadre with all tasks on time and no bonus gets 90 = A",
		reasons=((R_MISSING_SCORE, (H_DISCIPLINE,)),),
		defect="the Violations criterion started at full points (90 = A)",
	),
	Case(
		"d335-a-unscored",
		D335,
		on_time(4),
		{D335_B: 5, D335_C: 5},
		80,
		"HTTNV",
		"I11 under Decree 335, criteria (b) and (c) at 5 each still give 90 = excellent",
		defect="criterion (a) started at full points (90 = excellent)",
	),
	Case(
		"d335-a-rated",
		D335,
		on_time(4),
		{D335_A: 7, D335_B: 5, D335_C: 5},
		87,
		"HTTNV",
		"D:153 (a) political and moral qualities, public-service culture, discipline",
	),
	Case(
		"stated-default",
		replace(
			HANOI,
			criteria=tuple(
				replace(c, default_points=15) if c.key == H_DISCIPLINE else c for c in HANOI.criteria
			),
		),
		on_time(4),
		{H_BONUS: 0},
		85,
		"B",
		"I11 rated (with a default the policy states, never silently full)",
		reasons=((R_DEFAULT_SCORE, (H_DISCIPLINE, "15")),),
	),
	# ----- violation deductions on top, capped only by the policy -----
	Case(
		"hanoi-deduction-beyond-criterion",
		HANOI,
		on_time(4),
		{H_DISCIPLINE: 10, H_BONUS: 0},
		60,
		"C",
		"I11 A violation's deduction is capped at that one criterion's points (a 20-point category costs 10)",
		deduction=20,
		defect="the deduction stopped at the criterion's 10 points (70 = B)",
	),
	Case(
		"hanoi-deduction-policy-cap",
		replace(HANOI, max_violation_deduction=10),
		on_time(4),
		{H_DISCIPLINE: 10, H_BONUS: 0},
		70,
		"B",
		"I11 with the cap the policy sets (none by default)",
		deduction=20,
	),
	Case(
		"d335-deduction-within-a",
		D335,
		on_time(4),
		FULL_GENERAL,
		96,
		"HTXSNV",
		"D:246 violations ... feed the evaluation (criterion (a) of D:153)",
		deduction=4,
	),
	# ----- hard conditions (Decree 335 Art. 20 / Regulation 366 Art. 11) -----
	Case(
		"d335-one-late-of-four",
		D335,
		TaskFigures(4, 4, 3, 1),
		FULL_GENERAL,
		98.75,
		"HTXSNV",
		"D:385 levels article cl. 1 'Đạt từ 90 điểm trở lên', no on-time condition on any level; D:383 a delay costs 25% of that product's progress points",
		defect="I22 the level borrowed Regulation 366's 100% on time (HTNV)",
	),
	Case(
		"d335-one-open-past-due",
		D335,
		TaskFigures(4, 3, 3, 1),
		FULL_GENERAL,
		82.5,
		"HTTNV",
		"D:383 quantity and progress count completed products; D:385 good is 70 to under 90 by points alone",
		defect="I22 the level borrowed Regulation 366's 100% on time (HTNV)",
	),
	Case(
		"d335-failed-product-keeps-the-level",
		D335,
		TaskFigures(4, 4, 4, 0, 1),
		{D335_A: 10, D335_B: 10, D335_C: 0},
		88.75,
		"HTTNV",
		"D:383 a failed assessment costs 25% of that product's quality points, not the level (D:385)",
	),
	Case(
		"d335-all-on-time-failed-quality",
		D335,
		TaskFigures(4, 4, 4, 0, 1),
		FULL_GENERAL,
		98.75,
		"HTXSNV",
		"D:165 −25% of that product's quality points for each failed assessment",
		defect="quality lost the product's points and the 25 % too (93.75)",
	),
	Case(
		"d335-each-delay-of-one-product-counts",
		D335,
		TaskFigures(4, 4, 3, 1, delays=2),
		FULL_GENERAL,
		97.5,
		"HTXSNV",
		"D:165 −25% of that product's progress points for each delay: a deadline missed and moved, then a late completion, are two delays (2 × 25% × 5)",
		defect="I22 one delay was counted per late product, however often it slipped",
	),
	Case(
		"d335-converted-products",
		D335,
		# two reports (factor 1) on time, one scheme (đề án, factor 4) completed late: 6 converted
		# products assigned and completed, 2 on time, 4 late with one delay each (weighted 4)
		TaskFigures(6, 6, 2, 4, delays=4),
		FULL_GENERAL,
		96.67,
		"HTXSNV",
		"D:383 completed vs assigned products, both converted ('đã quy đổi'); the late scheme weighs 4 products: 4 × 25% × 20/6 progress points (not 1 × 25% × 20/3 as three plain tasks)",
		defect="I23 a task's weight was typed by hand, not the product's conversion factor",
	),
	Case(
		"d335-objective-cause-excused",
		D335,
		# one product of four completed late, its objective cause confirmed: on time, no delay
		TaskFigures(4, 4, 4, 0, delays=0, failures=0, excused=1),
		FULL_GENERAL,
		100,
		"HTXSNV",
		"D:383 each delay costs 25% of the product's progress points, 'same exception': an objective cause confirmed by the competent level",
		reasons=((R_EXCUSED, ("1",)),),
		defect="I23 nothing recorded an objective cause",
	),
	Case(
		"d335-failed-reopened-completed-again",
		D335,
		TaskFigures(4, 4, 4, 0, 0, failures=1),
		FULL_GENERAL,
		98.75,
		"HTXSNV",
		"D:165 −25% of that product's quality points for each failed assessment: a product failed, reopened and passed keeps its failure",
		defect="I22 a failed assessment vanished once the product passed after rework",
	),
	Case(
		"d335-reopened-product-earns-and-costs-nothing-yet",
		D335,
		TaskFigures(3, 3, 3),
		FULL_GENERAL,
		100,
		"HTXSNV",
		"I22 item 6: a product reopened after a failed assessment is left out of the period until it is completed again (3 products counted, not 4)",
	),
	Case(
		"hanoi-late-no-condition",
		HANOI,
		TaskFigures(4, 4, 3, 1),
		{H_DISCIPLINE: 20, H_BONUS: 0},
		85,
		"B",
		"D:228 Hanoi 3814 hard conditions: none found",
	),
	Case(
		"reg366-excellent-needs-30pct-exceeded",
		REG_366,
		TaskFigures(10, 10, 10, exceeded=2),
		FULL_GENERAL,
		100,
		"HTTNV",
		"D:139 at least 30% exceeding requirements",
		reasons=((R_COND_EXCEEDED, ("Excellent", "20", "30")),),
	),
	Case(
		"reg366-excellent-30pct-exceeded",
		REG_366,
		TaskFigures(10, 10, 10, exceeded=3),
		FULL_GENERAL,
		100,
		"HTXSNV",
		"D:139 at least 30% exceeding requirements",
	),
	Case(
		"reg366-completed-40pct-late",
		REG_366,
		TaskFigures(5, 5, 3, 2),
		FULL_GENERAL,
		98,
		"KHTNV",
		"D:143 no more than 20% of tasks late",
		reasons=((R_COND_LATE, ("Completed", "40", "20")),),
	),
	Case(
		"reg366-completed-20pct-late",
		REG_366,
		TaskFigures(5, 5, 4, 1),
		FULL_GENERAL,
		99,
		"HTNV",
		"D:143 no more than 20% of tasks late",
	),
	Case(
		"no-tasks-no-task-condition",
		D335,
		NO_TASKS,
		d335_rated(10, 10, 10, 30, 20, 20),
		100,
		"HTXSNV",
		"Assumption: the on-time share is not checked in a period without tasks",
	),
	# ----- penalty rules: one punishment per late product -----
	Case(
		"d335-progress-ratio-rule",
		replace(D335, penalty_rule=PENALTY_PROGRESS_RATIO),
		TaskFigures(4, 4, 3, 1),
		FULL_GENERAL,
		95,
		"HTXSNV",
		"I11 late product not punished twice: penalty rule progress-ratio (D:385 no on-time condition)",
	),
	Case(
		"d335-per-product-weighted",
		D335,
		TaskFigures(2.5, 2, 1.5, 0.5),
		FULL_GENERAL,
		85,
		"HTTNV",
		"D:162 compare completed vs assigned, both converted; D:166 −25% for each delay (D:385 good by points)",
	),
	# ----- discipline overrides the score (Decree 335 Art. 20(c)) -----
	Case(
		"d335-reprimand",
		D335,
		on_time(2),
		FULL_GENERAL,
		100,
		"KHTNV",
		"D:184 (c) disciplined at reprimand level or above",
		outcome="Reprimand",
		reasons=((R_DISCIPLINE, ("Reprimand", "Not Completed Duties")),),
	),
	Case(
		"d335-reminder-not-discipline",
		D335,
		on_time(2),
		FULL_GENERAL,
		100,
		"HTXSNV",
		"D:184 (c) reprimand level or above (a reminder is below)",
		outcome="Reminder",
	),
	Case(
		"d335-salary-downgrade",
		D335,
		on_time(2),
		FULL_GENERAL,
		100,
		"KHTNV",
		"I11 Salary downgrade and forced dismissal are missing from the discipline forms",
		outcome="Salary Downgrade",
		defect="unknown form, no override",
	),
	Case(
		"d335-forced-dismissal",
		D335,
		on_time(2),
		FULL_GENERAL,
		100,
		"KHTNV",
		"I11 Salary downgrade and forced dismissal are missing from the discipline forms",
		outcome="Forced Dismissal",
		defect="unknown form, no override",
	),
	Case(
		"hanoi-warning",
		HANOI,
		on_time(2),
		{H_DISCIPLINE: 20, H_BONUS: 10},
		100,
		"D",
		"D:97 Anyone given Party or administrative discipline in the evaluation year is rated KHTNV",
		outcome="Warning",
	),
	# ----- leaders -----
	Case(
		"leader-unit-corruption",
		D335,
		on_time(2),
		FULL_GENERAL,
		100,
		"KHTNV",
		"D:184 (d) (leaders only) the unit they manage is involved in embezzlement, corruption or waste",
		forced=True,
	),
	# ----- the shipped Regulation 366 policy (individuals without a leadership post) -----
	Case(
		"reg366-shipped-90-all-on-time-excellent",
		SHIPPED_366,
		on_time(4),
		{D335_A: 10, D335_B: 10, D335_C: 0},
		90,
		"HTXSNV",
		"D:138-141 HTXSNV at least 90 points; non-leader individual: 100% of tasks on time",
	),
	Case(
		"reg366-shipped-one-late-of-four-completed",
		SHIPPED_366,
		TaskFigures(4, 4, 3, 1),
		FULL_GENERAL,
		95,
		"HTNV",
		"D:391 HTTNV 70 to under 90 plus 100% of tasks on time (a late task keeps no progress points: no penalty beyond the ratio)",
		reasons=(
			(R_COND_ON_TIME, ("Excellently Completed Duties", "75", "100")),
			(R_COND_ON_TIME, ("Well Completed Duties", "75", "100")),
		),
	),
	Case(
		"reg366-shipped-failed-product-blocks-good-and-excellent",
		SHIPPED_366,
		TaskFigures(4, 4, 4, 0, 1),
		FULL_GENERAL,
		95,
		"HTNV",
		"D:390-391 Art. 11: excellent and good need 100% of tasks 'đúng tiến độ, bảo đảm chất lượng' (a failed product blocks them)",
		reasons=(
			(R_COND_QUALITY, ("Excellently Completed Duties", "75", "100")),
			(R_COND_QUALITY, ("Well Completed Duties", "75", "100")),
		),
		defect="I22 only the on-time share was a condition: a failed product kept excellent",
	),
	Case(
		"reg366-shipped-all-on-time-and-met-excellent",
		SHIPPED_366,
		TaskFigures(4, 4, 4, 0, 0),
		FULL_GENERAL,
		100,
		"HTXSNV",
		"D:390 Art. 11 excellent: at least 90 and 100% of tasks on time with quality",
	),
	# ----- A leader's unit operating result (Decree 335 task results for leaders) -----
	Case(
		"d335-leader-unit-all-completed-full-task-results",
		replace(D335, leader_unit_factor=True),
		on_time(4),
		FULL_GENERAL,
		100,
		"HTXSNV",
		"D:173 Unit operating result: 100% if all subordinates score at completed or higher",
		extra={"unit_factor": 1.0},
	),
	Case(
		"d335-leader-unit-one-not-completed-half-task-results",
		replace(D335, leader_unit_factor=True),
		on_time(4),
		FULL_GENERAL,
		65,
		"HTNV",
		"D:173 Unit operating result: 50% if any subordinate falls in not completed (Assumption: the share multiplies the task-result points)",
		reasons=((R_UNIT_FACTOR, ("50",)),),
		extra={"unit_factor": 0.5},
	),
	Case(
		"d335-without-the-leader-factor-a-unit-result-changes-nothing",
		D335,
		on_time(4),
		FULL_GENERAL,
		100,
		"HTXSNV",
		"Assumption: the factor is a policy setting, off in the shipped policies (the formula was not retrieved)",
		extra={"unit_factor": 0.5},
	),
	# ----- Decree 335 levels article 4(d): a leader whose unit was dealt with for corruption or waste -----
	Case(
		"d335-4d-leader-unit-dealt-with-corruption",
		D335,
		on_time(4),
		FULL_GENERAL,
		100,
		"KHTNV",
		"D:385 4(d) for leaders: the unit under direct management 'liên quan đến tham ô, tham nhũng, lãng phí và bị xử lý'",
		reasons=((R_UNIT_DEALT_WITH, ("Not Completed Duties",)),),
		extra={"unit_dealt_with": True},
	),
	Case(
		"reg366-shipped-49.99-not-completed",
		SHIPPED_366,
		NO_TASKS,
		d335_rated(0, 0, 0, 20, 20, 9.99),
		49.99,
		"KHTNV",
		"D:144 KHTNV not retrieved: under 50 points, by analogy with Decree 335 (an assumption the policy states)",
	),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_canonical_case(case: Case):
	result = evaluate(
		case.policy,
		EvaluationInput(
			tasks=case.tasks,
			manual_scores=case.scores,
			violation_deduction=case.deduction,
			discipline_outcome=case.outcome,
			forced_not_completed=case.forced,
			unit_factor=case.extra.get("unit_factor", 1.0),
			unit_dealt_with=case.extra.get("unit_dealt_with", False),
		),
	)
	assert (result.total, result.level_code) == (case.total, case.level), case.source
	got = {(r.message, r.args) for r in result.reasons}
	for reason in case.reasons:
		assert reason in got, (reason, result.reasons)


def test_at_least_thirty_cases_each_with_a_source():
	assert len(CASES) >= 30
	assert all(c.source.startswith(("D:", "I11", "I22", "Assumption")) for c in CASES)


# ----- discipline timing: the period of the decision, else of the detection -----
TIMING = [
	# detected, decision, period start, period end, counts?
	(date(2026, 10, 20), date(2026, 11, 5), date(2026, 10, 1), date(2026, 10, 31), False),
	(date(2026, 10, 20), date(2026, 11, 5), date(2026, 11, 1), date(2026, 11, 30), True),
	(date(2026, 10, 20), None, date(2026, 10, 1), date(2026, 10, 31), True),
	(date(2026, 10, 20), date(2026, 10, 20), date(2026, 10, 1), date(2026, 10, 31), True),
	(date(2026, 9, 30), date(2026, 12, 1), date(2026, 1, 1), date(2026, 12, 31), True),  # the year
]


@pytest.mark.parametrize("detected,decision,start,end,counts", TIMING)
def test_discipline_counts_in_the_period_of_the_decision(detected, decision, start, end, counts):
	"""I11: Discipline counts in the month the violation was *detected*; `discipline_decision_date` is
	never read. D:97 / D:184 (c): disciplined in the year the decision takes effect."""
	assert discipline_in_period(detected, decision, start, end) is counts


# ----- quota rounding ("không quá": at most, rounded down) -----
QUOTA = [
	# policy, levels, allowed, ok, source
	(
		D335,
		["HTXSNV"] + ["HTTNV"] * 3,
		0,
		False,
		"D:186 HTXSNV at most 20% of those rated HTTNV (4 → 0.8 → 0)",
	),
	(D335, ["HTXSNV"] + ["HTTNV"] * 4, 0, False, "D:385 5(a) 20% of the 4 rated good = 0.8 → 0"),
	(D335, ["HTXSNV"] + ["HTTNV"] * 5, 1, True, "D:385 5(a) 20% of the 5 rated good = 1"),
	(
		D335,
		["HTXSNV"] * 2 + ["HTTNV"] * 10 + ["HTNV"] * 5,
		2,
		True,
		"D:186 the base is those rated good, not all",
	),
	(HANOI, ["A"] * 3 + ["B"] * 7, 3, True, "D:65 grade A at most 30% of those rated"),
	(HANOI, ["A"] * 4 + ["B"] * 6, 3, False, "D:65 grade A at most 30% of those rated"),
	(HANOI, ["A", "B", "C"], 0, False, "D:65 30% of 3 = 0.9 → 0"),
	(replace(HANOI, quota_percent=40), ["A"] * 4 + ["B"] * 6, 4, True, "D:65 outstanding units: 40%"),
]


@pytest.mark.parametrize("policy,levels,allowed,ok,source", QUOTA)
def test_quota_rounding(policy, levels, allowed, ok, source):
	check = check_quota(policy, levels)
	assert (check.allowed, check.ok) == (allowed, ok), source


# ----- Decree 48/2023: one act is not counted in two years -----
def test_an_act_that_rated_not_completed_is_not_counted_again_in_the_year_of_its_decision():
	"""D:388 Decree 48/2023: "If the act was already used to rate KHTNV before a decision, a decision
	issued after that year does not count in its own year"."""
	detected, decided = date(2026, 11, 20), date(2027, 2, 10)
	year_2027 = (date(2027, 1, 1), date(2027, 12, 31))
	# the category forced "not completed" in November 2026: the 2027 decision counts in no 2027 period
	assert not discipline_in_period(detected, decided, *year_2027, rated_on_detection=True)
	assert not discipline_in_period(
		detected, decided, date(2027, 2, 1), date(2027, 2, 28), rated_on_detection=True
	)
	# an act that did not rate the person so counts in the year of its decision (D:385 4(c))
	assert discipline_in_period(detected, decided, *year_2027)
	# a decision in the same year still counts in its own period
	assert discipline_in_period(
		detected, date(2026, 12, 5), date(2026, 12, 1), date(2026, 12, 31), rated_on_detection=True
	)


# ----- the quarter and the year keep the levels' conditions (I22 item 2) -----
SPANS = [
	# id, policy, period totals, summed tasks, forced, average, level, source
	(
		"reg366-year-failed-product-in-the-span",
		SHIPPED_366,
		[95, 95, 95],
		TaskFigures(12, 12, 12, 0, 1),
		False,
		95,
		"HTNV",
		"D:390-391 Art. 11: a failed product of the span keeps excellent and good away from the year",
	),
	(
		"reg366-year-all-on-time-and-met",
		SHIPPED_366,
		[95, 88, 92],
		TaskFigures(12, 12, 12),
		False,
		91.67,
		"HTXSNV",
		"D:390 Art. 11 excellent: at least 90 with 100% of the tasks on time and of the required quality",
	),
	(
		"reg366-year-late-product-good-blocked",
		SHIPPED_366,
		[80, 80, 80, 80],
		TaskFigures(16, 16, 15, 1),
		False,
		80,
		"HTNV",
		"D:391 Art. 11 good: 100% of the tasks on time",
	),
	(
		"d335-year-points-only",
		D335,
		[92, 88, 90],
		TaskFigures(12, 12, 10, 2, 1),
		False,
		90,
		"HTXSNV",
		"D:385-386 the year's level from the average (timing article cl. 1), levels by points only",
	),
	(
		"d335-year-disciplined-in-the-span",
		D335,
		[95, 95, 95],
		TaskFigures(12, 12, 12),
		True,
		95,
		"KHTNV",
		"D:385 4(c) disciplined at reprimand or above in the year of evaluation",
	),
	(
		"reg366-year-no-tasks-no-condition",
		SHIPPED_366,
		[90, 90],
		TaskFigures(),
		False,
		90,
		"HTXSNV",
		"Assumption: a span without tasks is not held to the task conditions (as a period)",
	),
]


@pytest.mark.parametrize(
	"policy,totals,tasks,forced,average,level,source", [s[1:] for s in SPANS], ids=[s[0] for s in SPANS]
)
def test_span_classification(policy, totals, tasks, forced, average, level, source):
	result = classify_span(policy, sum(Fraction(str(t)) for t in totals), len(totals), tasks, forced)
	assert (result.average, result.level_code) == (average, level), source
	if result.level_code != result.score_level_code and not forced:
		assert result.capped_by and result.reasons, "a condition that keeps a level away says so"


# ----- time worked in the year (I22 item 8) -----
TIME_WORKED = [
	# id, totals (of the months worked), time worked, forced, level, source
	(
		"d335-year-five-months-worked",
		[95] * 5,
		TimeWorked(months=5, leave_months=7),
		False,
		"",
		"Decree 90/2020 Art. 2 cl. 3 (am. Decree 48/2023): 'chưa đủ 06 tháng thì không thực hiện việc đánh giá, xếp loại'",
	),
	(
		"d335-year-maternity-five-months-worked",
		[95] * 5,
		TimeWorked(months=5, maternity=True),
		False,
		"HTXSNV",
		"D:386 timing article cl. 3: maternity leave, classified on the points of the time actually worked; Decree 90 Art. 2 cl. 3 'trừ trường hợp nghỉ chế độ thai sản'",
	),
	(
		"d335-year-four-months-sick-leave",
		[95] * 8,
		TimeWorked(months=8, leave_months=4),
		False,
		"HTNV",
		"Decree 90/2020 Art. 2 cl. 3 (am. Decree 48/2023): leave 'từ 03 tháng đến dưới 06 tháng' → not 'hoàn thành tốt nhiệm vụ trở lên'",
	),
	(
		"d335-year-two-months-sick-leave",
		[95] * 10,
		TimeWorked(months=10, leave_months=2),
		False,
		"HTXSNV",
		"D:386 timing article cl. 3: the months on leave are left out of the average; under 3 months no cap",
	),
	(
		"d335-year-long-leave-and-disciplined",
		[95] * 8,
		TimeWorked(months=8, leave_months=4),
		True,
		"KHTNV",
		"D:385 4(c): discipline still rates the year not completed",
	),
	(
		"d335-year-long-leave-already-low",
		[60] * 8,
		TimeWorked(months=8, leave_months=4),
		False,
		"HTNV",
		"Decree 90 Art. 2 cl. 3 caps, never raises",
	),
]


@pytest.mark.parametrize(
	"totals,worked,forced,level,source", [t[1:] for t in TIME_WORKED], ids=[t[0] for t in TIME_WORKED]
)
def test_time_worked_in_the_year(totals, worked, forced, level, source):
	result = classify_span(D335, sum(Fraction(str(t)) for t in totals), len(totals), None, forced, worked)
	assert result.level_code == level, source
	assert result.not_classified == (level == ""), source
	if level != result.score_level_code:
		assert result.reasons, "a year held below its points says why"


def test_a_unit_dealt_with_forces_the_leaders_span_as_discipline_does():
	"""D:385 4(d): the quarter and the year of a leader whose directly led unit was dealt with for
	corruption or waste in them are not completed, as for discipline at reprimand or above (4(c))."""
	from soson_discipline.scoring import DISCIPLINE_FORCING_OUTCOMES, SPAN_FORCING_OUTCOMES, UNIT_DEALT_WITH

	assert SPAN_FORCING_OUTCOMES == DISCIPLINE_FORCING_OUTCOMES | {UNIT_DEALT_WITH}
	assert UNIT_DEALT_WITH not in DISCIPLINE_FORCING_OUTCOMES  # never a discipline form
	assert classify_span(D335, [95, 95, 95][0] * 3, 3, TaskFigures(12, 12, 12), True).level_code == "KHTNV"
