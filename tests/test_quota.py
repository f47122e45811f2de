"""check_quota(): Decree 335 (excellent ≤ 20 % of those rated good, read literally; "Rated Good or
Better" as an office's choice) and Hanoi 3814 (A ≤ 30 % of all rated)."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from soson_discipline.scoring import QUOTA_BASE_GOOD_OR_BETTER, R_QUOTA_EXCEEDED, check_quota
from soson_discipline.scoring.standard import DECREE_335, HANOI_3814

D335 = DECREE_335.policy
HANOI = HANOI_3814.policy


def d335(excellent=0, good=0, completed=0, not_completed=0):
	return ["HTXSNV"] * excellent + ["HTTNV"] * good + ["HTNV"] * completed + ["KHTNV"] * not_completed


@pytest.mark.parametrize(
	"levels, ok, top, base, allowed",
	[
		(d335(1, 4), True, 1, 5, 1),  # 20 % of 5 rated good or better = 1
		(d335(2, 3), False, 2, 5, 1),
		(d335(1, 3), False, 1, 4, 0),  # 0.8 rounds down: nobody
		(d335(2, 8, 10, 5), True, 2, 10, 2),  # completed / not completed are outside the base
		(d335(3, 7, 10), False, 3, 10, 2),
		(d335(0, 0, 3), True, 0, 0, 0),
		([], True, 0, 0, 0),
		(d335(1, 9) + ["", None], True, 1, 10, 2),  # unrated left out
	],
)
def test_good_or_better_quota_base(levels, ok, top, base, allowed):
	check = check_quota(replace(D335, quota_base=QUOTA_BASE_GOOD_OR_BETTER), levels)
	assert (check.ok, check.top_count, check.base_count, check.allowed) == (ok, top, base, allowed)


@pytest.mark.parametrize(
	"levels, ok, top, base, allowed",
	[
		(d335(1, 5), True, 1, 5, 1),  # levels article 5(a): 20 % of the 5 rated good = 1
		(d335(1, 4), False, 1, 4, 0),  # the excellent one is not in the base: 0.8 rounds down
		(d335(2, 10, 10, 5), True, 2, 10, 2),  # completed / not completed are outside the base
		(d335(3, 10), False, 3, 10, 2),
		([], True, 0, 0, 0),
	],
)
def test_decree_335_quota_counts_those_rated_good(levels, ok, top, base, allowed):
	"""I22 / D:385 5(a): "không vượt quá 20% tổng số công chức được xếp loại 'Hoàn thành tốt nhiệm vụ'"."""
	check = check_quota(D335, levels)
	assert (check.ok, check.top_count, check.base_count, check.allowed) == (ok, top, base, allowed)


@pytest.mark.parametrize(
	"levels, ok, allowed",
	[
		(["A"] * 3 + ["B"] * 7, True, 3),  # 30 % of 10
		(["A"] * 4 + ["B"] * 6, False, 3),
		(["A"] * 3 + ["D"] * 6, False, 2),  # 30 % of 9 = 2.7 → 2; D counts in "all rated"
		(["A"] * 1 + ["C"] * 3, True, 1),
		(["A"], False, 0),
	],
)
def test_hanoi_quota_counts_all_rated(levels, ok, allowed):
	check = check_quota(HANOI, levels)
	assert (check.ok, check.allowed, check.base_count) == (ok, allowed, len(levels))


def test_a_unit_of_its_own_quota_hanoi_40_percent_for_outstanding_units():
	levels = ["A"] * 4 + ["B"] * 6
	assert not check_quota(HANOI, levels).ok  # 30 % of 10 = 3
	check = check_quota(HANOI, levels, 40)
	assert (check.ok, check.allowed, check.percent) == (True, 4, 40.0)
	assert check_quota(HANOI, levels, 0).allowed == 0  # an explicit 0 is a quota, not "none"
	assert check_quota(HANOI, levels, None).allowed == 3


def test_quota_exact_fraction_no_float_error():
	# 30 % of 10 must be exactly 3 (0.3 * 10 in floats is 3.0000000000000004; 0.7 * 10 is 7.000000000000001)
	assert check_quota(replace(HANOI, quota_percent=70), ["A"] * 7 + ["B"] * 3).allowed == 7
	assert check_quota(replace(HANOI, quota_percent=0), ["B"]).allowed == 0
	assert check_quota(replace(HANOI, quota_percent=100), ["A", "A"]).ok


def test_quota_reason_and_excess():
	check = check_quota(HANOI, ["A"] * 4 + ["B"] * 6)
	assert check.excess == 1
	assert (
		check.reason.message == R_QUOTA_EXCEEDED
		and str(check.reason) == "4 people are at the top level but at most 3 may be (30% of 10)"
	)


levels_d335 = st.lists(st.sampled_from(["HTXSNV", "HTTNV", "HTNV", "KHTNV", ""]), max_size=60)


@given(levels_d335, st.sampled_from([0, 10, 20, 30, 33.3, 100]))
def test_quota_properties(levels, percent):
	for policy in (
		replace(D335, quota_percent=percent),
		replace(D335, quota_percent=percent, quota_base=QUOTA_BASE_GOOD_OR_BETTER),
		replace(D335, quota_percent=percent, quota_base="All Rated"),
	):
		check = check_quota(policy, levels)
		if policy.quota_base != "Rated Good":  # the literal base leaves the top level out
			assert check.top_count <= check.base_count
		assert check.base_count <= len(levels)
		assert 0 <= check.allowed <= check.base_count
		assert check.allowed <= percent * check.base_count / 100 + 1e-9 < check.allowed + 1
		assert check.ok == (check.top_count <= check.allowed)
		# demoting one top-level person never breaks a quota that held
		if check.ok and "HTXSNV" in levels:
			demoted = list(levels)
			demoted[demoted.index("HTXSNV")] = "HTNV"
			assert check_quota(policy, demoted).ok or policy.quota_base == "Rated Good"
