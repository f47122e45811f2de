"""Demo organisation: the Hanoi Party Committee, the Sóc Sơn district bodies that ended on
30/6/2025 and the communes that succeeded them from 1/7/2025, with about forty cadres."""

import frappe
from frappe.utils import getdate

from soson_discipline.demo.registry import ensure, log_created
from soson_discipline.utils.users import without_signup_throttle

DISTRICT_END = "2025-06-30"
COMMUNE_START = "2025-07-01"
EMAIL_DOMAIN = "demo.soson.vn"

# (unit_name, abbreviation, unit_kind, level_label, parent, valid_from, valid_to, official_name, place)
CITY = [
	(
		"Thành ủy Hà Nội",
		"TU",
		"Party Committee",
		"Thành phố",
		None,
		"1930-01-01",
		None,
		"Thành ủy Hà Nội",
		"Hà Nội",
	),
	(
		"Ban Tổ chức Thành ủy",
		"BTCTU",
		"Party Board",
		"Thành phố",
		"Thành ủy Hà Nội",
		"1930-01-01",
		None,
		"Ban Tổ chức Thành ủy",
		"Hà Nội",
	),
]
DISTRICT = [
	(
		"Huyện ủy Sóc Sơn",
		"HU",
		"Party Committee",
		"Huyện",
		"Thành ủy Hà Nội",
		"1977-01-01",
		DISTRICT_END,
		"Huyện ủy Sóc Sơn",
		"Sóc Sơn",
	),
	(
		"Ban Tổ chức Huyện ủy Sóc Sơn",
		"BTCHU",
		"Party Board",
		"Huyện",
		"Huyện ủy Sóc Sơn",
		"1977-01-01",
		DISTRICT_END,
		"Ban Tổ chức Huyện ủy",
		"Sóc Sơn",
	),
	(
		"Ban Tuyên giáo Huyện ủy Sóc Sơn",
		"BTGHU",
		"Party Board",
		"Huyện",
		"Huyện ủy Sóc Sơn",
		"1977-01-01",
		DISTRICT_END,
		"Ban Tuyên giáo Huyện ủy",
		"Sóc Sơn",
	),
	(
		"Ủy ban Kiểm tra Huyện ủy Sóc Sơn",
		"UBKTHU",
		"Inspection Committee",
		"Huyện",
		"Huyện ủy Sóc Sơn",
		"1977-01-01",
		DISTRICT_END,
		"Ủy ban Kiểm tra Huyện ủy",
		"Sóc Sơn",
	),
	(
		"Văn phòng Huyện ủy Sóc Sơn",
		"VPHU",
		"Party Office",
		"Huyện",
		"Huyện ủy Sóc Sơn",
		"1977-01-01",
		DISTRICT_END,
		"Văn phòng Huyện ủy",
		"Sóc Sơn",
	),
	(
		"UBND huyện Sóc Sơn",
		"UBND",
		"People's Committee",
		"Huyện",
		"Huyện ủy Sóc Sơn",
		"1977-01-01",
		DISTRICT_END,
		"Ủy ban nhân dân huyện Sóc Sơn",
		"Sóc Sơn",
	),
	(
		"Phòng Nội vụ huyện Sóc Sơn",
		"PNV",
		"Specialised Department",
		"Huyện",
		"UBND huyện Sóc Sơn",
		"1977-01-01",
		DISTRICT_END,
		"Phòng Nội vụ",
		"Sóc Sơn",
	),
	(
		"Phòng Tài chính - Kế hoạch huyện Sóc Sơn",
		"TCKH",
		"Specialised Department",
		"Huyện",
		"UBND huyện Sóc Sơn",
		"1977-01-01",
		DISTRICT_END,
		"Phòng Tài chính - Kế hoạch",
		"Sóc Sơn",
	),
	(
		"Đảng ủy thị trấn Sóc Sơn",
		"ĐU",
		"Party Committee",
		"Thị trấn",
		"Huyện ủy Sóc Sơn",
		"1977-01-01",
		DISTRICT_END,
		"Đảng ủy thị trấn Sóc Sơn",
		"Sóc Sơn",
	),
	(
		"Đảng ủy xã Phù Linh",
		"ĐU",
		"Party Committee",
		"Xã",
		"Huyện ủy Sóc Sơn",
		"1977-01-01",
		DISTRICT_END,
		"Đảng ủy xã Phù Linh",
		"Phù Linh",
	),
	(
		"Đảng ủy xã Trung Giã (cũ)",
		"ĐU",
		"Party Committee",
		"Xã",
		"Huyện ủy Sóc Sơn",
		"1977-01-01",
		DISTRICT_END,
		"Đảng ủy xã Trung Giã",
		"Trung Giã",
	),
	(
		"Đảng ủy xã Phù Lỗ",
		"ĐU",
		"Party Committee",
		"Xã",
		"Huyện ủy Sóc Sơn",
		"1977-01-01",
		DISTRICT_END,
		"Đảng ủy xã Phù Lỗ",
		"Phù Lỗ",
	),
]
# Old commune → the commune that succeeded it on 1/7/2025.
SUCCESSORS = {
	"Đảng ủy thị trấn Sóc Sơn": "Đảng ủy xã Sóc Sơn",
	"Đảng ủy xã Phù Linh": "Đảng ủy xã Sóc Sơn",
	"Đảng ủy xã Trung Giã (cũ)": "Đảng ủy xã Trung Giã",
	"Đảng ủy xã Phù Lỗ": "Đảng ủy xã Nội Bài",
}
NEW_COMMUNES = ["Sóc Sơn", "Trung Giã", "Đa Phúc", "Nội Bài", "Kim Anh"]


def commune_units(commune: str) -> list[tuple]:
	committee = f"Đảng ủy xã {commune}"
	return [
		(
			committee,
			"ĐU",
			"Party Committee",
			"Xã",
			"Thành ủy Hà Nội",
			COMMUNE_START,
			None,
			committee,
			commune,
		),
		(
			f"Ban Xây dựng Đảng xã {commune}",
			"BXDĐ",
			"Party Board",
			"Xã",
			committee,
			COMMUNE_START,
			None,
			"Ban Xây dựng Đảng",
			commune,
		),
		(
			f"Văn phòng Đảng ủy xã {commune}",
			"VPĐU",
			"Party Office",
			"Xã",
			committee,
			COMMUNE_START,
			None,
			"Văn phòng Đảng ủy",
			commune,
		),
		(
			f"Ủy ban Kiểm tra Đảng ủy xã {commune}",
			"UBKT",
			"Inspection Committee",
			"Xã",
			committee,
			COMMUNE_START,
			None,
			"Ủy ban Kiểm tra Đảng ủy",
			commune,
		),
		(
			f"UBND xã {commune}",
			"UBND",
			"People's Committee",
			"Xã",
			committee,
			COMMUNE_START,
			None,
			f"Ủy ban nhân dân xã {commune}",
			commune,
		),
	]


# Fictional people. (key, full name, position, unit, roles, rater key, is_leader, category)
CITY_CADRES = [
	(
		"tv.hung",
		"Trần Văn Hùng",
		"Phó Bí thư Thường trực Thành ủy",
		"Thành ủy Hà Nội",
		["Standing Committee", "Cadre"],
		None,
		1,
		"Cadre",
	),
	(
		"nt.lan",
		"Nguyễn Thị Lan",
		"Trưởng Ban Tổ chức Thành ủy",
		"Ban Tổ chức Thành ủy",
		["Discipline Administrator", "Unit Head", "Rater", "Cadre"],
		"tv.hung",
		1,
		"Cadre",
	),
	(
		"lm.tuan",
		"Lê Minh Tuấn",
		"Chuyên viên Ban Tổ chức Thành ủy",
		"Ban Tổ chức Thành ủy",
		["Discipline Administrator", "Cadre"],
		"nt.lan",
		0,
		"Civil Servant",
	),
]
GIVEN = [
	"An",
	"Bình",
	"Chi",
	"Dũng",
	"Giang",
	"Hà",
	"Hải",
	"Hạnh",
	"Hòa",
	"Hương",
	"Khánh",
	"Linh",
	"Long",
	"Mai",
	"Minh",
	"Nam",
	"Nga",
	"Ngọc",
	"Phong",
	"Phương",
	"Quang",
	"Quyên",
	"Sơn",
	"Tâm",
	"Thảo",
	"Thắng",
	"Thu",
	"Trang",
	"Trung",
	"Vân",
	"Việt",
	"Yến",
	"Đức",
	"Hằng",
	"Huy",
	"Lộc",
	"Nhung",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thu", "Quang", "Hồng", "Thanh"]

# Per commune: (slot, position, unit template, roles, rater slot, is_leader, category)
COMMUNE_SLOTS = [
	("bt", "Bí thư Đảng ủy xã", "Đảng ủy xã {c}", ["Unit Head", "Rater", "Cadre"], None, 1, "Cadre"),
	(
		"xdd",
		"Trưởng Ban Xây dựng Đảng",
		"Ban Xây dựng Đảng xã {c}",
		["Unit Head", "Rater", "Discipline Administrator", "Cadre"],
		"bt",
		1,
		"Cadre",
	),
	(
		"xdd1",
		"Chuyên viên Ban Xây dựng Đảng",
		"Ban Xây dựng Đảng xã {c}",
		["Cadre"],
		"xdd",
		0,
		"Civil Servant",
	),
	(
		"xdd2",
		"Chuyên viên Ban Xây dựng Đảng",
		"Ban Xây dựng Đảng xã {c}",
		["Cadre"],
		"xdd",
		0,
		"Civil Servant",
	),
	(
		"vp",
		"Chánh Văn phòng Đảng ủy",
		"Văn phòng Đảng ủy xã {c}",
		["Unit Head", "Rater", "Cadre"],
		"bt",
		1,
		"Cadre",
	),
	("vp1", "Chuyên viên Văn phòng Đảng ủy", "Văn phòng Đảng ủy xã {c}", ["Cadre"], "vp", 0, "Civil Servant"),
	(
		"kt",
		"Chủ nhiệm Ủy ban Kiểm tra Đảng ủy",
		"Ủy ban Kiểm tra Đảng ủy xã {c}",
		["Unit Head", "Rater", "Inspector", "Cadre"],
		"bt",
		1,
		"Cadre",
	),
	("ub1", "Công chức Văn phòng - Thống kê", "UBND xã {c}", ["Cadre"], "vp", 0, "Civil Servant"),
]
# District cadres of 2023 who moved to the communes are the same people (one Cadre each);
# these two left with the district and are kept for the history of Plan 154-KH/HU.
DISTRICT_CADRES = [
	(
		"pv.thanh",
		"Phạm Văn Thành",
		"Trưởng Ban Tổ chức Huyện ủy",
		"Ban Tổ chức Huyện ủy Sóc Sơn",
		"Transferred",
	),
	("dt.hoa", "Đỗ Thị Hòa", "Chánh Văn phòng Huyện ủy", "Văn phòng Huyện ủy Sóc Sơn", "Left"),
]


def ascii_slug(text: str) -> str:
	import unicodedata

	text = text.replace("Đ", "D").replace("đ", "d")
	return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def load():
	load_units()
	load_cadres()
	load_settings()


def load_units():
	for row in CITY + DISTRICT:
		make_unit(*row)
	for commune in NEW_COMMUNES:
		for row in commune_units(commune):
			make_unit(*row)
	for old, new in SUCCESSORS.items():
		if not frappe.db.get_value("Organization Unit", old, "successor_unit"):
			frappe.db.set_value("Organization Unit", old, "successor_unit", new)


def make_unit(
	unit_name, abbreviation, unit_kind, level_label, parent, valid_from, valid_to, official_name, place
):
	return ensure(
		"Organization Unit",
		{"unit_name": unit_name},
		{
			"abbreviation": abbreviation,
			"unit_kind": unit_kind,
			"level_label": level_label,
			"parent_organization_unit": parent,
			"is_group": 1,
			"valid_from": getdate(valid_from),
			"valid_to": getdate(valid_to) if valid_to else None,
			"official_name": official_name,
			"place_name": place,
		},
	)


def make_person(
	key,
	full_name,
	position,
	unit,
	roles,
	rater,
	is_leader,
	category,
	status="Active",
	date_left=None,
	joined="2015-01-01",
):
	email = f"{key}@{EMAIL_DOMAIN}"
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": full_name,
				"language": "vi",
				"send_welcome_email": 0,
				"new_password": _demo_password(),
				"roles": [{"role": r} for r in roles],
			}
		)
		user.flags.no_welcome_mail = True
		with without_signup_throttle():
			user.insert(ignore_permissions=True)
		log_created("User", email)
	return ensure(
		"Cadre",
		{"user": email},
		{
			"full_name": full_name,
			"position": position,
			"organization_unit": unit,
			"rater": rater,
			"is_leader": is_leader,
			"is_party_member": 1,
			"cadre_category": category,
			"status": status,
			"date_joined": getdate(joined),
			"date_left": getdate(date_left) if date_left else None,
		},
	)


def _demo_password():
	from soson_discipline.demo import DEMO_PASSWORD

	return DEMO_PASSWORD


def load_cadres():
	people = {}
	for key, name, position, unit, roles, rater, leader, category in CITY_CADRES:
		people[key] = make_person(key, name, position, unit, roles, people.get(rater), leader, category)
	frappe.db.set_value("Organization Unit", "Thành ủy Hà Nội", "head_cadre", people["tv.hung"])
	frappe.db.set_value("Organization Unit", "Ban Tổ chức Thành ủy", "head_cadre", people["nt.lan"])

	n = 0
	for commune in NEW_COMMUNES:
		slots = {}
		for slot, position, unit_tpl, roles, rater_slot, leader, category in COMMUNE_SLOTS:
			full_name = f"{FAMILY[n % len(FAMILY)]} {MIDDLE[(n * 3) % len(MIDDLE)]} {GIVEN[n % len(GIVEN)]}"
			key = f"{ascii_slug(commune).replace(' ', '')}.{slot}"
			unit = unit_tpl.format(c=commune)
			rater = slots.get(rater_slot) if rater_slot else people["nt.lan"]
			slots[slot] = make_person(
				key, full_name, position, unit, roles, rater, leader, category, joined=COMMUNE_START
			)
			if slot in ("bt", "xdd", "vp", "kt"):
				if not frappe.db.get_value("Organization Unit", unit, "head_cadre"):
					frappe.db.set_value("Organization Unit", unit, "head_cadre", slots[slot])
			n += 1

	for key, name, position, unit, status in DISTRICT_CADRES:
		make_person(
			key, name, position, unit, ["Cadre"], None, 1, "Cadre", status=status, date_left=DISTRICT_END
		)


DEMO_SETTINGS = {"presiding_unit": "Ban Tổ chức Thành ủy", "standing_committee_unit": "Thành ủy Hà Nội"}


def load_settings():
	settings = frappe.get_single("Discipline Settings")
	if not settings.presiding_unit:
		settings.update(DEMO_SETTINGS)
		settings.flags.ignore_permissions = True
		settings.save()


def clear():
	"""Unset the settings that point at demo units (they are about to be deleted)."""
	for fieldname, unit in DEMO_SETTINGS.items():
		if frappe.db.get_single_value("Discipline Settings", fieldname) == unit:
			frappe.db.set_single_value("Discipline Settings", fieldname, None)
