"""Whom a Violation Record is about, as people: read by its controller (nobody takes a step on a
record about himself or herself) and by the notices of its steps (`notifications`)."""

from frappe.utils import cint

from soson_discipline.org import get_cadre_user, get_cadre_users, leaders_of_units


def subject_users(record) -> set[str]:
	"""The desk users a Violation Record is about: its cadre's, or for a collective violation those of
	the leaders of its unit (its head and the deputies responsible for it)."""
	if cint(record.get("collective")):
		unit = record.get("organization_unit")
		return set(get_cadre_users(leaders_of_units([unit]).get(unit, ())).values())
	user = get_cadre_user(record.get("cadre"))
	return {user} if user else set()
