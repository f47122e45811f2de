"""Evidence is confidential: files attached to a record of any scoped DocType (violation records and
inspections first of all, and every other record whose rows are scoped) are always private, and
attached to their record so that exactly the users who may read the record may list and open them
(`read_scope.has_file_permission`; a public file's URL would be readable by anyone)."""

import frappe

from soson_discipline.permissions import SCOPES

CONFIDENTIAL_DOCTYPES = tuple(SCOPES)


def make_file_private(file_url: str, doctype: str | None = None, docname: str | None = None) -> str:
	"""Turn a public file (``/files/...``) into a private one and return its (new) URL."""
	if not file_url or not file_url.startswith("/files/"):
		return file_url
	filters = {"file_url": file_url, "is_private": 0}
	name = frappe.db.get_value(
		"File", {**filters, "attached_to_doctype": doctype, "attached_to_name": docname}, "name"
	)
	name = name or frappe.db.get_value("File", filters, "name")
	if not name:
		# already moved (e.g. by the upload hook below): point to the private copy
		private_url = "/private" + file_url
		return private_url if frappe.db.exists("File", {"file_url": private_url}) else file_url
	file = frappe.get_doc("File", name)
	file.is_private = 1
	file.flags.ignore_permissions = True
	file.save()
	return file.file_url


def attach_file_to(file_url: str, doctype: str, docname: str):
	"""Attach an unattached File (e.g. uploaded into a child table row) to the record."""
	if not docname or not file_url:
		return
	name = frappe.db.get_value("File", {"file_url": file_url, "attached_to_name": ("is", "not set")}, "name")
	if name:
		frappe.db.set_value("File", name, {"attached_to_doctype": doctype, "attached_to_name": docname})


def keep_evidence_private(doc):
	"""Every evidence row's file private and attached to `doc` (a Violation Record)."""
	for row in doc.evidence:
		if row.attachment:
			row.attachment = make_file_private(row.attachment, doc.doctype, doc.name)
			attach_file_to(row.attachment, doc.doctype, doc.name)


def make_evidence_file_private(doc, method=None):
	"""`File.after_insert` hook: files uploaded onto a scoped record are private, whatever the
	uploader's "public" box said (the upload answers with the private URL)."""
	if (
		doc.attached_to_doctype in CONFIDENTIAL_DOCTYPES
		and not doc.is_private
		and not doc.is_folder
		and (doc.file_url or "").startswith("/files/")
	):
		file = frappe.get_doc("File", doc.name)
		file.is_private = 1
		file.flags.ignore_permissions = True
		file.save()
		# on rollback the new upload's own handler deletes the (now private) file: nothing to move back
		file.flags.pop("original_path", None)
		doc.is_private, doc.file_url = 1, file.file_url
