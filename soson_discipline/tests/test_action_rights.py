"""Who may do what: the action rights of `soson_discipline.permissions` and the organisation answers
of `soson_discipline.org` they rest on, each checked for the people who may and those who may not."""

import frappe
from frappe.tests.utils import FrappeTestCase

from soson_discipline import org, permissions
from soson_discipline.tests.factories import make_cadre, make_unit, make_user

DOMAIN = "rights.test.soson"


def user(key: str) -> str:
	return f"{key}@{DOMAIN}"


def make_rights_world() -> frappe._dict:
	"""Committee > Commune A > Board A, and Commune B, with a board of people around one cadre."""
	w = frappe._dict()
	w.committee = make_unit("AR Committee", abbreviation="ARC")
	w.commune_a = make_unit("AR Commune A", parent=w.committee, abbreviation="ARA")
	w.board_a = make_unit("AR Board A", parent=w.commune_a, abbreviation="ARBA", unit_kind="Party Board")
	w.commune_b = make_unit("AR Commune B", parent=w.committee, abbreviation="ARB")
	w.sc = make_cadre("AR Thường vụ", w.committee, user=user("sc"), roles=["Standing Committee", "Cadre"])
	w.admin = make_cadre("AR Quản trị", w.committee, user=user("admin"), roles=["Discipline Administrator"])
	w.head_a = make_cadre("AR Bí thư A", w.commune_a, user=user("heada"), roles=["Unit Head", "Cadre"])
	w.head_b = make_cadre("AR Bí thư B", w.commune_b, user=user("headb"), roles=["Unit Head", "Cadre"])
	w.rater = make_cadre("AR Trưởng ban", w.board_a, user=user("rater"), roles=["Rater", "Cadre"])
	w.c1 = make_cadre("AR Chuyên viên", w.board_a, user=user("c1"), roles=["Cadre"], rater=w.rater)
	w.inspector = make_cadre("AR Kiểm tra", w.committee, user=user("insp"), roles=["Inspector", "Cadre"])
	return w


class TestActionRights(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w = make_rights_world()

	def evaluation(self, cadre=None, **values):
		cadre = cadre or self.w.c1
		evaluation = frappe._dict(
			cadre=cadre,
			cadre_user=frappe.db.get_value("Cadre", cadre, "user"),
			rater=self.w.rater,
			organization_unit=frappe.db.get_value("Cadre", cadre, "organization_unit"),
			is_leader=0,
		)
		evaluation.update(values)
		return evaluation

	def test_can_manage_task(self):
		task = frappe._dict(organization_unit=self.w.board_a, assigned_by=self.w.rater)
		self.assertTrue(permissions.can_manage_task(task, user("heada")))  # head of the unit above
		self.assertTrue(permissions.can_manage_task(task, user("rater")))  # the assigner
		self.assertTrue(permissions.can_manage_task(task, user("admin")))  # the presiding board
		self.assertFalse(permissions.can_manage_task(task, user("c1")))
		self.assertFalse(permissions.can_manage_task(task, user("headb")))  # another commune

	def test_can_approve_plan(self):
		plan = frappe._dict(issuing_unit=self.w.commune_a)
		self.assertTrue(permissions.can_approve_plan(plan, user("heada")))
		self.assertTrue(permissions.can_approve_plan(plan, user("sc")))
		self.assertFalse(permissions.can_approve_plan(plan, user("headb")))
		self.assertFalse(permissions.can_approve_plan(plan, user("c1")))
		# heading a unit above is not heading the issuing unit
		self.assertFalse(
			permissions.can_approve_plan(frappe._dict(issuing_unit=self.w.board_a), user("heada"))
		)

	def test_the_workflow_offers_the_plan_steps_the_rights_allow(self):
		"""Issue 26: the Unit Plan workflow's condition and `can_approve_plan` said different things: the
		recorded head of the issuing unit whose own Cadre sits in another unit (the commune's
		secretary heading its board) had the right to issue but the workflow offered him nothing."""
		from frappe.model.workflow import get_transitions

		from soson_discipline.tests.factories import raw_insert

		frappe.db.set_value("Organization Unit", self.w.board_a, "head_cadre", self.w.head_a)
		name = raw_insert(
			"Unit Plan",
			{
				"document_number": "AR-01/KH",
				"issuing_unit": self.w.board_a,
				"issue_date": frappe.utils.today(),
				"title": "AR kế hoạch",
				"reporting_frequency": "Monthly",
				"workflow_state": "Pending Approval",
				"docstatus": 0,
			},
			{"tasks": [{"task_group": "I", "description": "AR", "lead_unit": self.w.board_a}]},
		)
		plan = frappe.get_doc("Unit Plan", name)
		for key in ("heada", "headb", "sc", "admin", "rater"):
			with self.subTest(user=key):
				frappe.set_user(user(key))
				try:
					offered = {t.action for t in get_transitions(plan)} >= {"Issue", "Reject"}
				except frappe.PermissionError:
					offered = False  # cannot even read it
				finally:
					frappe.set_user("Administrator")
				self.assertEqual(offered, permissions.can_approve_plan(plan, user(key)))
		self.assertTrue(permissions.can_approve_plan(plan, user("heada")))
		frappe.db.set_value("Organization Unit", self.w.board_a, "head_cadre", None)

	def test_can_self_assess_only_the_cadre(self):
		evaluation = self.evaluation()
		self.assertTrue(permissions.can_self_assess(evaluation, user("c1")))
		self.assertFalse(permissions.can_self_assess(evaluation, user("rater")))
		self.assertFalse(permissions.can_self_assess(evaluation, user("heada")))

	def test_can_rate_only_the_rater_never_oneself(self):
		evaluation = self.evaluation()
		self.assertTrue(permissions.can_rate(evaluation, user("rater")))
		self.assertFalse(permissions.can_rate(evaluation, user("c1")))
		self.assertFalse(permissions.can_rate(evaluation, user("heada")))
		self.assertFalse(permissions.can_rate(self.evaluation(self.w.rater), user("rater")))

	def test_can_approve_evaluation(self):
		evaluation = self.evaluation()
		self.assertTrue(permissions.can_approve_evaluation(evaluation, user("heada")))
		self.assertFalse(permissions.can_approve_evaluation(evaluation, user("headb")))
		self.assertFalse(permissions.can_approve_evaluation(evaluation, user("rater")))
		self.assertFalse(permissions.can_approve_evaluation(evaluation, user("c1")))
		self.assertFalse(permissions.can_approve_evaluation(evaluation, user("sc")))
		# a leader's evaluation: the Standing Committee only; and never one's own
		leader = self.evaluation(self.w.head_a, is_leader=1)
		self.assertTrue(permissions.can_approve_evaluation(leader, user("sc")))
		self.assertFalse(permissions.can_approve_evaluation(leader, user("heada")))
		own = self.evaluation(self.w.head_a)
		self.assertFalse(permissions.can_approve_evaluation(own, user("heada")))

	def test_can_verify_violation(self):
		self.assertTrue(permissions.can_verify_violation(user("insp")))
		self.assertTrue(permissions.can_verify_violation(user("admin")))
		self.assertFalse(permissions.can_verify_violation(user("heada")))
		self.assertFalse(permissions.can_verify_violation(user("c1")))

	def test_can_create_evaluations(self):
		self.assertTrue(permissions.can_create_evaluations(user("admin")))
		self.assertFalse(permissions.can_create_evaluations(user("heada")))


class TestOrg(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w = make_rights_world()

	def test_units(self):
		w = self.w
		self.assertEqual(org.get_subtree_units(w.commune_a), [w.commune_a, w.board_a])
		self.assertEqual(org.get_ancestor_units(w.board_a), [w.board_a, w.commune_a, w.committee])
		self.assertEqual(org.get_user_units(user("heada")), [w.commune_a, w.board_a])
		self.assertEqual(org.get_user_units(user("c1")), [])
		self.assertEqual(org.get_subtree_units(None), [])

	def test_heads_and_approvers_agree_with_the_rights(self):
		w = self.w
		self.assertEqual(org.get_unit_heads(w.board_a), [])
		self.assertEqual(org.get_unit_heads(w.board_a, climb=True), [w.head_a])
		self.assertEqual(org.get_unit_head(w.commune_a), w.head_a)
		self.assertEqual(org.get_unit_head_users(w.board_a), {user("heada")})
		self.assertEqual(org.get_approver_users(w.board_a, is_leader=False), [user("heada")])
		self.assertIn(user("sc"), org.get_approver_users(w.commune_a, is_leader=True))
		self.assertNotIn(user("heada"), org.get_approver_users(w.commune_a, is_leader=True))
		# every approver the lookup names is one the right lets approve
		evaluation = frappe._dict(cadre=w.c1, organization_unit=w.board_a, is_leader=0, rater=w.rater)
		for approver in org.get_approver_users(w.board_a, is_leader=False):
			self.assertTrue(permissions.can_approve_evaluation(evaluation, approver))

	def test_cadre_users(self):
		self.assertEqual(org.get_cadre_user(self.w.c1), user("c1"))
		self.assertEqual(
			org.get_cadre_users([self.w.c1, None, self.w.rater]),
			{self.w.c1: user("c1"), self.w.rater: user("rater")},
		)
		make_user(user("nocadre"), ["Cadre"])
		self.assertIsNone(org.get_user_cadre(user("nocadre")))
