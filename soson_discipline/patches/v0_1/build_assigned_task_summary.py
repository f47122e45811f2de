"""Count the existing tasks per unit and due month (`Assigned Task Summary`, issue #12); from then on
the summary is kept in step as tasks change."""

from soson_discipline.campaign.task_summary import reconcile_task_summary


def execute():
	reconcile_task_summary()
