"""Factories for the campaign tests (plans, tasks, dissemination): a small committee with two
communes, their heads and cadres, and a unit that ended before the plans were issued."""

import frappe
from frappe.utils import add_days, today

from soson_discipline.tests.utils import make_cadre, make_unit

PASSWORD_FREE_DOMAIN = "test.soson"


def email(key: str) -> str:
	return f"camp.{key}@{PASSWORD_FREE_DOMAIN}"


def make_campaign_org() -> frappe._dict:
	"""Units and people for the campaign tests (idempotent); returns their names."""
	org = frappe._dict()
	org.committee = make_unit("Camp Test Committee", abbreviation="CTC", unit_kind="Party Committee")
	org.commune_a = make_unit("Camp Commune A", parent=org.committee, abbreviation="CA")
	org.board_a = make_unit("Camp Board A", parent=org.commune_a, abbreviation="BA", unit_kind="Party Board")
	org.commune_b = make_unit("Camp Commune B", parent=org.committee, abbreviation="CB")
	org.old_unit = make_unit(
		"Camp Old District",
		parent=org.committee,
		abbreviation="OD",
		valid_from="2000-01-01",
		valid_to="2022-12-31",
	)

	org.admin = make_cadre(
		"Camp Admin", org.committee, user=email("admin"), roles=["Discipline Administrator", "Cadre"]
	)
	org.head_a = make_cadre(
		"Camp Head A", org.commune_a, user=email("heada"), roles=["Unit Head", "Rater", "Cadre"], is_leader=1
	)
	org.head_board_a = make_cadre(
		"Camp Head Board A",
		org.board_a,
		user=email("headba"),
		roles=["Unit Head", "Rater", "Cadre"],
		rater=org.head_a,
	)
	org.cadre_a1 = make_cadre(
		"Camp Cadre A1", org.commune_a, user=email("a1"), roles=["Cadre"], rater=org.head_a
	)
	org.cadre_a2 = make_cadre(
		"Camp Cadre A2", org.commune_a, user=email("a2"), roles=["Cadre"], rater=org.head_a
	)
	org.head_b = make_cadre(
		"Camp Head B", org.commune_b, user=email("headb"), roles=["Unit Head", "Rater", "Cadre"], is_leader=1
	)
	org.cadre_b1 = make_cadre(
		"Camp Cadre B1", org.commune_b, user=email("b1"), roles=["Cadre"], rater=org.head_b
	)
	frappe.db.set_value("Organization Unit", org.commune_a, "head_cadre", org.head_a)
	frappe.db.set_value("Organization Unit", org.board_a, "head_cadre", org.head_board_a)
	frappe.db.set_value("Organization Unit", org.commune_b, "head_cadre", org.head_b)
	return org


def make_plan(issuing_unit: str, rows: list[dict] | None = None, issue_date=None, **kwargs):
	"""An unsaved-then-inserted draft Unit Plan, as the current user."""
	plan = frappe.get_doc(
		{
			"doctype": "Unit Plan",
			"document_number": kwargs.pop("document_number", "1-KH/TEST"),
			"issuing_unit": issuing_unit,
			"issue_date": issue_date or add_days(today(), -30),
			"title": kwargs.pop("title", "Test plan implementing the directive"),
			"reporting_frequency": "Monthly",
			"tasks": rows or [],
			**kwargs,
		}
	)
	return plan.insert()


def plan_row(lead_unit: str, due_date=None, **kwargs) -> dict:
	return {
		"task_group": kwargs.pop("task_group", "I. Dissemination"),
		"description": kwargs.pop("description", "Disseminate the directive to every cadre"),
		"lead_unit": lead_unit,
		"due_date": due_date or add_days(today(), 30),
		**kwargs,
	}


def make_task(
	organization_unit: str, assignee=None, assigned_by=None, start_date=None, due_date=None, **kwargs
):
	"""An inserted Assigned Task, as the current user."""
	return frappe.get_doc(
		{
			"doctype": "Assigned Task",
			"title": kwargs.pop("title", "Test task"),
			"organization_unit": organization_unit,
			"assignee": assignee,
			"assigned_by": assigned_by,
			"start_date": start_date or add_days(today(), -10),
			"due_date": due_date or add_days(today(), 10),
			**kwargs,
		}
	).insert()
