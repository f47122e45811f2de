"""A demo appeal (issue 29): a civil servant of Sóc Sơn's Party Office appeals her latest approved
month, asking for the level above; the appeal is open, waiting for the heads of the commune, so the
appeal, its card and the evaluation's notice can be seen at once."""

import frappe

from soson_discipline.demo.organisation import EMAIL_DOMAIN
from soson_discipline.demo.registry import log_created
from soson_discipline.evaluation.appeals import APPEAL

APPELLANT = "socson.vp1"
REASONS = (
	"Trong tháng, tôi đã hoàn thành vượt tiến độ hai báo cáo tổng hợp (số 12-BC/VPĐU, 15-BC/VPĐU) nhưng "
	"chưa được tính là vượt yêu cầu; đề nghị xem xét lại mức xếp loại."
)


def load():
	user = f"{APPELLANT}@{EMAIL_DOMAIN}"
	cadre = frappe.db.get_value("Cadre", {"user": user}, "name")
	if not cadre:
		return
	evaluation = frappe.get_all(
		"Cadre Evaluation",
		filters={"cadre": cadre, "docstatus": 1, "appeal": ("is", "not set")},
		order_by="approved_on desc",
		limit=1,
		pluck="name",
	)
	if not evaluation or frappe.db.exists(APPEAL, {"cadre": cadre}):
		return
	policy = frappe.db.get_value("Cadre Evaluation", evaluation[0], "evaluation_policy")
	top = frappe.db.get_value("Evaluation Policy Band", {"parent": policy, "is_top_level": 1}, "level_code")
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		appeal = frappe.get_doc(
			{
				"doctype": APPEAL,
				"cadre": cadre,
				"cadre_evaluation": evaluation[0],
				"requested_level": top,
				"reasons": REASONS,
			}
		).insert()
		appeal.submit()
	finally:
		frappe.set_user(previous)
	log_created(APPEAL, appeal.name)
