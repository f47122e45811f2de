"""soson_discipline.scoring.periods: month/quarter/half-year/year bounds and due dates."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from soson_discipline.scoring import periods
from soson_discipline.scoring.periods import (
	FREQUENCIES,
	due_date_in_month,
	half_year_bounds,
	month_bounds,
	next_period_start,
	period_bounds,
	periods_overlap,
	quarter_bounds,
	year_bounds,
)


def test_month_bounds_including_leap_february():
	assert month_bounds(date(2026, 2, 14)) == (date(2026, 2, 1), date(2026, 2, 28))
	assert month_bounds(date(2024, 2, 29)) == (date(2024, 2, 1), date(2024, 2, 29))
	assert month_bounds(date(2025, 12, 31)) == (date(2025, 12, 1), date(2025, 12, 31))


def test_quarter_half_year_and_year():
	assert quarter_bounds(date(2025, 5, 20)) == (date(2025, 4, 1), date(2025, 6, 30))
	assert quarter_bounds(date(2025, 12, 1)) == (date(2025, 10, 1), date(2025, 12, 31))
	assert half_year_bounds(date(2025, 6, 30)) == (date(2025, 1, 1), date(2025, 6, 30))
	assert half_year_bounds(date(2025, 7, 1)) == (date(2025, 7, 1), date(2025, 12, 31))
	assert year_bounds(date(2026, 3, 3)) == (date(2026, 1, 1), date(2026, 12, 31))


def test_period_bounds_and_next_start():
	assert period_bounds(date(2026, 1, 31), "Monthly") == (date(2026, 1, 1), date(2026, 1, 31))
	assert period_bounds(date(2026, 8, 2), "Quarterly") == (date(2026, 7, 1), date(2026, 9, 30))
	assert next_period_start(date(2025, 12, 15), "Monthly") == date(2026, 1, 1)
	assert next_period_start(date(2025, 11, 15), "Quarterly") == date(2026, 1, 1)
	assert next_period_start(date(2025, 3, 1), "Half-Yearly") == date(2025, 7, 1)
	assert next_period_start(date(2025, 3, 1), "Yearly") == date(2026, 1, 1)
	with pytest.raises(ValueError):
		period_bounds(date(2025, 1, 1), "Weekly")


def test_periods_overlap_inclusive_and_open_ended():
	d = date
	assert periods_overlap(d(2025, 1, 1), d(2025, 12, 31), d(2025, 12, 31), d(2026, 6, 30))
	assert not periods_overlap(d(2018, 5, 16), d(2025, 12, 31), d(2026, 1, 1), None)
	assert periods_overlap(d(2026, 1, 1), None, d(2030, 1, 1), d(2030, 2, 1))
	assert periods_overlap(None, None, d(2020, 1, 1), d(2020, 1, 1))
	assert not periods_overlap(
		d(2025, 2, 1), d(2025, 1, 1), d(2025, 1, 1), d(2025, 3, 1)
	)  # reversed range is empty


def test_due_date_clamped_to_month():
	assert due_date_in_month(2026, 2, 31) == date(2026, 2, 28)
	assert due_date_in_month(2024, 2, 30) == date(2024, 2, 29)
	assert due_date_in_month(2026, 4, 31) == date(2026, 4, 30)
	assert due_date_in_month(2026, 1, 10) == date(2026, 1, 10)
	assert due_date_in_month(2026, 1, 0) == date(2026, 1, 1)


dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(dates, st.sampled_from(FREQUENCIES))
def test_period_contains_date_and_periods_tile(d, frequency):
	start, end = period_bounds(d, frequency)
	assert start <= d <= end and start.day == 1
	nxt = next_period_start(d, frequency)
	assert nxt == end + timedelta(days=1) and nxt.day == 1
	assert period_bounds(nxt, frequency)[0] == nxt
	assert period_bounds(start, frequency) == period_bounds(end, frequency) == (start, end)


@given(dates, dates, dates, dates)
def test_overlap_symmetric_and_matches_day_sets(a, b, c, e):
	a_start, a_end = sorted((a, b))
	b_start, b_end = sorted((c, e))
	expected = max(a_start, b_start) <= min(a_end, b_end)
	assert (
		periods_overlap(a_start, a_end, b_start, b_end)
		== expected
		== periods_overlap(b_start, b_end, a_start, a_end)
	)


@given(st.integers(1990, 2100), st.integers(1, 12), st.integers(-5, 40))
def test_due_date_always_in_month(year, month, day):
	due = due_date_in_month(year, month, day)
	assert (due.year, due.month) == (year, month)
	if 1 <= day <= 28:
		assert due.day == day


# Quarter and year classification spans (Cadre Classification) ----------------------------------------


@pytest.mark.parametrize(
	("kind", "year", "quarter", "expected"),
	[
		("Year", 2026, None, (date(2026, 1, 1), date(2026, 12, 31))),
		("Quarter", 2026, 1, (date(2026, 1, 1), date(2026, 3, 31))),
		("Quarter", 2028, 1, (date(2028, 1, 1), date(2028, 3, 31))),
		("Quarter", 2026, 2, (date(2026, 4, 1), date(2026, 6, 30))),
		("Quarter", 2026, 4, (date(2026, 10, 1), date(2026, 12, 31))),
	],
)
def test_classification_span(kind, year, quarter, expected):
	assert periods.classification_span(kind, year, quarter) == expected


@pytest.mark.parametrize(
	("kind", "year", "quarter"),
	[("Month", 2026, None), ("Quarter", 2026, None), ("Quarter", 2026, 5), ("Quarter", 2026, 0), ("Year", 10, None)],
)
def test_classification_span_refuses_what_is_out_of_range(kind, year, quarter):
	with pytest.raises(ValueError):
		periods.classification_span(kind, year, quarter)


def test_a_month_lies_in_its_quarter_and_year_but_not_the_next_quarter():
	q1 = periods.classification_span("Quarter", 2026, 1)
	q2 = periods.classification_span("Quarter", 2026, 2)
	march = (date(2026, 3, 1), date(2026, 3, 31))
	assert periods.span_holds(*q1, *march)
	assert not periods.span_holds(*q2, *march)
	assert periods.span_holds(*periods.classification_span("Year", 2026), *march)
