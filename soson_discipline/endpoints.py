"""Scoped equivalents of Frappe endpoints that read past `permission_query_conditions`.

Registered in `hooks.override_whitelisted_methods`. For the DocTypes of this app (module "Soson
Discipline") each respects the row scope of `permissions.SCOPES` (and of `read_scope` for child tables
and files); for every other DocType it hands over to Frappe's own endpoint unchanged.

- `frappe.client.get_count` counts with no permission check in v15 (a yes/no oracle on any field):
  here it counts through `frappe.get_list`.
- `frappe.desk.search.search_link` / `search_widget` skip every permission query condition when the
  Link field ignores user permissions: here the permission-respecting path is always taken.
- `frappe.desk.listview.get_group_by_count` counts the assignees ("Assigned To" sidebar) over every
  record matching the filters: here over the records the user may list.
- `frappe.client.validate_link` and `frappe.desk.form.linked_with.get` (and `get_submitted_linked_docs`)
  confirm that a record exists even when the user may not read it: here a hidden record is answered as
  a missing one, and only the linked records the user may read are listed.
- `frappe.desk.notifications.get_open_count` (the counts of a form's "Connections") counts the linked
  records with no permission check: here only those the user may list.
"""

import frappe
from frappe import _
from frappe.client import get_count as frappe_get_count
from frappe.client import validate_link as frappe_validate_link
from frappe.desk.form.linked_with import get as frappe_get_linked
from frappe.desk.form.linked_with import get_linked_docs as frappe_get_linked_docs
from frappe.desk.form.linked_with import get_linked_doctypes
from frappe.desk.form.linked_with import get_submitted_linked_docs as frappe_get_submitted_linked_docs
from frappe.desk.listview import get_group_by_count as frappe_get_group_by_count
from frappe.desk.notifications import get_dynamic_link_filters, get_filters_for
from frappe.desk.notifications import get_open_count as frappe_get_open_count
from frappe.desk.search import search_link as frappe_search_link
from frappe.desk.search import search_widget as frappe_search_widget
from frappe.utils import get_safe_filters

from soson_discipline.utils import is_app_doctype

# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------


def _read_ptype(doctype: str) -> str:
	"""The right a Link needs: "select" for a user who only has that, else "read" (as Frappe does)."""
	return "select" if frappe.only_has_select_perm(doctype) else "read"


def can_read_record(doctype: str, name, user: str | None = None) -> bool:
	"""Whether the record exists and the user may read it (role rights, row scope, shares). A missing
	record and a hidden one give the same answer."""
	if not isinstance(name, str | int) or not frappe.db.exists(doctype, name):
		return False
	return bool(frappe.has_permission(doctype, _read_ptype(doctype), name, user=user))


def can_list(doctype: str) -> bool:
	"""Whether the user's roles may list `doctype` at all (its list is then scoped)."""
	return bool(frappe.has_permission(doctype, "select") or frappe.has_permission(doctype, "read"))


def throw_no_access(doctype: str):
	"""The PermissionError Frappe raises for a document the user may not access."""
	frappe.throw(
		_("No permission for {0}").format(_(doctype)), frappe.PermissionError, title=_("Not Permitted")
	)


# --------------------------------------------------------------------------------------------------
# frappe.client
# --------------------------------------------------------------------------------------------------


@frappe.whitelist()
def get_count(doctype, filters=None, debug=False, cache=False):
	"""`frappe.client.get_count`: for the app's DocTypes, the number of records matching `filters`
	among those the user may list (no site-wide cache: the answer depends on the user)."""
	if not is_app_doctype(doctype):
		return frappe_get_count(doctype, filters, debug, cache)
	if not can_list(doctype):
		throw_no_access(doctype)
	rows = frappe.get_list(
		doctype,
		filters=get_safe_filters(filters),
		fields=[f"count(distinct `tab{doctype}`.`name`) as total_count"],
		debug=debug,
	)
	return rows[0].total_count if rows else 0


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields=None):
	"""`frappe.client.validate_link`: a record of the app the user may not read is answered exactly as
	a missing one (`{"name": None}`), so the endpoint cannot confirm that it exists."""
	if is_app_doctype(doctype) and isinstance(docname, str) and not can_read_record(doctype, docname):
		# Checked before Frappe's own code runs: not a value fetched, nor a message about fetching it.
		if not can_list(doctype):
			throw_no_access(doctype)
		return frappe._dict(name=None)
	return frappe_validate_link(doctype, docname, fields)


# --------------------------------------------------------------------------------------------------
# frappe.desk.search
# --------------------------------------------------------------------------------------------------


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters: str | dict | list | None = None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	"""`frappe.desk.search.search_link` (Link fields): for the app's DocTypes the search always goes
	through the permission checks, even when the field ignores user permissions."""
	app_doctype = is_app_doctype(doctype)
	if app_doctype:
		ignore_user_permissions = False
	results = frappe_search_link(
		doctype,
		txt,
		query=query,
		filters=filters,
		page_length=page_length,
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions,
	)
	return translate_options_in_descriptions(doctype, results) if app_doctype else results


def translate_options_in_descriptions(doctype: str, results):
	"""A result's description joins its search fields' values (`build_for_autosuggest`), translated
	only for a "translated" DocType: a unit's kind read "Party Committee" to a Vietnamese user. The
	values of the search fields that are Selects are translated here (with the DocType as context, as
	the form translates them)."""
	meta = frappe.get_meta(doctype)
	options = set()
	for fieldname in (meta.search_fields or "").split(","):
		df = meta.get_field(fieldname.strip())
		if df and df.fieldtype == "Select":
			options |= {o for o in (df.options or "").split("\n") if o}
	if not options or not isinstance(results, list):
		return results
	for row in results:
		if isinstance(row, dict) and row.get("description"):
			row["description"] = ", ".join(
				_(part, context=doctype) if part in options else part
				for part in row["description"].split(", ")
			)
	return results


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters: str | None | dict | list = None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	"""`frappe.desk.search.search_widget` (search box, Link fields): for the app's DocTypes the records
	come from a permission-checked `get_list` (row scope, and field levels for `filter_fields`)."""
	if is_app_doctype(doctype):
		ignore_user_permissions = False
	return frappe_search_widget(
		doctype,
		txt,
		query=query,
		searchfield=searchfield,
		start=start,
		page_length=page_length,
		filters=filters,
		filter_fields=filter_fields,
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions,
	)


# --------------------------------------------------------------------------------------------------
# frappe.desk.listview
# --------------------------------------------------------------------------------------------------


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""`frappe.desk.listview.get_group_by_count` (list sidebar): for the app's DocTypes the "Assigned
	To" counts cover only the records the user may list; the other groupings already use `get_list`."""
	if field != "assigned_to" or not is_app_doctype(doctype):
		return frappe_get_group_by_count(doctype, current_filters, field)
	if not can_list(doctype):
		throw_no_access(doctype)
	return count_assignees(doctype, frappe.parse_json(current_filters))


def count_assignees(doctype: str, filters) -> list[dict]:
	"""Open assignments (ToDo) per desk user over the `doctype` records matching `filters` that the
	user may list: the 50 busiest, busiest first."""
	records = frappe.get_list(
		doctype,
		filters=filters,
		fields=[f"`tab{doctype}`.`name`"],
		limit_page_length=0,
		order_by="",
		run=False,
	)
	# `records` is SQL whose values are already escaped (possibly with "%" in LIKE patterns): the
	# statement is run without parameters.
	return frappe.db.sql(
		f"""
		select `tabToDo`.`allocated_to` as name, count(*) as count
		from `tabToDo`
		inner join `tabUser` on `tabUser`.`name` = `tabToDo`.`allocated_to`
		where `tabToDo`.`status` != 'Cancelled'
			and `tabUser`.`user_type` = 'System User'
			and `tabToDo`.`reference_type` = {frappe.db.escape(doctype, percent=False)}
			and `tabToDo`.`reference_name` in ({records})
		group by `tabToDo`.`allocated_to`
		order by count desc
		limit 50
		""",
		as_dict=True,
	)


# --------------------------------------------------------------------------------------------------
# frappe.desk.form.linked_with
# --------------------------------------------------------------------------------------------------


@frappe.whitelist()
def get_linked_docs(doctype, docname):
	"""`frappe.desk.form.linked_with.get` (the form's "Connections"): for a record of the app, only
	when the user may read it (a missing or hidden record raises the same PermissionError), listing
	only the linked records he or she may read."""
	if not is_app_doctype(doctype):
		return frappe_get_linked(doctype, docname)
	if not can_read_record(doctype, docname):
		throw_no_access(doctype)
	linkinfo = {dt: context for dt, context in get_linked_doctypes(doctype).items() if can_list(dt)}
	linked = frappe_get_linked_docs(doctype=doctype, name=docname, linkinfo=linkinfo)
	# Frappe keeps one way per linking DocType: a child table's link (a Cadre's Units Responsible For)
	# hides the parent's own Link field (its Organization Unit); the records that way are added back
	direct = direct_links_hidden_by_child_tables(doctype, linkinfo)
	if direct:
		for dt, rows in frappe_get_linked_docs(doctype=doctype, name=docname, linkinfo=direct).items():
			seen = {row.name for row in linked.get(dt, [])}
			linked.setdefault(dt, []).extend(row for row in rows if row.name not in seen)
	return linked


def direct_links_hidden_by_child_tables(doctype: str, linkinfo: dict) -> dict:
	"""{parent: {"fieldname": its own Link fields to `doctype`}} for the parents `linkinfo` reaches
	through a child table only."""
	hidden = {}
	for dt, context in linkinfo.items():
		if not context.get("child_doctype"):
			continue
		fields = [df.fieldname for df in frappe.get_meta(dt).get_link_fields() if df.options == doctype]
		if fields:
			hidden[dt] = {"fieldname": fields}
	return hidden


@frappe.whitelist()
def get_submitted_linked_docs(doctype: str, name: str, ignore_doctypes_on_cancel_all=None):
	"""`frappe.desk.form.linked_with.get_submitted_linked_docs` (cancelling with its linked documents):
	for a record of the app, only when the user may read it, listing only the linked documents he or
	she may read."""
	if not is_app_doctype(doctype):
		return frappe_get_submitted_linked_docs(doctype, name, ignore_doctypes_on_cancel_all)
	if not can_read_record(doctype, name):
		throw_no_access(doctype)
	result = frappe_get_submitted_linked_docs(doctype, name, ignore_doctypes_on_cancel_all)
	docs = [d for d in result["docs"] if can_read_record(d["doctype"], d["name"])]
	return {"docs": docs, "count": len(docs)}


# --------------------------------------------------------------------------------------------------
# frappe.desk.notifications
# --------------------------------------------------------------------------------------------------


@frappe.whitelist()
def get_open_count(doctype: str, name: str, items=None):
	"""`frappe.desk.notifications.get_open_count` (the counts of a form's "Connections"): for a record of
	the app, the linked records of each DocType are counted among those the user may list (Frappe
	counts them all). Frappe's own code still checks that the user may read the record."""
	out = frappe_get_open_count(doctype, name, items)
	if not is_app_doctype(doctype) or not isinstance(out.get("count"), dict):
		return out
	links = frappe.get_meta(doctype).get_dashboard_data()
	counts = out["count"]
	counts["external_links_found"] = [
		count_external_links(entry["doctype"], name, links)
		for entry in counts.get("external_links_found", [])
	]
	return out


def count_external_links(doctype: str, name: str, links) -> dict:
	"""`frappe.desk.notifications.get_external_links` counting only the records the user may list."""
	fieldname = links.get("non_standard_fieldnames", {}).get(doctype, links.get("fieldname"))
	filters = {fieldname: name}
	try:
		if dynamic_link_filters := get_dynamic_link_filters(doctype, links, fieldname):
			filters.update(dynamic_link_filters)
		total_count = count_listed(doctype, filters)
		open_count = 0
		if open_count_filters := get_filters_for(doctype):
			filters.update(open_count_filters)
			open_count = count_listed(doctype, filters)
	except Exception:
		# as Frappe does for a DocType it cannot count
		total_count = open_count = 0
	return {"doctype": doctype, "count": total_count, "open_count": open_count}


def count_listed(doctype: str, filters: dict) -> int:
	"""How many `doctype` records matching `filters` the user may list (at most 100, as Frappe shows)."""
	if not can_list(doctype):
		return 0
	return len(
		frappe.get_list(doctype, fields="name", filters=filters, limit=100, distinct=True, ignore_ifnull=True)
	)
