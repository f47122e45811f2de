"""The one table of steps (`soson_discipline.workflow_steps`, issue 26) against what ships and what the
desk offers:

- every workflow DocType has its table, and the fixture's transitions and their allowed roles are
  exactly the table's;
- on a record of each workflow in each state, for each person of a small organisation, the desk offers
  a step (`frappe.model.workflow.get_transitions`, what the form's Actions menu shows) exactly when
  the table allows it: the user reads the record, holds one of the step's roles and meets its rule
  on the document — the same action right the controller enforces. A button the controller would
  refuse, or a right the desk hides, fails here.
"""

import json
from pathlib import Path

import frappe
from frappe.model.workflow import get_transitions
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from soson_discipline.hooks import SOSON_WORKFLOW_DOCTYPES
from soson_discipline.tests.factories import raw_insert
from soson_discipline.tests.test_action_rights import make_rights_world, user
from soson_discipline.workflow_steps import STEPS, allowed, fixture_rows

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "workflow.json"
PEOPLE = ("sc", "admin", "heada", "headb", "rater", "c1", "insp")


class TestWorkflowSteps(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.w = w = make_rights_world()
		frappe.db.set_value("Organization Unit", w.commune_a, "head_cadre", w.head_a)
		day = add_days(today(), -3)
		cls.records = []

		def record(doctype, states, values, children=None, docstatus_of=None):
			for state in states:
				docstatus = (docstatus_of or {}).get(state, 0)
				cls.records.append(
					(
						doctype,
						raw_insert(
							doctype,
							{**values, "workflow_state": state, "docstatus": docstatus},
							children,
						),
					)
				)

		record(
			"Unit Plan",
			("Draft", "Pending Approval", "Rejected", "Issued"),
			{
				"document_number": "WS-01/KH",
				"issuing_unit": w.commune_a,
				"issue_date": day,
				"title": "WS kế hoạch",
				"reporting_frequency": "Monthly",
			},
			{"tasks": [{"task_group": "I", "description": "WS", "lead_unit": w.board_a}]},
			{"Issued": 1},
		)
		frappe.db.delete("Cadre Evaluation", {"evaluation_key": ("like", "WS-%")})
		for cadre, login, leader in ((w.c1, "c1", 0), (w.head_a, "heada", 1)):
			for state in ("Draft", "Returned", "Self-Assessed", "Rated"):
				record(
					"Cadre Evaluation",
					(state,),
					{
						"cadre": cadre,
						"cadre_user": user(login),
						"organization_unit": frappe.db.get_value("Cadre", cadre, "organization_unit"),
						"rater": w.rater if not leader else w.sc,
						"rater_user": user("rater") if not leader else user("sc"),
						"is_leader": leader,
						"period_start": "2026-10-01",
						"period_end": "2026-10-31",
						"evaluation_key": f"WS-{login}-{state}",
					},
				)
		record(
			"Violation Record",
			("Reported", "Verified", "Correction Required", "Corrected"),
			{
				"cadre": w.c1,
				"organization_unit": w.board_a,
				"detected_on": day,
				"description": "WS vi phạm",
			},
			{
				"corrective_actions": [
					{"action": "WS khắc phục", "due_date": add_days(day, 10), "completed_on": day}
				]
			},
			{"Verified": 1, "Correction Required": 1, "Corrected": 1},
		)
		record(
			"Periodic Report",
			("Draft",),
			{
				"title": "WS báo cáo",
				"organization_unit": w.board_a,
				"covered_unit": w.board_a,
				"report_to_unit": w.commune_a,
				"period_start": day,
				"period_end": day,
				"frequency": "Monthly",
			},
		)
		record(
			"Cadre Classification",
			("Draft", "Pending Approval"),
			{
				"cadre": w.c1,
				"cadre_user": user("c1"),
				"organization_unit": w.board_a,
				"classification_type": "Year",
				"year": 2047,
			},
		)
		task = raw_insert(
			"Assigned Task",
			{
				"title": "WS nhiệm vụ",
				"organization_unit": w.board_a,
				"assignee": w.c1,
				"assigned_by": w.rater,
				"start_date": day,
				"due_date": add_days(day, 10),
				"status": "Open",
				"weight": 1,
			},
		)
		record(
			"Task Extension Request",
			("Requested",),
			{
				"assigned_task": task,
				"task_title": "WS nhiệm vụ",
				"organization_unit": w.board_a,
				"assignee": w.c1,
				"assigned_by": w.rater,
				"assignee_user": user("c1"),
				"requested_by": w.c1,
				"requested_by_user": user("c1"),
				"current_due_date": add_days(day, 10),
				"requested_due_date": add_days(day, 20),
				"request_date": day,
				"reason": "WS gia hạn",
			},
		)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_every_workflow_has_its_table_and_the_fixture_is_the_table(self):
		self.assertEqual(set(STEPS), set(SOSON_WORKFLOW_DOCTYPES))
		for workflow in json.loads(FIXTURE.read_text(encoding="utf-8")):
			doctype = workflow["document_type"]
			shipped = {
				(t["state"], t["action"], t["next_state"], t["allowed"]) for t in workflow["transitions"]
			}
			with self.subTest(doctype=doctype):
				self.assertEqual(shipped, fixture_rows(doctype))

	def test_the_desk_offers_each_step_to_exactly_those_the_table_allows(self):
		checked = offered_somewhere = 0
		for doctype, name in self.records:
			doc = frappe.get_doc(doctype, name)
			actions = {step.action for step in STEPS[doctype] if step.state == doc.workflow_state}
			for key in PEOPLE:
				login = user(key)
				frappe.set_user(login)
				try:
					reads = bool(frappe.has_permission(doctype, "read", doc))
					offered = {t.action for t in get_transitions(doc)} if reads else set()
				except frappe.PermissionError:
					reads, offered = False, set()
				finally:
					frappe.set_user("Administrator")
				roles = frappe.get_roles(login)
				for action in actions:
					expected = reads and allowed(doc, action, login, roles)
					with self.subTest(doctype=doctype, state=doc.workflow_state, user=key, action=action):
						self.assertEqual(action in offered, expected)
					checked += 1
					offered_somewhere += expected
		# not vacuous: many steps checked, and many of them offered to someone
		self.assertGreater(checked, 150)
		self.assertGreater(offered_somewhere, 25)
