"""Approved results for the platforms above (Decree 278/2025: data shared through the national
platform), within the caller's scope (`reporting.results` holds the query).

GET /api/method/soson_discipline.api.results.period_results?period=2026-11&format=csv
"""

import frappe
from frappe import _
from frappe.utils.csvutils import to_csv
from frappe.utils.xlsxutils import make_xlsx

from soson_discipline.reporting import results
from soson_discipline.utils.hygiene import refuse, shown

FORMATS = ("json", "csv", "xlsx")


@frappe.whitelist(methods=["GET"])
@frappe.read_only()
def period_results(period: str, format: str = "json"):
	"""One row per cadre of the period's approved results: `period` is a month ("2026-11") or an
	Evaluation Period, a quarter ("2026-Q4") or a year ("2026"); `format` json, csv or xlsx (a file)."""
	if format not in FORMATS:
		refuse(
			_("{0} must be one of {1}; {2} is not.").format(
				frappe.bold(_("Format")), ", ".join(FORMATS), shown(str(format))
			),
			_("Invalid Value"),
		)
	rows = results.period_results(period)
	if format == "json":
		return rows
	table = [list(results.COLUMNS)] + [[row.get(c) for c in results.COLUMNS] for row in rows]
	filename = f"ket-qua-danh-gia-{str(period).strip()}"
	if format == "csv":
		frappe.response["type"] = "csv"
		frappe.response["doctype"] = filename
		# a byte-order mark, so that a spreadsheet opens the Vietnamese names as UTF-8
		frappe.response["result"] = "\ufeff" + to_csv(table)
	else:
		frappe.response["type"] = "binary"
		frappe.response["filename"] = f"{filename}.xlsx"
		frappe.response["filecontent"] = make_xlsx(table, "Results").getvalue()
