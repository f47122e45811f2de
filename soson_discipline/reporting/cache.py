"""Workspace figures kept in the cache for everyone who sees the same records, until those change.

A city's presiding board opens the workspace many times a day; counting a year of tasks (millions of
rows) each time costs seconds. `cached_figure` keeps a card's or chart's result in Redis under a key
made of:
- the figure, the day and the language (labels are translated, "overdue" depends on the day);
- for each DocType the figure counts, the reader's row-level scope on it (`get_scope_condition`,
  or "cannot read"): everyone on the board shares one entry, each unit head has his or her own;
and the entry remembers the data's version: the latest `modified` of each DocType (indexed in every
Frappe table) and the latest deletion of one of its records (Deleted Document). Saving, submitting,
cancelling or deleting a record, or the daily job marking tasks overdue, makes the next view count
afresh — once the entry is `FIGURE_GRACE` seconds old, so that a busy city's board counts at most once
a minute however many records change.

Changes that bypass the ORM (raw SQL) are seen at the latest after `FIGURE_TTL`; a chart's refresh
button (`refresh=1`) always counts afresh.
"""

import hashlib
import time
from functools import wraps

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Max
from frappe.utils import cint, today

from soson_discipline.permissions import get_scope_condition

FIGURE_TTL = 6 * 60 * 60
# a figure counted less than this many seconds ago is served even if records changed since: a city's
# board, whose records change every second in working hours, then counts at most once a minute
FIGURE_GRACE = 60
KEY_PREFIX = "soson_figure"


def data_version(doctypes: tuple[str, ...]) -> str:
	"""The latest change and the latest deletion of records of `doctypes`."""
	versions = []
	for doctype in doctypes:
		table = DocType(doctype)
		versions.append(str(frappe.qb.from_(table).select(Max(table.modified)).run()[0][0]))
	deleted = DocType("Deleted Document")
	versions.append(
		str(
			frappe.qb.from_(deleted)
			.select(Max(deleted.creation))
			.where(deleted.deleted_doctype.isin(list(doctypes)))
			.run()[0][0]
		)
	)
	return "|".join(versions)


def reader_scope(doctypes: tuple[str, ...], user: str) -> list[str]:
	"""What `user` may see of each of `doctypes`: nothing, or the rows his or her scope condition selects."""
	return [
		get_scope_condition(doctype, user) if frappe.has_permission(doctype, "read", user=user) else "-"
		for doctype in doctypes
	]


def figure_key(name: str, doctypes: tuple[str, ...], user: str | None = None) -> str:
	"""The cache key of figure `name` for the readers who see what `user` sees, today, in this language."""
	user = user or frappe.session.user
	parts = [name, today(), frappe.local.lang or "", *reader_scope(doctypes, user)]
	digest = hashlib.sha1("\x1f".join(parts).encode()).hexdigest()
	return f"{KEY_PREFIX}:{name}:{digest}"


def cached_figure(*doctypes: str):
	"""Decorate a whitelisted card or chart method counting records of `doctypes` (see the module)."""

	def decorator(function):
		name = f"{function.__module__}.{function.__qualname__}"

		@wraps(function)
		def wrapper(*args, **kwargs):
			key = figure_key(name, doctypes)
			version = data_version(doctypes)
			if not cint(kwargs.get("refresh")):
				# expires=True: read Redis, never the request-local copy (which keeps a miss as None)
				cached = frappe.cache.get_value(key, expires=True)
				if cached and (cached["version"] == version or time.time() - cached["at"] < FIGURE_GRACE):
					return cached["value"]
			result = function(*args, **kwargs)
			entry = {"version": version, "at": time.time(), "value": result}
			frappe.cache.set_value(key, entry, expires_in_sec=FIGURE_TTL)
			return result

		return wrapper

	return decorator


def clear_figures():
	"""Forget every cached figure (after a change the versions cannot see, e.g. a bulk SQL update)."""
	frappe.cache.delete_keys(f"{KEY_PREFIX}:")
