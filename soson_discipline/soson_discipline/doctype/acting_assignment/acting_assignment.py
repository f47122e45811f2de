# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Acting Assignment: a cadre acts for the head of a unit (or a vacant head's post) or for a rater,
from one date to another (issue 29). What the acting cadre may do within the span, and the record of
each step he or she takes, are in `soson_discipline.acting`; this controller keeps the assignment
itself sound: a span that ends after it starts, a post that exists, one acting cadre per post at a
time, and the roles and notices when it is submitted or cancelled."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.utils import getdate

from soson_discipline.acting import ACTING, POST_HEAD, POST_RATER, forget_assignments
from soson_discipline.notifications import notify
from soson_discipline.org import get_cadre_users, get_unit_head_users, get_user_cadre, validate_unit_valid_on
from soson_discipline.roles import sync_users
from soson_discipline.states import CADRE_ACTIVE


class ActingAssignmentError(frappe.ValidationError):
	"""An assignment that cannot hold: its span, its post or its people."""


class ActingAssignment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		acting_cadre: DF.Link
		acting_cadre_name: DF.Data | None
		acting_user: DF.Link | None
		amended_from: DF.Link | None
		decision: DF.Attach | None
		decision_number: DF.Data | None
		for_cadre: DF.Link | None
		for_cadre_name: DF.Data | None
		from_date: DF.Date
		note: DF.SmallText | None
		organization_unit: DF.Link
		post: DF.Literal["Unit Head", "Rater"]
		reason: DF.Literal["Vacant Post", "Leave", "Business Trip", "Other"]
		to_date: DF.Date
	# end: auto-generated types

	def validate(self):
		self.validate_dates()
		self.set_post_holder()
		self.validate_people()
		validate_unit_valid_on(self.organization_unit, self.from_date, _("Organization Unit"))
		self.validate_no_overlap()

	def on_submit(self):
		self.bring_roles_in_line()
		self.tell(
			lambda lang: _("You act as {0} of {1} from {2} to {3}.", lang=lang).format(
				_(self.post, lang=lang),
				self.organization_unit,
				self.format_date("from_date"),
				self.format_date("to_date"),
			)
		)

	def on_cancel(self):
		self.bring_roles_in_line()
		self.tell(
			lambda lang: _("Acting assignment {0} ({1} of {2}) was cancelled.", lang=lang).format(
				self.name, _(self.post, lang=lang), self.organization_unit
			)
		)

	# ------------------------------------------------------------------------------------------

	def refuse(self, message: str, title: str | None = None):
		frappe.throw(message, title=title or _("Invalid Acting Assignment"), exc=ActingAssignmentError)

	def format_date(self, fieldname: str) -> str:
		return frappe.format(self.get(fieldname), {"fieldtype": "Date"})

	def validate_dates(self):
		"""The span ends on or after the day it starts (both included)."""
		if getdate(self.to_date) < getdate(self.from_date):
			self.refuse(
				_("{0} ({1}) cannot be before {2} ({3}): the span would end before it starts.").format(
					frappe.bold(_("To Date")),
					self.format_date("to_date"),
					frappe.bold(_("From Date")),
					self.format_date("from_date"),
				),
				_("Invalid Dates"),
			)

	def set_post_holder(self):
		"""A head's post: the unit's recorded head, when the form left it empty (no head: a vacant
		post). A rater's post: the unit is the absent rater's."""
		if self.post == POST_HEAD:
			head = frappe.db.get_value("Organization Unit", self.organization_unit, "head_cadre")
			if not self.for_cadre and head and self.reason != "Vacant Post":
				self.for_cadre = head
				self.for_cadre_name = frappe.db.get_value("Cadre", head, "full_name")
			elif self.for_cadre and self.for_cadre != head:
				self.refuse(
					_(
						"{0} is not the recorded head of {1}: {2} names the head acted for (empty for a vacant post)."
					).format(
						frappe.bold(self.for_cadre_name or self.for_cadre),
						frappe.bold(self.organization_unit),
						frappe.bold(_("In Place Of")),
					)
				)
		elif self.post == POST_RATER:
			if not self.for_cadre:
				self.refuse(
					_(
						"{0} is required for a rater's post: the rater whose cadres the acting cadre rates."
					).format(frappe.bold(_("In Place Of"))),
				)
			self.organization_unit = frappe.db.get_value("Cadre", self.for_cadre, "organization_unit")

	def validate_people(self):
		"""The acting cadre is in service, is not the one he or she acts for, and is not the person
		recording the assignment."""
		status = frappe.db.get_value("Cadre", self.acting_cadre, "status")
		if status != CADRE_ACTIVE:
			self.refuse(
				_("{0} {1} is not an active cadre.").format(
					frappe.bold(_("Acting Cadre")), frappe.bold(self.acting_cadre_name or self.acting_cadre)
				)
			)
		if self.for_cadre and self.for_cadre == self.acting_cadre:
			self.refuse(_("A cadre cannot act in place of himself or herself."))
		me = get_user_cadre()
		if me and me.name == self.acting_cadre and self.has_value_changed("acting_cadre"):
			self.refuse(_("Nobody assigns himself or herself to act in a post: another person records it."))

	def validate_no_overlap(self):
		"""One acting cadre per post at a time: another assignment (not cancelled) for the same head's
		post of the unit, or the same rater, may not overlap this span."""
		a = DocType(ACTING)
		same_post = (
			(a.organization_unit == self.organization_unit)
			if self.post == POST_HEAD
			else (a.for_cadre == self.for_cadre)
		)
		other = (
			frappe.qb.from_(a)
			.select(a.name, a.acting_cadre_name, a.from_date, a.to_date)
			.where(
				same_post
				& (a.post == self.post)
				& (a.docstatus < 2)
				& (a.name != (self.name or ""))
				& (a.from_date <= getdate(self.to_date))
				& (a.to_date >= getdate(self.from_date))
			)
			.limit(1)
			.run(as_dict=True)
		)
		if other:
			self.refuse(
				_(
					"{0} already acts in this post under {1} from {2} to {3}, which overlaps these dates."
				).format(
					frappe.bold(other[0].acting_cadre_name),
					frappe.bold(other[0].name),
					frappe.format(other[0].from_date, {"fieldtype": "Date"}),
					frappe.format(other[0].to_date, {"fieldtype": "Date"}),
				),
				_("Overlapping Acting Assignment"),
			)

	def bring_roles_in_line(self):
		"""The acting cadre's roles follow at once when the span holds today; otherwise the nightly
		job (`tasks.sync_roles_of_acting_cadres`) does it on the first and the day after the last day."""
		forget_assignments()
		if self.acting_user:
			sync_users([self.acting_user])

	def tell(self, subject):
		"""The acting cadre, the one he or she acts for and the heads of the unit."""
		users = set(get_cadre_users([self.acting_cadre, self.for_cadre]).values())
		users |= get_unit_head_users(self.organization_unit)
		notify(sorted(users - {frappe.session.user}), subject, self.doctype, self.name)
