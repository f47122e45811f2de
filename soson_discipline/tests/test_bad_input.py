"""Input hygiene (issue 10): a corpus of bad inputs sent as real users, the way clients send them.

Each case goes through the request layer as a REST call does in production (`frappe.app` parses the
request, runs the `before_request` hooks, then `frappe.api.handle` dispatches it), without a server:
`rest()` builds a werkzeug request, lets Frappe's own `make_form_dict` parse it, runs
`check_request` and the API handler in the test's transaction. Others call the documents, Script
Reports and whitelisted methods directly. Every case must fail with a 4xx Frappe exception whose
message names the field, and write nothing.
"""

import json
import unicodedata
from urllib.parse import quote, urlencode

import frappe
from frappe.app import make_form_dict
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.soson_discipline.report.annual_classification_proposal import (
	annual_classification_proposal,
)
from soson_discipline.soson_discipline.report.overdue_tasks import overdue_tasks
from soson_discipline.soson_discipline.report.violations_by_category_and_unit import (
	violations_by_category_and_unit,
)
from soson_discipline.tests.factories import (
	CAMPAIGN_WORLD,
	EVALUATION_WORLD,
	VIOLATIONS_WORLD,
	as_user,
	build_world,
	get_evaluation,
	make_inspection,
	make_period,
	make_policy,
)
from soson_discipline.utils import is_app_doctype, request_check
from soson_discipline.utils.hygiene import (
	DateOutOfRangeError,
	InvalidDateError,
	InvalidFilterError,
	InvalidInputError,
	InvalidNumberError,
	InvalidTableError,
	MissingValueError,
	NumberOutOfRangeError,
	clean_text,
)
from soson_discipline.utils.request_check import check_request

TASK = "Assigned Task"
SESSION = "Dissemination Session"
NFC_TITLE = "Tuyên truyền Chỉ thị về kỷ cương"


def rest(
	method: str, path: str, body: str | None = None, form: dict | None = None, query: dict | None = None
):
	"""A REST call as `frappe.app.application` serves it: the request parsed by Frappe's
	`make_form_dict`, the `before_request` hook, then the API handler (exceptions propagate)."""
	builder = EnvironBuilder(
		method=method,
		path=quote(path),
		query_string=urlencode(query or {}),
		data=body if body is not None else (form or None),
		content_type="application/json" if body is not None else None,
	)
	request = Request(builder.get_environ())
	previous = getattr(frappe.local, "request", None), frappe.local.form_dict
	frappe.local.request = request
	frappe.local.response = frappe._dict(docs=[])
	try:
		make_form_dict(request)
		check_request()
		response = frappe.api.handle(request)
		return json.loads(response.get_data(as_text=True))
	finally:
		frappe.local.request, frappe.local.form_dict = previous


class TestBadInput(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.w = build_world(CAMPAIGN_WORLD)
		cls.head = cls.w.heada_user  # Unit Head of commune A
		with as_user(cls.head):
			cls.task = frappe.get_doc(
				{
					"doctype": TASK,
					"title": "Hygiene: a task to update",
					"organization_unit": cls.w.commune_a,
					"start_date": add_days(today(), -5),
					"due_date": add_days(today(), 20),
				}
			).insert()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.message_log = []

	# ---------------------------------------------------------------------------------------------
	# helpers

	def task_body(self, **values) -> dict:
		return {
			"title": "Hygiene task",
			"organization_unit": self.w.commune_a,
			"start_date": add_days(today(), -1),
			"due_date": add_days(today(), 30),
			**values,
		}

	def session_body(self, **values) -> dict:
		return {
			"subject": "Hygiene session",
			"organization_unit": self.w.commune_a,
			"session_date": add_days(today(), -2),
			"form": "Conference",
			**values,
		}

	def assertRefused(self, call, exc, *words, doctype=TASK, user=None):
		"""`call()` as `user` (default the unit head) raises `exc` (a 4xx Frappe exception) naming
		`words`, and writes no `doctype` record."""
		before = frappe.db.count(doctype)
		with as_user(user or self.head):
			with self.assertRaises(exc) as caught:
				call()
		error = caught.exception
		self.assertTrue(400 <= getattr(error, "http_status_code", 500) < 500, error)
		message = str(error)
		for word in words:
			self.assertIn(word, message)
		self.assertEqual(frappe.db.count(doctype), before)
		return message

	# ---------------------------------------------------------------------------------------------
	# numbers

	def test_rest_numbers_not_finite(self):
		path = f"/api/resource/{TASK}"
		for raw in ("NaN", "1e309", "Infinity", "-Infinity"):
			body = json.dumps(self.task_body()).replace("}", f', "weight": {raw}}}')
			with self.subTest(raw=raw):
				self.assertRefused(lambda: rest("POST", path, body), InvalidNumberError, "Weight")
		for text in ("NaN", "inf", "1e309", "abc"):
			with self.subTest(text=text):
				body = json.dumps(self.task_body(weight=text))
				self.assertRefused(lambda: rest("POST", path, body), InvalidNumberError, "Weight")

	def test_desk_text_numbers(self):
		"""The desk sends the form as a JSON string; numbers typed as text."""
		cases = [
			({"weight": "abc"}, InvalidNumberError, "Weight"),
			({"weight": "-1"}, NumberOutOfRangeError, "Weight"),
			({"percent_complete": "150"}, NumberOutOfRangeError, "Percent Complete"),
			({"is_difficult": "yes"}, InvalidNumberError, "Difficult"),
		]
		for values, exc, label in cases:
			doc = {"doctype": TASK, "__islocal": 1, **self.task_body(**values)}
			form = {"doc": json.dumps(doc), "action": "Save"}
			with self.subTest(values=values):
				self.assertRefused(
					lambda form=form: rest("POST", "/api/method/frappe.desk.form.save.savedocs", form=form),
					exc,
					label,
				)

	def test_document_hook_without_request(self):
		"""Python callers (frappe.client.insert from a server script, imports) meet the same rules."""
		for values, exc, label in (
			({"weight": "abc"}, InvalidNumberError, "Weight"),
			({"weight": float("nan")}, InvalidNumberError, "Weight"),
			({"weight": -2}, NumberOutOfRangeError, "Weight"),
			({"percent_complete": 150}, NumberOutOfRangeError, "Percent Complete"),
			({"due_date": "9999-12-31"}, DateOutOfRangeError, "Due Date"),
			({"start_date": "31/02/2026x"}, InvalidDateError, "Start Date"),
		):
			doc = json.dumps({"doctype": TASK, **self.task_body(**values)}, default=str)
			with self.subTest(values=values):
				self.assertRefused(lambda doc=doc: frappe.client.insert(doc), exc, label)

	def test_update_with_bad_number_changes_nothing(self):
		path = f"/api/resource/{TASK}/{self.task.name}"
		self.assertRefused(
			lambda: rest("PUT", path, '{"weight": NaN, "title": "changed"}'), InvalidNumberError, "Weight"
		)
		self.assertRefused(
			lambda: rest(
				"POST",
				"/api/method/frappe.client.set_value",
				form={"doctype": TASK, "name": self.task.name, "fieldname": "weight", "value": "inf"},
			),
			InvalidNumberError,
			"Weight",
		)
		self.assertEqual(frappe.db.get_value(TASK, self.task.name, ["weight", "title"]), (1, self.task.title))

	def test_child_row_number(self):
		body = json.dumps(
			self.session_body(audiences=[{"audience_group": "Cadres", "expected": "abc", "attended": 3}])
		)
		message = self.assertRefused(
			lambda: rest("POST", f"/api/resource/{SESSION}", body),
			InvalidNumberError,
			"Expected",
			doctype=SESSION,
		)
		self.assertIn("Audiences", message)
		self.assertIn("row 1", message)

	# ---------------------------------------------------------------------------------------------
	# tables

	def test_table_not_a_list(self):
		path = f"/api/resource/{TASK}"
		for table in ('"abc"', "5", '{"percent": 10}', '["abc"]', "[[1, 2]]"):
			body = json.dumps(self.task_body()).replace("}", f', "updates": {table}}}')
			with self.subTest(table=table):
				self.assertRefused(lambda: rest("POST", path, body), InvalidTableError, "Progress Updates")
		docs = json.dumps([{"doctype": TASK, **self.task_body(updates="abc")}])
		self.assertRefused(
			lambda: rest("POST", "/api/method/frappe.client.insert_many", form={"docs": docs}),
			InvalidTableError,
			"Progress Updates",
		)

	def test_body_and_values_of_the_wrong_shape(self):
		path = f"/api/resource/{TASK}"
		self.assertRefused(lambda: rest("POST", path, "[1, 2]"), InvalidInputError, TASK)
		for values, label in (({"weight": [1]}, "Weight"), ({"title": {"a": 1}}, "Title")):
			body = json.dumps(self.task_body(**values))
			with self.subTest(values=values):
				self.assertRefused(lambda body=body: rest("POST", path, body), InvalidInputError, label)

	# ---------------------------------------------------------------------------------------------
	# dates

	def test_dates_out_of_window(self):
		path = f"/api/resource/{SESSION}"
		for day in ("9999-12-31", "1899-01-01", add_days(today(), 365 * 11)):
			body = json.dumps(self.session_body(session_date=day))
			with self.subTest(day=day):
				self.assertRefused(
					lambda body=body: rest("POST", path, body),
					DateOutOfRangeError,
					"Session Date",
					doctype=SESSION,
				)
		for day in ("abc", "0000-00-00", "99999-01-01", "2026-02-30"):
			body = json.dumps(self.session_body(session_date=day))
			with self.subTest(day=day):
				self.assertRefused(
					lambda body=body: rest("POST", path, body),
					InvalidDateError,
					"Session Date",
					doctype=SESSION,
				)

	# ---------------------------------------------------------------------------------------------
	# text

	def test_control_and_bidi_characters_stripped(self):
		title = "Ki\u0000ểm tra\u202e ngược\u2066 chiều\u0085"
		with as_user(self.head):
			doc = rest("POST", f"/api/resource/{TASK}", json.dumps(self.task_body(title=title)))
		self.assertEqual(frappe.db.get_value(TASK, doc["data"]["name"], "title"), "Kiểm tra ngược chiều")
		with as_user(self.head):
			doc = frappe.get_doc(
				{
					"doctype": TASK,
					**self.task_body(title="Dòng một\r\nDòng hai", expected_output="Một\r\n\tHai\u0000"),
				}
			).insert()
		self.assertEqual(doc.title, "Dòng một Dòng hai")  # single line
		self.assertEqual(doc.expected_output, "Một\r\n\tHai")  # multi-line keeps its breaks

	def test_nfd_stored_as_nfc_and_found(self):
		nfd = unicodedata.normalize("NFD", NFC_TITLE)
		self.assertNotEqual(nfd, NFC_TITLE)
		with as_user(self.head):
			name = rest("POST", f"/api/resource/{TASK}", json.dumps(self.task_body(title=nfd)))["data"][
				"name"
			]
			self.assertEqual(frappe.db.get_value(TASK, name, "title"), NFC_TITLE)
			found = frappe.get_list(TASK, filters={"title": ["like", f"%{NFC_TITLE}%"]}, pluck="name")
		self.assertIn(name, found)

	def test_clean_text(self):
		self.assertEqual(clean_text("a\u202ab\u202cc\u2069"), "abc")
		self.assertEqual(clean_text("a\tb\nc"), "a b c")
		self.assertEqual(clean_text("a\tb\nc\x07", multiline=True), "a\tb\nc")
		self.assertEqual(clean_text(unicodedata.normalize("NFD", "Đảng ủy")), "Đảng ủy")

	# ---------------------------------------------------------------------------------------------
	# mandatory scope field: "missing field", not "not permitted"

	def test_missing_organization_unit(self):
		body = self.session_body()
		del body["organization_unit"]
		self.assertRefused(
			lambda: rest("POST", f"/api/resource/{SESSION}", json.dumps(body)),
			MissingValueError,
			"Organization Unit",
			doctype=SESSION,
		)
		doc = {"doctype": TASK, "title": "No unit"}
		self.assertRefused(
			lambda: rest("POST", "/api/method/frappe.client.insert", form={"doc": json.dumps(doc)}),
			MissingValueError,
			"Organization Unit",
		)

	# ---------------------------------------------------------------------------------------------
	# list filters

	def test_numeric_filters(self):
		for filters in (
			'[["weight", "=", "NaN"]]',
			'[["weight", ">", "inf"]]',
			'[["Assigned Task", "weight", ">", 1e309]]',
			'{"weight": NaN}',
			'{"percent_complete": [">=", "abc"]}',
			'[["weight", "in", ["1", "NaN"]]]',
		):
			with self.subTest(filters=filters):
				self.assertRefused(
					lambda filters=filters: rest("GET", f"/api/resource/{TASK}", query={"filters": filters}),
					InvalidFilterError,
					"Weight" if "weight" in filters else "Percent Complete",
				)
		self.assertRefused(
			lambda: rest(
				"POST",
				"/api/method/frappe.client.get_list",
				form={"doctype": TASK, "filters": '[["weight", "=", "NaN"]]'},
			),
			InvalidFilterError,
			"Weight",
		)
		self.assertRefused(
			lambda: rest(
				"POST",
				"/api/method/frappe.desk.reportview.get",
				form={
					"doctype": TASK,
					"fields": '["name"]',
					"filters": '[["Assigned Task", "weight", "=", "nan"]]',
				},
			),
			InvalidFilterError,
			"Weight",
		)
		self.assertRefused(
			lambda: rest("GET", f"/api/resource/{TASK}", query={"filters": "[["}),
			InvalidInputError,
			"Filters",
		)
		with as_user(self.head):
			ok = rest("GET", f"/api/resource/{TASK}", query={"filters": '[["weight", ">=", "0.5"]]'})
			self.assertTrue(ok)
			# a record's name, as the desk's frappe.db.get_value sends it (issue 25: a violation form
			# filled nothing in from its category or inspection)
			value = rest(
				"GET",
				"/api/method/frappe.client.get_value",
				query={"doctype": TASK, "filters": self.task.name, "fieldname": '["weight"]'},
			)
			self.assertIn("weight", value["message"])

	# ---------------------------------------------------------------------------------------------
	# Script Reports and whitelisted methods

	def test_report_filters(self):
		cases = (
			(overdue_tasks.execute, {"as_of_date": "9999-12-31"}, "As of Date"),
			(overdue_tasks.execute, {"as_of_date": "abc"}, "As of Date"),
			(violations_by_category_and_unit.execute, {"from_date": "99999-01-01"}, "From Date"),
			(violations_by_category_and_unit.execute, {"organization_unit": ["a", "b"]}, "Organization Unit"),
			(annual_classification_proposal.execute, {"year": "1e309"}, "Year"),
			(annual_classification_proposal.execute, {"year": "NaN"}, "Year"),
			(annual_classification_proposal.execute, {"year": "99999"}, "Year"),
		)
		for execute, filters, label in cases:
			with self.subTest(filters=filters):
				self.assertRefused(
					lambda execute=execute, filters=filters: execute(filters), InvalidFilterError, label
				)
		with as_user(self.head):
			self.assertTrue(overdue_tasks.execute({"as_of_date": today()}))

	def test_make_sub_task_unknown_source(self):
		from soson_discipline.campaign.sub_tasks import make_sub_task

		self.assertRefused(lambda: make_sub_task("NV-0000-00000"), frappe.DoesNotExistError, TASK)
		self.assertRefused(lambda: make_sub_task(""), frappe.DoesNotExistError, TASK)

	def test_check_request_ignores_other_doctypes(self):
		"""Frappe's own DocTypes are left to Frappe (cheap path)."""
		with as_user(self.head):
			self.assertIsNone(
				request_check.check_resource_request("POST", "ToDo", None),
			)
		self.assertFalse(is_app_doctype("ToDo"))
		self.assertTrue(is_app_doctype(TASK))


class TestBadScores(FrappeTestCase):
	"""A self-score typed as text by the cadre himself."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = build_world(EVALUATION_WORLD)
		make_policy()
		cls.period = make_period("2042-06-01", "2042-06-30")
		generate_evaluations(cls.period)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_self_score_text(self):
		name = get_evaluation(self.period, self.o.cadre["a1"]).name
		for value, exc in (
			("abc", InvalidNumberError),
			("NaN", InvalidNumberError),
			("-5", NumberOutOfRangeError),
		):
			with self.subTest(value=value), as_user(self.o.user["a1"]):
				doc = frappe.get_doc("Cadre Evaluation", name)
				manual = next(row for row in doc.scores if row.source == "Manual")
				manual.self_score = value
				with self.assertRaises(exc) as caught:
					doc.save()
				self.assertIn("Self Score", str(caught.exception))
				self.assertIn("Scores", str(caught.exception))
		stored = frappe.get_all(
			"Cadre Evaluation Score", filters={"parent": name, "source": "Manual"}, pluck="self_score"
		)
		self.assertTrue(all(score in (None, 0) for score in stored))


class TestBadViolationRows(FrappeTestCase):
	"""raise_violations refuses malformed rows with a message, not an error 500."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.w = build_world(VIOLATIONS_WORLD)
		cls.inspection = make_inspection(cls.w)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_malformed_rows(self):
		before = frappe.db.count("Violation Record")
		for violations, exc in (
			("not json", InvalidInputError),
			('{"cadre": "x"}', InvalidTableError),
			('["abc"]', InvalidTableError),
			('[{"cadre": ["a"], "violation_category": "x", "description": "y"}]', InvalidTableError),
		):
			with self.subTest(violations=violations), as_user(self.w.inspector1_user):
				doc = frappe.get_doc("Inspection", self.inspection)
				with self.assertRaises(exc) as caught:
					doc.raise_violations(violations)
				self.assertIn("Violations", str(caught.exception))
		self.assertEqual(frappe.db.count("Violation Record"), before)
