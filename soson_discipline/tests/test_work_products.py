"""Work measured as Decree 335/2025 Art. 14 measures it (issue 23), as the roles concerned drive it:

- the catalogue of products (Work Product Type): the presiding board keeps the shared one, a unit
  head his or her units' own; a unit uses its own products, its parent units' and the shared ones;
- a task's weight is its quantity × the product's conversion factor (the assigner may override it,
  with the reason); an evaluation counts converted products, shown per product type on its form and
  its print;
- a due date moves only by an extension: asked before it falls due (Task Extension Request), decided
  by the assigner or the unit head, or moved by the assigner with a reason; kept in the history, a
  task done by the extended date is on time; Task Progress and the Periodic Report count extensions;
- a delay or a failed assessment whose objective cause the competent level confirms costs no points:
  claimed by the assignee, confirmed by the unit head (the Standing Committee for a head of unit),
  nobody else, through no other path.
"""

import frappe
from frappe.client import insert as client_insert
from frappe.client import set_value
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from soson_discipline.campaign.extensions import ExtensionRefused
from soson_discipline.campaign.objective_cause import decide_objective_cause, request_objective_cause
from soson_discipline.campaign.products import product_type_query
from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.guards import WorkflowBypassError
from soson_discipline.reporting.figures import compile_figures
from soson_discipline.soson_discipline.report.task_progress_by_unit import task_progress_by_unit
from soson_discipline.tests.factories import (
	CADRE,
	PARTY_BOARD,
	UNIT_HEAD,
	as_user,
	build_world,
	get_evaluation,
	make_period,
	make_policy,
)
from soson_discipline.tests.test_bad_input import rest

POLICY = "WP Converted Products Policy"
MARCH = ("2022-03-01", "2022-03-31")  # a past month: its tasks are late or done
BOARD_HEAD = ["Rater", "Unit Head", "Cadre"]
WORK_WORLD = {
	"email": "{}@wp.test",
	"units": {
		"root": ("WP Đảng ủy (kiểm thử)", "WPĐU", None),
		"board_a": ("WP Ban A (kiểm thử)", "WPBA", "root", PARTY_BOARD),
		"board_b": ("WP Ban B (kiểm thử)", "WPBB", "root", PARTY_BOARD),
	},
	"people": {
		"sc": ("WP Thường vụ", "root", ["Standing Committee", "Cadre"], {"is_leader": 1}),
		"head": ("WP Bí thư", "root", UNIT_HEAD, {"rater": "sc", "is_leader": 1, "heads": "root"}),
		"heada": (
			"WP Trưởng ban A",
			"board_a",
			BOARD_HEAD,
			{"rater": "head", "is_leader": 1, "heads": "board_a"},
		),
		"headb": (
			"WP Trưởng ban B",
			"board_b",
			BOARD_HEAD,
			{"rater": "head", "is_leader": 1, "heads": "board_b"},
		),
		"a1": ("WP Chuyên viên A1", "board_a", CADRE, {"rater": "heada"}),
		"a2": ("WP Chuyên viên A2", "board_a", CADRE, {"rater": "heada"}),
		"a3": ("WP Chuyên viên A3", "board_a", CADRE, {"rater": "heada"}),
		"b1": ("WP Chuyên viên B1", "board_b", CADRE, {"rater": "headb"}),
		"admin": ("WP Quản trị", "root", ["Discipline Administrator", "Cadre"]),
	},
	"aliases": {"cadre": "cadres", "user": "users"},
}


def product(name: str, factor, unit: str | None = None, **values) -> dict:
	return {
		"doctype": "Work Product Type",
		"product_name": name,
		"conversion_factor": factor,
		"organization_unit": unit,
		**values,
	}


class TestWorkProducts(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = o = build_world(WORK_WORLD)
		with as_user(o.user["admin"]):
			cls.report = client_insert(product("WP Báo cáo", "1", unit_of_measure="báo cáo"))["name"]
			cls.scheme = client_insert(product("WP Đề án", "4", unit_of_measure="đề án"))["name"]
			cls.other_board = client_insert(product("WP Sản phẩm ban B", "2", o.board_b))["name"]
		with as_user(o.user["heada"]):
			cls.minutes = client_insert(product("WP Biên bản", "0.5", o.board_a))["name"]
		make_policy(POLICY, effective_from="2022-01-01")
		frappe.db.set_value("Evaluation Policy", POLICY, "penalty_rule", "Per-Product Penalty")
		cls.period = make_period(*MARCH, policy=POLICY)

	def tearDown(self):
		frappe.set_user("Administrator")

	def task(self, user: str, assignee: str, start, due, **values) -> str:
		"""A task of board A inserted through frappe.client as `user`, values as the desk sends them."""
		o = self.o
		with as_user(o.user[user]):
			return client_insert(
				{
					"doctype": "Assigned Task",
					"title": values.pop("title", "WP nhiệm vụ (kiểm thử)"),
					"organization_unit": values.pop("organization_unit", o.board_a),
					"assignee": o.cadre[assignee],
					"assigned_by": o.cadre[values.pop("assigned_by", "heada")],
					"start_date": str(start),
					"due_date": str(due),
					**values,
				}
			)["name"]

	# ----------------------------------------------------------------------------------------------
	# The catalogue

	def test_the_catalogue_is_kept_by_its_units_and_refuses_bad_factors(self):
		o = self.o
		with as_user(o.user["admin"]):
			for factor in ("0", "-1"):
				with self.assertRaisesRegex(frappe.ValidationError, "Conversion Factor"):
					client_insert(product(f"WP Sai hệ số {factor}", factor))
			with self.assertRaises(frappe.DuplicateEntryError):
				client_insert(product("WP  Báo cáo ", "2"))  # the same name, spaced otherwise
		with as_user(o.user["heada"]):
			for unit in (None, o.board_b):  # the shared catalogue, another board's
				with self.assertRaises(frappe.PermissionError):
					client_insert(product("WP Sản phẩm riêng", "1", unit))
			with self.assertRaises(frappe.PermissionError):
				set_value("Work Product Type", self.report, "conversion_factor", "9")
			set_value("Work Product Type", self.minutes, "conversion_factor", "0.75")
		self.assertFalse(frappe.db.exists("Work Product Type", {"product_name": "WP Sản phẩm riêng"}))
		self.assertEqual(frappe.db.get_value("Work Product Type", self.report, "conversion_factor"), 1)

		# a unit sees its own products, its parent units' and the shared ones
		with as_user(o.user["a1"]):
			found = product_type_query(
				"Work Product Type", "WP", "name", 0, 20, {"organization_unit": o.board_a}
			)
		names = {row[0] for row in found}
		self.assertTrue({self.report, self.scheme, self.minutes} <= names)
		self.assertNotIn(self.other_board, names)

	# ----------------------------------------------------------------------------------------------
	# A task's converted weight

	def test_a_tasks_weight_is_its_products_converted(self):
		o = self.o
		start, due = add_days(today(), -3), add_days(today(), 20)
		name = self.task("heada", "a1", start, due, work_product_type=self.scheme, product_quantity="2")
		self.assertEqual(frappe.db.get_value("Assigned Task", name, "weight"), 8)  # 2 × 4

		for quantity in ("0", "-2"):
			with self.assertRaisesRegex(frappe.ValidationError, "Product Quantity"):
				self.task("heada", "a1", start, due, work_product_type=self.scheme, product_quantity=quantity)
		with self.assertRaisesRegex(frappe.ValidationError, "WP Sản phẩm ban B"):  # not board A's catalogue
			self.task("heada", "a1", start, due, work_product_type=self.other_board)

		# the assigner overrides the weight with the reason (a weight sent without it is worked out
		# again); the assignee changes neither
		with as_user(o.user["heada"]):
			set_value("Assigned Task", name, "weight", "9")
			self.assertEqual(frappe.db.get_value("Assigned Task", name, "weight"), 8)
			with self.assertRaisesRegex(frappe.ValidationError, "Reason for the Weight"):
				set_value("Assigned Task", name, {"weight_override": "1", "weight": "5"})
			set_value(
				"Assigned Task",
				name,
				{"weight_override": "1", "weight": "5", "weight_override_reason": "Đề án nhỏ, một chương"},
			)
		self.assertEqual(frappe.db.get_value("Assigned Task", name, "weight"), 5)
		with as_user(o.user["a1"]):
			with self.assertRaises(frappe.PermissionError):
				set_value("Assigned Task", name, "product_quantity", "1")

		# a disabled product is not chosen for new work; the tasks naming it keep it
		frappe.db.set_value("Work Product Type", self.minutes, "disabled", 1)
		try:
			with self.assertRaisesRegex(frappe.ValidationError, "disabled"):
				self.task("heada", "a1", start, due, work_product_type=self.minutes)
		finally:
			frappe.db.set_value("Work Product Type", self.minutes, "disabled", 0)

		# a plan row names a product; issuing the plan carries it to the task
		with as_user(o.user["head"]):
			plan = client_insert(
				{
					"doctype": "Unit Plan",
					"document_number": "1-KH/WP",
					"issuing_unit": o.root,
					"issue_date": str(start),
					"title": "WP kế hoạch (kiểm thử)",
					"reporting_frequency": "Monthly",
					"tasks": [
						{
							"task_group": "I",
							"description": "WP xây dựng đề án",
							"lead_unit": o.board_a,
							"due_date": str(due),
							"work_product_type": self.scheme,
							"product_quantity": "3",
						}
					],
				}
			)
			self.assertEqual(plan["tasks"][0]["weight"], 12)
			doc = apply_workflow(frappe.get_doc("Unit Plan", plan["name"]), "Submit for Approval")
			apply_workflow(doc, "Issue")
		task = frappe.get_doc("Assigned Task", {"unit_plan": plan["name"]})
		self.assertEqual((task.work_product_type, task.product_quantity, task.weight), (self.scheme, 3, 12))

	def test_an_evaluation_counts_converted_products_per_type(self):
		o = self.o
		# two reports on time, a scheme (4 products) completed five days late
		for title in ("WP báo cáo 1", "WP báo cáo 2"):
			name = self.task(
				"heada", "a2", "2022-03-01", "2022-03-10", title=title, work_product_type=self.report
			)
			with as_user(o.user["a2"]):
				set_value("Assigned Task", name, {"status": "Completed", "completed_on": "2022-03-09"})
		scheme = self.task(
			"heada", "a2", "2022-03-01", "2022-03-20", title="WP đề án", work_product_type=self.scheme
		)
		with as_user(o.user["a2"]):
			set_value("Assigned Task", scheme, {"status": "Completed", "completed_on": "2022-03-25"})

		generate_evaluations(self.period, only_cadres=[o.cadre["a2"]])
		evaluation = get_evaluation(self.period, o.cadre["a2"])
		self.assertEqual(
			(
				evaluation.tasks_assigned,
				evaluation.tasks_on_time,
				evaluation.tasks_late,
				evaluation.tasks_delays,
			),
			(6, 2, 4, 4),
		)
		scores = {row.criterion: row.final_score for row in evaluation.scores}
		self.assertEqual(
			scores["Progress"], 16.67
		)  # 20 − 4 × 25 % × 20 / 6 (canonical d335-converted-products)

		# the unit head reads it per product type on the form and on the print
		with as_user(o.user["heada"]):
			doc = frappe.get_doc("Cadre Evaluation", evaluation.name)
			doc.run_method("onload")
			rows = {row["product_name"]: row for row in doc.get_onload().task_products}
			html = frappe.get_print("Cadre Evaluation", evaluation.name, "Cadre Evaluation", doc=doc)
		self.assertEqual((rows["WP Báo cáo"]["quantity"], rows["WP Báo cáo"]["on_time"]), (2, 2))
		self.assertEqual((rows["WP Đề án"]["assigned"], rows["WP Đề án"]["late"]), (4, 4))
		self.assertIn("WP Đề án", html)

	# ----------------------------------------------------------------------------------------------
	# Extensions

	def request(self, user: str, task: str, due, reason: str = "Chờ ý kiến của các ban") -> dict:
		with as_user(self.o.user[user]):
			return client_insert(
				{
					"doctype": "Task Extension Request",
					"assigned_task": task,
					"requested_due_date": str(due),
					"reason": reason,
				}
			)

	def test_an_extension_is_asked_in_time_and_decided_by_the_assigner(self):
		o = self.o
		due = getdate(add_days(today(), 5))
		task = self.task("heada", "a1", add_days(today(), -5), due, work_product_type=self.report)

		with self.assertRaises(ExtensionRefused):  # not later than the current due date
			self.request("a1", task, add_days(today(), 3))
		with self.assertRaises(frappe.PermissionError):  # a colleague does not ask for the assignee
			self.request("a2", task, add_days(today(), 15))
		asked = self.request("a1", task, add_days(today(), 15))
		self.assertEqual((asked["workflow_state"], getdate(asked["current_due_date"])), ("Requested", due))
		self.assertTrue(
			frappe.db.exists(
				"Notification Log", {"for_user": o.user["heada"], "document_name": asked["name"]}
			)
		)
		with self.assertRaises(frappe.DuplicateEntryError):  # one open request at a time
			self.request("a1", task, add_days(today(), 20))
		with as_user(o.user["b1"]):  # another board does not see it
			self.assertFalse(frappe.get_list("Task Extension Request", filters={"name": asked["name"]}))

		# the assignee cannot grant it, through the workflow or by writing the state
		with as_user(o.user["a1"]):
			with self.assertRaises(frappe.ValidationError):
				apply_workflow(frappe.get_doc("Task Extension Request", asked["name"]), "Approve")
			with self.assertRaises((WorkflowBypassError, frappe.PermissionError)):
				rest(
					"PUT",
					f"/api/resource/Task Extension Request/{asked['name']}",
					body=frappe.as_json({"workflow_state": "Approved", "docstatus": 1}),
				)
		# a refusal says why
		with as_user(o.user["heada"]):
			with self.assertRaisesRegex(frappe.ValidationError, "Decision Note"):
				apply_workflow(frappe.get_doc("Task Extension Request", asked["name"]), "Reject")
			granted = apply_workflow(frappe.get_doc("Task Extension Request", asked["name"]), "Approve")
		self.assertEqual((granted.workflow_state, granted.decided_by), ("Approved", o.cadre["heada"]))

		doc = frappe.get_doc("Assigned Task", task)
		self.assertEqual(
			(doc.due_date, doc.original_due_date, doc.extension_count),
			(getdate(add_days(today(), 15)), due, 1),
		)
		extended = doc.history[-1]
		self.assertEqual(
			(extended.event, extended.is_delay, extended.extension_request), ("Extended", 0, asked["name"])
		)
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": o.user["a1"], "document_name": asked["name"]})
		)

		# the assigner moves it again himself: with the reason, kept as an extension
		with as_user(o.user["heada"]):
			set_value(
				"Assigned Task",
				task,
				{
					"due_date": str(add_days(today(), 25)),
					"deadline_change_reason": "Bổ sung nội dung theo kết luận",
				},
			)
		doc.reload()
		self.assertEqual((doc.extension_count, doc.history[-1].reason), (2, "Bổ sung nội dung theo kết luận"))

		# done by the extended date: on time
		with as_user(o.user["a1"]):
			set_value("Assigned Task", task, {"status": "Completed", "completed_on": today()})
		self.assertEqual(frappe.db.get_value("Assigned Task", task, ["is_late", "delay_count"]), (0, 0))

		# Task Progress and the Periodic Report count the extended task
		with as_user(o.user["heada"]):
			filters = frappe._dict(from_date=str(add_days(today(), -30)), to_date=str(add_days(today(), 60)))
			rows = task_progress_by_unit.execute(filters)[1]
		self.assertEqual(next(r for r in rows if r.organization_unit == o.board_a).extended, 1)
		figures = compile_figures([o.board_a], add_days(today(), -30), add_days(today(), 60))
		self.assertEqual(figures["summary"]["tasks_extended"], 1)

		# a due date already passed is not extended: the delay is explained as an objective cause
		late = self.task("heada", "a1", add_days(today(), -10), add_days(today(), -1))
		with self.assertRaisesRegex(ExtensionRefused, "objective cause"):
			self.request("a1", late, add_days(today(), 10))

	# ----------------------------------------------------------------------------------------------
	# Objective causes

	def test_an_objective_cause_confirmed_by_the_unit_head_costs_no_points(self):
		o = self.o
		task = self.task("heada", "a3", "2022-03-01", "2022-03-15", work_product_type=self.scheme)
		with as_user(o.user["a3"]):
			set_value("Assigned Task", task, {"status": "Completed", "completed_on": "2022-03-22"})
		on_time = self.task("heada", "a3", "2022-03-01", "2022-03-15", title="WP đúng hạn")
		with as_user(o.user["a3"]):
			set_value("Assigned Task", on_time, {"status": "Completed", "completed_on": "2022-03-10"})
			with self.assertRaisesRegex(frappe.ValidationError, "neither late nor failed"):
				request_objective_cause(on_time, "Không có gì")
			with self.assertRaisesRegex(frappe.ValidationError, "Claimed Cause"):
				request_objective_cause(task, "  ")
			# nobody sets the confirmation by saving the task, REST included
			with self.assertRaises(frappe.PermissionError):
				set_value("Assigned Task", task, "objective_cause_confirmed", "1")
			request_objective_cause(task, "Mất điện kéo dài, máy chủ hỏng")
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": o.user["heada"], "document_name": task})
		)
		with as_user(o.user["heada"]):
			with self.assertRaises(frappe.PermissionError):
				rest(
					"PUT",
					f"/api/resource/Assigned Task/{task}",
					body=frappe.as_json({"objective_cause_confirmed": 1, "objective_cause_reason": "x"}),
				)
		for user in ("a3", "a2", "headb"):  # the assignee, a colleague, another board's head
			with as_user(o.user[user]), self.assertRaises(frappe.PermissionError):
				decide_objective_cause(task, 1, "Đồng ý")

		with as_user(o.user["heada"]):
			with self.assertRaisesRegex(frappe.ValidationError, "Confirmation Reason"):
				decide_objective_cause(task, 1, "")
			upload = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "wp-xac-nhan.pdf",
					"content": b"%PDF-1.4 xac nhan",
					"is_private": 1,
				}
			).insert()
			decide_objective_cause(task, "1", "Sự cố kỹ thuật được Văn phòng xác nhận", upload.file_url)
		doc = frappe.get_doc("Assigned Task", task)
		self.assertEqual(
			(doc.objective_cause_confirmed, doc.objective_cause_confirmed_by), (1, o.cadre["heada"])
		)
		self.assertEqual(doc.history[-1].event, "Objective Cause Confirmed")
		attached = frappe.get_doc("File", {"file_url": doc.objective_cause_attachment})
		self.assertEqual(
			(attached.attached_to_doctype, attached.attached_to_name, attached.is_private),
			("Assigned Task", task, 1),
		)

		# the month's evaluation deducts nothing for it and says why
		generate_evaluations(self.period, only_cadres=[o.cadre["a3"]])
		evaluation = get_evaluation(self.period, o.cadre["a3"])
		self.assertEqual(
			(
				evaluation.tasks_assigned,
				evaluation.tasks_on_time,
				evaluation.tasks_late,
				evaluation.tasks_delays,
			),
			(5, 5, 0, 0),
		)
		self.assertEqual(evaluation.tasks_excused, 4)
		self.assertIn("objective cause", evaluation.reasons)

	def test_a_head_of_unit_has_his_objective_cause_confirmed_by_the_standing_committee(self):
		o = self.o
		task = self.task(
			"head", "heada", "2022-03-01", "2022-03-05", assigned_by="head", organization_unit=o.root
		)
		with as_user(o.user["heada"]):
			request_objective_cause(task, "Chờ văn bản của cấp trên")
		with as_user(o.user["head"]), self.assertRaises(frappe.PermissionError):
			decide_objective_cause(task, 1, "Đồng ý")
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": o.user["sc"], "document_name": task})
		)
		with as_user(o.user["sc"]):
			decide_objective_cause(task, 0, "Không có văn bản chứng minh")
		doc = frappe.get_doc("Assigned Task", task)
		self.assertEqual((doc.objective_cause_requested, doc.objective_cause_confirmed), (0, 0))
		self.assertEqual(
			(doc.history[-1].event, doc.history[-1].reason),
			("Objective Cause Refused", "Không có văn bản chứng minh"),
		)


EXTENSION_RACE_WORLD = {
	"email": "{}@wpr.test",
	"units": {"board": ("WPR Ban (kiểm thử)", "WPRB", None, PARTY_BOARD)},
	"people": {
		"head": ("WPR Trưởng ban", "board", BOARD_HEAD, {"is_leader": 1, "heads": "board"}),
		"c1": ("WPR Chuyên viên", "board", CADRE, {"rater": "head"}),
	},
	"aliases": {"cadre": "cadres", "user": "users"},
}


class TestRacingExtensionRequests(FrappeTestCase):
	def test_two_requests_sent_at_once_leave_one_open_request(self):
		"""The assignee's request sent twice at the same moment (two tabs, a retry): the task's row is
		locked before the open request is looked for, so one is made and the other refused — and
		neither dies as a deadlock on the year's first request number (`utils.naming`)."""
		import threading

		from soson_discipline.tests.factories import committed_world, in_thread
		from soson_discipline.utils.naming import ensure_year_series

		with committed_world():
			frappe.set_user("Administrator")
			o = build_world(EXTENSION_RACE_WORLD)
			with as_user(o.user["head"]):
				task = client_insert(
					{
						"doctype": "Assigned Task",
						"title": "WPR nhiệm vụ (kiểm thử)",
						"organization_unit": o.board,
						"assignee": o.cadre["c1"],
						"assigned_by": o.cadre["head"],
						"start_date": str(add_days(today(), -2)),
						"due_date": str(add_days(today(), 5)),
					}
				)["name"]
			# the year's counter of request numbers is made ahead (migrate, the daily job), never by
			# the first two requests at once; a second run makes nothing
			series = f"GH-{getdate().year}-"
			if not frappe.db.exists("Task Extension Request", {"name": ("like", f"{series}%")}):
				frappe.db.delete("Series", {"name": series})  # a site before its year's first request
				self.assertGreaterEqual(ensure_year_series(), 1)
			self.assertTrue(frappe.db.exists("Series", series))
			self.assertEqual(ensure_year_series(), 0)
			frappe.db.commit()

			def ask():
				return client_insert(
					{
						"doctype": "Task Extension Request",
						"assigned_task": task,
						"requested_due_date": str(add_days(today(), 12)),
						"reason": "WPR chờ số liệu",
					}
				)["name"]

			results: list = []
			barrier = threading.Barrier(2)
			threads = [in_thread(frappe.local.site, o.user["c1"], ask, results, barrier) for _ in range(2)]
			for thread in threads:
				thread.join(60)
			frappe.db.rollback()  # a fresh snapshot: what the two requests committed
			self.assertEqual(sorted(kind for kind, _value in results), ["error", "ok"], results)
			self.assertIsInstance(next(v for k, v in results if k == "error"), frappe.DuplicateEntryError)
			self.assertEqual(
				frappe.db.count(
					"Task Extension Request", {"assigned_task": task, "workflow_state": "Requested"}
				),
				1,
			)
