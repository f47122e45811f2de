"""Daily entry point of the follow-up (registered in hooks.scheduler_events["daily"]; distinctive
name, as v15 names a Scheduled Job Type after the last two dotted parts). Idempotent: a second run
the same day notifies nobody again."""

from soson_discipline.followup.consultations import remind_due_consultations
from soson_discipline.followup.urging import escalate_overdue_tasks


def remind_consultations_and_urge_overdue_work(date=None) -> dict:
	"""Daily: remind consulted units of requests due or overdue, and urge overdue tasks to the unit head
	and then the presiding board by the days set in Discipline Settings."""
	return {
		"consultations": remind_due_consultations(date),
		"urged": escalate_overdue_tasks(date),
	}
