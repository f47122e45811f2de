# Copyright (c) 2026, Soson Discipline Contributors and Contributors
# See license.txt

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase

from soson_discipline.campaign import task_summary
from soson_discipline.campaign.plans import create_plan_tasks
from soson_discipline.tests.factories import CAMPAIGN_WORLD, build_world, make_plan, plan_row
from soson_discipline.tests.factories import campaign_email as email

REFUSED = (WorkflowTransitionError, frappe.PermissionError)


class TestUnitPlan(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = build_world(CAMPAIGN_WORLD)

	def tearDown(self):
		frappe.set_user("Administrator")

	def issued_plan(self, **kwargs):
		frappe.set_user(email("heada"))
		plan = make_plan(
			self.org.commune_a,
			[
				plan_row(self.org.board_a, coordinating_units=self.org.commune_b),
				plan_row(
					self.org.commune_a, task_group="II. Monitoring", due_date=None, recurrence="Monthly"
				),
			],
			**kwargs,
		)
		plan = apply_workflow(plan, "Submit for Approval")
		plan = apply_workflow(plan, "Issue")
		return frappe.get_doc("Unit Plan", plan.name)

	def test_issuing_creates_one_task_per_row_once(self):
		plan = self.issued_plan()
		self.assertEqual(plan.docstatus, 1)
		self.assertEqual(plan.workflow_state, "Issued")
		tasks = frappe.get_all(
			"Assigned Task", {"unit_plan": plan.name}, ["organization_unit", "plan_task_row", "assigned_by"]
		)
		self.assertEqual(len(tasks), 2)
		self.assertEqual({t.plan_task_row for t in tasks}, {r.name for r in plan.tasks})
		self.assertEqual({t.assigned_by for t in tasks}, {self.org.head_a})

		# A retry creates nothing twice.
		self.assertEqual(create_plan_tasks(plan), [])
		self.assertEqual(plan.create_missing_tasks(), 0)
		self.assertEqual(frappe.db.count("Assigned Task", {"unit_plan": plan.name}), 2)

		# The coordinating unit's head sees the task he coordinates; the lead unit's head sees his.
		board_task = frappe.db.get_value(
			"Assigned Task", {"unit_plan": plan.name, "organization_unit": self.org.board_a}
		)
		coordinators = frappe.get_all(
			"Assigned Task Coordinating Unit", {"parent": board_task}, pluck="organization_unit"
		)
		self.assertEqual(coordinators, [self.org.commune_b])
		frappe.set_user(email("headb"))
		self.assertTrue(frappe.has_permission("Assigned Task", "read", board_task))
		self.assertIn(board_task, frappe.get_list("Assigned Task", pluck="name"))
		frappe.set_user(email("headba"))
		self.assertTrue(frappe.has_permission("Assigned Task", "read", board_task))

	def test_cancelling_the_plan_cancels_its_open_tasks_and_their_counts(self):
		plan = self.issued_plan()
		units = [self.org.board_a, self.org.commune_a]
		frappe.set_user(email("admin"))  # the Discipline Administrator, from the desk's Cancel
		frappe.client.cancel("Unit Plan", plan.name)
		statuses = frappe.get_all("Assigned Task", {"unit_plan": plan.name}, pluck="status")
		self.assertEqual(statuses, ["Cancelled"] * 2)
		# cancelled in one statement, counted again per unit and month
		self.assertEqual(task_summary.stored_groups(units), task_summary.live_groups(units))

	def test_cadre_and_other_heads_cannot_issue(self):
		frappe.set_user(email("heada"))
		plan = apply_workflow(
			make_plan(self.org.commune_a, [plan_row(self.org.board_a)]), "Submit for Approval"
		)

		# A cadre of the unit cannot approve (no such action for him).
		frappe.set_user(email("a1"))
		self.assertRaises(REFUSED, apply_workflow, frappe.get_doc("Unit Plan", plan.name), "Issue")

		# The head of the lead board sees the plan but is not the issuing unit's head.
		frappe.set_user(email("headba"))
		self.assertTrue(frappe.has_permission("Unit Plan", "read", plan.name))
		self.assertRaises(REFUSED, apply_workflow, frappe.get_doc("Unit Plan", plan.name), "Issue")
		doc = frappe.get_doc("Unit Plan", plan.name)
		self.assertRaises(REFUSED, doc.submit)

		# Another commune's head does not even see it.
		frappe.set_user(email("headb"))
		self.assertFalse(frappe.has_permission("Unit Plan", "read", plan.name))
		self.assertRaises(REFUSED, apply_workflow, frappe.get_doc("Unit Plan", plan.name), "Issue")

		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Unit Plan", plan.name, "docstatus"), 0)
		self.assertEqual(frappe.db.count("Assigned Task", {"unit_plan": plan.name}), 0)

	def test_presiding_board_rejects_and_the_unit_reopens(self):
		frappe.set_user(email("heada"))
		plan = apply_workflow(
			make_plan(self.org.commune_a, [plan_row(self.org.board_a)]), "Submit for Approval"
		)
		frappe.set_user(email("admin"))
		plan = apply_workflow(frappe.get_doc("Unit Plan", plan.name), "Reject")
		self.assertEqual(plan.workflow_state, "Rejected")
		self.assertEqual(plan.docstatus, 0)
		frappe.set_user(email("heada"))
		plan = apply_workflow(frappe.get_doc("Unit Plan", plan.name), "Reopen")
		self.assertEqual(plan.workflow_state, "Draft")

	def test_plan_without_tasks_cannot_be_issued(self):
		frappe.set_user(email("heada"))
		plan = apply_workflow(make_plan(self.org.commune_a, []), "Submit for Approval")
		with self.assertRaisesRegex(frappe.ValidationError, "without tasks"):
			apply_workflow(frappe.get_doc("Unit Plan", plan.name), "Issue")

	def test_bad_rows_are_refused(self):
		frappe.set_user(email("admin"))
		# A lead unit that had ended by the plan's issue date.
		with self.assertRaisesRegex(frappe.ValidationError, "did not exist"):
			make_plan(
				self.org.committee,
				[plan_row(self.org.old_unit, due_date="2023-12-31")],
				issue_date="2023-08-20",
			)
		# Neither a due date nor a recurrence.
		with self.assertRaises(frappe.ValidationError):
			make_plan(
				self.org.committee,
				[plan_row(self.org.board_a, due_date=None)]
				and [{"task_group": "I", "description": "x", "lead_unit": self.org.board_a}],
			)
		# A coordinating unit that does not exist.
		with self.assertRaisesRegex(frappe.ValidationError, "not an Organization Unit"):
			make_plan(self.org.committee, [plan_row(self.org.board_a, coordinating_units="No Such Unit")])

	def test_cadres_see_their_units_issued_plans_only(self):
		frappe.set_user(email("heada"))
		draft = make_plan(self.org.commune_a, [plan_row(self.org.board_a)], document_number="2-KH/TEST")
		issued = self.issued_plan(document_number="3-KH/TEST")
		frappe.set_user(email("a1"))
		visible = frappe.get_list("Unit Plan", pluck="name")
		self.assertIn(issued.name, visible)
		self.assertNotIn(draft.name, visible)
		self.assertTrue(frappe.has_permission("Unit Plan", "read", issued.name))
		self.assertFalse(frappe.has_permission("Unit Plan", "read", draft.name))
		frappe.set_user(email("b1"))
		self.assertNotIn(issued.name, frappe.get_list("Unit Plan", pluck="name"))
		self.assertFalse(frappe.has_permission("Unit Plan", "read", issued.name))

	def test_sub_plan_implements_the_plan_and_cannot_loop(self):
		parent = self.issued_plan(document_number="4-KH/TEST")
		frappe.set_user(email("headba"))
		child = make_plan(
			self.org.board_a,
			[plan_row(self.org.board_a)],
			parent_plan=parent.name,
			document_number="5-KH/TEST",
		)
		self.assertEqual(child.parent_plan, parent.name)
		from frappe.desk.notifications import get_open_count

		frappe.set_user("Administrator")
		counts = get_open_count("Unit Plan", parent.name)
		items = {d["doctype"]: d["count"] for d in counts["count"]["external_links_found"]}
		self.assertEqual(items.get("Unit Plan"), 1)
		self.assertEqual(items.get("Assigned Task"), 2)
		draft = frappe.get_doc("Unit Plan", child.name)
		draft.parent_plan = draft.name
		self.assertRaises(frappe.ValidationError, draft.save)

	def test_closing_is_for_approvers(self):
		plan = self.issued_plan(document_number="6-KH/TEST")
		frappe.set_user(email("a1"))
		self.assertRaises(REFUSED, apply_workflow, frappe.get_doc("Unit Plan", plan.name), "Close")
		frappe.set_user(email("heada"))
		plan = apply_workflow(frappe.get_doc("Unit Plan", plan.name), "Close")
		self.assertEqual(plan.workflow_state, "Closed")

	def test_prints_as_a_vietnamese_official_plan(self):
		plan = self.issued_plan(
			document_number="7-KH/TEST",
			recipients="Ban Thường vụ\nLưu Văn phòng",
			signing_authority="T/M BAN THƯỜNG VỤ",
			signer_name="Nguyễn Văn A",
		)
		frappe.set_user(email("a1"))
		frappe.local.lang = "vi"
		try:
			html = frappe.get_print("Unit Plan", plan.name, "Unit Plan")
		finally:
			frappe.local.lang = "en"
		for text in (
			"KẾ HOẠCH",
			"ĐẢNG CỘNG SẢN VIỆT NAM",
			"7-KH/TEST",
			"Nơi nhận:",
			"- Lưu Văn phòng.",
			"T/M BAN THƯỜNG VỤ",
			"Nguyễn Văn A",
			"Camp Board A",
		):
			self.assertIn(text, html)
