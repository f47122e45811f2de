"""Announcing a unit's results (issue 29): a Result Announcement (Thông báo kết quả đánh giá, xếp loại).

When every evaluation of a unit's month (or every classification of its cadres for a quarter or the
year) is approved,
the unit's head announces it: he or she submits the unit's Result Announcement, which lists each
cadre's level, and the announcement date and who announced are recorded. From then on the unit's
active members read the announcement (levels only: never a score, a reason or a note of anybody's
evaluation, whose records stay closed to them) when the office's setting says so (Discipline Settings'
*Announce Levels to the Unit's Members*, on by default: the texts on evaluation leave the publicity of
the results to the agency; an office that does not publish them switches it off and only the heads
and the presiding board read the announcement).

- **Who announces** (`permissions.can_announce_results`): the head of the unit (`org.get_unit_heads`,
  the nearest head above for a unit without one), or the presiding board.
- **Only when all is approved**: an evaluation (or classification) still open is named in the
  refusal; a unit with nothing approved has nothing to announce.
- **The server's truth**: the rows, the span and the announcement's stamp are worked out here, from
  the approved records, at every save and again at the announcement; typed through the API they are
  refused. One announcement per unit and span while it is not cancelled (a unique key).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Min, Sum
from frappe.utils import add_months, cint, formatdate, get_first_day, getdate, today

from soson_discipline.evaluation.inputs import get_scoring_policy
from soson_discipline.jobs import enqueue, in_background
from soson_discipline.notifications import notify
from soson_discipline.org import get_cadre_users, get_user_cadre, get_user_units
from soson_discipline.permissions import announce_levels_to_members, can_announce_results
from soson_discipline.scoring.periods import (
	CLASSIFY_QUARTER,
	CLASSIFY_YEAR,
	MONTHLY,
	classification_span,
)
from soson_discipline.states import CADRE_ACTIVE
from soson_discipline.utils.changes import changed_fields

ANNOUNCEMENT = "Result Announcement"
KIND_MONTH = "Month"
KIND_QUARTER = "Quarter"
KIND_YEAR = "Year"
KINDS = (KIND_MONTH, KIND_QUARTER, KIND_YEAR)
# A quarter's or a year's announcement announces the cadres' classifications of that span.
CLASSIFIED = {KIND_QUARTER: CLASSIFY_QUARTER, KIND_YEAR: CLASSIFY_YEAR}
# Worked out by the server (the span, the stamp of the announcement, the rows), never typed.
COMPUTED_FIELDS = (
	"period_start",
	"period_end",
	"announced_on",
	"announced_by",
	"announced_by_name",
	"announced_by_position",
	"title",
	"announcement_key",
)
ROW_FIELDS = ("cadre", "cadre_name", "position", "level", "level_label", "level_rank")
# How many pending cadres a refusal names before "and N more".
NAMED_PENDING = 10


class ResultsNotApprovedError(frappe.ValidationError):
	"""The unit's results of the span are not all approved (or none is): nothing to announce yet."""


class DuplicateAnnouncementError(frappe.ValidationError):
	"""The unit's results of that span are already announced (or being drafted)."""


class NotAnnouncerError(frappe.PermissionError):
	"""Only the unit's head (or the presiding board) announces its results."""


# --------------------------------------------------------------------------------------------------
# The span
# --------------------------------------------------------------------------------------------------


def set_span(doc) -> None:
	"""The span announced: a monthly Evaluation Period's dates, or a year's; a translated error names
	the field and the reason."""
	if doc.kind not in KINDS:
		frappe.throw(
			_("{0} must be one of {1}.").format(frappe.bold(_("Results Of")), ", ".join(_(k) for k in KINDS)),
			title=_("Invalid Value"),
		)
	if doc.kind == KIND_MONTH:
		doc.year = doc.quarter = None
		if not doc.evaluation_period:
			frappe.throw(
				_("{0} is required to announce a month's results.").format(
					frappe.bold(_("Evaluation Period"))
				),
				title=_("Missing Value"),
				exc=frappe.MandatoryError,
			)
		period = frappe.db.get_value(
			"Evaluation Period",
			doc.evaluation_period,
			["period_type", "period_start", "period_end"],
			as_dict=True,
		)
		if not period:
			frappe.throw(
				_("{0} {1} does not exist.").format(
					_("Evaluation Period"), frappe.bold(doc.evaluation_period)
				),
				title=_("Invalid Value"),
				exc=frappe.LinkValidationError,
			)
		if period.period_type != MONTHLY:
			frappe.throw(
				_(
					"{0} {1} is not a month's period ({2}): announce a month's results, or choose {3} for the year's."
				).format(
					_("Evaluation Period"),
					frappe.bold(doc.evaluation_period),
					_(period.period_type),
					frappe.bold(_(KIND_YEAR)),
				),
				title=_("Invalid Value"),
			)
		doc.period_start, doc.period_end = period.period_start, period.period_end
		return
	doc.evaluation_period = None
	year = cint(doc.year)
	if not 2000 <= year <= 2100:
		frappe.throw(
			_("{0} must be a year between 2000 and 2100.").format(frappe.bold(_("Year"))),
			title=_("Invalid Value"),
		)
	doc.year = year
	doc.quarter = check_quarter(doc) if doc.kind == KIND_QUARTER else None
	doc.period_start, doc.period_end = classification_span(CLASSIFIED[doc.kind], year, doc.quarter)


def check_quarter(doc) -> str:
	"""A quarter's announcement names its quarter, 1 to 4."""
	quarter = cint(doc.get("quarter")) if str(doc.get("quarter") or "").strip().isdigit() else 0
	if not 1 <= quarter <= 4:
		frappe.throw(
			_("{0} must be 1, 2, 3 or 4 to announce a quarter's results.").format(frappe.bold(_("Quarter"))),
			title=_("Missing Value") if not doc.get("quarter") else _("Invalid Value"),
			exc=frappe.MandatoryError if not doc.get("quarter") else frappe.ValidationError,
		)
	return str(quarter)


def span_label(doc, lang: str | None = None) -> str:
	""" "month 11/2026", "quarter 1 of 2026" or "year 2026", as the print and the notices name it."""
	if doc.kind == KIND_YEAR:
		return _("year {0}", lang=lang).format(doc.year)
	if doc.kind == KIND_QUARTER:
		return _("quarter {0} of {1}", lang=lang).format(doc.quarter, doc.year)
	return _("month {0}", lang=lang).format(formatdate(doc.period_start, "MM/yyyy"))


def set_title(doc) -> None:
	"""The unit and the month ("11/2026"), the quarter ("Q1/2026") or the year, the same in every
	language."""
	unit = (
		frappe.db.get_value("Organization Unit", doc.organization_unit, "unit_name") or doc.organization_unit
	)
	if doc.kind == KIND_YEAR:
		span = str(doc.year)
	elif doc.kind == KIND_QUARTER:
		span = f"Q{doc.quarter}/{doc.year}"
	else:
		span = formatdate(doc.period_start, "MM/yyyy")
	doc.title = f"{unit} – {span}"


def announcement_key(unit: str, kind: str, start) -> str:
	"""The key of a unit's announcement of the span starting on `start` (a month, a quarter or a year)."""
	return f"{unit}|{kind}|{getdate(start)}"


def set_key(doc) -> None:
	"""One announcement per unit and span while it is not cancelled (a unique index: two saves at once
	make one)."""
	doc.announcement_key = announcement_key(doc.organization_unit, doc.kind, doc.period_start)


def validate_duplicate(doc) -> None:
	other = frappe.db.get_value(
		ANNOUNCEMENT,
		{"announcement_key": doc.announcement_key, "name": ("!=", doc.name or ""), "docstatus": ("<", 2)},
		["name", "docstatus"],
		as_dict=True,
	)
	if other:
		frappe.throw(
			_("The results of {0} for {1} are already announced or being drafted in {2}.").format(
				frappe.bold(doc.organization_unit), span_label(doc), frappe.bold(other.name)
			),
			title=_("Duplicate Announcement"),
			exc=DuplicateAnnouncementError,
		)


# --------------------------------------------------------------------------------------------------
# The unit's results of the span
# --------------------------------------------------------------------------------------------------


def unit_results(doc) -> list[frappe._dict]:
	"""The unit's records of the span, not cancelled: its cadres' evaluations of the month (those of
	the chosen period's dates, whatever policy scored them) or their classifications of the quarter
	or the year; each with its docstatus, level, label and policy, leaders first, then by name."""
	if doc.kind in CLASSIFIED:
		t = DocType("Cadre Classification")
		condition = (t.classification_type == CLASSIFIED[doc.kind]) & (t.year == cint(doc.year))
		if doc.kind == KIND_QUARTER:
			condition &= t.quarter == str(doc.quarter)
	else:
		t = DocType("Cadre Evaluation")
		condition = (t.period_start == getdate(doc.period_start)) & (t.period_end == getdate(doc.period_end))
	return (
		frappe.qb.from_(t)
		.select(
			t.name,
			t.cadre,
			t.cadre_name,
			t.docstatus,
			t.is_leader,
			t.final_level.as_("level"),
			t.final_level_label.as_("level_label"),
			t.evaluation_policy,
		)
		.where((t.organization_unit == doc.organization_unit) & (t.docstatus < 2) & condition)
		.orderby(t.is_leader, order=frappe.qb.desc)
		.orderby(t.cadre_name)
		.run(as_dict=True)
	)


def check_all_approved(doc, results: list) -> None:
	"""Every record of the unit's span is approved, and there is at least one: the refusal names who is
	pending."""
	pending = [r.cadre_name or r.cadre for r in results if r.docstatus == 0]
	if pending:
		shown = ", ".join(pending[:NAMED_PENDING])
		if len(pending) > NAMED_PENDING:
			shown += _(" and {0} more").format(len(pending) - NAMED_PENDING)
		what = _("classifications") if doc.kind in CLASSIFIED else _("evaluations")
		frappe.throw(
			_("The results of {0} for {1} cannot be announced yet: the {2} of {3} are not approved.").format(
				frappe.bold(doc.organization_unit), span_label(doc), what, shown
			),
			title=_("Not Yet"),
			exc=ResultsNotApprovedError,
		)
	if not results:
		frappe.throw(
			_("{0} has no approved results for {1}: there is nothing to announce.").format(
				frappe.bold(doc.organization_unit), span_label(doc)
			),
			title=_("Not Yet"),
			exc=ResultsNotApprovedError,
		)


def fill_rows(doc, results: list | None = None) -> None:
	"""The rows, from the approved records (levels only, never scores): the cadre, the position he or
	she holds (the Cadre's), the level and its label, and the level's rank in its policy."""
	if results is None:
		results = unit_results(doc)
	approved = [r for r in results if r.docstatus == 1]
	positions = dict(
		frappe.get_all(
			"Cadre",
			filters={"name": ("in", [r.cadre for r in approved] or [""])},
			fields=["name", "position"],
			as_list=True,
		)
	)
	ranks = level_ranks({r.evaluation_policy for r in approved if r.evaluation_policy})
	doc.set("rows", [])
	for r in approved:
		doc.append(
			"rows",
			{
				"cadre": r.cadre,
				"cadre_name": r.cadre_name,
				"position": positions.get(r.cadre),
				"level": r.level,
				"level_label": r.level_label,
				"level_rank": ranks.get((r.evaluation_policy, r.level), 0),
			},
		)


def level_ranks(policies) -> dict[tuple[str, str], int]:
	"""{(policy, level code): its rank, 1 for the top level} of `policies`."""
	ranks = {}
	for policy in policies:
		for rank, band in enumerate(get_scoring_policy(policy).bands, 1):
			ranks[(policy, band.level_code)] = rank
	return ranks


def level_counts(doc) -> list[frappe._dict]:
	"""[{label, count}] of the announced rows, from the top level down (the print's summary)."""
	counts: dict[str, frappe._dict] = {}
	for row in doc.rows:
		label = row.level_label or row.level or ""
		entry = counts.setdefault(label, frappe._dict(label=label, count=0, rank=row.level_rank or 99))
		entry.count += 1
		entry.rank = min(entry.rank, row.level_rank or 99)
	return sorted(counts.values(), key=lambda e: (e.rank, e.label))


# --------------------------------------------------------------------------------------------------
# Typed through the API?
# --------------------------------------------------------------------------------------------------


def check_hand_changes(doc) -> None:
	"""The span, the rows and the announcement's stamp are the server's: a user who sends them (a new
	announcement with rows, a draft whose rows or dates differ from what was saved) is refused."""
	if doc.flags.ignore_permissions:
		return
	if doc.is_new():
		changed = [f for f in COMPUTED_FIELDS if doc.get(f)]
		if doc.rows:
			changed.append("rows")
	else:
		changed = changed_fields(doc, COMPUTED_FIELDS)
		before = doc.get_doc_before_save()
		if before is not None and _rows(before) != _rows(doc):
			changed.append("rows")
	if changed:
		frappe.throw(
			_("{0}: worked out by the system from the approved results, not typed in.").format(
				", ".join(frappe.bold(_(doc.meta.get_label(f))) for f in changed)
			),
			title=_("Not Allowed"),
		)


def _rows(doc) -> list[tuple]:
	return [tuple(str(row.get(f) or "") for f in ROW_FIELDS) for row in doc.rows]


# --------------------------------------------------------------------------------------------------
# Announcing
# --------------------------------------------------------------------------------------------------


def check_announcer(doc, user: str | None = None) -> None:
	if not can_announce_results(doc, user):
		frappe.throw(
			_("Only the head of {0} (or the presiding board) announces its results.").format(
				frappe.bold(doc.organization_unit)
			),
			title=_("Not Permitted"),
			exc=NotAnnouncerError,
		)


def announce(doc) -> None:
	"""`before_submit`: the announcer may, every record is approved, the rows are refreshed from the
	records, and the date and the announcer are recorded."""
	user = frappe.session.user
	check_announcer(doc, user)
	results = unit_results(doc)
	check_all_approved(doc, results)
	fill_rows(doc, results)
	doc.announced_on = getdate(today())
	cadre = get_user_cadre(user)
	doc.announced_by = cadre.name if cadre else None
	doc.announced_by_name = cadre.full_name if cadre else None
	doc.announced_by_position = frappe.db.get_value("Cadre", cadre.name, "position") if cadre else None


def withdraw(doc) -> None:
	"""`before_cancel`: only who may announce withdraws; the unit and span are free again."""
	check_announcer(doc)


def free_key(doc) -> None:
	"""`on_cancel`: a cancelled announcement no longer holds its unit and span."""
	doc.db_set("announcement_key", None, update_modified=False)


# --------------------------------------------------------------------------------------------------
# What waits to be announced
# --------------------------------------------------------------------------------------------------

# How many months back, from the last that has ended, a unit's approved month waits on the head's page.
WAITING_MONTHS = 3


def months_to_announce(user: str | None = None, day=None) -> list[frappe._dict]:
	"""The months a unit's head has yet to announce: of the last `WAITING_MONTHS` months that have
	ended, those whose evaluations in a unit `user` may announce for (`can_announce_results`) are all
	approved, and that nobody has announced or drafted. [{organization_unit, period_start,
	evaluation_period}], the oldest first (the *Results to Announce* card opens it)."""
	user = user or frappe.session.user
	units = get_user_units(user)
	if not units:
		return []
	day = getdate(day or today())
	since = add_months(get_first_day(day), -WAITING_MONTHS)
	ev, period = DocType("Cadre Evaluation"), DocType("Evaluation Period")
	pending = Sum(Case().when(ev.docstatus == 0, 1).else_(0))
	rows = (
		frappe.qb.from_(ev)
		.join(period)
		.on(ev.evaluation_period == period.name)
		.select(ev.organization_unit, ev.period_start, Min(ev.evaluation_period).as_("evaluation_period"))
		.where(ev.organization_unit.isin(units) & (ev.docstatus < 2) & (period.period_type == MONTHLY))
		.where((ev.period_start >= since) & (ev.period_end < day))
		.groupby(ev.organization_unit, ev.period_start)
		.having(pending == 0)
		.orderby(ev.period_start)
		.orderby(ev.organization_unit)
		.run(as_dict=True)
	)
	if not rows:
		return []
	for row in rows:
		row.key = announcement_key(row.organization_unit, KIND_MONTH, row.period_start)
	taken = set(
		frappe.get_all(
			ANNOUNCEMENT,
			filters={"announcement_key": ("in", [r.key for r in rows]), "docstatus": ("<", 2)},
			pluck="announcement_key",
		)
	)
	return [r for r in rows if r.key not in taken and can_announce_results(r, user)]


# --------------------------------------------------------------------------------------------------
# A level changed on appeal after the announcement
# --------------------------------------------------------------------------------------------------


def announced_for(doctype: str, record) -> str | None:
	"""The announcement (submitted) that announced `record`'s level: its unit's month, quarter or year."""
	if doctype == "Cadre Classification":
		kind = next((k for k, t in CLASSIFIED.items() if t == record.classification_type), None)
		if not kind:
			return None
		key = announcement_key(record.organization_unit, kind, record.period_start)
	else:
		key = announcement_key(record.organization_unit, KIND_MONTH, record.period_start)
	return frappe.db.get_value(ANNOUNCEMENT, {"announcement_key": key, "docstatus": 1})


def follow_appeal(appeal, doctype: str, record) -> None:
	"""A level the level above changed on appeal after the unit's results were announced (Regulation
	124-QĐ/TW Art. 11): the announcement's row takes the new level, keeps the level first announced
	beside it and names the appeal; the change is written on the announcement's timeline and whoever
	reads the announcement is told. An announcement made after the change already reads it."""
	name = announced_for(doctype, record)
	if not name:
		return
	announcement = frappe.get_doc(ANNOUNCEMENT, name)
	row = next((r for r in announcement.rows if r.cadre == record.cadre), None)
	if not row or row.level == appeal.decided_level:
		return
	ranks = level_ranks({record.evaluation_policy} - {None})
	row.db_set(
		{
			"announced_level_label": row.announced_level_label or row.level_label or row.level,
			"level": appeal.decided_level,
			"level_label": appeal.decided_level_label,
			"level_rank": ranks.get((record.evaluation_policy, appeal.decided_level), 0),
			"appeal": appeal.name,
		}
	)
	announcement.add_comment(
		"Info",
		_("The level of {0} was changed on appeal {1}: {2} instead of {3}.").format(
			frappe.bold(row.cadre_name), appeal.name, appeal.decided_level_label, row.announced_level_label
		),
	)
	if users := members_to_tell(announcement):
		tell_members(announcement.name, users, corrected=True)


# --------------------------------------------------------------------------------------------------
# Who is told
# --------------------------------------------------------------------------------------------------


def member_users(unit: str) -> list[str]:
	"""Desk users of the unit's active cadres."""
	cadres = frappe.get_all(
		"Cadre", filters={"organization_unit": unit, "status": CADRE_ACTIVE}, pluck="name"
	)
	return sorted(get_cadre_users(cadres).values())


def members_to_tell(doc) -> list[str]:
	"""The unit's members who read its announcement (when the office's setting lets them), never
	whoever is acting."""
	if not announce_levels_to_members():
		return []
	return [u for u in member_users(doc.organization_unit) if u != frappe.session.user]


def notify_announced(doc) -> None:
	"""`on_submit`: the unit's members are told, in the background for a large unit."""
	users = members_to_tell(doc)
	if not users:
		return
	if in_background(len(users)):
		enqueue(tell_members, job_id=f"announce-{doc.name}", queue="default", name=doc.name, users=users)
	else:
		tell_members(doc.name, users)


def tell_members(name: str, users: list[str], corrected: bool = False) -> None:
	"""The announcement made, or (`corrected`) a level of it changed on appeal."""
	doc = frappe.get_doc(ANNOUNCEMENT, name)

	def subject(lang: str) -> str:
		if corrected:
			text = _("The announced results of {0} for {1} were corrected on appeal", lang=lang)
		else:
			text = _("The results of {0} for {1} are announced", lang=lang)
		return text.format(doc.organization_unit, span_label(doc, lang))

	notify(users, subject, ANNOUNCEMENT, doc.name)
