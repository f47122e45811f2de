"""The app connected to the office's other systems (issue #24, Decree 335/2025 Art. 26).

Over real HTTP (`factories.served_site`, token authentication), as the document system's API user:
a document pushed twice makes one task, pushed by several requests at once still one; a changed
deadline moves the task with its reason in the history; a completed task is not reopened (409);
bad input is refused naming the field, with nothing written; the system reads and writes only the
tasks it created in its units. As the heads and the board: the export of a period's results in
JSON, CSV and XLSX holds exactly the caller's scope; after a cadre moves to another unit, the new
unit's head reads (only reads) his year and classifies it there.
"""

import base64
import io
import json
import threading
from csv import reader

import frappe
import requests
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, now_datetime, today

from soson_discipline.tests.factories import (
	CADRE,
	PARTY_BOARD,
	UNIT_HEAD,
	api_keys,
	as_user,
	build_world,
	committed_world,
	make_user,
	raw_insert,
	served_site,
)

TASK = "Assigned Task"
UPSERT = "/api/method/soson_discipline.api.tasks.upsert_from_document"
UPSERT_MANY = "/api/method/soson_discipline.api.tasks.upsert_from_documents"
RESULTS = "/api/method/soson_discipline.api.results.period_results"
SYSTEM = "QLVB-ITG"
SYSTEM_USER = "qlvb@itg.test"

INTEGRATION_WORLD = {
	"email": "{}@itg.test",
	"units": {
		"district": ("ITG Huyện ủy (kiểm thử)", "ITGH", None),
		"commune_a": ("ITG Xã A (kiểm thử)", "ITGA", "district"),
		"board_a": ("ITG Ban A (kiểm thử)", "ITGBA", "commune_a", PARTY_BOARD),
		"commune_b": ("ITG Xã B (kiểm thử)", "ITGB", "district"),
	},
	"people": {
		"admin": ("ITG Quản trị", "district", ["Discipline Administrator", "Cadre"]),
		"heada": ("ITG Bí thư A", "commune_a", UNIT_HEAD, {"is_leader": 1, "heads": "commune_a"}),
		"a1": ("ITG Chuyên viên A1", "board_a", CADRE, {"rater": "heada"}),
		"a2": ("ITG Chuyên viên A2", "commune_a", CADRE, {"rater": "heada"}),
		"headb": ("ITG Bí thư B", "commune_b", UNIT_HEAD, {"is_leader": 1, "heads": "commune_b"}),
		"b1": ("ITG Chuyên viên B1", "commune_b", CADRE, {"rater": "headb"}),
	},
	"aliases": {"cadre": "cadres", "user": "users"},
}


def make_source(w, units, people_identified_by="Cadre ID") -> str:
	make_user(SYSTEM_USER, [])
	if frappe.db.exists("Integration Source", SYSTEM):
		frappe.delete_doc("Integration Source", SYSTEM, ignore_permissions=True, force=True)
	with as_user(w.user["admin"]):  # the presiding board registers the system
		frappe.get_doc(
			{
				"doctype": "Integration Source",
				"system_code": SYSTEM,
				"system_name": "ITG Hệ thống quản lý văn bản",
				"api_user": SYSTEM_USER,
				"people_identified_by": people_identified_by,
				"units": [{"organization_unit": u} for u in units],
			}
		).insert()
	return SYSTEM


class TestDocumentSystem(FrappeTestCase):
	"""The document system's API user, over HTTP, on a world committed for the class."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world_block = committed_world()
		cls.world_block.__enter__()
		try:
			cls.build()
		except BaseException:
			cls.world_block.__exit__(None, None, None)
			raise
		cls.server = served_site()
		cls.base = cls.server.__enter__()

	@classmethod
	def build(cls):
		frappe.set_user("Administrator")
		cls.w = w = build_world(INTEGRATION_WORLD)
		make_source(w, [w.commune_a])
		cls.system_auth = api_keys(SYSTEM_USER)
		cls.head_auth = {key: api_keys(w.user[key]) for key in ("heada", "headb", "admin")}
		with as_user(w.user["heada"]):  # a task the head typed: not the system's
			cls.typed_task = (
				frappe.get_doc(
					{
						"doctype": TASK,
						"title": "ITG nhiệm vụ giao trực tiếp",
						"organization_unit": w.commune_a,
						"assignee": w.cadre["a2"],
						"start_date": today(),
						"due_date": add_days(today(), 10),
					}
				)
				.insert()
				.name
			)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		cls.server.__exit__(None, None, None)
		frappe.db.rollback()
		frappe.db.delete("Integration Source", {"name": SYSTEM})
		frappe.db.delete("Integration Source Unit", {"parent": SYSTEM})
		frappe.db.delete("File", {"attached_to_doctype": TASK, "attached_to_name": ("like", "NV-%")})
		cls.world_block.__exit__(None, None, None)
		super().tearDownClass()

	# ---------------------------------------------------------------------------------------------
	# helpers

	def call(self, method: str, path: str, auth: str | None = None, **kwargs) -> requests.Response:
		headers = {"Authorization": auth or self.system_auth, "Accept": "application/json"}
		return requests.request(method, self.base + path, headers=headers, timeout=60, **kwargs)

	def push(self, document: dict, auth: str | None = None) -> requests.Response:
		return self.call("POST", UPSERT, auth, json={"document": document})

	def document(self, reference: str, **values) -> dict:
		return {
			"external_reference": reference,
			"document_number": f"{reference}/UBND-VP",
			"document_date": str(add_days(today(), -3)),
			"issuing_body": "ITG UBND xã A",
			"title": f"ITG Triển khai văn bản {reference}",
			"organization_unit": self.w.commune_a,
			"assignee": self.w.cadre["a1"],
			"due_date": str(add_days(today(), 20)),
			**values,
		}

	def tasks_of(self, reference: str) -> list[str]:
		frappe.db.rollback()  # a fresh snapshot: what the requests committed
		return frappe.get_all(
			TASK, filters={"external_system": SYSTEM, "external_reference": reference}, pluck="name"
		)

	def error_of(self, response) -> str:
		body = response.json()
		messages = [json.loads(m).get("message", "") for m in json.loads(body.get("_server_messages", "[]"))]
		return " ".join(messages) + " " + (body.get("exception") or "")

	# ---------------------------------------------------------------------------------------------
	# one document

	def test_a_document_pushed_twice_makes_one_task_and_a_new_deadline_moves_it(self):
		first = self.push(self.document("ITG-001"))
		self.assertEqual(first.status_code, 200, first.text)
		created = first.json()["message"]
		self.assertEqual(created["result"], "created")
		again = self.push(self.document("ITG-001"))
		self.assertEqual(again.json()["message"]["result"], "unchanged")
		self.assertEqual(self.tasks_of("ITG-001"), [created["task"]])

		task = frappe.get_doc(TASK, created["task"])
		self.assertEqual(
			(task.document_number, task.issuing_body, task.assignee, task.assigned_by, task.status),
			("ITG-001/UBND-VP", "ITG UBND xã A", self.w.cadre["a1"], self.w.cadre["heada"], "Open"),
		)
		# the assignee is told, as for a task given in the desk
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": self.w.user["a1"], "document_name": task.name})
		)

		# the document's deadline moves: the task's does, with its reason in the history
		later = str(add_days(today(), 30))
		moved = self.push(self.document("ITG-001", due_date=later))
		self.assertEqual(moved.json()["message"]["result"], "updated", moved.text)
		frappe.db.rollback()
		task = frappe.get_doc(TASK, created["task"])
		self.assertEqual(str(task.due_date), later)
		event = task.history[-1]
		self.assertEqual(event.event, "Extended")
		self.assertIn("ITG-001/UBND-VP", event.reason)
		self.assertIn("ITG Hệ thống quản lý văn bản", event.reason)

	def test_a_completed_task_is_not_reopened_by_the_document_system(self):
		name = self.push(self.document("ITG-002")).json()["message"]["task"]
		frappe.db.rollback()
		with as_user(self.w.user["a1"]):
			doc = frappe.get_doc(TASK, name)
			doc.status = "Completed"
			doc.save()
		frappe.db.commit()
		conflict = self.push(self.document("ITG-002", due_date=str(add_days(today(), 40))))
		self.assertEqual(conflict.status_code, 409, conflict.text)
		self.assertIn("reopen", self.error_of(conflict))
		self.assertEqual(frappe.db.get_value(TASK, name, "status"), "Completed")
		# the same values again (a retry of what it already sent) are simply unchanged
		self.assertEqual(self.push(self.document("ITG-002")).json()["message"]["result"], "unchanged")
		# a withdrawn document cancels an open task
		other = self.push(self.document("ITG-003")).json()["message"]["task"]
		cancelled = self.push(self.document("ITG-003", status="Cancelled")).json()["message"]
		self.assertEqual((cancelled["task"], cancelled["status"]), (other, "Cancelled"))

	def test_pushed_by_several_requests_at_once_it_is_still_one_task(self):
		barrier = threading.Barrier(4)
		answers: list = []
		document = self.document("ITG-RACE")  # made here: a bare thread has no Frappe context

		def push():
			barrier.wait()
			try:
				answers.append(self.push(document))
			except Exception as e:
				answers.append(e)

		threads = [threading.Thread(target=push) for _ in range(4)]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join(60)
		self.assertEqual(
			[getattr(a, "status_code", a) for a in answers],
			[200] * 4,
			[getattr(a, "text", a) for a in answers],
		)
		results = sorted(a.json()["message"]["result"] for a in answers)
		self.assertEqual(results[0], "created")
		self.assertNotIn("created", results[1:])
		self.assertEqual(len(self.tasks_of("ITG-RACE")), 1)

	def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(self):
		cases = [
			({"external_reference": ""}, 417, "External Reference"),
			({"due_date": "31/02/2026"}, 417, "Due Date"),
			({"product_quantity": "nhiều"}, 417, "Product Quantity"),
			({"assignee": "CB-99999"}, 417, "Assignee"),
			({"organization_unit": self.w.commune_b}, 403, "Organization Unit"),
			({"external_system": "OTHER"}, 403, "External System"),
			({"sender": "x"}, 417, "sender"),
			({"title": None}, 417, "Title"),
			({"file": {"file_name": "vb.pdf", "content": "not base64!"}}, 417, "Document File"),
		]
		before = frappe.db.count(TASK)
		for values, status, field in cases:
			with self.subTest(values=values):
				response = self.push(self.document("ITG-BAD", **values))
				self.assertEqual(response.status_code, status, response.text)
				self.assertIn(field, self.error_of(response))
		response = self.call("POST", UPSERT, data={"document": "{not json"})
		self.assertEqual(response.status_code, 417, response.text)
		self.assertEqual(self.tasks_of("ITG-BAD"), [])
		self.assertEqual(frappe.db.count(TASK), before)
		# a GET is not how documents are sent (Frappe refuses a method not whitelisted for it)
		self.assertIn(self.call("GET", UPSERT, params={"document": "{}"}).status_code, (403, 405))

	def test_people_named_by_email_and_the_file_attached_once(self):
		frappe.db.set_value("Integration Source", SYSTEM, "people_identified_by", "User Email")
		frappe.db.commit()
		try:
			content = base64.b64encode("Văn bản số ITG-004".encode()).decode()
			document = self.document(
				"ITG-004",
				assignee=self.w.user["a2"].upper(),
				file={"file_name": "ITG-004.pdf", "content": content},
			)
			created = self.push(document).json()["message"]
			self.assertEqual(self.push(document).json()["message"]["result"], "unchanged")
		finally:
			frappe.db.set_value("Integration Source", SYSTEM, "people_identified_by", "Cadre ID")
			frappe.db.commit()
		frappe.db.rollback()
		task = frappe.get_doc(TASK, created["task"])
		self.assertEqual(task.assignee, self.w.cadre["a2"])
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": TASK, "attached_to_name": task.name},
			fields=["file_url", "is_private"],
		)
		self.assertEqual([(f.file_url, f.is_private) for f in files], [(task.document_file, 1)])
		# the assignee opens the document's file; another commune's cadre does not
		with as_user(self.w.user["a2"]):
			self.assertTrue(frappe.get_doc("File", {"file_url": task.document_file}).has_permission("read"))
		with as_user(self.w.user["b1"]):
			self.assertFalse(frappe.get_doc("File", {"file_url": task.document_file}).has_permission("read"))

	def test_a_batch_answers_each_document_and_keeps_the_good_ones(self):
		items = [
			self.document("ITG-B1"),
			self.document("ITG-B2", due_date="hôm qua"),
			self.document("ITG-B3"),
		]
		response = self.call("POST", UPSERT_MANY, json={"documents": items})
		self.assertEqual(response.status_code, 200, response.text)
		results = response.json()["message"]
		self.assertEqual([r["result"] for r in results], ["created", "error", "created"])
		self.assertEqual((results[1]["http_status"], results[1]["external_reference"]), (417, "ITG-B2"))
		self.assertIn("Due Date", results[1]["error"])
		self.assertEqual(self.tasks_of("ITG-B2"), [])
		self.assertEqual(len(self.tasks_of("ITG-B1") + self.tasks_of("ITG-B3")), 2)
		too_many = self.call("POST", UPSERT_MANY, json={"documents": [{}] * 501})
		self.assertEqual(too_many.status_code, 413, too_many.text)

	def test_the_system_reaches_only_the_tasks_it_created_in_its_units(self):
		mine = self.push(self.document("ITG-005")).json()["message"]["task"]
		listed = self.call(
			"GET", f"/api/resource/{TASK}", params={"fields": '["name"]', "limit_page_length": 0}
		).json()["data"]
		names = {row["name"] for row in listed}
		self.assertIn(mine, names)
		self.assertNotIn(self.typed_task, names)
		self.assertEqual(self.call("GET", f"/api/resource/{TASK}/{mine}").status_code, 200)
		self.assertEqual(self.call("GET", f"/api/resource/{TASK}/{self.typed_task}").status_code, 403)
		# nothing of evaluations, violations or people
		for doctype in ("Cadre Evaluation", "Violation Record", "Cadre", "Cadre Classification"):
			with self.subTest(doctype=doctype):
				self.assertEqual(self.call("GET", f"/api/resource/{doctype}").status_code, 403)
		self.assertEqual(self.call("GET", RESULTS, params={"period": "2026-11"}).status_code, 403)
		# it cannot take over a task by naming itself, nor write its reference through REST
		taken = self.call("PUT", f"/api/resource/{TASK}/{self.typed_task}", json={"external_system": SYSTEM})
		self.assertEqual(taken.status_code, 403, taken.text)
		renamed = self.call("PUT", f"/api/resource/{TASK}/{mine}", json={"external_reference": "ITG-X"})
		self.assertEqual(renamed.status_code, 403, renamed.text)
		# nor create a task outside the upsert
		direct = self.call(
			"POST",
			f"/api/resource/{TASK}",
			json={"title": "ITG trực tiếp", "organization_unit": self.w.commune_a},
		)
		self.assertEqual(direct.status_code, 403, direct.text)
		# a head, not the system, cannot push documents
		refused = self.push(self.document("ITG-006"), auth=self.head_auth["heada"])
		self.assertEqual(refused.status_code, 403, refused.text)
		# a disabled system is refused
		frappe.db.set_value("Integration Source", SYSTEM, "enabled", 0)
		frappe.db.commit()
		try:
			self.assertEqual(self.push(self.document("ITG-007")).status_code, 403)
		finally:
			frappe.db.set_value("Integration Source", SYSTEM, "enabled", 1)
			frappe.db.commit()

	# ---------------------------------------------------------------------------------------------
	# results for the platforms above, and results that follow a cadre

	def approved_month(self, cadre: str, unit: str, start, score: float, level: str, approver: str) -> str:
		period = frappe.db.get_value("Evaluation Period", {"title": f"ITG {start}"}) or raw_insert(
			"Evaluation Period",
			{
				"title": f"ITG {start}",
				"period_type": "Monthly",
				"period_start": getdate(start),
				"period_end": add_days(getdate(start), 27),
				"status": "Finalized",
			},
		)
		return raw_insert(
			"Cadre Evaluation",
			{
				"evaluation_period": period,
				"cadre": cadre,
				"cadre_name": frappe.db.get_value("Cadre", cadre, "full_name"),
				"organization_unit": unit,
				"period_start": getdate(start),
				"period_end": add_days(getdate(start), 27),
				"total_score": score,
				"final_level": level,
				"final_level_label": "Hoàn thành tốt nhiệm vụ",
				"approver": approver,
				"approved_on": now_datetime(),
				"docstatus": 1,
				"workflow_state": "Approved",
				"evaluation_key": f"{period}:{cadre}",
			},
		)

	def test_the_export_holds_the_callers_scope_and_results_follow_a_moved_cadre(self):
		import openpyxl

		w = self.w
		month = getdate(today()).replace(day=1)
		first = month if month.month == 1 else month.replace(month=month.month - 1)
		key = f"{first.year}-{first.month:02d}"
		frappe.set_user("Administrator")
		evaluations = {
			who: self.approved_month(w.cadre[who], unit, first, score, "B", w.cadre[head])
			for who, unit, score, head in (
				("a1", w.board_a, 86, "heada"),
				("a2", w.commune_a, 81, "heada"),
				("b1", w.commune_b, 77, "headb"),
			)
		}
		frappe.db.commit()

		def export(who, fmt="json"):
			return self.call("GET", RESULTS, self.head_auth[who], params={"period": key, "format": fmt})

		rows = export("heada").json()["message"]
		self.assertEqual({r["cadre"] for r in rows}, {w.cadre["a1"], w.cadre["a2"]}, (rows, w.cadres))
		row = next(r for r in rows if r["cadre"] == w.cadre["a1"])
		self.assertEqual(
			(row["organization_unit"], row["total"], row["level"], row["approver_name"], row["record"]),
			(w.board_a, 86, "B", "ITG Bí thư A", evaluations["a1"]),
		)
		self.assertEqual(
			{r["cadre"] for r in export("admin").json()["message"]},
			set(w.cadre[k] for k in ("a1", "a2", "b1")),
		)
		csv = export("headb", "csv")
		self.assertEqual(csv.headers["Content-Type"].split(";")[0], "text/csv")
		lines = list(reader(io.StringIO(csv.content.decode("utf-8-sig"))))
		self.assertEqual((lines[0][:3], len(lines)), (["period", "cadre", "cadre_name"], 2))
		self.assertEqual((lines[1][1], lines[1][2]), (w.cadre["b1"], "ITG Chuyên viên B1"))
		sheet = openpyxl.load_workbook(io.BytesIO(export("heada", "xlsx").content)).active
		self.assertEqual(
			sorted(r[1] for r in sheet.iter_rows(min_row=2, values_only=True)),
			sorted([w.cadre["a1"], w.cadre["a2"]]),
		)
		self.assertEqual(
			self.call("GET", RESULTS, self.head_auth["heada"], params={"period": "2026-13"}).status_code, 417
		)
		self.assertEqual(export("heada", "pdf").status_code, 417)

		# a1 moves to commune B: its head and a1's new rater read his year, without writing it
		before = self.call(
			"GET", f"/api/resource/Cadre Evaluation/{evaluations['a1']}", self.head_auth["headb"]
		)
		self.assertEqual(before.status_code, 403)
		frappe.db.set_value(
			"Cadre", w.cadre["a1"], {"organization_unit": w.commune_b, "rater": w.cadre["headb"]}
		)
		frappe.db.commit()
		try:
			read = self.call(
				"GET", f"/api/resource/Cadre Evaluation/{evaluations['a1']}", self.head_auth["headb"]
			)
			self.assertEqual(read.status_code, 200, read.text)
			listed = self.call(
				"GET",
				"/api/resource/Cadre Evaluation",
				self.head_auth["headb"],
				params={"filters": json.dumps({"cadre": w.cadre["a1"]}), "fields": '["name"]'},
			).json()["data"]
			self.assertEqual([r["name"] for r in listed], [evaluations["a1"]])
			written = self.call(
				"PUT",
				f"/api/resource/Cadre Evaluation/{evaluations['a1']}",
				self.head_auth["headb"],
				json={"discipline_note": "ITG"},
			)
			self.assertEqual(written.status_code, 403, written.text)
			# the export of the month follows the scope: the moved cadre's month is his new head's too
			self.assertIn(w.cadre["a1"], {r["cadre"] for r in export("headb").json()["message"]})
			# the Cadre form shows the year to the new head
			with as_user(w.user["headb"]):
				cadre = frappe.get_doc("Cadre", w.cadre["a1"])
				cadre.run_method("onload")
				shown = cadre.get_onload("year_results")
				self.assertEqual(
					[m.name for m in shown["months"]],
					[evaluations["a1"]] if first.year == getdate().year else [],
				)
			# the year is classified where he works now, with the months of the old unit
			from soson_discipline.evaluation.classification import cadres_to_classify

			self.assertIn(w.cadre["a1"], cadres_to_classify("Year", first.year, None, w.commune_b))
			self.assertNotIn(w.cadre["a1"], cadres_to_classify("Year", first.year, None, w.commune_a))
		finally:
			frappe.db.set_value(
				"Cadre", w.cadre["a1"], {"organization_unit": w.board_a, "rater": w.cadre["heada"]}
			)
			frappe.db.commit()


class TestResultsTransferSheet(FrappeTestCase):
	"""A cadre who leaves for an agency outside the site: his old unit prints his year."""

	def test_the_sheet_lists_the_months_with_scores_and_levels(self):
		frappe.set_user("Administrator")
		w = build_world(INTEGRATION_WORLD)
		year = getdate().year
		period = raw_insert(
			"Evaluation Period",
			{
				"title": "ITG tháng 1",
				"period_type": "Monthly",
				"period_start": getdate(f"{year}-01-01"),
				"period_end": getdate(f"{year}-01-31"),
				"status": "Finalized",
			},
		)
		raw_insert(
			"Cadre Evaluation",
			{
				"evaluation_period": period,
				"cadre": w.cadre["a2"],
				"organization_unit": w.commune_a,
				"period_start": getdate(f"{year}-01-01"),
				"period_end": getdate(f"{year}-01-31"),
				"total_score": 91.5,
				"final_level": "A",
				"final_level_label": "Hoàn thành xuất sắc nhiệm vụ",
				"docstatus": 1,
				"workflow_state": "Approved",
			},
		)
		frappe.db.set_value("Cadre", w.cadre["a2"], {"status": "Transferred", "date_left": today()})
		with as_user(w.user["heada"]):
			html = frappe.get_print("Cadre", w.cadre["a2"], "Results Transfer Sheet")
		self.assertIn("ITG tháng 1", html)
		self.assertIn("91", html)
		self.assertIn("Hoàn thành xuất sắc nhiệm vụ", html)
		with as_user(w.user["b1"]), self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
			frappe.get_print("Cadre", w.cadre["a2"], "Results Transfer Sheet")


class TestIntegrationSource(FrappeTestCase):
	"""Registering a system: its user gets the Integration role and nothing else, while it is enabled."""

	def test_the_role_follows_the_source_and_a_cadres_user_is_refused(self):
		frappe.set_user("Administrator")
		w = build_world(INTEGRATION_WORLD)
		make_source(w, [w.commune_a])
		self.assertEqual(set(frappe.get_roles(SYSTEM_USER)) - {"All", "Guest"}, {"Integration"})
		source = frappe.get_doc("Integration Source", SYSTEM)
		with as_user(w.user["admin"]):
			source.enabled = 0
			source.save()
		self.assertNotIn("Integration", frappe.get_roles(SYSTEM_USER))
		with as_user(w.user["admin"]):
			source.enabled = 1
			source.save()
		self.assertIn("Integration", frappe.get_roles(SYSTEM_USER))

		# a person's account, a bad code, no unit: refused naming the field
		cases = [
			({"api_user": w.user["a1"]}, "API User"),
			({"system_code": "QLVB SOCSON!"}, "System Code"),
			({"units": []}, "Units"),
		]
		for values, field in cases:
			with self.subTest(values=values), as_user(w.user["admin"]):
				doc = frappe.get_doc("Integration Source", SYSTEM)
				doc.update(values)
				with self.assertRaisesRegex(frappe.ValidationError, field):
					doc.save()
		# a unit head may not register a system
		with as_user(w.user["heada"]), self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{
					"doctype": "Integration Source",
					"system_code": "QLVB-X",
					"system_name": "X",
					"api_user": SYSTEM_USER,
					"units": [{"organization_unit": w.commune_a}],
				}
			).insert()


class TestOverdueIsAnEvent(FrappeTestCase):
	"""The daily job marks tasks overdue without a save: Webhooks and Notifications still see it."""

	def test_a_webhook_and_a_notification_see_the_task_become_overdue(self):
		from soson_discipline.campaign.task_jobs import mark_overdue_tasks

		frappe.set_user("Administrator")
		w = build_world(INTEGRATION_WORLD)
		task = raw_insert(
			TASK,
			{
				"title": "ITG quá hạn",
				"organization_unit": w.commune_a,
				"assignee": w.cadre["a1"],
				"status": "Open",
				"start_date": add_days(today(), -10),
				"due_date": add_days(today(), -1),
				"weight": 1,
			},
		)
		frappe.get_doc(
			{
				"doctype": "Webhook",
				"webhook_doctype": TASK,
				"webhook_docevent": "on_change",
				"condition": 'doc.status == "Overdue"',
				"request_url": "http://127.0.0.1:9/overdue",
				"request_structure": "Form URL-Encoded",
				"webhook_data": [{"fieldname": "name", "key": "name"}],
			}
		).insert(set_name="ITG overdue task")
		frappe.get_doc(
			{
				"doctype": "Notification",
				"__newname": "ITG task overdue",
				"subject": "ITG overdue {{ doc.name }}",
				"document_type": TASK,
				"event": "Value Change",
				"value_changed": "status",
				"condition": 'doc.status == "Overdue"',
				"channel": "System Notification",
				"recipients": [{"cc": w.user["a1"]}],
				"message": "{{ doc.title }}",
			}
		).insert()
		frappe.local._webhook_queue = []
		mark_overdue_tasks()
		queued = [entry.doc.name for entry in frappe.local._webhook_queue]
		self.assertIn(task, queued)
		self.assertEqual(frappe.db.get_value(TASK, task, "status"), "Overdue")
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{"for_user": w.user["a1"], "document_name": task, "subject": ("like", "ITG overdue%")},
			)
		)
		# a second run the same day marks, and announces, nothing
		frappe.local._webhook_queue = []
		mark_overdue_tasks()
		self.assertNotIn(task, [entry.doc.name for entry in frappe.local._webhook_queue])
