"""Policy.validate(): every problem an office can make when editing a policy."""

from dataclasses import replace

import pytest

from soson_discipline.scoring import (
	PROBLEM_TEMPLATES,
	Band,
	Criterion,
	Policy,
	Reason,
)
from soson_discipline.scoring.policy import (
	P_BAND_SCORE,
	P_BANDS_COVER,
	P_BANDS_ORDER,
	P_BONUS_SOURCE,
	P_CRITERIA_TOTAL,
	P_CRITERION_POINTS,
	P_DUPLICATE_BAND,
	P_DUPLICATE_CRITERION,
	P_GOOD_REQUIRED,
	P_LEVEL_MISSING,
	P_MAX_DEDUCTION,
	P_METHOD,
	P_NO_BANDS,
	P_NO_CRITERIA,
	P_PENALTY_NO_TASKS,
	P_PERCENT,
	P_QUOTA_BASE,
	P_TASK_SOURCE_GROUP,
	P_TOP_NOT_HIGHEST,
)
from soson_discipline.scoring.standard import DECREE_335, HANOI_3814

D335 = DECREE_335.policy


def messages(policy: Policy) -> set[str]:
	return {p.message for p in policy.validate()}


def test_shipped_policies_validate():
	assert D335.validate() == [] and HANOI_3814.policy.validate() == []


def test_criteria_must_add_up_to_100():
	short = replace(D335, criteria=D335.criteria[:-1])  # drop a 20-point criterion
	problems = short.validate()
	assert Reason(P_CRITERIA_TOTAL, ("80", "0")) in problems
	over = replace(D335, criteria=D335.criteria + (Criterion("Extra", "General", 5, "Manual"),))
	assert P_CRITERIA_TOTAL in messages(over)
	# 90 + 10 bonus (Hanoi) and 100 + bonus are both accepted
	with_bonus = replace(D335, criteria=D335.criteria + (Criterion("Bonus", "Bonus", 10, "Manual"),))
	assert with_bonus.validate() == [] and with_bonus.max_total == 100


@pytest.mark.parametrize(
	"criterion, template",
	[
		(Criterion("Neg", "General", -5, "Manual"), P_CRITERION_POINTS),
		(Criterion("Zero", "General", 0, "Manual"), P_CRITERION_POINTS),
		(Criterion("Tasks", "General", 5, "Task Quantity"), P_TASK_SOURCE_GROUP),
		(Criterion("B", "Bonus", 5, "Violations"), P_BONUS_SOURCE),
	],
)
def test_bad_criterion_rows(criterion, template):
	assert template in messages(replace(D335, criteria=D335.criteria + (criterion,)))


def test_duplicate_criterion_and_empty():
	dup = replace(D335, criteria=D335.criteria + (D335.criteria[0],))
	assert Reason(P_DUPLICATE_CRITERION, (D335.criteria[0].key,)) in dup.validate()
	assert messages(replace(D335, criteria=())) >= {P_NO_CRITERIA}


def test_bands_must_descend_cover_and_be_unique():
	b = D335.bands
	assert P_BANDS_ORDER in messages(replace(D335, bands=(b[1], b[0], b[2], b[3])))
	assert P_BANDS_COVER in messages(replace(D335, bands=b[:3]))
	assert P_DUPLICATE_BAND in messages(replace(D335, bands=b + (Band("HTNV", "x", 10),)))
	assert P_BANDS_ORDER in messages(replace(D335, bands=(b[0], Band("HTTNV", "Good", 90), b[2], b[3])))
	assert P_BAND_SCORE in messages(replace(D335, bands=(Band("HTXSNV", "x", 120),) + b[1:]))
	assert P_BAND_SCORE in messages(replace(D335, bands=b[:3] + (Band("KHTNV", "x", -1),)))
	assert messages(replace(D335, bands=())) == {P_NO_BANDS}


def test_level_codes_must_exist_and_top_is_highest():
	assert P_LEVEL_MISSING in messages(replace(D335, top_level_code="XX"))
	assert P_LEVEL_MISSING in messages(replace(D335, not_completed_level_code=""))
	assert P_LEVEL_MISSING in messages(replace(D335, good_level_code="ZZ"))
	assert P_TOP_NOT_HIGHEST in messages(replace(D335, top_level_code="HTTNV"))
	assert P_GOOD_REQUIRED in messages(replace(D335, good_level_code=None))
	assert replace(D335, good_level_code=None, quota_base="All Rated").validate() == []


@pytest.mark.parametrize("field", ["quota_percent", "late_penalty_percent", "failed_penalty_percent"])
@pytest.mark.parametrize("value", [-1, 100.5, float("nan")])
def test_percentages_within_0_100(field, value):
	assert P_PERCENT in messages(replace(D335, **{field: value}))


def test_other_settings():
	assert P_QUOTA_BASE in messages(replace(D335, quota_base="Everyone"))
	assert P_METHOD in messages(replace(D335, task_result_method="Formula"))
	assert P_MAX_DEDUCTION in messages(replace(D335, max_violation_deduction=-1))
	manual = (Criterion("G", "General", 30, "Manual"), Criterion("T", "Task Results", 70, "Manual"))
	assert P_PENALTY_NO_TASKS in messages(replace(D335, criteria=manual))
	assert replace(D335, criteria=manual, late_penalty_percent=0, failed_penalty_percent=0).validate() == []


def test_every_problem_is_a_known_template():
	broken = Policy((), (), -1, "x", -1, 200, True, "", "", "q", -5, "y")
	for problem in broken.validate():
		assert problem.message in PROBLEM_TEMPLATES
		problem.text()  # formats without error


def test_band_for_score_uses_sorted_bands():
	shuffled = replace(D335, bands=tuple(reversed(D335.bands)))
	assert shuffled.band_for_score(95).level_code == "HTXSNV"
	assert shuffled.band_for_score(-3).level_code == "KHTNV"
