"""Demo collectives' classifications for the year (issue 29).

Every staffed unit gets its draft for the year the demo is loaded in, worked out from the demo's tasks,
violations and year results as a save works it out. The two communes' Party Building Boards are
proposed by their heads (general criteria with an assessment); Trung Giã's is approved by the commune's
secretary, the level above it, so a head's year held to his unit can be seen.
"""

import frappe
from frappe.utils import getdate, today

from soson_discipline.demo.organisation import EMAIL_DOMAIN
from soson_discipline.demo.registry import ensure
from soson_discipline.evaluation.unit_classification import UNIT_CLASSIFICATION, units_to_classify

PROPOSALS = (
	# (unit, its head's login, general criteria points, assessment, approver's login or None)
	(
		"Ban Xây dựng Đảng xã Sóc Sơn",
		"socson.xdd",
		26,
		"Tập thể đoàn kết, chấp hành nghiêm kỷ luật, kỷ cương; chủ động tham mưu triển khai Chỉ thị 24.",
		None,
	),
	(
		"Ban Xây dựng Đảng xã Trung Giã",
		"trunggia.xdd",
		27,
		"Đoàn kết, thống nhất; tham mưu kịp thời; còn một số nhiệm vụ chậm tiến độ.",
		"trunggia.bt",
	),
)


def load():
	year = getdate(today()).year
	for unit in units_to_classify(year):
		ensure(UNIT_CLASSIFICATION, {"organization_unit": unit, "year": year})
	for unit, proposer, points, assessment, approver in PROPOSALS:
		name = frappe.db.get_value(
			UNIT_CLASSIFICATION, {"organization_unit": unit, "year": year, "docstatus": 0}
		)
		if not name:
			continue
		as_person(
			proposer,
			lambda name=name, points=points, assessment=assessment: propose(name, points, assessment),
		)
		if approver:
			as_person(approver, lambda name=name: frappe.get_doc(UNIT_CLASSIFICATION, name).submit())


def propose(name: str, points: float, assessment: str) -> None:
	doc = frappe.get_doc(UNIT_CLASSIFICATION, name)
	doc.update({"general_points": points, "general_assessment": assessment})
	doc.save()


def as_person(login: str, fn) -> None:
	"""`fn()` as the demo person `login` (his or her step is recorded as his or hers)."""
	user = f"{login}@{EMAIL_DOMAIN}"
	if not frappe.db.exists("User", user):
		return
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		fn()
	finally:
		frappe.set_user(previous)
