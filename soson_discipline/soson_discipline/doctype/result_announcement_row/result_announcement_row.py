# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ResultAnnouncementRow(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		announced_level_label: DF.Data | None
		appeal: DF.Link | None
		cadre: DF.Link | None
		cadre_name: DF.Data | None
		level: DF.Data | None
		level_label: DF.Data | None
		level_rank: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		position: DF.Data | None
	# end: auto-generated types
	pass
