"""Which units an inspection covers, and the cadre search of the violation forms."""

import frappe
from frappe import _
from frappe.utils import getdate

from soson_discipline.org import get_subtree_units, get_user_units
from soson_discipline.states import CADRE_ACTIVE, INSPECTION_CANCELLED


def inspected_units(inspection: str) -> set[str]:
	"""The inspection's target units and every unit below them."""
	units: set[str] = set()
	for target in frappe.get_all(
		"Inspection Target Unit",
		filters={"parent": inspection, "parenttype": "Inspection"},
		pluck="organization_unit",
	):
		units.update(get_subtree_units(target))
	return units


def is_unit_inspected(inspection: str, unit: str) -> bool:
	"""Whether `unit` is one of the inspection's target units or lies below one."""
	return unit in inspected_units(inspection)


def validate_finding_of_inspection(inspection: str, unit: str | None, detected_on) -> None:
	"""A violation recorded against `inspection`: the inspection was not cancelled, the violation was
	detected on or after its date, in one of the units it inspected."""
	row = frappe.db.get_value("Inspection", inspection, ["title", "inspection_date", "status"], as_dict=True)
	if not row:
		return
	if row.status == INSPECTION_CANCELLED:
		frappe.throw(
			_("{0} {1} was cancelled; violations cannot be recorded against it.").format(
				frappe.bold(_("Inspection")), frappe.bold(row.title)
			),
			title=_("Invalid Inspection"),
		)
	if detected_on and getdate(detected_on) < getdate(row.inspection_date):
		frappe.throw(
			_("{0} ({1}) cannot be before the {2} of {3} ({4}).").format(
				frappe.bold(_("Detected On")),
				frappe.format(detected_on, "Date"),
				_("Inspection Date"),
				frappe.bold(row.title),
				frappe.format(row.inspection_date, "Date"),
			),
			title=_("Invalid Date"),
		)
	if unit and not is_unit_inspected(inspection, unit):
		frappe.throw(
			_("{0} {1} is not among the units inspected by {2}.").format(
				frappe.bold(_("Organization Unit")), frappe.bold(unit), frappe.bold(row.title)
			),
			title=_("Unit Not Inspected"),
		)


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def cadre_query(doctype, txt, searchfield, start, page_len, filters):
	"""Active cadres for a violation record or a corrective action: those who may record violations
	(Inspectors, the presiding board) search every unit, or the inspection's units when given; a unit
	head updating corrective actions searches his or her units; the Cadre list itself stays scoped."""
	if frappe.has_permission("Violation Record", "create"):
		own_units = None
	elif frappe.has_permission("Violation Record", "write"):
		own_units = get_user_units()  # a unit head naming who corrects: his or her units only
	else:
		return []

	cadre = frappe.qb.DocType("Cadre")
	pattern = f"%{txt}%"
	query = (
		frappe.qb.from_(cadre)
		.select(cadre.name, cadre.full_name, cadre.organization_unit)
		.where(
			(cadre.status == CADRE_ACTIVE)
			& (
				(cadre.full_name.like(pattern))
				| (cadre.name.like(pattern))
				| (cadre.organization_unit.like(pattern))
			)
		)
		.orderby(cadre.full_name)
		.limit(page_len)
		.offset(start)
	)
	if inspection := (filters or {}).get("inspection"):
		frappe.get_doc("Inspection", inspection).check_permission("read")
		query = query.where(cadre.organization_unit.isin(list(inspected_units(inspection)) or [""]))
	if own_units is not None:
		query = query.where(cadre.organization_unit.isin(own_units or [""]))
	return query.run()
