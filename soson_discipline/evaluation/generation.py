"""Opening an evaluation period and creating its evaluations, in bulk, in a background job.

Bulk generation writes exactly the rows `Document.insert` would (checked by the benchmark in
`benchmarks/`), in batches committed whole: a rerun after a crash creates only the missing ones.
"""

from itertools import islice

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint, getdate, now

from soson_discipline.scoring import TaskFigures
from soson_discipline.scoring.periods import period_bounds
from soson_discipline.states import CADRE_ACTIVE, EVAL_DRAFT, PERIOD_FINALIZED

from .compute import compute_evaluation
from .inputs import (
	build_score_rows,
	evaluation_key,
	get_policy_criteria,
	get_policy_for_date,
	get_scoring_policy,
	get_task_figures,
	get_violation_figures,
)

BATCH_SIZE = 1000
SERIES_KEY = "CE-"
NAME_DIGITS = 7


def get_or_create_period(date) -> str | None:
	"""The period of the policy in force on `date` holding `date`, created (Open) if missing."""
	date = getdate(date)
	policy = get_policy_for_date(date)
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
	"""Create the period's evaluations in a background job on the long queue (once at a time)."""
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
			(c.status == CADRE_ACTIVE)
			& (c.date_joined.isnull() | (c.date_joined <= getdate(period.period_end)))
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
	period = frappe.get_doc("Evaluation Period", period)
	if period.status == PERIOD_FINALIZED:
		return []
	if commit is None:
		commit = not frappe.flags.in_test
	cadres = get_cadres_to_evaluate(period, only_cadres)
	if not cadres:
		return []
	context = frappe._dict(
		period=period,
		policy=get_scoring_policy(period.evaluation_policy),
		criteria=get_policy_criteria(period.evaluation_policy),
		violations=get_violation_figures(period.period_start, period.period_end),
		rater_users=get_all_cadre_users(),
	)
	title = _("Creating evaluations for {0}").format(period.title)
	created: list[str] = []
	iterator = iter(cadres)
	while batch := list(islice(iterator, batch_size)):
		docs = make_batch(context, batch) if bulk else insert_one_by_one(period, batch)
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


def get_all_cadre_users() -> dict[str, str]:
	c = DocType("Cadre")
	return dict(frappe.qb.from_(c).select(c.name, c.user).where(c.user.isnotnull()).run())


def make_batch(context, batch: list) -> list:
	"""Build and insert the evaluations of a batch of cadres (task figures in one query)."""
	tasks = get_task_figures([c.name for c in batch], context.period.period_start, context.period.period_end)
	docs = [make_evaluation(context, cadre, tasks.get(cadre.name) or TaskFigures()) for cadre in batch]
	insert_in_bulk(docs)
	return docs


def insert_one_by_one(period, batch: list) -> list:
	"""The reference path: one `doc.insert()` per cadre through the controller."""
	docs = []
	for cadre in batch:
		doc = frappe.get_doc(
			{"doctype": "Cadre Evaluation", "evaluation_period": period.name, "cadre": cadre.name}
		)
		doc.flags.ignore_evaluation_rules = True
		doc.insert(ignore_permissions=True)
		docs.append(doc)
	return docs


def make_evaluation(context, cadre, tasks: TaskFigures):
	"""An unsaved Cadre Evaluation computed exactly as its controller would on insert."""
	period = context.period
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
			"rater_user": context.rater_users.get(cadre.rater) if cadre.rater else None,
			"evaluation_key": evaluation_key(period.name, cadre.name),
			"workflow_state": EVAL_DRAFT,
		}
	)
	build_score_rows(doc, context.criteria)
	compute_evaluation(doc, context.policy, tasks, context.violations.get(cadre.name))
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
