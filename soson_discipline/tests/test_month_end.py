"""The month-end rush (issue 27): what many people at once, and a failure in the middle, leave behind.

- **No lost update.** Two forms of one evaluation (a cadre's phone and desk) or of one task (the
  assignee and the assigner) opened at the same time: the second save is told the document changed
  (Frappe's modified check, read under the row's lock), and nothing of the first is lost, child rows
  included; two saves sent at the same moment: one passes, the other is told.
- **Faults survived.** A worker killed (SIGKILL, in a process of its own) in the middle of the monthly
  generation, of Move Open Work or of the year's recount, and a database connection lost in the middle
  of an approval: what was committed is whole, and a rerun completes exactly, with no duplicate and
  nothing missing; the approval is absent and can be taken again.

The quota races are held in `test_texts_scores` (classifications); the logins in `test_desk`.
"""

import json
import os
import signal
import subprocess
import sys
import threading

import frappe
from frappe.desk.form.save import savedocs
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from soson_discipline.evaluation import year_results
from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.org_changes import run_reorganisation
from soson_discipline.states import EVAL_APPROVED, EVAL_RATED
from soson_discipline.tests.factories import (
	act_on_evaluation,
	approve_as,
	as_user,
	build_world,
	committed_world,
	get_evaluation,
	in_thread,
	make_period,
	make_policy,
	make_task,
)

YEAR = 2043
MONTH_END_WORLD = {
	"email": "{}@monthend.test",
	"units": {
		"root": ("ME Đảng ủy (kiểm thử)", "MEDU", None, {"valid_from": "2000-01-01"}),
		"board": ("ME Ban Tổ chức", "MEBT", "root", {"unit_kind": "Party Board", "valid_from": "2000-01-01"}),
		"new": ("ME Ban Mới", "MEBM", "root", {"valid_from": "2000-01-01"}),
	},
	"people": {
		"head": ("ME Bí thư", "root", ["Unit Head", "Rater", "Cadre"], {"is_leader": 1, "heads": "root"}),
		"rater": ("ME Trưởng ban", "board", ["Rater", "Cadre"], {"rater": "head"}),
		**{f"c{i}": (f"ME Chuyên viên {i}", "board", ["Cadre"], {"rater": "rater"}) for i in range(1, 6)},
		"admin": ("ME Quản trị", "root", ["Discipline Administrator", "Cadre"]),
	},
	"aliases": {"cadre": "cadres", "user": "users", "unit": "units"},
}
STAFF = ("c1", "c2", "c3", "c4", "c5")


def form_of(doctype: str, name: str) -> dict:
	"""The document as the desk holds it in an open form (what `savedocs` receives back)."""
	return json.loads(frappe.as_json(frappe.get_doc(doctype, name).as_dict()))


def save_form(form: dict, action: str = "Save"):
	"""Save a form as the desk does (`frappe.desk.form.save.savedocs`, the document as text)."""
	savedocs(json.dumps(form, default=str), action)


class TestNoLostUpdate(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = build_world(MONTH_END_WORLD)
		make_policy()
		cls.period = make_period(f"{YEAR}-03-01", f"{YEAR}-03-31")
		generate_evaluations(cls.period)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_an_evaluation_saved_from_two_forms_keeps_the_first_and_tells_the_second(self):
		o = self.o
		name = get_evaluation(self.period, o.cadre["c1"]).name
		with as_user(o.user["c1"]):
			phone, desk = form_of("Cadre Evaluation", name), form_of("Cadre Evaluation", name)
			manual = [row for row in phone["scores"] if row["source"] == "Manual"]
			self.assertTrue(manual)
			for row in manual:
				row["self_score"], row["self_note"] = 8, "Đã hoàn thành các nhiệm vụ được giao trong tháng."
			save_form(phone)
			for row in desk["scores"]:
				if row["source"] == "Manual":
					row["self_score"] = 3
			with self.assertRaises(frappe.TimestampMismatchError):
				save_form(desk)
		doc = frappe.get_doc("Cadre Evaluation", name)
		self.assertEqual(
			{(row.self_score, row.self_note) for row in doc.scores if row.source == "Manual"},
			{(8, "Đã hoàn thành các nhiệm vụ được giao trong tháng.")},
		)

	def test_a_task_saved_by_assignee_and_assigner_from_stale_forms_loses_nothing(self):
		o = self.o
		with as_user(o.user["rater"]):
			task = make_task(o.unit["board"], assignee=o.cadre["c2"], assigned_by=o.cadre["rater"]).name
		with as_user(o.user["c2"]):
			mine = form_of("Assigned Task", task)
		with as_user(o.user["rater"]):
			theirs = form_of("Assigned Task", task)
		with as_user(o.user["c2"]):
			mine["status"], mine["percent_complete"] = "In Progress", 40
			save_form(mine)
		with as_user(o.user["rater"]):
			theirs["title"] = "Tiêu đề sửa từ một biểu mẫu cũ"
			with self.assertRaises(frappe.TimestampMismatchError):
				save_form(theirs)
		self.assertEqual(
			frappe.db.get_value("Assigned Task", task, ["status", "percent_complete", "title"]),
			("In Progress", 40, "Test task"),
		)


class TestTwoSavesAtOnce(FrappeTestCase):
	def test_two_saves_sent_at_the_same_moment_one_passes_the_other_is_told(self):
		with committed_world():
			frappe.set_user("Administrator")
			o = build_world(MONTH_END_WORLD)
			make_policy()
			period = make_period(f"{YEAR}-04-01", f"{YEAR}-04-30")
			generate_evaluations(period, only_cadres=[o.cadre["c1"]])
			name = get_evaluation(period, o.cadre["c1"]).name
			with as_user(o.user["c1"]):
				forms = [form_of("Cadre Evaluation", name) for _ in range(2)]
			for score, form in zip((6, 9), forms, strict=True):
				for row in form["scores"]:
					if row["source"] == "Manual":
						row["self_score"] = score
			frappe.db.commit()

			outcomes: list = []
			barrier = threading.Barrier(2)
			threads = [
				in_thread(SITE[0], o.user["c1"], lambda form=form: save_form(form), outcomes, barrier)
				for form in forms
			]
			for thread in threads:
				thread.join(60)
			frappe.db.rollback()
			self.assertEqual(sorted(kind for kind, _value in outcomes), ["error", "ok"], outcomes)
			self.assertIsInstance(next(v for k, v in outcomes if k == "error"), frappe.TimestampMismatchError)
			scores = {
				row.self_score
				for row in frappe.get_doc("Cadre Evaluation", name).scores
				if row.source == "Manual"
			}
			self.assertEqual(len(scores), 1)  # one form's rows whole, never a mix of the two
			self.assertIn(scores.pop(), (6, 9))


SITE: list = []


class TestUsersSavedInBulk(FrappeTestCase):
	"""Each User save empties every cache of the site (Frappe's `ask_pass_update` rewrites a site-wide
	default): the role jobs, the demo and the test worlds save their users in bulk and count that
	default once, at the end; a block that fails leaves it as it was."""

	def test_the_site_default_is_counted_once_after_the_users_are_saved(self):
		from unittest.mock import patch

		from frappe.core.doctype.user import user as user_module

		from soson_discipline.utils.users import users_saved_in_bulk

		for i in range(3):  # left by a run that was stopped after a commit
			frappe.delete_doc_if_exists("User", f"bulk{i}@monthend.test", force=True)
		users = [
			frappe.get_doc({"doctype": "User", "email": f"bulk{i}@monthend.test", "first_name": f"Bulk {i}"})
			for i in range(3)
		]
		with patch.object(user_module, "ask_pass_update") as counted:
			with users_saved_in_bulk():
				for user in users:
					user.insert(ignore_permissions=True)
					user.add_roles("Cadre")  # a second save each
				self.assertEqual(counted.call_count, 0)
			self.assertEqual(counted.call_count, 1)
			self.assertIs(user_module.ask_pass_update, counted)  # put back
			with self.assertRaises(frappe.ValidationError), users_saved_in_bulk():
				users[0].save()
				frappe.throw("a step of the job fails")
			self.assertEqual(counted.call_count, 1)  # not counted for a failed block
			self.assertIs(user_module.ask_pass_update, counted)


def setUpModule():
	SITE[:] = [frappe.local.site, os.path.abspath(frappe.local.sites_path)]


# ---------------------------------------------------------------------------------------------------
# Faults


def run_killed(code: str, patch: str, after: int) -> None:
	"""Run `code` as Administrator in a new process on this site (committing as a worker does) and kill
	it (SIGKILL) the `after`-th time `patch` ("module:function") returns."""
	module, function = patch.split(":")
	script = f"""
import importlib, os, signal
import frappe
frappe.init(site={SITE[0]!r}, sites_path={SITE[1]!r})
frappe.connect()
frappe.set_user("Administrator")
target = importlib.import_module({module!r})
original, calls = getattr(target, {function!r}), []
def killing(*args, **kwargs):
	value = original(*args, **kwargs)
	calls.append(1)
	if len(calls) == {after}:
		os.kill(os.getpid(), signal.SIGKILL)
	return value
setattr(target, {function!r}, killing)
{code}
frappe.db.commit()
"""
	done = subprocess.run([sys.executable, "-c", script], cwd=SITE[1], timeout=600, capture_output=True)
	assert done.returncode == -signal.SIGKILL, (done.returncode, done.stderr.decode()[-2000:])


class TestFaultsSurvived(FrappeTestCase):
	def world(self):
		frappe.set_user("Administrator")
		o = build_world(MONTH_END_WORLD)
		make_policy()
		return o

	def test_a_generation_killed_between_batches_is_completed_exactly_by_a_rerun(self):
		with committed_world():
			o = self.world()
			period = make_period(f"{YEAR}-05-01", f"{YEAR}-05-31")
			cadres = [o.cadre[key] for key in (*STAFF, "rater")]
			frappe.db.commit()
			# batches of two: the first committed, the second written and not yet committed when killed
			run_killed(
				f"from soson_discipline.evaluation.generation import generate_evaluations\n"
				f"generate_evaluations({period!r}, batch_size=2, only_cadres={cadres!r})",
				"soson_discipline.evaluation.generation:insert_in_bulk",
				after=2,
			)
			frappe.db.rollback()
			self.assertEqual(self.evaluated(period, cadres), 2)
			self.assertEqual(self.orphan_score_rows(), 0)

			generate_evaluations(period, only_cadres=cadres)  # the job run again
			self.assertEqual(self.evaluated(period, cadres), len(cadres))
			self.assertEqual(
				frappe.db.count("Cadre Evaluation", {"evaluation_period": period}), len(cadres)
			)  # one each, nothing twice
			rows = {
				len(frappe.get_doc("Cadre Evaluation", name).scores)
				for name in frappe.get_all("Cadre Evaluation", {"evaluation_period": period}, pluck="name")
			}
			self.assertEqual(len(rows), 1)  # the killed batch's evaluations whole like the others
			self.assertEqual(self.orphan_score_rows(), 0)
			self.assertEqual(generate_evaluations(period, only_cadres=cadres), [])

	def evaluated(self, period: str, cadres: list[str]) -> int:
		return len(
			set(
				frappe.get_all(
					"Cadre Evaluation",
					{"evaluation_period": period, "cadre": ("in", cadres)},
					pluck="cadre",
				)
			)
		)

	def orphan_score_rows(self) -> int:
		return frappe.db.sql(
			"""select count(*) from `tabCadre Evaluation Score` s
			left join `tabCadre Evaluation` e on e.name = s.parent where e.name is null"""
		)[0][0]

	def test_move_open_work_killed_midway_leaves_nothing_and_a_rerun_moves_all_once(self):
		with committed_world():
			o = self.world()
			frappe.db.set_value(
				"Organization Unit",
				o.unit["board"],
				{"valid_to": add_days(today(), -1), "successor_unit": o.unit["new"]},
			)
			tasks = [
				make_task(o.unit["board"], assignee=o.cadre[key], assigned_by=o.cadre["rater"]).name
				for key in ("c1", "c2")
			]
			staff = [o.cadre[key] for key in (*STAFF, "rater")]
			frappe.db.commit()
			run_killed(
				f"from soson_discipline.org_changes import run_reorganisation\n"
				f"run_reorganisation({o.unit['board']!r})",
				"soson_discipline.org_changes:apply_move",
				after=3,
			)
			frappe.db.rollback()
			units = lambda: {  # noqa: E731
				*frappe.get_all("Cadre", {"name": ("in", staff)}, pluck="organization_unit"),
				*frappe.get_all("Assigned Task", {"name": ("in", tasks)}, pluck="organization_unit"),
			}
			self.assertEqual(units(), {o.unit["board"]})  # one job, one transaction: nothing moved
			self.assertFalse(self.logs(o.unit["board"]))

			frappe.set_user(o.user["admin"])
			result = run_reorganisation(o.unit["board"])
			frappe.set_user("Administrator")
			self.assertEqual(result["failed"], [])
			self.assertEqual(
				result["counts"], {"Cadre": len(staff), "Assigned Task": len(tasks), "Unit Plan": 0}
			)
			self.assertEqual(units(), {o.unit["new"]})
			self.assertEqual(len(self.logs(o.unit["board"])), 1)
			self.assertEqual(run_reorganisation(o.unit["board"])["moved"], [])  # nothing left to move

	def logs(self, unit: str) -> list[str]:
		return frappe.get_all(
			"Comment", {"reference_doctype": "Organization Unit", "reference_name": unit}, pluck="name"
		)

	def test_the_years_recount_killed_midway_leaves_the_stored_year_and_a_rerun_completes_it(self):
		with committed_world():
			o = self.world()
			period = make_period(f"{YEAR}-06-01", f"{YEAR}-06-30")
			staff = [o.cadre[key] for key in ("c1", "c2", "c3")]
			generate_evaluations(period, only_cadres=staff)
			for cadre in staff:
				approve_as(o, get_evaluation(period, cadre).name, 9, approver="head")
			stored = lambda: frappe.get_all(  # noqa: E731
				year_results.RESULT,
				{"year": YEAR, "cadre": ("in", staff)},
				["cadre", "proposed_level", "months"],
				order_by="cadre",
			)
			right = stored()
			self.assertEqual(len(right), len(staff))
			frappe.db.delete(year_results.RESULT, {"year": YEAR, "cadre": ("in", staff)})  # drifted
			frappe.db.commit()
			run_killed(
				f"from soson_discipline.evaluation import year_results\n"
				f"year_results.CADRES_PER_BATCH = 1\n"
				f"year_results.reconcile_year_results([{YEAR}])",
				"soson_discipline.evaluation.year_results:write_results",
				after=2,
			)
			frappe.db.rollback()
			self.assertEqual(stored(), [])  # the job's transaction was not committed: as before
			self.assertGreaterEqual(year_results.reconcile_year_results([YEAR]), len(staff))
			self.assertEqual(stored(), right)
			self.assertEqual(year_results.reconcile_year_results([YEAR]), 0)

	def test_an_approval_that_loses_its_connection_is_absent_and_can_be_taken_again(self):
		import pymysql

		with committed_world():
			o = self.world()
			period = make_period(f"{YEAR}-07-01", f"{YEAR}-07-31")
			cadre = o.cadre["c4"]
			generate_evaluations(period, only_cadres=[cadre])
			name = get_evaluation(period, cadre).name
			act_on_evaluation(o.user["c4"], name, "Self-Assess", "self_score", 9)
			act_on_evaluation(o.user["rater"], name, "Rate Evaluation", "rater_score", 9)
			self.assertEqual(frappe.db.get_value("Cadre Evaluation", name, "workflow_state"), EVAL_RATED)
			frappe.db.commit()
			versions = frappe.db.count("Version", {"ref_doctype": "Cadre Evaluation", "docname": name})

			def approve():
				return apply_workflow(frappe.get_doc("Cadre Evaluation", name), "Approve").workflow_state

			original = year_results.write_results

			def connection_lost(*args, **kwargs):
				# in the middle of the approval (the evaluation written, the year being recounted), the
				# database drops the request's connection
				original(*args, **kwargs)
				thread_id = frappe.db.sql("select connection_id()")[0][0]
				killer = pymysql.connect(
					host=frappe.conf.db_host or "127.0.0.1",
					port=int(frappe.conf.db_port or 3306),
					user=frappe.conf.db_user or frappe.conf.db_name,
					password=frappe.conf.db_password,
				)
				with killer.cursor() as cursor:
					cursor.execute(f"KILL {int(thread_id)}")
				killer.close()
				frappe.db.sql("select 1")  # the next statement finds the connection gone

			outcomes: list = []
			year_results.write_results = connection_lost
			try:
				in_thread(SITE[0], o.user["head"], approve, outcomes).join(60)
			finally:
				year_results.write_results = original
			self.assertEqual([kind for kind, _value in outcomes], ["error"], outcomes)
			frappe.db.rollback()
			self.assertEqual(
				frappe.db.get_value("Cadre Evaluation", name, ["docstatus", "workflow_state", "approved_on"]),
				(0, EVAL_RATED, None),
			)
			self.assertFalse(frappe.db.exists(year_results.RESULT, {"cadre": cadre, "year": YEAR}))
			self.assertEqual(
				frappe.db.count("Version", {"ref_doctype": "Cadre Evaluation", "docname": name}), versions
			)

			outcomes.clear()
			in_thread(SITE[0], o.user["head"], approve, outcomes).join(60)
			frappe.db.rollback()
			self.assertEqual(outcomes, [("ok", EVAL_APPROVED)])
			self.assertEqual(frappe.db.get_value("Cadre Evaluation", name, "docstatus"), 1)
			self.assertEqual(frappe.db.count(year_results.RESULT, {"cadre": cadre, "year": YEAR}), 1)
