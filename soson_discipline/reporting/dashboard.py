"""Number cards and dashboard charts of the monitoring workspaces.

Every figure is computed here, in whitelisted methods that count only what the current user may see:
each query applies `permissions.get_scope_condition` for its DocType (the same condition lists and
reports use), so a unit head's cards count his or her subtree and the presiding board's count all.
"""

import frappe
from frappe import _
from frappe.utils import add_months, flt, get_first_day, get_last_day, getdate, today

from soson_discipline.permissions import get_scope_condition

OPEN_TASK_STATUSES = ("Open", "In Progress", "Overdue")
CLOSED_VIOLATION_STATES = ("Closed", "Dismissed")


def _installed(doctype: str) -> bool:
	return bool(frappe.db.exists("DocType", doctype))


def _can_read(doctype: str) -> bool:
	return _installed(doctype) and frappe.has_permission(doctype, "read")


def _scope(doctype: str) -> str:
	condition = get_scope_condition(doctype)
	return f" and {condition}" if condition else ""


# --------------------------------------------------------------------------------------------------
# Number cards (type "Custom": the method returns value, fieldtype and where a click leads)
# --------------------------------------------------------------------------------------------------


def count_overdue_tasks() -> int:
	if not _can_read("Assigned Task"):
		return 0
	return frappe.db.sql(
		f"""select count(*) from `tabAssigned Task`
		where (`tabAssigned Task`.status = 'Overdue'
			or (`tabAssigned Task`.status in ('Open', 'In Progress') and `tabAssigned Task`.due_date < %(today)s))
		{_scope("Assigned Task")}""",
		{"today": today()},
	)[0][0]


@frappe.whitelist()
def overdue_tasks(filters=None) -> dict:
	"""Tasks past their due date and not completed."""
	return {
		"value": count_overdue_tasks(),
		"fieldtype": "Int",
		"route": ["List", "Assigned Task"],
		"route_options": {"status": "Overdue"},
	}


def current_evaluation_periods(on=None) -> list[str]:
	"""The Evaluation Periods being worked this month: those ending last month or this month."""
	if not _installed("Evaluation Period"):
		return []
	on = getdate(on or today())
	return frappe.get_all(
		"Evaluation Period",
		filters={"period_end": ("between", [get_first_day(add_months(on, -1)), get_last_day(on)])},
		pluck="name",
	)


def count_pending_evaluations(on=None) -> int:
	periods = current_evaluation_periods(on)
	if not periods or not _can_read("Cadre Evaluation"):
		return 0
	return frappe.db.sql(
		f"""select count(*) from `tabCadre Evaluation`
		where `tabCadre Evaluation`.docstatus = 0 and `tabCadre Evaluation`.evaluation_period in %(periods)s
		{_scope("Cadre Evaluation")}""",
		{"periods": periods},
	)[0][0]


@frappe.whitelist()
def pending_evaluations(filters=None) -> dict:
	"""Evaluations of this month's periods not yet approved."""
	return {
		"value": count_pending_evaluations(),
		"fieldtype": "Int",
		"route": ["List", "Cadre Evaluation"],
		"route_options": {"docstatus": 0},
	}


def count_open_violations() -> int:
	if not _can_read("Violation Record"):
		return 0
	return frappe.db.sql(
		f"""select count(*) from `tabViolation Record`
		where `tabViolation Record`.docstatus < 2
			and ifnull(`tabViolation Record`.workflow_state, '') not in %(closed)s
		{_scope("Violation Record")}""",
		{"closed": CLOSED_VIOLATION_STATES},
	)[0][0]


@frappe.whitelist()
def open_violations(filters=None) -> dict:
	"""Violation records still being handled (neither closed nor dismissed)."""
	return {"value": count_open_violations(), "fieldtype": "Int", "route": ["List", "Violation Record"]}


def dissemination_totals(start=None, end=None) -> tuple[int, int]:
	"""(people expected, people reached) of the sessions the user may see, held between `start` and
	`end` (every session held so far when not given: the campaign's dissemination to date)."""
	if not _can_read("Dissemination Session"):
		return 0, 0
	row = frappe.db.sql(
		f"""select coalesce(sum(a.expected), 0), coalesce(sum(a.attended), 0)
		from `tabDissemination Audience` a
		join `tabDissemination Session` on `tabDissemination Session`.name = a.parent
			and a.parenttype = 'Dissemination Session'
		where `tabDissemination Session`.session_date between %(start)s and %(end)s
			and `tabDissemination Session`.docstatus < 2
		{_scope("Dissemination Session")}""",
		{"start": getdate(start or "1900-01-01"), "end": getdate(end or today())},
	)[0]
	return int(row[0]), int(row[1])


@frappe.whitelist()
def dissemination_coverage(filters=None) -> dict:
	"""People reached out of those expected at the dissemination sessions held so far (%)."""
	expected, reached = dissemination_totals()
	return {
		"value": flt(100.0 * reached / expected, 1) if expected else 0,
		"fieldtype": "Percent",
		"route": ["List", "Dissemination Session"],
	}


# --------------------------------------------------------------------------------------------------
# Dashboard charts (type "Custom", one Dashboard Chart Source each)
# --------------------------------------------------------------------------------------------------


@frappe.whitelist()
def task_completion_by_unit(chart_name=None, filters=None, **kwargs) -> dict:
	"""This year's tasks the user may see, completed and not completed, per unit one level below the
	closest unit holding them all: the communes for the presiding board, the boards and offices of
	the commune for its secretary. Bars are labelled short ("ĐU Sóc Sơn", "BXDĐ") to fit."""
	if not _can_read("Assigned Task"):
		return {"labels": [], "datasets": []}
	on = getdate(today())
	rows = frappe.db.sql(
		f"""select `tabAssigned Task`.organization_unit as unit,
			sum(`tabAssigned Task`.status = 'Completed') as completed,
			sum(`tabAssigned Task`.status in ('Open', 'In Progress', 'Overdue')) as not_completed
		from `tabAssigned Task`
		where `tabAssigned Task`.due_date between %(start)s and %(end)s
		{_scope("Assigned Task")}
		group by `tabAssigned Task`.organization_unit""",
		{"start": on.replace(month=1, day=1), "end": on.replace(month=12, day=31)},
		as_dict=True,
	)
	groups: dict[str, list[int]] = {}
	tree = _unit_tree()
	group_of = _group_units([r.unit for r in rows if r.unit in tree], tree)
	for r in rows:
		group = group_of.get(r.unit)
		if not group:
			continue
		counts = groups.setdefault(group, [0, 0])
		counts[0] += int(r.completed or 0)
		counts[1] += int(r.not_completed or 0)
	top = sorted(groups, key=lambda g: (-sum(groups[g]), tree[g].lft))[:10]
	return {
		"labels": [_short_label(tree[g]) for g in top],
		"datasets": [
			{"name": _("Completed"), "values": [groups[g][0] for g in top]},
			{"name": _("Not Completed"), "values": [groups[g][1] for g in top]},
		],
	}


def _unit_tree() -> dict[str, frappe._dict]:
	return {
		u.name: u
		for u in frappe.get_all(
			"Organization Unit",
			fields=[
				"name",
				"unit_name",
				"abbreviation",
				"place_name",
				"lft",
				"rgt",
				"parent_organization_unit",
			],
		)
	}


def _group_units(units: list[str], tree: dict) -> dict[str, str]:
	"""Map each unit to its ancestor one level below the deepest unit holding them all (or to itself
	when it is that unit; to its root when the units lie in several trees)."""
	if not units:
		return {}
	lo = min(tree[u].lft for u in units)
	hi = max(tree[u].rgt for u in units)
	holders = [n for n in tree.values() if n.lft <= lo and n.rgt >= hi]
	common = max(holders, key=lambda n: n.lft) if holders else None
	mapping = {}
	for u in units:
		node = tree[u]
		if common and node.name == common.name:
			mapping[u] = u
			continue
		# climb to the child of `common` (or to the root)
		while (
			node.parent_organization_unit
			and node.parent_organization_unit in tree
			and (not common or node.parent_organization_unit != common.name)
		):
			node = tree[node.parent_organization_unit]
		mapping[u] = node.name
	return mapping


def _short_label(unit: frappe._dict) -> str:
	return " ".join(filter(None, (unit.abbreviation, unit.place_name))) or unit.unit_name


def latest_evaluation_period(on=None) -> str | None:
	"""The most recent Evaluation Period that has ended (this month's evaluations are of it)."""
	if not _installed("Evaluation Period"):
		return None
	on = getdate(on or today())
	periods = frappe.get_all(
		"Evaluation Period",
		filters={"period_start": ("<=", on)},
		fields=["name", "period_end"],
		order_by="period_start desc",
		limit=2,
	)
	ended = [p for p in periods if getdate(p.period_end) < on]
	return (ended or periods or [frappe._dict(name=None)])[0].name


@frappe.whitelist()
def evaluation_levels_this_month(chart_name=None, filters=None, **kwargs) -> dict:
	"""Cadres by final level in the period evaluated this month (not yet approved: "Pending")."""
	period = latest_evaluation_period()
	if not period or not _can_read("Cadre Evaluation"):
		return {"labels": [], "datasets": []}
	rows = frappe.db.sql(
		f"""select if(`tabCadre Evaluation`.docstatus = 1,
				coalesce(nullif(`tabCadre Evaluation`.final_level_label, ''), `tabCadre Evaluation`.final_level),
				'') as level,
			count(*) as n
		from `tabCadre Evaluation`
		where `tabCadre Evaluation`.evaluation_period = %(period)s and `tabCadre Evaluation`.docstatus < 2
		{_scope("Cadre Evaluation")}
		group by level order by level""",
		{"period": period},
		as_dict=True,
	)
	labels = [_(r.level) if r.level else _("Pending") for r in rows]
	return {"labels": labels, "datasets": [{"name": _("Cadres"), "values": [int(r.n) for r in rows]}]}


@frappe.whitelist()
def violations_by_category(chart_name=None, filters=None, **kwargs) -> dict:
	"""Violations detected per month over the last twelve months, one line per category (top five)."""
	if not _can_read("Violation Record"):
		return {"labels": [], "datasets": []}
	on = getdate(today())
	first = get_first_day(add_months(on, -11))
	rows = frappe.db.sql(
		f"""select coalesce(vc.category_name, `tabViolation Record`.violation_category) as category,
			date_format(`tabViolation Record`.detected_on, '%%Y-%%m') as month, count(*) as n
		from `tabViolation Record`
		left join `tabViolation Category` vc on vc.name = `tabViolation Record`.violation_category
		where `tabViolation Record`.detected_on between %(start)s and %(end)s
			and `tabViolation Record`.docstatus < 2
			and ifnull(`tabViolation Record`.workflow_state, '') != 'Dismissed'
		{_scope("Violation Record")}
		group by category, month""",
		{"start": first, "end": get_last_day(on)},
		as_dict=True,
	)
	months = [add_months(first, i) for i in range(12)]
	keys = [m.strftime("%Y-%m") for m in months]
	totals: dict[str, int] = {}
	for r in rows:
		totals[r.category] = totals.get(r.category, 0) + r.n
	top = sorted(totals, key=lambda c: (-totals[c], c))[:5]
	counts = {(r.category, r.month): r.n for r in rows}
	return {
		"labels": [f"{m.month:02d}/{m.year}" for m in months],
		"datasets": [{"name": c, "values": [int(counts.get((c, k), 0)) for k in keys]} for c in top],
	}
