"""Tasks from the office's documents (Decree 335/2025 Art. 26: evaluation software connected with the
document-management and task-assignment software).

Most tasks start as an incoming document with a deadline. The office's document system pushes each
one (`soson_discipline.api.tasks.upsert_from_document`) as its API user (`integrations.sources`):

- one task per `(external_system, external_reference)`, held by a unique index: a retry, or two
  retries at once, never makes a second task (the second insert meets the index and becomes an
  update of the first);
- what the document says is set on the task through the same validation as the form (the task's
  controller, the write guards); a changed due date moves the task's deadline with its reason, kept
  in the task's history like any other change of deadline;
- a task already completed or cancelled is not reopened by the document system: a change to it is
  refused as a conflict (HTTP 409); the same values again are simply "unchanged";
- the document's file is attached to the task as a private file (replaced when its content changes).

Results are dicts: `task`, `result` ("created", "updated", "unchanged"), `status`, `due_date`.
"""

import base64
import binascii
import hashlib

import frappe
from frappe import _
from frappe.utils import cstr, today

from soson_discipline.integrations.sources import get_source, resolve_cadre
from soson_discipline.org import get_unit_head
from soson_discipline.states import TASK_CANCELLED, TASK_COMPLETED
from soson_discipline.utils.changes import normalised
from soson_discipline.utils.hygiene import (
	InvalidInputError,
	MissingValueError,
	check_value,
	field_title,
	refuse,
	shown,
)

TASK = "Assigned Task"
# What a document may set on its task (the same names as the task's fields).
DOCUMENT_FIELDS = (
	"document_number",
	"document_date",
	"issuing_body",
	"title",
	"description",
	"expected_output",
	"organization_unit",
	"start_date",
	"due_date",
	"work_product_type",
	"product_quantity",
	"weight",
)
PEOPLE_FIELDS = ("assignee", "assigned_by")
# Besides the fields: the reference, the reason a deadline moves, a withdrawn document, the file.
OTHER_KEYS = ("external_reference", "external_system", "deadline_change_reason", "status", "file")
MAX_REFERENCE_LENGTH = 140
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class DocumentConflictError(frappe.ValidationError):
	"""A change sent for a task that is already completed or cancelled."""

	http_status_code = 409


class NotAnIntegrationError(frappe.PermissionError):
	"""The caller is not the API user of an enabled Integration Source."""


def upsert(document) -> dict:
	"""Create or update the task of one document (see the module docstring)."""
	source = require_source()
	values, extra = read_document(document, source)
	reference = extra["external_reference"]
	name = task_of(source.name, reference)
	if name:
		return update(name, values, extra, source)
	frappe.db.savepoint("soson_document")
	try:
		return create(values, extra, source)
	except frappe.UniqueValidationError:
		# the same reference, sent at the same moment, was just created by another request
		frappe.db.rollback(save_point="soson_document")
		frappe.local.message_log = []
		return update(task_of(source.name, reference, lock=True), values, extra, source)


def require_source():
	source = get_source()
	if not source:
		frappe.throw(
			_("Only the API user of an enabled Integration Source may send documents."),
			title=_("Not Permitted"),
			exc=NotAnIntegrationError,
		)
	return source


def task_of(system: str, reference: str, lock: bool = False) -> str | None:
	return frappe.db.get_value(
		TASK, {"external_system": system, "external_reference": reference}, "name", for_update=lock
	)


# --------------------------------------------------------------------------------------------------
# Reading a document
# --------------------------------------------------------------------------------------------------


def read_document(document, source) -> tuple[dict, dict]:
	"""The task values a document sets, checked and cleaned as the form's, and the other keys
	(reference, reason, status, file); refused, naming the field, on anything else."""
	if not isinstance(document, dict):
		refuse(
			_("{0} must be a JSON object of the document's values.").format(frappe.bold(_("Document"))),
			_("Invalid Value"),
		)
	unknown = [k for k in document if k not in (*DOCUMENT_FIELDS, *PEOPLE_FIELDS, *OTHER_KEYS)]
	if unknown:
		refuse(
			_("Unknown field {0}; a document sends {1}.").format(
				frappe.bold(shown(cstr(unknown[0]))),
				", ".join((*DOCUMENT_FIELDS, *PEOPLE_FIELDS, *OTHER_KEYS)),
			),
			_("Invalid Value"),
		)
	meta = frappe.get_meta(TASK)
	extra = {"external_reference": read_reference(document.get("external_reference"))}
	system = document.get("external_system")
	if system not in (None, "", source.name):
		frappe.throw(
			_("{0} {1} is not the system you sign in for ({2}).").format(
				frappe.bold(_("External System")), shown(cstr(system)), source.name
			),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)
	values = {}
	for field in DOCUMENT_FIELDS:
		if field in document:
			df = meta.get_field(field)
			values[field] = check_value(TASK, df, document[field], field_title(df))
	for field in PEOPLE_FIELDS:
		if field in document:
			values[field] = resolve_cadre(source, document[field], _(meta.get_label(field)))
	unit = values.get("organization_unit")
	if unit and unit not in source.units:
		frappe.throw(
			_("{0} {1} is not one of the units {2} writes into.").format(
				frappe.bold(_("Organization Unit")), shown(cstr(unit)), source.system_name
			),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)
	reason = document.get("deadline_change_reason")
	extra["deadline_change_reason"] = check_value(
		TASK,
		meta.get_field("deadline_change_reason"),
		reason,
		field_title(meta.get_field("deadline_change_reason")),
	)
	status = document.get("status")
	if status not in (None, "", TASK_CANCELLED):
		refuse(
			_("{0} may only be {1} (the document was withdrawn); {2} is not accepted.").format(
				frappe.bold(_("Status")), TASK_CANCELLED, shown(cstr(status))
			),
			_("Invalid Value"),
		)
	extra["cancelled"] = status == TASK_CANCELLED
	extra["file"] = read_file(document.get("file"))
	return values, extra


def read_reference(value) -> str:
	reference = cstr(value).strip() if isinstance(value, str | int) else ""
	if not reference:
		refuse(
			_("{0} is required: the document's reference in your system, one task per reference.").format(
				frappe.bold(_("External Reference"))
			),
			_("Missing Value"),
			MissingValueError,
		)
	if len(reference) > MAX_REFERENCE_LENGTH:
		refuse(
			_("{0} is longer than {1} characters.").format(
				frappe.bold(_("External Reference")), MAX_REFERENCE_LENGTH
			),
			_("Invalid Value"),
		)
	return reference


def read_file(value) -> frappe._dict | None:
	"""{"file_name": …, "content": base64} → the name, the bytes and their hash; None when absent."""
	if value in (None, ""):
		return None
	label = _("Document File")
	if not isinstance(value, dict) or not cstr(value.get("file_name")).strip():
		refuse(
			_("{0} must be an object with {1} and {2} (base64).").format(
				frappe.bold(label), "file_name", "content"
			),
			_("Invalid Value"),
		)
	try:
		content = base64.b64decode(cstr(value.get("content")), validate=True)
	except (binascii.Error, ValueError):
		content = b""
	if not content:
		refuse(
			_("{0}: {1} must be the file's content in base64.").format(frappe.bold(label), "content"),
			_("Invalid Value"),
			InvalidInputError,
		)
	return frappe._dict(
		file_name=cstr(value["file_name"]).strip(),
		content=content,
		content_hash=hashlib.md5(content).hexdigest(),  # noqa: S324 - Frappe's File.content_hash
	)


# --------------------------------------------------------------------------------------------------
# Creating and updating
# --------------------------------------------------------------------------------------------------


def create(values: dict, extra: dict, source) -> dict:
	task = frappe.new_doc(TASK)
	task.update(values)
	task.external_system = source.name
	task.external_reference = extra["external_reference"]
	task.start_date = task.start_date or today()
	if not task.assigned_by and task.organization_unit:
		task.assigned_by = get_unit_head(task.organization_unit)
	if task.work_product_type and not task.product_quantity:
		task.product_quantity = 1
	if extra["cancelled"]:
		task.status = TASK_CANCELLED
	task.flags.from_document = True
	task.insert()
	attach_document_file(task, extra["file"])
	return result(task, CREATED)


def update(name: str, values: dict, extra: dict, source) -> dict:
	task = frappe.get_doc(TASK, name, for_update=True)
	task.check_permission("write")
	changed = [f for f in values if normalised(task, f, task.get(f)) != normalised(task, f, values[f])]
	cancel = extra["cancelled"] and task.status != TASK_CANCELLED
	new_file = extra["file"] and extra["file"].content_hash != current_file_hash(task)
	if not (changed or cancel or new_file):
		return result(task, UNCHANGED)
	if task.status in (TASK_COMPLETED, TASK_CANCELLED):
		frappe.throw(
			_(
				"Task {0} ({1}) is {2}: the document system does not change or reopen it. Ask its unit to reopen it first."
			).format(frappe.bold(task.name), shown(task.external_reference), _(task.status).lower()),
			title=_("Conflict"),
			exc=DocumentConflictError,
		)
	task.update({f: values[f] for f in changed})
	if "due_date" in changed:
		task.deadline_change_reason = extra["deadline_change_reason"] or _(
			"Due date changed by document {0} in {1}."
		).format(task.document_number or task.external_reference, source.system_name)
	if cancel:
		task.status = TASK_CANCELLED
	task.flags.from_document = True
	task.save()
	if new_file:
		attach_document_file(task, extra["file"])
	return result(task, UPDATED)


def result(task, outcome: str) -> dict:
	return {
		"task": task.name,
		"external_reference": task.external_reference,
		"result": outcome,
		"status": task.status,
		"due_date": cstr(task.due_date) or None,
	}


def current_file_hash(task) -> str | None:
	if not task.document_file:
		return None
	return frappe.db.get_value(
		"File",
		{"file_url": task.document_file, "attached_to_doctype": TASK, "attached_to_name": task.name},
		"content_hash",
	)


def attach_document_file(task, file) -> None:
	"""The document's file, private, attached to its task (its Document File)."""
	if not file:
		return
	saved = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file.file_name,
			"content": file.content,
			"attached_to_doctype": TASK,
			"attached_to_name": task.name,
			"attached_to_field": "document_file",
			"is_private": 1,
		}
	).insert()
	task.db_set("document_file", saved.file_url, update_modified=False)
