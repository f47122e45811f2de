"""The one way the app tells people something: an in-app notification, and an email in each
recipient's own language.

    notify(users, subject, "Assigned Task", task.name, message=..., once_per_day_key="task-reminder")

- `subject` and `message` are either text or a function of the recipient's language
  (a `lambda lang: …` calling `_()` with `lang=lang`), so each person reads them in
  the language set on his or her User;
- the in-app notification is a Notification Log ("Alert"); the email is queued when the site has a
  default outgoing Email Account and `email` is true;
- with `once_per_day_key`, a recipient gets that reminder about that document at most once a day: the
  key is stored (Discipline Reminder Log), so a scheduled job run twice sends nothing more.
"""

from collections.abc import Callable, Iterable

import frappe
from frappe import _
from frappe.utils import get_link_to_form, getdate, today

Text = str | Callable[[str], str]


def notify(
	users: Iterable[str],
	subject: Text,
	document_type: str,
	document_name: str,
	*,
	message: Text | None = None,
	email: bool = True,
	once_per_day_key: str | None = None,
	on=None,
) -> list[str]:
	"""Notify each enabled user of `users` about a document; returns the users notified."""
	day = getdate(on or today())
	recipients = enabled_users(users)
	can_email = email and can_queue_email()
	notified = []
	for user, language in recipients.items():
		key = reminder_key(once_per_day_key, user, document_type, document_name, day)
		if key and frappe.db.exists("Discipline Reminder Log", {"reminder_key": key}):
			continue
		lang = language or frappe.local.lang or "en"
		subject_text = render(subject, lang)
		message_text = render(message, lang) if message else None
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"subject": subject_text,
				"email_content": message_text,
				"document_type": document_type,
				"document_name": document_name,
				"from_user": "Administrator",
			}
		).insert(ignore_permissions=True)
		if can_email:
			frappe.sendmail(
				recipients=[user],
				subject=subject_text,
				message=(message_text or subject_text)
				+ "<br><br>"
				+ get_link_to_form(document_type, document_name),
				reference_doctype=document_type,
				reference_name=document_name,
			)
		if key:
			record_key(key, user, document_type, document_name, day)
		notified.append(user)
	return notified


def render(text: Text, lang: str) -> str:
	return text(lang) if callable(text) else text


def enabled_users(users: Iterable[str]) -> dict[str, str | None]:
	"""{user: language} of the enabled users among `users`, in a stable order."""
	names = sorted({u for u in users or () if u and u not in ("Administrator", "Guest")})
	if not names:
		return {}
	rows = frappe.get_all(
		"User", filters={"name": ("in", names), "enabled": 1}, fields=["name", "language"], order_by="name"
	)
	return {row.name: row.language for row in rows}


def reminder_key(key: str | None, user: str, document_type: str, document_name: str, day) -> str | None:
	if not key:
		return None
	return f"{key}|{document_type}|{document_name}|{user}|{day.isoformat()}"[:255]


def record_key(key: str, user: str, document_type: str, document_name: str, day) -> None:
	frappe.get_doc(
		{
			"doctype": "Discipline Reminder Log",
			"reminder_key": key,
			"for_user": user,
			"sent_on": day,
			"document_type": document_type,
			"document_name": document_name,
		}
	).insert(ignore_permissions=True)


def can_queue_email() -> bool:
	"""Without a default outgoing Email Account, notifications stay in the desk."""
	return bool(frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}))


# --------------------------------------------------------------------------------------------------
# Workflow steps: who is told when a record moves on (called from the controllers' lifecycle)
# --------------------------------------------------------------------------------------------------


def notify_evaluation_step(doc, method=None):
	"""Cadre Evaluation `on_update` / `on_submit`: tell the next person in the chain, and the cadre.

	Self-assessed → the rater (and whoever acts for the rater today); rated → the approvers and the
	cadre; returned → the cadre (with the reason); approved → the cadre."""
	from soson_discipline.org import get_approver_users, get_cadre_user, rater_stand_in_users
	from soson_discipline.states import EVAL_APPROVED, EVAL_RATED, EVAL_RETURNED, EVAL_SELF_ASSESSED

	if not doc.has_value_changed("workflow_state"):
		return
	state, actor = doc.workflow_state, frappe.session.user
	cadre_user = doc.get("cadre_user") or get_cadre_user(doc.cadre)
	who = doc.cadre_name or doc.cadre
	period = frappe.db.get_value("Evaluation Period", doc.evaluation_period, "title") or doc.evaluation_period

	def tell(users, subject, message=None):
		notify([u for u in users if u and u != actor], subject, doc.doctype, doc.name, message=message)

	if state == EVAL_SELF_ASSESSED:
		tell(
			[
				doc.get("rater_user") or get_cadre_user(doc.rater),
				*rater_stand_in_users([doc.rater]).get(doc.rater, ()),
			],
			lambda lang: _(
				"{0} has self-assessed ({1}): the evaluation awaits your rating.", lang=lang
			).format(who, period),
		)
	elif state == EVAL_RATED:
		tell(
			get_approver_users(doc.organization_unit, bool(doc.is_leader)),
			lambda lang: _(
				"The evaluation of {0} ({1}) is rated and awaits your approval.", lang=lang
			).format(who, period),
		)
		tell([cadre_user], lambda lang: _("Your evaluation ({0}) has been rated.", lang=lang).format(period))
	elif state == EVAL_RETURNED:
		tell(
			[cadre_user],
			lambda lang: _("Your evaluation ({0}) was returned to you.", lang=lang).format(period),
			lambda lang: _("Reason: {0}", lang=lang).format(doc.return_reason or ""),
		)
	elif state == EVAL_APPROVED:
		tell(
			[cadre_user],
			lambda lang: _("Your evaluation ({0}) was approved: {1}.", lang=lang).format(
				period, _(doc.final_level_label or doc.final_level or "", lang=lang)
			),
		)


def notify_task_assigned(doc, method=None):
	"""Assigned Task `on_update` (a new task too): tell the (new) assignee, unless he or she assigned it."""
	from soson_discipline.org import get_cadre_user

	if not doc.assignee or not doc.has_value_changed("assignee") or doc.flags.assignee_told:
		return
	user = get_cadre_user(doc.assignee)
	if not user or user == frappe.session.user:
		return
	due = frappe.format(doc.due_date, {"fieldtype": "Date"})
	notify(
		[user],
		lambda lang: _("New task assigned to you: {0} (due {1})", lang=lang).format(doc.title, due),
		doc.doctype,
		doc.name,
		message=lambda lang: _("Expected output: {0}", lang=lang).format(doc.expected_output or doc.title),
	)


def notify_violation_step(doc, method=None):
	"""Violation Record `on_submit` / `on_update_after_submit`: whoever takes the next step is told.

	- verified, or requiring correction: the cadre concerned (for a collective violation, the unit's
	  leaders), who explains and corrects;
	- requiring correction: also the heads of the record's unit, who mark it corrected;
	- corrected: the person who verified it, who closes it (issue 25 item 9: nobody was told)."""
	from soson_discipline.org import get_unit_head_users
	from soson_discipline.states import VIOLATION_CORRECTED, VIOLATION_CORRECTION_REQUIRED, VIOLATION_VERIFIED
	from soson_discipline.violations.subjects import subject_users

	if not doc.has_value_changed("workflow_state"):
		return
	category = doc.get("category_name") or doc.violation_category
	subjects = subject_users(doc)
	if doc.workflow_state == VIOLATION_VERIFIED:
		_tell_readers(
			doc,
			subjects,
			lambda lang: _("A violation record about you was verified: {0}", lang=lang).format(category),
		)
	elif doc.workflow_state == VIOLATION_CORRECTION_REQUIRED:
		_tell_readers(
			doc,
			subjects,
			lambda lang: _("A violation record about you requires correction: {0}", lang=lang).format(
				category
			),
		)
		_tell_readers(
			doc,
			get_unit_head_users(doc.organization_unit) - subjects,
			lambda lang: _("A violation record of your unit requires correction: {0}", lang=lang).format(
				doc.get("cadre_name") or category
			),
		)
	elif doc.workflow_state == VIOLATION_CORRECTED and doc.verified_by:
		_tell_readers(
			doc,
			{doc.verified_by},
			lambda lang: _("A violation record was corrected and can be closed: {0}", lang=lang).format(
				doc.get("cadre_name") or category
			),
		)


def _tell_readers(doc, users, subject) -> list[str]:
	"""Notify those of `users` who may open the record (a deputy without a unit head's scope may not),
	never the person taking the step."""
	readers = sorted(
		user
		for user in set(users) - {frappe.session.user}
		if user and frappe.has_permission(doc.doctype, "read", doc, user=user)
	)
	return notify(readers, subject, doc.doctype, doc.name) if readers else []
