"""soson_discipline.scoring.numbers: quantities and converted figures as a Vietnamese reader reads them."""

import pytest

from soson_discipline.scoring.numbers import plain_number


@pytest.mark.parametrize(
	"value, expected",
	[
		(1.5, "1,5"),
		(1.500, "1,5"),
		(2.0, "2"),
		(3, "3"),
		(2.25, "2,25"),
		(0.126, "0,13"),
		(1500, "1.500"),
		(1234567.5, "1.234.567,5"),
		(None, "0"),
		(0, "0"),
		(-0.001, "0"),
		(-2.5, "-2,5"),
	],
)
def test_vietnamese_separators_and_only_the_decimals_the_figure_has(value, expected):
	assert plain_number(value) == expected


def test_other_separators_and_precision():
	assert plain_number(1500.75, 2, ".", ",") == "1,500.75"
	assert plain_number(1.23456, 3) == "1,235"
	assert plain_number(7.9, 0) == "8"
