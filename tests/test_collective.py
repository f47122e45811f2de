"""A collective's year (Regulation 366-QĐ/TW Art. 11, collectives) and a head held to his or her unit
(issue 29): the canonical case of each level and the near-misses that keep a collective below it."""

import pytest

from soson_discipline.scoring import TaskFigures
from soson_discipline.scoring.collective import (
	R_COLLECTIVE_DISCIPLINE,
	R_COLLECTIVE_NO_TASKS,
	R_COND_COMPLETED,
	R_HEAD_HELD,
	RANK_COMPLETED,
	RANK_GOOD,
	RANK_NOT_COMPLETED,
	RANK_TOP,
	CollectiveFigures,
	band_of_rank,
	classify_collective,
	general_maximum,
	hold_to_unit,
	level_rank,
)
from soson_discipline.scoring.engine import R_COND_EXCEEDED, R_COND_LATE, R_COND_ON_TIME
from soson_discipline.scoring.standard import DECREE_335, HANOI_3814, REGULATION_366

POLICY = REGULATION_366.policy  # HTXSNV 90 / HTTNV 70 / HTNV 50 / KHTNV, general 30, tasks 70


def year(general, **tasks):
	return classify_collective(POLICY, general, CollectiveFigures(TaskFigures(**tasks)))


def messages(result):
	return [r.message for r in result.reasons]


def test_the_general_criteria_are_the_policy_s_general_points():
	assert general_maximum(POLICY) == 30
	with pytest.raises(ValueError):
		year(31, assigned=10, completed=10, on_time=10)
	with pytest.raises(ValueError):
		year(-1, assigned=10, completed=10, on_time=10)


def test_excellent_every_task_on_time_and_of_quality_and_30_percent_exceeded():
	result = year(28, assigned=10, completed=10, on_time=10, exceeded=3)
	assert (result.task_points, result.total, result.level_code) == (70, 98, "HTXSNV")
	assert result.reasons == ()


def test_excellent_needs_30_percent_exceeded():
	result = year(28, assigned=10, completed=10, on_time=10, exceeded=2)
	assert result.level_code == "HTTNV"
	assert messages(result) == [R_COND_EXCEEDED]


def test_excellent_needs_no_disciplined_leader_or_subordinate_unit():
	tasks = TaskFigures(assigned=10, completed=10, on_time=10, exceeded=5)
	for leaders, units in ((1, 0), (0, 1)):
		result = classify_collective(POLICY, 28, CollectiveFigures(tasks, leaders, units))
		assert result.level_code == "HTTNV"
		assert messages(result) == [R_COLLECTIVE_DISCIPLINE]
		assert result.reasons[0].args[1:] == (leaders, units)


def test_good_needs_every_task_on_time():
	# one of ten late: the score still reaches 70, the condition keeps the collective at completed
	result = year(28, assigned=10, completed=10, on_time=9, late=1)
	assert result.total >= 70
	assert result.level_code == "HTNV"
	assert R_COND_ON_TIME in messages(result)


def test_completed_needs_every_task_completed_and_at_most_20_percent_late():
	assert year(25, assigned=10, completed=10, on_time=8, late=2).level_code == "HTNV"
	three_late = year(25, assigned=10, completed=10, on_time=7, late=3)
	assert three_late.level_code == "KHTNV"
	assert R_COND_LATE in messages(three_late)
	one_open = year(25, assigned=10, completed=9, on_time=9, late=1)
	assert one_open.level_code == "KHTNV"
	assert R_COND_COMPLETED in messages(one_open)


def test_a_year_without_tasks_scores_no_task_results_and_says_so():
	result = year(30, assigned=0)
	assert (result.task_points, result.total, result.level_code) == (0, 30, "KHTNV")
	assert messages(result) == [R_COLLECTIVE_NO_TASKS]


def test_levels_compare_by_their_place_among_the_four():
	for standard in (DECREE_335, HANOI_3814, REGULATION_366):
		policy = standard.policy
		ranks = [level_rank(policy, band.level_code) for band in policy.sorted_bands()]
		assert ranks == [RANK_TOP, RANK_GOOD, RANK_COMPLETED, RANK_NOT_COMPLETED]
		assert [band_of_rank(policy, r).level_code for r in ranks] == [
			b.level_code for b in policy.sorted_bands()
		]
	assert level_rank(POLICY, "Z") is None


def test_a_head_is_held_to_the_unit_s_level():
	# the unit was classified good (under another policy): an excellent head is held at good
	level, reason = hold_to_unit(HANOI_3814.policy, "A", RANK_GOOD, "Hoàn thành tốt nhiệm vụ", "Ban A")
	assert level == "B"
	assert reason.message == R_HEAD_HELD
	# not above the unit's level: unchanged, no reason
	assert hold_to_unit(HANOI_3814.policy, "C", RANK_GOOD, "x", "Ban A") == ("C", None)
	assert hold_to_unit(HANOI_3814.policy, "B", RANK_GOOD, "x", "Ban A") == ("B", None)
