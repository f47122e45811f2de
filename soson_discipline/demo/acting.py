"""Demo acting assignments (issue 29): who acts for an absent head.

- The Chief of the Party Office of Trung Giã commune is on leave around the day the demo is loaded:
  the office's civil servant acts as its head (and rates whom the chief rates) from two days before
  to twelve days after, so the acting head's page, rights and timeline notes can be seen at once.
- Sóc Sơn's Party Building Board head was on a trip in August 2026: a finished span, whose rights
  ended with it.
"""

import frappe
from frappe.utils import add_days, today

from soson_discipline.acting import ACTING
from soson_discipline.demo.organisation import EMAIL_DOMAIN
from soson_discipline.demo.registry import created, ensure
from soson_discipline.roles import sync_users

DECISION = "Quyết định giao quyền phụ trách (demo)"
ASSIGNMENTS = (
	# (unit, acting cadre's login, reason, decision number, days from the load day or fixed dates)
	("Văn phòng Đảng ủy xã Trung Giã", "trunggia.vp1", "Leave", "21-QĐ/ĐU", (-2, 12)),
	(
		"Ban Xây dựng Đảng xã Sóc Sơn",
		"socson.xdd1",
		"Business Trip",
		"17-QĐ/ĐU",
		("2026-08-04", "2026-08-15"),
	),
)


def load():
	for unit, login, reason, number, (start, end) in ASSIGNMENTS:
		cadre = frappe.db.get_value("Cadre", {"user": f"{login}@{EMAIL_DOMAIN}"}, "name")
		if not cadre or not frappe.db.exists("Organization Unit", unit):
			continue
		if isinstance(start, int):
			start, end = add_days(today(), start), add_days(today(), end)
		ensure(
			ACTING,
			{"organization_unit": unit, "acting_cadre": cadre, "decision_number": number},
			{"post": "Unit Head", "reason": reason, "from_date": start, "to_date": end, "note": DECISION},
			submit=True,
		)


def clear():
	"""The roles the assignments granted go with them (the records themselves go with the registry)."""
	users = {frappe.db.get_value(ACTING, name, "acting_user") for _doctype, name in created(ACTING) if name}
	for _doctype, name in created(ACTING):
		frappe.db.set_value(ACTING, name, "docstatus", 2, update_modified=False)
	sync_users(u for u in users if u)
