"""Factories for the violations-and-inspection tests (idempotent, like tests/utils.py).

The fixture world: commune A (a Party committee) with two boards, commune B; two directives with a
category each (plus a discipline-forcing one); inspectors, a unit head per commune, the cadre a
violation is about, a colleague of his, and an inspector who is himself the subject of a record.
"""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate, today

from soson_discipline.tests.utils import make_cadre as _make_cadre
from soson_discipline.tests.utils import make_unit, make_user

DOMAIN = "vr.test.soson.vn"


def email(key: str) -> str:
	return f"{key}@{DOMAIN}"


def make_directive(number: str, unit: str, title: str) -> str:
	if name := frappe.db.get_value("Directive", {"document_number": number, "issuing_unit": unit}, "name"):
		return name
	doc = frappe.get_doc(
		{
			"doctype": "Directive",
			"document_number": number,
			"issuing_unit": unit,
			"issue_date": getdate("2023-08-07"),
			"status": "In Force",
			"title": title,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def make_category(code: str, name: str, directive: str, deduction: float = 5, forces: int = 0) -> str:
	if existing := frappe.db.get_value("Violation Category", {"code": code, "directive": directive}, "name"):
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "Violation Category",
			"category_name": name,
			"code": code,
			"directive": directive,
			"default_severity": "Medium",
			"default_deduction": deduction,
			"forces_not_completed": forces,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def make_cadre(full_name, unit, user, roles, **kwargs) -> str:
	"""A cadre whose user has exactly `roles`, even when the cadre already existed."""
	make_user(user, roles, first_name=full_name)
	return _make_cadre(full_name, unit, user=user, roles=roles, **kwargs)


def make_world() -> frappe._dict:
	"""Everything the violation tests need; returns names by role in the story."""
	w = frappe._dict()
	w.commune_a = make_unit("VRT Đảng ủy xã A", abbreviation="ĐU", valid_from="2025-07-01")
	w.board_a = make_unit(
		"VRT Ban Xây dựng Đảng xã A",
		parent=w.commune_a,
		abbreviation="BXDĐ",
		unit_kind="Party Board",
		valid_from="2025-07-01",
	)
	w.inspect_a = make_unit(
		"VRT Ủy ban Kiểm tra xã A",
		parent=w.commune_a,
		abbreviation="UBKT",
		unit_kind="Inspection Committee",
		valid_from="2025-07-01",
	)
	w.commune_b = make_unit("VRT Đảng ủy xã B", abbreviation="ĐU", valid_from="2025-07-01")
	w.board_b = make_unit(
		"VRT Văn phòng Đảng ủy xã B",
		parent=w.commune_b,
		abbreviation="VPĐU",
		unit_kind="Party Office",
		valid_from="2025-07-01",
	)

	w.directive = make_directive("24-CT/VRT", w.commune_a, "Tăng cường kỷ cương, kỷ luật (kiểm thử)")
	w.other_directive = make_directive("39-CT/VRT", w.commune_b, "Chỉ thị khác (kiểm thử)")
	w.category = make_category("VRT-01", "Né tránh, đùn đẩy trách nhiệm", w.directive, deduction=5)
	w.forcing_category = make_category(
		"VRT-02", "Nhũng nhiễu, gây phiền hà", w.directive, deduction=10, forces=1
	)
	w.other_category = make_category(
		"VRT-91", "Vi phạm giờ giấc (chỉ thị khác)", w.other_directive, deduction=2
	)

	w.inspector = make_cadre(
		"VRT Kiểm tra viên Một",
		w.inspect_a,
		user=email("inspector1"),
		roles=["Inspector", "Cadre"],
		date_joined=getdate("2025-07-01"),
	)
	w.inspector2 = make_cadre(
		"VRT Kiểm tra viên Hai",
		w.inspect_a,
		user=email("inspector2"),
		roles=["Inspector", "Cadre"],
		date_joined=getdate("2025-07-01"),
	)
	w.head_a = make_cadre(
		"VRT Bí thư xã A",
		w.commune_a,
		user=email("head.a"),
		roles=["Unit Head", "Cadre"],
		date_joined=getdate("2025-07-01"),
	)
	w.head_b = make_cadre(
		"VRT Bí thư xã B",
		w.commune_b,
		user=email("head.b"),
		roles=["Unit Head", "Cadre"],
		date_joined=getdate("2025-07-01"),
	)
	w.cadre = make_cadre(
		"VRT Chuyên viên Vi Phạm",
		w.board_a,
		user=email("cadre"),
		roles=["Cadre"],
		date_joined=getdate("2025-07-01"),
	)
	w.peer = make_cadre(
		"VRT Chuyên viên Đồng Nghiệp",
		w.board_a,
		user=email("peer"),
		roles=["Cadre"],
		date_joined=getdate("2025-07-01"),
	)
	w.late_joiner = make_cadre(
		"VRT Chuyên viên Mới Vào",
		w.board_a,
		user=email("late"),
		roles=["Cadre"],
		date_joined=add_days(today(), -10),
	)
	# an inspector who is himself the subject of a record
	w.inspector_subject = make_cadre(
		"VRT Kiểm tra viên Bị Ghi Nhận",
		w.inspect_a,
		user=email("inspector3"),
		roles=["Inspector", "Cadre"],
		date_joined=getdate("2025-07-01"),
	)
	frappe.db.set_value("Organization Unit", w.commune_a, "head_cadre", w.head_a)
	for key in ("inspector1", "inspector2", "head.a", "head.b", "cadre", "peer", "late", "inspector3"):
		setattr(w, key.replace(".", "_") + "_user", email(key))
	return w


def make_inspection(w, user: str | None = None, is_surprise: int = 0, **values) -> str:
	"""An inspection of commune A by its inspection committee (as `user`, default inspector 1)."""
	doc = frappe.get_doc(
		{
			"doctype": "Inspection",
			"title": "Kiểm tra việc thực hiện Chỉ thị (kiểm thử)",
			"inspection_type": "Inspection",
			"is_surprise": is_surprise,
			"directive": w.directive,
			"inspecting_unit": w.inspect_a,
			"inspection_date": add_days(today(), -20),
			"end_date": add_days(today(), -18),
			"status": "In Progress",
			"target_units": [{"organization_unit": w.commune_a}],
			"team_members": [
				{"cadre": w.inspector, "team_role": "Head"},
				{"cadre": w.inspector2, "team_role": "Member"},
			],
			**values,
		}
	)
	with_user(user or w.inspector1_user, doc.insert)
	return doc.name


def make_record(w, user: str | None = None, cadre: str | None = None, **values):
	"""A Reported violation record about `cadre` (default: the board cadre), created as `user`."""
	doc = frappe.get_doc(
		{
			"doctype": "Violation Record",
			"cadre": cadre or w.cadre,
			"violation_category": w.category,
			"detected_on": add_days(today(), -5),
			"detection_source": "Superior Report",
			"description": "Chậm xử lý hồ sơ được giao (kiểm thử)",
			**values,
		}
	)
	with_user(user or w.inspector1_user, doc.insert)
	return doc


def act(doc_or_name, action: str, user: str):
	"""Apply a workflow action as `user`; returns the updated document."""
	name = doc_or_name if isinstance(doc_or_name, str) else doc_or_name.name
	return with_user(user, lambda: apply_workflow(frappe.get_doc("Violation Record", name), action))


def with_user(user: str, fn):
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		return fn()
	finally:
		frappe.set_user(previous)
