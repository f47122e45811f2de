"""Tasks pushed by the office's document system (`integrations.documents` holds the rules).

POST /api/method/soson_discipline.api.tasks.upsert_from_document   {"document": {...}}
POST /api/method/soson_discipline.api.tasks.upsert_from_documents  {"documents": [{...}, ...]}
"""

import frappe
from frappe import _
from frappe.utils import strip_html

from soson_discipline.integrations import documents as document_tasks
from soson_discipline.utils.hygiene import parse_json_argument, refuse

MAX_DOCUMENTS = 500


class TooManyDocumentsError(frappe.ValidationError):
	http_status_code = 413


@frappe.whitelist(methods=["POST"])
def upsert_from_document(document: dict | str) -> dict:
	"""Create or update the task of one document; a retry never makes a second task."""
	return document_tasks.upsert(parse_json_argument(document, _("Document")))


@frappe.whitelist(methods=["POST"])
def upsert_from_documents(documents: list | str) -> list[dict]:
	"""Up to 500 documents, each on its own: a result per document, in order ("error" with the HTTP
	status and the reason for one that is refused; the others are kept)."""
	items = parse_json_argument(documents, _("Documents"))
	if not isinstance(items, list) or not items:
		refuse(
			_("{0} must be a non-empty list of documents.").format(frappe.bold(_("Documents"))),
			_("Invalid Value"),
		)
	if len(items) > MAX_DOCUMENTS:
		refuse(
			_("{0}: at most {1} documents at a time; {2} were sent.").format(
				frappe.bold(_("Documents")), MAX_DOCUMENTS, len(items)
			),
			_("Too Many Documents"),
			TooManyDocumentsError,
		)
	document_tasks.require_source()
	return [upsert_one(index, item) for index, item in enumerate(items)]


def upsert_one(index: int, item) -> dict:
	frappe.db.savepoint("soson_documents_item")
	try:
		outcome = document_tasks.upsert(item)
	except (frappe.ValidationError, frappe.PermissionError, frappe.DoesNotExistError) as e:
		frappe.db.rollback(save_point="soson_documents_item")
		reference = item.get("external_reference") if isinstance(item, dict) else None
		outcome = {
			"external_reference": reference,
			"result": "error",
			"http_status": getattr(e, "http_status_code", 417),
			"error": strip_html(str(e)),
			"exception": type(e).__name__,
		}
	frappe.local.message_log = []
	return {"index": index, **outcome}
