"""Demo periodic reports: the Party-Building Board of Sóc Sơn commune reports monthly to the commune
Party Committee's Standing Committee — October 2026 submitted, November 2026 still a draft."""

import frappe
from frappe.utils import getdate

from soson_discipline.demo.registry import ensure

BOARD = "Ban Xây dựng Đảng xã Sóc Sơn"
COMMITTEE = "Đảng ủy xã Sóc Sơn"
SIGNER = "socson.xdd@demo.soson.vn"

OCTOBER = {
	"results": (
		"<p>Ban Xây dựng Đảng đã tham mưu Ban Thường vụ Đảng ủy xã chỉ đạo các chi bộ, cơ quan, đơn vị "
		"tiếp tục quán triệt Chỉ thị số 24-CT/TU; tổ chức rà soát nhiệm vụ được giao theo Kế hoạch, đôn đốc "
		"các đơn vị hoàn thành đúng hạn; phối hợp với Ủy ban Kiểm tra kiểm tra đột xuất việc chấp hành giờ "
		"giấc, nội quy, quy chế làm việc tại Văn phòng Đảng ủy và UBND xã.</p>"
		"<p>Việc đánh giá, xếp loại cán bộ, công chức hằng tháng được thực hiện trên phần mềm, bảo đảm "
		"đúng quy trình tự đánh giá – người giao việc đánh giá – thủ trưởng quyết định.</p>"
	),
	"shortcomings": (
		"<p>Một số nhiệm vụ còn chậm so với thời hạn; việc cập nhật tiến độ nhiệm vụ trên phần mềm ở một "
		"số đơn vị chưa thường xuyên. Vẫn còn trường hợp cán bộ sử dụng điện thoại vào việc riêng trong "
		"cuộc họp.</p>"
	),
	"causes": (
		"<p>Khối lượng công việc sau sắp xếp tổ chức bộ máy chính quyền địa phương hai cấp tăng; một số "
		"cán bộ, công chức chưa nêu cao tinh thần trách nhiệm, ý thức tự giác chấp hành kỷ luật, kỷ cương.</p>"
	),
	"next_tasks": (
		"<p>1. Đôn đốc các đơn vị hoàn thành các nhiệm vụ quá hạn trước ngày 15/11/2026.</p>"
		"<p>2. Tiếp tục kiểm tra đột xuất việc thực hiện Chỉ thị số 24-CT/TU tại các cơ quan, đơn vị.</p>"
		"<p>3. Hoàn thành đánh giá, xếp loại cán bộ, công chức tháng 10/2026 đúng thời hạn.</p>"
	),
	"proposals": (
		"<p>Đề nghị Ban Thường vụ Đảng ủy xã chỉ đạo UBND xã bố trí đủ công chức cho bộ phận một cửa, "
		"bảo đảm giải quyết thủ tục hành chính đúng hạn.</p>"
	),
}


def _unit(unit_name: str) -> str | None:
	return frappe.db.get_value("Organization Unit", {"unit_name": unit_name}, "name")


def _plan(board: str) -> str | None:
	"""The issued plan the board presides over, if the campaign demo made one."""
	return frappe.db.get_value(
		"Unit Plan", {"presiding_unit": board, "docstatus": 1}, "name", order_by="issue_date desc"
	)


def load():
	"""The reports are drafted in Vietnamese, the language of the demo's users."""
	lang = frappe.local.lang
	frappe.local.lang = "vi"
	try:
		_load()
	finally:
		frappe.local.lang = lang


def _load():
	board, committee = _unit(BOARD), _unit(COMMITTEE)
	if not (board and committee):
		return
	signer = frappe.db.get_value("Cadre", {"user": SIGNER}, "name")
	plan = _plan(board)
	common = {
		"report_to_unit": committee,
		"covered_unit": committee,
		"directive": frappe.db.get_value("Unit Plan", plan, "directive") if plan else None,
		"signer": signer,
		"signer_position": "Trưởng Ban Xây dựng Đảng",
		"recipients": "Thường trực Đảng ủy xã (để báo cáo)\nCác đồng chí Ủy viên Ban Thường vụ\nCác chi bộ trực thuộc\nLưu Ban XDĐ",
	}
	key = {"organization_unit": board, "frequency": "Monthly"}
	if plan:
		key["unit_plan"] = plan
	ensure(
		"Periodic Report",
		{**key, "period_start": getdate("2026-10-01")},
		{
			**common,
			"document_number": "15-BC/BXDĐ",
			"report_date": getdate("2026-10-31"),
			**OCTOBER,
		},
		submit=True,
	)
	ensure(
		"Periodic Report",
		{**key, "period_start": getdate("2026-11-01")},
		{
			**common,
			"document_number": "",
			"report_date": getdate("2026-11-30"),
			# a draft in progress reads as one: what is done so far, never a placeholder (issue 25 item 8)
			"results": (
				"<p>Trong tháng, Ban tiếp tục quán triệt Chỉ thị 24-CT/TU đến các chi bộ trực thuộc; "
				"các nhiệm vụ của tháng đang được thực hiện theo kế hoạch, số liệu chốt ngày 30/11.</p>"
			),
		},
	)
