# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate

from soson_discipline.org import forget_user_cadres, get_subtree_units
from soson_discipline.reporting.results import cadre_results
from soson_discipline.roles import sync_roles_of_cadre, withdraw_roles_of_cadre


class Cadre(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from soson_discipline.soson_discipline.doctype.cadre_responsible_unit.cadre_responsible_unit import (
			CadreResponsibleUnit,
		)

		cadre_category: DF.Literal["Cadre", "Civil Servant", "Public Employee", "Worker"]
		date_joined: DF.Date
		date_left: DF.Date | None
		full_name: DF.Data
		is_leader: DF.Check
		is_party_member: DF.Check
		organization_unit: DF.Link
		position: DF.Data | None
		rater: DF.Link | None
		responsible_units: DF.Table[CadreResponsibleUnit]
		status: DF.Literal["Active", "Transferred", "Left"]
		user: DF.Link | None
	# end: auto-generated types

	def onload(self):
		# the year's approved results, as far as the reader may read them (they follow a cadre who
		# moved here: `permissions.Scope.follow_cadre_field`)
		if not self.is_new():
			self.set_onload("year_results", cadre_results(self.name))

	def validate(self):
		self.full_name = " ".join((self.full_name or "").split())
		self.validate_unique_user()
		self.validate_rater()
		self.validate_dates()
		self.validate_unit_on_joining()
		self.validate_responsible_units()

	def on_update(self):
		forget_user_cadres()
		# the roles the organisation gives (Unit Head, Rater, Cadre), and ERPNext's Employee kept in step
		sync_roles_of_cadre(self)

	def on_trash(self):
		forget_user_cadres()
		withdraw_roles_of_cadre(self)

	def validate_responsible_units(self):
		"""A leader's fields of responsibility are units of his or her own organisation (the unit and
		those below it), each named once."""
		if not self.responsible_units:
			return
		label = frappe.bold(_("Units Responsible For"))
		if not cint(self.is_leader):
			frappe.throw(
				_("{0}: only a leader has units to be responsible for; tick {1} or clear the table.").format(
					label, frappe.bold(_("Is Leader"))
				),
				title=_("Invalid Value"),
			)
		own = set(get_subtree_units(self.organization_unit))
		seen = set()
		for row in self.responsible_units:
			if row.organization_unit in seen:
				frappe.throw(
					_("{0}, row {1}: {2} is listed twice.").format(
						label, row.idx, frappe.bold(row.organization_unit)
					),
					title=_("Duplicate Entry"),
				)
			seen.add(row.organization_unit)
			if row.organization_unit not in own:
				frappe.throw(
					_("{0}, row {1}: {2} is not {3} nor a unit below it.").format(
						label,
						row.idx,
						frappe.bold(row.organization_unit),
						frappe.bold(self.organization_unit),
					),
					title=_("Invalid Value"),
				)

	def validate_unique_user(self):
		if not self.user:
			return
		other = frappe.db.get_value(
			"Cadre", {"user": self.user, "name": ("!=", self.name)}, ["name", "full_name"]
		)
		if other:
			frappe.throw(
				_("{0} {1} is already linked to cadre {2} ({3}); a user can be only one cadre.").format(
					frappe.bold(_("User")), frappe.bold(self.user), frappe.bold(other[1]), other[0]
				),
				title=_("Duplicate User"),
				exc=frappe.DuplicateEntryError,
			)

	def validate_rater(self):
		"""The rater assigns and rates the work: another person, still in service."""
		if not self.rater:
			return
		if self.rater == self.name:
			frappe.throw(
				_("{0} cannot be the cadre himself or herself.").format(frappe.bold(_("Rater"))),
				title=_("Invalid Rater"),
			)
		rater = frappe.db.get_value("Cadre", self.rater, ["full_name", "status"], as_dict=True)
		if rater and rater.status != "Active":
			frappe.throw(
				_("{0} {1} is not active (status: {2}); choose an active cadre.").format(
					frappe.bold(_("Rater")), frappe.bold(rater.full_name), _(rater.status)
				),
				title=_("Invalid Rater"),
			)

	def validate_dates(self):
		if self.date_left and self.date_joined and getdate(self.date_left) < getdate(self.date_joined):
			frappe.throw(
				_("{0} cannot be before {1}.").format(
					frappe.bold(_("Date Left")), frappe.bold(_("Date Joined"))
				),
				title=_("Invalid Dates"),
			)
		if self.status == "Active" and self.date_left:
			frappe.throw(
				_("An active cadre cannot have a {0}; set {1} to Transferred or Left.").format(
					frappe.bold(_("Date Left")), frappe.bold(_("Status"))
				),
				title=_("Invalid Status"),
			)

	def validate_unit_on_joining(self):
		"""A cadre cannot be placed in a unit that had already ended when he or she joined."""
		if not (self.organization_unit and self.date_joined):
			return
		unit = frappe.db.get_value(
			"Organization Unit", self.organization_unit, ["unit_name", "valid_to"], as_dict=True
		)
		if unit and unit.valid_to and getdate(unit.valid_to) < getdate(self.date_joined):
			frappe.throw(
				_("{0} {1} ended on {2}, before the {3} {4}.").format(
					frappe.bold(_("Organization Unit")),
					frappe.bold(unit.unit_name),
					frappe.format(unit.valid_to, "Date"),
					frappe.bold(_("Date Joined")),
					frappe.format(self.date_joined, "Date"),
				),
				title=_("Unit Not Valid on Date"),
			)


def get_active_cadres(unit: str | None = None) -> list[str]:
	"""Names of active cadres, optionally of one unit."""
	filters = {"status": "Active"}
	if unit:
		filters["organization_unit"] = unit
	return frappe.get_all("Cadre", filters=filters, pluck="name", order_by="name")
