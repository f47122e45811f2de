# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.naming import append_number_if_name_exists
from frappe.utils import flt, getdate, sbool
from frappe.utils.nestedset import NestedSet

from soson_discipline.org import is_unit_valid_on
from soson_discipline.roles import sync_unit_head_roles
from soson_discipline.utils.hygiene import InvalidInputError, clean_text


class SuccessorCycleError(frappe.ValidationError):
	pass


class OrganizationUnit(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		abbreviation: DF.Data
		disabled: DF.Check
		head_cadre: DF.Link | None
		is_group: DF.Check
		level_label: DF.Data | None
		lft: DF.Int
		official_name: DF.Data | None
		old_parent: DF.Link | None
		parent_organization_unit: DF.Link | None
		place_name: DF.Data | None
		rgt: DF.Int
		successor_unit: DF.Link | None
		superior_line: DF.Data | None
		quota_agency: DF.Link | None
		top_level_quota_percent: DF.Percent
		unit_kind: DF.Literal[
			"Party Committee",
			"Party Board",
			"Party Office",
			"Inspection Committee",
			"People's Committee",
			"People's Council",
			"Fatherland Front",
			"Mass Organisation",
			"Specialised Department",
			"Public Service Unit",
			"Commune/Ward",
			"Other",
		]
		unit_name: DF.Data
		valid_from: DF.Date | None
		valid_to: DF.Date | None
	# end: auto-generated types

	nsm_parent_field = "parent_organization_unit"

	def autoname(self):
		"""Readable names that stay unique across the tree: "Ban Tổ chức - HU" when the bare name is taken."""
		self.name = clean_text(self.unit_name or "").strip()
		if frappe.db.exists("Organization Unit", self.name):
			suffix = self.get_parent_abbreviation() or self.abbreviation
			self.name = append_number_if_name_exists("Organization Unit", f"{self.name} - {suffix}")

	def on_update(self):
		super().on_update()
		# the Unit Head role follows the unit's recorded head
		sync_unit_head_roles(self)

	def validate(self):
		self.unit_name = self.unit_name.strip()
		self.abbreviation = (self.abbreviation or "").strip()
		self.validate_dates()
		self.validate_parent()
		self.validate_successor()
		self.validate_quota_percent()
		self.validate_quota_agency()

	def validate_quota_agency(self):
		"""One level of pooling: a unit counted with another is not itself a pool, and the pool is not
		counted with a third (the quota of each evaluation has exactly one home)."""
		if not self.quota_agency:
			return
		label = frappe.bold(_(self.meta.get_label("quota_agency")))
		if self.quota_agency == self.name:
			frappe.throw(
				_("{0}: a unit is not counted with itself; leave it empty for its own quota.").format(label),
				title=_("Invalid Value"),
			)
		if pooled_with := frappe.db.get_value("Organization Unit", self.quota_agency, "quota_agency"):
			frappe.throw(
				_("{0}: {1} is itself counted with {2}; choose {2}.").format(
					label, frappe.bold(self.quota_agency), frappe.bold(pooled_with)
				),
				title=_("Invalid Value"),
			)
		if not self.is_new() and (
			counted := frappe.db.get_value("Organization Unit", {"quota_agency": self.name}, "name")
		):
			frappe.throw(
				_("{0}: {1} is counted with this unit, so this unit cannot be counted with another.").format(
					label, frappe.bold(counted)
				),
				title=_("Invalid Value"),
			)

	def validate_quota_percent(self):
		if not 0 <= flt(self.top_level_quota_percent) <= 100:
			frappe.throw(
				_("{0} must be between 0 and 100, not {1}").format(
					frappe.bold(_("Top-Level Quota (%)")), self.top_level_quota_percent
				),
				title=_("Invalid Value"),
			)

	def get_parent_abbreviation(self) -> str | None:
		if self.parent_organization_unit:
			return frappe.db.get_value("Organization Unit", self.parent_organization_unit, "abbreviation")
		return None

	def validate_dates(self):
		if self.valid_from and self.valid_to and getdate(self.valid_to) < getdate(self.valid_from):
			frappe.throw(
				_("{0} ({1}) cannot be before {2} ({3}).").format(
					frappe.bold(_("Valid To")),
					frappe.format(self.valid_to, "Date"),
					frappe.bold(_("Valid From")),
					frappe.format(self.valid_from, "Date"),
				),
				title=_("Invalid Validity Dates"),
			)

	def validate_parent(self):
		if self.parent_organization_unit and self.parent_organization_unit == self.name:
			frappe.throw(
				_("{0} cannot be its own {1}.").format(
					frappe.bold(self.unit_name), frappe.bold(_("Parent Unit"))
				),
				title=_("Invalid Parent Unit"),
			)

	def validate_successor(self):
		"""A unit cannot succeed itself, and following successors must never lead back to it."""
		if not self.successor_unit:
			return
		if self.successor_unit == self.name:
			frappe.throw(
				_("{0} cannot be its own {1}.").format(
					frappe.bold(self.unit_name), frappe.bold(_("Successor Unit"))
				),
				title=_("Invalid Successor Unit"),
				exc=SuccessorCycleError,
			)
		seen = [self.name]
		current = self.successor_unit
		while current:
			if current in seen:
				chain = " → ".join([*seen, current])
				frappe.throw(
					_("{0} would create a cycle of successors: {1}.").format(
						frappe.bold(_("Successor Unit")), chain
					),
					title=_("Invalid Successor Unit"),
					exc=SuccessorCycleError,
				)
			seen.append(current)
			current = frappe.db.get_value("Organization Unit", current, "successor_unit")

	def is_valid_on(self, date) -> bool:
		"""Whether the unit existed on `date` (inclusive of both ends)."""
		return is_unit_valid_on(self, date)


@frappe.whitelist()
def get_children(doctype, parent=None, is_root=False, **filters):
	"""Tree view loader: children of `parent`, with the unit's title (for users who may read units)."""
	frappe.has_permission("Organization Unit", "read", throw=True)
	if parent is not None and not isinstance(parent, str):
		frappe.throw(
			_("{0} must be a single value, not a list or an object.").format(frappe.bold(_("Parent Unit"))),
			title=_("Invalid Value"),
			exc=InvalidInputError,
		)
	ou = frappe.qb.DocType("Organization Unit")
	query = (
		frappe.qb.from_(ou)
		.select(
			ou.name.as_("value"),
			ou.unit_name.as_("title"),
			ou.is_group.as_("expandable"),
			ou.valid_to,
			ou.disabled,
		)
		.orderby(ou.lft)
	)
	if sbool(is_root) or not parent or parent == "Organization Unit":
		query = query.where((ou.parent_organization_unit.isnull()) | (ou.parent_organization_unit == ""))
	else:
		query = query.where(ou.parent_organization_unit == parent)
	return query.run(as_dict=True)


@frappe.whitelist()
def add_node():
	from frappe.desk.treeview import make_tree_args

	args = make_tree_args(**frappe.form_dict)
	if args.get("is_root"):
		args.parent_organization_unit = None
	frappe.get_doc(args).insert()
