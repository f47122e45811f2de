"""The catalogue of work products (Work Product Type) and a task's converted weight.

Decree 335/2025 Art. 14 compares the products a cadre completed with those assigned, **both
converted** (đã quy đổi): each task names the product it delivers and how many, and its `weight` is
quantity × the product's conversion factor, worked out when the task is saved. An agency keeps its
own products beside the shared ones: a unit uses its own, its parent units' and the shared ones.
"""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import flt

from soson_discipline.org import get_ancestor_units, get_user_units
from soson_discipline.permissions import is_presiding
from soson_discipline.utils.changes import changed_fields
from soson_discipline.utils.hygiene import shown


def catalogue_units(unit: str | None) -> list[str]:
	"""The units whose own products `unit` may use: itself and the units above it."""
	return get_ancestor_units(unit)


def product_type_of(name: str | None) -> frappe._dict | None:
	if not name:
		return None
	return frappe.db.get_value(
		"Work Product Type",
		name,
		["name", "product_name", "conversion_factor", "organization_unit", "disabled"],
		as_dict=True,
	)


def validate_product_for_unit(product_type: str, unit: str | None, label: str, changed: bool = True):
	"""`product_type` exists, is enabled (when newly chosen) and belongs to `unit`'s catalogue (its
	own, a parent unit's or the shared one)."""
	product = product_type_of(product_type)
	if not product:
		frappe.throw(
			_("{0} {1} not found.").format(frappe.bold(label), shown(product_type)),
			title=_("Invalid Product Type"),
		)
	if changed and product.disabled:
		frappe.throw(
			_("{0} {1} is disabled; choose a product of the catalogue in use.").format(
				frappe.bold(label), frappe.bold(product.product_name)
			),
			title=_("Invalid Product Type"),
		)
	if product.organization_unit and product.organization_unit not in catalogue_units(unit):
		frappe.throw(
			_("{0} {1} belongs to the catalogue of {2}, which is not {3} or a unit above it.").format(
				frappe.bold(label),
				frappe.bold(product.product_name),
				product.organization_unit,
				frappe.bold(unit or "-"),
			),
			title=_("Invalid Product Type"),
		)
	return product


def validate_quantity(quantity, row=None):
	"""A task (or a plan row) delivers a positive quantity of its product."""
	if flt(quantity) > 0:
		return
	if row:
		message = _("Row {0}: {1} must be greater than zero (entered: {2}).").format(
			row, frappe.bold(_("Product Quantity")), shown(quantity)
		)
	else:
		message = _("{0} must be greater than zero (entered: {1}).").format(
			frappe.bold(_("Product Quantity")), shown(quantity)
		)
	frappe.throw(message, title=_("Invalid Quantity"))


def converted_weight(product, quantity) -> float:
	"""The task's weight: its quantity of products times the product's conversion factor."""
	return flt(flt(quantity) * flt(product.conversion_factor), 4)


def set_task_weight(task):
	"""Decree 335/2025 Art. 14 compares products converted: a task naming a product of its unit's
	catalogue weighs its quantity × the product's conversion factor, worked out when the product or
	the quantity is set (a factor changed later does not reach tasks already saved) and whenever a
	weight is sent without the override; one who may manage the task may set the weight by hand,
	with the reason. A task without a product type
	weighs what it is given."""
	if task.work_product_type:
		chosen = changed_fields(task, ("work_product_type", "product_quantity", "weight_override", "weight"))
		product = validate_product_for_unit(
			task.work_product_type,
			task.organization_unit,
			_("Product Type"),
			changed="work_product_type" in chosen,
		)
		validate_quantity(task.product_quantity)
		if task.weight_override:
			if not (task.weight_override_reason or "").strip():
				frappe.throw(
					_("{0} is required when the weight is set by hand.").format(
						frappe.bold(_("Reason for the Weight"))
					),
					title=_("Missing Value"),
				)
		else:
			task.weight_override_reason = None
			if chosen or flt(task.weight) <= 0:
				task.weight = converted_weight(product, task.product_quantity)
	else:
		task.weight_override = 0
		task.weight_override_reason = None
	if flt(task.weight) <= 0:
		frappe.throw(
			_("{0} must be greater than zero.").format(frappe.bold(_("Weight"))),
			title=_("Invalid Weight"),
		)


def can_edit_catalogue(unit: str | None, user: str | None = None) -> bool:
	"""The presiding bodies keep the shared catalogue and every agency's; a Unit Head keeps the
	products of the units he or she heads (and those below)."""
	user = user or frappe.session.user
	if is_presiding(user):
		return True
	return bool(unit) and unit in get_user_units(user)


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def product_type_query(doctype, txt, searchfield, start, page_len, filters):
	"""The enabled products of a unit's catalogue (its own, its parent units', the shared ones),
	matching `txt` by name, unit of measure or job position."""
	unit = (filters or {}).get("organization_unit")
	product = DocType("Work Product Type")
	own = product.organization_unit.isnull() | (product.organization_unit == "")
	if unit:
		own = own | product.organization_unit.isin(catalogue_units(unit))
	like = f"%{txt or ''}%"
	return (
		frappe.qb.from_(product)
		.select(product.name, product.product_name, product.conversion_factor, product.unit_of_measure)
		.where(
			(product.disabled == 0)
			& own
			& (
				product.product_name.like(like)
				| product.name.like(like)
				| product.unit_of_measure.like(like)
				| product.job_position.like(like)
			)
		)
		.orderby(product.product_name)
		.limit(page_len)
		.offset(start)
		.run()
	)
