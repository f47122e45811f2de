"""The monthly cycle of a period's evaluations: due dates of each step, daily reminders, refreshing
evaluations when a violation changes, and moving periods on until they are finalized.

Every function here is idempotent: the daily jobs in `soson_discipline.tasks` may run twice.
"""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import add_days, add_months, cint, format_date, getdate, today

from soson_discipline.jobs import enqueue, in_background
from soson_discipline.notifications import notify
from soson_discipline.org import get_approver_users, rater_stand_in_users
from soson_discipline.scoring import QUOTA_BASE_GOOD_OR_BETTER, QUOTA_BASE_RATED_GOOD
from soson_discipline.scoring.periods import due_date_in_month
from soson_discipline.states import (
	EVAL_APPROVED,
	EVAL_RATED,
	EVAL_SELF_ASSESSED,
	EVAL_SELF_STATES,
	PERIOD_APPROVAL,
	PERIOD_FINALIZED,
	PERIOD_RATING,
	PERIOD_SELF_ASSESSMENT,
	PERIOD_STATUSES,
)

from .inputs import get_scoring_policy
from .quota import quota_checks, unit_levels


def due_days() -> dict[str, int]:
	"""The day of the month after a period by which each step is due (Discipline Settings): the
	self-assessment, the rating and the approval."""
	settings = frappe.get_cached_doc("Discipline Settings")
	return {
		"self": cint(settings.self_assessment_due_day) or 5,
		"rating": cint(settings.rating_due_day) or 8,
		"approval": cint(settings.approval_due_day) or 10,
	}


def get_due_dates(period) -> dict[str, object]:
	"""The date in the month after the period by which each step is due (`due_days`)."""
	after = add_months(getdate(period.period_end), 1)
	return {step: due_date_in_month(after.year, after.month, day) for step, day in due_days().items()}


def open_periods_ended_by(date) -> list[frappe._dict]:
	"""Periods not finalized whose last day is before `date`."""
	ep = DocType("Evaluation Period")
	return (
		frappe.qb.from_(ep)
		.select(ep.name, ep.title, ep.period_start, ep.period_end, ep.status, ep.evaluation_policy)
		.where((ep.status != PERIOD_FINALIZED) & (ep.period_end < getdate(date)))
		.orderby(ep.period_start)
		.run(as_dict=True)
	)


# --------------------------------------------------------------------------------------------------
# Reminders
# --------------------------------------------------------------------------------------------------


def step_reminders(due: dict) -> tuple:
	"""(states awaiting the step, due date, whom to remind, subject) of each step."""
	return (
		(
			EVAL_SELF_STATES,
			due["self"],
			"self",
			lambda lang: _("Self-assessment due on {0}: {1}", lang=lang),
		),
		(
			(EVAL_SELF_ASSESSED,),
			due["rating"],
			"rater",
			lambda lang: _("Rating due on {0}: {1}", lang=lang),
		),
		((EVAL_RATED,), due["approval"], "approver", lambda lang: _("Approval due on {0}: {1}", lang=lang)),
	)


def send_step_reminders(date=None) -> int:
	"""Remind cadres, raters and approvers of the evaluation steps due within the lead days (or
	overdue). One notification per evaluation, step and person a day. Returns how many were sent."""
	date = getdate(date or today())
	lead = cint(frappe.get_cached_doc("Discipline Settings").reminder_lead_days)
	approvers: dict[tuple, list[str]] = {}
	sent = 0
	for period in open_periods_ended_by(add_days(date, 1)):
		for states, due_date, whom, template in step_reminders(get_due_dates(period)):
			if date < add_days(due_date, -lead):
				continue
			rows = evaluations_in_states(period.name, states)
			stand_ins = rater_stand_in_users({r.rater for r in rows}, date) if whom == "rater" else {}
			for row in rows:
				if whom == "approver":
					key = (row.organization_unit, row.is_leader)
					if key not in approvers:
						approvers[key] = get_approver_users(row.organization_unit, row.is_leader)
					users = [u for u in approvers[key] if u != row.cadre_user]
				else:
					users = [row.rater_user if whom == "rater" else row.cadre_user]
					if whom == "rater":  # whoever acts for the rater, unless it is the cadre himself
						users += [u for u in stand_ins.get(row.rater, []) if u != row.cadre_user]

				def subject(lang, template=template, row=row, due_date=due_date, period=period):
					return template(lang).format(format_date(due_date), f"{row.cadre_name} ({period.title})")

				sent += len(
					notify(
						users,
						subject,
						"Cadre Evaluation",
						row.name,
						once_per_day_key=f"evaluation-step:{whom}",
						on=date,
					)
				)
	return sent


def evaluations_in_states(period: str, states: tuple) -> list[frappe._dict]:
	ce = DocType("Cadre Evaluation")
	return (
		frappe.qb.from_(ce)
		.select(
			ce.name, ce.cadre_name, ce.cadre_user, ce.rater, ce.rater_user, ce.organization_unit, ce.is_leader
		)
		.where((ce.evaluation_period == period) & (ce.docstatus == 0) & ce.workflow_state.isin(states))
		.run(as_dict=True)
	)


# --------------------------------------------------------------------------------------------------
# Refresh after a violation
# --------------------------------------------------------------------------------------------------


RESCORE_INLINE_UP_TO = 200


def rescore_open_evaluations(periods: list[str], publish: bool = False) -> int:
	"""Score again the evaluations of `periods` not yet approved (after their period moved to a
	revised policy): each saved as the system, its history kept. More than a few hundred go to the
	"long" queue. Returns how many were saved here."""
	ce = DocType("Cadre Evaluation")
	names = (
		frappe.qb.from_(ce)
		.select(ce.name)
		.where(ce.evaluation_period.isin(periods or [""]) & (ce.docstatus == 0))
		.orderby(ce.name)
		.run(pluck=True)
	)
	if not publish and in_background(len(names), RESCORE_INLINE_UP_TO):
		enqueue(
			rescore_open_evaluations,
			job_id=f"rescore-{'-'.join(sorted(periods))[:100]}",
			timeout=7200,
			periods=periods,
			publish=True,
		)
		return 0
	for i, name in enumerate(names, 1):
		doc = frappe.get_doc("Cadre Evaluation", name)
		doc.flags.ignore_evaluation_rules = True
		doc.flags.ignore_permissions = True
		doc.save()
		if publish and i % 500 == 0:
			frappe.db.commit()
			frappe.publish_progress(i * 100 / len(names), title=_("Scoring the open evaluations again"))
	return len(names)


def refresh_evaluations(cadre: str, date) -> list[str]:
	"""Recompute the not-yet-approved evaluation(s) of `cadre` whose period holds `date` (called when a
	violation record of the cadre changes). Saves keep the version history. Returns their names."""
	ce = DocType("Cadre Evaluation")
	ep = DocType("Evaluation Period")
	date = getdate(date)
	names = (
		frappe.qb.from_(ce)
		.join(ep)
		.on(ep.name == ce.evaluation_period)
		.select(ce.name)
		.where(
			(ce.cadre == cadre)
			& (ce.docstatus == 0)
			& (ep.period_start <= date)
			& (ep.period_end >= date)
			& (ep.status != PERIOD_FINALIZED)
		)
		.run(pluck=True)
	)
	for name in names:
		doc = frappe.get_doc("Cadre Evaluation", name)
		doc.flags.ignore_evaluation_rules = True
		doc.flags.ignore_permissions = True
		doc.save(ignore_version=False)  # keep the history, even when called from tests
	return names


# --------------------------------------------------------------------------------------------------
# Finalizing and moving periods on
# --------------------------------------------------------------------------------------------------


def finalization_problems(period) -> list[str]:
	"""Why `period` cannot be finalized yet (empty when it can): evaluations not approved, and units
	where the top level exceeds the policy's quota."""
	ce = DocType("Cadre Evaluation")
	rows = (
		frappe.qb.from_(ce)
		.select(ce.organization_unit, ce.final_level, ce.docstatus)
		.where((ce.evaluation_period == period.name) & (ce.docstatus < 2))
		.run(as_dict=True)
	)
	problems = []
	pending = [r for r in rows if r.docstatus != 1]
	if pending:
		problems.append(_("{0} of {1} evaluations are not approved yet.").format(len(pending), len(rows)))
	policy = get_scoring_policy(period.evaluation_policy)
	if not policy.quota_applies_to("Period"):
		# the policy holds the quota in the year's classification: no month is refused for it
		return problems
	levels_by_unit: dict[str, list[str]] = {}
	for r in rows:
		if r.docstatus == 1:
			levels_by_unit.setdefault(r.organization_unit, []).append(r.final_level)
	reported = set()
	for _unit, (pool, quota) in sorted(quota_checks(period.name, policy, levels_by_unit).items()):
		if quota.ok or pool in reported:
			continue
		reported.add(pool)
		problems.append(
			_("{0}: {1} cadres are at the top level {2} but at most {3} may be ({4}% of {5}).").format(
				frappe.bold(frappe.db.get_value("Organization Unit", pool, "unit_name") or pool),
				quota.top_count,
				frappe.bold(policy.top_level_code),
				quota.allowed,
				f"{quota.percent:g}",
				quota.base_count,
			)
		)
	return problems


def unit_quota_so_far(period: str, unit: str, policy_name: str) -> dict:
	"""The top-level quota of `unit`'s pool (`evaluation.quota`) in `period` over the evaluations
	rated so far (Rated or Approved): what finalization will check on the approved ones, shown to the
	rater and the approver while they can still change a level, instead of a refusal at the end of the
	month."""
	live = (EVAL_RATED, EVAL_APPROVED)
	policy = get_scoring_policy(policy_name)
	levels = unit_levels(period, [unit], live).get(unit, [])
	pool, quota = quota_checks(period, policy, {unit: levels}, live)[unit]
	shared = pool != unit or bool(frappe.db.exists("Organization Unit", {"quota_agency": unit}))
	each_period = policy.quota_applies_to("Period")
	message = quota_message(policy, quota, pool if shared else None)
	if not each_period:
		message += " " + _(
			"The policy applies the quota to the year's classification, not to each period: this figure only informs."
		)
	return {
		"top_level": policy.top_level_code,
		"top_count": quota.top_count,
		"allowed": quota.allowed,
		"base_count": quota.base_count,
		"percent": quota.percent,
		"ok": quota.ok or not each_period,
		"pool": pool,
		"message": message,
	}


def quota_message(policy, quota, pool: str | None = None) -> str:
	"""The quota so far, in words, by the base the policy counts it on; `pool` names the unit whose
	quota several units share."""
	if pool:
		pool_name = frappe.db.get_value("Organization Unit", pool, "unit_name") or pool
		text = {
			QUOTA_BASE_RATED_GOOD: _(
				"Top level {0} in {5} (units counted together) so far: {1}, of the {2} evaluations rated good; at most {3} may be ({4}% of {2})."
			),
			QUOTA_BASE_GOOD_OR_BETTER: _(
				"Top level {0} in {5} (units counted together) so far: {1} of the {2} evaluations rated good or better; at most {3} may be ({4}% of {2})."
			),
		}.get(
			policy.quota_base,
			_(
				"Top level {0} in {5} (units counted together) so far: {1} of the {2} evaluations rated; at most {3} may be ({4}% of {2})."
			),
		)
		return text.format(
			policy.top_level_code,
			quota.top_count,
			quota.base_count,
			quota.allowed,
			f"{quota.percent:g}",
			pool_name,
		)
	text = {
		QUOTA_BASE_RATED_GOOD: _(
			"Top level {0} in this unit so far: {1}, of the {2} evaluations rated good; at most {3} may be ({4}% of {2})."
		),
		QUOTA_BASE_GOOD_OR_BETTER: _(
			"Top level {0} in this unit so far: {1} of the {2} evaluations rated good or better; at most {3} may be ({4}% of {2})."
		),
	}.get(
		policy.quota_base,
		_(
			"Top level {0} in this unit so far: {1} of the {2} evaluations rated; at most {3} may be ({4}% of {2})."
		),
	)
	return text.format(
		policy.top_level_code, quota.top_count, quota.base_count, quota.allowed, f"{quota.percent:g}"
	)


def advance_periods(date=None) -> list[tuple[str, str]]:
	"""Move every unfinished period whose month is over to the step its due days call for, and
	finalize those past the approval day that can be (all approved, quota kept). Idempotent: a
	status only moves forward. Returns (period, new status) for the periods changed."""
	date = getdate(date or today())
	changed = []
	for row in open_periods_ended_by(date):
		due = get_due_dates(row)
		target = PERIOD_SELF_ASSESSMENT
		if date > due["self"]:
			target = PERIOD_RATING
		if date > due["rating"]:
			target = PERIOD_APPROVAL
		if date > due["approval"] and not finalization_problems(row):
			target = PERIOD_FINALIZED
		if PERIOD_STATUSES.index(target) <= PERIOD_STATUSES.index(row.status):
			continue
		period = frappe.get_doc("Evaluation Period", row.name)
		period.status = target
		period.flags.ignore_permissions = True
		period.save()
		changed.append((period.name, target))
	return changed
