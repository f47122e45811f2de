# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""An evaluation period (a month or a quarter) of one Evaluation Policy, and the work done on all of
its evaluations at once: creating them (in bulk, in a background job), reminding people of the steps
due, moving the period on and finalizing it (quota per unit, every evaluation approved, then locked)."""

from itertools import islice

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import add_days, add_months, cint, format_date, getdate, now, now_datetime, today

from soson_discipline.permissions import is_presiding
from soson_discipline.scoring import check_quota
from soson_discipline.scoring.periods import due_date_in_month, month_bounds, period_bounds, periods_overlap

STATUSES = ("Open", "Self-Assessment", "Rating", "Approval", "Finalized")
BATCH_SIZE = 1000
SERIES_KEY = "CE-"
NAME_DIGITS = 7


class EvaluationPeriod(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		evaluation_policy: DF.Link
		finalized_by: DF.Link | None
		finalized_on: DF.Datetime | None
		period_end: DF.Date
		period_start: DF.Date
		period_type: DF.Literal["Monthly", "Quarterly"]
		status: DF.Literal["Open", "Self-Assessment", "Rating", "Approval", "Finalized"]
		title: DF.Data | None
	# end: auto-generated types

	def validate(self):
		self.validate_dates()
		self.validate_overlap()
		self.set_title()
		self.validate_status()

	def on_update(self):
		if self.status == "Finalized" and self.has_value_changed("status"):
			self.lock_evaluations()

	def validate_dates(self):
		if getdate(self.period_end) < getdate(self.period_start):
			frappe.throw(
				_("{0} cannot be before {1}.").format(
					frappe.bold(_("Period End")), frappe.bold(_("Period Start"))
				),
				title=_("Invalid Dates"),
			)

	def validate_overlap(self):
		ep = DocType("Evaluation Period")
		others = (
			frappe.qb.from_(ep)
			.select(ep.name, ep.title, ep.period_start, ep.period_end)
			.where(
				(ep.evaluation_policy == self.evaluation_policy)
				& (ep.name != (self.name or ""))
				& (ep.period_start <= getdate(self.period_end))
				& (ep.period_end >= getdate(self.period_start))
			)
			.run(as_dict=True)
		)
		for other in others:
			if periods_overlap(
				getdate(self.period_start), getdate(self.period_end), other.period_start, other.period_end
			):
				frappe.throw(
					_("This period overlaps {0} ({1} to {2}) of the same policy {3}.").format(
						frappe.bold(other.title or other.name),
						format_date(other.period_start),
						format_date(other.period_end),
						frappe.bold(self.evaluation_policy),
					),
					title=_("Overlapping Period"),
				)

	def set_title(self):
		self.title = period_title(getdate(self.period_start), getdate(self.period_end))

	def validate_status(self):
		before = self.get_doc_before_save()
		old = before.status if before else None
		if old == "Finalized" and self.status != "Finalized":
			frappe.throw(_("A finalized period cannot be reopened."), title=_("Period Finalized"))
		if self.status == "Finalized" and old != "Finalized":
			problems = self.finalization_problems()
			if problems:
				frappe.throw(
					_("{0} cannot be finalized:").format(frappe.bold(self.title))
					+ "<br>"
					+ "<br>".join(problems),
					title=_("Cannot Finalize"),
				)
			self.finalized_on = now_datetime()
			self.finalized_by = frappe.session.user

	def finalization_problems(self) -> list[str]:
		"""Why the period cannot be finalized yet (empty when it can): evaluations not approved, and
		units where the top level exceeds the policy's quota."""
		from soson_discipline.soson_discipline.doctype.cadre_evaluation.cadre_evaluation import (
			get_scoring_policy,
		)

		ce = DocType("Cadre Evaluation")
		rows = (
			frappe.qb.from_(ce)
			.select(ce.organization_unit, ce.final_level, ce.docstatus, ce.workflow_state)
			.where((ce.evaluation_period == self.name) & (ce.docstatus < 2))
			.run(as_dict=True)
		)
		problems = []
		pending = [r for r in rows if r.docstatus != 1]
		if pending:
			problems.append(_("{0} of {1} evaluations are not approved yet.").format(len(pending), len(rows)))
		policy = get_scoring_policy(self.evaluation_policy)
		levels_by_unit: dict[str, list[str]] = {}
		for r in rows:
			if r.docstatus == 1:
				levels_by_unit.setdefault(r.organization_unit, []).append(r.final_level)
		for unit, levels in sorted(levels_by_unit.items()):
			quota = check_quota(policy, levels)
			if not quota.ok:
				problems.append(
					_(
						"{0}: {1} cadres are at the top level {2} but at most {3} may be ({4}% of {5})."
					).format(
						frappe.bold(frappe.db.get_value("Organization Unit", unit, "unit_name") or unit),
						quota.top_count,
						frappe.bold(policy.top_level_code),
						quota.allowed,
						f"{quota.percent:g}",
						quota.base_count,
					)
				)
		return problems

	def lock_evaluations(self):
		ce = DocType("Cadre Evaluation")
		frappe.qb.update(ce).set(ce.locked, 1).where(
			(ce.evaluation_period == self.name) & (ce.docstatus == 1)
		).run()

	@frappe.whitelist()
	def create_evaluations(self):
		"""Button "Create Evaluations": an evaluation for every active cadre who has none yet."""
		self.check_permission("write")
		if not is_presiding():
			frappe.throw(
				_("Only the presiding board can create the evaluations of a period."), frappe.PermissionError
			)
		if self.status == "Finalized":
			frappe.throw(_("The period is finalized."), title=_("Period Finalized"))
		enqueue_generation(self.name)
		return _("Evaluations are being created in the background.")

	@frappe.whitelist()
	def finalize(self):
		"""Button "Finalize": same as setting the status to Finalized and saving."""
		self.check_permission("write")
		self.status = "Finalized"
		self.save()
		return self.status

	@frappe.whitelist()
	def get_progress(self) -> dict:
		"""Evaluations of the period by workflow state (for the form's dashboard)."""
		self.check_permission("read")
		ce = DocType("Cadre Evaluation")
		rows = (
			frappe.qb.from_(ce)
			.select(ce.workflow_state, Count("*").as_("count"))
			.where((ce.evaluation_period == self.name) & (ce.docstatus < 2))
			.groupby(ce.workflow_state)
			.run(as_dict=True)
		)
		return {r.workflow_state or "Draft": r.count for r in rows}


def period_title(start, end) -> str:
	"""Vietnamese title of a period: "Tháng 11/2026", "Quý 4/2026", else the two dates."""
	if (start, end) == month_bounds(start):
		return _("Month {0}/{1}", lang="vi").format(f"{start.month:02d}", start.year)
	if (start, end) == period_bounds(start, "Quarterly"):
		return _("Quarter {0}/{1}", lang="vi").format((start.month - 1) // 3 + 1, start.year)
	return f"{start:%d/%m/%Y} - {end:%d/%m/%Y}"


# ----------------------------------------------------------------------------------------------
# Opening a period and creating its evaluations
# ----------------------------------------------------------------------------------------------


def get_or_create_period(date) -> str | None:
	"""The period of the policy in force on `date` holding `date`, created (Open) if missing."""
	from soson_discipline.soson_discipline.doctype.evaluation_policy.evaluation_policy import (
		get_policy_for_date,
	)

	date = getdate(date)
	policy = get_policy_for_date(date)
	policy = getattr(policy, "name", policy)
	if not policy:
		return None
	ep = DocType("Evaluation Period")
	existing = (
		frappe.qb.from_(ep)
		.select(ep.name)
		.where((ep.evaluation_policy == policy) & (ep.period_start <= date) & (ep.period_end >= date))
		.run(pluck=True)
	)
	if existing:
		return existing[0]
	period_type = frappe.db.get_value("Evaluation Policy", policy, "period_type") or "Monthly"
	start, end = period_bounds(date, period_type)
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


def enqueue_generation(period: str):
	frappe.enqueue(
		generate_evaluations,
		queue="long",
		timeout=3600,
		now=bool(frappe.flags.in_test),
		job_id=f"soson-evaluations-{frappe.local.site}-{period}",
		deduplicate=not frappe.flags.in_test,
		period=period,
	)


def get_cadres_to_evaluate(period, only: list[str] | None = None) -> list[frappe._dict]:
	"""Active cadres who joined by the end of the period and have no evaluation in it yet (of `only`
	when given)."""
	c = DocType("Cadre")
	ce = DocType("Cadre Evaluation")
	done = set(
		frappe.qb.from_(ce)
		.select(ce.cadre)
		.where((ce.evaluation_period == period.name) & (ce.docstatus < 2))
		.run(pluck=True)
	)
	cadres = (
		frappe.qb.from_(c)
		.select(c.name, c.full_name, c.user, c.is_leader, c.organization_unit, c.rater)
		.where(
			(c.status == "Active") & (c.date_joined.isnull() | (c.date_joined <= getdate(period.period_end)))
		)
		.orderby(c.name)
		.run(as_dict=True)
	)
	only = set(only) if only is not None else None
	return [row for row in cadres if row.name not in done and (only is None or row.name in only)]


def generate_evaluations(
	period: str,
	bulk: bool = True,
	batch_size: int = BATCH_SIZE,
	commit: bool | None = None,
	only_cadres: list[str] | None = None,
) -> list[str]:
	"""Create the missing evaluations of `period` (with their score rows from the policy's criteria).

	Idempotent and safe to rerun after a crash: cadres that already have an evaluation are skipped,
	and each batch is committed whole. `bulk=False` inserts one document at a time through the
	controller (the reference the bulk path is checked against; see benchmarks/)."""
	from soson_discipline.soson_discipline.doctype.cadre_evaluation.cadre_evaluation import (
		get_policy_criteria,
		get_scoring_policy,
		get_violation_figures,
	)

	period = frappe.get_doc("Evaluation Period", period)
	if period.status == "Finalized":
		return []
	if commit is None:
		commit = not frappe.flags.in_test
	cadres = get_cadres_to_evaluate(period, only_cadres)
	if not cadres:
		return []
	policy = get_scoring_policy(period.evaluation_policy)
	criteria = get_policy_criteria(period.evaluation_policy)
	violations = get_violation_figures(period.period_start, period.period_end)
	with_tasks = cadres_with_tasks()
	rater_users = dict(
		frappe.qb.from_(DocType("Cadre"))
		.select("name", "user")
		.where(DocType("Cadre").user.isnotnull())
		.run()
	)
	title = _("Creating evaluations for {0}").format(period.title)
	created: list[str] = []
	iterator = iter(cadres)
	while batch := list(islice(iterator, batch_size)):
		if bulk:
			docs = [
				make_evaluation(period, cadre, criteria, policy, with_tasks, violations, rater_users)
				for cadre in batch
			]
			insert_in_bulk(docs)
		else:
			docs = []
			for cadre in batch:
				doc = frappe.get_doc(
					{"doctype": "Cadre Evaluation", "evaluation_period": period.name, "cadre": cadre.name}
				)
				doc.flags.ignore_evaluation_rules = True
				doc.insert(ignore_permissions=True)
				docs.append(doc)
		created.extend(d.name for d in docs)
		if commit:
			frappe.db.commit()  # nosemgrep: each batch is whole; a rerun creates only the missing ones
		frappe.publish_progress(
			len(created) * 100 / len(cadres),
			title=title,
			doctype="Evaluation Period",
			docname=period.name,
			description=_("{0} of {1} evaluations created").format(len(created), len(cadres)),
		)
	return created


def cadres_with_tasks() -> set[str]:
	"""Cadres who were ever assigned a task (only they need their task figures looked up)."""
	if not frappe.db.table_exists("Assigned Task"):
		return set()
	at = DocType("Assigned Task")
	return set(
		frappe.qb.from_(at).select(at.assignee).distinct().where(at.assignee.isnotnull()).run(pluck=True)
	)


def make_evaluation(period, cadre, criteria, policy, with_tasks, violations, rater_users):
	"""An unsaved Cadre Evaluation computed exactly as its controller would on insert."""
	from soson_discipline.scoring import TaskFigures
	from soson_discipline.soson_discipline.doctype.cadre_evaluation.cadre_evaluation import (
		build_score_rows,
		compute_evaluation,
		evaluation_key,
		get_task_figures_for,
	)

	doc = frappe.new_doc("Cadre Evaluation")
	doc.update(
		{
			"evaluation_period": period.name,
			"cadre": cadre.name,
			"cadre_name": cadre.full_name,
			"cadre_user": cadre.user,
			"is_leader": cadre.is_leader,
			"organization_unit": cadre.organization_unit,
			"period_start": period.period_start,
			"period_end": period.period_end,
			"evaluation_policy": period.evaluation_policy,
			"rater": cadre.rater,
			"rater_user": rater_users.get(cadre.rater) if cadre.rater else None,
			"evaluation_key": evaluation_key(period.name, cadre.name),
			"workflow_state": "Draft",
		}
	)
	build_score_rows(doc, criteria)
	if cadre.name in with_tasks:
		tasks = get_task_figures_for(cadre.name, period.period_start, period.period_end)
	else:
		tasks = TaskFigures()
	compute_evaluation(doc, policy, tasks, violations.get(cadre.name))
	return doc


def reserve_names(count: int) -> list[str]:
	"""`count` consecutive names of the Cadre Evaluation series (format:CE-{#######})."""
	series = DocType("Series")
	current = (
		frappe.qb.from_(series).select(series.current).where(series.name == SERIES_KEY).for_update().run()
	)
	if current and current[0][0] is not None:
		start = cint(current[0][0])
		frappe.qb.update(series).set(series.current, start + count).where(series.name == SERIES_KEY).run()
	else:
		start = 0
		frappe.qb.into(series).insert(SERIES_KEY, count).run()
	return [f"{SERIES_KEY}{n:0{NAME_DIGITS}d}" for n in range(start + 1, start + count + 1)]


def insert_in_bulk(docs: list) -> None:
	"""Insert unsaved Cadre Evaluations and their score rows with two multi-row INSERTs, writing the
	same columns and values `Document.insert` would."""
	if not docs:
		return
	user, timestamp = frappe.session.user, now()
	parents, children = [], []
	for doc, name in zip(docs, reserve_names(len(docs)), strict=True):
		doc.name = name
		doc.owner = doc.modified_by = user
		doc.creation = doc.modified = timestamp
		doc.docstatus = 0
		for row in doc.scores:
			row.parent, row.parenttype, row.parentfield = name, doc.doctype, "scores"
			row.owner = row.modified_by = user
			row.creation = row.modified = timestamp
			row.docstatus = 0
		for row in doc.scores:
			row.name = frappe.generate_hash(length=10)  # what Frappe names a child row ("hash")
		parents.append(doc.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True))
		children.extend(
			row.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True) for row in doc.scores
		)
	for doctype, rows in (("Cadre Evaluation", parents), ("Cadre Evaluation Score", children)):
		insert_rows(doctype, rows)
	for doc in docs:
		doc.flags.in_insert = False
		doc.set("__islocal", None)


def insert_rows(doctype: str, rows: list[dict], chunk_size: int = 2000) -> None:
	"""Multi-row INSERT of `rows` (dicts of the same columns) into `tab<doctype>`.

	Parameterised SQL rather than `frappe.db.bulk_insert`: that builds the statement with pypika,
	which for 10,000 evaluations costs more than the database itself (see benchmarks/)."""
	if not rows:
		return
	fields = list(rows[0])
	columns = ", ".join(f"`{f}`" for f in fields)
	row_placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
	for start in range(0, len(rows), chunk_size):
		chunk = rows[start : start + chunk_size]
		values = [row.get(f) for row in chunk for f in fields]
		frappe.db.sql(
			f"INSERT INTO `tab{doctype}` ({columns}) VALUES {', '.join([row_placeholder] * len(chunk))}",
			values,
		)


# ----------------------------------------------------------------------------------------------
# Daily: reminders and moving periods on
# ----------------------------------------------------------------------------------------------


def get_due_dates(period) -> dict[str, object]:
	"""The day in the month after the period by which each step is due (Discipline Settings)."""
	settings = frappe.get_cached_doc("Discipline Settings")
	after = add_months(getdate(period.period_end), 1)
	return {
		"self": due_date_in_month(after.year, after.month, cint(settings.self_assessment_due_day) or 5),
		"rating": due_date_in_month(after.year, after.month, cint(settings.rating_due_day) or 8),
		"approval": due_date_in_month(after.year, after.month, cint(settings.approval_due_day) or 10),
	}


def open_periods_ended_by(date) -> list[frappe._dict]:
	ep = DocType("Evaluation Period")
	return (
		frappe.qb.from_(ep)
		.select(ep.name, ep.title, ep.period_start, ep.period_end, ep.status, ep.evaluation_policy)
		.where((ep.status != "Finalized") & (ep.period_end < getdate(date)))
		.orderby(ep.period_start)
		.run(as_dict=True)
	)


def send_step_reminders(date=None) -> int:
	"""Remind cadres, raters and approvers of the evaluation steps due within the lead days (or
	overdue). One notification per evaluation, step and person a day. Returns how many were sent."""
	date = getdate(date or today())
	lead = cint(frappe.get_cached_doc("Discipline Settings").reminder_lead_days)
	sent_today = set(
		frappe.get_all(
			"Notification Log",
			filters={"document_type": "Cadre Evaluation", "creation": (">=", date), "type": "Alert"},
			fields=["for_user", "document_name", "subject"],
			as_list=True,
		)
	)
	approvers_cache: dict[tuple, list[str]] = {}
	sent = 0
	ce = DocType("Cadre Evaluation")
	for period in open_periods_ended_by(add_days(date, 1)):
		due = get_due_dates(period)
		steps = (
			(("Draft", "Returned"), due["self"], _("Self-assessment due on {0}: {1}")),
			(("Self-Assessed",), due["rating"], _("Rating due on {0}: {1}")),
			(("Rated",), due["approval"], _("Approval due on {0}: {1}")),
		)
		for states, due_date, template in steps:
			if date < add_days(due_date, -lead):
				continue
			rows = (
				frappe.qb.from_(ce)
				.select(
					ce.name, ce.cadre_name, ce.cadre_user, ce.rater_user, ce.organization_unit, ce.is_leader
				)
				.where(
					(ce.evaluation_period == period.name)
					& (ce.docstatus == 0)
					& ce.workflow_state.isin(states)
				)
				.run(as_dict=True)
			)
			for row in rows:
				if "Rated" in states:
					key = (row.organization_unit, row.is_leader)
					if key not in approvers_cache:
						approvers_cache[key] = get_approver_users(row.organization_unit, row.is_leader)
					users = [u for u in approvers_cache[key] if u != row.cadre_user]
				elif "Self-Assessed" in states:
					users = [row.rater_user]
				else:
					users = [row.cadre_user]
				subject = template.format(format_date(due_date), f"{row.cadre_name} ({period.title})")
				for user in filter(None, users):
					if (user, row.name, subject) in sent_today:
						continue
					frappe.get_doc(
						{
							"doctype": "Notification Log",
							"for_user": user,
							"type": "Alert",
							"document_type": "Cadre Evaluation",
							"document_name": row.name,
							"subject": subject,
							"from_user": "Administrator",
						}
					).insert(ignore_permissions=True)
					sent_today.add((user, row.name, subject))
					sent += 1
	return sent


def get_approver_users(unit: str, is_leader: bool) -> list[str]:
	"""Users who may approve an evaluation of `unit`: the Standing Committee for a leader, else the
	Unit Heads of the unit or of a unit above it."""
	has_role = DocType("Has Role")
	if is_leader:
		return sorted(
			set(
				frappe.qb.from_(has_role)
				.select(has_role.parent)
				.where((has_role.role == "Standing Committee") & (has_role.parenttype == "User"))
				.run(pluck=True)
			)
			- {"Administrator"}
		)
	ou = DocType("Organization Unit")
	bounds = frappe.db.get_value("Organization Unit", unit, ["lft", "rgt"], as_dict=True)
	if not bounds:
		return []
	c = DocType("Cadre")
	return sorted(
		set(
			frappe.qb.from_(c)
			.join(ou)
			.on(ou.name == c.organization_unit)
			.join(has_role)
			.on((has_role.parent == c.user) & (has_role.parenttype == "User"))
			.select(c.user)
			.where(
				(c.status == "Active")
				& (ou.lft <= bounds.lft)
				& (ou.rgt >= bounds.rgt)
				& (has_role.role == "Unit Head")
			)
			.run(pluck=True)
		)
	)


def advance_periods(date=None) -> list[tuple[str, str]]:
	"""Move every unfinished period whose month is over to the step its due days call for, and
	finalize those past the approval day that can be (all approved, quota kept). Idempotent: a
	status only moves forward. Returns (period, new status) for the periods changed."""
	date = getdate(date or today())
	changed = []
	for row in open_periods_ended_by(date):
		due = get_due_dates(row)
		target = "Self-Assessment"
		if date > due["self"]:
			target = "Rating"
		if date > due["rating"]:
			target = "Approval"
		period = frappe.get_doc("Evaluation Period", row.name)
		if date > due["approval"] and not period.finalization_problems():
			target = "Finalized"
		if STATUSES.index(target) <= STATUSES.index(period.status):
			continue
		period.status = target
		period.flags.ignore_permissions = True
		period.save()
		changed.append((period.name, target))
	return changed
