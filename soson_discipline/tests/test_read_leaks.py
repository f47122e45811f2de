"""Nothing leaks (issue 10): every read path a desk client can take answers within the row scope.

Each test acts as a real user with his roles (never Administrator for the checks) and calls the
endpoints the way a client does: `frappe.handler.execute_cmd`, so that `override_whitelisted_methods`
is exercised. Each checks both the refusal (a record outside the user's scope) and the positive case
(the user still sees his own).
"""

import json
from contextlib import contextmanager

import frappe
import frappe.handler
from frappe.tests.utils import FrappeTestCase

from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.read_scope import get_child_query_conditions, get_parent_doctypes
from soson_discipline.tests.factories import (
	EVALUATION_WORLD,
	VIOLATIONS_WORLD,
	as_user,
	build_world,
	get_evaluation,
	make_inspection,
	make_period,
	make_policy,
	make_record,
)

PERIOD = ("2042-06-01", "2042-06-30")


@contextmanager
def client_request():
	"""A request context for `execute_cmd` (it checks the HTTP method of the request)."""
	had_request = hasattr(frappe.local, "request")
	previous_request = getattr(frappe.local, "request", None)
	previous_form = frappe.local.form_dict
	frappe.local.request = frappe._dict(method="POST")
	try:
		yield
	finally:
		frappe.local.form_dict = previous_form
		if had_request:
			frappe.local.request = previous_request
		else:
			del frappe.local.request


def call(cmd: str, **kwargs):
	"""Call the whitelisted `cmd` as /api/method/<cmd> does (overrides included), as the session user."""
	with client_request():
		frappe.local.form_dict = frappe._dict(kwargs)
		return frappe.handler.execute_cmd(cmd)


class TestEvaluationReadLeaks(FrappeTestCase):
	"""A cadre of board A against the evaluations and cadres of board B (EVALUATION_WORLD)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = build_world(EVALUATION_WORLD)
		make_policy()
		cls.period = make_period(*PERIOD)
		generate_evaluations(cls.period, only_cadres=list(cls.o.cadre.values()))
		cls.own = get_evaluation(cls.period, cls.o.cadre["a1"]).name
		cls.other = get_evaluation(cls.period, cls.o.cadre["b1"]).name

	def tearDown(self):
		frappe.set_user("Administrator")

	# get_count -----------------------------------------------------------------------------------

	def count(self, doctype, filters):
		return call("frappe.client.get_count", doctype=doctype, filters=json.dumps(filters))

	def test_get_count_is_no_oracle_on_hidden_records(self):
		o = self.o
		with as_user(o.user["a1"]):
			# Yes/no questions about a record outside the scope get "no".
			self.assertEqual(self.count("Cadre Evaluation", {"name": self.other}), 0)
			self.assertEqual(self.count("Cadre Evaluation", {"cadre": o.cadre["b1"]}), 0)
			self.assertEqual(self.count("Cadre", {"name": o.cadre["b1"]}), 0)
			# His own record still counts.
			self.assertEqual(self.count("Cadre Evaluation", {"name": self.own}), 1)
			self.assertEqual(self.count("Cadre", {"name": o.cadre["a1"]}), 1)
			self.assertEqual(self.count("Cadre Evaluation", {"evaluation_period": self.period}), 1)
		with as_user(o.user["ratera"]):
			# The rater of board A counts his four cadres and himself, not board B.
			self.assertEqual(self.count("Cadre Evaluation", {"evaluation_period": self.period}), 5)
		with as_user(o.user["admin"]):
			self.assertEqual(
				self.count("Cadre Evaluation", {"evaluation_period": self.period}),
				frappe.db.count("Cadre Evaluation", {"evaluation_period": self.period}),
			)

	def test_get_count_keeps_frappe_behaviour_for_other_doctypes(self):
		with as_user(self.o.user["a1"]):
			self.assertEqual(
				self.count("Role", {"name": "Cadre"}), frappe.db.count("Role", {"name": "Cadre"})
			)

	# search_link / search_widget -----------------------------------------------------------------

	def test_search_link_ignoring_user_permissions_stays_in_scope(self):
		o = self.o
		with as_user(o.user["a1"]):
			results = call(
				"frappe.desk.search.search_link",
				doctype="Cadre",
				txt="CE Chuyên viên",
				ignore_user_permissions=1,
				page_length=50,
			)
		names = {r["value"] for r in results}
		self.assertIn(o.cadre["a1"], names)
		self.assertNotIn(o.cadre["b1"], names)
		self.assertNotIn(o.cadre["a2"], names)

	def test_search_widget_filter_fields_stay_in_scope(self):
		o = self.o
		with as_user(o.user["ratera"]):
			rows = call(
				"frappe.desk.search.search_widget",
				doctype="Cadre",
				txt="CE",
				filter_fields=json.dumps(["organization_unit", "user"]),
				ignore_user_permissions=1,
				as_dict=1,
				page_length=50,
			)
		names = {r["name"] for r in rows}
		# The rater of board A finds himself and the cadres he rates, with the extra columns...
		self.assertTrue({o.cadre[k] for k in ("ratera", "a1", "a2", "a3", "a4")} <= names)
		self.assertTrue(all(r.get("organization_unit") == o.board_a for r in rows))
		# ...and nobody of board B.
		self.assertNotIn(o.cadre["b1"], names)
		self.assertNotIn(o.cadre["raterb"], names)

	# child tables --------------------------------------------------------------------------------

	def test_child_rows_of_a_hidden_parent_are_hidden(self):
		with as_user(self.o.user["a1"]):
			hidden = frappe.get_list(
				"Cadre Evaluation Score",
				parent_doctype="Cadre Evaluation",
				filters={"parent": self.other},
				fields=["*"],
			)
			own = frappe.get_list(
				"Cadre Evaluation Score",
				parent_doctype="Cadre Evaluation",
				filters={"parent": self.own},
				fields=["*"],
			)
			via_client = call(
				"frappe.client.get_list",
				doctype="Cadre Evaluation Score",
				parent="Cadre Evaluation",
				filters=json.dumps({"parent": self.other}),
				fields=json.dumps(["name", "criterion", "rater_score"]),
			)
			own_via_client = call(
				"frappe.client.get_list",
				doctype="Cadre Evaluation Score",
				parent="Cadre Evaluation",
				filters=json.dumps({"parent": self.own}),
				fields=json.dumps(["name", "criterion"]),
			)
		self.assertEqual(hidden, [])
		self.assertEqual(via_client, [])
		self.assertEqual(len(own), 6)
		self.assertEqual({r.parent for r in own}, {self.own})
		self.assertEqual(len(own_via_client), 6)

	def test_child_condition_from_metadata(self):
		self.assertEqual(get_parent_doctypes("Cadre Evaluation Score"), ("Cadre Evaluation",))
		self.assertEqual(get_parent_doctypes("Unit Plan Task"), ("Unit Plan",))
		# The presiding board sees every parent: no condition; a user without a cadre: no row.
		self.assertEqual(get_child_query_conditions(self.o.user["admin"], "Cadre Evaluation Score"), "")
		self.assertIn("`parenttype`", get_child_query_conditions(self.o.user["a1"], "Cadre Evaluation Score"))
		for child in frappe.get_hooks("SCOPED_CHILD_DOCTYPES") or []:
			self.assertTrue(get_parent_doctypes(child), child)

	# list sidebar: "Assigned To" -----------------------------------------------------------------

	def test_group_by_assigned_to_counts_only_visible_records(self):
		o = self.o
		for name, user in ((self.own, o.user["ratera"]), (self.other, o.user["raterb"])):
			frappe.get_doc(
				{
					"doctype": "ToDo",
					"allocated_to": user,
					"reference_type": "Cadre Evaluation",
					"reference_name": name,
					"description": "Read-leak test assignment",
				}
			).insert(ignore_permissions=True)
		filters = json.dumps({"evaluation_period": self.period})
		with as_user(o.user["a1"]):
			counts = call(
				"frappe.desk.listview.get_group_by_count",
				doctype="Cadre Evaluation",
				current_filters=filters,
				field="assigned_to",
			)
		self.assertEqual({r["name"]: r["count"] for r in counts}, {o.user["ratera"]: 1})
		with as_user(o.user["admin"]):
			counts = call(
				"frappe.desk.listview.get_group_by_count",
				doctype="Cadre Evaluation",
				current_filters=filters,
				field="assigned_to",
			)
		self.assertEqual({r["name"]: r["count"] for r in counts}, {o.user["ratera"]: 1, o.user["raterb"]: 1})

	# get_progress --------------------------------------------------------------------------------

	def test_period_progress_counts_only_visible_evaluations(self):
		o = self.o

		def progress(user):
			with as_user(user):
				return frappe.get_doc("Evaluation Period", self.period).get_progress()

		self.assertEqual(sum(progress(o.user["a1"]).values()), 1)
		self.assertEqual(sum(progress(o.user["b1"]).values()), 1)
		self.assertEqual(sum(progress(o.user["ratera"]).values()), 5)
		# The presiding board's figures are those of the whole period.
		everything = frappe.db.count(
			"Cadre Evaluation", {"evaluation_period": self.period, "docstatus": ("<", 2)}
		)
		self.assertEqual(sum(progress(o.user["admin"]).values()), everything)
		self.assertEqual(sum(progress(o.user["sc"]).values()), everything)

	# validate_link / linked_with -----------------------------------------------------------------

	def test_validate_link_does_not_confirm_hidden_records(self):
		o = self.o
		with as_user(o.user["a1"]):
			hidden = call("frappe.client.validate_link", doctype="Cadre Evaluation", docname=self.other)
			missing = call("frappe.client.validate_link", doctype="Cadre Evaluation", docname="CE-NO-SUCH")
			hidden_cadre = call(
				"frappe.client.validate_link",
				doctype="Cadre",
				docname=o.cadre["b1"],
				fields=json.dumps(["full_name"]),
			)
			own = call("frappe.client.validate_link", doctype="Cadre Evaluation", docname=self.own)
			own_cadre = call(
				"frappe.client.validate_link",
				doctype="Cadre",
				docname=o.cadre["a1"],
				fields=json.dumps(["full_name"]),
			)
		self.assertIsNone(hidden.get("name"))
		self.assertEqual(dict(hidden), dict(missing))
		self.assertIsNone(hidden_cadre.get("name"))
		self.assertNotIn("full_name", hidden_cadre)
		self.assertEqual(own.name, self.own)
		self.assertEqual(own_cadre.name, o.cadre["a1"])
		self.assertEqual(own_cadre.full_name, "CE Chuyên viên A1")

	def test_linked_with_does_not_confirm_hidden_records(self):
		o = self.o
		with as_user(o.user["a1"]):
			self.assertRaises(
				frappe.PermissionError,
				call,
				"frappe.desk.form.linked_with.get",
				doctype="Cadre",
				docname=o.cadre["b1"],
			)
			# A missing record is answered the same way.
			self.assertRaises(
				frappe.PermissionError,
				call,
				"frappe.desk.form.linked_with.get",
				doctype="Cadre",
				docname="NO-SUCH-CADRE",
			)
			own = call("frappe.desk.form.linked_with.get", doctype="Cadre", docname=o.cadre["a1"])
			board = call("frappe.desk.form.linked_with.get", doctype="Organization Unit", docname=o.board_a)
		self.assertEqual([r.name for r in own.get("Cadre Evaluation", [])], [self.own])
		# Board A's cadres: only his own record is listed, not his colleagues'.
		self.assertEqual([r.name for r in board.get("Cadre", [])], [o.cadre["a1"]])

	def test_submitted_linked_docs_refuse_hidden_records(self):
		from soson_discipline.endpoints import get_submitted_linked_docs

		with as_user(self.o.user["a1"]):
			self.assertRaises(
				frappe.PermissionError, get_submitted_linked_docs, "Cadre Evaluation", self.other
			)
			self.assertEqual(get_submitted_linked_docs("Cadre Evaluation", self.own)["count"], 0)


class TestViolationReadLeaks(FrappeTestCase):
	"""A reported (not yet verified) violation record, its private evidence file and the inspection it
	was found by (VIOLATIONS_WORLD): hidden from the unit heads until verified."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.w = build_world(VIOLATIONS_WORLD)
		cls.record = make_record(cls.w).name
		cls.file = (
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "read-leak-evidence.txt",
					"content": "Biên bản ghi nhận vi phạm (kiểm thử)",
					"is_private": 1,
					"attached_to_doctype": "Violation Record",
					"attached_to_name": cls.record,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)

	def tearDown(self):
		frappe.set_user("Administrator")

	def listed(self, user) -> list[str]:
		with as_user(user):
			return call(
				"frappe.client.get_list",
				doctype="File",
				filters=json.dumps({"attached_to_name": self.record}),
				fields=json.dumps(["name"]),
			)

	def can_open(self, user) -> bool:
		with as_user(user):
			return bool(frappe.get_doc("File", self.file).has_permission("read"))

	def test_evidence_file_of_a_hidden_record_is_neither_listed_nor_opened(self):
		w = self.w
		for user in (w.head_a_user, w.head_b_user, w.peer_user):
			self.assertEqual(self.listed(user), [], user)
			self.assertFalse(self.can_open(user), user)
		with as_user(w.head_b_user):
			self.assertRaises(
				frappe.PermissionError,
				call,
				"frappe.client.get",
				doctype="File",
				name=self.file,
			)

	def test_evidence_file_of_a_visible_record_is_still_listed_and_opened(self):
		w = self.w
		self.assertEqual([r.name for r in self.listed(w.inspector1_user)], [self.file])
		self.assertTrue(self.can_open(w.inspector1_user))
		# The cadre the record is about may read it, and so its evidence.
		self.assertTrue(self.can_open(w.cadre_user))

	def test_other_files_follow_frappe_rules(self):
		with as_user(self.w.peer_user):
			mine = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "read-leak-own-note.txt",
					"content": "Ghi chú riêng",
					"is_private": 1,
				}
			).insert()
			self.assertTrue(mine.has_permission("read"))
			names = [r.name for r in frappe.get_list("File", filters={"name": mine.name})]
		self.assertEqual(names, [mine.name])

	def test_connection_counts_only_visible_records(self):
		from soson_discipline.endpoints import get_open_count

		w = self.w
		inspection = make_inspection(w)
		make_record(w, inspection=inspection)

		def counted(user):
			with as_user(user):
				out = get_open_count("Inspection", inspection)
			found = {e["doctype"]: e["count"] for e in out["count"]["external_links_found"]}
			return found["Violation Record"]

		# Commune A's head sees the inspection of his commune, not the unverified record it found.
		self.assertEqual(counted(w.head_a_user), 0)
		self.assertEqual(counted(w.inspector1_user), 1)
