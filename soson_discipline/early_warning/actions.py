"""What people do with an early warning (issue 28), and who is told of it.

New → Acknowledged (the board or a head of the unit has seen it) → Acted on (a record that acts on it
is linked: an urging or an inspection created from it, a violation record, a Standing Committee
conclusion point citing it) → Closed (with a note when nothing was linked). Nobody acts on, or is
told of, a warning about himself or herself (`permissions.SCOPES`: the warning is hidden from its
subject); a head's warnings go to the heads above him or her and to the board.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from soson_discipline.followup.urging import presiding_board_users
from soson_discipline.notifications import notify
from soson_discipline.org import get_cadre_users, get_unit_heads, get_user_cadre
from soson_discipline.scoring.signals import VALUELESS_MEASURES
from soson_discipline.states import (
	WARNING_ACKNOWLEDGED,
	WARNING_ACTED_ON,
	WARNING_CLOSED,
	WARNING_NEW,
)

WARNING = "Discipline Warning"
# The links through which a record acts on a warning.
ACTION_LINKS = ("urging", "inspection", "conclusion", "violation_record")
# A reader told of more new warnings than this in one run gets one digest instead of an alert each.
DIGEST_ABOVE = 10


# --------------------------------------------------------------------------------------------------
# Who is told
# --------------------------------------------------------------------------------------------------


def warning_subject(warning):
	"""The notification's subject, in each reader's language."""
	about = warning.cadre_name or warning.title or warning.organization_unit
	return lambda lang: _("Early warning: {0} ({1})", lang=lang).format(  # noqa: E731
		_(warning.warning_type, lang=lang), about
	)


def notify_raised(names: list[str]) -> None:
	"""Tell the heads of each new warning's unit (the nearest unit above with one; for a warning about
	a head, the heads above him or her) and the presiding board, never the person a warning is about:
	one alert per warning, or one digest for a reader with more than `DIGEST_ABOVE` new ones."""
	warnings = frappe.get_all(
		WARNING,
		filters={"name": ("in", names)},
		fields=["name", "warning_type", "cadre", "cadre_name", "title", "organization_unit"],
		order_by="name",
	)
	users = get_cadre_users({w.cadre for w in warnings if w.cadre})
	board = presiding_board_users()
	heads_of = HeadsOfUnits()
	told: dict[str, list] = {}
	for warning in warnings:
		readers = heads_of.users(warning.organization_unit, above=warning.cadre) | board
		for user in readers - {users.get(warning.cadre)}:
			told.setdefault(user, []).append(warning)
	for user, mine in sorted(told.items()):
		if len(mine) <= DIGEST_ABOVE:
			for warning in mine:
				notify([user], warning_subject(warning), WARNING, warning.name)
			continue
		count = len(mine)
		notify(
			[user],
			lambda lang, count=count: _("{0} new early warnings", lang=lang).format(count),
			WARNING,
			mine[0].name,
		)


class HeadsOfUnits:
	"""Who heads each unit (`org.get_unit_heads`, climbing to the nearest unit with a head), asked
	once per unit however many warnings it has."""

	def __init__(self):
		self.heads, self.parents, self.desk_users = {}, {}, {}

	def cadres(self, unit: str) -> list[str]:
		if unit not in self.heads:
			self.heads[unit] = get_unit_heads(unit, climb=True)
		return self.heads[unit]

	def users(self, unit: str, above: str | None = None) -> set[str]:
		"""The desk users heading `unit`; when `above` (the cadre a warning is about) is one of them,
		those heading the unit above."""
		if above and above in self.cadres(unit):
			if unit not in self.parents:
				self.parents[unit] = frappe.db.get_value(
					"Organization Unit", unit, "parent_organization_unit"
				)
			unit = self.parents[unit]
			if not unit:
				return set()
		if unit not in self.desk_users:
			self.desk_users[unit] = set(get_cadre_users(self.cadres(unit)).values())
		return self.desk_users[unit]


# --------------------------------------------------------------------------------------------------
# Rights and steps
# --------------------------------------------------------------------------------------------------


def is_about_me(warning, user: str | None = None) -> bool:
	me = get_user_cadre(user or frappe.session.user)
	return bool(me and warning.cadre and me.name == warning.cadre)


def check_can_handle(warning) -> None:
	"""The board or a head of the unit, never the person the warning is about."""
	if is_about_me(warning) or not frappe.has_permission(WARNING, "write", warning):
		frappe.throw(
			_("You may not act on this early warning."), frappe.PermissionError, title=_("Not Permitted")
		)


def acknowledge(warning) -> None:
	check_can_handle(warning)
	if warning.status != WARNING_NEW:
		frappe.throw(
			_("Only a new warning can be acknowledged; this one is {0}.").format(_(warning.status)),
			title=_("Not Allowed"),
		)
	warning.status = WARNING_ACKNOWLEDGED
	warning.acknowledged_by, warning.acknowledged_on = frappe.session.user, now_datetime()
	_save_step(warning)


def close(warning, note: str | None = None) -> None:
	check_can_handle(warning)
	if warning.status == WARNING_CLOSED:
		frappe.throw(_("This warning is already closed."), title=_("Not Allowed"))
	note = (note or "").strip()
	if not note and not has_action(warning):
		frappe.throw(
			_("{0}: say why a warning nothing was done about is closed.").format(
				frappe.bold(_("Closing Note"))
			),
			title=_("Missing Value"),
		)
	warning.status = WARNING_CLOSED
	warning.closed_by, warning.closed_on, warning.closing_note = (
		frappe.session.user,
		now_datetime(),
		note or None,
	)
	_save_step(warning)


def _save_step(warning) -> None:
	warning.flags.warning_step = True
	warning.save()


def has_action(warning) -> bool:
	return any(warning.get(field) for field in ACTION_LINKS)


def status_from_links(warning) -> str:
	"""A warning with a linked record is Acted on; one whose link was removed goes back to where it was."""
	if warning.status == WARNING_CLOSED:
		return WARNING_CLOSED
	if has_action(warning):
		return WARNING_ACTED_ON
	if warning.status == WARNING_ACTED_ON:
		return WARNING_ACKNOWLEDGED if warning.acknowledged_by else WARNING_NEW
	return warning.status


def describe(warning) -> str:
	"""The warning in words (the user's language), for the record created from it."""
	lines = [
		_("Early warning {0}: {1}").format(warning.name, _(warning.warning_type)),
		_("About: {0}").format(warning.cadre_name or warning.title or warning.organization_unit),
		_("Months: {0} to {1}").format(
			getdate(warning.period_from).strftime("%m/%Y"), getdate(warning.period_to).strftime("%m/%Y")
		),
	]
	for row in warning.figures:
		value = "" if row.value is None or row.measure in VALUELESS_MEASURES else f"{row.value:g}"
		month = getdate(row.month).strftime("%m/%Y") if row.month else ""
		lines.append(f"- {month} {_(row.measure)}: {' '.join(filter(None, (value, row.reference or '')))}")
	return "<br>".join(frappe.utils.escape_html(line) for line in lines)


def _issuing_unit() -> str | None:
	"""The unit a record created from a warning is issued by: the presiding unit, else the user's."""
	unit = frappe.db.get_single_value("Discipline Settings", "presiding_unit")
	if not unit and (me := get_user_cadre()):
		unit = me.organization_unit
	return unit


def create_urging(warning) -> str:
	"""A draft Urging to the warning's unit, linked to the warning (which is then Acted on)."""
	return _create_linked(
		warning,
		"urging",
		{
			"doctype": "Urging",
			"title": _("Urging on early warning {0}").format(warning.name),
			"issuing_unit": _issuing_unit(),
			"urging_date": today(),
			"content": describe(warning),
			"targets": [{"organization_unit": warning.organization_unit}],
		},
	)


def create_inspection(warning) -> str:
	"""A planned Inspection of the warning's unit, linked to the warning (which is then Acted on)."""
	return _create_linked(
		warning,
		"inspection",
		{
			"doctype": "Inspection",
			"title": _("Inspection on early warning {0}").format(warning.name),
			"inspection_type": "Inspection",
			"inspecting_unit": _issuing_unit(),
			"inspection_date": today(),
			"content": describe(warning),
			"target_units": [{"organization_unit": warning.organization_unit}],
		},
	)


def _create_linked(warning, field: str, values: dict) -> str:
	"""Insert the record `values` describe, as the user (his or her rights to create it apply), and
	link it to the warning through `field`."""
	check_can_handle(warning)
	_check_open(warning, field)
	record = frappe.get_doc(values).insert()
	_link(warning, field, record.name)
	return record.name


def _check_open(warning, field: str) -> None:
	if warning.status == WARNING_CLOSED:
		frappe.throw(_("This warning is already closed."), title=_("Not Allowed"))
	if warning.get(field):
		frappe.throw(
			_("{0} is already linked to this warning: {1}").format(
				_(warning.meta.get_label(field)), warning.get(field)
			),
			title=_("Not Allowed"),
		)


def _link(warning, field: str, name: str) -> None:
	warning.set(field, name)
	_save_step(warning)


# --------------------------------------------------------------------------------------------------
# A Standing Committee conclusion citing warnings
# --------------------------------------------------------------------------------------------------


def record_conclusion(conclusion) -> list[str]:
	"""On issue: each warning a point cites is acted on by the conclusion."""
	names = sorted({p.discipline_warning for p in conclusion.points if p.get("discipline_warning")})
	for name in names:
		warning = frappe.get_doc(WARNING, name)
		if warning.conclusion != conclusion.name:
			warning.conclusion = conclusion.name
			warning.flags.warning_step = True
			warning.save(ignore_permissions=True)
	return names


def forget_conclusion(conclusion) -> None:
	"""On cancel: the warnings it cited are no longer acted on by it."""
	for name in frappe.get_all(WARNING, filters={"conclusion": conclusion.name}, pluck="name"):
		warning = frappe.get_doc(WARNING, name)
		warning.conclusion = None
		warning.flags.warning_step = True
		warning.save(ignore_permissions=True)
