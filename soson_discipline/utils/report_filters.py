"""Filters shared by the app's Script Reports, on `frappe.qb` queries.

Script Reports do not apply `permission_query_conditions`, so every report narrows its rows with the
user's row-level scope (`permissions.get_scope_condition`) here, together with the filters all of
them offer: a date range, a unit and every unit below it, and exact-match links.
"""

import frappe
from frappe.utils import getdate
from pypika.terms import PseudoColumn

from soson_discipline.permissions import get_scope_condition, get_subtree_units


def apply_scope(query, doctype: str, user: str | None = None):
	"""`query` limited to the rows of `doctype` that `user` may see."""
	if condition := get_scope_condition(doctype, user or frappe.session.user):
		query = query.where(PseudoColumn(condition))
	return query


def apply_report_filters(
	query,
	table,
	doctype: str,
	filters: dict,
	*,
	date_field: str | None = None,
	unit_field: str = "organization_unit",
	link_fields: tuple[str, ...] = (),
):
	"""`query` on `table` (the `doctype`'s) narrowed by the report's filters and the user's scope:
	`from_date` / `to_date` on `date_field`, `organization_unit` (with every unit below it) on
	`unit_field`, and equality on each of `link_fields` that the filters set."""
	if date_field and filters.get("from_date"):
		query = query.where(table[date_field] >= getdate(filters.get("from_date")))
	if date_field and filters.get("to_date"):
		query = query.where(table[date_field] <= getdate(filters.get("to_date")))
	if filters.get("organization_unit"):
		query = query.where(
			table[unit_field].isin(get_subtree_units(filters.get("organization_unit")) or [""])
		)
	for fieldname in link_fields:
		if filters.get(fieldname):
			query = query.where(table[fieldname] == filters.get(fieldname))
	return apply_scope(query, doctype)
