"""Write scope and workflow integrity (soson_discipline.guards), driven the way clients write.

Every write goes through a path a user reaches: the REST handler (`PUT`/`POST /api/resource`, as
`frappe.api.v1` runs it), `frappe.client.save`, `set_value`, `insert`, `submit` and `cancel`, with
values as the desk sends them (JSON text), and workflow actions through `apply_workflow`.
"""

import json

import frappe
from frappe.api.v1 import create_doc, update_doc
from frappe.client import cancel as client_cancel
from frappe.client import insert as client_insert
from frappe.client import save as client_save
from frappe.client import set_value as client_set_value
from frappe.client import submit as client_submit
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.guards import WorkflowBypassError, WriteScopeError
from soson_discipline.org import get_user_units
from soson_discipline.tests.factories import (
	CAMPAIGN_WORLD,
	EVALUATION_WORLD,
	as_user,
	build_world,
	get_evaluation,
	make_period,
	make_policy,
	make_task,
	set_scores,
)
from soson_discipline.tests.factories import act_on_evaluation as act


def rest_put(doctype: str, name: str, payload: dict):
	"""`PUT /api/resource/<doctype>/<name>` as frappe.api.v1 handles it."""
	frappe.local.form_dict = frappe._dict(data=json.dumps(payload))
	try:
		return update_doc(doctype, name)
	finally:
		frappe.local.form_dict = frappe._dict()


def rest_post(doctype: str, payload: dict):
	"""`POST /api/resource/<doctype>` as frappe.api.v1 handles it."""
	frappe.local.form_dict = frappe._dict(data=json.dumps(payload))
	try:
		return create_doc(doctype)
	finally:
		frappe.local.form_dict = frappe._dict()


class WriteTestCase(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.form_dict = frappe._dict()

	def assertRefused(self, user: str, fn, exc=frappe.PermissionError):
		"""`fn()` as `user` raises `exc` (with a message) and writes nothing."""
		with as_user(user):
			with self.assertRaises(exc) as caught:
				fn()
		self.assertTrue(str(caught.exception) or frappe.message_log)
		frappe.clear_messages()
		return caught.exception


class TestTaskAndCadreWriteScope(WriteTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w = build_world(CAMPAIGN_WORLD)
		frappe.set_user("Administrator")
		cls.task_b = make_task(cls.w.commune_b, assignee=cls.w.cadres["cadre_b1"], title="WS task of B").name
		cls.task_a1 = make_task(
			cls.w.commune_a,
			assignee=cls.w.cadres["cadre_a1"],
			assigned_by=cls.w.cadres["head_a"],
			title="WS task of A1",
		).name

	def field(self, doctype, name, fieldname):
		return frappe.db.get_value(doctype, name, fieldname)

	# --- a plain cadre ----------------------------------------------------------------------------

	def test_cadre_cannot_take_over_another_communes_task(self):
		w = self.w
		payload = {"assigned_by": w.cadres["cadre_a1"], "status": "Cancelled"}
		self.assertRefused(w.users["cadre_a1"], lambda: rest_put("Assigned Task", self.task_b, payload))
		self.assertRefused(
			w.users["cadre_a1"],
			lambda: client_set_value("Assigned Task", self.task_b, "assigned_by", w.cadres["cadre_a1"]),
		)
		self.assertIsNone(self.field("Assigned Task", self.task_b, "assigned_by"))
		self.assertNotEqual(self.field("Assigned Task", self.task_b, "status"), "Cancelled")

	def test_assignee_cannot_make_himself_the_assigner(self):
		w = self.w
		self.assertRefused(
			w.users["cadre_a1"],
			lambda: rest_put("Assigned Task", self.task_a1, {"assigned_by": w.cadres["cadre_a1"]}),
		)
		self.assertEqual(self.field("Assigned Task", self.task_a1, "assigned_by"), w.cadres["head_a"])

	def test_assignee_still_reports_progress(self):
		w = self.w
		with as_user(w.users["cadre_a1"]):
			doc = frappe.get_doc("Assigned Task", self.task_a1).as_dict()
			doc["percent_complete"] = "40"
			client_save(json.dumps(doc, default=str))
		self.assertEqual(self.field("Assigned Task", self.task_a1, "percent_complete"), 40)

	# --- a unit head ------------------------------------------------------------------------------

	def test_unit_head_cannot_pull_another_communes_task_or_cadre(self):
		w = self.w
		self.assertRefused(
			w.users["head_a"],
			lambda: rest_put("Assigned Task", self.task_b, {"organization_unit": w.commune_a}),
		)
		self.assertRefused(
			w.users["head_a"],
			lambda: client_set_value("Cadre", w.cadres["cadre_b1"], "organization_unit", w.commune_a),
		)
		self.assertEqual(self.field("Assigned Task", self.task_b, "organization_unit"), w.commune_b)
		self.assertEqual(self.field("Cadre", w.cadres["cadre_b1"], "organization_unit"), w.commune_b)

	def test_unit_head_cannot_push_his_task_or_cadre_out_of_his_subtree(self):
		w = self.w
		error = self.assertRefused(
			w.users["head_a"],
			lambda: client_set_value("Assigned Task", self.task_a1, "organization_unit", w.commune_b),
			WriteScopeError,
		)
		self.assertIn(frappe.bold(frappe._("Organization Unit")), str(error))
		self.assertRefused(
			w.users["head_a"],
			lambda: client_set_value("Cadre", w.cadres["cadre_a2"], "organization_unit", w.committee),
		)
		self.assertEqual(self.field("Cadre", w.cadres["cadre_a2"], "organization_unit"), w.commune_a)

	def test_unit_head_moves_within_his_subtree(self):
		w = self.w
		task = make_task(w.commune_a, title="WS task moved down").name
		with as_user(w.users["head_a"]):
			client_set_value("Assigned Task", task, "organization_unit", w.board_a)
		self.assertEqual(self.field("Assigned Task", task, "organization_unit"), w.board_a)

	def test_unit_head_cannot_promote_himself(self):
		"""Privilege escalation: his own Cadre moved to the city committee."""
		w = self.w
		me = w.cadres["head_a"]
		for fieldname, value in (("organization_unit", w.committee), ("organization_unit", w.board_a)):
			self.assertRefused(w.users["head_a"], lambda: rest_put("Cadre", me, {fieldname: value}))
		self.assertEqual(self.field("Cadre", me, "organization_unit"), w.commune_a)
		self.assertNotIn(w.commune_b, get_user_units(w.users["head_a"]))

	def test_inserts_for_another_unit_naming_oneself_are_refused(self):
		w = self.w
		me = w.cadres["head_a"]
		payload = {
			"title": "WS planted task",
			"organization_unit": w.commune_b,
			"assignee": w.cadres["cadre_b1"],
			"assigned_by": me,
			"start_date": frappe.utils.add_days(frappe.utils.today(), -1),
			"due_date": frappe.utils.add_days(frappe.utils.today(), 5),
		}
		self.assertRefused(w.users["head_a"], lambda: rest_post("Assigned Task", payload))
		self.assertRefused(
			w.users["head_a"], lambda: client_insert(json.dumps({"doctype": "Assigned Task", **payload}))
		)
		self.assertFalse(frappe.db.exists("Assigned Task", {"title": "WS planted task"}))
		# The same task for his own commune is fine.
		with as_user(w.users["head_a"]):
			doc = rest_post(
				"Assigned Task",
				{**payload, "organization_unit": w.commune_a, "assignee": w.cadres["cadre_a2"]},
			)
		self.assertEqual(doc.organization_unit, w.commune_a)

	def test_plan_born_issued_is_refused(self):
		w = self.w
		payload = {
			"doctype": "Unit Plan",
			"document_number": "WS-1/KH",
			"issuing_unit": w.commune_a,
			"issue_date": frappe.utils.today(),
			"title": "WS plan issued at birth",
			"reporting_frequency": "Monthly",
			"docstatus": 1,
			"workflow_state": "Issued",
		}
		self.assertRefused(w.users["head_a"], lambda: client_insert(json.dumps(payload)), WorkflowBypassError)
		self.assertFalse(frappe.db.exists("Unit Plan", {"title": "WS plan issued at birth"}))

	def test_presiding_board_moves_anything(self):
		w = self.w
		task = make_task(w.commune_b, title="WS task reorganised").name
		with as_user(w.users["admin"]):
			client_set_value("Assigned Task", task, "organization_unit", w.commune_a)
		self.assertEqual(self.field("Assigned Task", task, "organization_unit"), w.commune_a)


class TestEvaluationWriteScopeAndWorkflow(WriteTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = build_world(EVALUATION_WORLD)
		make_policy()
		cls.period = make_period("2041-05-01", "2041-05-31")
		generate_evaluations(cls.period)

	def evaluation(self, key):
		return get_evaluation(self.period, self.o.cadre[key])

	def state(self, name):
		return frappe.db.get_value("Cadre Evaluation", name, ["workflow_state", "docstatus"])

	def test_nobody_makes_himself_rater_or_approver(self):
		o, name = self.o, self.evaluation("a2").name
		for field in ("rater", "approver"):
			# The cadre himself, on his own evaluation.
			self.assertRefused(
				o.user["a2"], lambda: rest_put("Cadre Evaluation", name, {field: o.cadre["a2"]})
			)
			# A colleague who cannot see it.
			self.assertRefused(
				o.user["a3"], lambda: rest_put("Cadre Evaluation", name, {field: o.cadre["a3"]})
			)
			# A Unit Head of another board.
			self.assertRefused(
				o.user["raterb"], lambda: rest_put("Cadre Evaluation", name, {field: o.cadre["raterb"]})
			)
		doc = frappe.get_doc("Cadre Evaluation", name)
		self.assertEqual(doc.rater, o.cadre["ratera"])
		self.assertFalse(doc.approver)

	def test_direct_submit_of_own_evaluation_is_refused(self):
		o, name = self.o, self.evaluation("a3").name
		self.assertRefused(o.user["a3"], lambda: rest_put("Cadre Evaluation", name, {"docstatus": 1}))
		self.assertEqual(self.state(name), ("Draft", 0))
		act(o.user["a3"], name, "Self-Assess", "self_score", 9)
		for payload in ({"docstatus": 1}, {"docstatus": 1, "workflow_state": "Approved"}):
			self.assertRefused(o.user["a3"], lambda: rest_put("Cadre Evaluation", name, payload))
		self.assertRefused(
			o.user["a3"],
			lambda: client_submit(frappe.get_doc("Cadre Evaluation", name).as_dict()),
			frappe.PermissionError,
		)
		self.assertEqual(self.state(name), ("Self-Assessed", 0))

	def test_state_written_past_the_transitions_is_refused(self):
		o, name = self.o, self.evaluation("a4").name
		act(o.user["a4"], name, "Self-Assess", "self_score", 8)
		# The rater jumps to Approved; the head submits a Self-Assessed evaluation.
		self.assertRefused(
			o.user["ratera"],
			lambda: rest_put("Cadre Evaluation", name, {"workflow_state": "Approved", "docstatus": 1}),
		)
		self.assertRefused(
			o.user["head"], lambda: rest_put("Cadre Evaluation", name, {"docstatus": 1}), WorkflowBypassError
		)
		self.assertEqual(self.state(name), ("Self-Assessed", 0))
		# The real path still works, step by step.
		act(o.user["ratera"], name, "Rate Evaluation", "rater_score", 8)
		doc = act(o.user["head"], name, "Approve")
		self.assertEqual((doc.workflow_state, doc.docstatus), ("Approved", 1))
		# A direct cancel of the approved evaluation by the unit head has no cancel right.
		self.assertRefused(o.user["head"], lambda: client_cancel("Cadre Evaluation", name))
		self.assertEqual(self.state(name), ("Approved", 1))

	def test_insert_born_submitted_is_refused(self):
		"""Even the presiding board cannot create an evaluation that is already approved."""
		o = self.o
		period = make_period("2041-06-01", "2041-06-30")
		payload = {
			"doctype": "Cadre Evaluation",
			"cadre": o.cadre["b1"],
			"evaluation_period": period,
			"docstatus": "1",
			"workflow_state": "Approved",
		}
		self.assertRefused(o.user["admin"], lambda: client_insert(json.dumps(payload)))
		self.assertEqual(frappe.db.count("Cadre Evaluation", {"evaluation_period": period}), 0)

	def test_refusal_message_is_translated(self):
		o, name = self.o, self.evaluation("b1").name
		frappe.local.lang = "vi"
		try:
			error = self.assertRefused(
				o.user["head"], lambda: rest_put("Cadre Evaluation", name, {"docstatus": 1}), WorkflowBypassError
			)
		finally:
			frappe.local.lang = "en"
		self.assertIn("thao tác quy trình", str(error))

	def test_scores_still_saved_by_their_owner(self):
		o, name = self.o, self.evaluation("a1").name
		with as_user(o.user["a1"]):
			doc = frappe.get_doc("Cadre Evaluation", name)
			set_scores(doc, "self_score", 7)
			doc.save()
			apply_workflow(doc, "Self-Assess")
		self.assertEqual(self.state(name), ("Self-Assessed", 0))
