"""Opening an evaluation period and creating its evaluations, in bulk, in a background job.

Bulk generation writes exactly the rows `Document.insert` would (checked by the tests and by the
benchmarks in `benchmarks/`), without a Document per cadre: a batch reads its cadres' task figures in
one grouped query (the period's violation figures are read once), computes each distinct set of
inputs once (`compute_evaluation`), and writes its evaluations and their score rows with two
multi-row INSERTs. Parent names come from the DocType's series, reserved for the batch in one
locked update; a score row is named after its parent and its position (``CE-0000001-3``), so no two
can clash however many there are (Frappe's random child names are only retried one by one, in
`Document.db_insert`).

Each batch is written whole or not at all (a savepoint, and a commit per batch in the job): a crash at
any point loses nothing and a rerun creates only the missing evaluations.
"""

from itertools import islice

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Coalesce
from frappe.utils import cint, getdate, now

from soson_discipline.evaluation.leave import mark_evaluations, submitted_leave
from soson_discipline.jobs import enqueue, may_commit
from soson_discipline.scoring import TaskFigures
from soson_discipline.scoring.periods import period_bounds
from soson_discipline.states import CADRE_ACTIVE, EVAL_DRAFT, PERIOD_FINALIZED

from .compute import compute_evaluation
from .inputs import (
	build_score_rows,
	categories_with_own_policy,
	evaluation_key,
	get_policy_criteria,
	get_policy_for_date,
	get_scoring_policy,
	get_task_figures,
	get_violation_figures,
	policies_in_force,
)

BATCH_SIZE = 1000
SERIES_KEY = "CE-"
NAME_DIGITS = 7


def get_or_create_periods(date) -> list[str]:
	"""The periods holding `date` of every policy in force on it (one a cadre category with a policy
	of its own, one for every other category), created (Open) where missing."""
	return [get_or_create_period(date, policy) for policy in dict.fromkeys(policies_in_force(date).values())]


def get_or_create_period(date, policy: str | None = None) -> str | None:
	"""The period of `policy` (default: the one in force on `date` for every category) holding
	`date`, created (Open) if missing."""
	date = getdate(date)
	policy = policy or get_policy_for_date(date)
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
	enqueue(generate_evaluations, job_id=f"evaluations-{period}", timeout=3600, period=period)


def get_cadres_to_evaluate(period, only: list[str] | None = None) -> list[frappe._dict]:
	"""Active cadres who joined by the end of the period, whom its policy scores and who have no
	evaluation in it yet (of `only` when given). A policy for one cadre category scores that
	category's cadres; a policy for every category scores the cadres of the categories without a
	policy of their own in force when the period starts."""
	c = DocType("Cadre")
	ce = DocType("Cadre Evaluation")
	done = set(
		frappe.qb.from_(ce)
		.select(ce.cadre)
		.where((ce.evaluation_period == period.name) & (ce.docstatus < 2))
		.run(pluck=True)
	)
	query = (
		frappe.qb.from_(c)
		.select(c.name, c.full_name, c.user, c.is_leader, c.organization_unit, c.rater)
		.where(
			(c.status == CADRE_ACTIVE)
			& (c.date_joined.isnull() | (c.date_joined <= getdate(period.period_end)))
		)
		.orderby(c.name)
	)
	category = Coalesce(c.cadre_category, "")
	if policy_category := frappe.db.get_value(
		"Evaluation Policy", period.evaluation_policy, "cadre_category"
	):
		query = query.where(category == policy_category)
	elif own := categories_with_own_policy(period.period_start):
		query = query.where(category.notin(sorted(own)))
	cadres = query.run(as_dict=True)
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
		commit = may_commit()
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
	if bulk:
		context.template = EvaluationTemplate(context)
	title = _("Creating evaluations for {0}").format(period.title)
	created: list[str] = []
	iterator = iter(cadres)
	while batch := list(islice(iterator, batch_size)):
		created.extend(write_batch(context, batch, bulk))
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


def write_batch(context, batch: list, bulk: bool) -> list[str]:
	"""Create the evaluations of a batch of cadres, all or none (a savepoint around the batch);
	returns their names."""
	savepoint = "soson_evaluation_batch"
	frappe.db.savepoint(savepoint)
	try:
		if bulk:
			names = make_batch(context, batch)
		else:
			names = [doc.name for doc in insert_one_by_one(context.period, batch)]
		# a period mostly on leave is marked so (Decree 335/2025, timing article cl. 3)
		start, end = context.period.period_start, context.period.period_end
		if on_leave := submitted_leave([c.name for c in batch], start, end):
			mark_evaluations(sorted(on_leave), start, end)
		return names
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		raise


def make_batch(context, batch: list) -> list[str]:
	"""Build and insert the evaluations of a batch of cadres (task figures in one grouped query);
	returns their names."""
	period = context.period
	tasks = get_task_figures([c.name for c in batch], period.period_start, period.period_end)
	rows = [context.template.evaluation(cadre, tasks.get(cadre.name) or TaskFigures()) for cadre in batch]
	return insert_in_bulk(rows)


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


class EvaluationDraft(frappe._dict):
	"""A new Cadre Evaluation as plain values, for `compute_evaluation` (which reads and sets fields,
	its `scores` rows, and asks whether the evaluation is new)."""

	def is_new(self) -> bool:
		return True

	def get_doc_before_save(self):
		return None


class EvaluationTemplate:
	"""The rows `Document.insert` writes for a new evaluation of the period: the DocType's defaults and
	the period's fields and score rows (from one `frappe.new_doc`), completed per cadre.

	`compute_evaluation` reads only the period, the policy, the score rows, the workflow state and the
	cadre's task and violation figures: its result is computed once per distinct (figures, leader)
	combination of the batch and reused, so most cadres cost a dict copy."""

	def __init__(self, context):
		self.context = context
		period = context.period
		doc = frappe.new_doc("Cadre Evaluation")
		doc.update(
			{
				"evaluation_period": period.name,
				"period_start": period.period_start,
				"period_end": period.period_end,
				"evaluation_policy": period.evaluation_policy,
				"workflow_state": EVAL_DRAFT,
				"docstatus": 0,
			}
		)
		build_score_rows(doc, context.criteria)
		self.parent = doc.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True)
		self.scores = [
			row.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True) for row in doc.scores
		]
		self.computed: dict[tuple, tuple[dict, list[dict]]] = {}

	def evaluation(self, cadre, tasks: TaskFigures) -> EvaluationDraft:
		"""The new evaluation of `cadre`, computed as its controller would on insert."""
		context = self.context
		violations = context.violations.get(cadre.name)
		draft = EvaluationDraft(self.parent)
		draft.update(
			{
				"cadre": cadre.name,
				"cadre_name": cadre.full_name,
				"cadre_user": cadre.user,
				"is_leader": cadre.is_leader,
				"organization_unit": cadre.organization_unit,
				"rater": cadre.rater,
				"rater_user": context.rater_users.get(cadre.rater) if cadre.rater else None,
				"evaluation_key": evaluation_key(context.period.name, cadre.name),
			}
		)
		fields, scores = self.compute(draft, tasks, violations)
		draft.update(fields)
		draft.scores = [frappe._dict(row) for row in scores]
		return draft

	def compute(self, draft: EvaluationDraft, tasks: TaskFigures, violations) -> tuple[dict, list[dict]]:
		"""(the fields `compute_evaluation` sets, the computed score rows) for these inputs."""
		key = (tasks, tuple(sorted((violations or {}).items())), draft.is_leader)
		if key not in self.computed:
			probe = EvaluationDraft(draft)
			probe.scores = [frappe._dict(row) for row in self.scores]
			compute_evaluation(probe, self.context.policy, tasks, violations)
			fields = {k: v for k, v in probe.items() if k != "scores" and k in self.parent}
			self.computed[key] = (fields, [dict(row) for row in probe.scores])
		fields, scores = self.computed[key]
		return {k: v for k, v in fields.items() if k not in CADRE_FIELDS}, scores


# The fields of an evaluation that belong to its cadre, never to the computed result.
CADRE_FIELDS = frozenset(
	(
		"cadre",
		"cadre_name",
		"cadre_user",
		"is_leader",
		"organization_unit",
		"rater",
		"rater_user",
		"evaluation_key",
	)
)


def reserve_names(count: int, key: str = SERIES_KEY, digits: int = NAME_DIGITS) -> list[str]:
	"""`count` consecutive names of a naming series: by default the Cadre Evaluation's
	(format:CE-{#######}); `key` is the text before the number, as Frappe's `getseries` keeps it."""
	series = DocType("Series")
	current = frappe.qb.from_(series).select(series.current).where(series.name == key).for_update().run()
	if current and current[0][0] is not None:
		start = cint(current[0][0])
		frappe.qb.update(series).set(series.current, start + count).where(series.name == key).run()
	else:
		start = 0
		frappe.qb.into(series).insert(key, count).run()
	return [f"{key}{n:0{digits}d}" for n in range(start + 1, start + count + 1)]


def insert_in_bulk(drafts: list[EvaluationDraft]) -> list[str]:
	"""Insert new evaluations (with their `scores`) with two multi-row INSERTs, writing the columns and
	values `Document.insert` would; returns their names."""
	if not drafts:
		return []
	user, timestamp = frappe.session.user, now()
	stamp = {"owner": user, "modified_by": user, "creation": timestamp, "modified": timestamp}
	parents, children = [], []
	for draft, name in zip(drafts, reserve_names(len(drafts)), strict=True):
		scores = draft.pop("scores")
		parents.append({**draft, **stamp, "name": name})
		children.extend(
			{**row, **stamp, "docstatus": 0, "name": score_row_name(name, row["idx"]), "parent": name}
			for row in scores
		)
	insert_rows("Cadre Evaluation", parents)
	insert_rows("Cadre Evaluation Score", children)
	return [row["name"] for row in parents]


def score_row_name(parent: str, idx: int) -> str:
	"""The name of a generated score row: unique as (parent, idx) is, and never a random hash."""
	return f"{parent}-{idx}"


def insert_rows(doctype: str, rows: list[dict], chunk_size: int = 2000) -> None:
	"""Multi-row INSERT of `rows` (dicts of the same columns) into `tab<doctype>`.

	Not `frappe.db.bulk_insert`: that builds the statement with pypika, which for 10,000 evaluations
	costs more than the database itself. Values are escaped by the connection's own `literal`, once
	per distinct value (most repeat: the period, the timestamp, the criteria, the scores), which
	halves the time the driver spends escaping (see benchmarks/)."""
	if not rows:
		return
	fields = list(rows[0])
	columns = ", ".join(f"`{f}`" for f in fields)
	literal = SqlLiterals()
	for start in range(0, len(rows), chunk_size):
		chunk = rows[start : start + chunk_size]
		values = ", ".join("(" + ", ".join(literal(row.get(f)) for f in fields) + ")" for row in chunk)
		frappe.db.sql(f"INSERT INTO `tab{doctype}` ({columns}) VALUES {values}")


class SqlLiterals:
	"""The SQL literal of a value, as the connection escapes it, remembered per (type, value)."""

	def __init__(self):
		self.escape = frappe.db._conn.literal
		self.seen: dict[tuple, str] = {}

	def __call__(self, value) -> str:
		key = (type(value), value)
		if (found := self.seen.get(key)) is None:
			found = self.seen[key] = self.escape(value)
		return found
