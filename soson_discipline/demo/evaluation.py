"""Demo evaluations: October and November 2026 for the demo cadres, driven through the workflow by
the real people (the cadre self-assesses, the rater rates, the unit head or the Standing Committee
approves). October is nearly all approved; November is in progress: some approved, some rated,
some self-assessed, the rest still in draft. The year's classifications are under way (1 December,
before the 15 December deadline): every cadre's is drafted, a third proposed by the unit head, and
some of those approved by the Standing Committee, within the quota."""

import zlib

import frappe
from frappe.model.workflow import apply_workflow

from soson_discipline.demo.registry import created, ensure, log_created
from soson_discipline.evaluation.classification import (
	CLASSIFICATION,
	QuotaExceededError,
	cadres_to_classify,
	make_classifications,
)
from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.evaluation.inputs import get_policy_for_date
from soson_discipline.evaluation.step_rights import HeadBeforeUnitError
from soson_discipline.org import get_approver_users
from soson_discipline.scoring.periods import month_bounds

MONTHS = ("2026-10-15", "2026-11-15")
# November: how far each evaluation goes, by the cadre's position in the list.
NOVEMBER_STEPS = ("Approved", "Rated", "Self-Assessed", "Draft")
COMMENTS = {
	"Approved": "Hoàn thành đầy đủ, đúng hạn các nhiệm vụ được giao.",
	"Rated": "Cần chủ động hơn trong tham mưu.",
}
# the cadre's justification on the first criterion, written with the self-assessment
JUSTIFICATION = "Hoàn thành các việc được giao trong tháng; một báo cáo nộp chậm do chờ số liệu của xã."


def load():
	cadres = [name for _, name in created("Cadre")]
	if not cadres:
		return
	record_leave(cadres)
	for index, month in enumerate(MONTHS):
		period = make_period(month)
		if not period:
			continue
		new = generate_evaluations(period, commit=False, only_cadres=cadres)
		for name in new:
			log_created("Cadre Evaluation", name)
		targets = {
			name: "Approved" if index == 0 else NOVEMBER_STEPS[i % len(NOVEMBER_STEPS)]
			for i, name in enumerate(sorted(new))
		}
		# heads last, after their units (the order of Regulation 366); a head whose unit is still
		# pending stays rated, as in an office
		heads = set(
			frappe.get_all("Organization Unit", filters={"head_cadre": ("is", "set")}, pluck="head_cadre")
		)
		for name in sorted(
			new, key=lambda n: (frappe.db.get_value("Cadre Evaluation", n, "cadre") in heads, n)
		):
			drive(name, targets[name])
	load_classifications(cadres)


def record_leave(cadres: list[str]):
	"""One cadre on maternity leave from October: her months are marked on leave and her year is
	classified on the months she worked (Decree 335/2025, timing article cl. 3)."""
	heads = set(
		frappe.get_all("Organization Unit", filters={"head_cadre": ("is", "set")}, pluck="head_cadre")
	)
	active = set(frappe.get_all("Cadre", filters={"name": ("in", cadres), "status": "Active"}, pluck="name"))
	staff = [c for c in cadres if c in active and c not in heads]
	# a woman's name (Vietnamese: "Thị"), for maternity leave
	names = dict(
		frappe.get_all("Cadre", filters={"name": ("in", staff)}, fields=["name", "full_name"], as_list=True)
	)
	staff = [c for c in staff if " Thị " in (names.get(c) or "")] or staff
	if not staff:
		return
	ensure(
		"Cadre Leave",
		{"cadre": staff[-1], "from_date": "2026-10-01"},
		{
			"leave_type": "Maternity Leave",
			"to_date": "2026-12-31",
			"reason": "Nghỉ chế độ thai sản (dữ liệu mẫu)",
		},
		submit=True,
	)


CLASSIFICATION_YEAR = 2026
BOARD_USER = "tv.hung@demo.soson.vn"


def load_classifications(cadres: list[str]):
	"""The year's classifications of the demo cadres: drafted; every third proposed by the head of
	its unit; every sixth then approved by the board, unless the pool's quota is full."""
	todo = set(cadres_to_classify("Year", CLASSIFICATION_YEAR, None)) & set(cadres)
	if not todo:
		return
	before = set(frappe.get_all(CLASSIFICATION, pluck="name"))
	make_classifications("Year", CLASSIFICATION_YEAR, None, sorted(todo))
	new = sorted(set(frappe.get_all(CLASSIFICATION, pluck="name")) - before)
	for name in new:
		log_created(CLASSIFICATION, name)
	for i, name in enumerate(new):
		if i % 3:
			continue
		doc = frappe.get_doc(CLASSIFICATION, name)
		heads = [u for u in get_approver_users(doc.organization_unit, False) if u != doc.cadre_user]
		if not heads:
			continue
		step(heads[0], name, "Submit for Approval")
		if i % 6 == 0 and doc.cadre_user != BOARD_USER and frappe.db.exists("User", BOARD_USER):
			try:
				step(BOARD_USER, name, "Approve")
			except QuotaExceededError:
				frappe.clear_messages()  # the pool is full: it stays pending, as in an office


def step(user: str, name: str, action: str):
	current = frappe.session.user
	frappe.set_user(user)
	try:
		apply_workflow(frappe.get_doc(CLASSIFICATION, name), action)
	finally:
		frappe.set_user(current)


def make_period(day: str) -> str | None:
	policy = get_policy_for_date(day)
	if not policy:
		return None
	start, end = month_bounds(frappe.utils.getdate(day))
	return ensure(
		"Evaluation Period",
		{"evaluation_policy": policy, "period_start": start},
		{"period_end": end, "status": "Open"},
	)


def score(name: str, criterion: str, max_points: float) -> float:
	"""A stable score between half and all of the criterion's points."""
	share = 0.5 + (zlib.crc32(f"{name}{criterion}".encode()) % 51) / 100
	return round(max_points * share)


def drive(name: str, target: str):
	"""Take an evaluation from Draft as far as `target`, each step as the person who takes it."""
	if target == "Draft":
		return
	doc = frappe.get_doc("Cadre Evaluation", name)
	if not doc.cadre_user or not doc.rater_user and target != "Self-Assessed":
		target = "Self-Assessed" if doc.cadre_user else "Draft"
	if target == "Draft":
		return
	steps = [("Self-Assess", doc.cadre_user, "self_score", 0)]
	if target in ("Rated", "Approved"):
		steps.append(("Rate Evaluation", doc.rater_user, "rater_score", -1))
	if target == "Approved":
		approvers = [
			u for u in get_approver_users(doc.organization_unit, doc.is_leader) if u != doc.cadre_user
		]
		if approvers:  # without an approver other than the cadre, it stays Rated
			steps.append(("Approve", approvers[0], None, 0))
	for action, user, column, adjust in steps:
		try:
			as_user(user, name, action, column, adjust, target)
		except HeadBeforeUnitError:
			frappe.clear_messages()  # a head before his unit: it stays rated
			return


def as_user(user: str, name: str, action: str, column: str | None, adjust: int, target: str):
	current = frappe.session.user
	frappe.set_user(user)
	try:
		doc = frappe.get_doc("Cadre Evaluation", name)
		if column:
			for row in doc.manual_rows():  # what people score (task rows too in a month without tasks)
				row.set(
					column, max(0, min(row.max_points, score(name, row.criterion, row.max_points) + adjust))
				)
			if action == "Self-Assess" and COMMENTS.get(target):
				doc.scores[0].self_note = JUSTIFICATION
			if action == "Rate Evaluation" and COMMENTS.get(target):
				doc.scores[0].rater_note = COMMENTS[target]
			doc.save()
		apply_workflow(doc, action)
	finally:
		frappe.set_user(current)
