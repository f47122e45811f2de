"""Sum and classify each cadre's years of approved evaluations (`Cadre Year Result`, issue #12); from
then on a cadre's year is counted again at each approval and cancellation."""

from soson_discipline.evaluation.year_results import reconcile_year_results


def execute():
	reconcile_year_results()
