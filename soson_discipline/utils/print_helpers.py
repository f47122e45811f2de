"""Jinja helpers for the app's print formats (registered in hooks.jinja).

Vietnamese official documents (Decree 30/2020/NĐ-CP for State bodies, Instruction 36-HD/VPTW for Party
bodies) open with a two-column header: on the left the superior body, the issuing body and the number
and symbol; on the right the national motto (State) or "ĐẢNG CỘNG SẢN VIỆT NAM" (Party), then place
and date. `official_header` returns the data for that header; `templates/print/official_document.html`
lays it out.
"""

import frappe
from frappe.utils import getdate

PARTY_KINDS = frozenset({"Party Committee", "Party Board", "Party Office", "Inspection Committee"})


def is_party_unit(unit_kind: str | None) -> bool:
	return unit_kind in PARTY_KINDS


def official_header(unit: str | None, document_number: str | None = None, date=None) -> dict:
	"""Header data for a document issued by `unit` on `date`.

	Returns a dict with `superior` (line above the issuer, may be empty), `issuer`, `number`,
	`is_party`, `motto_lines`, `place`, `day`, `month`, `year`.
	"""
	info = frappe._dict(
		superior="", issuer="", number=document_number or "", is_party=False, motto_lines=[], place=""
	)
	if unit:
		row = frappe.db.get_value(
			"Organization Unit",
			unit,
			[
				"unit_name",
				"official_name",
				"superior_body_line",
				"unit_kind",
				"place_name",
				"parent_organization_unit",
			],
			as_dict=True,
		)
		if row:
			info.issuer = (row.official_name or row.unit_name or "").upper()
			info.superior = (row.superior_body_line or "").upper()
			if not info.superior and row.parent_organization_unit:
				parent = frappe.db.get_value(
					"Organization Unit",
					row.parent_organization_unit,
					["official_name", "unit_name"],
					as_dict=True,
				)
				if parent:
					info.superior = (parent.official_name or parent.unit_name or "").upper()
			info.is_party = is_party_unit(row.unit_kind)
			info.place = row.place_name or ""
	if info.is_party:
		info.motto_lines = ["ĐẢNG CỘNG SẢN VIỆT NAM"]
	else:
		info.motto_lines = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
	if date:
		d = getdate(date)
		info.day, info.month, info.year = d.day, d.month, d.year
	return info
