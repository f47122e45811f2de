"""The two policies the app ships (seeded once as editable ``Evaluation Policy`` documents).

Published figures are reproduced exactly; where the texts do not settle a rule, the choice made is
stated in ``description`` (and can be changed by the office on its copy of the policy).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .policy import (
	GROUP_BONUS,
	GROUP_GENERAL,
	GROUP_TASK_RESULTS,
	METHOD_SEPARATE,
	NO_TASKS_RATER,
	PENALTY_PER_PRODUCT,
	PENALTY_PROGRESS_RATIO,
	QUOTA_BASE_ALL_RATED,
	QUOTA_BASE_RATED_GOOD,
	QUOTA_YEAR,
	SOURCE_MANUAL,
	SOURCE_TASK_PROGRESS,
	SOURCE_TASK_QUALITY,
	SOURCE_TASK_QUANTITY,
	SOURCE_VIOLATIONS,
	Band,
	Criterion,
	Policy,
)

LABEL_EXCELLENT = "Excellently Completed Duties"
LABEL_GOOD = "Well Completed Duties"
LABEL_COMPLETED = "Completed Duties"
LABEL_NOT_COMPLETED = "Not Completed Duties"


@dataclass(frozen=True)
class StandardPolicy:
	name: str
	effective_from: date
	effective_to: date | None
	period_type: str
	policy: Policy
	description: tuple[str, ...]
	"""Sentences (each translated on its own when seeded)."""
	criterion_descriptions: dict[str, str]
	cadre_category: str = ""
	"""The cadre category the policy is for ("" for every category without a policy of its own)."""
	disabled: bool = False
	"""Shipped disabled: an office enables it when it rates that category under it."""
	q4_with_year: bool = False
	"""Guidance 43-HD/BTCTW: the fourth quarter is classified with the year, not on its own."""
	governs: tuple[str, ...] = ()
	"""The cadre categories the policy's text governs (a category scored under it by the catch-all
	rule but not listed here is the office's choice, and the desk says so)."""


# ----- Decree 335/2025/NĐ-CP (in force 1/1/2026) -----
D335_A = "Political qualities, ethics and discipline"
D335_B = "Competence, responsibility and service"
D335_C = "Innovation and initiative"
D335_QUANTITY = "Quantity of products"
D335_QUALITY = "Quality of products"
D335_PROGRESS = "Progress of products"

DECREE_335 = StandardPolicy(
	name="Decree 335/2025",
	effective_from=date(2026, 1, 1),
	effective_to=None,
	governs=("Civil Servant",),
	period_type="Monthly",
	policy=Policy(
		criteria=(
			Criterion(D335_A, GROUP_GENERAL, 10, SOURCE_VIOLATIONS),
			Criterion(D335_B, GROUP_GENERAL, 10, SOURCE_MANUAL),
			Criterion(D335_C, GROUP_GENERAL, 10, SOURCE_MANUAL),
			Criterion(D335_QUANTITY, GROUP_TASK_RESULTS, 30, SOURCE_TASK_QUANTITY),
			Criterion(D335_QUALITY, GROUP_TASK_RESULTS, 20, SOURCE_TASK_QUALITY),
			Criterion(D335_PROGRESS, GROUP_TASK_RESULTS, 20, SOURCE_TASK_PROGRESS),
		),
		bands=(
			# levels article cl. 1-3: points only (no on-time or quality condition on any level)
			Band("HTXSNV", LABEL_EXCELLENT, 90),
			Band("HTTNV", LABEL_GOOD, 70),
			Band("HTNV", LABEL_COMPLETED, 50),
			Band("KHTNV", LABEL_NOT_COMPLETED, 0),
		),
		quota_percent=20,
		quota_base=QUOTA_BASE_RATED_GOOD,
		quota_period=QUOTA_YEAR,
		late_penalty_percent=25,
		failed_penalty_percent=25,
		not_completed_on_discipline=True,
		top_level_code="HTXSNV",
		not_completed_level_code="KHTNV",
		good_level_code="HTTNV",
		max_violation_deduction=None,
		task_result_method=METHOD_SEPARATE,
		no_task_rule=NO_TASKS_RATER,
		penalty_rule=PENALTY_PER_PRODUCT,
	),
	description=(
		"Decree 335/2025/ND-CP on evaluating and classifying civil servants, in force from 1 January 2026: 100 points, general criteria 30 and task results 70.",
		"Categories its text governs: civil servants. As the policy for every category without one of its own it also scores cadres, public employees and workers: that is the office's choice, and this form and the board's page say so until those categories get a policy of their own.",
		"Levels (levels article cl. 1-3): excellent at 90 points or more, good from 70 to under 90, completed from 50 to under 70. No level has a condition beyond the points: a delay or a failed assessment costs 25% of that product's points (Art. 14), not the level.",
		"Not completed (levels article cl. 4) in any of its four cases: (a) under 50 points; (b) concluded by the competent level to show degradation or to have breached what Party members must not do (a violation category that forces not completed); (c) disciplined at reprimand level or above in the year of evaluation; (d) a leader whose directly managed unit was dealt with for embezzlement, corruption or waste.",
		"Discipline at reprimand level or above rates the civil servant as not completed whatever the points (cl. 4(c)); it counts in the period of the disciplinary decision (the detection date when no decision date is recorded), and in the quarter and the year that contain it. Decree 48/2023: an act that already rated the person not completed is not counted again in the year a later decision is issued.",
		"Quota (levels article cl. 5(a)): those classified excellent may be at most 20% of those classified good, read literally (the base is those rated good; an office may choose Rated Good or Better), rounded down, within the same agency or group with similar tasks (Quota Counted With). The ratio is one of the classification, which follows the work year (timing article cl. 1): it applies to the year's classification, never to a month.",
		"Task results (Art. 14) compare completed with assigned products, weighted by their conversion coefficients: quantity = completed / assigned, quality = completed and not failed / assigned, progress = on time / assigned.",
		"Assumption: the decree's formula combining quantity, quality and progress is published as an image that was not available; this policy scores them as separate criteria of 30, 20 and 20 points (task result method 'Separate Criteria'). Check it against the official text and adjust the points or the method.",
		"Assumption: the general criteria are split equally (10 points each for (a), (b) and (c)).",
		"Penalties (penalty rule 'Per-Product Penalty'): a product completed late keeps its progress points less 25% of them, a product that failed its quality assessment keeps its quality points less 25% of them; a late or failed product is punished once, not also by the ratio. A product still open past its due date is not completed and earns no quantity, quality or progress points. Each delay and each failed assessment of a product counts, from the task's history: a deadline missed and moved is a delay, a completion after the due date another; a product failed, reopened and completed again keeps its failure, and earns and costs nothing while it is reopened. Assumption: the decree's exception for an objective cause confirmed by the competent level is applied by the rater, not computed.",
		"Criterion (a), like (b) and (c), is self-assessed by the civil servant and rated by the rater; nobody's score is assumed (a criterion left unscored counts 0 and the reasons say so). Violation deductions apply on top of the rated score: from criterion (a) down to 0 and the rest from the total, with no cap. Assumption: the decree sets no per-violation deduction; the points come from the violation categories.",
		"Assumption: when no task was assigned in the period, the rater scores the task results (whoever assigns the work rates it); the setting can give full points instead.",
		"The quarter's and the year's level come from the average of the approved period scores (timing article cl. 1), under the same levels; discipline dated within them keeps them at not completed.",
	),
	criterion_descriptions={
		D335_A: "(a) Political and moral qualities, public-service culture, sense of discipline",
		D335_B: "(b) Professional competence for the job position, responsibility, attitude of service to people and businesses, coordination with colleagues",
		D335_C: "(c) Innovation and creativity, daring to think, act and take responsibility",
		D335_QUANTITY: "Completed products / assigned products (converted)",
		D335_QUALITY: "Completed products meeting quality / assigned products (converted)",
		D335_PROGRESS: "Products completed on time or early / assigned products (converted)",
	},
)

# ----- Hanoi Decision 3814-QĐ/TU (16/5/2018), monthly framework criteria -----
H_DISCIPLINE = "Discipline and ethics"
H_QUANTITY = "Duties: quantity"
H_QUALITY = "Duties: quality"
H_PROGRESS = "Duties: progress"
H_BONUS = "Bonus points"

HANOI_3814 = StandardPolicy(
	name="Hanoi Monthly Framework 3814-QĐ/TU",
	effective_from=date(2018, 5, 16),
	# no repealing text is cited: no end date; shipped disabled, an office that still scores monthly
	# under it enables it (two policies for the same cadres may not be in force on the same day)
	effective_to=None,
	disabled=True,
	governs=("Cadre", "Civil Servant", "Public Employee"),
	period_type="Monthly",
	policy=Policy(
		criteria=(
			Criterion(H_DISCIPLINE, GROUP_GENERAL, 20, SOURCE_VIOLATIONS),
			Criterion(H_QUANTITY, GROUP_TASK_RESULTS, 30, SOURCE_TASK_QUANTITY),
			Criterion(H_QUALITY, GROUP_TASK_RESULTS, 20, SOURCE_TASK_QUALITY),
			Criterion(H_PROGRESS, GROUP_TASK_RESULTS, 20, SOURCE_TASK_PROGRESS),
			Criterion(H_BONUS, GROUP_BONUS, 10, SOURCE_MANUAL),
		),
		bands=(
			Band("A", LABEL_EXCELLENT, 90),
			Band("B", LABEL_GOOD, 70),
			Band("C", LABEL_COMPLETED, 50),
			Band("D", LABEL_NOT_COMPLETED, 0),
		),
		quota_percent=30,
		quota_base=QUOTA_BASE_ALL_RATED,
		late_penalty_percent=0,
		failed_penalty_percent=0,
		not_completed_on_discipline=True,
		top_level_code="A",
		not_completed_level_code="D",
		good_level_code="B",
		max_violation_deduction=None,
		task_result_method=METHOD_SEPARATE,
		no_task_rule=NO_TASKS_RATER,
		penalty_rule=PENALTY_PROGRESS_RATIO,
	),
	description=(
		"Decision 3814-QD/TU of the Hanoi Party Committee (16 May 2018), framework criteria for the monthly evaluation of cadres, civil servants and public employees: discipline and ethics 20, results of assigned duties 70, bonus 10 (100 points).",
		"No repealing text is cited here, so the framework has no end date; it ships disabled: an office that still scores monthly under it enables it, after ending or narrowing the policy that scores the same cadres (two policies for the same cadres may not be in force on the same day).",
		"Grades: A from 90, B from 70 to under 90, C from 50 to under 70, D under 50.",
		"Quota: grade A at most 30% of all those rated, rounded down (units with especially outstanding results may be allowed 40%: raise the quota on a copy of this policy).",
		"Assumption: the 70 points for duties are scored from the assigned tasks as quantity 30, quality 20 and progress 20; the decision sets no penalty for late or failed products (penalty rule 'Progress Ratio': a late task earns no progress points, a failed one no quality points) and no hard condition beyond the score.",
		"Discipline at reprimand level or above rates the cadre as not completed (grade D): this comes from Decree 48/2023 (national, from 15 September 2023), not from Decision 3814.",
		"The discipline and ethics criterion is self-assessed and rated like the bonus (a criterion left unscored counts 0 and the reasons say so); violation deductions apply on top: from this criterion down to 0 and the rest from the total, with no cap.",
		"Assumption: when no task was assigned in the month, the rater scores the duties (whoever assigns the work rates it); the setting can give full points instead.",
	),
	criterion_descriptions={
		H_DISCIPLINE: "Sense of organisation and discipline, moral qualities",
		H_QUANTITY: "Completed tasks / assigned tasks (weighted)",
		H_QUALITY: "Completed tasks meeting quality / assigned tasks (weighted)",
		H_PROGRESS: "Tasks completed on time / assigned tasks (weighted)",
		H_BONUS: "Bonus for outstanding results, initiatives or extra work",
	},
)

# ----- Regulation 366-QĐ/TW (Politburo, 30/8/2025): Party cadres, quarterly -----
REGULATION_366 = StandardPolicy(
	name="Regulation 366-QĐ/TW",
	effective_from=date(2025, 8, 30),
	effective_to=None,
	period_type="Quarterly",
	cadre_category="Cadre",
	disabled=True,
	governs=("Cadre",),
	# Art. 11 for an individual without a leadership post: 90 and 70, each with every task on time
	# and of the required quality, and 50; the per-product penalties are Decree 335's, not the Party's
	policy=replace(
		DECREE_335.policy,
		bands=(
			Band("HTXSNV", LABEL_EXCELLENT, 90, min_on_time_percent=100, min_quality_percent=100),
			Band("HTTNV", LABEL_GOOD, 70, min_on_time_percent=100, min_quality_percent=100),
			Band("HTNV", LABEL_COMPLETED, 50),
			Band("KHTNV", LABEL_NOT_COMPLETED, 0),
		),
		late_penalty_percent=0,
		failed_penalty_percent=0,
		penalty_rule=PENALTY_PROGRESS_RATIO,
	),
	description=(
		"Regulation 366-QD/TW of the Politburo (30 August 2025), replacing Regulation 124: evaluation of collectives and individuals in the political system on a 100-point scale, general criteria 30 and task results 70, by term, yearly, quarterly or when needed.",
		"Shipped disabled, for the cadre category Cadre: enable it when the office rates its Party cadres under it; civil servants stay under Decree 335/2025.",
		"Levels (Art. 11) for an individual without a leadership post: excellent at 90 points or more and good from 70 to under 90, each with 100% of the tasks on time and meeting the required quality ('đúng tiến độ, bảo đảm chất lượng'): a late product or one that failed its quality assessment keeps both levels away; completed from 50 to under 70. The quarter and the year are classified under the same article, over all the tasks of their periods.",
		"Assumption: the conditions of a leader (the area led completes 100% of its tasks, at least 30% exceeded) and of a collective (no more than 20% of tasks late for completed) are not set here: they concern the tasks of the area led, not the person's own. A task's quality result records whether it exceeded requirements, so a copy of this policy may require a share of a person's tasks exceeded, or a maximum share late, on a level.",
		"Every general criterion is self-assessed and rated (a criterion left unscored counts 0 and the reasons say so); violation deductions apply on top, with no cap.",
		"Assumption: the wording of not completed was not retrieved; this policy takes under 50 points, and discipline at reprimand level or above, as in Decree 335.",
		"Assumption: the quota under Regulation 366 was not found; this policy keeps Regulation 124's: those classified excellent at most 20% of those classified good, rounded down, in the year's classification (Guidance 43-HD/BTCTW: the year-end proposal respects the ratio), never in a quarter.",
		"Assumption: the appendix criteria were not retrieved; the general criteria (political quality, ethics, lifestyle and exemplary conduct; innovative thinking and daring to act; self-criticism and fixing shortcomings) are scored as three criteria of 10 points and the task results as quantity 30, quality 20 and progress 20, without penalties beyond the progress ratio.",
		"Guidance 43-HD/BTCTW rates the first three quarters and merges the fourth into the year-end rating: the fourth quarter gets no classification of its own, and its evaluation, made at the year's end, counts in the year's classification (Cadre Classification).",
		"Assumption: the year's classification averages the four quarters' evaluations, each weighing the same.",
	),
	criterion_descriptions=DECREE_335.criterion_descriptions,
	q4_with_year=True,
)

STANDARD_POLICIES = (DECREE_335, HANOI_3814, REGULATION_366)
