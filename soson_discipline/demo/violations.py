"""Demo violations: the presiding board's inspection of two communes (27/10 – 6/11/2026) on
Directive 24-CT/TU, with findings and a conclusion, and violation records in every state of the
workflow, most verified in November 2026 so that they move the November evaluations.

Each step of a record is taken by the person who would take it (an inspector of the presiding board
verifies, the commune's secretary reports the correction). Names are fictional; the cases are
illustrations, not real findings.
"""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate

from soson_discipline.demo.campaign import DIRECTIVE
from soson_discipline.demo.organisation import EMAIL_DOMAIN
from soson_discipline.demo.registry import ensure, log_created
from soson_discipline.org import get_unit_head_users

INSPECTION = {
	"title": "Kiểm tra việc thực hiện Chỉ thị 24-CT/TU tại Đảng bộ xã Trung Giã và Đảng bộ xã Đa Phúc"
}
VERIFIER = "lm.tuan"  # Discipline Administrator of the Organisation Board

# (user key, category code, detected on, from the inspection?, description, target state, extra)
RECORDS = [
	(
		"trunggia.ub1",
		"PL-04",
		"2026-11-04",
		True,
		"Chậm giải quyết 06 hồ sơ chứng thực, đăng ký hộ tịch của công dân quá hạn từ 3 đến 7 ngày làm việc, "
		"không có văn bản xin lỗi, hẹn lại.",
		"Correction Required",
		{
			"actions": [
				(
					"Giải quyết dứt điểm các hồ sơ quá hạn; gửi thư xin lỗi công dân",
					"trunggia.ub1",
					"2026-11-20",
					None,
				)
			]
		},
	),
	(
		"trunggia.xdd2",
		"PL-07",
		"2026-11-05",
		True,
		"Vắng mặt tại cơ quan trong giờ làm việc buổi sáng ngày 05/11/2026 không có lý do.",
		"Closed",
		{},
	),
	(
		"daphuc.vp1",
		"PL-06",
		"2026-11-06",
		True,
		"Không tham mưu ban hành kế hoạch tuyên truyền Chỉ thị 24-CT/TU quý IV/2026 theo nhiệm vụ được giao.",
		"Corrected",
		{
			"actions": [
				(
					"Tham mưu ban hành kế hoạch tuyên truyền quý IV/2026",
					"daphuc.vp1",
					"2026-11-25",
					"2026-11-21",
				)
			]
		},
	),
	(
		"daphuc.ub1",
		"PL-05",
		"2026-11-03",
		False,
		"Công dân phản ánh qua đường dây nóng việc gây khó khăn, yêu cầu bổ sung giấy tờ không đúng quy định "
		"khi tiếp nhận hồ sơ cấp phép xây dựng.",
		"Verified",
		{"source": "Citizen Feedback", "outcome": ("Reprimand", "15-QĐ/UBKT", "2026-11-24")},
	),
	(
		"trunggia.vp1",
		"PL-03",
		"2026-11-05",
		True,
		"Không báo cáo kịp thời việc chậm triển khai nhiệm vụ của bộ phận được phân công theo dõi.",
		"Reported",
		{},
	),
	(
		"daphuc.xdd1",
		"PL-01",
		"2026-11-04",
		True,
		"Đoàn kiểm tra ghi nhận chậm trình hồ sơ kết nạp đảng viên.",
		"Dismissed",
		{"reason": "Hồ sơ chậm do chi bộ cơ sở nộp muộn, không thuộc trách nhiệm của cán bộ."},
	),
]


def load():
	directive = frappe.db.get_value("Directive", DIRECTIVE, "name")
	if not directive or not frappe.db.exists("Cadre", {"user": user(VERIFIER)}):
		return
	inspection = load_inspection(directive)
	for row in RECORDS:
		load_record(inspection, directive, *row)


def user(key: str) -> str:
	return f"{key}@{EMAIL_DOMAIN}"


def cadre_of(key: str) -> str | None:
	return frappe.db.get_value("Cadre", {"user": user(key)}, "name")


def load_inspection(directive: str) -> str:
	return ensure(
		"Inspection",
		INSPECTION,
		{
			"inspection_type": "Inspection",
			"is_surprise": 0,
			"directive": directive,
			"inspecting_unit": "Ban Tổ chức Thành ủy",
			"decision_number": "45-QĐ/BTCTU",
			"decision_date": getdate("2026-10-20"),
			"inspection_date": getdate("2026-10-27"),
			"end_date": getdate("2026-11-06"),
			"status": "Completed",
			"target_units": [
				{"organization_unit": "Đảng ủy xã Trung Giã", "note": "Đảng ủy, UBND xã và các ban"},
				{"organization_unit": "Đảng ủy xã Đa Phúc", "note": "Đảng ủy, UBND xã và các ban"},
			],
			"team_members": [
				{"cadre": cadre_of("nt.lan"), "team_role": "Head"},
				{"cadre": cadre_of("lm.tuan"), "team_role": "Member"},
			],
			"content": "<p>Kiểm tra việc lãnh đạo, chỉ đạo, quán triệt và tổ chức thực hiện Chỉ thị số 24-CT/TU "
			"ngày 07/8/2023 của Ban Thường vụ Thành ủy; việc chấp hành kỷ cương, kỷ luật hành chính, "
			"giờ giấc làm việc, tiếp nhận và giải quyết hồ sơ của công dân tại bộ phận một cửa.</p>",
			"findings": "<p>Hai Đảng ủy đã ban hành kế hoạch thực hiện, tổ chức quán triệt đến 100% chi bộ. "
			"Tuy nhiên, còn 06 hồ sơ hành chính giải quyết quá hạn tại xã Trung Giã; 01 cán bộ vắng mặt "
			"trong giờ làm việc; xã Đa Phúc chưa ban hành kế hoạch tuyên truyền quý IV/2026.</p>",
			"conclusions": "<p>Đảng ủy xã Trung Giã và Đảng ủy xã Đa Phúc cơ bản thực hiện nghiêm Chỉ thị "
			"24-CT/TU; một số cán bộ chưa chấp hành nghiêm kỷ cương hành chính, cần chấn chỉnh kịp thời.</p>",
			"recommendations": "<p>Yêu cầu hai Đảng ủy chỉ đạo khắc phục các tồn tại nêu trên trước ngày "
			"30/11/2026, kiểm điểm trách nhiệm cá nhân có liên quan và báo cáo kết quả về Ban Tổ chức Thành ủy.</p>",
			"conclusion_number": "12-TB/BTCTU",
			"conclusion_date": getdate("2026-11-16"),
			"signer": cadre_of("nt.lan"),
			"signer_title": "TRƯỞNG BAN",
			"recipients": "Thường trực Thành ủy (để báo cáo)\nĐảng ủy xã Trung Giã\nĐảng ủy xã Đa Phúc\nLưu VT",
		},
	)


def load_record(inspection, directive, key, code, detected_on, from_inspection, description, target, extra):
	cadre = cadre_of(key)
	category = frappe.db.get_value("Violation Category", {"code": code, "directive": directive}, "name")
	if not cadre or not category:
		return
	if frappe.db.exists(
		"Violation Record", {"cadre": cadre, "violation_category": category, "detected_on": detected_on}
	):
		return
	doc = frappe.get_doc(
		{
			"doctype": "Violation Record",
			"cadre": cadre,
			"violation_category": category,
			"detected_on": getdate(detected_on),
			"detection_source": "Inspection" if from_inspection else extra.get("source", "Other"),
			"inspection": inspection if from_inspection else None,
			"directive": directive,
			"recording_unit": "Ban Tổ chức Thành ủy",
			"description": f"<p>{description}</p>",
			"dismissal_reason": extra.get("reason"),
		}
	)
	doc.flags.ignore_permissions = True
	doc.insert()
	log_created("Violation Record", doc.name)
	drive(doc.name, target, extra)


def drive(name: str, target: str, extra: dict):
	"""Take a record from Reported to `target`, each step as the person who takes it."""
	if target == "Reported":
		return
	if target == "Dismissed":
		act(name, "Dismiss", VERIFIER)
		return
	act(name, "Verify", VERIFIER)
	if outcome := extra.get("outcome"):
		as_user(
			VERIFIER,
			lambda: update(
				name,
				discipline_outcome=outcome[0],
				discipline_decision=outcome[1],
				discipline_decision_date=getdate(outcome[2]),
			),
		)
	if target == "Verified":
		return
	if target == "Closed" and not extra.get("actions"):
		act(name, "Close", VERIFIER)
		return
	doc = frappe.get_doc("Violation Record", name)
	for action, responsible, due, _done in extra.get("actions", []):
		doc.append(
			"corrective_actions",
			{"action": action, "responsible": cadre_of(responsible), "due_date": getdate(due)},
		)
	as_user(VERIFIER, doc.save)
	act(name, "Require Correction", VERIFIER)
	if target == "Correction Required":
		return
	head = commune_head(frappe.db.get_value("Violation Record", name, "organization_unit"))
	doc = frappe.get_doc("Violation Record", name)
	for row, (_action, _responsible, _due, done) in zip(
		doc.corrective_actions, extra.get("actions", []), strict=True
	):
		row.completed_on = getdate(done)
		row.result = "Đã hoàn thành"
	as_user(head or VERIFIER, doc.save)
	act(name, "Mark Corrected", head or VERIFIER)
	if target == "Closed":
		act(name, "Close", VERIFIER)


def commune_head(unit: str) -> str | None:
	"""The user of the commune's Party secretary (the unit head above the cadre's unit)."""
	users = sorted(get_unit_head_users(unit))
	return users[0] if users else None


def update(name: str, **values):
	doc = frappe.get_doc("Violation Record", name)
	doc.update(values)
	doc.save()


def act(name: str, action: str, key_or_user: str):
	who = key_or_user if "@" in key_or_user else user(key_or_user)
	as_user(who, lambda: apply_workflow(frappe.get_doc("Violation Record", name), action))


def as_user(who: str, fn):
	who = who if "@" in who else user(who)
	current = frappe.session.user
	frappe.set_user(who)
	try:
		return fn()
	finally:
		frappe.set_user(current)
