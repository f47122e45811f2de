"""Reorganisation: what an ended unit hands over to its successor.

On 1/7/2025 the districts ended and the communes took over their work. For an Organization Unit that
ends (`valid_to`) with a `successor_unit`, the presiding board previews and then runs one action that
moves the unit's open work to the successor, or to units chosen per record:

- active cadres (`Cadre.organization_unit`);
- open tasks (`Assigned Task` Open, In Progress or Overdue: `organization_unit`);
- open plans: a plan not yet issued is carried on by the new unit (`issuing_unit`); an issued plan
  stays the ended unit's document (its number and header are facts), the new unit follows it up
  (`presiding_unit`, and `report_to_unit` where it named the ended unit), and its open tasks move
  with the open tasks.

History stays on the ended unit: cadres who left or were transferred, finished or cancelled tasks,
closed or cancelled plans, evaluations, violations and reports are not touched. Each moved record
keeps a trace (its version log or a comment), and a comment on both units lists what moved. Running
it again moves nothing (there is nothing open left on the unit). Large moves run in the background
with progress.
"""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import getdate, today

from soson_discipline.jobs import BACKGROUND_FROM, enqueue, in_background
from soson_discipline.permissions import is_presiding
from soson_discipline.states import (
	CADRE_ACTIVE,
	PLAN_CLOSED,
	TASK_OPEN_STATUSES,
)

# More records than this are moved in a background job, with progress.
CADRE, TASK, PLAN = "Cadre", "Assigned Task", "Unit Plan"
MOVED_DOCTYPES = (CADRE, TASK, PLAN)


class ReorganisationError(frappe.ValidationError):
	pass


# --------------------------------------------------------------------------------------------------
# Whitelisted: preview and run
# --------------------------------------------------------------------------------------------------


@frappe.whitelist()
def preview_reorganisation(unit: str) -> dict:
	"""What `reorganise_unit` would move from `unit` (presiding roles only); changes nothing."""
	check_can_reorganise()
	ended = get_ended_unit(unit)
	moves = collect_moves(ended)
	return {
		"unit": ended.name,
		"unit_name": ended.unit_name,
		"valid_to": ended.valid_to,
		"successor_unit": ended.successor_unit,
		"moves": moves,
		"counts": count_by_doctype(moves),
		"staying": count_staying(ended.name),
		"background": len(moves) > BACKGROUND_FROM,
	}


@frappe.whitelist()
def reorganise_unit(unit: str, targets: str | dict | list | None = None) -> dict:
	"""Move the open work of the ended `unit` to its successor, or to the unit given per record in
	`targets` ({"<doctype>::<name>": unit} or [{"doctype", "name", "target"}]). Presiding roles only.

	Returns the result ({"moved": [...], "failed": [...], "counts": {...}}), or {"queued": True} when
	the move runs in the background."""
	check_can_reorganise()
	ended = get_ended_unit(unit)
	targets = parse_targets(targets)
	moves = apply_targets(collect_moves(ended), targets)
	validate_targets(ended, moves)
	if in_background(len(moves)):
		enqueue(
			run_reorganisation,
			job_id=f"reorganise-{ended.name}",
			timeout=max(600, 5 * len(moves)),
			unit=ended.name,
			targets=targets,
		)
		return {"queued": True, "size": len(moves)}
	return run_reorganisation(ended.name, targets)


def run_reorganisation(unit: str, targets: dict | None = None) -> dict:
	"""Move the open work of `unit` (the background job; also run at once for small moves)."""
	ended = get_ended_unit(unit)
	moves = apply_targets(collect_moves(ended), targets or {})
	validate_targets(ended, moves)
	title = _("Moving the open work of {0}").format(ended.unit_name)
	moved, failed = [], []
	for i, move in enumerate(moves, 1):
		try:
			frappe.db.savepoint("soson_reorganise")
			apply_move(ended, move)
			moved.append(move)
		except Exception as e:
			frappe.db.rollback(save_point="soson_reorganise")
			frappe.clear_last_message()
			move["error"] = frappe.utils.strip_html(str(e))
			failed.append(move)
		if len(moves) > BACKGROUND_FROM:
			frappe.publish_progress(
				i * 100 / len(moves),
				title=title,
				doctype="Organization Unit",
				docname=ended.name,
				description=_("{0} of {1} records").format(i, len(moves)),
			)
	if moved or failed:
		log_reorganisation(ended, moved, failed)
	return {"moved": moved, "failed": failed, "counts": count_by_doctype(moved)}


# --------------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------------


def check_can_reorganise(user: str | None = None):
	"""Only the presiding bodies (Discipline Administrator, Standing Committee, System Manager)."""
	if not is_presiding(user):
		frappe.throw(
			_("Only the presiding board or the Standing Committee can move the work of a unit."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


def get_ended_unit(unit: str) -> frappe._dict:
	"""The unit, refusing one that has no end date."""
	if not isinstance(unit, str) or not frappe.db.exists("Organization Unit", unit):
		frappe.throw(
			_("{0} {1} does not exist.").format(_("Organization Unit"), frappe.bold(unit)),
			frappe.DoesNotExistError,
		)
	row = frappe.db.get_value(
		"Organization Unit",
		unit,
		["name", "unit_name", "valid_to", "successor_unit"],
		as_dict=True,
	)
	if not row.valid_to:
		frappe.throw(
			_("{0} has no {1}: set the day it ends before moving its work.").format(
				frappe.bold(row.unit_name), frappe.bold(_("Valid To"))
			),
			ReorganisationError,
			title=_("Unit Has Not Ended"),
		)
	return row


def validate_targets(ended, moves: list[dict]):
	"""Every move needs a target unit that exists, is not the ended unit and has not ended itself."""
	missing = [m for m in moves if not m.get("target")]
	if missing:
		frappe.throw(
			_("{0} has no {1}: set one, or choose a unit for each record ({2} without one).").format(
				frappe.bold(ended.unit_name), frappe.bold(_("Successor Unit")), len(missing)
			),
			ReorganisationError,
			title=_("No Successor Unit"),
		)
	for target in {m["target"] for m in moves}:
		row = frappe.db.get_value(
			"Organization Unit", target, ["name", "unit_name", "valid_to", "disabled"], as_dict=True
		)
		if not row:
			frappe.throw(
				_("{0} {1} does not exist.").format(_("Organization Unit"), frappe.bold(target)),
				ReorganisationError,
			)
		if row.name == ended.name:
			frappe.throw(
				_("The work of {0} cannot be moved to the unit itself.").format(frappe.bold(ended.unit_name)),
				ReorganisationError,
			)
		if row.disabled or (row.valid_to and getdate(row.valid_to) < getdate(today())):
			frappe.throw(
				_("{0} has ended or is disabled; choose a unit that carries on the work.").format(
					frappe.bold(row.unit_name)
				),
				ReorganisationError,
				title=_("Invalid Target Unit"),
			)


def parse_targets(targets) -> dict:
	"""{"<doctype>::<name>": unit} from a dict, a list of {doctype, name, target} or their JSON."""
	if not targets:
		return {}
	targets = frappe.parse_json(targets) if isinstance(targets, str) else targets
	if isinstance(targets, dict):
		return {str(k): v for k, v in targets.items() if v}
	if isinstance(targets, list):
		return {
			record_key(row.get("doctype"), row.get("name")): row.get("target")
			for row in targets
			if isinstance(row, dict) and row.get("target")
		}
	frappe.throw(_("Targets must be a list of records with their unit."), ReorganisationError)


def record_key(doctype: str, name: str) -> str:
	return f"{doctype}::{name}"


# --------------------------------------------------------------------------------------------------
# What moves
# --------------------------------------------------------------------------------------------------


def collect_moves(ended) -> list[dict]:
	"""The records of `ended` that would move, each with its default target (the successor)."""
	moves = []
	for name, title in get_active_cadres(ended.name):
		moves.append(make_move(CADRE, name, title, ["organization_unit"], ended))
	for name, title in get_open_tasks(ended.name):
		moves.append(make_move(TASK, name, title, ["organization_unit"], ended))
	for plan in get_open_plans(ended.name):
		if fields := plan_fields(plan, ended.name):
			moves.append(make_move(PLAN, plan.name, plan.title, fields, ended))
	return moves


def make_move(doctype: str, name: str, title: str, fields: list[str], ended) -> dict:
	meta = frappe.get_meta(doctype)
	return {
		"doctype": doctype,
		"name": name,
		"title": title or name,
		"fields": fields,
		"changes": ", ".join(_(meta.get_label(f)) for f in fields),
		"target": ended.successor_unit,
	}


def apply_targets(moves: list[dict], targets: dict) -> list[dict]:
	for move in moves:
		move["target"] = targets.get(record_key(move["doctype"], move["name"])) or move["target"]
	return moves


def get_active_cadres(unit: str) -> list[tuple]:
	c = DocType("Cadre")
	return (
		frappe.qb.from_(c)
		.select(c.name, c.full_name)
		.where((c.organization_unit == unit) & (c.status == CADRE_ACTIVE))
		.orderby(c.full_name)
		.run()
	)


def get_open_tasks(unit: str) -> list[tuple]:
	t = DocType("Assigned Task")
	return (
		frappe.qb.from_(t)
		.select(t.name, t.title)
		.where((t.organization_unit == unit) & t.status.isin(TASK_OPEN_STATUSES))
		.orderby(t.due_date)
		.run()
	)


def get_open_plans(unit: str) -> list[frappe._dict]:
	"""Plans not closed or cancelled that the unit issues, presides over or receives reports of."""
	p = DocType("Unit Plan")
	return (
		frappe.qb.from_(p)
		.select(
			p.name, p.title, p.docstatus, p.issuing_unit, p.presiding_unit, p.report_to_unit, p.workflow_state
		)
		.where(
			(p.docstatus < 2)
			& ((p.workflow_state.isnull()) | (p.workflow_state != PLAN_CLOSED))
			& ((p.issuing_unit == unit) | (p.presiding_unit == unit) | (p.report_to_unit == unit))
		)
		.orderby(p.issue_date)
		.run(as_dict=True)
	)


def plan_fields(plan, unit: str) -> list[str]:
	"""The plan fields the new unit takes over (see the module docstring)."""
	if plan.docstatus == 0:
		return [f for f in ("issuing_unit", "presiding_unit", "report_to_unit") if plan.get(f) == unit]
	fields = []
	if plan.presiding_unit == unit or (plan.issuing_unit == unit and not plan.presiding_unit):
		fields.append("presiding_unit")
	if plan.report_to_unit == unit:
		fields.append("report_to_unit")
	return fields


def count_by_doctype(moves: list[dict]) -> dict:
	return {doctype: sum(1 for m in moves if m["doctype"] == doctype) for doctype in MOVED_DOCTYPES}


def count_staying(unit: str) -> dict:
	"""The records that stay on the ended unit as its history."""
	c, t, p = DocType("Cadre"), DocType("Assigned Task"), DocType("Unit Plan")
	count = frappe.query_builder.functions.Count("*")
	return {
		CADRE: frappe.qb.from_(c)
		.select(count)
		.where((c.organization_unit == unit) & (c.status != CADRE_ACTIVE))
		.run()[0][0],
		TASK: frappe.qb.from_(t)
		.select(count)
		.where((t.organization_unit == unit) & t.status.notin(TASK_OPEN_STATUSES))
		.run()[0][0],
		PLAN: frappe.qb.from_(p)
		.select(count)
		.where((p.issuing_unit == unit) & ((p.docstatus == 1) | (p.workflow_state == PLAN_CLOSED)))
		.run()[0][0],
	}


# --------------------------------------------------------------------------------------------------
# Moving one record
# --------------------------------------------------------------------------------------------------


def apply_move(ended, move: dict):
	"""Move one record to its target: cadres and tasks through their controllers (validations and
	version log), issued plans by their follow-up fields only, with a comment."""
	doc = frappe.get_doc(move["doctype"], move["name"])
	if doc.docstatus == 1:
		for fieldname in move["fields"]:
			doc.db_set(fieldname, move["target"])
	else:
		for fieldname in move["fields"]:
			doc.set(fieldname, move["target"])
		doc.flags.ignore_permissions = True  # authorised above: presiding roles only
		doc.save()
	doc.add_comment(
		"Info",
		_("Moved from {0} to {1} when {0} ended ({2}).").format(
			ended.unit_name, unit_title(move["target"]), frappe.format(ended.valid_to, "Date")
		),
	)


def unit_title(unit: str) -> str:
	return frappe.db.get_value("Organization Unit", unit, "unit_name") or unit


def log_reorganisation(ended, moved: list[dict], failed: list[dict]):
	"""A comment on the ended unit and on each unit that received work, listing the records."""
	by_target = {}
	for move in moved:
		by_target.setdefault(move["target"], []).append(move)
	lines = [
		_("Open work moved on {0} by {1}:").format(
			frappe.format(today(), "Date"), frappe.utils.get_fullname(frappe.session.user)
		)
	]
	for target, rows in by_target.items():
		lines.append(_("to {0}: {1}").format(unit_title(target), describe(rows)))
	if failed:
		lines.append(_("not moved: {0}").format(describe(failed, with_errors=True)))
	frappe.get_doc("Organization Unit", ended.name).add_comment("Info", "<br>".join(lines))
	for target, rows in by_target.items():
		frappe.get_doc("Organization Unit", target).add_comment(
			"Info",
			_("Took over from {0} (ended {1}): {2}").format(
				ended.unit_name, frappe.format(ended.valid_to, "Date"), describe(rows)
			),
		)


def describe(rows: list[dict], with_errors: bool = False) -> str:
	parts = []
	for row in rows:
		text = f"{_(row['doctype'])} {row['name']} ({row['title']})"
		if with_errors and row.get("error"):
			text += f": {row['error']}"
		parts.append(text)
	return "; ".join(parts)
