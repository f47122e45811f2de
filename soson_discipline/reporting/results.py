"""Approved results as the platforms above and the cadre's next unit read them.

- `period_results`: one period's approved results within the caller's scope (a month's
  evaluations, a quarter's or a year's classifications), one row per cadre, for the province's and
  the national platforms (Decree 278/2025: data shared by 31/12/2026); `api.results` serves it as
  JSON, CSV or XLSX.
- `cadre_results`: one cadre's approved months and classifications of a year, as far as the reader
  may read them: the Cadre form, and the results transfer sheet printed for a cadre who leaves for
  an agency outside the site (Decree 335/2025: the old unit sends the months on to the new one).

Both read only (`@frappe.read_only` where served), and both apply the same scope as every list
(`permissions.get_scope_condition`, with the rule that results follow the cadre).
"""

import re

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Coalesce
from frappe.utils import cint, getdate

from soson_discipline.reporting.filters import apply_scope
from soson_discipline.scoring.periods import CLASSIFY_QUARTER, CLASSIFY_YEAR
from soson_discipline.utils.hygiene import refuse, shown

EVALUATION = "Cadre Evaluation"
CLASSIFICATION = "Cadre Classification"
COLUMNS = (
	"period",
	"cadre",
	"cadre_name",
	"organization_unit",
	"unit_name",
	"position",
	"category",
	"policy",
	"total",
	"level",
	"level_label",
	"approved_on",
	"approver",
	"approver_name",
	"record",
)
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
YEAR = re.compile(r"^(\d{4})$")


def period_results(period: str) -> list[dict]:
	"""The approved results of `period` within the session user's scope, ordered by unit and cadre:
	"YYYY-MM" (the month's evaluations) or an Evaluation Period's name, "YYYY-Qn" (the quarter's
	classifications), "YYYY" (the year's)."""
	text = str(period or "").strip()
	if match := QUARTER.match(text):
		return classification_rows(CLASSIFY_QUARTER, int(match[1]), match[2])
	if match := YEAR.match(text):
		return classification_rows(CLASSIFY_YEAR, int(match[1]), None)
	if match := MONTH.match(text):
		if not 1 <= int(match[2]) <= 12:
			refuse_period(text)
		start = getdate(f"{match[1]}-{match[2]}-01")
		return evaluation_rows(lambda ce: ce.period_start == start, text)
	if text and frappe.db.exists("Evaluation Period", text):
		return evaluation_rows(lambda ce: ce.evaluation_period == text, text)
	refuse_period(text)


def refuse_period(text: str):
	refuse(
		_(
			"{0} must be a month (2026-11), a quarter (2026-Q4), a year (2026) or an Evaluation Period; {1} is not."
		).format(frappe.bold(_("Period")), shown(text)),
		_("Invalid Value"),
	)


def evaluation_rows(period_condition, period: str) -> list[dict]:
	return result_rows(EVALUATION, "total_score", "approver", period_condition, period)


def classification_rows(classification_type: str, year: int, quarter: str | None) -> list[dict]:
	def span(cc):
		return (
			(cc.classification_type == classification_type)
			& (cc.year == year)
			& (Coalesce(cc.quarter, "") == (quarter or ""))
		)

	period = f"{year}-Q{quarter}" if quarter else str(year)
	return result_rows(CLASSIFICATION, "average_score", "approved_by", span, period)


def result_rows(doctype: str, total_field: str, approver_field: str, condition, period: str) -> list[dict]:
	"""The approved results of `doctype` (Cadre Evaluation or Cadre Classification) meeting
	`condition(table)`, within the session user's scope, as `COLUMNS`."""
	frappe.has_permission(doctype, "read", throw=True)
	table, cadre, unit = DocType(doctype), DocType("Cadre"), DocType("Organization Unit")
	approver = DocType("Cadre").as_("approver_cadre")
	total, approver_field = table[total_field], table[approver_field]
	query = (
		frappe.qb.from_(table)
		.left_join(cadre)
		.on(cadre.name == table.cadre)
		.left_join(unit)
		.on(unit.name == table.organization_unit)
		.left_join(approver)
		.on(approver.name == approver_field)
		.select(
			table.cadre,
			table.cadre_name,
			table.organization_unit,
			unit.unit_name,
			cadre.position,
			cadre.cadre_category.as_("category"),
			table.evaluation_policy.as_("policy"),
			total.as_("total"),
			table.final_level.as_("level"),
			table.final_level_label.as_("level_label"),
			table.approved_on,
			approver_field.as_("approver"),
			approver.full_name.as_("approver_name"),
			table.name.as_("record"),
		)
		.where((table.docstatus == 1) & condition(table))
		.orderby(table.organization_unit)
		.orderby(table.cadre)
	)
	rows = apply_scope(query, doctype).run(as_dict=True)
	return [{"period": period, **row} for row in rows]


# --------------------------------------------------------------------------------------------------
# One cadre's year
# --------------------------------------------------------------------------------------------------


def cadre_results(cadre: str, year: int | None = None) -> dict:
	"""The cadre's approved months and classifications of `year` (default: this year) that the
	session user may read: {"year", "months": [...], "classifications": [...]}."""
	year = cint(year) or getdate().year
	start, end = getdate(f"{year}-01-01"), getdate(f"{year}-12-31")
	months = frappe.get_list(
		EVALUATION,
		filters={"cadre": cadre, "docstatus": 1, "period_start": ("between", [start, end])},
		fields=[
			"name",
			"evaluation_period",
			"period_start",
			"period_end",
			"organization_unit",
			"total_score",
			"final_level",
			"final_level_label",
			"on_leave",
			"approved_on",
		],
		order_by="period_start asc",
	)
	classifications = frappe.get_list(
		CLASSIFICATION,
		filters={"cadre": cadre, "docstatus": 1, "year": year},
		fields=[
			"name",
			"classification_type",
			"quarter",
			"organization_unit",
			"average_score",
			"final_level",
			"final_level_label",
			"approved_on",
		],
		order_by="classification_type asc, quarter asc",
	)
	return {"year": year, "months": months, "classifications": classifications}
