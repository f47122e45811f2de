"""An office moves in: Data Import of its records with Vietnamese headings, the reorganisation of an
ended unit, a demo site ready for desk users, and official headers per unit kind."""

import csv
import io
import re
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

import frappe
from frappe import _
from frappe.core.doctype.data_import.data_import import start_import
from frappe.core.doctype.data_import.exporter import Exporter
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from soson_discipline.demo import site as demo_site
from soson_discipline.org_changes import (
	ReorganisationError,
	preview_reorganisation,
	reorganise_unit,
)
from soson_discipline.setup.data_import import (
	IMPORTABLE_DOCTYPES,
	grant_import_rights,
)
from soson_discipline.tests.factories import as_user, build_world, raw_insert
from soson_discipline.utils.print_helpers import official_header

SAMPLES = Path(frappe.get_app_path("soson_discipline", "setup", "import_samples"))
HOOK = "soson_discipline.setup.data_import.map_translated_columns"

# ---------------------------------------------------------------------------------------------------
# Worlds of this module (names start with "_MI" to stay apart from demo and sample data)

IMPORT_WORLD = {
	"email": "_mi.{}@example.com",
	"users": {"importer": ["Discipline Administrator"]},
}

PARTY_BOARD = {"unit_kind": "Party Board"}
ENDED = {"valid_from": "2000-01-01", "valid_to": "2025-06-30"}
SINCE_JULY = {"valid_from": "2025-07-01"}
REORG_WORLD = {
	"email": "_mi.reorg.{}@example.com",
	"units": {
		"root": ("_MI Thành ủy", "MITU", None, {"valid_from": "2000-01-01"}),
		"old": ("_MI Đảng ủy xã Cũ", "MIC", "root", ENDED),
		"new": ("_MI Đảng ủy xã Mới", "MIM", "root", SINCE_JULY),
		"other": ("_MI Đảng ủy xã Khác", "MIK", "root", SINCE_JULY),
	},
	"people": {
		"admin": ("_MI Quản trị", "root", ["Discipline Administrator", "Cadre"]),
		"head_new": ("_MI Bí thư xã Mới", "new", ["Unit Head", "Rater", "Cadre"], {"heads": "new"}),
		"old_head": ("_MI Bí thư xã Cũ", "old", ["Unit Head", "Cadre"], {"heads": "old"}),
		"old_one": ("_MI Chuyên viên Một", "old", ["Cadre"]),
		"old_two": ("_MI Chuyên viên Hai", "old", ["Cadre"]),
		"old_left": (
			"_MI Chuyên viên Đã Nghỉ",
			"old",
			["Cadre"],
			{"status": "Left", "date_left": "2025-03-31"},
		),
	},
}

HEADER_WORLD = {
	"email": "_mi.print.{}@example.com",
	"units": {
		"city": ("_MI Thành ủy Hà Nội", "MIHN", None, {"official_name": "Thành ủy Hà Nội"}),
		"commune": (
			"_MI Đảng ủy xã Sóc Sơn",
			"MIĐU",
			"city",
			{"official_name": "Đảng ủy xã Sóc Sơn", "level_label": "Xã", "place_name": "Sóc Sơn"},
		),
		"board": (
			"_MI Ban Xây dựng Đảng xã Sóc Sơn",
			"MIXD",
			"commune",
			{**PARTY_BOARD, "official_name": "Ban Xây dựng Đảng", "place_name": "Sóc Sơn"},
		),
		"people_committee": (
			"_MI UBND xã Sóc Sơn",
			"MIUB",
			"commune",
			{
				"unit_kind": "People's Committee",
				"official_name": "Ủy ban nhân dân xã Sóc Sơn",
				"place_name": "Sóc Sơn",
			},
		),
		"office": (
			"_MI Văn phòng UBND xã Sóc Sơn",
			"MIVP",
			"people_committee",
			{"unit_kind": "Specialised Department", "official_name": "Văn phòng HĐND và UBND"},
		),
		"overridden": (
			"_MI Đảng ủy Khối",
			"MIDK",
			"city",
			{"official_name": "Đảng ủy Khối các cơ quan", "superior_line": "Đảng bộ Thành phố Hà Nội (khối)"},
		),
	},
	"people": {"admin": ("_MI In Ấn", "city", ["Discipline Administrator", "Cadre"])},
}


# ---------------------------------------------------------------------------------------------------
# Helpers


@contextmanager
def savepoints_for_commits():
	"""Frappe's importer commits after every row and rolls a failed row back; under a test those
	become savepoints, so the test class's rollback still leaves the site as it was."""
	db = frappe.db
	real_commit, real_rollback = db.commit, db.rollback

	def commit():
		db.savepoint("mi_import_row")

	def rollback(save_point=None, **kwargs):
		real_rollback(save_point=save_point or "mi_import_row")

	db.savepoint("mi_import_row")
	db.commit, db.rollback = commit, rollback
	try:
		yield
	finally:
		db.commit, db.rollback = real_commit, real_rollback


@contextmanager
def language(lang: str):
	previous = frappe.local.lang
	frappe.local.lang = lang
	try:
		yield
	finally:
		frappe.local.lang = previous


def run_import(user: str, doctype: str, content: str, file_name: str, job_lang: str = "en"):
	"""Import `content` (CSV) into `doctype` through Frappe's Data Import as `user`, the way the desk
	does: the record is created in the user's language, the job runs in the site's (`job_lang`) with a
	cold heading cache. Returns the Data Import and its log rows."""
	with as_user(user):
		with language(frappe.translate.get_user_lang(user)):
			file_doc = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": file_name,
					"content": content.encode("utf-8"),
					"is_private": 1,
				}
			).insert()
			data_import = frappe.get_doc(
				{
					"doctype": "Data Import",
					"reference_doctype": doctype,
					"import_type": "Insert New Records",
					"import_file": file_doc.file_url,
				}
			).insert()
		frappe.cache.hdel("data_import_column_header_map", doctype)
		with language(job_lang), savepoints_for_commits():
			start_import(data_import.name)
	data_import.reload()
	logs = frappe.get_all(
		"Data Import Log",
		filters={"data_import": data_import.name},
		fields=["success", "docname", "messages", "exception", "row_indexes"],
		order_by="log_index asc",
	)
	return data_import, logs


def sample_files(doctype: str) -> list[Path]:
	"""The sample files of a DocType, in import order (the unit tree comes one level per file: Frappe
	checks links before it inserts, so a unit's parent must exist before its file is imported)."""
	scrubbed = frappe.scrub(doctype)
	return sorted(SAMPLES.glob(f"{scrubbed}_*.csv")) or [SAMPLES / f"{scrubbed}.csv"]


def payload_count(content: str) -> int:
	"""Rows of a file that start a record (child-table rows continue the record above)."""
	rows = list(csv.reader(io.StringIO(content)))[1:]
	return sum(1 for row in rows if row and row[0].strip())


def header_lines(html: str) -> tuple[str, str]:
	"""The superior line (or "") and the issuing body of a printed official document."""
	superior = re.search(r'<div class="od-superior">(.*?)</div>', html, re.S)
	issuer = re.search(r'<div class="od-issuer">(.*?)</div>', html, re.S)
	return (superior.group(1).strip() if superior else "", issuer.group(1).strip() if issuer else "")


# ---------------------------------------------------------------------------------------------------
# Data Import


class TestDataImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w = build_world(IMPORT_WORLD)
		frappe.db.set_value("User", cls.w.importer_user, "language", "vi")
		grant_import_rights()

	def test_importable_doctypes_and_importer_rights(self):
		for doctype in IMPORTABLE_DOCTYPES:
			self.assertTrue(frappe.get_meta(doctype).allow_import, doctype)
			self.assertTrue(
				frappe.has_permission(doctype, "import", user=self.w.importer_user), f"import {doctype}"
			)
		self.assertTrue(frappe.has_permission("Data Import", "create", user=self.w.importer_user))
		grant_import_rights()  # idempotent
		self.assertEqual(
			frappe.db.count(
				"Custom DocPerm", {"parent": "Data Import", "role": "Discipline Administrator"}
			),
			1,
		)

	def test_templates_have_vietnamese_headings_that_import_back(self):
		for doctype in IMPORTABLE_DOCTYPES:
			meta = frappe.get_meta(doctype)
			with language("vi"):
				fields = {
					doctype: [
						df.fieldname
						for df in meta.fields
						if df.fieldtype not in frappe.model.no_value_fields
						and not df.hidden
						and not df.read_only
						and df.fieldtype not in frappe.model.table_fields
					]
				}
				headings = Exporter(doctype, export_fields=fields, export_data=False).get_csv_array()[0]
			labels = [meta.get_label(f) for f in fields[doctype]]
			untranslated = [label for label, heading in zip(labels, headings, strict=False) if heading == label]
			self.assertEqual(untranslated, [], f"{doctype}: headings without a Vietnamese label")

	def test_hook_maps_columns_for_the_background_job(self):
		hooks = frappe.get_hooks("doc_events").get("Data Import", {}).get("validate", [])
		self.assertIn(HOOK, hooks, f'hooks.py: doc_events["Data Import"]["validate"] = "{HOOK}"')

	def test_sample_files_import_through_data_import(self):
		for doctype in IMPORTABLE_DOCTYPES:
			for path in sample_files(doctype):
				content = path.read_text(encoding="utf-8")
				data_import, logs = run_import(self.w.importer_user, doctype, content, f"_mi_{path.name}")
				failed = [log.messages or log.exception for log in logs if not log.success]
				self.assertEqual(failed, [], path.name)
				self.assertFalse(data_import.template_warnings, path.name)
				self.assertEqual(data_import.status, "Success", path.name)
				self.assertEqual(len(logs), payload_count(content), path.name)
				for log in logs:
					self.assertEqual(frappe.db.get_value(doctype, log.docname, "owner"), self.w.importer_user)

		units = {row.unit_name: row for row in frappe.get_all("Organization Unit", fields=["*"])}
		board = units["Ban Xây dựng Đảng xã Sóc Sơn"]
		self.assertEqual(
			frappe.db.get_value("Organization Unit", board.parent_organization_unit, "unit_name"),
			"Đảng ủy xã Sóc Sơn",
		)
		phu_linh = units["Đảng ủy xã Phù Linh"]
		self.assertEqual(str(phu_linh.valid_to), "2025-06-30")
		self.assertEqual(
			frappe.db.get_value("Organization Unit", phu_linh.successor_unit, "unit_name"), "Đảng ủy xã Sóc Sơn"
		)
		self.assertTrue(board.lft > units["Đảng ủy xã Sóc Sơn"].lft)  # placed in the tree
		self.assertTrue(
			frappe.db.exists("Cadre", {"full_name": "Trần Thị Thu Hương", "position": "Trưởng Ban Xây dựng Đảng"})
		)
		self.assertTrue(frappe.db.exists("Directive", {"document_number": "24-CT/TU"}))
		self.assertEqual(
			frappe.db.get_value("Violation Category", {"code": "SS-03"}, "forces_not_completed"), 1
		)
		task = frappe.get_doc("Assigned Task", {"title": ("like", "Quán triệt Chỉ thị 24-CT/TU%")})
		self.assertEqual(len(task.coordinating_units), 2)
		session = frappe.get_doc("Dissemination Session", {"subject": ("like", "Hội nghị quán triệt%")})
		self.assertEqual([(a.expected, a.attended) for a in session.audiences], [(120, 114), (35, 35)])

	def test_a_bad_row_is_refused_with_the_form_validation(self):
		heading = ["Tên đơn vị", "Chữ viết tắt", "Loại đơn vị", "Hiệu lực từ ngày", "Hiệu lực đến ngày"]
		content = "\n".join(
			",".join(row)
			for row in (
				heading,
				["_MI Đơn vị Đúng", "MIĐ", "Party Committee", "2025-07-01", ""],
				["_MI Đơn vị Sai Ngày", "MIS", "Party Committee", "2025-07-01", "2025-01-01"],
			)
		)
		data_import, logs = run_import(self.w.importer_user, "Organization Unit", content, "_mi_bad.csv")
		self.assertEqual(data_import.status, "Partial Success")
		self.assertEqual([log.success for log in logs], [1, 0])
		self.assertTrue(frappe.db.exists("Organization Unit", "_MI Đơn vị Đúng"))
		self.assertFalse(frappe.db.exists("Organization Unit", "_MI Đơn vị Sai Ngày"))
		# the user reads why, in his or her language, as the form would say it
		message = " ".join(
			f"{m.get('title', '')} {m.get('message', '')}" for m in frappe.parse_json(logs[1].messages)
		)
		self.assertIn(_("Valid To", lang="vi"), message)
		self.assertIn(_("Valid From", lang="vi"), message)
		self.assertIn(_("Invalid Validity Dates", lang="vi"), message)


# ---------------------------------------------------------------------------------------------------
# Reorganisation


class TestReorganisation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		w = cls.w = build_world(REORG_WORLD)
		frappe.db.set_value("Organization Unit", w.old, "successor_unit", w.new)
		task = {"start_date": "2025-05-01", "weight": 1}
		cls.open_task = raw_insert(
			"Assigned Task",
			{**task, "title": "_MI việc còn mở", "organization_unit": w.old, "status": "Open", "due_date": add_days(today(), 60)},
		)
		cls.done_task = raw_insert(
			"Assigned Task",
			{
				**task,
				"title": "_MI việc đã xong",
				"organization_unit": w.old,
				"status": "Completed",
				"due_date": "2025-06-20",
				"completed_on": "2025-06-18",
			},
		)
		plan = {"directive": None, "reporting_frequency": "Monthly", "issuing_unit": w.old}
		cls.draft_plan = raw_insert(
			"Unit Plan",
			{**plan, "document_number": "9-KH/MI", "title": "_MI dự thảo", "issue_date": "2025-07-10",
			 "workflow_state": "Draft", "docstatus": 0},
		)
		cls.issued_plan = raw_insert(
			"Unit Plan",
			{**plan, "document_number": "8-KH/MI", "title": "_MI đang thực hiện", "issue_date": "2025-03-01",
			 "workflow_state": "Issued", "docstatus": 1},
		)
		cls.closed_plan = raw_insert(
			"Unit Plan",
			{**plan, "document_number": "7-KH/MI", "title": "_MI đã kết thúc", "issue_date": "2024-03-01",
			 "workflow_state": "Closed", "docstatus": 1},
		)

	def test_a_preview_lists_the_open_work_and_changes_nothing(self):
		w = self.w
		with as_user(w.admin_user):
			preview = preview_reorganisation(w.old)
		self.assertEqual(preview["successor_unit"], w.new)
		self.assertEqual(preview["counts"], {"Cadre": 3, "Assigned Task": 1, "Unit Plan": 2})
		self.assertEqual(preview["staying"], {"Cadre": 1, "Assigned Task": 1, "Unit Plan": 2})
		moves = {(m["doctype"], m["name"]): m for m in preview["moves"]}
		self.assertEqual(moves[("Unit Plan", self.draft_plan)]["fields"], ["issuing_unit"])
		self.assertEqual(moves[("Unit Plan", self.issued_plan)]["fields"], ["presiding_unit"])
		self.assertNotIn(("Unit Plan", self.closed_plan), moves)
		self.assertNotIn(("Cadre", w.old_left), moves)
		self.assertEqual(frappe.db.get_value("Cadre", w.old_one, "organization_unit"), w.old)

	def test_b_only_presiding_roles_move_work(self):
		w = self.w
		with as_user(w.head_new_user):
			self.assertRaises(frappe.PermissionError, preview_reorganisation, w.old)
			self.assertRaises(frappe.PermissionError, reorganise_unit, w.old)
		with as_user(w.admin_user):
			self.assertRaises(ReorganisationError, reorganise_unit, w.new)  # a unit that has not ended
			self.assertRaises(
				ReorganisationError, reorganise_unit, w.old, {f"Cadre::{w.old_one}": w.old}
			)  # to itself
		self.assertEqual(frappe.db.get_value("Cadre", w.old_one, "organization_unit"), w.old)

	def test_c_move_leaves_history_and_a_second_run_changes_nothing(self):
		w = self.w
		with as_user(w.admin_user):
			result = reorganise_unit(w.old, [{"doctype": "Cadre", "name": w.old_two, "target": w.other}])
		self.assertEqual(result["failed"], [])
		self.assertEqual(result["counts"], {"Cadre": 3, "Assigned Task": 1, "Unit Plan": 2})

		unit_of = lambda cadre: frappe.db.get_value("Cadre", cadre, "organization_unit")  # noqa: E731
		self.assertEqual(unit_of(w.old_head), w.new)
		self.assertEqual(unit_of(w.old_one), w.new)
		self.assertEqual(unit_of(w.old_two), w.other)  # chosen per record
		self.assertEqual(unit_of(w.old_left), w.old)  # history
		self.assertEqual(frappe.db.get_value("Assigned Task", self.open_task, "organization_unit"), w.new)
		self.assertEqual(frappe.db.get_value("Assigned Task", self.done_task, "organization_unit"), w.old)
		self.assertEqual(frappe.db.get_value("Unit Plan", self.draft_plan, "issuing_unit"), w.new)
		issued = frappe.db.get_value(
			"Unit Plan", self.issued_plan, ["issuing_unit", "presiding_unit"], as_dict=True
		)
		self.assertEqual((issued.issuing_unit, issued.presiding_unit), (w.old, w.new))
		self.assertEqual(
			frappe.db.get_value("Unit Plan", self.closed_plan, ["issuing_unit", "presiding_unit"]),
			(w.old, None),
		)
		self.assertEqual(frappe.db.get_value("Organization Unit", w.old, "head_cadre"), w.old_head)

		def comments(unit):
			return frappe.get_all(
				"Comment",
				filters={"reference_doctype": "Organization Unit", "reference_name": unit},
				pluck="content",
			)

		self.assertEqual(len(comments(w.old)), 1)
		self.assertIn(w.old_one, comments(w.old)[0])
		self.assertEqual(len(comments(w.new)), 1)
		self.assertEqual(len(comments(w.other)), 1)
		self.assertTrue(
			frappe.db.exists(
				"Comment", {"reference_doctype": "Cadre", "reference_name": w.old_one, "comment_type": "Info"}
			)
		)

		with as_user(w.admin_user):
			again = reorganise_unit(w.old)
		self.assertEqual((again["moved"], again["failed"]), ([], []))
		self.assertEqual(len(comments(w.old)), 1)


# ---------------------------------------------------------------------------------------------------
# Demo site


class TestDemoSiteSetup(FrappeTestCase):
	"""The test site's own setup is left as it is: Frappe's wizard is stood in for."""

	def test_completing_the_setup_is_idempotent(self):
		calls = []

		def wizard(args):
			calls.append(args)
			frappe.db.set_single_value("System Settings", "setup_complete", 1)

		frappe.db.set_single_value("System Settings", "setup_complete", 0)
		with patch("frappe.desk.page.setup_wizard.setup_wizard.setup_complete", wizard):
			self.assertTrue(demo_site.complete_site_setup())
			self.assertFalse(demo_site.complete_site_setup())
		self.assertTrue(demo_site.is_setup_complete())
		self.assertEqual(len(calls), 1)
		self.assertEqual(
			{k: calls[0][k] for k in ("country", "timezone", "currency")},
			{"country": "Vietnam", "timezone": "Asia/Ho_Chi_Minh", "currency": "VND"},
		)
		self.assertEqual(frappe.db.get_value("Language", {"language_name": calls[0]["language"]}), "vi")
		self.assertEqual(frappe.db.get_value("Country", "Vietnam", "date_format"), "dd-mm-yyyy")
		# the calendar's week starts on Monday, as in Vietnam
		self.assertEqual(frappe.db.get_single_value("System Settings", "first_day_of_the_week"), "Monday")
		self.assertEqual(frappe.defaults.get_defaults().get("first_day_of_the_week"), "Monday")

	def test_only_administrator_completes_it(self):
		w = build_world(IMPORT_WORLD)
		frappe.db.set_single_value("System Settings", "setup_complete", 0)
		with as_user(w.importer_user):
			self.assertRaises(frappe.ValidationError, demo_site.complete_site_setup)


# ---------------------------------------------------------------------------------------------------
# Official headers


class TestOfficialHeaders(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w = build_world(HEADER_WORLD)

	def print_plan(self, unit: str, number: str) -> str:
		plan = raw_insert(
			"Unit Plan",
			{
				"document_number": number,
				"issuing_unit": unit,
				"issue_date": "2025-09-15",
				"title": "Thực hiện Chỉ thị 24-CT/TU",
				"reporting_frequency": "Monthly",
				"workflow_state": "Draft",
			},
		)
		with as_user(self.w.admin_user), language("vi"):
			return frappe.get_print("Unit Plan", plan, "Unit Plan")

	def test_party_committee_prints_the_party_organisation_above_it(self):
		html = self.print_plan(self.w.commune, "1-KH/MIĐU")
		self.assertEqual(header_lines(html), ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG ỦY XÃ SÓC SƠN"))
		self.assertIn("ĐẢNG CỘNG SẢN VIỆT NAM", html)

	def test_board_prints_its_committee_above_it(self):
		html = self.print_plan(self.w.board, "2-KH/MIXD")
		self.assertEqual(header_lines(html), ("ĐẢNG ỦY XÃ SÓC SƠN", "BAN XÂY DỰNG ĐẢNG"))

	def test_people_committee_prints_no_party_line(self):
		html = self.print_plan(self.w.people_committee, "3-KH/MIUB")
		self.assertEqual(header_lines(html), ("", "ỦY BAN NHÂN DÂN XÃ SÓC SƠN"))
		self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", html)
		self.assertNotIn("ĐẢNG ỦY XÃ SÓC SƠN", html)
		self.assertNotIn("ĐẢNG CỘNG SẢN VIỆT NAM", html)

	def test_state_office_and_override(self):
		self.assertEqual(
			official_header(self.w.office).superior, "ỦY BAN NHÂN DÂN XÃ SÓC SƠN"
		)  # the People's Committee it belongs to
		self.assertEqual(official_header(self.w.city).superior, "")
		self.assertEqual(official_header(self.w.overridden).superior, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI (KHỐI)")
