"""The daily early-warning job (issue 28): read the months already recorded for signs that a cadre or a
unit is slipping (`scoring.signals` decides; this module gathers each signal's figures in a few
grouped queries) and keep one open `Discipline Warning` per signal and subject.

- a signal that holds and has no open warning raises one, and its unit's heads (not the person it is
  about) and the presiding board are told, in their language;
- a signal that holds and has an open warning updates that warning's months and figures only where
  they changed: the job run twice changes nothing;
- an open warning whose signal no longer holds is noted (`still_holds`, `no_longer_holds_on`), never
  deleted; it is noted again as holding if the signal comes back while the warning is open;
- a closed warning frees its signal: the next time it holds, a new warning is raised.

One open warning per key is also a unique index (`open_key`), so two runs at once raise it once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import defaultdict
from datetime import date

import frappe
from frappe.model.naming import getseries
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Avg, Count, DateFormat, Sum
from frappe.utils import cint, create_batch, flt, getdate, now, today
from pypika.terms import PseudoColumn

from soson_discipline.campaign.task_rules import task_figures_query
from soson_discipline.early_warning.actions import notify_raised
from soson_discipline.evaluation.cycle import due_days
from soson_discipline.evaluation.inputs import get_scoring_policy
from soson_discipline.followup.late_units import lead_units_of_period
from soson_discipline.reporting import figures
from soson_discipline.reporting.filters import Selection
from soson_discipline.scoring import signals
from soson_discipline.scoring.periods import month_bounds
from soson_discipline.scoring.signals import SETTING_PREFIX, Finding, Thresholds
from soson_discipline.states import CADRE_ACTIVE, VIOLATION_VERIFIED_STATES, WARNING_NEW
from soson_discipline.utils.naming import YEARLY_FORMAT

WARNING = "Discipline Warning"
FIGURE = "Discipline Warning Figure"
SETTINGS = "Discipline Settings"
BULK_ABOVE = 200
"""New warnings written one document at a time up to this many, in multi-row inserts above."""
CADRE_BATCH = 2000


def thresholds() -> Thresholds:
	"""The thresholds of Discipline Settings (`warning_<name>`), the defaults where one is not set."""
	settings = frappe.get_cached_doc(SETTINGS)
	values = {}
	for name, default in Thresholds().__dict__.items():
		value = settings.get(SETTING_PREFIX + name)
		if value:
			values[name] = type(default)(value)
	return Thresholds(**values)


def window(th: Thresholds) -> int:
	"""How many complete months the signals read."""
	return max(
		6,
		th.lateness_months,
		th.slipping_months + 1,
		th.late_reporting_times,
		th.uniform_months,
		th.leader_months,
	)


# --------------------------------------------------------------------------------------------------
# What holds
# --------------------------------------------------------------------------------------------------


def find_warnings(on=None, th: Thresholds | None = None) -> list[Finding]:
	"""Every signal that holds on `on` (default today)."""
	on = getdate(on or today())
	th = th or thresholds()
	# tasks and reports: every complete month; evaluations: the months whose approval is closed
	months = signals.last_months(on, window(th))
	rated = signals.closed_months(on, window(th), due_days()["approval"])
	found = []
	found += not_completed_findings(rated, th)
	found += lateness_findings(months, th)
	found += violation_findings(on, th)
	found += unit_task_findings(months, th)
	found += late_reporting_findings(months, th, on)
	found += uniform_findings(rated, th)
	found += leader_findings(rated, th)
	return found


def _month_of(value) -> date:
	d = getdate(value)
	return date(d.year, d.month, 1)


def _approved_months(months: list[date]):
	"""Approved evaluations of a whole month among `months` (a quarter's evaluation is not a month's)."""
	ce = DocType("Cadre Evaluation")
	first, last = months[0], month_bounds(months[-1])[1]
	return ce, (
		(ce.docstatus == 1)
		& (ce.period_start >= first)
		& (ce.period_start <= last)
		& (DateFormat(ce.period_start, "%Y-%m") == DateFormat(ce.period_end, "%Y-%m"))
	)


def policy_levels(policies) -> dict[str, tuple[str, str]]:
	"""{policy: (its "not completed" level, its top level)}."""
	levels = {}
	for name in sorted({p for p in policies if p}):
		policy = get_scoring_policy(name)
		bands = policy.sorted_bands()
		levels[name] = (policy.not_completed_level_code, bands[0].level_code if bands else "")
	return levels


def _policies_used(months: list[date]) -> dict[str, tuple[str, str]]:
	ce, approved = _approved_months(months)
	return policy_levels(
		frappe.qb.from_(ce).select(ce.evaluation_policy).distinct().where(approved).run(pluck=True)
	)


def _level_is(ce, levels: dict[str, tuple[str, str]], index: int):
	"""SQL: the evaluation's final level is its policy's "not completed" (index 0) or top (1) level."""
	condition = None
	for policy, codes in levels.items():
		term = (ce.evaluation_policy == policy) & (ce.final_level == codes[index])
		condition = term if condition is None else condition | term
	return condition


def not_completed_findings(months: list[date], th: Thresholds) -> list[Finding]:
	"""A cadre Not Completed months running, or in enough of the last six (`signals.not_completed`)."""
	six = months[-6:]
	levels = _policies_used(six)
	if not levels:
		return []
	ce, approved = _approved_months(six)
	failing = (
		frappe.qb.from_(ce)
		.select(ce.cadre)
		.distinct()
		.where(approved & _level_is(ce, levels, 0))
		.run(pluck=True)
	)
	found = []
	for batch in create_batch(failing, CADRE_BATCH):
		by_cadre = defaultdict(dict)
		for row in (
			frappe.qb.from_(ce)
			.select(ce.cadre, ce.period_start, ce.evaluation_policy, ce.final_level)
			.where(approved & ce.cadre.isin(batch))
			.run(as_dict=True)
		):
			nc = levels.get(row.evaluation_policy, ("", ""))[0]
			by_cadre[row.cadre][_month_of(row.period_start)] = (row.final_level, row.final_level == nc)
		for cadre, cadre_levels in by_cadre.items():
			if finding := signals.not_completed(cadre, six, cadre_levels, th):
				found.append(finding)
	return found


def lateness_findings(months: list[date], th: Thresholds) -> list[Finding]:
	"""A cadre with too large a share of each month's converted products late (`signals.chronic_lateness`).
	Only the months where the share is reached are read back (a grouped query with a HAVING)."""
	window_months = months[-th.lateness_months :]
	task = DocType("Assigned Task")
	month = DateFormat(task.due_date, "%Y-%m-01")
	query = (
		task_figures_query(window_months[0], month_bounds(window_months[-1])[1])
		.select(month.as_("due_month"))
		.where(task.assignee.isnotnull())
		.groupby(task.assignee, month)
		.having(PseudoColumn(f"`assigned` > 0 and `late` * 100 >= {flt(th.lateness_percent)} * `assigned`"))
	)
	products = defaultdict(dict)
	for row in query.run(as_dict=True):
		products[row.assignee][getdate(row.due_month)] = (flt(row.late, 6), flt(row.assigned, 6))
	return [
		finding
		for cadre, by_month in products.items()
		if len(by_month) >= th.lateness_months
		and (finding := signals.chronic_lateness(cadre, window_months, by_month, th))
	]


def violation_findings(on: date, th: Thresholds) -> list[Finding]:
	"""The same category verified repeatedly within the window on one cadre, or on one unit as a
	collective (no cadre named) (`signals.repeated_violation`)."""
	vr = DocType("Violation Record")
	since = signals.months_before(on, th.violation_window_months)
	rows = (
		frappe.qb.from_(vr)
		.select(vr.cadre, vr.collective, vr.organization_unit, vr.violation_category, vr.detected_on, vr.name)
		.where(
			vr.workflow_state.isin(VIOLATION_VERIFIED_STATES)
			& (vr.cadre.isnotnull() | ((vr.collective == 1) & vr.organization_unit.isnotnull()))
			& vr.violation_category.isnotnull()
			& (vr.detected_on > since)
			& (vr.detected_on <= on)
		)
		.orderby(vr.detected_on)
		.run(as_dict=True)
	)
	records = defaultdict(list)
	for row in rows:
		subject = (row.cadre, "") if row.cadre else (row.organization_unit, row.organization_unit)
		records[(*subject, row.violation_category)].append((getdate(row.detected_on), row.name))
	return [
		finding
		for (subject, unit, category), rows in records.items()
		if len(rows) >= th.violation_repeats
		and (finding := signals.repeated_violation(subject, category, rows, on, th, unit=unit))
	]


def unit_task_findings(months: list[date], th: Thresholds) -> list[Finding]:
	"""A unit whose on-time share falls, or whose late tasks grow, months running
	(`signals.unit_slipping`), counted as every figure of tasks is (`reporting.figures.task_counts`)."""
	window_months = months[-(th.slipping_months + 1) :]
	tasks = defaultdict(dict)
	for month in window_months:
		start, end = month_bounds(month)
		for unit, counts in figures.task_counts(Selection(start=start, end=end, scoped=False)).items():
			tasks[unit][month] = (counts.total, counts.completed_on_time, counts.late)
	return [
		finding
		for unit, by_month in tasks.items()
		if (finding := signals.unit_slipping(unit, window_months, by_month, th))
	]


def late_reporting_findings(months: list[date], th: Thresholds, on: date) -> list[Finding]:
	"""A unit late to report or to disseminate months running (`signals.late_reporting`), late as the
	report *Units Late to Report or Disseminate* says (`followup.late_units`)."""
	window_months = months[-th.late_reporting_times :]
	late = defaultdict(dict)
	for month in window_months:
		start, end = month_bounds(month)
		for row in lead_units_of_period(start, end, scoped=False, on=on):
			report, dissemination = late[row.organization_unit].get(month, (False, False))
			late[row.organization_unit][month] = (
				report or row.report_late,
				dissemination or row.dissemination_late,
			)
	return [
		finding
		for unit, by_month in late.items()
		if (finding := signals.late_reporting(unit, window_months, by_month, th))
	]


def uniform_findings(months: list[date], th: Thresholds) -> list[Finding]:
	"""*Cào bằng* in a unit (`signals.uniform_ratings`): its approved evaluations counted by month and
	level, and those the raters left as self-assessed."""
	window_months = months[-th.uniform_months :]
	ce, approved = _approved_months(window_months)
	month = DateFormat(ce.period_start, "%Y-%m-01")
	levels = defaultdict(lambda: defaultdict(dict))
	for unit, due, level, n in (
		frappe.qb.from_(ce)
		.select(ce.organization_unit, month, ce.final_level, Count("*"))
		.where(approved)
		.groupby(ce.organization_unit, month, ce.final_level)
		.run()
	):
		levels[unit][getdate(due)][level or ""] = n
	kept = (ce.final_level == ce.self_level) & (PseudoColumn("abs(`total_score` - `self_total`) < 0.005"))
	unchanged = defaultdict(dict)
	for unit, due, same, n in (
		frappe.qb.from_(ce)
		.select(ce.organization_unit, month, Sum(Case().when(kept, 1).else_(0)), Count("*"))
		.where(approved)
		.groupby(ce.organization_unit, month)
		.run()
	):
		unchanged[unit][getdate(due)] = (cint(same), cint(n))
	return [
		finding
		for unit in levels
		if (finding := signals.uniform_ratings(unit, window_months, levels[unit], unchanged[unit], th))
	]


def leader_findings(months: list[date], th: Thresholds) -> list[Finding]:
	"""A head at the top level while the average score of the rest of his or her unit falls
	(`signals.leader_out_of_step`)."""
	window_months = months[-th.leader_months :]
	levels = _policies_used(window_months)
	if not levels:
		return []
	ce, approved = _approved_months(window_months)
	ou = DocType("Organization Unit")
	month = DateFormat(ce.period_start, "%Y-%m-01")
	top = (
		frappe.qb.from_(ce)
		.join(ou)
		.on(ou.head_cadre == ce.cadre)
		.select(ou.name.as_("unit"), ce.cadre, month.as_("month"), ce.final_level)
		.where(approved & _level_is(ce, levels, 1))
		.run(as_dict=True)
	)
	heads = defaultdict(dict)
	for row in top:
		heads[(row.cadre, row.unit)][getdate(row.month)] = (row.final_level, True)
	heads = {key: by_month for key, by_month in heads.items() if len(by_month) >= th.leader_months}
	if not heads:
		return []
	units = sorted({unit for _cadre, unit in heads})
	scores = defaultdict(dict)
	for unit, due, score in (
		frappe.qb.from_(ce)
		.join(ou)
		.on(ou.name == ce.organization_unit)
		.select(ce.organization_unit, month, Avg(ce.total_score))
		.where(
			approved
			& ce.organization_unit.isin(units)
			& ((ou.head_cadre != ce.cadre) | ou.head_cadre.isnull())
		)
		.groupby(ce.organization_unit, month)
		.run()
	):
		scores[unit][getdate(due)] = flt(score, 2)
	found = []
	for (cadre, unit), by_month in heads.items():
		finding = signals.leader_out_of_step(cadre, window_months, scores[unit], by_month, th)
		if finding:
			found.append(dataclasses.replace(finding, detail=unit, unit=unit))
	return found


# --------------------------------------------------------------------------------------------------
# Keeping the warnings
# --------------------------------------------------------------------------------------------------


def raise_warnings(on=None) -> dict[str, int]:
	"""Raise, update and note the warnings of `on` (default today); returns how many of each."""
	on = getdate(on or today())
	found = find_warnings(on)
	units = _units_of_subjects(found)
	open_warnings = _open_warnings()
	new, changed, holding = [], [], set()
	for finding in found:
		unit = units.get(finding.key)
		if not unit:
			continue  # about a cadre who has left
		holding.add(finding.key)
		if existing := open_warnings.get(finding.key):
			if not _same(existing, finding):
				changed.append((existing.name, finding))
		else:
			new.append((finding, unit))
	for name, finding in changed:
		_update(name, finding)
	raised = _insert_all(new, on)
	gone = [row.name for key, row in open_warnings.items() if key not in holding and row.still_holds]
	_note_no_longer_holding(gone, on)
	if raised:
		notify_raised(raised)
	return {"raised": len(raised), "updated": len(changed), "no_longer_hold": len(gone)}


def _open_warnings() -> dict[str, frappe._dict]:
	"""{open key: the open warning} (name, whether it holds, the digest of its months and figures)."""
	rows = frappe.get_all(
		WARNING,
		filters={"open_key": ("is", "set")},
		fields=["name", "open_key", "still_holds", "figures_digest"],
	)
	return {row.open_key: row for row in rows}


def _digest(finding: Finding) -> str:
	"""What a warning says, in 40 characters: its months and its figures (compared every night
	instead of reading every open warning's figures back)."""
	figures = [(str(f.month or ""), f.measure, flt(f.value, 6), f.reference or "") for f in finding.figures]
	text = json.dumps([str(finding.period_from), str(finding.period_to), figures], sort_keys=True)
	return hashlib.sha1(text.encode()).hexdigest()


def _same(row, finding: Finding) -> bool:
	"""Whether an open warning already says what `finding` says."""
	return bool(row.still_holds and row.figures_digest == _digest(finding))


def _note_no_longer_holding(names: list[str], on: date) -> None:
	"""Open warnings whose signal no longer holds: noted on them, never deleted."""
	warning = DocType(WARNING)
	for batch in create_batch(names, CADRE_BATCH):
		(
			frappe.qb.update(warning)
			.set(warning.still_holds, 0)
			.set(warning.no_longer_holds_on, on)
			.set(warning.modified, now())
			.where(warning.name.isin(batch))
		).run()


def _units_of_subjects(found: list[Finding]) -> dict[str, str]:
	"""{finding key: the unit its warning belongs to}: the finding's own (a unit's signal, a head's
	unit), else the unit an active cadre works in now (a cadre who has left is not warned about)."""
	cadres = sorted({f.subject for f in found if not f.unit})
	unit_of = {}
	for batch in create_batch(cadres, CADRE_BATCH):
		unit_of.update(
			frappe.get_all(
				"Cadre",
				filters={"name": ("in", batch), "status": CADRE_ACTIVE},
				fields=["name", "organization_unit"],
				as_list=True,
			)
		)
	return {f.key: f.unit or unit_of.get(f.subject) for f in found}


def _figure_rows(finding: Finding) -> list[dict]:
	return [
		{"month": f.month, "measure": f.measure, "value": flt(f.value), "reference": f.reference or None}
		for f in finding.figures
	]


def _insert_all(new: list[tuple[Finding, str]], on: date) -> list[str]:
	"""Insert the new warnings: one document at a time (its controller and hooks run), or, above
	`BULK_ABOVE` (the first night on a year of a city's records), in multi-row inserts that write the
	same rows. Returns the names inserted (a warning raised meanwhile by another run is skipped)."""
	if len(new) <= BULK_ABOVE:
		return [name for finding, unit in new if (name := _insert(finding, unit, on))]
	return _bulk_insert(new, on)


def _values(finding: Finding, unit: str, on: date) -> dict:
	return {
		"warning_type": finding.warning_type,
		"cadre": None if finding.about_unit else finding.subject,
		"organization_unit": unit,
		"violation_category": finding.detail if finding.warning_type == signals.REPEATED_VIOLATION else None,
		"period_from": finding.period_from,
		"period_to": finding.period_to,
		"raised_on": on,
		"status": WARNING_NEW,
		"still_holds": 1,
		"warning_key": finding.key,
		"open_key": finding.key,
		"figures_digest": _digest(finding),
	}


def _insert(finding: Finding, unit: str, on: date) -> str | None:
	doc = frappe.get_doc({"doctype": WARNING, **_values(finding, unit, on), "figures": _figure_rows(finding)})
	try:
		doc.insert(ignore_permissions=True)
	except frappe.UniqueValidationError:
		return None  # raised meanwhile by another run
	return doc.name


def _bulk_insert(new: list[tuple[Finding, str]], on: date) -> list[str]:
	"""The rows `_insert` writes (the controller's title and open key, the naming series' names),
	written many at a time."""
	cadre_names = _names_of("Cadre", "full_name", [f.subject for f, _unit in new if not f.about_unit])
	unit_names = _names_of("Organization Unit", "unit_name", [unit for _f, unit in new])
	names = _reserve_names(len(new))
	stamp, user = now(), frappe.session.user
	standard = {"creation": stamp, "modified": stamp, "owner": user, "modified_by": user, "docstatus": 0}
	parents, children = [], {}
	for (finding, unit), name in zip(new, names, strict=True):
		values = _values(finding, unit, on)
		values["cadre_name"] = cadre_names.get(values["cadre"]) if values["cadre"] else None
		values["title"] = values["cadre_name"] or unit_names.get(unit)
		parents.append({"name": name, **standard, "idx": 0, **values})
		children[name] = [
			{
				"name": frappe.generate_hash(length=10),
				**standard,
				"idx": i,
				"parent": name,
				"parenttype": WARNING,
				"parentfield": "figures",
				**row,
			}
			for i, row in enumerate(_figure_rows(finding), start=1)
		]
	fields = list(parents[0])
	frappe.db.bulk_insert(WARNING, fields, [[p[f] for f in fields] for p in parents], ignore_duplicates=True)
	inserted = set()
	for batch in create_batch(list(children), CADRE_BATCH):
		inserted.update(frappe.get_all(WARNING, filters={"name": ("in", batch)}, pluck="name"))
	rows = [row for name in children if name in inserted for row in children[name]]
	if rows:
		child_fields = list(rows[0])
		frappe.db.bulk_insert(FIGURE, child_fields, [[r[f] for f in child_fields] for r in rows])
	return [p["name"] for p in parents if p["name"] in inserted]


def _reserve_names(count: int) -> list[str]:
	"""`count` names of the naming series, taken at once (the series row stays locked until commit, so
	a warning named one at a time meanwhile takes the next)."""
	key, digits = _series()
	first = cint(getseries(key, digits))
	if count > 1:
		series = DocType("Series")
		frappe.qb.update(series).set(series.current, series.current + (count - 1)).where(
			series.name == key
		).run()
	return [f"{key}{number:0{digits}d}" for number in range(first, first + count)]


def _series() -> tuple[str, int]:
	"""The naming series key of this year's warnings and its digits, as the DocType's autoname makes
	them (`format:CBS-{YYYY}-{#####}`: "CBS-2026-", 5)."""
	autoname = frappe.get_meta(WARNING).autoname
	match = YEARLY_FORMAT.match(autoname)
	return f"{match['prefix']}{getdate(today()).year}{match['middle']}", autoname.count("#")


def _names_of(doctype: str, field: str, names: list[str]) -> dict[str, str]:
	found = {}
	for batch in create_batch(sorted(set(filter(None, names))), CADRE_BATCH):
		found.update(
			frappe.get_all(doctype, filters={"name": ("in", batch)}, fields=["name", field], as_list=True)
		)
	return found


def _update(name: str, finding: Finding) -> None:
	"""Bring an open warning's months and figures to `finding` (and note that it holds again)."""
	doc = frappe.get_doc(WARNING, name)
	doc.period_from, doc.period_to = finding.period_from, finding.period_to
	doc.still_holds, doc.no_longer_holds_on = 1, None
	doc.figures_digest = _digest(finding)
	doc.set("figures", _figure_rows(finding))
	doc.save(ignore_permissions=True)
