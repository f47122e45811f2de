"""Early-warning signals (issue 28): which cadres and units are slipping, read from the months already
recorded. Pure Python (no Frappe): `early_warning.detection` gathers each signal's figures in a few
grouped queries and asks these functions whether the signal holds; `tests/test_signals.py` holds the
canonical case and the near-misses of each.

Directive 24-CT/TU asks the presiding board to *detect and correct in time* (phát hiện, chấn chỉnh kịp
thời), not to count at the year's end; Conclusion 198-KL/TW moves leaders who fall short after a
quarterly evaluation; Mê Linh replaces cadres who fall short "without waiting for the end of their
term"; Đông Anh cross-evaluates monthly to stop *cào bằng* (everyone rated the same). No text gives the
thresholds: the defaults below are the office's choice (Discipline Settings), each stated with what
it leans on.

A month is named by its first day. `months` are consecutive complete months, oldest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

# Warning types (Discipline Warning.warning_type): English, translated where shown.
NOT_COMPLETED = "Repeatedly Not Completed"
LATENESS = "Chronic Lateness"
REPEATED_VIOLATION = "Repeated Violation"
UNIT_SLIPPING = "Unit Slipping"
LATE_REPORTING = "Late Reporting or Dissemination"
UNIFORM_RATINGS = "Uniform Ratings"
LEADER_OUT_OF_STEP = "Leader Out of Step"
WARNING_TYPES = (
	NOT_COMPLETED,
	LATENESS,
	REPEATED_VIOLATION,
	UNIT_SLIPPING,
	LATE_REPORTING,
	UNIFORM_RATINGS,
	LEADER_OUT_OF_STEP,
)
# Signals about a person (the warning names a cadre; a repeated violation may be a unit's own) and
# about a unit.
CADRE_SIGNALS = (NOT_COMPLETED, LATENESS, REPEATED_VIOLATION, LEADER_OUT_OF_STEP)
UNIT_SIGNALS = (UNIT_SLIPPING, LATE_REPORTING, UNIFORM_RATINGS)

# What a figure measures (Discipline Warning Figure.measure).
M_LEVEL = "Rated Level"
M_LATE_SHARE = "Late Products (%)"
M_ON_TIME_SHARE = "On-Time Share (%)"
M_LATE_TASKS = "Late Tasks"
M_VIOLATION = "Violation"
M_REPORT = "Periodic Report Late"
M_DISSEMINATION = "Dissemination Late"
M_SAME_LEVEL_SHARE = "Same Level (%)"
M_UNCHANGED_SHARE = "Self-Assessments Unchanged (%)"
M_UNIT_SCORE = "Unit Average Score"
M_LEADER_LEVEL = "Leader's Level"
# Measures that name a level or a record rather than count something: a figure of these has no value.
VALUELESS_MEASURES = (M_LEVEL, M_LEADER_LEVEL, M_VIOLATION, M_REPORT, M_DISSEMINATION)
MEASURES = (
	M_LEVEL,
	M_LATE_SHARE,
	M_ON_TIME_SHARE,
	M_LATE_TASKS,
	M_VIOLATION,
	M_REPORT,
	M_DISSEMINATION,
	M_SAME_LEVEL_SHARE,
	M_UNCHANGED_SHARE,
	M_UNIT_SCORE,
	M_LEADER_LEVEL,
)


@dataclass(frozen=True)
class Thresholds:
	"""When each signal holds (Discipline Settings, section Early Warnings)."""

	not_completed_consecutive: int = 2
	"""Not completed this many months running. Decree 335/2025 Art. 23 ties moving a cadre to a lower
	post, or dismissing him or her, to a "not completed" rating: two months running is the earliest
	sign worth the board's attention."""
	not_completed_of_six: int = 3
	"""...or this many of the last six months."""
	lateness_percent: float = 20.0
	"""A month's converted products late, in percent of those due (Regulation 366-QĐ/TW Art. 11 lets a
	collective rated "completed" have at most 20 % of its tasks late: more, month after month, is
	chronic)."""
	lateness_months: int = 3
	"""...in each of this many months running."""
	violation_repeats: int = 2
	"""The same violation category on one cadre this many times..."""
	violation_window_months: int = 12
	"""...within this many months (a repeat within the year, *tái phạm*)."""
	slipping_months: int = 3
	"""A unit's on-time share falls, or its late tasks grow, this many months running."""
	min_unit_tasks: int = 5
	"""A unit is judged on its tasks only in months with at least this many due (fewer is noise)."""
	late_reporting_times: int = 2
	"""A unit late to report or to disseminate this many months running."""
	uniform_percent: float = 90.0
	"""*Cào bằng*: at least this share of a unit's cadres at one level..."""
	uniform_months: int = 3
	"""...the same level, in each of this many months."""
	unchanged_percent: float = 95.0
	"""...or the raters left at least this share of the self-assessments unchanged (level and score)
	over those months."""
	min_unit_evaluations: int = 5
	"""A unit is judged on its ratings only with at least this many approved evaluations a month."""
	leader_months: int = 3
	"""A unit's average score falls over this many months while its head stays at the top level
	(Guidance 43-HD/BTCTW: an individual's result is tied to the results of his or her unit)."""


SETTING_PREFIX = "warning_"
"""Discipline Settings names each threshold `warning_<name>`."""


def setting_maximum(name: str) -> int | None:
	"""The largest whole number a threshold may be set to (None: no limit): the months a signal reads
	are at most a year (two for a repeated violation), of six for "of the last six"."""
	if name == "not_completed_of_six":
		return 6
	if name == "violation_window_months":
		return 24
	if name.endswith("_months") or name.endswith("_times") or name == "not_completed_consecutive":
		return 12
	return None


@dataclass(frozen=True)
class Figure:
	"""One figure behind a warning: in `month` (None: not of a month), `measure` was `value`;
	`reference` names the record or level it is about."""

	month: date | None
	measure: str
	value: float | None = None
	reference: str = ""


@dataclass(frozen=True)
class Finding:
	"""A signal that holds: its type, whom (a cadre) or what (a unit) it is about, the span of the
	months behind it and their figures."""

	warning_type: str
	subject: str
	period_from: date
	period_to: date
	figures: tuple[Figure, ...] = field(default_factory=tuple)
	detail: str = ""
	"""What else tells two warnings of a type and subject apart (a violation category, a head's unit)."""
	unit: str = ""
	"""The unit the warning belongs to, where the finding knows it: a unit's own signal (then the
	subject is the unit), a head's unit; empty for a cadre, whose unit is the one he or she works in."""

	@property
	def about_unit(self) -> bool:
		return self.subject == self.unit

	@property
	def key(self) -> str:
		"""One open warning per type, subject and detail (`early_warning.detection`)."""
		return ":".join(filter(None, (self.warning_type, self.subject, self.detail)))


def add_months(month: date, n: int) -> date:
	"""The first day of the month `n` months after (before, when negative) `month`."""
	index = month.year * 12 + month.month - 1 + n
	return date(index // 12, index % 12 + 1, 1)


def months_before(on: date, n: int) -> date:
	"""The same day `n` months before `on` (the month's last day where it is shorter)."""
	first = add_months(date(on.year, on.month, 1), -n)
	last_day = (add_months(first, 1) - first).days
	return date(first.year, first.month, min(on.day, last_day))


def last_months(on: date, count: int) -> list[date]:
	"""The `count` complete months before the month of `on`, oldest first."""
	current = date(on.year, on.month, 1)
	return [add_months(current, -n) for n in range(count, 0, -1)]


def closed_months(on: date, count: int, approval_due_day: int) -> list[date]:
	"""The last `count` months whose evaluations are closed on `on`, oldest first: a month's
	evaluations are approved by `approval_due_day` of the next month (Discipline Settings), so until
	that day has passed the month just ended is still being rated and the months end one earlier."""
	return last_months(on if on.day > approval_due_day else add_months(date(on.year, on.month, 1), -1), count)


def _percent(part: float, whole: float) -> float:
	return round(100.0 * part / whole, 1) if whole else 0.0


def _strictly_falls(values: Sequence[float]) -> bool:
	return len(values) >= 2 and all(b < a for a, b in zip(values, values[1:], strict=False))


def _strictly_grows(values: Sequence[float]) -> bool:
	return len(values) >= 2 and all(b > a for a, b in zip(values, values[1:], strict=False))


def _runs(months: Sequence[date], holds: Mapping[date, bool]) -> int:
	"""The longest run of consecutive `months` in which `holds`."""
	best = run = 0
	for month in months:
		run = run + 1 if holds.get(month) else 0
		best = max(best, run)
	return best


# ----- a cadre -----


def not_completed(
	cadre: str, months: Sequence[date], levels: Mapping[date, tuple[str, bool]], th: Thresholds
) -> Finding | None:
	"""Not completed in `not_completed_consecutive` months running, or in `not_completed_of_six` of
	the last six. `levels`: month → (level code, whether it is the policy's "not completed" level),
	for the approved months only; `months`: the last six complete months."""
	months = list(months)[-6:]
	failed = {m: bool(levels.get(m, ("", False))[1]) for m in months}
	count = sum(failed.values())
	if not count or (
		_runs(months, failed) < th.not_completed_consecutive and count < th.not_completed_of_six
	):
		return None
	failed_months = [m for m in months if failed[m]]
	return Finding(
		NOT_COMPLETED,
		cadre,
		failed_months[0],
		failed_months[-1],
		tuple(Figure(m, M_LEVEL, reference=levels[m][0]) for m in months if m in levels),
	)


def chronic_lateness(
	cadre: str, months: Sequence[date], products: Mapping[date, tuple[float, float]], th: Thresholds
) -> Finding | None:
	"""At least `lateness_percent` of the converted products due each month late, in each of the last
	`lateness_months` months. `products`: month → (late, due), in converted products (a task's
	weight); a month with nothing due breaks the run."""
	window = list(months)[-th.lateness_months :]
	if len(window) < th.lateness_months:
		return None
	shares = []
	for month in window:
		late, due = products.get(month, (0.0, 0.0))
		if due <= 0:
			return None
		shares.append(_percent(late, due))
	if min(shares) < th.lateness_percent:
		return None
	return Finding(
		LATENESS,
		cadre,
		window[0],
		window[-1],
		tuple(Figure(m, M_LATE_SHARE, share) for m, share in zip(window, shares, strict=True)),
	)


def repeated_violation(
	cadre: str,
	category: str,
	records: Iterable[tuple[date, str]],
	on: date,
	th: Thresholds,
	unit: str = "",
) -> Finding | None:
	"""The same violation category recorded (and verified) on the cadre `violation_repeats` times
	within the last `violation_window_months` months. `records`: (detected on, record name). For a
	collective's violations (a unit's, no cadre named), `cadre` and `unit` are the unit."""
	since = months_before(on, th.violation_window_months)
	recent = sorted((d, name) for d, name in records if since < d <= on)
	if len(recent) < th.violation_repeats:
		return None
	return Finding(
		REPEATED_VIOLATION,
		cadre,
		date(recent[0][0].year, recent[0][0].month, 1),
		date(recent[-1][0].year, recent[-1][0].month, 1),
		tuple(Figure(date(d.year, d.month, 1), M_VIOLATION, reference=name) for d, name in recent),
		detail=category,
		unit=unit,
	)


def leader_out_of_step(
	leader: str,
	months: Sequence[date],
	unit_scores: Mapping[date, float],
	leader_top: Mapping[date, tuple[str, bool]],
	th: Thresholds,
) -> Finding | None:
	"""A head whose unit's average score fell month after month over the last `leader_months` months
	while his or her own level stayed the policy's top level in each of them. `unit_scores`: month →
	the average score of the unit's other approved evaluations; `leader_top`: month → (the head's
	level, whether it is the top level)."""
	window = list(months)[-th.leader_months :]
	if len(window) < th.leader_months or any(m not in unit_scores for m in window):
		return None
	if not all(leader_top.get(m, ("", False))[1] for m in window):
		return None
	scores = [unit_scores[m] for m in window]
	if not _strictly_falls(scores):
		return None
	figures = []
	for m in window:
		figures.append(Figure(m, M_UNIT_SCORE, round(unit_scores[m], 2)))
		figures.append(Figure(m, M_LEADER_LEVEL, reference=leader_top[m][0]))
	return Finding(LEADER_OUT_OF_STEP, leader, window[0], window[-1], tuple(figures))


# ----- a unit -----


def unit_slipping(
	unit: str, months: Sequence[date], tasks: Mapping[date, tuple[int, int, int]], th: Thresholds
) -> Finding | None:
	"""The unit's share of tasks completed on time fell, or its late tasks grew, in each of the last
	`slipping_months` months (against the month before: `slipping_months` + 1 months are read).
	`tasks`: month (due) → (due, completed on time, late); every month read must have at least
	`min_unit_tasks` due."""
	window = list(months)[-(th.slipping_months + 1) :]
	if len(window) < th.slipping_months + 1:
		return None
	rows = [tasks.get(m, (0, 0, 0)) for m in window]
	if any(due < th.min_unit_tasks for due, _on_time, _late in rows):
		return None
	shares = [_percent(on_time, due) for due, on_time, _late in rows]
	late = [late for _due, _on_time, late in rows]
	falls, grows = _strictly_falls(shares), _strictly_grows(late)
	if not (falls or grows):
		return None
	figures = []
	for m, share, n in zip(window, shares, late, strict=True):
		figures.append(Figure(m, M_ON_TIME_SHARE, share))
		figures.append(Figure(m, M_LATE_TASKS, n))
	return Finding(UNIT_SLIPPING, unit, window[1], window[-1], tuple(figures), unit=unit)


def late_reporting(
	unit: str, months: Sequence[date], late: Mapping[date, tuple[bool, bool]], th: Thresholds
) -> Finding | None:
	"""Late to report or to disseminate in each of the last `late_reporting_times` months. `late`:
	month → (its periodic report late, its dissemination late), for the months the unit owed one."""
	window = list(months)[-th.late_reporting_times :]
	if len(window) < th.late_reporting_times:
		return None
	if not all(any(late.get(m, (False, False))) for m in window):
		return None
	figures = []
	for m in window:
		report, dissemination = late[m]
		if report:
			figures.append(Figure(m, M_REPORT))
		if dissemination:
			figures.append(Figure(m, M_DISSEMINATION))
	return Finding(LATE_REPORTING, unit, window[0], window[-1], tuple(figures), unit=unit)


def uniform_ratings(
	unit: str,
	months: Sequence[date],
	levels: Mapping[date, Mapping[str, int]],
	unchanged: Mapping[date, tuple[int, int]],
	th: Thresholds,
) -> Finding | None:
	"""*Cào bằng*: over the last `uniform_months` months, at least `uniform_percent` of the unit's
	approved evaluations at one and the same level each month, or at least `unchanged_percent` of
	them left by the raters as the cadre self-assessed them. `levels`: month → {level code: count};
	`unchanged`: month → (unchanged, approved). Each month needs `min_unit_evaluations`."""
	window = list(months)[-th.uniform_months :]
	if len(window) < th.uniform_months:
		return None
	counts = [levels.get(m) or {} for m in window]
	if any(sum(c.values()) < th.min_unit_evaluations for c in counts):
		return None
	modes = [max(sorted(c), key=lambda code, c=c: c[code]) for c in counts]
	same = [_percent(c[mode], sum(c.values())) for c, mode in zip(counts, modes, strict=True)]
	uniform = len(set(modes)) == 1 and min(same) >= th.uniform_percent
	kept = sum(unchanged.get(m, (0, 0))[0] for m in window)
	rated = sum(unchanged.get(m, (0, 0))[1] for m in window)
	rubber_stamped = rated >= th.min_unit_evaluations and _percent(kept, rated) >= th.unchanged_percent
	if not (uniform or rubber_stamped):
		return None
	figures = []
	for m, mode, share in zip(window, modes, same, strict=True):
		figures.append(Figure(m, M_SAME_LEVEL_SHARE, share, reference=mode))
		kept_m, rated_m = unchanged.get(m, (0, 0))
		figures.append(Figure(m, M_UNCHANGED_SHARE, _percent(kept_m, rated_m)))
	return Finding(UNIFORM_RATINGS, unit, window[0], window[-1], tuple(figures), unit=unit)
