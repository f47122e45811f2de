"""Figures as a Vietnamese reader reads them (issue 25): a quantity of 1.5 products is "1,5", not
"1,500" (the Float's precision padded with zeros reads as one thousand five hundred), and a whole
figure has no decimals at all ("3"). Pure: the site's separators are passed in."""


def plain_number(value, decimals: int = 2, decimal_sep: str = ",", group_sep: str = ".") -> str:
	"""`value` rounded to at most `decimals` decimals, written with only the decimals it has, its
	thousands grouped by `group_sep`: plain_number(1.5) == "1,5", plain_number(1500) == "1.500",
	plain_number(2.0) == "2", plain_number(None) == "0"."""
	number = round(float(value or 0), max(int(decimals), 0))
	if number == 0:
		number = 0.0  # no "-0"
	text = f"{abs(number):.{max(int(decimals), 0)}f}"
	whole, _, fraction = text.partition(".")
	fraction = fraction.rstrip("0")
	groups = []
	while len(whole) > 3:
		groups.insert(0, whole[-3:])
		whole = whole[:-3]
	groups.insert(0, whole)
	out = group_sep.join(groups)
	if fraction:
		out += decimal_sep + fraction
	return ("-" if number < 0 else "") + out
