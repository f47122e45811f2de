"""The counters of the app's yearly naming series (`format:NV-{YYYY}-{#####}`), made ahead of the year.

Frappe creates a series' counter (`tabSeries`) with the first document that needs it: two documents
named at that very moment both find no row under their locking read, both insert it, and MariaDB
kills one of them as a deadlock — a save refused to one of the crowd at the start of every year
(`tests.test_work_products`, two extension requests sent at once). The counters of the current and
the next year are made ahead (install, migrate and a daily job), empty: the year's first document is
still number 1, and nobody races to create them. Running it again changes nothing.
"""

import re

import frappe
from frappe.query_builder import DocType
from frappe.utils import getdate

from soson_discipline import APP_MODULE

# "format:<prefix>{YYYY}<middle>{#####}": the counter's key is "<prefix><year><middle>"
YEARLY_FORMAT = re.compile(r"^format:(?P<prefix>[^{}]*)\{YYYY\}(?P<middle>[^{}]*)\{#+\}$")


def yearly_series_keys(year: int) -> list[str]:
	"""The counter keys the app's DocTypes named by year use in `year`."""
	keys = []
	for autoname in frappe.get_all(
		"DocType", filters={"module": APP_MODULE, "autoname": ("like", "format:%{YYYY}%")}, pluck="autoname"
	):
		if match := YEARLY_FORMAT.match(autoname):
			keys.append(f"{match['prefix']}{year}{match['middle']}")
	return sorted(keys)


def ensure_year_series(date=None) -> int:
	"""Make the missing counters of the year of `date` (default today) and of the next; returns how
	many were made."""
	year = getdate(date).year
	keys = [key for y in (year, year + 1) for key in yearly_series_keys(y)]
	series = DocType("Series")
	existing = set(
		frappe.qb.from_(series).select(series.name).where(series.name.isin(keys or [""])).run(pluck=True)
	)
	missing = [key for key in keys if key not in existing]
	if missing:
		query = frappe.qb.into(series).columns(series.name, series.current).ignore()
		for key in missing:
			query = query.insert(key, 0)
		query.run()
	return len(missing)
