"""The version history of the app's records names the row a change was made in as the user counts
rows (issue 25 item 7).

Frappe stores a changed row's position from 0 (`frappe.core.doctype.version.version.get_diff`:
`enumerate` of the table) and the timeline shows it as "row #{n}" (`version_timeline_content_builder`,
and the document-follow digest), so a change in the third row read "dòng #2". The grid numbers rows
from 1, as `idx` does: the app's versions store that number.

A value changed from or to nothing is stored as None, which the timeline printed as "null" ("Ghi chú
từ null thành …"): the app's versions store it as an empty text, which the timeline shows as "".
"""

import json

import frappe

from soson_discipline.utils import is_app_doctype


def number_rows_from_one(doc, method=None):
	"""Version `before_insert`: the changed rows of a version of the app's records, numbered from 1,
	and no value stored as None (shown "null")."""
	if not doc.data or not is_app_doctype(doc.ref_doctype):
		return
	data = json.loads(doc.data)
	changed = [change for change in data.get("changed") or [] if change[0] != "docstatus"]
	rows = data.get("row_changed") or []
	if not rows and not any(None in change[1:] for change in changed):
		return
	for change in changed:
		change[1:] = [no_null(value) for value in change[1:]]
	for row in rows:
		row[1] = row[1] + 1
		for change in row[3]:
			change[1:] = [no_null(value) for value in change[1:]]
	doc.data = frappe.as_json(data, indent=None, separators=(",", ":"))


def no_null(value):
	return "" if value is None else value
