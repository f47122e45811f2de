"""Demo campaign: Directive 24-CT/TU of the Hanoi Party Committee with an appendix of violating
behaviours, Plan 154-KH/HU of the Sóc Sơn Standing Committee (2023, closed when the district ended),
the 2025 plans of two new communes that continue it, their tasks down to cadres (due in
October–November 2026, in every state) and dissemination sessions.

The appendix items are EXAMPLES taken from the vocabulary of reports on the directive (domain.md
§1.2), to be checked against the official Appendix. Plan texts, numbers of the commune plans,
signers other than the directive's, and attendance figures are illustrative.
"""

import csv
from pathlib import Path

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate, today

from soson_discipline.demo.organisation import EMAIL_DOMAIN, ascii_slug
from soson_discipline.demo.registry import ensure, log_created
from soson_discipline.utils.users import without_signup_throttle

DIRECTIVE = {
	"document_number": "24-CT/TU",
	"issuing_unit": "Thành ủy Hà Nội",
}
EXAMPLE_NOTE = "Ví dụ minh họa, cần đối chiếu với Phụ lục chính thức của Chỉ thị 24-CT/TU."

# (code, name, severity, deduction, forces not completed)
APPENDIX = [
	("PL-01", "Né tránh, đùn đẩy trách nhiệm", "Medium", 5, 0),
	("PL-02", "Sợ trách nhiệm, sợ sai, không dám làm", "Medium", 5, 0),
	("PL-03", 'Ngại va chạm, "dĩ hòa vi quý"', "Low", 3, 0),
	("PL-04", "Chậm giải quyết, kéo dài thời gian giải quyết công việc", "Medium", 5, 0),
	("PL-05", "Nhũng nhiễu, gây phiền hà, vụ lợi", "High", 20, 1),
	(
		"PL-06",
		"Chậm trễ, bỏ sót nhiệm vụ được giao; không thực hiện đúng thứ bậc, thẩm quyền",
		"Medium",
		5,
		0,
	),
	("PL-07", "Vi phạm giờ giấc, sử dụng giờ làm việc vào việc riêng, vi phạm văn hóa công sở", "Low", 2, 0),
	("PL-08", '"Trên nóng, dưới lạnh"; giao việc mãi không làm', "High", 10, 0),
]

CORRUPTION_CODES = ("PL-05",)

DISTRICT_COMMUNES = (
	"Đảng ủy thị trấn Sóc Sơn\nĐảng ủy xã Phù Linh\nĐảng ủy xã Trung Giã (cũ)\nĐảng ủy xã Phù Lỗ"
)


def load():
	load_product_catalogue()
	directive = load_directive()
	plan_154 = load_district_plan(directive)
	commune_plans = {
		c: load_commune_plan(c, number, date, directive, plan_154) for c, number, date in COMMUNE_PLANS
	}
	close_district_plan(plan_154)
	for commune, plan in commune_plans.items():
		complete_dissemination_task(plan)
		load_cadre_tasks(commune, plan)
	load_extensions_and_objective_cause(COMMUNE_PLANS[0][0], commune_plans[COMMUNE_PLANS[0][0]])
	load_document_system(COMMUNE_PLANS[0][0])
	load_sessions(directive, plan_154, commune_plans)


# The sample catalogue of a commune Party office (setup/import_samples/work_product_type.csv, the file
# an office imports with Data Import): the demo loads the same file, shared by every unit.
CATALOGUE_COLUMNS = ("product_name", "conversion_factor", "unit_of_measure", "job_position", "description")


def load_product_catalogue():
	path = Path(frappe.get_app_path("soson_discipline", "setup", "import_samples", "work_product_type.csv"))
	with path.open(encoding="utf-8", newline="") as f:
		rows = list(csv.reader(f))[1:]
	for row in rows:
		values = dict(zip(CATALOGUE_COLUMNS, row, strict=True))
		ensure(
			"Work Product Type",
			{"product_name": values.pop("product_name")},
			{k: v or None for k, v in values.items()},
		)


def product_named(name: str) -> str:
	return frappe.db.get_value(
		"Work Product Type", {"product_name": name, "organization_unit": ("is", "not set")}
	)


def load_directive() -> str:
	directive = ensure(
		"Directive",
		DIRECTIVE,
		{
			"issue_date": getdate("2023-08-07"),
			"signer": "Đinh Tiến Dũng",
			"signer_title": "Bí thư Thành ủy",
			"title": "Tăng cường kỷ cương, kỷ luật và trách nhiệm giải quyết công việc trong hệ thống chính trị thành phố Hà Nội",
			"summary": "<p>Tạo chuyển biến căn bản từ nhận thức đến hành động về kỷ cương, kỷ luật và trách nhiệm giải quyết công việc "
			"của cán bộ, đảng viên, công chức, viên chức, người lao động trong hệ thống chính trị thành phố.</p>",
			"status": "In Force",
		},
	)
	for code, name, severity, deduction, forces in APPENDIX:
		ensure(
			"Violation Category",
			{"code": code, "directive": directive},
			{
				"category_name": name,
				"default_severity": severity,
				"default_deduction": deduction,
				"forces_not_completed": forces,
				# harassment for gain is petty corruption: its leaders answer for it (Decree 335, 4(d))
				"corruption_or_waste": int(code in CORRUPTION_CODES),
				"description": EXAMPLE_NOTE,
			},
		)
	return directive


def rows(*items) -> list[dict]:
	out = []
	for group, description, lead, coordinating, due, recurrence, output in items:
		out.append(
			{
				"task_group": group,
				"description": description,
				"lead_unit": lead,
				"coordinating_units": coordinating,
				"due_date": getdate(due) if due else None,
				"recurrence": recurrence,
				"expected_output": output,
			}
		)
	return out


def issue_plan(key: dict, values: dict) -> str:
	"""Ensure the plan and issue it, logging the tasks issuing created so `clear` removes them."""
	name = ensure("Unit Plan", key, values, submit=True)
	for task in frappe.get_all(
		"Assigned Task", {"unit_plan": name, "parent_task": ("is", "not set")}, pluck="name"
	):
		log_created("Assigned Task", task)
	return name


def load_district_plan(directive: str) -> str:
	return issue_plan(
		{"document_number": "154-KH/HU", "issuing_unit": "Huyện ủy Sóc Sơn"},
		{
			"issue_date": getdate("2023-08-25"),
			"directive": directive,
			"title": "Thực hiện Chỉ thị số 24-CT/TU ngày 07/8/2023 của Ban Thường vụ Thành ủy về tăng cường kỷ cương, kỷ luật "
			"và trách nhiệm giải quyết công việc trong hệ thống chính trị",
			"presiding_unit": "Ban Tổ chức Huyện ủy Sóc Sơn",
			"report_to_unit": "Huyện ủy Sóc Sơn",
			"reporting_frequency": "Quarterly",
			"purpose": "<p>Quán triệt sâu sắc, tổ chức thực hiện nghiêm túc Chỉ thị số 24-CT/TU; tạo chuyển biến rõ nét về ý thức "
			"kỷ cương, kỷ luật, trách nhiệm giải quyết công việc của cán bộ, đảng viên, công chức, viên chức, người lao động.</p>",
			"requirements": "<p>Xác định rõ nhiệm vụ, trách nhiệm của từng cơ quan, đơn vị và người đứng đầu; việc thực hiện phải "
			"gắn với đánh giá, chấm điểm cán bộ hằng tháng và kịp thời phát hiện, chấn chỉnh vi phạm.</p>",
			"implementation": "<p>Các cấp ủy, tổ chức đảng, cơ quan, đơn vị căn cứ Kế hoạch xây dựng kế hoạch cụ thể, "
			"triển khai thực hiện nghiêm túc.</p>",
			"signing_authority": "T/M BAN THƯỜNG VỤ",
			"signer_title": "PHÓ BÍ THƯ THƯỜNG TRỰC",
			"signer_name": "Nguyễn Văn Bình",
			"recipients": "Ban Thường vụ Thành ủy (để báo cáo)\nBan Tổ chức Thành ủy\nCác đồng chí Huyện ủy viên\n"
			"Các chi, đảng bộ trực thuộc\nLưu Văn phòng Huyện ủy",
			"tasks": rows(
				(
					"I. Tuyên truyền, quán triệt",
					"Tổ chức quán triệt, tuyên truyền Chỉ thị số 24-CT/TU đến toàn thể cán bộ, đảng viên, "
					"công chức, viên chức, người lao động trong từng cơ quan, đơn vị",
					"Ban Tuyên giáo Huyện ủy Sóc Sơn",
					DISTRICT_COMMUNES,
					"2023-09-30",
					None,
					"Báo cáo kết quả quán triệt",
				),
				(
					"I. Tuyên truyền, quán triệt",
					"Tổ chức Hội nghị quán triệt Chỉ thị số 24-CT/TU toàn huyện ngày 14/9/2023",
					"Văn phòng Huyện ủy Sóc Sơn",
					"Ban Tuyên giáo Huyện ủy Sóc Sơn",
					"2023-09-14",
					None,
					"Hội nghị",
				),
				(
					"II. Theo dõi, hướng dẫn, kiểm tra, giám sát, đôn đốc",
					"Theo dõi, hướng dẫn, kiểm tra, giám sát, đôn đốc việc thực hiện "
					"Chỉ thị trong toàn Đảng bộ",
					"Ban Tổ chức Huyện ủy Sóc Sơn",
					"Ban Tuyên giáo Huyện ủy Sóc Sơn\nỦy ban Kiểm tra Huyện ủy Sóc Sơn\nVăn phòng Huyện ủy Sóc Sơn",
					None,
					"Regularly",
					"Thông báo kết quả kiểm tra",
				),
				(
					"III. Báo cáo định kỳ",
					"Tổng hợp, báo cáo Ban Thường vụ Huyện ủy kết quả thực hiện Chỉ thị hằng quý",
					"Ban Tổ chức Huyện ủy Sóc Sơn",
					"Văn phòng Huyện ủy Sóc Sơn",
					None,
					"Quarterly",
					"Báo cáo quý",
				),
				(
					"IV. Đánh giá, chấm điểm hằng tháng",
					"Đánh giá, chấm điểm hằng tháng cán bộ, công chức, viên chức, người lao động "
					"theo Quy định số 3814-QĐ/TU",
					"Phòng Nội vụ huyện Sóc Sơn",
					"UBND huyện Sóc Sơn",
					None,
					"Monthly",
					"Kết quả xếp loại hằng tháng",
				),
				(
					"V. Phát hiện, chấn chỉnh vi phạm",
					"Phát hiện, chấn chỉnh, xử lý kịp thời các biểu hiện vi phạm nêu tại Phụ lục "
					"Chỉ thị số 24-CT/TU",
					"Ủy ban Kiểm tra Huyện ủy Sóc Sơn",
					"Ban Tổ chức Huyện ủy Sóc Sơn",
					None,
					"Regularly",
					"Báo cáo xử lý vi phạm",
				),
			),
		},
	)


def close_district_plan(plan: str):
	"""The district ended on 30/6/2025: its plan's tasks were completed or handed over, the plan closed."""
	doc = frappe.get_doc("Unit Plan", plan)
	if doc.workflow_state == "Closed":
		return
	for task in frappe.get_all(
		"Assigned Task", {"unit_plan": plan, "status": ("!=", "Completed")}, ["name", "due_date"]
	):
		task_doc = frappe.get_doc("Assigned Task", task.name)
		task_doc.status = "Completed"
		task_doc.completed_on = task.due_date or getdate("2025-06-30")
		task_doc.quality_result = "Passed"
		task_doc.flags.ignore_permissions = True
		task_doc.save()
	doc.workflow_state = "Closed"
	doc.flags.ignore_permissions = True
	doc.save()


def complete_dissemination_task(plan: str):
	"""The communes disseminated the directive on time (see their sessions)."""
	first_row = frappe.get_doc("Unit Plan", plan).tasks[0]
	task = frappe.get_doc("Assigned Task", {"plan_task_row": first_row.name})
	if task.status == "Completed":
		return
	task.status = "Completed"
	task.completed_on = getdate("2025-09-25")
	task.quality_result = "Passed"
	task.flags.ignore_permissions = True
	task.save()


# (commune, plan number, issue date)
COMMUNE_PLANS = [("Sóc Sơn", "05-KH/ĐU", "2025-08-15"), ("Trung Giã", "07-KH/ĐU", "2025-08-20")]


def load_commune_plan(commune: str, number: str, issue_date: str, directive: str, parent_plan: str) -> str:
	committee = f"Đảng ủy xã {commune}"
	board = f"Ban Xây dựng Đảng xã {commune}"
	office = f"Văn phòng Đảng ủy xã {commune}"
	inspection = f"Ủy ban Kiểm tra Đảng ủy xã {commune}"
	people = f"UBND xã {commune}"
	return issue_plan(
		{"document_number": number, "issuing_unit": committee},
		{
			"issue_date": getdate(issue_date),
			"directive": directive,
			"parent_plan": parent_plan,
			"title": f"Tiếp tục thực hiện Chỉ thị số 24-CT/TU của Ban Thường vụ Thành ủy trên địa bàn xã {commune} "
			"giai đoạn 2025 - 2026",
			"presiding_unit": board,
			"report_to_unit": committee,
			"reporting_frequency": "Monthly",
			"purpose": "<p>Tiếp tục thực hiện nghiêm Chỉ thị số 24-CT/TU sau khi sắp xếp đơn vị hành chính cấp xã; "
			"siết chặt kỷ cương, kỷ luật trong giải quyết công việc của người dân, doanh nghiệp.</p>",
			"requirements": "<p>Mỗi nhiệm vụ có đơn vị chủ trì, thời hạn và sản phẩm cụ thể; hằng tháng đánh giá, chấm điểm "
			"cán bộ theo kết quả thực hiện nhiệm vụ được giao.</p>",
			"signing_authority": "T/M ĐẢNG ỦY",
			"signer_title": "BÍ THƯ",
			"signer_name": frappe.db.get_value("Cadre", {"user": demo_user(commune, "bt")}, "full_name"),
			"recipients": "Ban Thường vụ Thành ủy (để báo cáo)\nBan Tổ chức Thành ủy\nCác chi bộ trực thuộc\nLưu Văn phòng Đảng ủy",
			"tasks": rows(
				(
					"I. Tuyên truyền, quán triệt",
					"Quán triệt Chỉ thị số 24-CT/TU đến các chi bộ, cán bộ, đảng viên",
					board,
					office,
					"2025-09-30",
					None,
					"Báo cáo kết quả quán triệt",
				),
				(
					"II. Theo dõi, kiểm tra, giám sát, đôn đốc",
					"Theo dõi, kiểm tra, giám sát, đôn đốc việc thực hiện Chỉ thị tại các chi bộ, cơ quan",
					board,
					inspection,
					None,
					"Regularly",
					"Thông báo kết quả kiểm tra",
				),
				(
					"III. Báo cáo định kỳ",
					"Báo cáo Ban Thường vụ Đảng ủy kết quả thực hiện Chỉ thị số 24-CT/TU năm 2026",
					office,
					board,
					"2026-11-30",
					None,
					"Báo cáo năm",
				),
				(
					"IV. Đánh giá, chấm điểm hằng tháng",
					"Đánh giá, chấm điểm hằng tháng cán bộ, công chức trên phần mềm",
					people,
					board,
					None,
					"Monthly",
					"Kết quả xếp loại hằng tháng",
				),
				(
					"V. Phát hiện, chấn chỉnh vi phạm",
					"Rà soát, chấn chỉnh các biểu hiện vi phạm kỷ cương, kỷ luật",
					inspection,
					board,
					"2026-10-31",
					None,
					"Báo cáo rà soát",
				),
			),
		},
	)


def demo_user(commune: str, slot: str) -> str:
	return f"{ascii_slug(commune).replace(' ', '')}.{slot}@{EMAIL_DOMAIN}"


def demo_cadre(commune: str, slot: str) -> str:
	return frappe.db.get_value("Cadre", {"user": demo_user(commune, slot)})


# (assignee slot, assigner slot, plan row index, title, start, due, status, completed_on, quality, progress %,
#  product of the catalogue, quantity)
CADRE_TASKS = [
	(
		"xdd1",
		"xdd",
		2,
		"Tổng hợp kết quả kiểm tra thực hiện Chỉ thị tại các chi bộ tháng 10/2026",
		"2026-10-01",
		"2026-10-20",
		"Completed",
		"2026-10-18",
		"Passed",
		None,
		"Báo cáo định kỳ (tháng, quý, 6 tháng)",
		1,
	),
	(
		"xdd1",
		"xdd",
		2,
		"Đôn đốc các chi bộ báo cáo kết quả thực hiện Chỉ thị tháng 11/2026",
		"2026-11-01",
		"2026-11-20",
		"In Progress",
		None,
		None,
		60,
		"Công văn, thông báo",
		3,
	),
	(
		"xdd2",
		"xdd",
		2,
		"Kiểm tra đột xuất việc chấp hành giờ giấc làm việc tại UBND xã",
		"2026-10-05",
		"2026-10-31",
		"Completed",
		"2026-11-03",
		"Passed",
		None,
		"Cuộc kiểm tra, giám sát",
		1,
	),
	(
		"xdd2",
		"xdd",
		2,
		"Xây dựng báo cáo sơ kết công tác kiểm tra, giám sát tháng 11/2026",
		"2026-11-10",
		"2026-11-30",
		"Open",
		None,
		None,
		None,
		"Báo cáo chuyên đề, sơ kết, tổng kết",
		1,
	),
	(
		"vp1",
		"vp",
		3,
		"Dự thảo báo cáo kết quả thực hiện Chỉ thị số 24-CT/TU năm 2026",
		"2026-11-01",
		"2026-11-25",
		"Completed",
		"2026-11-24",
		"Passed",
		None,
		"Báo cáo chuyên đề, sơ kết, tổng kết",
		1,
	),
	(
		"ub1",
		"vp",
		4,
		"Cập nhật kết quả đánh giá hằng tháng tháng 10/2026 trên phần mềm",
		"2026-10-01",
		"2026-10-10",
		"Completed",
		"2026-10-09",
		"Failed",
		None,
		"Báo cáo định kỳ (tháng, quý, 6 tháng)",
		1,
	),
	(
		"ub1",
		"vp",
		4,
		"Rà soát hồ sơ thủ tục hành chính quá hạn tháng 11/2026",
		"2026-11-01",
		"2026-11-15",
		"Completed",
		"2026-11-20",
		"Not Assessed",
		None,
		"Xử lý đơn thư, hồ sơ",
		5,
	),
]


def load_cadre_tasks(commune: str, plan: str):
	"""The unit heads break their units' tasks down to cadres (parent_task)."""
	plan_doc = frappe.get_doc("Unit Plan", plan)
	for task in CADRE_TASKS:
		slot, assigner, row_idx, title, start, due, status, completed_on, quality, progress, product, qty = (
			task
		)
		row = plan_doc.tasks[row_idx - 1]
		parent_task = frappe.db.get_value("Assigned Task", {"plan_task_row": row.name})
		values = {
			"organization_unit": row.lead_unit,
			"assigned_by": demo_cadre(commune, assigner),
			"parent_task": parent_task,
			"unit_plan": plan,
			"start_date": getdate(start),
			"due_date": getdate(due),
			"status": status,
			"completed_on": getdate(completed_on) if completed_on else None,
			"quality_result": quality or "Not Assessed",
			"work_product_type": product_named(product),
			"product_quantity": qty,
		}
		if progress:
			values["updates"] = [
				{
					"update_date": getdate(start),
					"percent": progress,
					"note": "Đã đôn đốc một phần các chi bộ",
					"updated_by": demo_cadre(commune, slot),
				}
			]
		ensure("Assigned Task", {"title": title, "assignee": demo_cadre(commune, slot)}, values)


# A scheme asked more time for before its due date and granted; a report whose request awaits the
# head; the surprise check done three days late, its objective cause confirmed by the board's head.
# Dates of the requests follow the day the demo is loaded: an extension is asked before the due date.
EXTENSION_TASKS = [
	# (assignee, assigner, unit, title, product, quantity, due in days, asked for in days, reason, granted)
	(
		"xdd1",
		"xdd",
		"Ban Xây dựng Đảng xã {}",
		"Xây dựng đề án nâng cao chất lượng sinh hoạt chi bộ gắn với thực hiện Chỉ thị",
		"Đề án, dự thảo nghị quyết",
		1,
		7,
		21,
		"Chờ ý kiến góp ý của các chi bộ thôn theo Hướng dẫn của Ban Tổ chức Thành ủy",
		True,
	),
	(
		"vp1",
		"vp",
		"Văn phòng Đảng ủy xã {}",
		"Tổng hợp báo cáo tháng 12/2026 về thực hiện Chỉ thị số 24-CT/TU",
		"Báo cáo định kỳ (tháng, quý, 6 tháng)",
		1,
		5,
		12,
		"Các chi bộ chưa gửi đủ số liệu; đề nghị lùi thời hạn một tuần",
		False,
	),
]
OBJECTIVE_CAUSE = (
	"xdd2",
	"xdd",
	"Kiểm tra đột xuất việc chấp hành giờ giấc làm việc tại UBND xã",
	"Đoàn kiểm tra hoãn theo yêu cầu của Thường trực Đảng ủy để phục vụ công tác phòng chống bão số 5",
	"Việc hoãn kiểm tra theo chỉ đạo của Thường trực Đảng ủy (Thông báo số 112-TB/ĐU); không do lỗi của cán bộ",
)


def load_extensions_and_objective_cause(commune: str, plan: str):
	from soson_discipline.campaign.objective_cause import decide_objective_cause, request_objective_cause

	user = frappe.session.user
	try:
		for task_row in EXTENSION_TASKS:
			slot, assigner, unit, title, product, qty, due_in, asked_in, reason, granted = task_row
			if frappe.db.exists("Assigned Task", {"title": title, "assignee": demo_cadre(commune, slot)}):
				continue
			task = ensure(
				"Assigned Task",
				{"title": title, "assignee": demo_cadre(commune, slot)},
				{
					"organization_unit": unit.format(commune),
					"assigned_by": demo_cadre(commune, assigner),
					"unit_plan": plan,
					"start_date": getdate(add_days(today(), -10)),
					"due_date": getdate(add_days(today(), due_in)),
					"work_product_type": product_named(product),
					"product_quantity": qty,
				},
			)
			frappe.set_user(demo_user(commune, slot))
			request = ensure(
				"Task Extension Request",
				{"assigned_task": task},
				{"requested_due_date": getdate(add_days(today(), asked_in)), "reason": reason},
			)
			if granted:
				frappe.set_user(demo_user(commune, assigner))
				apply_workflow(frappe.get_doc("Task Extension Request", request), "Approve")
		slot, head, title, claim, confirmation = OBJECTIVE_CAUSE
		task = frappe.db.get_value("Assigned Task", {"title": title, "assignee": demo_cadre(commune, slot)})
		if task and not frappe.db.get_value("Assigned Task", task, "objective_cause_requested"):
			frappe.set_user(demo_user(commune, slot))
			request_objective_cause(task, claim)
			frappe.set_user(demo_user(commune, head))
			decide_objective_cause(task, 1, confirmation)
	finally:
		frappe.set_user(user)


# The commune's document-management system (Decree 335/2025 Art. 26), registered as an Integration
# Source: it pushes the tasks that incoming documents assign (soson_discipline.api.tasks); the second
# document's deadline was later moved by a new document, which the task's history keeps.
DOCUMENT_SYSTEM = ("QLVB-SOCSON", "Hệ thống quản lý văn bản và điều hành xã {}", "qlvb.socson")
INCOMING_DOCUMENTS = [
	# (reference, number, issuing body, title, unit, assignee, product, issued days ago, due in days,
	#  moved to days or None)
	(
		"VB-DEN-2026-0412",
		"412/UBND-VP",
		"UBND xã {}",
		"Rà soát, báo cáo việc chấp hành thời gian làm việc tại bộ phận một cửa",
		"Văn phòng Đảng ủy xã {}",
		"vp1",
		"Báo cáo chuyên đề, sơ kết, tổng kết",
		3,
		12,
		None,
	),
	(
		"VB-DEN-2026-0431",
		"88-CV/BTCHU",
		"Ban Tổ chức Huyện ủy",
		"Tổng hợp danh sách cán bộ đề nghị điều chỉnh vị trí việc làm sau sắp xếp",
		"Ban Xây dựng Đảng xã {}",
		"xdd2",
		"Báo cáo chuyên đề, sơ kết, tổng kết",
		2,
		6,
		16,
	),
]


def load_document_system(commune: str):
	from soson_discipline.integrations.documents import upsert

	code, name, login = DOCUMENT_SYSTEM
	email = f"{login}@{EMAIL_DOMAIN}"
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": name.format(commune),
				"language": "vi",
				"send_welcome_email": 0,
				"user_type": "Website User",
			}
		)
		user.flags.no_welcome_mail = True
		with without_signup_throttle():
			user.insert(ignore_permissions=True)
		log_created("User", email)
	ensure(
		"Integration Source",
		{"system_code": code},
		{
			"system_name": name.format(commune),
			"api_user": email,
			"people_identified_by": "User Email",
			"units": [{"organization_unit": f"Đảng ủy xã {commune}"}],
			"description": "Ví dụ: hệ thống của xã gửi các văn bản đến có giao nhiệm vụ, kèm thời hạn.",
		},
	)
	previous = frappe.session.user
	frappe.set_user(email)
	try:
		for reference, number, body, title, unit, slot, product, issued, due, moved in INCOMING_DOCUMENTS:
			document = {
				"external_reference": reference,
				"document_number": number,
				"document_date": str(add_days(today(), -issued)),
				"issuing_body": body.format(commune),
				"title": title,
				"organization_unit": unit.format(commune),
				"assignee": demo_user(commune, slot),
				"start_date": str(add_days(today(), -issued)),
				"due_date": str(add_days(today(), due)),
				"work_product_type": product_named(product),
				"product_quantity": 1,
			}
			exists = frappe.db.exists(
				"Assigned Task", {"external_system": code, "external_reference": reference}
			)
			if not exists:
				log_created("Assigned Task", upsert(document)["task"])
			if moved:
				upsert(
					{
						**document,
						"due_date": str(add_days(today(), moved)),
						"deadline_change_reason": "Ban Tổ chức Huyện ủy gia hạn theo Công văn số 95-CV/BTCHU",
					}
				)
	finally:
		frappe.set_user(previous)


def load_sessions(directive: str, plan_154: str, commune_plans: dict):
	ensure(
		"Dissemination Session",
		{
			"subject": "Hội nghị quán triệt Chỉ thị số 24-CT/TU toàn huyện",
			"organization_unit": "Huyện ủy Sóc Sơn",
		},
		{
			"session_date": getdate("2023-09-14"),
			"form": "Conference",
			"directive": directive,
			"unit_plan": plan_154,
			"location": "Hội trường Huyện ủy Sóc Sơn",
			"audiences": [
				{"audience_group": "Cadres", "expected": 180, "attended": 176},
				{"audience_group": "Party Members", "expected": 320, "attended": 305},
				{"audience_group": "Civil Servants", "expected": 150, "attended": 143},
			],
		},
	)
	sessions = [
		(
			"Sóc Sơn",
			"2025-09-10",
			"Study Group",
			[("Party Members", 250, 238), ("Civil Servants", 45, 45), ("Workers", 20, 17)],
		),
		(
			"Trung Giã",
			"2025-09-12",
			"Online Conference",
			[("Party Members", 210, 190), ("Civil Servants", 40, 38), ("Public Employees", 60, 51)],
		),
		("Đa Phúc", "2025-09-18", "Conference", [("Party Members", 180, 171), ("Civil Servants", 38, 36)]),
	]
	for commune, date, form, audiences in sessions:
		ensure(
			"Dissemination Session",
			{
				"subject": f"Quán triệt Chỉ thị số 24-CT/TU tại xã {commune}",
				"organization_unit": f"Đảng ủy xã {commune}",
			},
			{
				"session_date": getdate(date),
				"form": form,
				"directive": directive,
				"unit_plan": commune_plans.get(commune),
				"chaired_by": demo_cadre(commune, "bt"),
				"location": f"Hội trường Đảng ủy xã {commune}",
				"audiences": [{"audience_group": g, "expected": e, "attended": a} for g, e, a in audiences],
			},
		)
