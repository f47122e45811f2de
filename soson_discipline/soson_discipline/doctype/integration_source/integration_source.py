# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Integration Source: an office's other system (its document-management and task-assignment
software, Decree 335/2025 Art. 26) that creates and updates tasks through
`soson_discipline.api.tasks`. What its API user may touch is in `soson_discipline.integrations.sources`;
the `Integration` role follows this record (`soson_discipline.roles`)."""

import re

import frappe
from frappe import _
from frappe.model.document import Document

from soson_discipline.integrations.sources import forget_sources
from soson_discipline.roles import sync_users

SYSTEM_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,59}$")


class IntegrationSource(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from soson_discipline.soson_discipline.doctype.integration_source_unit.integration_source_unit import (
			IntegrationSourceUnit,
		)

		api_user: DF.Link
		description: DF.SmallText | None
		enabled: DF.Check
		people_identified_by: DF.Literal["Cadre ID", "User Email"]
		system_code: DF.Data
		system_name: DF.Data
		units: DF.TableMultiSelect[IntegrationSourceUnit]
	# end: auto-generated types

	def validate(self):
		self.validate_system_code()
		self.validate_api_user()
		self.validate_units()

	def validate_system_code(self):
		self.system_code = (self.system_code or "").strip()
		if not SYSTEM_CODE.match(self.system_code):
			frappe.throw(
				_(
					"{0} must be 2 to 60 letters, digits, dots, dashes or underscores, e.g. QLVB-SOCSON."
				).format(frappe.bold(_("System Code"))),
				title=_("Invalid Value"),
			)

	def validate_api_user(self):
		"""A system signs in as an account of its own: not Administrator or Guest, not a cadre's user."""
		if self.api_user in ("Administrator", "Guest"):
			frappe.throw(
				_("{0} cannot be {1}: give the system a user of its own.").format(
					frappe.bold(_("API User")), self.api_user
				),
				title=_("Invalid Value"),
			)
		cadre = frappe.db.get_value("Cadre", {"user": self.api_user}, "full_name")
		if cadre:
			frappe.throw(
				_(
					"{0} {1} is the desk user of cadre {2}: a system signs in as an account of its own."
				).format(frappe.bold(_("API User")), self.api_user, frappe.bold(cadre)),
				title=_("Invalid Value"),
			)

	def validate_units(self):
		seen = set()
		for row in list(self.units):
			if row.organization_unit in seen:
				self.remove(row)
			seen.add(row.organization_unit)
		if not self.units:
			frappe.throw(
				_("{0}: name at least one unit the system writes into.").format(frappe.bold(_("Units"))),
				title=_("Missing Value"),
			)

	def on_update(self):
		"""The API user gets the Integration role while the source is enabled (and a user it no longer
		names loses it)."""
		forget_sources()
		before = self.get_doc_before_save()
		sync_users({self.api_user, before.api_user if before else None})

	def after_delete(self):
		forget_sources()
		sync_users({self.api_user})
