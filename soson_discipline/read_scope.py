"""Read scope of the child tables of scoped DocTypes and of the files attached to scoped records.

A child row (a score of an evaluation, a target unit of an inspection, ...) and a File attached to a
scoped record (evidence of a violation, the minutes of an inspection, ...) tell as much as the record
itself: each is visible exactly when its parent record is, by the rules of `permissions.SCOPES`.

- `get_child_query_conditions` is the `permission_query_conditions` hook of every DocType of
  `hooks.SCOPED_CHILD_DOCTYPES` (`frappe.get_list(child, parent_doctype=...)`, `frappe.client.get_list`,
  report view of a child table);
- `get_file_query_conditions` and `has_file_permission` are the `File` hooks (the file list, the file
  form and the download of a private file). They only ever restrict: any other file is left to
  Frappe's own File rule.
"""

import frappe
from frappe.utils.caching import request_cache

from soson_discipline.permissions import SCOPES, get_scope_condition

NOTHING = "1=0"


# --------------------------------------------------------------------------------------------------
# Metadata: which scoped DocType holds which child table
# --------------------------------------------------------------------------------------------------


@request_cache
def get_child_parents() -> dict[str, tuple[str, ...]]:
	"""Child DocType -> the scoped DocTypes holding it in a table field (from the metadata, custom
	table fields included; computed once per request from the cached metas)."""
	parents: dict[str, list[str]] = {}
	for doctype in SCOPES:
		for df in frappe.get_meta(doctype).get_table_fields():
			holders = parents.setdefault(df.options, [])
			if doctype not in holders:
				holders.append(doctype)
	return {child: tuple(holders) for child, holders in parents.items()}


def get_parent_doctypes(child_doctype: str) -> tuple[str, ...]:
	"""The scoped DocTypes a row of `child_doctype` can belong to."""
	return get_child_parents().get(child_doctype, ())


def _in_scope(table: str, column: str, doctype: str, user: str) -> str:
	"""SQL: `table`.`column` names a `doctype` record the user may see ("" = every record, NOTHING =
	none)."""
	condition = get_scope_condition(doctype, user)
	if condition in ("", NOTHING):
		return condition
	return f"{table}.`{column}` in (select `tab{doctype}`.`name` from `tab{doctype}` where {condition})"


# --------------------------------------------------------------------------------------------------
# Child tables
# --------------------------------------------------------------------------------------------------


def get_child_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""`permission_query_conditions` of a child table of scoped DocTypes: a row is visible only when
	its parent record is ("" when the user sees every parent).

	Rows of a parent type that is not scoped (none today) are left to Frappe's own check of the
	`parent_doctype`."""
	user = user or frappe.session.user
	parents = get_parent_doctypes(doctype)
	if not parents:
		return ""
	table = f"`tab{doctype}`"
	conditions = {parent: _in_scope(table, "parent", parent, user) for parent in parents}
	if all(condition == "" for condition in conditions.values()):
		return ""

	branches = [f"{table}.`parenttype` not in ({', '.join(frappe.db.escape(p) for p in parents)})"]
	for parent, condition in conditions.items():
		if condition == NOTHING:
			continue
		branch = f"{table}.`parenttype` = {frappe.db.escape(parent)}"
		branches.append(f"({branch} and {condition})" if condition else branch)
	return "(" + " or ".join(branches) + ")"


# --------------------------------------------------------------------------------------------------
# Attached files
# --------------------------------------------------------------------------------------------------


def get_attachable_doctypes() -> tuple[str, ...]:
	"""The DocTypes whose attachments are scoped: the scoped DocTypes and their child tables."""
	return (*SCOPES, *get_child_parents())


def get_file_query_conditions(user: str | None = None) -> str:
	"""`permission_query_conditions` of File: a file attached to a record of a scoped DocType (or to a
	row of one of its child tables) is listed only when that record is visible to the user. Other files
	are left to Frappe's own File condition, which is ANDed with this one."""
	user = user or frappe.session.user
	restricted, branches = [], []
	for doctype in get_attachable_doctypes():
		if doctype in SCOPES:
			condition = _in_scope("`tabFile`", "attached_to_name", doctype, user)
		else:
			condition = _child_in_scope("`tabFile`", "attached_to_name", doctype, user)
		if condition == "":
			continue
		restricted.append(doctype)
		if condition != NOTHING:
			branches.append(
				f"(`tabFile`.`attached_to_doctype` = {frappe.db.escape(doctype)} and {condition})"
			)
	if not restricted:
		return ""
	others = f"ifnull(`tabFile`.`attached_to_doctype`, '') not in ({', '.join(frappe.db.escape(d) for d in restricted)})"
	return "(" + " or ".join([others, *branches]) + ")"


def _child_in_scope(table: str, column: str, child_doctype: str, user: str) -> str:
	"""SQL: `table`.`column` names a `child_doctype` row whose parent the user may see."""
	condition = get_child_query_conditions(user, child_doctype)
	if condition in ("", NOTHING):
		return condition
	return (
		f"{table}.`{column}` in (select `tab{child_doctype}`.`name` from `tab{child_doctype}` "
		f"where {condition})"
	)


def get_attached_record(file) -> tuple[str, str] | None:
	"""(DocType, name) of the scoped record `file` is attached to, directly or through a row of one of
	its child tables; None for any other file."""
	doctype, name = file.get("attached_to_doctype"), file.get("attached_to_name")
	if not doctype or not name:
		return None
	if doctype in SCOPES:
		return doctype, name
	if get_parent_doctypes(doctype):
		row = frappe.db.get_value(doctype, name, ["parenttype", "parent"], as_dict=True)
		if row and row.parenttype in SCOPES and row.parent:
			return row.parenttype, row.parent
	return None


def has_file_permission(doc, ptype=None, user=None, debug=False) -> bool | None:
	"""`has_permission` of File (called before Frappe's own): a file attached to a scoped record is
	refused when the user may not read that record. None otherwise, so that Frappe's File rule decides
	(owner, public file, write right on the record for a change, ...)."""
	if ptype == "create":
		return None
	user = user or frappe.session.user
	record = get_attached_record(doc)
	if record is None:
		return None
	doctype, name = record
	if not frappe.db.exists(doctype, name):
		return None
	return None if frappe.has_permission(doctype, "read", name, user=user) else False
