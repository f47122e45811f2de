"""Number cards and dashboard charts of the monitoring workspaces.

Every figure comes from `reporting.figures`, counted within the session user's row-level scope (a
`filters.Selection`, the same condition lists and reports apply): a unit head's cards count his or
her subtree and the presiding board's count all. A user who may not read a DocType sees nothing of it.
Each result is cached for everyone with the same scope until a record it counts changes
(`reporting.cache`).
"""

from collections import Counter

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import add_months, get_first_day, get_last_day, getdate, today

from soson_discipline.evaluation.announcements import months_to_announce
from soson_discipline.evaluation.inputs import categories_outside_their_text
from soson_discipline.org import short_unit_label
from soson_discipline.reporting import figures
from soson_discipline.reporting.cache import cached_figure
from soson_discipline.reporting.filters import Selection
from soson_discipline.states import APPEAL_OPEN


def _can_read(doctype: str) -> bool:
	"""Whether the user's roles may read `doctype` at all (else its cards and charts stay empty)."""
	return bool(frappe.has_permission(doctype, "read"))


def _empty_chart() -> dict:
	"""A chart without data."""
	return {"labels": [], "datasets": []}


# --------------------------------------------------------------------------------------------------
# Number cards (type "Custom": the method returns value, fieldtype and where a click leads)
# --------------------------------------------------------------------------------------------------


def count_overdue_tasks() -> int:
	"""Tasks the user may see that are still open past their due date."""
	return figures.count_overdue_tasks(Selection()) if _can_read("Assigned Task") else 0


@frappe.whitelist()
@frappe.read_only()
@cached_figure("Assigned Task")
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
	on = getdate(on or today())
	period = DocType("Evaluation Period")
	return (
		frappe.qb.from_(period)
		.select(period.name)
		.where(period.period_end[get_first_day(add_months(on, -1)) : get_last_day(on)])
		.run(pluck=True)
	)


def count_pending_evaluations(on=None) -> int:
	"""Evaluations the user may see of this month's periods, not yet approved."""
	periods = current_evaluation_periods(on)
	if not periods or not _can_read("Cadre Evaluation"):
		return 0
	counts = figures.evaluation_counts(Selection(), periods)
	return figures.evaluation_totals(counts)["evaluations_pending"]


@frappe.whitelist()
@frappe.read_only()
@cached_figure("Cadre Evaluation", "Evaluation Period")
def pending_evaluations(filters=None) -> dict:
	"""Evaluations of this month's periods not yet approved; the card opens exactly those (issue 25
	item 3: it opened every month's drafts, a list longer than its figure)."""
	return {
		"value": count_pending_evaluations(),
		"fieldtype": "Int",
		"route": ["List", "Cadre Evaluation"],
		"route_options": {"docstatus": 0, "evaluation_period": ["in", current_evaluation_periods()]},
	}


def count_open_violations() -> int:
	"""Violation records the user may see that are neither closed nor dismissed."""
	return figures.count_open_violations(Selection()) if _can_read("Violation Record") else 0


@frappe.whitelist()
@frappe.read_only()
@cached_figure("Violation Record")
def open_violations(filters=None) -> dict:
	"""Violation records still being handled (neither closed nor dismissed)."""
	return {"value": count_open_violations(), "fieldtype": "Int", "route": ["List", "Violation Record"]}


def count_open_warnings() -> int:
	"""Early warnings the user may see that are not closed (never one about the user)."""
	return figures.count_open_warnings(Selection()) if _can_read("Discipline Warning") else 0


@frappe.whitelist()
@frappe.read_only()
@cached_figure("Discipline Warning")
def open_warnings(filters=None) -> dict:
	"""Early warnings not yet closed; the card opens exactly those."""
	return {
		"value": count_open_warnings(),
		"fieldtype": "Int",
		"route": ["List", "Discipline Warning"],
		"route_options": {"status": ["!=", "Closed"]},
	}


def count_open_appeals() -> int:
	"""Appeals the user may see that are filed and not yet decided (issue 29)."""
	if not _can_read("Evaluation Appeal"):
		return 0
	appeal = DocType("Evaluation Appeal")
	query = frappe.qb.from_(appeal).select(Count("*")).where(appeal.status == APPEAL_OPEN)
	return Selection().apply(query, appeal, "Evaluation Appeal").run()[0][0]


@frappe.whitelist()
@frappe.read_only()
@cached_figure("Evaluation Appeal")
def open_appeals(filters=None) -> dict:
	"""Appeals awaiting their decision; the card opens exactly those."""
	return {
		"value": count_open_appeals(),
		"fieldtype": "Int",
		"route": ["List", "Evaluation Appeal"],
		"route_options": {"status": APPEAL_OPEN},
	}


@frappe.whitelist()
@frappe.read_only()
@cached_figure("Cadre Evaluation", "Result Announcement")
def results_to_announce(filters=None) -> dict:
	"""Months of the user's units whose evaluations are all approved and not yet announced (issue 29);
	the card opens a new announcement of the oldest, filled in."""
	waiting = months_to_announce()
	if not waiting:
		return {"value": 0, "fieldtype": "Int", "route": ["List", "Result Announcement"]}
	first = waiting[0]
	return {
		"value": len(waiting),
		"fieldtype": "Int",
		"route": ["Form", "Result Announcement", "new"],
		"route_options": {
			"organization_unit": first.organization_unit,
			"kind": "Month",
			"evaluation_period": first.evaluation_period,
		},
	}


def dissemination_totals(start=None, end=None) -> tuple[int, int]:
	"""(people expected, people reached) of the sessions the user may see, held between `start` and
	`end` (every session held so far when not given: the campaign's dissemination to date)."""
	if not _can_read("Dissemination Session"):
		return 0, 0
	return figures.dissemination_totals(Selection(start=start, end=end or today()))


@frappe.whitelist()
@frappe.read_only()
@cached_figure("Dissemination Session")
def dissemination_coverage(filters=None) -> dict:
	"""People reached out of those expected at the dissemination sessions held so far (%)."""
	expected, reached = dissemination_totals()
	return {
		"value": figures.percent(reached, expected),
		"fieldtype": "Percent",
		"route": ["List", "Dissemination Session"],
	}


# --------------------------------------------------------------------------------------------------
# Dashboard charts (type "Custom", one Dashboard Chart Source each)
# --------------------------------------------------------------------------------------------------


@frappe.whitelist()
@frappe.read_only()
@cached_figure("Assigned Task", "Organization Unit")
def task_completion_by_unit(chart_name=None, filters=None, **kwargs) -> dict:
	"""This year's tasks the user may see, completed and not completed, per unit one level below the
	closest unit holding them all: the communes for the presiding board, the boards and offices of
	the commune for its secretary. Bars are labelled short ("ĐU Sóc Sơn", "BXDĐ") to fit."""
	if not _can_read("Assigned Task"):
		return _empty_chart()
	on = getdate(today())
	counts = figures.task_counts(
		Selection(start=on.replace(month=1, day=1), end=on.replace(month=12, day=31))
	)
	tree = _unit_tree()
	group_of = _group_units([unit for unit in counts if unit in tree], tree)
	groups: dict[str, list[int]] = {}
	for unit, c in counts.items():
		if group := group_of.get(unit):
			bar = groups.setdefault(group, [0, 0])
			bar[0] += c.completed
			bar[1] += c.open + c.in_progress + c.overdue
	top = sorted(groups, key=lambda g: (-sum(groups[g]), tree[g].lft))[:10]
	return {
		"labels": [short_unit_label(tree[g]) for g in top],
		"datasets": [
			{"name": _("Completed"), "values": [groups[g][0] for g in top]},
			{"name": _("Not Completed"), "values": [groups[g][1] for g in top]},
		],
	}


def _unit_tree() -> dict[str, frappe._dict]:
	"""Every Organization Unit by name, with its names and place in the tree."""
	fields = ["name", "unit_name", "abbreviation", "place_name", "lft", "rgt", "parent_organization_unit"]
	return {u.name: u for u in frappe.get_all("Organization Unit", fields=fields)}


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


def latest_evaluation_period(on=None) -> str | None:
	"""The most recent Evaluation Period that has ended (this month's evaluations are of it)."""
	on = getdate(on or today())
	period = DocType("Evaluation Period")
	periods = (
		frappe.qb.from_(period)
		.select(period.name, period.period_end)
		.where(period.period_start <= on)
		.orderby(period.period_start, order=frappe.qb.desc)
		.limit(2)
		.run(as_dict=True)
	)
	ended = [p for p in periods if getdate(p.period_end) < on]
	return (ended or periods or [frappe._dict(name=None)])[0].name


@frappe.whitelist()
@frappe.read_only()
@cached_figure("Cadre Evaluation", "Evaluation Period", "Evaluation Policy")
def evaluation_levels_this_month(chart_name=None, filters=None, **kwargs) -> dict:
	"""Approved evaluations by final level in the period evaluated this month, from the top level
	down (those not approved yet are the "Evaluations Pending" card). Bars are labelled by the
	level's code (HTXSNV, A, ...), which fits under a bar where the level's name does not."""
	period = latest_evaluation_period()
	if not period or not _can_read("Cadre Evaluation"):
		return _empty_chart()
	levels: Counter = Counter()
	for c in figures.evaluation_counts(Selection(), [period]):
		if c.docstatus == 1 and c.final_level:
			levels[c.final_level] += c.n
	policy = figures.period_policy(period)
	band_order = [band.level_code for band in policy.sorted_bands()] if policy else []
	order = sorted(
		levels, key=lambda code: (band_order.index(code) if code in band_order else len(band_order), code)
	)
	return {
		"labels": order,
		"datasets": [{"name": _("Cadres"), "values": [levels[code] for code in order]}],
	}


@frappe.whitelist()
@frappe.read_only()
@cached_figure("Violation Record")
def violations_by_category(chart_name=None, filters=None, **kwargs) -> dict:
	"""Violations detected per month over the last twelve months, one line per category (top five)."""
	if not _can_read("Violation Record"):
		return _empty_chart()
	on = getdate(today())
	first = get_first_day(add_months(on, -11))
	counts = figures.violations_by_category_and_month(Selection(start=first, end=get_last_day(on)))
	months = [add_months(first, i) for i in range(12)]
	totals: Counter = Counter()
	for (category, _month), n in counts.items():
		totals[category] += n
	top = sorted(totals, key=lambda c: (-totals[c], c or ""))[:5]
	return {
		"labels": [f"{m.month:02d}/{m.year}" for m in months],
		"datasets": [
			{"name": c, "values": [int(counts.get((c, m.strftime("%Y-%m")), 0)) for m in months]} for c in top
		],
	}


@frappe.whitelist()
@frappe.read_only()
def cadres_outside_their_text(filters=None) -> dict:
	"""Active cadres scored today under a policy whose text does not govern their category (the
	catch-all policy scoring a category without a policy of its own, issue 22 item 9): the board's
	reminder that it is a choice. Opens the policies."""
	rows = categories_outside_their_text(today()) if _can_read("Evaluation Policy") else []
	return {
		"value": sum(row.cadres for row in rows),
		"fieldtype": "Int",
		"route": ["List", "Evaluation Policy"],
	}
