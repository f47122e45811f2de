# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""A unit's announcement of its approved results of a month or a year (Thông báo kết quả đánh giá, xếp
loại, issue 29): submitting it announces them. The rules live in
`soson_discipline.evaluation.announcements`."""

from frappe.model.document import Document

from soson_discipline.evaluation import announcements


class ResultAnnouncement(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from soson_discipline.soson_discipline.doctype.result_announcement_row.result_announcement_row import (
			ResultAnnouncementRow,
		)

		amended_from: DF.Link | None
		announced_by: DF.Link | None
		announced_by_name: DF.Data | None
		announced_by_position: DF.Data | None
		announced_on: DF.Date | None
		announcement_key: DF.Data | None
		document_number: DF.Data | None
		evaluation_period: DF.Link | None
		kind: DF.Literal["Month", "Quarter", "Year"]
		meeting_reference: DF.SmallText | None
		note: DF.SmallText | None
		organization_unit: DF.Link
		period_end: DF.Date | None
		period_start: DF.Date | None
		quarter: DF.Literal["", "1", "2", "3", "4"]
		rows: DF.Table[ResultAnnouncementRow]
		title: DF.Data | None
		year: DF.Int
	# end: auto-generated types

	def validate(self):
		announcements.check_hand_changes(self)
		announcements.set_span(self)
		announcements.set_title(self)
		announcements.set_key(self)
		announcements.validate_duplicate(self)
		announcements.fill_rows(self)

	def before_submit(self):
		announcements.announce(self)

	def on_submit(self):
		announcements.notify_announced(self)

	def before_cancel(self):
		announcements.withdraw(self)

	def on_cancel(self):
		announcements.free_key(self)

	def span_label(self) -> str:
		"""The month, quarter or year announced, as the print names it."""
		return announcements.span_label(self)

	def level_counts(self) -> list:
		"""The number of cadres at each level, from the top (the print's summary)."""
		return announcements.level_counts(self)
