"""Existing sites (issue 25 item 1): a score row had one `note` that the cadre and the rater shared, and
the rater's note replaced the cadre's justification. Each row now has the cadre's note (`self_note`)
and the rater's (`rater_note`). The old notes are put back where they belong by the evaluation's
version history: the last note the cadre wrote on the row goes to `self_note` (recovered even when
the rater replaced it), the last one anyone else wrote to `rater_note`. A note the history does not
tell about (written with the history off) stays the cadre's, who writes first.

Idempotent: a row whose new notes are already filled is left alone, and the old column is kept."""

import json

import frappe


def execute():
	table = "Cadre Evaluation Score"
	if not frappe.db.has_column(table, "note"):
		return  # a site installed after the split
	rows = frappe.db.sql(
		f"""select s.name, s.parent, s.note, e.cadre_user
		from `tab{table}` s join `tabCadre Evaluation` e on e.name = s.parent
		where coalesce(s.note, '') != '' and coalesce(s.self_note, '') = '' and coalesce(s.rater_note, '') = ''""",
		as_dict=True,
	)
	by_parent: dict[str, list] = {}
	for row in rows:
		by_parent.setdefault(row.parent, []).append(row)
	for parent, parent_rows in by_parent.items():
		writers = note_writers(parent)
		for row in parent_rows:
			self_note, rater_note = split(row, writers.get(row.name, []))
			frappe.db.set_value(
				table, row.name, {"self_note": self_note, "rater_note": rater_note}, update_modified=False
			)


def note_writers(evaluation: str) -> dict[str, list[tuple[str, str]]]:
	"""{score row: [(who, note written), ...] oldest first} from the evaluation's versions."""
	writers: dict[str, list[tuple[str, str]]] = {}
	for version in frappe.get_all(
		"Version",
		filters={"ref_doctype": "Cadre Evaluation", "docname": evaluation},
		fields=["owner", "data"],
		order_by="creation asc",
	):
		try:
			data = json.loads(version.data or "{}")
		except ValueError:
			continue
		for _table, _idx, row_name, changes in data.get("row_changed") or []:
			for field, _old, new in changes:
				if field == "note" and new:
					writers.setdefault(row_name, []).append((version.owner, new))
		for _table, row in data.get("added") or []:
			if isinstance(row, dict) and row.get("note") and row.get("name"):
				writers.setdefault(row["name"], []).append((version.owner, row["note"]))
	return writers


def split(row, written: list[tuple[str, str]]) -> tuple[str | None, str | None]:
	"""(the cadre's note, the rater's note) of a row whose shared note is `row.note`, from who wrote
	what (`written`, oldest first)."""
	if not written or written[-1][1] != row.note:
		return row.note, None  # the history does not tell who wrote the note in force
	by_cadre = [note for who, note in written if who == row.cadre_user]
	by_others = [note for who, note in written if who != row.cadre_user]
	return (by_cadre[-1] if by_cadre else None), (by_others[-1] if by_others else None)
