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
