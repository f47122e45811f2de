"""Evaluation policies as plain data: criteria, bands, quota and penalty settings.

Framework-free (stdlib only): the Frappe DocType ``Evaluation Policy`` builds a :class:`Policy` with
``get_scoring_policy()``; everything here can be tested with plain pytest.

Readings of the rules that are *assumptions* (the published texts do not settle them) are named in
the docstrings below and in the descriptions of the policies the app ships.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SCALE = 100.0
"""Every policy scores on a 100-point scale (Hanoi 3814-QĐ/TU, Decree 335/2025, Regulation 366)."""

GROUP_GENERAL = "General"
GROUP_TASK_RESULTS = "Task Results"
GROUP_BONUS = "Bonus"
CRITERION_GROUPS = (GROUP_GENERAL, GROUP_TASK_RESULTS, GROUP_BONUS)

SOURCE_MANUAL = "Manual"
SOURCE_TASK_QUANTITY = "Task Quantity"
SOURCE_TASK_PROGRESS = "Task Progress"
SOURCE_TASK_QUALITY = "Task Quality"
SOURCE_VIOLATIONS = "Violations"
TASK_SOURCES = (SOURCE_TASK_QUANTITY, SOURCE_TASK_PROGRESS, SOURCE_TASK_QUALITY)
CRITERION_SOURCES = (SOURCE_MANUAL, *TASK_SOURCES, SOURCE_VIOLATIONS)

QUOTA_BASE_ALL_RATED = "All Rated"
QUOTA_BASE_RATED_GOOD = "Rated Good"
"""Those rated at the good level (Decree 335/2025, levels article 5(a), read literally: the top level
at most 20 % "of the civil servants classified 'Hoàn thành tốt nhiệm vụ'")."""
QUOTA_BASE_GOOD_OR_BETTER = "Rated Good or Better"
"""Those rated at the good level or above (an office's reading: an excellent rating is also a good one)."""
QUOTA_BASES = (QUOTA_BASE_ALL_RATED, QUOTA_BASE_RATED_GOOD, QUOTA_BASE_GOOD_OR_BETTER)

QUOTA_EACH_PERIOD = "Each Period"
"""The quota holds in every evaluation period (Hanoi 3814: grade A at most 30 % each month) and in
each quarter's and year's classification."""
QUOTA_YEAR = "Year's Classification"
"""The quota holds in the year's classification only (Decree 335/2025: the ratio is one of the
classification, which follows the work year; Guidance 43-HD/BTCTW: the year-end proposal respects
the ratio). A month or a quarter is never refused for it."""
QUOTA_PERIODS = (QUOTA_EACH_PERIOD, QUOTA_YEAR)

METHOD_SEPARATE = "Separate Criteria"
"""Each task criterion earns its own ratio × its max points: the max points of the Task Quantity,
Task Progress and Task Quality rows ARE the weights of (a), (b), (c)."""
METHOD_AVERAGE = "Average of Ratios"
"""Every task criterion earns its max points × the unweighted mean of the ratios of the task sources
the policy uses: (a), (b), (c) count equally whatever the split of the points."""
METHOD_PRODUCT = "Product of Ratios"
"""Every task criterion earns its max points × the product of the ratios of the task sources the
policy uses: a shortfall in any of (a), (b), (c) scales the whole task result."""
TASK_RESULT_METHODS = (METHOD_SEPARATE, METHOD_AVERAGE, METHOD_PRODUCT)

NO_TASKS_RATER = "Scored by the Rater"
"""A period with no task assigned: the task criteria are scored by the rater like manual criteria
(whoever assigns the work rates it), so an idle month is judged, not given full marks."""
NO_TASKS_FULL_POINTS = "Full Points"
"""A period with no task assigned: the task criteria get their full points (nothing was asked, so
nothing fell short)."""
NO_TASK_RULES = (NO_TASKS_RATER, NO_TASKS_FULL_POINTS)

PENALTY_PROGRESS_RATIO = "Progress Ratio"
"""A late product earns no progress points and a failed one no quality points (the ratios alone); no
penalty on top, whatever the penalty percentages say."""
PENALTY_PER_PRODUCT = "Per-Product Penalty"
"""Decree 335 Art. 14 read literally: a completed product keeps its progress and quality points, less
``late_penalty_percent`` % of them for each delay and ``failed_penalty_percent`` % for each failed
assessment (never both the lost ratio *and* the penalty)."""
PENALTY_RULES = (PENALTY_PROGRESS_RATIO, PENALTY_PER_PRODUCT)

DISCIPLINE_OUTCOMES = (
	"None",
	"Reminder",
	"Reprimand",
	"Warning",
	"Salary Downgrade",
	"Demotion",
	"Dismissal",
	"Forced Dismissal",
	"Expulsion",
)
"""From the lightest to the heaviest: Party forms (Reprimand, Warning, Dismissal, Expulsion) and the
civil-servant forms of the Law on Cadres and Civil Servants (Reprimand, Warning, Salary Downgrade,
Demotion, Dismissal, Forced Dismissal); "Reminder" is not a discipline form."""
DISCIPLINE_FORCING_OUTCOMES = frozenset(DISCIPLINE_OUTCOMES[2:])
"""Discipline at reprimand level or above forces "not completed" (Decree 48/2023, Decree 335/2025 Art. 20(c))."""

UNIT_DEALT_WITH = "Unit Dealt With"
"""Not a discipline outcome: what forces a leader's span when a unit he or she leads directly was dealt
with for embezzlement, corruption or waste in it (Decree 335/2025, levels article 4(d))."""

SPAN_FORCING_OUTCOMES = DISCIPLINE_FORCING_OUTCOMES | {UNIT_DEALT_WITH}
"""What forces a quarter or a year to not completed besides a period kept forced."""


@dataclass(frozen=True)
class Reason:
	"""A translatable explanation: an English template with ``{0}`` placeholders and its arguments.

	The Frappe side shows it with ``_(reason.message).format(*reason.args)``; ``str(reason)`` gives
	the English text.
	"""

	message: str
	args: tuple = ()

	def text(self, translate=None) -> str:
		"""The message with its arguments; ``translate`` (e.g. frappe's ``_``) is applied to the
		template and to the string arguments (option values such as "Reprimand" or a level label)."""
		if not translate:
			return self.message.format(*self.args)
		args = [translate(a) if isinstance(a, str) else a for a in self.args]
		return translate(self.message).format(*args)

	def __str__(self) -> str:
		return self.text()


@dataclass(frozen=True)
class Criterion:
	key: str
	group: str
	max_points: float
	source: str
	label: str = ""
	default_points: float | None = None
	"""The score of a criterion people rate when nobody entered one (None: it counts 0, and the
	reasons say so). A policy states it; a "Violations" criterion is never silently given full points."""

	@property
	def is_task(self) -> bool:
		return self.source in TASK_SOURCES

	@property
	def title(self) -> str:
		return self.label or self.key


@dataclass(frozen=True)
class Band:
	"""A level: its minimum score plus optional hard conditions on the period's (weighted) tasks, each
	None when the level has none. A cadre reaches the level only when the score *and* every condition
	hold (Decree 335 Art. 20, Regulation 366 Art. 11); shares are percentages of the tasks assigned and
	are not checked in a period without tasks."""

	level_code: str
	level_label: str
	min_score: float
	min_on_time_percent: float | None = None
	"""At least this share of the tasks completed on time (Regulation 366 Art. 11: 100 for excellent
	and good)."""
	min_quality_percent: float | None = None
	"""At least this share of the tasks completed and meeting the required quality, none failed
	(Regulation 366 Art. 11: 100 for excellent and good, "đúng tiến độ, bảo đảm chất lượng")."""
	min_exceeded_percent: float | None = None
	"""At least this share of the tasks exceeding requirements (Regulation 366: 30 for excellent)."""
	max_late_percent: float | None = None
	"""At most this share of the tasks late (Regulation 366, collectives: 20 for completed)."""

	@property
	def conditions(self) -> tuple:
		return tuple(
			(name, value)
			for name, value in (
				("min_on_time_percent", self.min_on_time_percent),
				("min_quality_percent", self.min_quality_percent),
				("min_exceeded_percent", self.min_exceeded_percent),
				("max_late_percent", self.max_late_percent),
			)
			if value is not None
		)


# Problem templates of Policy.validate() (kept few and fixed: they are translated).
P_NO_CRITERIA = "The policy has no criteria"
P_CRITERION_KEY = "Criterion row {0} has no name"
P_DUPLICATE_CRITERION = "Criterion {0} appears more than once"
P_CRITERION_GROUP = "Criterion {0} has an unknown group {1}"
P_CRITERION_SOURCE = "Criterion {0} has an unknown source {1}"
P_CRITERION_POINTS = "Criterion {0} must have more than 0 points, not {1}"
P_TASK_SOURCE_GROUP = "Criterion {0} is computed from tasks and must be in the Task Results group"
P_BONUS_SOURCE = "Bonus criterion {0} must be scored manually"
P_CRITERIA_TOTAL = (
	"The General and Task Results criteria must add up to 100 points (or to 100 together with the Bonus"
	" criteria); they add up to {0}, with {1} bonus points"
)
P_NO_BANDS = "The policy has no levels"
P_BAND_CODE = "Level row {0} has no code"
P_DUPLICATE_BAND = "Level {0} appears more than once"
P_BAND_SCORE = "Level {0} has a minimum score {1} outside 0 to {2}"
P_BANDS_ORDER = "Levels must be listed from the highest minimum score down; {0} does not come after {1}"
P_BANDS_COVER = "The lowest level must start at 0 points so that every score has a level; it starts at {0}"
P_LEVEL_MISSING = "{0} {1} is not one of the policy's levels"
P_TOP_NOT_HIGHEST = "The top level {0} must be the level with the highest minimum score"
P_MONTHS = "A number of months of the year must be between 0 and 12: {0}"
P_GOOD_REQUIRED = "A quota counted on those rated good needs the good level to be set"
P_GOOD_ABOVE_TOP = "The good level {0} cannot be above the top level {1}"
P_PERCENT = "{0} must be between 0 and 100, not {1}"
P_QUOTA_BASE = "Unknown quota base {0}"
P_QUOTA_PERIOD = "Unknown quota period {0}"
P_METHOD = "Unknown task result method {0}"
P_NO_TASK_RULE = "Unknown rule for a period without tasks {0}"
P_MAX_DEDUCTION = "The maximum violation deduction cannot be negative"
P_PENALTY_NO_TASKS = "{0} is set but the policy has no criterion computed from tasks"
P_PENALTY_RULE = "Unknown penalty rule {0}"
P_DEFAULT_POINTS = "The default score of criterion {0} must be between 0 and its {1} points"
P_CONDITION = "Level {0}: a condition must be a percentage between 0 and 100, not {1}"

PROBLEM_TEMPLATES = (
	P_NO_CRITERIA,
	P_CRITERION_KEY,
	P_DUPLICATE_CRITERION,
	P_CRITERION_GROUP,
	P_CRITERION_SOURCE,
	P_CRITERION_POINTS,
	P_TASK_SOURCE_GROUP,
	P_BONUS_SOURCE,
	P_CRITERIA_TOTAL,
	P_NO_BANDS,
	P_BAND_CODE,
	P_DUPLICATE_BAND,
	P_BAND_SCORE,
	P_BANDS_ORDER,
	P_BANDS_COVER,
	P_LEVEL_MISSING,
	P_TOP_NOT_HIGHEST,
	P_GOOD_REQUIRED,
	P_GOOD_ABOVE_TOP,
	P_PERCENT,
	P_QUOTA_BASE,
	P_QUOTA_PERIOD,
	P_METHOD,
	P_NO_TASK_RULE,
	P_MAX_DEDUCTION,
	P_PENALTY_NO_TASKS,
	P_PENALTY_RULE,
	P_DEFAULT_POINTS,
	P_CONDITION,
	P_MONTHS,
)
# Words used as {0} arguments of the templates above (translated too).
ARG_TOP_LEVEL = "Top level"
ARG_NOT_COMPLETED_LEVEL = "Not completed level"
ARG_GOOD_LEVEL = "Good level"
ARG_QUOTA = "Quota percent"
ARG_LATE_PENALTY = "Late penalty percent"
ARG_FAILED_PENALTY = "Failed penalty percent"


def _points(x) -> float:
	return round(float(x), 6)


@dataclass(frozen=True)
class Policy:
	"""A scoring policy.

	- ``criteria``: the scored rows. General + Task Results must make up the 100-point scale, or
	  General + Task Results + Bonus must (Hanoi 3814: 20 + 70 + 10). The total is capped at 100.
	- ``bands``: levels listed from the highest ``min_score`` down to a band starting at 0.
	- ``quota_percent`` / ``quota_base``: the top level may hold at most ``floor(quota_percent % ×
	  base)`` people, the base being everyone rated ("All Rated", Hanoi: A ≤ 30 %), those rated at the
	  good level ("Rated Good", Decree 335 read literally: excellent ≤ 20 % of those rated good) or
	  those at the good level or above ("Rated Good or Better", an office's reading).
	- ``quota_period``: where the quota holds: in every period and classification ("Each Period",
	  Hanoi 3814) or in the year's classification only ("Year's Classification", Decree 335).
	- ``late_penalty_percent`` / ``failed_penalty_percent``: see :func:`evaluate` (Decree 335: 25 %).
	- ``not_completed_on_discipline``: discipline at reprimand or above (or an explicit override) puts
	  the cadre at ``not_completed_level_code`` whatever the points.
	- ``max_violation_deduction``: caps the violation deductions of a period; None = no cap (the
	  default: a deduction larger than the "Violations" criterion's points comes off the total).
	- ``penalty_rule``: :data:`PENALTY_PROGRESS_RATIO` or :data:`PENALTY_PER_PRODUCT` — a late or
	  failed product is punished once, by one rule or the other.
	- ``task_result_method``: how quantity (a), progress (c) and quality (b) combine into the task
	  results — the Decree 335 formula is published as an image that was not available, so it is a
	  setting, not a constant: one of :data:`TASK_RESULT_METHODS`.
	- ``no_task_rule``: what the task criteria get in a period with no task assigned — the rater's
	  scores (:data:`NO_TASKS_RATER`, the shipped policies) or full points
	  (:data:`NO_TASKS_FULL_POINTS`). Neither decree says; it is a setting.
	- ``leader_unit_factor``: a leader's task results count in full when no cadre of the units he or
	  she heads is rated not completed in the period, and at half otherwise (Decree 335/2025: the unit's
	  operating result, 100 % or 50 %); how the factor combines with the task results is not in the
	  retrieved text, so it is a setting (off in the shipped policies) that multiplies the task-result
	  points.
	"""

	criteria: tuple[Criterion, ...]
	bands: tuple[Band, ...]
	quota_percent: float
	quota_base: str
	late_penalty_percent: float
	failed_penalty_percent: float
	not_completed_on_discipline: bool
	top_level_code: str
	not_completed_level_code: str
	good_level_code: str | None = None
	max_violation_deduction: float | None = None
	task_result_method: str = METHOD_SEPARATE
	no_task_rule: str = NO_TASKS_FULL_POINTS
	penalty_rule: str = PENALTY_PER_PRODUCT
	leader_unit_factor: bool = False
	quota_period: str = QUOTA_EACH_PERIOD
	min_months_worked: int = 6
	"""A year with fewer months worked is not classified, unless the cadre was on maternity leave
	(Decree 90/2020 Art. 2 cl. 3 as amended by Decree 48/2023 Art. 1 cl. 1: "chưa đủ 06 tháng thì
	không thực hiện việc đánh giá, xếp loại chất lượng"); 0 = no threshold."""
	leave_months_below_good: int = 3
	"""A year with at least this many months of leave (other than maternity) is classified below the
	good level (the same clause: "từ 03 tháng đến dưới 06 tháng ... không xếp loại chất lượng ở mức
	hoàn thành tốt nhiệm vụ trở lên"); 0 = no threshold."""

	# ----- derived -----

	def is_rated_by_people(self, criterion: Criterion, tasks_assigned: float) -> bool:
		"""Whether people (the cadre, the rater) score `criterion` in a period with `tasks_assigned`
		weighted tasks: manual and "Violations" criteria always (the deductions apply on top of the
		rated score), task criteria when no task was assigned and the policy's ``no_task_rule`` has
		the rater score them."""
		if criterion.source in (SOURCE_MANUAL, SOURCE_VIOLATIONS):
			return True
		return criterion.is_task and tasks_assigned <= 0 and self.no_task_rule == NO_TASKS_RATER

	@property
	def max_total(self) -> float:
		"""The highest total a cadre can reach: all criteria's points, capped at the 100-point scale."""
		return min(SCALE, _points(sum(c.max_points for c in self.criteria)))

	@property
	def base_points(self) -> float:
		"""Points of the General and Task Results criteria (everything but the bonus)."""
		return _points(sum(c.max_points for c in self.criteria if c.group != GROUP_BONUS))

	@property
	def bonus_points(self) -> float:
		return _points(sum(c.max_points for c in self.criteria if c.group == GROUP_BONUS))

	def criterion(self, key: str) -> Criterion | None:
		return next((c for c in self.criteria if c.key == key), None)

	def band(self, level_code: str | None) -> Band | None:
		return next((b for b in self.bands if b.level_code == level_code), None)

	def sorted_bands(self) -> list[Band]:
		"""Bands from the highest minimum score down (whatever order they were given in)."""
		return sorted(self.bands, key=lambda b: -float(b.min_score))

	def highest_band_below_good(self) -> Band | None:
		"""The highest level under the good level (the level a year with long leave can reach)."""
		good = self.band(self.good_level_code)
		if not good:
			return None
		return next((b for b in self.sorted_bands() if float(b.min_score) < float(good.min_score)), None)

	def band_for_score(self, score: float) -> Band:
		"""The highest band whose minimum score is at most ``score`` (the lowest band below all)."""
		ordered = self.sorted_bands()
		if not ordered:
			raise ValueError("The policy has no levels")
		for band in ordered:
			if float(score) >= float(band.min_score):
				return band
		return ordered[-1]

	def in_quota_base(self, level_code: str | None) -> bool:
		"""Whether a rating at ``level_code`` counts in the base of the top-level quota."""
		if not level_code:
			return False
		if self.quota_base == QUOTA_BASE_RATED_GOOD:
			return level_code == self.good_level_code
		if self.quota_base == QUOTA_BASE_GOOD_OR_BETTER:
			return self.is_good_or_better(level_code)
		return True

	def quota_applies_to(self, span: str) -> bool:
		"""Whether the top-level quota holds for a ``span``: "Period" (a month or quarter evaluated),
		"Quarter" or "Year" (a classification)."""
		return self.quota_period != QUOTA_YEAR or span == "Year"

	def is_good_or_better(self, level_code: str | None) -> bool:
		good, band = self.band(self.good_level_code), self.band(level_code)
		return bool(good and band and float(band.min_score) >= float(good.min_score))

	# ----- validation -----
	def validate(self) -> list[Reason]:
		"""Everything wrong with the policy, as translatable :class:`Reason` objects (empty when valid)."""
		return self._criteria_problems() + self._band_problems() + self._setting_problems()

	def _criteria_problems(self) -> list[Reason]:
		problems: list[Reason] = []
		if not self.criteria:
			return [Reason(P_NO_CRITERIA)]
		seen: set[str] = set()
		for i, c in enumerate(self.criteria, 1):
			if not (c.key or "").strip():
				problems.append(Reason(P_CRITERION_KEY, (i,)))
				continue
			if c.key in seen:
				problems.append(Reason(P_DUPLICATE_CRITERION, (c.key,)))
			seen.add(c.key)
			if c.group not in CRITERION_GROUPS:
				problems.append(Reason(P_CRITERION_GROUP, (c.key, c.group)))
			if c.source not in CRITERION_SOURCES:
				problems.append(Reason(P_CRITERION_SOURCE, (c.key, c.source)))
			if not _finite(c.max_points) or float(c.max_points) <= 0:
				problems.append(Reason(P_CRITERION_POINTS, (c.key, c.max_points)))
			if c.is_task and c.group != GROUP_TASK_RESULTS:
				problems.append(Reason(P_TASK_SOURCE_GROUP, (c.key,)))
			if c.group == GROUP_BONUS and c.source != SOURCE_MANUAL:
				problems.append(Reason(P_BONUS_SOURCE, (c.key,)))
			if c.default_points is not None and (
				not _finite(c.default_points)
				or not 0 <= float(c.default_points) <= float(c.max_points or 0) + 1e-9
			):
				problems.append(Reason(P_DEFAULT_POINTS, (c.key, _fmt(c.max_points or 0))))
		if all(_finite(c.max_points) for c in self.criteria):
			base, bonus = self.base_points, self.bonus_points
			if not (
				math.isclose(base, SCALE, abs_tol=1e-6) or math.isclose(base + bonus, SCALE, abs_tol=1e-6)
			):
				problems.append(Reason(P_CRITERIA_TOTAL, (_fmt(base), _fmt(bonus))))
		return problems

	def _band_problems(self) -> list[Reason]:
		if not self.bands:
			return [Reason(P_NO_BANDS)]
		problems: list[Reason] = []
		seen: set[str] = set()
		top = max(SCALE, self.max_total)
		for i, b in enumerate(self.bands, 1):
			if not (b.level_code or "").strip():
				problems.append(Reason(P_BAND_CODE, (i,)))
				continue
			if b.level_code in seen:
				problems.append(Reason(P_DUPLICATE_BAND, (b.level_code,)))
			seen.add(b.level_code)
			if not _finite(b.min_score) or not 0 <= float(b.min_score) <= top:
				problems.append(Reason(P_BAND_SCORE, (b.level_code, b.min_score, _fmt(top))))
			for _name, value in b.conditions:
				if not _finite(value) or not 0 <= float(value) <= 100:
					problems.append(Reason(P_CONDITION, (b.level_code, value)))
		if problems:
			return problems
		for higher, lower in zip(self.bands, self.bands[1:], strict=False):
			if not float(lower.min_score) < float(higher.min_score):
				problems.append(Reason(P_BANDS_ORDER, (lower.level_code, higher.level_code)))
		lowest = min(float(b.min_score) for b in self.bands)
		if lowest != 0:
			problems.append(Reason(P_BANDS_COVER, (_fmt(lowest),)))
		for arg, code in (
			(ARG_TOP_LEVEL, self.top_level_code),
			(ARG_NOT_COMPLETED_LEVEL, self.not_completed_level_code),
		):
			if not self.band(code):
				problems.append(Reason(P_LEVEL_MISSING, (arg, code or "")))
		if self.good_level_code and not self.band(self.good_level_code):
			problems.append(Reason(P_LEVEL_MISSING, (ARG_GOOD_LEVEL, self.good_level_code)))
		top_band = self.band(self.top_level_code)
		if top_band and float(top_band.min_score) != max(float(b.min_score) for b in self.bands):
			problems.append(Reason(P_TOP_NOT_HIGHEST, (self.top_level_code,)))
		good_band = self.band(self.good_level_code)
		if self.quota_base in (QUOTA_BASE_RATED_GOOD, QUOTA_BASE_GOOD_OR_BETTER) and not self.good_level_code:
			problems.append(Reason(P_GOOD_REQUIRED))
		if top_band and good_band and float(good_band.min_score) > float(top_band.min_score):
			problems.append(Reason(P_GOOD_ABOVE_TOP, (self.good_level_code, self.top_level_code)))
		return problems

	def _setting_problems(self) -> list[Reason]:
		problems: list[Reason] = []
		for arg, value in (
			(ARG_QUOTA, self.quota_percent),
			(ARG_LATE_PENALTY, self.late_penalty_percent),
			(ARG_FAILED_PENALTY, self.failed_penalty_percent),
		):
			if not _finite(value) or not 0 <= float(value) <= 100:
				problems.append(Reason(P_PERCENT, (arg, value)))
		if self.quota_base not in QUOTA_BASES:
			problems.append(Reason(P_QUOTA_BASE, (self.quota_base,)))
		if self.quota_period not in QUOTA_PERIODS:
			problems.append(Reason(P_QUOTA_PERIOD, (self.quota_period,)))
		if self.task_result_method not in TASK_RESULT_METHODS:
			problems.append(Reason(P_METHOD, (self.task_result_method,)))
		if self.no_task_rule not in NO_TASK_RULES:
			problems.append(Reason(P_NO_TASK_RULE, (self.no_task_rule,)))
		if self.penalty_rule not in PENALTY_RULES:
			problems.append(Reason(P_PENALTY_RULE, (self.penalty_rule,)))
		for value in (self.min_months_worked, self.leave_months_below_good):
			if not _finite(value) or not 0 <= float(value) <= 12:
				problems.append(Reason(P_MONTHS, (value,)))
		if self.max_violation_deduction is not None and (
			not _finite(self.max_violation_deduction) or float(self.max_violation_deduction) < 0
		):
			problems.append(Reason(P_MAX_DEDUCTION))
		has_tasks = any(c.is_task for c in self.criteria)
		for arg, value in (
			(ARG_LATE_PENALTY, self.late_penalty_percent),
			(ARG_FAILED_PENALTY, self.failed_penalty_percent),
		):
			if _finite(value) and float(value) > 0 and not has_tasks:
				problems.append(Reason(P_PENALTY_NO_TASKS, (arg,)))
		return problems


def _finite(x) -> bool:
	try:
		return math.isfinite(float(x))
	except (TypeError, ValueError):
		return False


def _fmt(x: float) -> str:
	"""12.0 → "12", 12.5 → "12.5" (for messages)."""
	return f"{float(x):.2f}".rstrip("0").rstrip(".")
