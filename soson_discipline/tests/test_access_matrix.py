"""The permission matrix, generated from `permissions.SCOPES`.

For every role of the app, every scoped DocType (and its child tables and attached files), a record
of the user's own commune and a record of another commune, the matrix drives every read path a
client reaches — list, open, count, search, report view, group-by count, child rows, print, attached
files, link validation, linked documents — and every write path — REST save, `frappe.client.save`,
`set_value`, `insert`, `submit`, `cancel` and the workflow actions — through Frappe's request handler
(`frappe.handler.execute_cmd`, so `override_whitelisted_methods` and whitelisting apply).

The rule every path must agree with is the one definition of the row scope,
`permissions.has_permission`; and that rule must hide another commune's records from everybody but
the presiding roles (and the roles a DocType lets see all).
"""

import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from soson_discipline import permissions
from soson_discipline.tests.factories import as_user, build_world, raw_insert

MATRIX_WORLD = {
	"email": "mx.{}@matrix.test",
	"units": {
		"city": ("MX Thành ủy Thử nghiệm", "TU", None),
		"commune_a": ("MX Đảng ủy xã A", "ĐU", "city"),
		"commune_b": ("MX Đảng ủy xã B", "ĐU", "city"),
	},
	"people": {
		"admin": ("MX Quản trị", "city", ["Discipline Administrator", "Cadre"]),
		"standing": ("MX Thường vụ", "city", ["Standing Committee", "Cadre"]),
		"inspector": ("MX Kiểm tra viên", "city", ["Inspector", "Cadre"]),
		"head_a": ("MX Bí thư A", "commune_a", ["Unit Head", "Cadre"], {"heads": "commune_a"}),
		"rater_a": ("MX Trưởng ban A", "commune_a", ["Rater", "Cadre"], {"rater": "head_a"}),
		"cadre_a": ("MX Chuyên viên A", "commune_a", ["Cadre"], {"rater": "rater_a"}),
		"head_b": ("MX Bí thư B", "commune_b", ["Unit Head", "Cadre"], {"heads": "commune_b"}),
		"cadre_b": ("MX Chuyên viên B", "commune_b", ["Cadre"], {"rater": "head_b"}),
	},
}
ACTORS = ("standing", "inspector", "head_a", "rater_a", "cadre_a")


def record_values(w, side: str) -> dict[str, tuple[dict, dict]]:
	"""(values, child rows) of one record of each scoped DocType in commune `side` ("a" or "b")."""
	unit, cadre, head = w[f"commune_{side}"], w.cadres[f"cadre_{side}"], w.cadres[f"head_{side}"]
	day = getdate(add_days(today(), -3))
	return {
		"Unit Plan": (
			{
				"document_number": f"MX-{side}/KH",
				"issuing_unit": unit,
				"issue_date": day,
				"title": f"MX plan {side}",
				"reporting_frequency": "Monthly",
				"docstatus": 1,
				"workflow_state": "Issued",
			},
			{"tasks": [{"task_group": "I", "description": f"MX row {side}", "lead_unit": unit, "due_date": day}]},
		),
		"Assigned Task": (
			{
				"title": f"MX task {side}",
				"organization_unit": unit,
				"assignee": cadre,
				"assigned_by": head,
				"start_date": day,
				"due_date": add_days(day, 10),
				"status": "Open",
				"weight": 1,
			},
			{
				"updates": [{"update_date": day, "note": f"MX update {side}", "percent": 10}],
				"history": [{"event_date": day, "event": "Deadline Changed", "due_date": day, "is_delay": 1}],
			},
		),
		# its task is the Assigned Task above (set when the records are inserted)
		"Task Extension Request": (
			{
				"task_title": f"MX task {side}",
				"organization_unit": unit,
				"assignee": cadre,
				"assigned_by": head,
				"assignee_user": w.users[f"cadre_{side}"],
				"requested_by": cadre,
				"requested_by_user": w.users[f"cadre_{side}"],
				"current_due_date": add_days(day, 10),
				"requested_due_date": add_days(day, 20),
				"request_date": day,
				"reason": f"MX extension {side}",
				"workflow_state": "Requested",
			},
			{},
		),
		"Cadre Leave": (
			{
				"cadre": cadre,
				"organization_unit": unit,
				"leave_type": "Sick Leave",
				"from_date": day,
				"to_date": add_days(day, 2),
				"days": 3,
				"docstatus": 1,
			},
			{},
		),
		"Dissemination Session": (
			{"subject": f"MX session {side}", "organization_unit": unit, "session_date": day, "form": "Conference"},
			{"audiences": [{"audience_group": "Cadres", "expected": 10, "attended": 9}]},
		),
		"Cadre Evaluation": (
			{
				"cadre": cadre,
				"organization_unit": unit,
				"rater": head,
				"workflow_state": "Draft",
				"evaluation_key": f"MX:{side}",
			},
			{"scores": [{"criterion": "Ethics", "max_points": 10, "self_score": 9, "source": "Manual"}]},
		),
		"Cadre Classification": (
			{
				"cadre": cadre,
				"organization_unit": unit,
				"classification_type": "Year",
				"year": 2026,
				"quarter": "",
				"workflow_state": "Draft",
			},
			{"periods": [{"total_score": 80, "final_level": "HTTNV"}]},
		),
		"Inspection": (
			{
				"title": f"MX inspection {side}",
				"inspection_type": "Inspection",
				"inspecting_unit": unit,
				"inspection_date": day,
				"status": "Completed",
			},
			{"target_units": [{"organization_unit": unit}], "team_members": [{"cadre": head, "team_role": "Head"}]},
		),
		"Violation Record": (
			{
				"cadre": cadre,
				"organization_unit": unit,
				"workflow_state": "Verified",
				"docstatus": 1,
				"detected_on": day,
				"detection_source": "Inspection",
				"description": f"MX violation {side}",
			},
			{"evidence": [{"description": f"MX evidence {side}", "attachment": "/private/files/mx.txt"}]},
		),
		"Periodic Report": (
			{
				"title": f"MX report {side}",
				"organization_unit": unit,
				"covered_unit": unit,
				"report_to_unit": w.city,
				"period_start": day,
				"period_end": day,
				"frequency": "Monthly",
				"workflow_state": "Draft",
			},
			{"task_figures": [{"organization_unit": unit, "tasks_total": 1}]},
		),
		"Consultation Request": (
			{
				"subject": f"MX consultation {side}",
				"organization_unit": unit,
				"consulted_unit": unit,
				"requested_by": head,
				"request_date": day,
				"due_date": add_days(day, 10),
				"question": f"MX question {side}",
				"status": "Open",
			},
			{},
		),
		"Urging": (
			{
				"title": f"MX urging {side}",
				"issuing_unit": unit,
				"urging_date": day,
				"content": f"MX urging content {side}",
				"docstatus": 1,
			},
			{"targets": [{"organization_unit": unit}]},
		),
		"Standing Committee Conclusion": (
			{
				"title": f"MX conclusion {side}",
				"document_kind": "Conclusion Notice",
				"issuing_unit": unit,
				"conclusion_date": day,
				"docstatus": 1,
			},
			{"points": [{"content": f"MX point {side}", "owner_unit": unit, "due_date": add_days(day, 10)}]},
		),
		# the commune's own classification for last year, proposed
		"Unit Classification": (
			{
				"organization_unit": unit,
				"year": getdate(day).year - 1,
				"total_score": 80,
				"proposed_level": "B",
				"final_level": "B",
			},
			{},
		),
		# the cadre acts for the head of the commune for three days
		"Acting Assignment": (
			{
				"organization_unit": unit,
				"post": "Unit Head",
				"for_cadre": head,
				"acting_cadre": cadre,
				"reason": "Leave",
				"from_date": day,
				"to_date": add_days(day, 2),
				"docstatus": 1,
			},
			{},
		),
		# about the cadre: hidden from him or her, as from anyone the warning is about
		"Discipline Warning": (
			{
				"warning_type": "Repeatedly Not Completed",
				"cadre": cadre,
				"organization_unit": unit,
				"period_from": day,
				"period_to": day,
				"raised_on": day,
				"status": "New",
				"still_holds": 1,
				"warning_key": f"MX:{side}",
				"open_key": f"MX:{side}",
			},
			{"figures": [{"month": day, "measure": "Rated Level", "reference": "KHTNV"}]},
		),
		# announced: the unit's members read it (levels only)
		"Result Announcement": (
			{
				"organization_unit": unit,
				"kind": "Year",
				"year": 2030,
				"period_start": getdate("2030-01-01"),
				"period_end": getdate("2030-12-31"),
				"announced_on": day,
				"announced_by": head,
				"title": f"MX announcement {side}",
				"announcement_key": f"MX:{side}",
				"docstatus": 1,
			},
			{
				"rows": [
					{"cadre": cadre, "cadre_name": f"MX cadre {side}", "level": "B", "level_label": "Good"}
				]
			},
		),
		# the cadre's open appeal, decided by the heads of the city (the unit above the commune)
		"Evaluation Appeal": (
			{
				"cadre": cadre,
				"organization_unit": unit,
				"deciding_body": "Heads of the Unit Above",
				"deciding_unit": w.city,
				"period_label": f"MX period {side}",
				"approved_level": "B",
				"reasons": f"MX appeal {side}",
				"status": "Open",
				"docstatus": 1,
				"appeal_key": f"MX:{side}",
			},
			{},
		),
	}


def filtered_children(doctype: str, children: dict) -> dict:
	"""Keep only the child tables `doctype` really has (field names differ between versions)."""
	meta = frappe.get_meta(doctype)
	return {f: rows for f, rows in children.items() if meta.get_field(f)}


def call(cmd: str, http_method: str = "GET", **kwargs):
	"""Run a whitelisted method the way `/api/method/<cmd>` does (overrides and whitelisting apply)."""
	frappe.local.request = Request(EnvironBuilder(method=http_method).get_environ())
	frappe.local.form_dict = frappe._dict(
		{k: json.dumps(v, default=str) if isinstance(v, dict | list) else v for k, v in kwargs.items()}
	)
	try:
		return frappe.handler.execute_cmd(cmd)
	finally:
		frappe.local.form_dict = frappe._dict()


REFUSED = (frappe.PermissionError, frappe.DoesNotExistError, frappe.ValidationError)


class TestAccessMatrix(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.w = build_world(MATRIX_WORLD)
		cls.records = {"a": {}, "b": {}}
		for side in ("a", "b"):
			cls.records[side]["Cadre"] = cls.w.cadres[f"cadre_{side}"]
			for doctype, (values, children) in record_values(cls.w, side).items():
				if doctype not in permissions.SCOPES:
					continue
				if doctype == "Cadre Evaluation":
					frappe.db.delete(doctype, {"evaluation_key": values["evaluation_key"]})
				if doctype == "Task Extension Request":
					values["assigned_task"] = cls.records[side]["Assigned Task"]
				cls.records[side][doctype] = raw_insert(doctype, values, filtered_children(doctype, children))
		for side in ("a", "b"):
			for doctype, name in cls.records[side].items():
				if not frappe.db.exists("File", {"attached_to_doctype": doctype, "attached_to_name": name}):
					frappe.get_doc(
						{
							"doctype": "File",
							"file_name": f"mx-{side}-{frappe.scrub(doctype)}.txt",
							"content": b"confidential",
							"attached_to_doctype": doctype,
							"attached_to_name": name,
							"is_private": 1,
						}
					).insert(ignore_permissions=True)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.form_dict = frappe._dict()

	# ----------------------------------------------------------------------------------------------

	def may_read(self, user: str, doctype: str, name: str) -> bool:
		"""The one rule: role permission to read, and the row scope."""
		doc = frappe.get_doc(doctype, name)
		with as_user(user):
			return bool(frappe.has_permission(doctype, "read", user=user)) and permissions.has_permission(
				doc, "read", user
			)

	def test_every_scoped_doctype_is_in_the_matrix(self):
		missing = set(permissions.SCOPES) - set(self.records["b"])
		self.assertFalse(missing, f"add a record of {sorted(missing)} to record_values()")

	def test_the_rule_hides_other_communes_from_all_but_the_presiding(self):
		for doctype in self.records["b"]:
			other = self.records["b"][doctype]
			for actor in ACTORS:
				user = self.w.users[actor]
				expected = permissions.is_presiding(user, doctype)
				with self.subTest(doctype=doctype, actor=actor):
					self.assertEqual(self.may_read(user, doctype, other), expected)
		# Positive control: the head of commune A reads every record of his commune he has a role for.
		for doctype in ("Cadre", "Unit Plan", "Assigned Task", "Dissemination Session", "Cadre Evaluation"):
			self.assertTrue(self.may_read(self.w.users["head_a"], doctype, self.records["a"][doctype]), doctype)

	def test_every_read_path_agrees_with_the_rule(self):
		for doctype in self.records["b"]:
			for side in ("a", "b"):
				name = self.records[side][doctype]
				for actor in ACTORS:
					user = self.w.users[actor]
					allowed = self.may_read(user, doctype, name)
					with self.subTest(doctype=doctype, side=side, actor=actor), as_user(user):
						self.check_read_paths(doctype, name, allowed)

	def check_read_paths(self, doctype: str, name: str, allowed: bool):
		role_read = bool(frappe.has_permission(doctype, "read"))
		filters = {"name": name}
		# list and report view
		if role_read:
			listed = call("frappe.client.get_list", doctype=doctype, filters=filters, fields=["name"])
			self.assertEqual([r["name"] for r in listed], [name] if allowed else [], "get_list")
			view = call("frappe.desk.reportview.get", doctype=doctype, filters=filters, fields=["name"])
			self.assertEqual(len(view.get("values", []) if view else []), 1 if allowed else 0, "report view")
		# count (an oracle on any field when unscoped)
		try:
			count = call("frappe.client.get_count", doctype=doctype, filters=filters)
		except REFUSED:
			count = 0
		self.assertEqual(count, 1 if allowed else 0, "get_count")
		# open
		if allowed:
			self.assertEqual(call("frappe.client.get", doctype=doctype, name=name)["name"], name)
		else:
			self.assertRaises(REFUSED, call, "frappe.client.get", doctype=doctype, name=name)
		# search, even asking to ignore user permissions and for extra fields
		try:
			found = call(
				"frappe.desk.search.search_link",
				doctype=doctype,
				txt=name,
				ignore_user_permissions=1,
				filters=filters,
			)
		except REFUSED:
			found = []
		self.assertEqual([r["value"] for r in found], [name] if allowed else [], "search_link")
		# group-by count on assignments
		if role_read:
			groups = call(
				"frappe.desk.listview.get_group_by_count",
				doctype=doctype,
				current_filters=[[doctype, "name", "=", name]],
				field="owner",
			)
			self.assertEqual(sum(g["count"] for g in groups), 1 if allowed else 0, "group_by_count")
		# link validation must not confirm a hidden record
		try:
			checked = call("frappe.client.validate_link", doctype=doctype, docname=name)
		except REFUSED:
			checked = {}
		self.assertEqual(bool(checked and checked.get("name")), allowed, "validate_link")
		# child rows read directly
		for df in frappe.get_meta(doctype).get_table_fields():
			try:
				rows = call(
					"frappe.client.get_list",
					doctype=df.options,
					parent=doctype,
					filters={"parent": name},
					fields=["name"],
				)
			except REFUSED:
				rows = []
			if not allowed:
				self.assertEqual(rows, [], f"child {df.options}")
			elif role_read and frappe.db.count(df.options, {"parent": name, "parenttype": doctype}):
				self.assertTrue(rows, f"child {df.options}")
		# attached files: listed and opened only with the record
		files = frappe.get_list(
			"File", filters={"attached_to_doctype": doctype, "attached_to_name": name}, pluck="name"
		)
		if not allowed:
			self.assertEqual(files, [], "File list")
			file_name = frappe.db.get_value(
				"File", {"attached_to_doctype": doctype, "attached_to_name": name}, "name"
			)
			self.assertRaises(REFUSED, call, "frappe.client.get", doctype="File", name=file_name)
		# print
		if not allowed:
			self.assertRaises(
				REFUSED, call, "frappe.www.printview.get_html_and_style", doc=doctype, name=name
			)

	def test_no_write_path_reaches_another_commune(self):
		for doctype in self.records["b"]:
			name = self.records["b"][doctype]
			for actor in ACTORS:
				user = self.w.users[actor]
				if permissions.is_presiding(user, doctype):
					continue
				with self.subTest(doctype=doctype, actor=actor), as_user(user):
					self.check_write_paths(doctype, name)
			self.assertEqual(frappe.db.get_value(doctype, name, "modified_by"), "Administrator", doctype)

	def check_write_paths(self, doctype: str, name: str):
		doc = frappe.get_doc(doctype, name)
		title_field = frappe.get_meta(doctype).get_title_field()
		changed = {**doc.as_dict(no_default_fields=False, convert_dates_to_str=True)}
		changed[title_field if title_field != "name" else "remarks"] = "MX overwritten"
		self.assertRaises(REFUSED, call, "frappe.client.save", "POST", doc=changed)
		if title_field != "name":
			self.assertRaises(
				REFUSED, call, "frappe.client.set_value", "POST", doctype=doctype, name=name, fieldname=title_field, value="MX set"
			)
		copy = {k: v for k, v in changed.items() if k not in ("name", "creation", "modified", "owner")}
		copy.update({"docstatus": 0, "workflow_state": None})
		for key in ("evaluation_key", "user"):
			copy.pop(key, None)
		self.assertRaises(REFUSED, call, "frappe.client.insert", "POST", doc=copy)
		if frappe.get_meta(doctype).is_submittable:
			if doc.docstatus == 0:
				self.assertRaises(REFUSED, call, "frappe.client.submit", "POST", doc=changed)
			if doc.docstatus == 1:
				self.assertRaises(REFUSED, call, "frappe.client.cancel", "POST", doctype=doctype, name=name)
		from frappe.model.workflow import get_workflow_name

		if get_workflow_name(doctype):
			self.assertRaises(
				REFUSED,
				call,
				"frappe.model.workflow.apply_workflow",
				"POST",
				doc=changed,
				action="Approve",
			)
		self.assertEqual(frappe.db.count(doctype, {"name": name}), 1)
