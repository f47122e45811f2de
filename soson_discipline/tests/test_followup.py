"""The follow-up of a campaign as the users involved run it (issue 15): a consultation from request to
opinion, the escalation of overdue work, a written urging from issue to acknowledgement, the Standing
Committee receiving a report and turning its conclusion into tasks, and the views over all of it.

Every check acts as a real user through the paths a client uses (`frappe.client.insert/save/submit`
with JSON text, whitelisted document methods through the request handler)."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_first_day, get_last_day, getdate, today
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from soson_discipline.followup.jobs import remind_consultations_and_urge_overdue_work
from soson_discipline.tests.factories import (
	CADRE,
	PARTY_BOARD,
	UNIT_HEAD,
	as_user,
	build_world,
	make_task,
	raw_insert,
)

FOLLOWUP_WORLD = {
	"email": "fu.{}@followup.test",
	"units": {
		"committee": ("FU Huyện ủy Thử nghiệm", "HU", None),
		"board": ("FU Ban Tổ chức", "BTC", "committee", PARTY_BOARD),
		"commune_a": ("FU Đảng ủy xã A", "ĐU", "committee"),
		"commune_b": ("FU Đảng ủy xã B", "ĐU", "committee"),
		"dept": ("FU Phòng Tư pháp", "PTP", "committee", {"unit_kind": "Specialised Department"}),
	},
	"directives": {"directive": ("FU-24-CT/TU", "committee", "FU chỉ thị tăng cường kỷ cương")},
	"people": {
		"admin": (
			"FU Trưởng ban Tổ chức",
			"board",
			["Discipline Administrator", "Unit Head", "Cadre"],
			{"heads": "board"},
		),
		"standing": ("FU Thường trực", "committee", ["Standing Committee", "Cadre"]),
		"head_a": ("FU Bí thư A", "commune_a", UNIT_HEAD, {"heads": "commune_a"}),
		"cadre_a1": ("FU Chuyên viên A1", "commune_a", CADRE, {"rater": "head_a"}),
		"head_b": ("FU Bí thư B", "commune_b", UNIT_HEAD, {"heads": "commune_b"}),
		"cadre_b1": ("FU Chuyên viên B1", "commune_b", CADRE, {"rater": "head_b"}),
		"head_dept": ("FU Trưởng phòng Tư pháp", "dept", UNIT_HEAD, {"heads": "dept"}),
		"expert": ("FU Chuyên viên Tư pháp", "dept", CADRE, {"rater": "head_dept"}),
	},
}
REFUSED = (frappe.PermissionError, frappe.DoesNotExistError)


def call(cmd: str, http_method: str = "POST", **kwargs):
	"""Run a whitelisted method the way `/api/method/<cmd>` does (JSON text values)."""
	frappe.local.request = Request(EnvironBuilder(method=http_method).get_environ())
	frappe.local.form_dict = frappe._dict(
		{k: json.dumps(v, default=str) if isinstance(v, dict | list) else v for k, v in kwargs.items()}
	)
	try:
		return frappe.handler.execute_cmd(cmd)
	finally:
		frappe.local.form_dict = frappe._dict()


def run_method(doctype: str, name: str, method: str, **args):
	"""A whitelisted document method, as the form's `frm.call` runs it."""
	call("run_doc_method", dt=doctype, dn=name, method=method, args=json.dumps(args))
	return frappe.response.get("message")


def notifications(user: str, doctype: str, name: str) -> int:
	return frappe.db.count(
		"Notification Log", {"for_user": user, "document_type": doctype, "document_name": name}
	)


class FollowupTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.w = build_world(FOLLOWUP_WORLD)
		frappe.db.set_single_value("Discipline Settings", "presiding_unit", cls.w.board)
		frappe.db.set_single_value("Discipline Settings", "standing_committee_unit", cls.w.committee)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.form_dict = frappe._dict()

	def user(self, key: str) -> str:
		return self.w.users[key]

	def task(self, unit="commune_a", assignee="cadre_a1", due_in=10, **kwargs) -> str:
		with as_user("Administrator"):
			return make_task(
				self.w[unit],
				assignee=self.w.cadres[assignee] if assignee else None,
				assigned_by=self.w.cadres["head_a" if unit == "commune_a" else "head_b"],
				start_date=add_days(today(), min(due_in, 0) - 20),
				due_date=add_days(today(), due_in),
				directive=self.w.directive,
				**kwargs,
			).name

	def request_values(self, task: str, **values) -> dict:
		return {
			"doctype": "Consultation Request",
			"subject": "Ý kiến về hồ sơ kỷ luật",
			"assigned_task": task,
			"consulted_unit": self.w.dept,
			"requested_by": self.w.cadres["cadre_a1"],
			"request_date": today(),
			"due_date": add_days(today(), 5),
			"question": "<p>Đề nghị cho ý kiến về căn cứ pháp lý.</p>",
			**values,
		}

	def ask(self, task: str, user_key="cadre_a1", **values) -> str:
		with as_user(self.user(user_key)):
			return call("frappe.client.insert", doc=self.request_values(task, **values))["name"]


class TestConsultation(FollowupTestCase):
	def test_a_consultation_runs_its_full_course(self):
		task = self.task()
		expert, requester = self.user("expert"), self.user("cadre_a1")
		# Before any request the specialised unit does not see the task.
		with as_user(expert):
			self.assertRaises(REFUSED, call, "frappe.client.get", "GET", doctype="Assigned Task", name=task)

		name = self.ask(task)
		request = frappe.get_doc("Consultation Request", name)
		self.assertEqual(request.status, "Open")
		self.assertEqual(request.organization_unit, self.w.commune_a)
		self.assertEqual(request.directive, self.w.directive)
		self.assertEqual(notifications(self.user("head_dept"), "Consultation Request", name), 1)

		# The consulted unit now reads the request and the task, and cannot change either.
		with as_user(expert):
			self.assertEqual(
				call("frappe.client.get", "GET", doctype="Assigned Task", name=task)["name"], task
			)
			listed = frappe.get_list("Assigned Task", filters={"name": task}, pluck="name")
			self.assertEqual(listed, [task])
			doc = frappe.get_doc("Assigned Task", task).as_dict(convert_dates_to_str=True)
			doc["title"] = "Sửa trái phép"
			self.assertRaises(REFUSED, call, "frappe.client.save", doc=doc)
			req = frappe.get_doc("Consultation Request", name).as_dict(convert_dates_to_str=True)
			req["question"] = "<p>Câu hỏi khác</p>"
			self.assertRaises(frappe.PermissionError, call, "frappe.client.save", doc=req)
			req = frappe.get_doc("Consultation Request", name).as_dict(convert_dates_to_str=True)
			req["opinion"] = "<p>Ý kiến viết thẳng</p>"
			self.assertRaises(frappe.PermissionError, call, "frappe.client.save", doc=req)
		# Another commune sees neither.
		with as_user(self.user("cadre_b1")):
			self.assertRaises(
				REFUSED, call, "frappe.client.get", "GET", doctype="Consultation Request", name=name
			)
			self.assertRaises(REFUSED, call, "frappe.client.get", "GET", doctype="Assigned Task", name=task)
		# The asker cannot answer his own question.
		with as_user(requester):
			self.assertRaises(
				frappe.PermissionError,
				run_method,
				"Consultation Request",
				name,
				"answer",
				opinion="<p>Tự trả lời</p>",
			)
		# An empty opinion is refused.
		with as_user(expert):
			self.assertRaises(
				frappe.ValidationError, run_method, "Consultation Request", name, "answer", opinion="<p> </p>"
			)
			run_method(
				"Consultation Request", name, "answer", opinion="<p>Đủ căn cứ theo Quy định 69-QĐ/TW.</p>"
			)
		request.reload()
		self.assertEqual(request.status, "Answered")
		self.assertEqual(request.answered_by, self.w.cadres["expert"])
		self.assertEqual(getdate(request.answered_on), getdate(today()))
		self.assertFalse(request.is_late)
		self.assertEqual(notifications(requester, "Consultation Request", name), 1)
		# Answered once only; an answered request is not withdrawn.
		with as_user(self.user("head_dept")):
			self.assertRaises(
				frappe.ValidationError,
				run_method,
				"Consultation Request",
				name,
				"answer",
				opinion="<p>Lần hai</p>",
			)
		with as_user(requester):
			self.assertRaises(frappe.PermissionError, run_method, "Consultation Request", name, "withdraw")
		# The task form lists its consultations.
		from frappe.desk.notifications import get_open_count

		with as_user(requester):
			counts = get_open_count("Assigned Task", task)
		items = {i["doctype"]: i for i in counts["count"]["external_links_found"]}
		self.assertEqual(items["Consultation Request"]["count"], 1)

	def test_a_withdrawn_consultation_stops_sharing_the_task(self):
		task = self.task()
		name = self.ask(task)
		with as_user(self.user("expert")):
			self.assertTrue(frappe.has_permission("Assigned Task", "read", task))
		with as_user(self.user("cadre_a1")):
			self.assertEqual(run_method("Consultation Request", name, "withdraw")["status"], "Cancelled")
		with as_user(self.user("expert")):
			self.assertFalse(frappe.has_permission("Assigned Task", "read", task))

	def test_nobody_asks_about_work_he_does_not_run(self):
		task = self.task()
		# Another commune's cadre, even consulting his own unit to read the task.
		with as_user(self.user("cadre_b1")):
			values = self.request_values(
				task, requested_by=self.w.cadres["cadre_b1"], consulted_unit=self.w.commune_b
			)
			self.assertRaises(frappe.PermissionError, call, "frappe.client.insert", doc=values)
		# A member of the consulted unit.
		with as_user(self.user("expert")):
			values = self.request_values(task, requested_by=self.w.cadres["expert"])
			self.assertRaises(frappe.PermissionError, call, "frappe.client.insert", doc=values)
		self.assertFalse(frappe.db.exists("Consultation Request", {"assigned_task": task}))

	def test_a_plan_row_can_be_consulted_on_by_the_head_of_its_lead_unit(self):
		plan = raw_insert(
			"Unit Plan",
			{
				"document_number": "FU-ROW-KH/HU",
				"issuing_unit": self.w.committee,
				"directive": self.w.directive,
				"issue_date": add_days(today(), -5),
				"title": "FU kế hoạch có dòng cần tham vấn",
				"docstatus": 1,
				"workflow_state": "Issued",
			},
			{
				"tasks": [
					{
						"task_group": "I",
						"description": "Việc mới",
						"lead_unit": self.w.commune_a,
						"due_date": add_days(today(), 30),
					}
				]
			},
		)
		row = frappe.db.get_value("Unit Plan Task", {"parent": plan}, "name")
		values = self.request_values(
			None, unit_plan=plan, plan_task_row=row, requested_by=self.w.cadres["head_a"]
		)
		with as_user(self.user("head_b")):
			values_b = {**values, "requested_by": self.w.cadres["head_b"]}
			self.assertRaises(frappe.PermissionError, call, "frappe.client.insert", doc=values_b)
		with as_user(self.user("head_a")):
			name = call("frappe.client.insert", doc=values)["name"]
		request = frappe.get_doc("Consultation Request", name)
		self.assertEqual((request.organization_unit, request.directive), (self.w.commune_a, self.w.directive))
		with as_user(self.user("head_a")):
			bad_row = {**values, "plan_task_row": "not-a-row"}
			self.assertRaises(frappe.ValidationError, call, "frappe.client.insert", doc=bad_row)

	def test_bad_input_is_refused(self):
		task = self.task()
		self.assertRaises(frappe.ValidationError, self.ask, task, due_date=add_days(today(), -1))
		self.assertRaises(frappe.ValidationError, self.ask, task, consulted_unit=self.w.commune_a)
		self.assertRaises(frappe.ValidationError, self.ask, None)
		# A new request comes without an opinion and open.
		self.assertRaises(frappe.PermissionError, self.ask, task, opinion="<p>sẵn</p>")
		self.assertRaises(frappe.PermissionError, self.ask, task, status="Answered")

	def test_the_reminder_job_reminds_once_a_day(self):
		task = self.task()
		name = self.ask(task, request_date=add_days(today(), -10), due_date=add_days(today(), -1))
		head = self.user("head_dept")
		before = notifications(head, "Consultation Request", name)
		remind_consultations_and_urge_overdue_work()
		self.assertEqual(notifications(head, "Consultation Request", name), before + 1)
		remind_consultations_and_urge_overdue_work()
		self.assertEqual(notifications(head, "Consultation Request", name), before + 1)
		# An answer after the due date is late, and counts so in the report.
		with as_user(self.user("expert")):
			run_method("Consultation Request", name, "answer", opinion="<p>Muộn</p>")
		self.assertTrue(frappe.db.get_value("Consultation Request", name, "is_late"))

	def test_consultations_by_unit_within_scope(self):
		from soson_discipline.soson_discipline.report.consultations_by_unit.consultations_by_unit import (
			execute,
		)

		task = self.task()
		self.ask(task)
		self.ask(task, due_date=today(), request_date=add_days(today(), -3))
		filters = {
			"from_date": add_days(today(), -30),
			"to_date": today(),
			"as_of_date": add_days(today(), 1),
		}
		with as_user(self.user("head_dept")):
			rows = {r["consulted_unit"]: r for r in execute(filters)[1]}
		self.assertGreaterEqual(rows[self.w.dept]["requested"], 2)
		self.assertGreaterEqual(rows[self.w.dept]["late"], 1)
		with as_user(self.user("head_b")):
			self.assertFalse([r for r in execute(filters)[1] if r["consulted_unit"] == self.w.dept])


class TestUrging(FollowupTestCase):
	def urging_values(self, task: str, **values) -> dict:
		return {
			"doctype": "Urging",
			"title": "Đôn đốc thực hiện nhiệm vụ quá hạn",
			"issuing_unit": self.w.board,
			"document_number": "15-CV/BTC",
			"urging_date": today(),
			"reply_by": add_days(today(), 7),
			"directive": self.w.directive,
			"content": "<p>Đề nghị các đơn vị khẩn trương hoàn thành.</p>",
			"targets": [{"assigned_task": task}, {"organization_unit": self.w.commune_b}],
			**values,
		}

	def test_overdue_work_escalates_by_the_settings_once_a_day(self):
		frappe.db.set_single_value(
			"Discipline Settings", {"urge_unit_head_after_days": 2, "urge_presiding_after_days": 5}
		)
		late = self.task(due_in=-6, title="FU việc quá hạn 6 ngày")
		recent = self.task(due_in=-3, title="FU việc quá hạn 3 ngày")
		fresh = self.task(due_in=-1, title="FU việc quá hạn 1 ngày")
		head, board = self.user("head_a"), self.user("admin")
		remind_consultations_and_urge_overdue_work()
		counts = {
			t: (notifications(head, "Assigned Task", t), notifications(board, "Assigned Task", t))
			for t in (late, recent, fresh)
		}
		self.assertGreaterEqual(counts[late][0], 1)
		self.assertEqual(counts[late][1], 1)
		self.assertGreaterEqual(counts[recent][0], 1)
		self.assertEqual(counts[recent][1], 0)
		self.assertEqual(counts[fresh][1], 0)
		# A second run the same day tells nobody again.
		result = remind_consultations_and_urge_overdue_work()
		self.assertEqual(result["urged"], {"unit_head": 0, "presiding_board": 0})
		again = {
			t: (notifications(head, "Assigned Task", t), notifications(board, "Assigned Task", t))
			for t in (late, recent, fresh)
		}
		self.assertEqual(again, counts)

	def test_an_urging_runs_its_full_course(self):
		task = self.task(due_in=-4)
		admin, head_a, head_b = self.user("admin"), self.user("head_a"), self.user("head_b")
		# A unit head does not issue urgings.
		with as_user(head_a):
			self.assertRaises(
				frappe.PermissionError, call, "frappe.client.insert", doc=self.urging_values(task)
			)
		with as_user(admin):
			doc = call("frappe.client.insert", doc=self.urging_values(task))
		name = doc["name"]
		self.assertEqual(doc["targets"][0]["organization_unit"], self.w.commune_a)
		# A draft is the board's own.
		with as_user(head_a):
			self.assertRaises(REFUSED, call, "frappe.client.get", "GET", doctype="Urging", name=name)
		with as_user(admin):
			call(
				"frappe.client.submit", doc=frappe.get_doc("Urging", name).as_dict(convert_dates_to_str=True)
			)
		self.assertEqual(frappe.db.get_value("Urging", name, "docstatus"), 1)
		for user in (head_a, head_b, self.user("cadre_a1")):
			self.assertEqual(notifications(user, "Urging", name), 1, user)
		# The task's timeline shows the urging; its form lists it.
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_doctype": "Assigned Task",
					"reference_name": task,
					"content": ("like", f"%{name}%"),
				},
			)
		)
		from frappe.desk.notifications import get_open_count

		with as_user(head_a):
			counts = get_open_count("Assigned Task", task)["count"]
		items = {i["doctype"]: i for i in counts["external_links_found"]}
		self.assertEqual(items["Urging"]["count"], 1)
		# The units concerned read it; a cadre does not.
		with as_user(self.user("cadre_a1")):
			self.assertRaises(REFUSED, call, "frappe.client.get", "GET", doctype="Urging", name=name)
		# Each head acknowledges for his own unit, once.
		with as_user(head_a):
			self.assertEqual(
				run_method("Urging", name, "acknowledge", response="Đã chỉ đạo khắc phục")["acknowledged"], 1
			)
			self.assertRaises(frappe.PermissionError, run_method, "Urging", name, "acknowledge")
		rows = {r.organization_unit: r for r in frappe.get_doc("Urging", name).targets}
		self.assertEqual(rows[self.w.commune_a].acknowledged_by, self.w.cadres["head_a"])
		self.assertFalse(rows[self.w.commune_b].acknowledged_on)
		with as_user(self.user("head_dept")):
			self.assertRaises(REFUSED, run_method, "Urging", name, "acknowledge")
		with as_user(head_b):
			run_method("Urging", name, "acknowledge")
		self.assertTrue(all(r.acknowledged_on for r in frappe.get_doc("Urging", name).targets))
		# A head cannot rewrite the issued urging or its acknowledgements.
		with as_user(head_a):
			changed = frappe.get_doc("Urging", name).as_dict(convert_dates_to_str=True)
			changed["targets"][1]["acknowledged_by"] = None
			self.assertRaises(REFUSED + (frappe.ValidationError,), call, "frappe.client.save", doc=changed)
		# Printed as an official document of the Party board.
		with as_user(admin):
			html = call(
				"frappe.www.printview.get_html_and_style",
				"GET",
				doc="Urging",
				name=name,
				print_format="Urging",
			)["html"]
		self.assertIn("ĐẢNG CỘNG SẢN VIỆT NAM", html)
		self.assertIn("15-CV/BTC", html)

	def test_bad_urgings_are_refused(self):
		task = self.task()
		with as_user(self.user("admin")):
			self.assertRaises(
				frappe.ValidationError, call, "frappe.client.insert", doc=self.urging_values(task, targets=[])
			)
			self.assertRaises(
				frappe.ValidationError,
				call,
				"frappe.client.insert",
				doc=self.urging_values(task, targets=[{"assigned_task": task}, {"assigned_task": task}]),
			)
			self.assertRaises(
				frappe.ValidationError,
				call,
				"frappe.client.insert",
				doc=self.urging_values(task, reply_by=add_days(today(), -1)),
			)


class TestStandingCommittee(FollowupTestCase):
	def report(self, unit="commune_a", start=None, **values) -> str:
		start = getdate(start or get_first_day(add_days(today(), -40)))
		return raw_insert(
			"Periodic Report",
			{
				"title": f"FU báo cáo {unit} {start}",
				"organization_unit": self.w[unit],
				"covered_unit": self.w[unit],
				"report_to_unit": self.w.committee,
				"directive": self.w.directive,
				"period_start": start,
				"period_end": get_last_day(start),
				"frequency": "Monthly",
				"workflow_state": "Submitted",
				"docstatus": 1,
				**values,
			},
		)

	def conclusion_values(self, report: str, **values) -> dict:
		return {
			"doctype": "Standing Committee Conclusion",
			"title": "Kết luận của Ban Thường vụ về báo cáo tháng",
			"document_kind": "Conclusion Notice",
			"issuing_unit": self.w.committee,
			"document_number": "120-TB/HU",
			"conclusion_date": today(),
			"periodic_report": report,
			"content": "<p>Ban Thường vụ kết luận như sau.</p>",
			"points": [
				{
					"content": "Khắc phục ngay các nhiệm vụ quá hạn của xã A",
					"owner_unit": self.w.commune_a,
					"owner_cadre": self.w.cadres["cadre_a1"],
					"due_date": add_days(today(), 15),
				},
				{
					"content": "Tổ chức quán triệt lại chỉ thị",
					"owner_unit": self.w.commune_b,
					"due_date": add_days(today(), 20),
				},
			],
			**values,
		}

	def test_the_standing_committee_receives_a_report(self):
		report = self.report()
		with as_user(self.user("head_a")):
			self.assertRaises(frappe.PermissionError, run_method, "Periodic Report", report, "mark_received")
		with as_user(self.user("standing")):
			result = run_method("Periodic Report", report, "mark_received")
			self.assertTrue(result["changed"])
			self.assertFalse(run_method("Periodic Report", report, "mark_received")["changed"])
		received_by, received_on = frappe.db.get_value(
			"Periodic Report", report, ["received_by", "received_on"]
		)
		self.assertEqual(received_by, self.user("standing"))
		self.assertTrue(received_on)
		draft = self.report(unit="commune_b", workflow_state="Draft", docstatus=0)
		with as_user(self.user("standing")):
			self.assertRaises(frappe.ValidationError, run_method, "Periodic Report", draft, "mark_received")

	def test_a_conclusion_becomes_tasks_traced_back(self):
		report = self.report()
		with as_user(self.user("head_a")):
			self.assertRaises(
				frappe.PermissionError, call, "frappe.client.insert", doc=self.conclusion_values(report)
			)
		with as_user(self.user("standing")):
			name = call("frappe.client.insert", doc=self.conclusion_values(report))["name"]
			self.assertEqual(
				frappe.db.count(
					"Standing Committee Conclusion Point", {"parent": name, "assigned_task": ("is", "set")}
				),
				0,
			)
			call(
				"frappe.client.submit",
				doc=frappe.get_doc("Standing Committee Conclusion", name).as_dict(convert_dates_to_str=True),
			)
		conclusion = frappe.get_doc("Standing Committee Conclusion", name)
		self.assertEqual(conclusion.reported_unit, self.w.commune_a)
		self.assertEqual(conclusion.directive, self.w.directive)
		first, second = conclusion.points
		task = frappe.get_doc("Assigned Task", first.assigned_task)
		self.assertEqual(
			(task.organization_unit, task.assignee, task.status),
			(self.w.commune_a, self.w.cadres["cadre_a1"], "Open"),
		)
		self.assertEqual(getdate(task.due_date), getdate(first.due_date))
		self.assertEqual(
			frappe.db.get_value("Assigned Task", second.assigned_task, "organization_unit"), self.w.commune_b
		)
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_doctype": "Assigned Task",
					"reference_name": task.name,
					"content": ("like", f"%{name}%"),
				},
			)
		)
		# The owners are told: the cadre of the first point, the head of the second point's unit.
		# once: the conclusion's notice names the task (issue 25: one notification per step)
		self.assertEqual(notifications(self.user("cadre_a1"), "Assigned Task", task.name), 1)
		self.assertEqual(notifications(self.user("head_b"), "Standing Committee Conclusion", name), 1)
		# The heads of the owner units read the issued conclusion; another's head does not.
		with as_user(self.user("head_b")):
			self.assertEqual(
				call("frappe.client.get", "GET", doctype="Standing Committee Conclusion", name=name)["name"],
				name,
			)
		with as_user(self.user("head_dept")):
			self.assertRaises(
				REFUSED, call, "frappe.client.get", "GET", doctype="Standing Committee Conclusion", name=name
			)

	def test_bad_conclusions_are_refused(self):
		report = self.report()
		draft = self.report(unit="commune_b", workflow_state="Draft", docstatus=0)
		with as_user(self.user("standing")):
			self.assertRaises(
				frappe.ValidationError, call, "frappe.client.insert", doc=self.conclusion_values(draft)
			)
			self.assertRaises(
				frappe.ValidationError,
				call,
				"frappe.client.insert",
				doc=self.conclusion_values(report, points=[]),
			)
			bad_due = self.conclusion_values(report)
			bad_due["points"][0]["due_date"] = add_days(today(), -1)
			self.assertRaises(frappe.ValidationError, call, "frappe.client.insert", doc=bad_due)
			wrong_owner = self.conclusion_values(report)
			wrong_owner["points"][0]["owner_cadre"] = self.w.cadres["cadre_b1"]
			self.assertRaises(frappe.ValidationError, call, "frappe.client.insert", doc=wrong_owner)

	def test_units_late_to_report_or_disseminate(self):
		from soson_discipline.soson_discipline.report.units_late_to_report_or_disseminate.units_late_to_report_or_disseminate import (
			execute,
		)

		start = get_first_day(add_days(today(), -40))
		plan = raw_insert(
			"Unit Plan",
			{
				"document_number": "FU-154-KH/HU",
				"issuing_unit": self.w.committee,
				"directive": self.w.directive,
				"issue_date": add_days(start, -10),
				"title": "FU kế hoạch thực hiện",
				"reporting_frequency": "Monthly",
				"docstatus": 1,
				"workflow_state": "Issued",
			},
			{
				"tasks": [
					{
						"task_group": "I",
						"description": "Quán triệt",
						"lead_unit": self.w.commune_a,
						"due_date": start,
					},
					{
						"task_group": "I",
						"description": "Quán triệt",
						"lead_unit": self.w.commune_b,
						"due_date": start,
					},
				]
			},
		)
		self.report(start=start)
		raw_insert(
			"Dissemination Session",
			{
				"subject": "FU hội nghị quán triệt",
				"organization_unit": self.w.commune_a,
				"session_date": start,
				"unit_plan": plan,
				"form": "Conference",
			},
		)
		filters = {"from_date": start, "to_date": get_last_day(start), "unit_plan": plan}
		with as_user(self.user("standing")):
			rows = execute(filters)[1]
		self.assertEqual([r["organization_unit"] for r in rows], [self.w.commune_b])
		self.assertEqual(rows[0]["report_status"], "Late")
		self.assertEqual(rows[0]["dissemination_status"], "Late")
		with as_user(self.user("standing")):
			everything = execute({**filters, "show_all": 1})[1]
		self.assertEqual(len(everything), 2)
		# a unit that has ended owes nothing (its successor carries its work), nor does a closed plan
		frappe.db.set_value("Organization Unit", self.w.commune_b, "valid_to", add_days(start, -1))
		with as_user(self.user("standing")):
			self.assertEqual(execute(filters)[1], [])
		frappe.db.set_value("Organization Unit", self.w.commune_b, "valid_to", None)
		frappe.db.set_value("Unit Plan", plan, "workflow_state", "Closed")
		with as_user(self.user("standing")):
			self.assertEqual(execute({**filters, "show_all": 1})[1], [])


class TestDirectiveChain(FollowupTestCase):
	def test_the_chain_of_a_directive_on_one_page(self):
		from soson_discipline.soson_discipline.report.directive_chain.directive_chain import execute

		plan = raw_insert(
			"Unit Plan",
			{
				"document_number": "FU-CHAIN-KH/HU",
				"issuing_unit": self.w.committee,
				"directive": self.w.directive,
				"issue_date": add_days(today(), -30),
				"title": "FU kế hoạch chuỗi",
				"reporting_frequency": "Monthly",
				"docstatus": 1,
				"workflow_state": "Issued",
			},
		)
		sub_plan = raw_insert(
			"Unit Plan",
			{
				"document_number": "FU-CHAIN-KH/ĐU",
				"issuing_unit": self.w.commune_a,
				"parent_plan": plan,
				"issue_date": add_days(today(), -25),
				"title": "FU kế hoạch của xã A",
				"docstatus": 1,
				"workflow_state": "Issued",
			},
		)
		task = self.task(unit_plan=sub_plan)
		consultation = self.ask(task)
		with as_user("Administrator"):
			urging = frappe.get_doc(
				{
					"doctype": "Urging",
					"title": "FU đôn đốc",
					"issuing_unit": self.w.board,
					"urging_date": today(),
					"content": "<p>Đôn đốc</p>",
					"targets": [{"assigned_task": task}],
				}
			).insert()
			urging.submit()
		with as_user(self.user("admin")):
			rows = execute({"directive": self.w.directive})[1]
		found = {(r["document_type"], r["document"]): r for r in rows if r.get("document")}
		for key in (
			("Directive", self.w.directive),
			("Unit Plan", plan),
			("Unit Plan", sub_plan),
			("Assigned Task", task),
			("Consultation Request", consultation),
			("Urging", urging.name),
		):
			self.assertIn(key, found)
		self.assertEqual(found[("Unit Plan", sub_plan)]["parent_key"], found[("Unit Plan", plan)]["row_key"])
		# Within scope: another commune's cadre sees no task of commune A.
		with as_user(self.user("cadre_b1")):
			rows = execute({"directive": self.w.directive})[1]
		self.assertNotIn(task, [r.get("document") for r in rows])
