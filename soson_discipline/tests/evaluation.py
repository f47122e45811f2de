"""Factories for the evaluation tests: a small organisation, a policy of its own and helpers that
drive an evaluation through its workflow as the real people involved."""

import frappe
from frappe.model.workflow import apply_workflow

from soson_discipline.tests.utils import make_cadre, make_unit

POLICY = "CE Test Policy"
DOMAIN = "ce.test"


def make_policy(
	name: str = POLICY, effective_from="2040-01-01", quota_percent=30, no_task_rule="Full Points"
) -> str:
	"""A Hanoi-like test policy (2 manual general criteria + violations + task results; A/B/C/D).

	Most tests give a month without tasks full task points, so that the manual scores they enter
	decide the level; the rater-scored rule of the shipped policies has its own test."""
	if frappe.db.exists("Evaluation Policy", name):
		return name
	doc = frappe.get_doc(
		{
			"doctype": "Evaluation Policy",
			"policy_name": name,
			"period_type": "Monthly",
			# disabled: never picked as the policy in force (the shipped ones are), still usable by periods
			"disabled": 1,
			"effective_from": effective_from,
			"quota_percent": quota_percent,
			"quota_base": "All Rated",
			"late_penalty_percent": 25,
			"failed_penalty_percent": 25,
			"not_completed_on_discipline": 1,
			"task_result_method": "Separate Criteria",
			"no_task_rule": no_task_rule,
			"criteria": [
				{
					"criterion": "Ethics",
					"criterion_group": "General",
					"max_points": 10,
					"source": "Violations",
				},
				{
					"criterion": "Competence",
					"criterion_group": "General",
					"max_points": 10,
					"source": "Manual",
				},
				{
					"criterion": "Initiative",
					"criterion_group": "General",
					"max_points": 10,
					"source": "Manual",
				},
				{
					"criterion": "Quantity",
					"criterion_group": "Task Results",
					"max_points": 30,
					"source": "Task Quantity",
				},
				{
					"criterion": "Quality",
					"criterion_group": "Task Results",
					"max_points": 20,
					"source": "Task Quality",
				},
				{
					"criterion": "Progress",
					"criterion_group": "Task Results",
					"max_points": 20,
					"source": "Task Progress",
				},
			],
			"bands": [
				{"level_code": "A", "level_label": "Excellent", "min_score": 90, "is_top_level": 1},
				{"level_code": "B", "level_label": "Good", "min_score": 70, "is_good_level": 1},
				{"level_code": "C", "level_label": "Completed", "min_score": 50},
				{
					"level_code": "D",
					"level_label": "Not Completed",
					"min_score": 0,
					"is_not_completed_level": 1,
				},
			],
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def make_period(start: str, end: str, policy: str = POLICY) -> str:
	name = frappe.db.get_value("Evaluation Period", {"evaluation_policy": policy, "period_start": start})
	if name:
		return name
	doc = frappe.get_doc(
		{
			"doctype": "Evaluation Period",
			"evaluation_policy": policy,
			"period_start": start,
			"period_end": end,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def make_organisation() -> frappe._dict:
	"""Committee (head, a leader, rated by the Standing Committee member) > Board A (rater + 4
	cadres) and Board B (rater + 1 cadre). Returns cadre names and user emails by key."""
	root = make_unit("CE Test Committee", abbreviation="CETC")
	board_a = make_unit("CE Test Board A", parent=root, abbreviation="CETA", unit_kind="Party Board")
	board_b = make_unit("CE Test Board B", parent=root, abbreviation="CETB", unit_kind="Party Board")
	o = frappe._dict(root=root, board_a=board_a, board_b=board_b, cadre={}, user={})

	def add(key, full_name, unit, roles, rater=None, **kw):
		user = f"{key}@{DOMAIN}"
		o.cadre[key] = make_cadre(full_name, unit, user=user, roles=roles, rater=o.cadre.get(rater), **kw)
		o.user[key] = user

	add("sc", "CE Thường vụ", root, ["Standing Committee", "Cadre"], is_leader=1)
	add("head", "CE Bí thư", root, ["Unit Head", "Rater", "Cadre"], rater="sc", is_leader=1)
	add("ratera", "CE Trưởng ban A", board_a, ["Rater", "Cadre"], rater="head")
	add("raterb", "CE Trưởng ban B", board_b, ["Rater", "Unit Head", "Cadre"], rater="head")
	for i in range(1, 5):
		add(f"a{i}", f"CE Chuyên viên A{i}", board_a, ["Cadre"], rater="ratera")
	add("b1", "CE Chuyên viên B1", board_b, ["Cadre"], rater="raterb")
	add("admin", "CE Quản trị", root, ["Discipline Administrator", "Cadre"])
	return o


def get_evaluation(period: str, cadre: str):
	return frappe.get_doc("Cadre Evaluation", {"evaluation_period": period, "cadre": cadre})


def set_scores(doc, column: str, value: float):
	for row in doc.scores:
		if row.source == "Manual":
			row.set(column, value)


def act(user: str, name: str, action: str, column: str | None = None, value: float | None = None, **fields):
	"""As `user`: optionally set the manual scores of `column` and fields, save, then apply `action`."""
	current = frappe.session.user
	frappe.set_user(user)
	try:
		doc = frappe.get_doc("Cadre Evaluation", name)
		if column is not None or fields:
			if column is not None:
				set_scores(doc, column, value)
			doc.update(fields)
			doc.save()
		return apply_workflow(doc, action) if action else doc
	finally:
		frappe.set_user(current)


def approve_as(o, name: str, score: float = 10, approver: str = "head", **fields):
	"""Self-assess, rate and approve an evaluation of a Board A/B cadre with `score` on every manual row."""
	doc = frappe.get_doc("Cadre Evaluation", name)
	cadre_key = next(k for k, v in o.cadre.items() if v == doc.cadre)
	rater_key = next(k for k, v in o.cadre.items() if v == doc.rater)
	act(o.user[cadre_key], name, "Self-Assess", "self_score", score)
	act(o.user[rater_key], name, "Rate", "rater_score", score)
	return act(
		o.user[approver],
		name,
		"Approve",
		**(
			{"final_level": fields["final_level"], "override_reason": fields.get("override_reason")}
			if fields
			else {}
		),
	)
