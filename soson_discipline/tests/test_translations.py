"""Every user-facing string of the app has a Vietnamese translation.

Reads the app's files as text, the way Frappe's extractors do (DocType, report, workspace, number
card and chart JSON; workflow states and actions; `_()` in Python and Jinja, `__()` in JavaScript),
and looks each string up in the site's Vietnamese translations (Frappe's own and the app's vi.csv).
"""

import csv
import json
import re
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.translate import get_all_translations

APP = Path(__file__).resolve().parents[1]
VI_CSV = APP / "translations" / "vi.csv"

PY_CALL = re.compile(r"""(?<![\w.])_\(\s*(?P<q>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*[,)]""")
JS_CALL = re.compile(r"""__\(\s*(?P<q>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`$]*`)\s*[,)]""")
JINJA_CALL = re.compile(r"""_\(\s*(?P<q>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*\)""")

SKIP_PARTS = {"__pycache__", "node_modules", "public/dist"}


def load_translations() -> dict[str, str]:
	with VI_CSV.open(encoding="utf-8", newline="") as f:
		return {row[0]: row[1] for row in csv.reader(f) if len(row) >= 2 and row[0]}


def unquote(literal: str) -> str:
	body = literal[1:-1]
	return (
		bytes(body, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
		if "\\" in body
		else body
	)


def code_strings() -> dict[str, str]:
	found = {}
	for path in APP.rglob("*"):
		if not path.is_file() or any(part in SKIP_PARTS for part in path.parts):
			continue
		if (
			path.suffix == ".py"
			and "test_" not in path.name
			and "/tests/" not in str(path)
			and "/demo/" not in str(path)
		):
			pattern = PY_CALL
		elif path.suffix == ".js":
			pattern = JS_CALL
		elif path.suffix == ".html":
			pattern = JINJA_CALL
		else:
			continue
		for m in pattern.finditer(path.read_text(encoding="utf-8")):
			found.setdefault(unquote(m.group("q")), str(path.relative_to(APP)))
	return found


def json_strings() -> dict[str, str]:
	found = {}

	def add(text, where):
		if isinstance(text, str) and text.strip() and not text.startswith("eval:"):
			found.setdefault(text.strip(), where)

	# The desk translates a DocType's labels with the DocType as context (`__(label, null, doctype)`),
	# so a "label,translation,DocType" row counts for that DocType.

	for path in APP.rglob("*.json"):
		if "fixtures" in path.parts:
			continue
		try:
			doc = json.loads(path.read_text(encoding="utf-8"))
		except ValueError:
			continue
		if not isinstance(doc, dict):
			continue
		where = str(path.relative_to(APP))
		if doc.get("doctype") == "DocType":
			where = f"{where}|{doc.get('name')}"
		doctype = doc.get("doctype")
		if doctype == "DocType":
			add(doc.get("name"), where)
			for df in doc.get("fields", []):
				add(df.get("label"), where)
				# a field's description is translated without context (`__(description)`)
				add(df.get("description"), where.partition("|")[0])
				if df.get("fieldtype") == "Select":
					for option in (df.get("options") or "").split("\n"):
						add(option, where)
		elif doctype == "Report":
			add(doc.get("name"), where)
		elif doctype == "Workspace":
			add(doc.get("label"), where)
			for key in ("shortcuts", "links", "charts", "number_cards"):
				for row in doc.get(key, []):
					add(row.get("label"), where)
		elif doctype in ("Number Card", "Dashboard Chart"):
			add(doc.get("label") or doc.get("chart_name"), where)
	return found


def workflow_strings() -> dict[str, str]:
	found = {}
	for name in ("workflow_state.json", "workflow_action_master.json"):
		path = APP / "fixtures" / name
		if path.exists():
			for row in json.loads(path.read_text(encoding="utf-8")):
				found.setdefault(row["name"], f"fixtures/{name}")
	return found


class TestTranslations(FrappeTestCase):
	def test_every_user_facing_string_has_a_vietnamese_translation(self):
		frappe.clear_cache()
		translations = get_all_translations("vi")
		wanted = {**json_strings(), **workflow_strings(), **code_strings()}
		missing = sorted(
			f"{where.split('|')[0]}: {text!r}"
			for text, where in wanted.items()
			if text not in translations and f"{text}:{where.partition('|')[2]}" not in translations
		)
		self.assertFalse(
			missing, f"{len(missing)} strings lack a Vietnamese translation:\n" + "\n".join(missing)
		)

	def test_translations_keep_their_placeholders(self):
		bad = [
			f"{source!r} -> {target!r}"
			for source, target in load_translations().items()
			if sorted(re.findall(r"\{\d*\}", source)) != sorted(re.findall(r"\{\d*\}", target))
		]
		self.assertFalse(bad, "placeholders differ:\n" + "\n".join(bad))

	def test_csv_has_no_conflicting_duplicates(self):
		seen, conflicts = {}, []
		with VI_CSV.open(encoding="utf-8", newline="") as f:
			for row in csv.reader(f):
				if len(row) < 2:
					continue
				key = (row[0], row[2] if len(row) > 2 else "")
				if key in seen and seen[key] != row[1]:
					conflicts.append(f"{row[0]!r}: {seen[key]!r} / {row[1]!r}")
				seen[key] = row[1]
		self.assertFalse(conflicts, "\n".join(conflicts))

	def test_core_names_are_vietnamese(self):
		translations = get_all_translations("vi")
		self.assertEqual(translations["Organization Unit"], "Đơn vị")
		self.assertEqual(translations["Cadre Evaluation"], "Phiếu đánh giá cán bộ")

	def test_frappe_strings_users_meet_read_vietnamese(self):
		"""Frappe's own menus, timeline and filters where the app's users meet them (issue 25): the
		app's vi.csv supplies what Frappe leaves in English or in poor Vietnamese (apps later in the
		install order override Frappe's rows)."""
		frappe.clear_cache()
		translations = get_all_translations("vi")
		expected = {
			"Copy to Clipboard": "Sao chép vào bộ nhớ tạm",
			"Remind Me": "Nhắc tôi",
			"Undo": "Hoàn tác",
			"Redo": "Làm lại",
			"Previous Document": "Bản ghi trước",
			"Next Document": "Bản ghi sau",
			"Doc Type": "Loại tài liệu",
			"Dismiss": "Bác bỏ",
			"{0} attached {1}": "{0} đã đính kèm {1}",
			"Permanently Submit {0}?": "Xác nhận chính thức {0}? Sau bước này bản ghi không sửa được nữa.",
		}
		self.assertEqual({k: translations.get(k) for k in expected}, expected)
		# the conclusion's submit button and indicator (its form script and list settings)
		self.assertEqual(translations["Issue"], "Ban hành")
		self.assertEqual(translations["Issued"], "Đã ban hành")
		# an inspection's statuses read the same in its list, its indicator and its Status field
		self.assertEqual(translations["In Progress:Inspection"], "Đang tiến hành")
		self.assertEqual(translations["Completed:Inspection"], "Hoàn thành")
