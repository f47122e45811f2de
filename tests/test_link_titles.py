"""Names, not IDs (issue 25): a record the app names by a series ("CB-00004", "VP-2026-00001") shows
its title wherever another of the app's records links to it, on editable, read-only and submitted
forms alike. Frappe does so for a DocType with a title field and *Show Title in Link Fields*; this
holds every such DocType that an app field links to to both."""

import json
from pathlib import Path

DOCTYPES = Path(__file__).resolve().parent.parent / "soson_discipline" / "soson_discipline" / "doctype"


def app_doctypes() -> dict[str, dict]:
	found = {}
	for path in DOCTYPES.glob("*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		if meta.get("doctype") == "DocType" and path.stem == path.parent.name:
			found[meta["name"]] = meta
	return found


def named_by_series(meta: dict) -> bool:
	"""A series, a hash or a number; a name the controller makes (an Organization Unit's is its name)
	reads well as it is."""
	autoname = meta.get("autoname") or ""
	return "#" in autoname or autoname in ("hash", "autoincrement")


def test_every_linked_record_named_by_a_series_shows_its_title():
	doctypes = app_doctypes()
	linked = {
		field["options"]
		for meta in doctypes.values()
		for field in meta.get("fields", [])
		if field.get("fieldtype") == "Link"
		and field.get("options") in doctypes
		and field["fieldname"] != "amended_from"  # Frappe's link to the cancelled original, by its ID
	}
	missing = sorted(
		name
		for name in linked
		if not doctypes[name].get("istable")
		and named_by_series(doctypes[name])
		and not (doctypes[name].get("show_title_field_in_link") and doctypes[name].get("title_field"))
	)
	assert not missing, f"linked by a series name, shown as an ID: {missing}"
	assert doctypes["Cadre"]["title_field"] == "full_name"
