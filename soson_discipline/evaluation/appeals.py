"""Appeals against an approved month or classification (issue 29): `Evaluation Appeal`.

Regulation 124-QĐ/TW Art. 11 (as summarised in domain.md §2.4): "If there are complaints or signs of
violation, the superior committee re-verifies". The app models that re-verification:

- **Who files.** Only the cadre the record is about, on his or her own approved Cadre Evaluation or
  Cadre Classification, within `Discipline Settings.appeal_days` of the approval (the office's own
  rule: no text retrieved sets the number of days). One appeal per record: once filed, a record is
  never appealed again, a withdrawn appeal included (withdrawing accepts the result); a draft not
  yet filed may be deleted and started again.
- **Who decides** (`deciding_body`): the level above the one that approved. A month of a cadre who
  leads no unit, approved by a head, goes to the heads of the unit above the approver's unit
  (`deciding_unit`; `permissions`' Unit Head scope reaches it, so whoever heads or acts for that
  unit decides); a leader's month (approved by the Standing Committee), a month approved at the top
  of the tree and every classification go to the Standing Committee. Never the appellant, never
  the person who approved the record.
- **The decision.** Upheld (nothing changes) or Changed (a level of the record's policy other than
  the approved one, and for a month optionally the score the re-verification found), always with
  the reason. A change amends the record where it stands: a Version row and a timeline comment
  naming the appeal, the record's `appeal` link, and for a month its year recounted at once
  (`year_results.write_results`), the leaders above it followed (`leaders.follow_unit_result`) and
  the draft classifications of its span worked out again, as for discipline recorded after approval
  (`evaluation/discipline.py`).
- **Who is told.** The deciders when the appeal is filed; the cadre, his or her rater, the approver
  and the heads of the unit when it is decided.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import add_days, cint, flt, format_date, getdate, now_datetime, today

from soson_discipline.evaluation.announcements import follow_appeal as follow_announcement
from soson_discipline.evaluation.classification import (
	QuotaExceededError,
	lock_pool,
	pool_quota,
	quota_text,
	rework_classifications,
)
from soson_discipline.evaluation.inputs import get_scoring_policy
from soson_discipline.evaluation.leaders import follow_unit_result
from soson_discipline.evaluation.year_results import write_results
from soson_discipline.notifications import notify
from soson_discipline.org import (
	STANDING_COMMITTEE_ROLE,
	get_cadre_users,
	get_role_users,
	get_unit_head_users,
	get_user_cadre,
	get_user_units,
)
from soson_discipline.states import (
	APPEAL_CHANGED,
	APPEAL_DECIDED,
	APPEAL_DRAFT,
	APPEAL_OPEN,
	APPEAL_UPHELD,
	APPEAL_WITHDRAWN,
)

APPEAL = "Evaluation Appeal"
EVALUATION = "Cadre Evaluation"
CLASSIFICATION = "Cadre Classification"
# The appealed record's DocType -> the appeal's Link to it.
RECORD_FIELDS = {EVALUATION: "cadre_evaluation", CLASSIFICATION: "cadre_classification"}
BODY_UNIT_HEADS = "Heads of the Unit Above"
BODY_STANDING_COMMITTEE = "Standing Committee"
DEFAULT_APPEAL_DAYS = 15
LEGAL_BASIS = "Regulation 124-QĐ/TW Art. 11"


class AppealError(frappe.ValidationError):
	"""An appeal the rules refuse (not approved, a second appeal, a level outside the policy, ...)."""


class AppealDeadlineError(AppealError):
	"""An appeal filed after the days the office allows."""


class DuplicateAppealError(AppealError):
	"""A second appeal on the same record."""


def refuse(message: str, exc=AppealError, title: str | None = None):
	frappe.throw(message, exc, title=title or _("Not Allowed"))


def refuse_permission(message: str):
	frappe.throw(message, frappe.PermissionError, title=_("Not Permitted"))


# --------------------------------------------------------------------------------------------------
# The appealed record
# --------------------------------------------------------------------------------------------------


def appeal_days() -> int:
	"""Days after the approval within which a cadre may appeal (Discipline Settings; at least 1, so 0
	is a site that never saved the setting, where Frappe reads an unset Int as 0: the default)."""
	return cint(frappe.db.get_single_value("Discipline Settings", "appeal_days")) or DEFAULT_APPEAL_DAYS


def appealed_record(appeal) -> tuple[str, str]:
	"""(DocType, name) of the record the appeal is about: exactly one of the two links."""
	given = [(doctype, appeal.get(field)) for doctype, field in RECORD_FIELDS.items() if appeal.get(field)]
	if len(given) != 1:
		labels = " / ".join(frappe.bold(_(appeal.meta.get_label(f))) for f in RECORD_FIELDS.values())
		refuse(
			_("{0}: name exactly one approved evaluation or classification.").format(labels),
			title=_("Missing Value") if not given else None,
		)
	return given[0]


def approver_of(record) -> str | None:
	return record.get("approver") if record.doctype == EVALUATION else record.get("approved_by")


def deadline_of(approved_on) -> object:
	return add_days(getdate(approved_on), appeal_days()) if approved_on else None


def fill_from_record(appeal):
	"""The record's cadre, unit, period, approved level, approver, the deadline and who decides:
	copied from the record whatever was sent."""
	doctype, name = appealed_record(appeal)
	record = frappe.get_doc(doctype, name)
	if record.docstatus != 1:
		refuse(
			_(
				"{0} {1} is not approved: only an approved evaluation or classification can be appealed."
			).format(_(doctype), frappe.bold(name))
		)
	appeal.cadre, appeal.cadre_name = record.cadre, record.cadre_name
	appeal.organization_unit = record.organization_unit
	appeal.period_start, appeal.period_end = record.period_start, record.period_end
	appeal.evaluation_policy = record.evaluation_policy
	appeal.period_label = period_label(record)
	appeal.approved_level, appeal.approved_level_label = record.final_level, record.final_level_label
	appeal.approved_score = record.total_score if doctype == EVALUATION else record.average_score
	appeal.approved_by = approver_of(record)
	appeal.approved_on = getdate(record.approved_on) if record.approved_on else None
	appeal.deadline = deadline_of(record.approved_on)
	appeal.appeal_key = f"{doctype}:{name}"
	appeal.deciding_body, appeal.deciding_unit = deciders_of(record)
	return record


def period_label(record) -> str:
	if record.doctype == EVALUATION:
		return (
			frappe.db.get_value("Evaluation Period", record.evaluation_period, "title")
			or record.evaluation_period
		)
	if record.classification_type == "Quarter":
		return _("Quarter {0}/{1}").format(record.quarter, record.year)
	return _("Year {0}").format(record.year)


def deciders_of(record) -> tuple[str, str | None]:
	"""(deciding body, deciding unit): the level above the one that approved (module docstring)."""
	if record.doctype == EVALUATION and not record.is_leader:
		approver_unit = None
		if approver := approver_of(record):
			approver_unit = frappe.db.get_value("Cadre", approver, "organization_unit")
		unit_above = frappe.db.get_value(
			"Organization Unit", approver_unit or record.organization_unit, "parent_organization_unit"
		)
		if unit_above:
			return BODY_UNIT_HEADS, unit_above
	return BODY_STANDING_COMMITTEE, frappe.db.get_single_value(
		"Discipline Settings", "standing_committee_unit"
	)


# --------------------------------------------------------------------------------------------------
# Filing
# --------------------------------------------------------------------------------------------------


def prepare(appeal) -> None:
	"""`validate` of a draft: the record's details, and what filing will check (so a draft that can
	never be filed is refused at once)."""
	record = fill_from_record(appeal)
	check_appellant(appeal)
	check_deadline(appeal)
	check_not_appealed(appeal)
	check_requested_level(appeal)
	if not (appeal.reasons or "").strip():
		refuse(
			_("{0}: say why the result should change.").format(frappe.bold(_("Reasons"))),
			exc=frappe.MandatoryError,
			title=_("Missing Value"),
		)
	return record


def check_appellant(appeal, user: str | None = None) -> None:
	"""Only the cadre the record is about appeals it."""
	me = get_user_cadre(user or frappe.session.user)
	if not me or me.name != appeal.cadre:
		refuse_permission(
			_("Only {0} himself or herself can appeal this result.").format(frappe.bold(appeal.cadre_name))
		)


def check_deadline(appeal, on=None) -> None:
	if appeal.deadline and getdate(on or today()) > getdate(appeal.deadline):
		refuse(
			_(
				"The time to appeal this result ended on {0} ({1} days after its approval on {2}, Discipline Settings)."
			).format(
				frappe.bold(format_date(appeal.deadline)), appeal_days(), format_date(appeal.approved_on)
			),
			exc=AppealDeadlineError,
			title=_("Too Late"),
		)


def check_not_appealed(appeal) -> None:
	"""One appeal per record (module docstring); the unique `appeal_key` holds it under a race."""
	ea = DocType(APPEAL)
	other = (
		frappe.qb.from_(ea)
		.select(ea.name, ea.status)
		.where((ea.appeal_key == appeal.appeal_key) & (ea.name != (appeal.name or "")))
		.limit(1)
		.run(as_dict=True)
	)
	if other:
		refuse(
			_("This result was already appealed: {0} ({1}). A result is appealed once.").format(
				frappe.bold(other[0].name), _(other[0].status)
			),
			exc=DuplicateAppealError,
			title=_("Already Appealed"),
		)


def check_level(appeal, level: str, label: str) -> None:
	"""`level` is one of the record's policy levels, and not the approved one."""
	policy = get_scoring_policy(appeal.evaluation_policy)
	if not policy.band(level):
		refuse(
			_("{0} {1} is not a level of policy {2}; use one of {3}.").format(
				frappe.bold(label),
				frappe.bold(level),
				appeal.evaluation_policy,
				", ".join(b.level_code for b in policy.bands),
			),
			title=_("Invalid Level"),
		)
	if level == appeal.approved_level:
		refuse(
			_("{0} {1} is the level already approved.").format(frappe.bold(label), frappe.bold(level)),
			title=_("Invalid Level"),
		)


def check_requested_level(appeal) -> None:
	if appeal.requested_level:
		check_level(appeal, appeal.requested_level, _("Requested Level"))


def file(appeal) -> None:
	"""`before_submit`: filing, by the cadre, within the deadline, once."""
	prepare(appeal)
	appeal.status = APPEAL_OPEN
	appeal.appeal_date = today()


def after_filing(appeal) -> None:
	"""`on_submit`: the record shows its appeal; the deciders are told."""
	doctype, name = appealed_record(appeal)
	frappe.db.set_value(doctype, name, "appeal", appeal.name, update_modified=False)
	frappe.get_doc(doctype, name).add_comment(
		"Info", _("Appealed by {0}: {1}").format(frappe.utils.escape_html(appeal.cadre_name), appeal.name)
	)
	notify(
		decider_users(appeal) - {frappe.session.user},
		lambda lang: _("Appeal to decide: {0} ({1})", lang=lang).format(
			appeal.cadre_name, appeal.period_label
		),
		APPEAL,
		appeal.name,
		message=lambda lang: _(
			"{0} appeals the level {1} approved for {2}; the appeal is decided by {3}.", lang=lang
		).format(
			appeal.cadre_name,
			appeal.approved_level_label or appeal.approved_level,
			appeal.period_label,
			deciding_body_text(appeal, lang),
		),
	)


def deciding_body_text(appeal, lang: str | None = None) -> str:
	if appeal.deciding_body == BODY_UNIT_HEADS and appeal.deciding_unit:
		return _("the heads of {0}", lang=lang).format(appeal.deciding_unit)
	return _("the Standing Committee", lang=lang)


def decider_users(appeal) -> set[str]:
	if appeal.deciding_body == BODY_UNIT_HEADS and appeal.deciding_unit:
		return get_unit_head_users(appeal.deciding_unit)
	return set(get_role_users(STANDING_COMMITTEE_ROLE))


# --------------------------------------------------------------------------------------------------
# Deciding and withdrawing
# --------------------------------------------------------------------------------------------------


def can_decide(appeal, user: str | None = None) -> bool:
	"""The deciding body (the Standing Committee always may: it is above every head), never the
	appellant nor whoever approved the record."""
	user = user or frappe.session.user
	me = get_user_cadre(user)
	if me and me.name in (appeal.cadre, appeal.approved_by):
		return False
	if STANDING_COMMITTEE_ROLE in frappe.get_roles(user):
		return True
	return bool(
		appeal.deciding_body == BODY_UNIT_HEADS
		and appeal.deciding_unit
		and appeal.deciding_unit in get_user_units(user)
	)


def check_open(appeal) -> None:
	if appeal.docstatus != 1 or appeal.status != APPEAL_OPEN:
		refuse(
			_("Only an open appeal can be decided or withdrawn; this one is {0}.").format(
				frappe.bold(_(appeal.status or APPEAL_DRAFT))
			)
		)


def decide(appeal, decision: str, reason: str | None, level: str | None = None, score=None) -> None:
	check_open(appeal)
	if not can_decide(appeal):
		refuse_permission(
			_(
				"Only {0} decides this appeal, never the cadre who appealed nor whoever approved the result."
			).format(deciding_body_text(appeal))
		)
	if decision not in APPEAL_DECIDED:
		refuse(
			_("{0} must be {1} or {2}.").format(
				frappe.bold(_("Decision")), _(APPEAL_UPHELD), _(APPEAL_CHANGED)
			),
			title=_("Invalid Value"),
		)
	reason = (reason or "").strip()
	if not reason:
		refuse(
			_("{0}: say why the appeal is decided so.").format(frappe.bold(_("Decision Reason"))),
			exc=frappe.MandatoryError,
			title=_("Missing Value"),
		)
	appeal.decided_level = appeal.decided_level_label = appeal.decided_score = None
	if decision == APPEAL_CHANGED:
		check_change(appeal, level, score)
		band = get_scoring_policy(appeal.evaluation_policy).band(level)
		appeal.decided_level, appeal.decided_level_label = level, band.level_label
		appeal.decided_score = None if score in (None, "") else flt(score)
	appeal.decision, appeal.decision_reason, appeal.status = decision, reason, decision
	appeal.decided_by, appeal.decided_on = frappe.session.user, now_datetime()
	save_step(appeal)
	if decision == APPEAL_CHANGED:
		amend_record(appeal)
	notify_decided(appeal)


def check_change(appeal, level: str | None, score) -> None:
	if not level:
		refuse(
			_("{0}: a changed result names its new level.").format(frappe.bold(_("Decided Level"))),
			exc=frappe.MandatoryError,
			title=_("Missing Value"),
		)
	check_level(appeal, level, _("Decided Level"))
	check_classification_quota(appeal, level)
	if score in (None, ""):
		return
	if appeal.cadre_classification:
		refuse(
			_("{0}: a classification's average follows its months; change its level only.").format(
				frappe.bold(_("Decided Score"))
			),
			title=_("Invalid Value"),
		)
	policy = get_scoring_policy(appeal.evaluation_policy)
	score = flt(score)
	if not 0 <= score <= policy.max_total or policy.band_for_score(score).level_code != level:
		refuse(
			_("{0} {1} must lie between 0 and {2} and within the points of level {3}.").format(
				frappe.bold(_("Decided Score")), score, policy.max_total, frappe.bold(level)
			),
			title=_("Invalid Value"),
		)


def check_classification_quota(appeal, level: str) -> None:
	"""A classification changed on appeal to the top level stays within its pool's quota, counted under
	the pool's lock as an approval counts it (`classification.pool_quota`): a second approval by
	appeal must not take a place the quota does not have."""
	if not appeal.cadre_classification:
		return
	record = frappe.get_doc(CLASSIFICATION, appeal.cadre_classification)
	policy = get_scoring_policy(record.evaluation_policy)
	if level != policy.top_level_code or not policy.quota_applies_to(record.classification_type):
		return
	record.final_level = level
	lock_pool(record)
	pool, quota = pool_quota(record, lock=True)
	if not quota.ok:
		refuse(
			_("{0} cannot be changed to {1} on appeal: {2} Lower a classification of the pool first.").format(
				frappe.bold(record.cadre_name), frappe.bold(level), quota_text(record, pool, quota)
			),
			exc=QuotaExceededError,
			title=_("Quota Exceeded"),
		)


def withdraw(appeal) -> None:
	check_open(appeal)
	check_appellant(appeal)
	appeal.status = APPEAL_WITHDRAWN
	appeal.withdrawn_on = now_datetime()
	save_step(appeal)
	notify(
		decider_users(appeal) - {frappe.session.user},
		lambda lang: _("Appeal withdrawn: {0} ({1})", lang=lang).format(
			appeal.cadre_name, appeal.period_label
		),
		APPEAL,
		appeal.name,
	)


def save_step(appeal) -> None:
	"""The steps checked their rights above: the save itself is the app's."""
	appeal.flags.appeal_step = True
	appeal.flags.ignore_permissions = True
	appeal.save()


# --------------------------------------------------------------------------------------------------
# The recorded amendment
# --------------------------------------------------------------------------------------------------


def amend_record(appeal) -> None:
	"""Change the appealed record's level (and a month's score) where it stands, recorded: a Version
	row with the values before and after, a timeline comment naming the appeal and its reason; then
	the year and what follows it, in the same transaction."""
	doctype, name = appealed_record(appeal)
	before, record = frappe.get_doc(doctype, name), frappe.get_doc(doctype, name)
	values = {"final_level": appeal.decided_level, "final_level_label": appeal.decided_level_label}
	if doctype == EVALUATION:
		if appeal.decided_score is not None:
			values["total_score"] = flt(appeal.decided_score)
		# a forced "not completed" changed on appeal no longer holds the quarter and the year
		values["forced_level_lifted"] = int(
			bool(record.not_completed_forced and appeal.decided_level != record.computed_level)
		)
	record.update(values)
	record.modified, record.modified_by = now_datetime(), frappe.session.user
	version = frappe.new_doc("Version")
	if version.update_version_info(before, record):
		version.insert(ignore_permissions=True)
	frappe.db.set_value(
		doctype, name, {**values, "modified": record.modified, "modified_by": record.modified_by}
	)
	record.add_comment("Info", amendment_text(appeal))
	follow_announcement(appeal, doctype, record)
	if doctype == EVALUATION:
		follow_changed_month(record)


def amendment_text(appeal) -> str:
	return _(
		"Changed on appeal {0}: level {1} instead of {2}{3}. Reason: {4} ({5}: the superior level re-verifies on a complaint)."
	).format(
		appeal.name,
		appeal.decided_level,
		appeal.approved_level,
		_(", score {0}").format(flt(appeal.decided_score)) if appeal.decided_score is not None else "",
		frappe.utils.escape_html(appeal.decision_reason),
		LEGAL_BASIS,
	)


def follow_changed_month(record) -> None:
	"""A month changed on appeal reaches the year at once (as `discipline.follow_discipline`)."""
	write_results(getdate(record.period_start).year, [record.cadre])
	follow_unit_result(record)
	rework_classifications(
		record.cadre,
		[record.period_start, record.period_end],
		lambda doc: _(
			"A month of this span was changed on appeal after the classification was approved: the year's results count it; the Standing Committee decides whether to reconsider this classification."
		),
	)


def notify_decided(appeal) -> None:
	"""The cadre, his or her rater, the approver and the heads of the unit."""
	doctype, name = appealed_record(appeal)
	rater = frappe.db.get_value(doctype, name, "rater") if doctype == EVALUATION else None
	if doctype == CLASSIFICATION:
		rater = frappe.db.get_value("Cadre", appeal.cadre, "rater")
	users = set(get_cadre_users({appeal.cadre, rater, appeal.approved_by}).values())
	users |= get_unit_head_users(appeal.organization_unit)
	notify(
		users - {frappe.session.user},
		lambda lang: _("Appeal decided: {0} ({1}), {2}", lang=lang).format(
			appeal.cadre_name, appeal.period_label, _(appeal.decision, lang=lang)
		),
		APPEAL,
		appeal.name,
		message=lambda lang: decision_text(appeal, lang),
	)


def decision_text(appeal, lang: str | None = None) -> str:
	if appeal.decision == APPEAL_CHANGED:
		return _("The level approved for {0} changes from {1} to {2}: {3}", lang=lang).format(
			appeal.period_label, appeal.approved_level, appeal.decided_level, appeal.decision_reason
		)
	return _("The level approved for {0} stands ({1}): {2}", lang=lang).format(
		appeal.period_label, appeal.approved_level, appeal.decision_reason
	)


# --------------------------------------------------------------------------------------------------
# The record's form
# --------------------------------------------------------------------------------------------------


def appeal_info(record) -> dict | None:
	"""What the approved record's form shows: its appeal (name, status, decision) or, to the cadre
	within the deadline, that it may be appealed and until when."""
	if record.docstatus != 1:
		return None
	if record.get("appeal"):
		row = frappe.db.get_value(APPEAL, record.appeal, ["name", "status", "decided_level"], as_dict=True)
		return row and {"appeal": row.name, "status": row.status, "decided_level": row.decided_level}
	me = get_user_cadre()
	deadline = deadline_of(record.approved_on)
	if not me or me.name != record.cadre or not deadline or getdate(today()) > getdate(deadline):
		return None
	if frappe.db.exists(APPEAL, {"appeal_key": f"{record.doctype}:{record.name}"}):
		draft = frappe.db.get_value(APPEAL, {"appeal_key": f"{record.doctype}:{record.name}"}, "name")
		return {"appeal": draft, "status": APPEAL_DRAFT}
	return {"can_appeal": 1, "deadline": str(deadline), "field": RECORD_FIELDS[record.doctype]}
