"""Factories for the reporting tests: a small tree of units with the period's records.

The underlying records (tasks, sessions, evaluations, violations, inspections) are written straight
to the database with their own naming (`db_insert`): the reporting tests check what the report
compiles from whatever the other areas store, independently of those areas' validations.
"""

import frappe
from frappe.utils import getdate

from soson_discipline.tests.utils import make_cadre, make_unit

ROOT = "RPT Đảng ủy xã Thử nghiệm"
BOARD = "RPT Ban Xây dựng Đảng xã Thử nghiệm"
COMMUNE_B = "RPT UBND xã Thử nghiệm"
OFFICE_B1 = "RPT Văn phòng UBND xã Thử nghiệm"
OTHER = "RPT Đảng ủy xã Khác"

ADMIN = "rpt.admin@example.com"
HEAD_B = "rpt.head.b@example.com"
HEAD_OTHER = "rpt.head.other@example.com"
CADRE_B = "rpt.cadre.b@example.com"


def raw_insert(doctype: str, values: dict, children: dict | None = None) -> str:
	"""Insert a record as stored data, without its controller (names from its own naming rule)."""
	doc = frappe.get_doc({"doctype": doctype, **values})
	for fieldname, rows in (children or {}).items():
		for row in rows:
			doc.append(fieldname, row)
	doc.set_new_name()
	doc.set_parent_in_children()
	doc.db_insert()
	for child in doc.get_all_children():
		child.db_insert()
	return doc.name


def make_tree() -> frappe._dict:
	units = frappe._dict()
	units.root = make_unit(ROOT, unit_kind="Party Committee", abbreviation="ĐU")
	units.board = make_unit(BOARD, parent=units.root, unit_kind="Party Board", abbreviation="BXDĐ")
	units.commune_b = make_unit(
		COMMUNE_B, parent=units.root, unit_kind="People's Committee", abbreviation="UBND"
	)
	units.office_b1 = make_unit(
		OFFICE_B1, parent=units.commune_b, unit_kind="Specialised Department", abbreviation="VP"
	)
	units.other = make_unit(OTHER, unit_kind="Party Committee", abbreviation="ĐU")
	cadres = frappe._dict()
	cadres.admin = make_cadre(
		"RPT Quản trị", units.board, user=ADMIN, roles=["Discipline Administrator", "Cadre"]
	)
	cadres.head_b = make_cadre("RPT Trưởng B", units.commune_b, user=HEAD_B, roles=["Unit Head", "Cadre"])
	cadres.head_other = make_cadre(
		"RPT Trưởng khác", units.other, user=HEAD_OTHER, roles=["Unit Head", "Cadre"]
	)
	cadres.cadre_b = make_cadre(
		"RPT Chuyên viên B", units.office_b1, user=CADRE_B, roles=["Cadre"], rater=cadres.head_b
	)
	return frappe._dict(units=units, cadres=cadres)


def make_period_records(units, cadres, start="2026-10-01", end="2026-10-31") -> None:
	"""Records inside and outside the period, inside and outside the subtrees."""
	start, end = getdate(start), getdate(end)
	before = getdate("2026-09-15")
	tasks = [
		# (unit, status, due, completed_on, is_late)
		(units.board, "Completed", "2026-10-10", "2026-10-08", 0),
		(units.board, "Completed", "2026-10-12", "2026-10-20", 1),
		(units.board, "Overdue", "2026-10-15", None, 1),
		(units.commune_b, "Open", "2026-10-30", None, 0),
		(units.commune_b, "In Progress", "2026-10-25", None, 0),
		(units.office_b1, "Completed", "2026-10-05", "2026-10-05", 0),
		(units.office_b1, "Cancelled", "2026-10-06", None, 0),
		(units.office_b1, "Overdue", "2026-10-02", None, 1),
		(units.commune_b, "Completed", str(before), str(before), 0),  # outside the period
		(units.other, "Completed", "2026-10-10", "2026-10-10", 0),  # outside the subtree
		(units.other, "Overdue", "2026-10-11", None, 1),
	]
	for i, (unit, status, due, done, late) in enumerate(tasks):
		raw_insert(
			"Assigned Task",
			{
				"title": f"RPT task {i}",
				"organization_unit": unit,
				"status": status,
				"start_date": getdate("2026-09-01"),
				"due_date": getdate(due),
				"completed_on": getdate(done) if done else None,
				"is_late": late,
				"weight": 1,
			},
		)
	sessions = [
		(units.root, "2026-10-03", [("Party Members", 40, 38), ("Cadres", 10, 10)]),
		(units.office_b1, "2026-10-20", [("Civil Servants", 12, 9)]),
		(units.commune_b, "2026-09-20", [("Civil Servants", 30, 30)]),  # outside the period
		(units.other, "2026-10-04", [("Party Members", 50, 45)]),  # outside the subtree
	]
	for i, (unit, day, audiences) in enumerate(sessions):
		raw_insert(
			"Dissemination Session",
			{
				"subject": f"RPT session {i}",
				"organization_unit": unit,
				"session_date": getdate(day),
				"form": "Conference",
			},
			{"audiences": [{"audience_group": g, "expected": e, "attended": a} for g, e, a in audiences]},
		)
	category = frappe.db.get_value("Violation Category", {"code": "RPT-1"}) or raw_insert(
		"Violation Category",
		{
			"category_name": "RPT Đi muộn về sớm",
			"code": "RPT-1",
			"default_severity": "Low",
			"default_deduction": 2,
		},
	)
	category_2 = frappe.db.get_value("Violation Category", {"code": "RPT-2"}) or raw_insert(
		"Violation Category",
		{
			"category_name": "RPT Sử dụng điện thoại trong cuộc họp",
			"code": "RPT-2",
			"default_severity": "Low",
		},
	)
	violations = [
		# (unit, category, state, outcome, detected_on, docstatus)
		(units.board, category, "Verified", "None", "2026-10-05", 0),
		(units.commune_b, category, "Closed", "Reminder", "2026-10-06", 1),
		(units.office_b1, category_2, "Correction Required", "None", "2026-10-07", 0),
		(units.office_b1, category_2, "Dismissed", "None", "2026-10-08", 0),
		(units.office_b1, category, "Reported", "None", "2026-10-09", 0),
		(units.commune_b, category, "Closed", "None", str(before), 1),  # outside the period
		(units.other, category, "Verified", "None", "2026-10-05", 0),  # outside the subtree
	]
	for unit, cat, state, outcome, day, docstatus in violations:
		raw_insert(
			"Violation Record",
			{
				"cadre": cadres.cadre_b,
				"organization_unit": unit,
				"violation_category": cat,
				"workflow_state": state,
				"discipline_outcome": outcome,
				"detected_on": getdate(day),
				"detection_source": "Inspection",
				"description": "RPT",
				"docstatus": docstatus,
			},
		)
	inspections = [
		(units.board, [units.commune_b], "2026-10-14", 1, "Completed"),
		(units.other, [units.office_b1], "2026-10-16", 0, "Completed"),  # by another unit, on the subtree
		(units.board, [units.office_b1], "2026-10-28", 0, "Planned"),  # not held
		(units.other, [units.other], "2026-10-16", 0, "Completed"),  # outside the subtree
	]
	for i, (unit, targets, day, surprise, status) in enumerate(inspections):
		raw_insert(
			"Inspection",
			{
				"title": f"RPT inspection {i}",
				"inspection_type": "Inspection",
				"inspecting_unit": unit,
				"inspection_date": getdate(day),
				"is_surprise": surprise,
				"status": status,
			},
			{"target_units": [{"organization_unit": t} for t in targets]},
		)
	period = raw_insert(
		"Evaluation Period",
		{
			"title": "RPT 10/2026",
			"evaluation_policy": "",
			"period_type": "Monthly",
			"period_start": start,
			"period_end": end,
			"status": "Approval",
		},
	)
	evaluations = [
		(cadres.head_b, units.commune_b, "B", "Hoàn thành tốt nhiệm vụ", 1),
		(cadres.cadre_b, units.office_b1, "A", "Hoàn thành xuất sắc nhiệm vụ", 1),
		(cadres.admin, units.board, "", "", 0),
		(cadres.head_other, units.other, "A", "Hoàn thành xuất sắc nhiệm vụ", 1),  # outside the subtree
	]
	for cadre, unit, level, label, docstatus in evaluations:
		raw_insert(
			"Cadre Evaluation",
			{
				"evaluation_period": period,
				"cadre": cadre,
				"organization_unit": unit,
				"final_level": level,
				"final_level_label": label,
				"docstatus": docstatus,
				"workflow_state": "Approved" if docstatus else "Draft",
				"evaluation_key": f"{period}:{cadre}",
			},
		)
