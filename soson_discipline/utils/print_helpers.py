"""Jinja helpers for the app's print formats (registered in hooks.jinja).

Vietnamese official documents (Decree 30/2020/NĐ-CP for State bodies, Instruction 36-HD/VPTW for Party
bodies) open with a two-column header: on the left the superior body, the issuing body and the number
and symbol; on the right the national motto (State) or "ĐẢNG CỘNG SẢN VIỆT NAM" (Party), then place
and date. `official_header` returns the data for that header; `templates/print/official_document.html`
lays it out.
"""

import unicodedata

import frappe
from frappe.query_builder import DocType
from frappe.utils import getdate

PARTY_KINDS = frozenset({"Party Committee", "Party Board", "Party Office", "Inspection Committee"})
PARTY_COMMITTEE = "Party Committee"
# State bodies that head their own line (Decree 30/2020, Appendix I): a People's Committee or Council
# prints no superior line unless the unit sets one.
STATE_HEAD_KINDS = frozenset({"People's Committee", "People's Council", "Commune/Ward"})
# The Party organisation (đảng bộ) a committee leads, named after its committee (36-HD/VPTW):
# "THÀNH ỦY HÀ NỘI" leads "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG ỦY XÃ SÓC SƠN" leads "ĐẢNG BỘ XÃ SÓC SƠN".
COMMITTEE_PREFIXES = (
	("THÀNH ỦY ", "THÀNH PHỐ "),
	("TỈNH ỦY ", "TỈNH "),
	("HUYỆN ỦY ", "HUYỆN "),
	("QUẬN ỦY ", "QUẬN "),
	("THỊ ỦY ", "THỊ XÃ "),
	("ĐẢNG ỦY ", ""),
)
UNIT_FIELDS = (
	"name",
	"unit_name",
	"official_name",
	"superior_line",
	"unit_kind",
	"level_label",
	"place_name",
	"lft",
	"rgt",
)


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
	row = get_unit_row(unit) if unit else None
	if row:
		info.issuer = printed_name(row)
		info.superior = superior_line(row)
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


def get_unit_row(unit: str) -> frappe._dict | None:
	return frappe.db.get_value("Organization Unit", unit, list(UNIT_FIELDS), as_dict=True)


def printed_name(row) -> str:
	"""The unit's name as printed in a header: its official name, else its name, in capitals."""
	return upper(row.official_name or row.unit_name)


def upper(text: str | None) -> str:
	"""Capitals in one Unicode form, with the old tone placement "UỶ" written "ỦY" as offices do."""
	return unicodedata.normalize("NFC", (text or "").strip().upper()).replace("UỶ", "ỦY")


def superior_line(row) -> str:
	"""The line above the issuing body: the unit's own `superior_line` when set, else the rule of its
	kind — Party bodies in the Party's style (Instruction 36-HD/VPTW), State bodies in the State's
	(Decree 30/2020/NĐ-CP)."""
	if row.superior_line:
		return upper(row.superior_line)
	if is_party_unit(row.unit_kind):
		return party_superior_line(row)
	return state_superior_line(row)


def party_superior_line(row) -> str:
	"""A Party committee prints the Party organisation of the committee above it ("ĐẢNG BỘ THÀNH PHỐ
	HÀ NỘI" above "ĐẢNG ỦY XÃ SÓC SƠN"); a board, office or inspection committee prints the
	committee it belongs to ("ĐẢNG ỦY XÃ SÓC SƠN" above "BAN XÂY DỰNG ĐẢNG")."""
	committee = next((a for a in get_ancestor_rows(row) if a.unit_kind == PARTY_COMMITTEE), None)
	if not committee:
		return ""
	if row.unit_kind == PARTY_COMMITTEE:
		return party_organisation_name(committee)
	return printed_name(committee)


def state_superior_line(row) -> str:
	"""A People's Committee or Council heads its own line; any other State body prints its nearest
	State superior ("ỦY BAN NHÂN DÂN XÃ SÓC SƠN" above a specialised office), never a Party body."""
	if row.unit_kind in STATE_HEAD_KINDS:
		return ""
	superior = next((a for a in get_ancestor_rows(row) if not is_party_unit(a.unit_kind)), None)
	return printed_name(superior) if superior else ""


def party_organisation_name(committee) -> str:
	"""The đảng bộ a Party committee leads: "THÀNH ỦY HÀ NỘI" → "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"."""
	name = printed_name(committee)
	for prefix, level in COMMITTEE_PREFIXES:
		if name.startswith(prefix):
			return f"ĐẢNG BỘ {level}{name[len(prefix):]}"
	if committee.level_label and committee.place_name:
		return upper(f"Đảng bộ {committee.level_label} {committee.place_name}")
	return f"ĐẢNG BỘ {name}"


def get_ancestor_rows(row) -> list:
	"""The units above `row`, nearest first."""
	if row.lft is None or row.rgt is None:
		return []
	ou = DocType("Organization Unit")
	return (
		frappe.qb.from_(ou)
		.select(*(ou[f] for f in UNIT_FIELDS))
		.where((ou.lft < row.lft) & (ou.rgt > row.rgt))
		.orderby(ou.lft, order=frappe.qb.desc)
		.run(as_dict=True)
	)


def unit_title(unit: str | None) -> str:
	"""A unit named in the body of an official document: its record's name, which tells one commune's
	"Ban Xây dựng Đảng" from another's. (`official_name` is the issuing body under its superior line in
	the header, e.g. "Ban Xây dựng Đảng" under "Đảng ủy xã Sóc Sơn": alone in a sentence it is ambiguous.)"""
	return unit or ""


def fmt_quantity(value, decimals: int = 2) -> str:
	"""A quantity or converted figure in the site's number format with only the decimals it has
	("1,5", "3", "1.500" on a Vietnamese site): print formats (hooks.jinja) and messages."""
	from frappe.utils import get_number_format_info

	from soson_discipline.scoring.numbers import plain_number

	number_format = frappe.db.get_default("number_format") or "#,###.##"
	decimal_sep, group_sep, _precision = get_number_format_info(number_format)
	return plain_number(value, decimals, decimal_sep or ".", group_sep)
