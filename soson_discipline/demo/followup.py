"""Demo follow-up of the Sóc Sơn commune plan (05-KH/ĐU, implementing 154-KH/HU and Directive
24-CT/TU): a consultation of the commune Inspection Committee on a task, answered; a written urging of
the Party-Building Board on the plan's open work; and the Standing Committee's conclusion on the
October report, whose points became tasks. Idempotent, like every demo step; everything it creates is
logged in the demo registry (the tasks of the conclusion too), so `clear()` removes it."""

import frappe
from frappe.utils import add_days, getdate

from soson_discipline.demo.registry import ensure, log_created
from soson_discipline.states import TASK_OPEN_STATUSES

COMMITTEE = "Đảng ủy xã Sóc Sơn"
BOARD = "Ban Xây dựng Đảng xã Sóc Sơn"
INSPECTION = "Ủy ban Kiểm tra Đảng ủy xã Sóc Sơn"
OFFICE = "Văn phòng Đảng ủy xã Sóc Sơn"


def _unit(unit_name: str) -> str | None:
	return frappe.db.get_value("Organization Unit", {"unit_name": unit_name}, "name")


def _plan() -> str | None:
	return frappe.db.get_value(
		"Unit Plan", {"issuing_unit": _unit(COMMITTEE), "docstatus": 1}, "name", order_by="issue_date desc"
	)


def _first_cadre(unit: str | None) -> frappe._dict | None:
	if not unit:
		return None
	return frappe.db.get_value(
		"Cadre",
		{"organization_unit": unit, "status": "Active"},
		["name", "full_name"],
		as_dict=True,
		order_by="is_leader desc, creation asc",
	)


def load():
	"""Demo step entry point (see `soson_discipline.demo.STEPS`)."""
	load_campaign_extras()


def load_campaign_extras():
	plan = _plan()
	if not plan:
		return
	lang, frappe.local.lang = frappe.local.lang, "vi"
	try:
		task = _open_task(plan)
		if task:
			load_consultation(task)
			load_urging(plan, task)
		load_conclusion(plan)
	finally:
		frappe.local.lang = lang


def _open_task(plan: str) -> frappe._dict | None:
	tasks = frappe.get_all(
		"Assigned Task",
		filters={"unit_plan": plan, "status": ("in", TASK_OPEN_STATUSES), "assignee": ("is", "set")},
		fields=["name", "title", "organization_unit", "assignee", "due_date"],
		order_by="due_date asc",
		limit=1,
	)
	return tasks[0] if tasks else None


def load_consultation(task):
	consulted = _unit(INSPECTION) if _unit(INSPECTION) != task.organization_unit else _unit(OFFICE)
	answerer = _first_cadre(consulted)
	if not consulted:
		return
	request_date = getdate("2026-10-05")
	ensure(
		"Consultation Request",
		{"assigned_task": task.name, "consulted_unit": consulted},
		{
			"subject": "Xin ý kiến về tiêu chí xác định biểu hiện vi phạm kỷ cương",
			"requested_by": task.assignee,
			"request_date": request_date,
			"due_date": add_days(request_date, 10),
			"question": "<p>Đề nghị Ủy ban Kiểm tra Đảng ủy xã cho ý kiến về việc áp dụng các biểu hiện vi phạm "
			"tại Phụ lục Chỉ thị số 24-CT/TU khi rà soát, chấm điểm cán bộ hằng tháng.</p>",
			"status": "Answered",
			"opinion": "<p>Thống nhất áp dụng theo Phụ lục Chỉ thị số 24-CT/TU; các trường hợp chưa rõ báo cáo "
			"Ủy ban Kiểm tra xem xét trước khi kết luận.</p>",
			"answered_by": answerer.name if answerer else None,
			"answered_on": add_days(request_date, 7),
		},
	)


def load_urging(plan: str, task):
	board = _unit(BOARD)
	if not board:
		return
	ensure(
		"Urging",
		{"document_number": "21-CV/BXDĐ", "issuing_unit": board},
		{
			"title": "Đôn đốc hoàn thành các nhiệm vụ thực hiện Chỉ thị số 24-CT/TU còn chậm",
			"urging_date": getdate("2026-11-05"),
			"reply_by": getdate("2026-11-15"),
			"unit_plan": plan,
			"content": "<p>Thực hiện Kế hoạch của Đảng ủy xã về tiếp tục thực hiện Chỉ thị số 24-CT/TU, qua theo dõi "
			"cho thấy một số nhiệm vụ còn chậm so với thời hạn. Ban Xây dựng Đảng đề nghị các đơn vị khẩn trương "
			"hoàn thành, cập nhật tiến độ trên phần mềm và báo cáo kết quả trước ngày 15/11/2026.</p>",
			"targets": [{"assigned_task": task.name, "organization_unit": task.organization_unit}],
			"recipients": "Như trên\nThường trực Đảng ủy (để báo cáo)\nLưu Ban XDĐ",
			"signing_authority": "T/M BAN XÂY DỰNG ĐẢNG",
			"signer_title": "TRƯỞNG BAN",
		},
		submit=True,
	)


def load_conclusion(plan: str):
	committee, board = _unit(COMMITTEE), _unit(BOARD)
	report = frappe.db.get_value(
		"Periodic Report",
		{"organization_unit": board, "docstatus": 1, "period_start": getdate("2026-10-01")},
		"name",
	)
	if not (committee and board and report):
		return
	frappe.db.set_value(
		"Periodic Report", report, {"received_by": "Administrator", "received_on": "2026-11-03 09:00:00"}
	)
	name = ensure(
		"Standing Committee Conclusion",
		{"document_number": "35-TB/ĐU", "issuing_unit": committee},
		{
			"title": "Thông báo kết luận của Ban Thường vụ Đảng ủy xã về kết quả thực hiện Chỉ thị số 24-CT/TU tháng 10/2026",
			"document_kind": "Conclusion Notice",
			"conclusion_date": getdate("2026-11-06"),
			"periodic_report": report,
			"unit_plan": plan,
			"content": "<p>Ban Thường vụ Đảng ủy xã ghi nhận kết quả tháng 10/2026 và yêu cầu:</p>",
			"points": [
				{
					"content": "Hoàn thành các nhiệm vụ quá hạn, cập nhật đầy đủ tiến độ trên phần mềm",
					"owner_unit": board,
					"due_date": getdate("2026-11-20"),
				},
				{
					"content": "Bố trí đủ công chức cho bộ phận một cửa, bảo đảm giải quyết thủ tục hành chính đúng hạn",
					"owner_unit": _unit("UBND xã Sóc Sơn") or board,
					"due_date": getdate("2026-11-30"),
				},
			],
			"recipients": "Các đồng chí Ủy viên Ban Thường vụ\nCác chi bộ trực thuộc\nLưu Văn phòng Đảng ủy",
			"signing_authority": "T/M BAN THƯỜNG VỤ",
			"signer_title": "BÍ THƯ",
		},
		submit=True,
	)
	for task in frappe.get_all(
		"Standing Committee Conclusion Point",
		filters={"parent": name, "assigned_task": ("is", "set")},
		pluck="assigned_task",
	):
		log_created("Assigned Task", task)
