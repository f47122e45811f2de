"""Demo result announcement (issue 29): the Party-Building Board of Sóc Sơn commune, whose October 2026
evaluations are all approved, announces them as its head does in the desk; its cadres then read the
levels (and are told), and the announcement prints as the board's official notice."""

import frappe

from soson_discipline.demo.registry import log_created
from soson_discipline.demo.violations import as_user
from soson_discipline.evaluation.announcements import ANNOUNCEMENT, KIND_MONTH
from soson_discipline.org import get_cadre_user

UNIT = "Ban Xây dựng Đảng xã Sóc Sơn"
MONTH = "2026-10-01"
BASIS = "Biên bản họp Ban Xây dựng Đảng xã Sóc Sơn ngày 12/11/2026 xem xét kết quả đánh giá tháng 10/2026"


def load():
	if not frappe.db.exists("Organization Unit", UNIT):
		return
	if frappe.db.exists(
		ANNOUNCEMENT, {"organization_unit": UNIT, "period_start": MONTH, "docstatus": ("<", 2)}
	):
		return
	period = frappe.db.get_value(
		"Cadre Evaluation",
		{"organization_unit": UNIT, "period_start": MONTH, "docstatus": 1},
		"evaluation_period",
	)
	head_user = get_cadre_user(frappe.db.get_value("Organization Unit", UNIT, "head_cadre"))
	if not (period and head_user):
		return
	values = {
		"doctype": ANNOUNCEMENT,
		"organization_unit": UNIT,
		"kind": KIND_MONTH,
		"evaluation_period": period,
		"document_number": "05-TB/BXDĐ",
		"meeting_reference": BASIS,
	}
	# announced only when the whole month is approved, as in the desk
	if frappe.db.exists(
		"Cadre Evaluation", {"organization_unit": UNIT, "period_start": MONTH, "docstatus": 0}
	):
		return

	def announce():
		doc = frappe.get_doc(values).insert()
		doc.submit()
		return doc.name

	log_created(ANNOUNCEMENT, as_user(head_user, announce))
