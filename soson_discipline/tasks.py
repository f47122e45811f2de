"""Scheduled entry points of soson_discipline (registered in hooks.scheduler_events).

v15 names a Scheduled Job Type after the last two dotted parts of the method, so every entry point
has a distinctive name. The work itself lives in the service modules; each job is idempotent.
"""

from frappe.utils import today

from soson_discipline.campaign.task_jobs import mark_overdue_tasks, send_task_reminders
from soson_discipline.campaign.task_summary import reconcile_task_summary
from soson_discipline.early_warning.detection import raise_warnings
from soson_discipline.evaluation.cycle import advance_periods, send_step_reminders
from soson_discipline.evaluation.generation import enqueue_generation, get_or_create_periods
from soson_discipline.evaluation.year_results import reconcile_year_results
from soson_discipline.reporting.drafting import draft_due_reports
from soson_discipline.roles import sync_acting_roles
from soson_discipline.utils.naming import ensure_year_series
from soson_discipline.violations.corrective_actions import remind_overdue_corrective_actions

# Naming


def make_yearly_naming_series():
	"""Daily: the counters of this year's and next year's document numbers exist before the year's
	first document (utils.naming); a second run makes none."""
	return ensure_year_series()


# Roles


def sync_roles_of_acting_cadres(date=None):
	"""Daily: a cadre whose acting span starts today gets the post's roles, one whose span ended
	yesterday loses them (roles.sync_acting_roles); a second run changes nothing."""
	return sync_acting_roles(date)


# Reporting


def draft_due_periodic_reports(date=None):
	"""Daily: draft the periodic reports whose period ends today (or ended and was missed), once."""
	return draft_due_reports(date)


# Campaign


def mark_overdue_assigned_tasks():
	"""Daily: Open / In Progress tasks past their due date become Overdue (idempotent)."""
	return mark_overdue_tasks()


def reconcile_assigned_task_summary():
	"""Daily (long queue): recount the tasks per unit and month and correct the summary where it differs
	(a bulk import, a change made in SQL); a second run corrects nothing."""
	return reconcile_task_summary(publish=True)


def reconcile_cadre_year_results():
	"""Daily (long queue): recount this year's and last year's approved evaluations per cadre and
	rewrite the results that differ; a second run rewrites nothing."""
	return reconcile_year_results(publish=True)


def send_assigned_task_reminders():
	"""Daily: remind assignees and unit heads of tasks due soon or overdue, once per task per day."""
	return send_task_reminders()


# Evaluation


def create_monthly_cadre_evaluations(date=None):
	"""Monthly: open the period of each policy in force today (one a cadre category with a policy of
	its own, one for the others) and create, in a background job each, an evaluation for every active
	cadre it scores who has none (a second run creates nothing). Returns the periods."""
	periods = get_or_create_periods(date or today())
	for period in periods:
		enqueue_generation(period)
	return periods


def send_evaluation_step_reminders(date=None):
	"""Daily: remind of pending self-assessments, ratings and approvals against Discipline Settings'
	due days, once per evaluation, step and person a day."""
	return send_step_reminders(date)


def advance_evaluation_periods(date=None):
	"""Daily: move periods on after their due days and finalize those complete after the approval day."""
	return advance_periods(date)


# Violations


def send_corrective_action_reminders(date=None):
	"""Daily: remind the responsible cadre and the unit head of corrective actions past due, once per
	action per day."""
	return remind_overdue_corrective_actions(date)


# Early warnings


def raise_early_discipline_warnings(date=None):
	"""Daily (long queue): raise the early warnings whose signal holds, note those that no longer
	hold (early_warning.detection); a second run changes nothing."""
	return raise_warnings(date)
