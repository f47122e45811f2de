"""soson_discipline.scoring.signals: each early-warning signal holds on its canonical data and not on
the near-misses (issue 28)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from soson_discipline.scoring import signals
from soson_discipline.scoring.signals import Thresholds, add_months, last_months, months_before

TH = Thresholds()
ON = date(2026, 12, 7)
MONTHS = last_months(ON, 6)  # June .. November 2026
JUN, JUL, AUG, SEP, OCT, NOV = MONTHS
NC, OK = ("KHTNV", True), ("HTNV", False)


def test_months():
	assert MONTHS[0] == date(2026, 6, 1) and MONTHS[-1] == date(2026, 11, 1)
	assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)
	assert add_months(date(2026, 11, 1), 2) == date(2027, 1, 1)
	assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
	assert months_before(date(2026, 12, 7), 12) == date(2025, 12, 7)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)), st.integers(-300, 300))
def test_add_months_round_trip(d, n):
	first = date(d.year, d.month, 1)
	assert add_months(add_months(first, n), -n) == first


# ----- not completed -----


def test_not_completed_two_months_running():
	finding = signals.not_completed("CB-1", MONTHS, {SEP: OK, OCT: NC, NOV: NC}, TH)
	assert finding and finding.warning_type == signals.NOT_COMPLETED
	assert (finding.period_from, finding.period_to) == (OCT, NOV)
	assert [f.reference for f in finding.figures] == ["HTNV", "KHTNV", "KHTNV"]


def test_not_completed_three_of_six_not_running():
	levels = {JUN: NC, JUL: OK, AUG: NC, SEP: OK, OCT: NC, NOV: OK}
	finding = signals.not_completed("CB-1", MONTHS, levels, TH)
	assert finding and (finding.period_from, finding.period_to) == (JUN, OCT)


@pytest.mark.parametrize(
	"levels",
	[
		{JUN: NC, JUL: OK, AUG: NC, SEP: OK, OCT: OK, NOV: OK},  # twice, apart
		{SEP: NC, NOV: NC},  # October not approved yet: not "running"
		{m: OK for m in MONTHS},
		{},
	],
)
def test_not_completed_near_misses(levels):
	assert signals.not_completed("CB-1", MONTHS, levels, TH) is None


def test_not_completed_reads_only_the_last_six_months():
	before = add_months(JUN, -1)
	months = [before, *MONTHS]
	assert signals.not_completed("CB-1", months, {before: NC, JUN: NC, AUG: NC}, TH) is None


# ----- lateness -----


def test_chronic_lateness_three_months():
	products = {SEP: (1, 4), OCT: (1.5, 5), NOV: (2, 2)}
	finding = signals.chronic_lateness("CB-1", MONTHS, products, TH)
	assert finding and [f.value for f in finding.figures] == [25.0, 30.0, 100.0]
	assert (finding.period_from, finding.period_to) == (SEP, NOV)


@pytest.mark.parametrize(
	"products",
	[
		{SEP: (1, 4), OCT: (0.95, 5), NOV: (2, 2)},  # 19 % in October
		{SEP: (1, 4), NOV: (2, 2)},  # nothing due in October
		{JUN: (1, 1), JUL: (1, 1), AUG: (1, 1), OCT: (1, 1), NOV: (1, 1)},
	],
)
def test_chronic_lateness_near_misses(products):
	assert signals.chronic_lateness("CB-1", MONTHS, products, TH) is None


def test_lateness_threshold_is_inclusive():
	products = {SEP: (1, 5), OCT: (1, 5), NOV: (1, 5)}
	assert signals.chronic_lateness("CB-1", MONTHS, products, TH)


# ----- violations -----


def test_same_category_twice_within_twelve_months():
	records = [(date(2026, 1, 20), "VP-1"), (date(2026, 11, 2), "VP-2")]
	finding = signals.repeated_violation("CB-1", "VPC-0001", records, ON, TH)
	assert finding and finding.detail == "VPC-0001" and finding.subject == "CB-1"
	assert [f.reference for f in finding.figures] == ["VP-1", "VP-2"]
	assert finding.key == "Repeated Violation:CB-1:VPC-0001"


def test_violation_older_than_twelve_months_does_not_count():
	records = [(date(2025, 12, 7), "VP-1"), (date(2026, 11, 2), "VP-2")]
	assert signals.repeated_violation("CB-1", "VPC-0001", records, ON, TH) is None
	records = [(date(2025, 12, 8), "VP-1"), (date(2026, 11, 2), "VP-2")]
	assert signals.repeated_violation("CB-1", "VPC-0001", records, ON, TH)


def test_one_violation_is_not_a_repeat():
	assert signals.repeated_violation("CB-1", "VPC-0001", [(date(2026, 11, 2), "VP-2")], ON, TH) is None


# ----- a unit's tasks -----


def test_unit_on_time_share_falls_three_months_running():
	tasks = {AUG: (10, 9, 1), SEP: (10, 8, 1), OCT: (10, 7, 1), NOV: (10, 5, 1)}
	finding = signals.unit_slipping("U1", MONTHS, tasks, TH)
	assert finding and (finding.period_from, finding.period_to) == (SEP, NOV)
	shares = [f.value for f in finding.figures if f.measure == signals.M_ON_TIME_SHARE]
	assert shares == [90.0, 80.0, 70.0, 50.0]


def test_unit_late_tasks_grow_three_months_running():
	tasks = {AUG: (10, 9, 1), SEP: (10, 9, 2), OCT: (12, 11, 3), NOV: (12, 11, 4)}
	assert signals.unit_slipping("U1", MONTHS, tasks, TH)


@pytest.mark.parametrize(
	"tasks",
	[
		{AUG: (10, 9, 1), SEP: (10, 8, 1), OCT: (10, 8, 1), NOV: (10, 5, 1)},  # flat in October
		{SEP: (10, 8, 1), OCT: (10, 7, 2), NOV: (10, 5, 3)},  # only two falls
		{AUG: (4, 4, 0), SEP: (10, 8, 1), OCT: (10, 7, 2), NOV: (10, 5, 3)},  # too few in August
	],
)
def test_unit_slipping_near_misses(tasks):
	assert signals.unit_slipping("U1", MONTHS, tasks, TH) is None


# ----- reporting -----


def test_late_to_report_or_disseminate_twice_running():
	finding = signals.late_reporting("U1", MONTHS, {OCT: (True, False), NOV: (False, True)}, TH)
	assert finding and [f.measure for f in finding.figures] == [signals.M_REPORT, signals.M_DISSEMINATION]


def test_late_once_is_not_running():
	late = {SEP: (True, True), OCT: (False, False), NOV: (True, False)}
	assert signals.late_reporting("U1", MONTHS, late, TH) is None


# ----- cào bằng -----


def test_nearly_everyone_at_one_level_three_months():
	levels = {SEP: {"HTTNV": 10}, OCT: {"HTTNV": 9, "HTNV": 1}, NOV: {"HTTNV": 10}}
	finding = signals.uniform_ratings("U1", MONTHS, levels, {}, TH)
	assert (
		finding
		and [f.reference for f in finding.figures if f.measure == signals.M_SAME_LEVEL_SHARE] == ["HTTNV"] * 3
	)


@pytest.mark.parametrize(
	"levels",
	[
		{SEP: {"HTTNV": 10}, OCT: {"HTTNV": 8, "HTNV": 2}, NOV: {"HTTNV": 10}},  # 80 % in October
		{SEP: {"HTTNV": 10}, OCT: {"HTNV": 10}, NOV: {"HTTNV": 10}},  # not the same level
		{SEP: {"HTTNV": 4}, OCT: {"HTTNV": 4}, NOV: {"HTTNV": 4}},  # too few to judge
	],
)
def test_uniform_near_misses(levels):
	assert signals.uniform_ratings("U1", MONTHS, levels, {}, TH) is None


def test_raters_leaving_self_assessments_unchanged():
	levels = {SEP: {"A": 5, "B": 5}, OCT: {"A": 5, "B": 5}, NOV: {"A": 6, "B": 4}}
	unchanged = {SEP: (10, 10), OCT: (10, 10), NOV: (9, 10)}  # 29 of 30: 96.7 %
	assert signals.uniform_ratings("U1", MONTHS, levels, unchanged, TH)
	unchanged[NOV] = (8, 10)  # 28 of 30: 93.3 %
	assert signals.uniform_ratings("U1", MONTHS, levels, unchanged, TH) is None


# ----- a leader -----

TOP, GOOD = ("HTXSNV", True), ("HTTNV", False)


def test_leader_at_the_top_while_the_unit_falls():
	finding = signals.leader_out_of_step(
		"CB-H", MONTHS, {SEP: 82, OCT: 78.5, NOV: 71}, {SEP: TOP, OCT: TOP, NOV: TOP}, TH
	)
	assert finding and finding.subject == "CB-H" and (finding.period_from, finding.period_to) == (SEP, NOV)


@pytest.mark.parametrize(
	"scores,leader",
	[
		({SEP: 82, OCT: 78.5, NOV: 71}, {SEP: TOP, OCT: GOOD, NOV: TOP}),  # not at the top in October
		({SEP: 82, OCT: 82, NOV: 71}, {SEP: TOP, OCT: TOP, NOV: TOP}),  # flat
		({OCT: 78.5, NOV: 71}, {SEP: TOP, OCT: TOP, NOV: TOP}),  # September's unit results missing
	],
)
def test_leader_near_misses(scores, leader):
	assert signals.leader_out_of_step("CB-H", MONTHS, scores, leader, TH) is None


def test_thresholds_are_the_settings():
	th = Thresholds(not_completed_consecutive=3)
	assert signals.not_completed("CB-1", MONTHS, {OCT: NC, NOV: NC}, th) is None
	assert signals.not_completed("CB-1", MONTHS, {SEP: NC, OCT: NC, NOV: NC}, th)


def test_evaluation_months_close_on_the_approval_due_day():
	# June's evaluations are approved by 10 July: until that day has passed, the months end in May
	assert signals.closed_months(date(2026, 7, 10), 2, 10) == [date(2026, 4, 1), date(2026, 5, 1)]
	assert signals.closed_months(date(2026, 7, 11), 2, 10) == [date(2026, 5, 1), date(2026, 6, 1)]
	assert signals.closed_months(date(2027, 1, 3), 1, 10) == [date(2026, 11, 1)]


def test_setting_maxima():
	assert signals.setting_maximum("not_completed_of_six") == 6
	assert signals.setting_maximum("violation_window_months") == 24
	assert signals.setting_maximum("lateness_months") == 12
	assert signals.setting_maximum("min_unit_tasks") is None


def test_a_collectives_violations_are_its_units():
	records = [(date(2026, 3, 2), "VP-1"), (date(2026, 6, 9), "VP-2")]
	finding = signals.repeated_violation("U1", "VPC-0001", records, ON, TH, unit="U1")
	assert finding.about_unit and finding.unit == "U1"
	assert not signals.repeated_violation("CB-1", "VPC-0001", records, ON, TH).about_unit
