"""Demo early warnings (issue 28): a short history before the October 2026 demo month in which each of
the seven signals holds, the nightly job run for 1 November 2026, and the warnings handled as people
would handle them (one acknowledged by the unit head, one acted on by an urging of the presiding
board, one closed with a note; the rest new).

On 1 November the evaluations of October are still being approved (due on the 10th): the evaluation
signals read the months up to September, the task and report signals the months up to October. So
the history is:

- July to September 2026 of two Party-Building Boards, recorded as an office imports its past months
  (approved, in finalized periods): in Nội Bài the head rated excellent while his two cadres slip, one
  of them not completed in August and September; in Kim Anh all three rated "completed well" each
  month (*cào bằng*);
- the completed tasks of Trung Giã's Party-Building Board from July to October: its on-time share falls
  each month, and one cadre's products are late in August and September as in the campaign's October;
- two verified records of the same category (slow handling of citizens' files) on a Trung Giã civil
  servant in June and September, before the November inspection finds it again.

The lead units late to report or to disseminate are the campaign's own (no report or session of
their own in September and October). Nothing of October or November already in the demo is changed.
Names are fictional; the figures are illustrations.
"""

import frappe
from frappe.utils import add_months, cint, get_datetime, getdate

from soson_discipline.demo.campaign import DIRECTIVE, demo_cadre, product_named
from soson_discipline.demo.evaluation import load_classifications
from soson_discipline.demo.organisation import ascii_slug
from soson_discipline.demo.registry import created, ensure, log_created
from soson_discipline.demo.violations import as_user, cadre_of, load_record, user
from soson_discipline.early_warning.detection import raise_warnings
from soson_discipline.evaluation.inputs import (
	build_score_rows,
	evaluation_key,
	get_policy_criteria,
	get_policy_for_date,
	get_scoring_policy,
)
from soson_discipline.evaluation.year_results import write_results
from soson_discipline.org import get_approver_users
from soson_discipline.scoring import signals
from soson_discipline.scoring.periods import month_bounds
from soson_discipline.states import PERIOD_FINALIZED, WARNING_CLOSED, WARNING_NEW

DEMO_DAY = "2026-11-01"
WARNING = "Discipline Warning"
SETTINGS = "Discipline Settings"
BOARD = "lm.tuan"  # Discipline Administrator of the presiding Organisation Board
HISTORY_MONTHS = ("2026-07-01", "2026-08-01", "2026-09-01")

# Approved months, July to September: commune → slot → (rated totals, self-assessed totals, the
# rater's note). Party-Building Board of Nội Bài: the head excellent each month while the average of
# his two cadres falls (73, 61, 56) and one of them is not completed in August and September; of Kim
# Anh: everyone "completed well" three months running, with the same note (cào bằng).
RATED_HISTORY = {
	"Nội Bài": {
		"xdd": ((93, 92, 94), (95, 95, 96), "Chỉ đạo Ban hoàn thành các nhiệm vụ trọng tâm."),
		"xdd1": (
			(62, 46, 42),
			(70, 60, 58),
			"Nhiều nhiệm vụ chậm tiến độ, chất lượng tham mưu chưa đạt yêu cầu.",
		),
		"xdd2": ((84, 76, 70), (86, 80, 78), "Có việc còn phải nhắc nhở, đôn đốc."),
	},
	"Kim Anh": {
		"xdd": ((82, 81, 83), (85, 84, 85), "Hoàn thành tốt nhiệm vụ được giao."),
		"xdd1": ((80, 80, 81), (83, 82, 84), "Hoàn thành tốt nhiệm vụ được giao."),
		"xdd2": ((79, 81, 80), (82, 84, 82), "Hoàn thành tốt nhiệm vụ được giao."),
	},
}
# When each step of an imported month was taken, in the month after it (day, hour).
STEP_DAYS = {"self_assessed_on": (3, 9), "rated_on": (6, 15), "approved_on": (9, 10)}

# The completed tasks of Trung Giã's Party-Building Board: (assignee slot or None for the board as a
# whole, title, product of the catalogue, quantity, due, completed on). Tasks due, on time: July 5 of
# 5, August 4 of 5, September 3 of 5, October 2 of 5 (the campaign's two and the three below);
# xdd2's inspection is late in August and September as in the campaign's October.
TASK_COMMUNE = "Trung Giã"
TASK_HISTORY = [
	(
		"xdd1",
		"Tổng hợp kết quả kiểm tra thực hiện Chỉ thị tại các chi bộ tháng 7/2026",
		"Báo cáo định kỳ (tháng, quý, 6 tháng)",
		1,
		"2026-07-20",
		"2026-07-17",
	),
	(
		"xdd1",
		"Hướng dẫn các chi bộ tự kiểm tra việc thực hiện Chỉ thị quý III/2026",
		"Văn bản hướng dẫn",
		1,
		"2026-07-15",
		"2026-07-14",
	),
	(
		"xdd2",
		"Báo cáo sơ kết công tác kiểm tra, giám sát 6 tháng đầu năm 2026",
		"Báo cáo chuyên đề, sơ kết, tổng kết",
		1,
		"2026-07-10",
		"2026-07-10",
	),
	(
		"xdd2",
		"Kiểm tra việc chấp hành giờ giấc làm việc tại Văn phòng Đảng ủy xã",
		"Cuộc kiểm tra, giám sát",
		1,
		"2026-07-28",
		"2026-07-27",
	),
	(
		None,
		"Rà soát hồ sơ đảng viên chuyển sinh hoạt sau sắp xếp đơn vị hành chính",
		"Xử lý đơn thư, hồ sơ",
		3,
		"2026-07-31",
		"2026-07-30",
	),
	(
		"xdd1",
		"Tổng hợp kết quả kiểm tra thực hiện Chỉ thị tại các chi bộ tháng 8/2026",
		"Báo cáo định kỳ (tháng, quý, 6 tháng)",
		1,
		"2026-08-20",
		"2026-08-19",
	),
	(
		"xdd1",
		"Thông báo lịch sinh hoạt chuyên đề quý III/2026",
		"Công văn, thông báo",
		2,
		"2026-08-12",
		"2026-08-12",
	),
	(
		"xdd2",
		"Kiểm tra việc tiếp nhận, giải quyết hồ sơ tại bộ phận một cửa UBND xã",
		"Cuộc kiểm tra, giám sát",
		1,
		"2026-08-25",
		"2026-08-31",
	),
	(
		"xdd2",
		"Thông báo kết quả kiểm tra việc chấp hành giờ giấc làm việc",
		"Công văn, thông báo",
		1,
		"2026-08-05",
		"2026-08-05",
	),
	(
		None,
		"Rà soát danh sách cán bộ đề nghị cử đi bồi dưỡng lý luận chính trị",
		"Xử lý đơn thư, hồ sơ",
		2,
		"2026-08-28",
		"2026-08-27",
	),
	(
		"xdd1",
		"Tổng hợp kết quả kiểm tra thực hiện Chỉ thị tại các chi bộ tháng 9/2026",
		"Báo cáo định kỳ (tháng, quý, 6 tháng)",
		1,
		"2026-09-18",
		"2026-09-24",
	),
	(
		"xdd1",
		"Góp ý dự thảo Quy chế làm việc của Đảng ủy xã",
		"Góp ý, thẩm định văn bản",
		1,
		"2026-09-10",
		"2026-09-09",
	),
	(
		"xdd2",
		"Giám sát việc thực hiện kết luận kiểm tra tại chi bộ thôn",
		"Cuộc kiểm tra, giám sát",
		1,
		"2026-09-25",
		"2026-10-02",
	),
	(
		"xdd2",
		"Thông báo kết quả giám sát tháng 8/2026",
		"Công văn, thông báo",
		1,
		"2026-09-08",
		"2026-09-08",
	),
	(
		None,
		"Tổng hợp đề xuất khen thưởng tổ chức đảng 9 tháng đầu năm 2026",
		"Báo cáo định kỳ (tháng, quý, 6 tháng)",
		1,
		"2026-09-30",
		"2026-09-29",
	),
	(
		None,
		"Rà soát hồ sơ đề nghị kết nạp đảng viên đợt 2 năm 2026",
		"Xử lý đơn thư, hồ sơ",
		4,
		"2026-10-15",
		"2026-10-22",
	),
	(
		None,
		"Chuẩn bị nội dung hội nghị sơ kết 9 tháng thực hiện Chỉ thị",
		"Tổ chức hội nghị, lớp quán triệt",
		1,
		"2026-10-10",
		"2026-10-16",
	),
	(
		None,
		"Tổng hợp kết quả đánh giá, xếp loại cán bộ tháng 9/2026",
		"Báo cáo định kỳ (tháng, quý, 6 tháng)",
		1,
		"2026-10-12",
		"2026-10-12",
	),
]

# The same category twice within the year on one civil servant, before the November inspection
# records it a third time (violations.RECORDS): (user key, category code, detected on, description,
# target state, extra).
VIOLATION_HISTORY = [
	(
		"trunggia.ub1",
		"PL-04",
		"2026-06-16",
		"Công dân phản ánh việc trả kết quả 02 hồ sơ đăng ký khai sinh quá hạn 2 ngày làm việc, "
		"không thông báo lý do chậm.",
		"Closed",
		{"source": "Citizen Feedback"},
	),
	(
		"trunggia.ub1",
		"PL-04",
		"2026-09-22",
		"Rà soát của Văn phòng Đảng ủy xã cho thấy 03 hồ sơ chứng thực giải quyết quá hạn từ 1 đến 3 "
		"ngày làm việc.",
		"Verified",
		{"source": "Other"},
	),
]

# Cào bằng is judged on units with at least this many approved evaluations a month (default 5, the
# office's choice). The demo's units have at most three cadres, so the demo office sets 3; `clear`
# puts the default back.
MIN_UNIT_EVALUATIONS_FIELD = signals.SETTING_PREFIX + "min_unit_evaluations"
DEMO_MIN_UNIT_EVALUATIONS = 3

CLOSING_NOTE = (
	"Ban đã nộp báo cáo tháng 10/2026 (số 15-BC/BXDĐ); việc quán triệt Chỉ thị do Đảng ủy xã tổ chức "
	"chung ngày 10/9/2025. Đã nhắc Ban gửi báo cáo đúng kỳ hằng tháng."
)


def load():
	"""Demo step entry point (see `soson_discipline.demo.STEPS`): texts the actions compose (the
	urging) are written in Vietnamese, the language of the demo's users."""
	if not frappe.db.exists("Cadre", {"user": user(BOARD)}):
		return
	lang, frappe.local.lang = frappe.local.lang, "vi"
	try:
		load_evaluation_history()
		load_task_history()
		load_violation_history()
		set_min_unit_evaluations()
		raise_demo_warnings()
		act_on_warnings()
	finally:
		frappe.local.lang = lang


def clear():
	"""Put back the default the demo lowered (its records go with the registry)."""
	if cint(frappe.db.get_single_value(SETTINGS, MIN_UNIT_EVALUATIONS_FIELD)) == DEMO_MIN_UNIT_EVALUATIONS:
		frappe.db.set_single_value(
			SETTINGS, MIN_UNIT_EVALUATIONS_FIELD, signals.Thresholds().min_unit_evaluations
		)


# --------------------------------------------------------------------------------------------------
# July to September: approved months, as imported
# --------------------------------------------------------------------------------------------------


def load_evaluation_history():
	"""The approved months of the two boards, in a finalized period of the policy in force each month;
	then their year's results counted again, as an approval counts them."""
	cadres = set()
	for index, month in enumerate(HISTORY_MONTHS):
		policy_name = get_policy_for_date(month)
		if not policy_name:
			return
		period = history_period(policy_name, getdate(month))
		for commune, people in RATED_HISTORY.items():
			for slot, (rated, assessed, note) in people.items():
				cadre = frappe.db.get_value(
					"Cadre",
					{"user": user(f"{ascii_slug(commune).replace(' ', '')}.{slot}")},
					["name", "full_name", "user", "organization_unit", "is_leader", "rater"],
					as_dict=True,
				)
				if cadre:
					insert_approved_month(period, policy_name, cadre, rated[index], assessed[index], note)
					cadres.add(cadre.name)
	if cadres:
		write_results(getdate(HISTORY_MONTHS[0]).year, sorted(cadres))
		# a cadre the history makes classifiable (one on leave since October, who worked the summer)
		# gets the year's classification the evaluation step gives every cadre: a second load adds none
		load_classifications([name for _doctype, name in created("Cadre")])


def history_period(policy_name: str, month) -> frappe._dict:
	"""The month's period, finalized when the board closed it (on the approval due day)."""
	start, end = month_bounds(month)
	name = ensure(
		"Evaluation Period",
		{"evaluation_policy": policy_name, "period_start": start},
		{"period_end": end, "status": PERIOD_FINALIZED},
	)
	if ["Evaluation Period", name] in created("Evaluation Period"):
		frappe.db.set_value(
			"Evaluation Period",
			name,
			{"finalized_on": step_time(month, (10, 17)), "finalized_by": user(BOARD)},
			update_modified=False,
		)
	return frappe._dict(name=name, period_start=start, period_end=end)


def step_time(month, day_hour: tuple[int, int]):
	"""A day and hour of the month after `month`."""
	after = add_months(getdate(month), 1)
	return get_datetime(f"{after.year}-{after.month:02d}-{day_hour[0]:02d} {day_hour[1]:02d}:00:00")


def insert_approved_month(period, policy_name: str, cadre, rated: int, assessed: int, note: str):
	"""An approved, locked evaluation written as stored data (an office importing its past months
	has the totals and levels, not the month's workflow); its key keeps it once."""
	key = evaluation_key(period.name, cadre.name)
	if frappe.db.exists("Cadre Evaluation", {"evaluation_key": key}):
		return
	policy = get_scoring_policy(policy_name)
	band, self_band = policy.band_for_score(rated), policy.band_for_score(assessed)
	approved_on = step_time(period.period_start, STEP_DAYS["approved_on"])
	approver = approver_of(cadre)
	doc = frappe.get_doc(
		{
			"doctype": "Cadre Evaluation",
			"evaluation_period": period.name,
			"cadre": cadre.name,
			"cadre_name": cadre.full_name,
			"cadre_user": cadre.user,
			"is_leader": cadre.is_leader,
			"organization_unit": cadre.organization_unit,
			"period_start": period.period_start,
			"period_end": period.period_end,
			"evaluation_policy": policy_name,
			"rater": cadre.rater,
			"rater_user": frappe.db.get_value("Cadre", cadre.rater, "user") if cadre.rater else None,
			"approver": approver,
			"self_total": assessed,
			"self_level": self_band.level_code,
			"total_score": rated,
			"computed_level": band.level_code,
			"final_level": band.level_code,
			"final_level_label": band.level_label,
			**{field: step_time(period.period_start, at) for field, at in STEP_DAYS.items()},
			"locked": 1,
			"evaluation_key": key,
			"workflow_state": "Approved",
			"docstatus": 1,
			"creation": approved_on,
			"modified": approved_on,
			"owner": "Administrator",
			"modified_by": "Administrator",
		}
	)
	rows = build_score_rows(doc, get_policy_criteria(policy_name))
	spread(rows, "self_score", assessed)
	spread(rows, "rater_score", rated)
	for row in rows:
		row.final_score = row.rater_score
	rows[0].rater_note = note
	doc.set_new_name()
	doc.set_parent_in_children()
	doc.db_insert()
	for row in rows:
		row.update({"creation": approved_on, "modified": approved_on, "docstatus": 1})
		row.update({"owner": "Administrator", "modified_by": "Administrator"})
		row.db_insert()
	log_created("Cadre Evaluation", doc.name)


def approver_of(cadre) -> str | None:
	"""Who approved the month: the first approver other than the cadre (`org.get_approver_users`)."""
	users = [u for u in get_approver_users(cadre.organization_unit, cadre.is_leader) if u != cadre.user]
	return frappe.db.get_value("Cadre", {"user": users[0]}, "name") if users else None


def spread(rows, field: str, total: int):
	"""Whole points per criterion in proportion to its maximum, adding up to `total`: an imported month
	has its totals, and the form shows them by criterion."""
	scale = sum(row.max_points for row in rows) or 1
	shares = [row.max_points * total / scale for row in rows]
	points = [int(share) for share in shares]
	by_remainder = sorted(range(len(rows)), key=lambda i: points[i] - shares[i])
	for i in by_remainder[: max(0, int(total) - sum(points))]:
		points[i] += 1
	for row, value in zip(rows, points, strict=True):
		row.set(field, min(value, row.max_points))


# --------------------------------------------------------------------------------------------------
# July to October: tasks; June and September: violations
# --------------------------------------------------------------------------------------------------


def load_task_history():
	"""The board's completed tasks, broken down from the commune plan's follow-up task like the
	campaign's own."""
	unit = f"Ban Xây dựng Đảng xã {TASK_COMMUNE}"
	plan = frappe.db.get_value(
		"Unit Plan",
		{"issuing_unit": f"Đảng ủy xã {TASK_COMMUNE}", "docstatus": 1},
		"name",
		order_by="issue_date desc",
	)
	if not plan or not frappe.db.exists("Organization Unit", unit):
		return
	parent_task = follow_up_task(plan, unit)
	for slot, title, product, quantity, due, completed_on in TASK_HISTORY:
		due = getdate(due)
		ensure(
			"Assigned Task",
			{"title": title, "organization_unit": unit},
			{
				"assignee": demo_cadre(TASK_COMMUNE, slot) if slot else None,
				"assigned_by": demo_cadre(TASK_COMMUNE, "xdd"),
				"parent_task": parent_task,
				"unit_plan": plan,
				"start_date": due.replace(day=1),
				"due_date": due,
				"status": "Completed",
				"completed_on": getdate(completed_on),
				"quality_result": "Passed",
				"work_product_type": product_named(product),
				"product_quantity": quantity,
			},
		)


def follow_up_task(plan: str, unit: str) -> str | None:
	"""The plan's standing follow-up task led by `unit` (no due date), the board's tasks' parent."""
	row = frappe.db.get_value(
		"Unit Plan Task",
		{"parent": plan, "parenttype": "Unit Plan", "lead_unit": unit, "due_date": ("is", "not set")},
		"name",
		order_by="idx asc",
	)
	return frappe.db.get_value("Assigned Task", {"plan_task_row": row}, "name") if row else None


def load_violation_history():
	"""Recorded and verified by the presiding board, as the campaign's records are (`violations`)."""
	directive = frappe.db.get_value("Directive", DIRECTIVE, "name")
	if not directive:
		return
	for key, code, detected_on, description, target, extra in VIOLATION_HISTORY:
		load_record(None, directive, key, code, detected_on, False, description, target, extra)


def set_min_unit_evaluations():
	"""Lower the minimum for *cào bằng* to the demo units' size, unless the office chose another."""
	current = cint(frappe.db.get_single_value(SETTINGS, MIN_UNIT_EVALUATIONS_FIELD))
	if current in (0, signals.Thresholds().min_unit_evaluations):
		frappe.db.set_single_value(SETTINGS, MIN_UNIT_EVALUATIONS_FIELD, DEMO_MIN_UNIT_EVALUATIONS)


# --------------------------------------------------------------------------------------------------
# The nightly job of 1 November, and what people did with its warnings
# --------------------------------------------------------------------------------------------------


def raise_demo_warnings():
	"""Run the job for the demo day once: run again, it would raise anew the warnings closed since."""
	if frappe.db.exists(WARNING, {"raised_on": DEMO_DAY}):
		return
	raise_warnings(DEMO_DAY)
	for name in frappe.get_all(
		WARNING, filters={"raised_on": DEMO_DAY}, pluck="name", order_by="creation asc"
	):
		log_created(WARNING, name)


def demo_warning(warning_type: str, **subject) -> frappe._dict | None:
	return frappe.db.get_value(
		WARNING,
		{"warning_type": warning_type, "raised_on": DEMO_DAY, **subject},
		["name", "status", "urging"],
		as_dict=True,
	)


def act_on_warnings():
	"""The head of Nội Bài's board acknowledges the warning about his cadre; the presiding board urges
	Trung Giã's board on its slipping work and closes, with a note, the Sóc Sơn board's late report."""
	acknowledged = demo_warning(signals.NOT_COMPLETED, cadre=cadre_of("noibai.xdd1"))
	if acknowledged and acknowledged.status == WARNING_NEW:
		as_user("noibai.xdd", lambda: frappe.get_doc(WARNING, acknowledged.name).acknowledge())

	urged = demo_warning(signals.UNIT_SLIPPING, organization_unit=f"Ban Xây dựng Đảng xã {TASK_COMMUNE}")
	if urged and not urged.urging and urged.status != WARNING_CLOSED:
		urging = as_user(BOARD, lambda: frappe.get_doc(WARNING, urged.name).create_urging())
		log_created("Urging", urging)

	closed = demo_warning(signals.LATE_REPORTING, organization_unit="Ban Xây dựng Đảng xã Sóc Sơn")
	if closed and closed.status != WARNING_CLOSED:
		as_user(BOARD, lambda: frappe.get_doc(WARNING, closed.name).close(CLOSING_NOTE))
