"""Each person's landing page: the default workspace by role, the boot info the "My Work" shortcuts
read, and the counts those shortcuts show to each person."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from soson_discipline import desk
from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.tests.factories import (
	EVALUATION_WORLD,
	act_on_evaluation,
	as_user,
	build_world,
	get_evaluation,
	make_period,
	make_policy,
	make_task,
)


def shortcut_filters(shortcut, user: str) -> dict:
	"""A shortcut's `stats_filter`, evaluated for `user` as the desk does (its JS expressions filled in)."""
	boot = frappe._dict()
	with as_user(user):
		desk.extend_bootinfo(boot)
	text = (
		shortcut.stats_filter.replace(
			"(frappe.boot.soson_discipline || {}).cadre || ''", json.dumps(boot.soson_discipline.cadre or "")
		)
		.replace(
			"(frappe.boot.soson_discipline || {}).organization_unit || ''",
			json.dumps(boot.soson_discipline.organization_unit or ""),
		)
		.replace("frappe.session.user", json.dumps(user))
	)
	return json.loads(text)


class TestLandingPages(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = build_world(EVALUATION_WORLD)
		make_policy()
		cls.period = make_period("2042-04-01", "2042-04-30")
		generate_evaluations(cls.period)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_each_role_lands_on_its_page_and_a_chosen_page_is_kept(self):
		"""The page is set in the save that gives the roles (User `validate`), never at login."""
		o = self.o

		def page(key):
			return frappe.db.get_value("User", o.user[key], "default_workspace")

		expected = {
			"admin": "Soson Discipline",
			"sc": "Soson Discipline",
			"head": "My Unit",
			"raterb": "My Unit",
			"ratera": "My Work",
			"a1": "My Work",
		}
		self.assertEqual({key: page(key) for key in expected}, expected)
		# Roles change, by hand or by the app: the page follows in the same save.
		frappe.get_doc("User", o.user["a2"]).add_roles("Unit Head")
		self.assertEqual(page("a2"), "My Unit")
		frappe.get_doc("User", o.user["a2"]).remove_roles("Unit Head")
		self.assertEqual(page("a2"), "My Work")
		# A workspace of another app that the user chose stays, whatever the roles do.
		user = frappe.get_doc("User", o.user["a3"])
		user.default_workspace = "Users"
		user.save()
		frappe.get_doc("User", o.user["a3"]).add_roles("Unit Head")
		self.assertEqual(page("a3"), "Users")
		frappe.get_doc("User", o.user["a3"]).remove_roles("Unit Head")
		# Written without a save (a site that had the app before the rule): migrate puts it in step.
		frappe.db.set_value("User", o.user["a1"], "default_workspace", None, update_modified=False)
		frappe.db.set_value("User", o.user["head"], "default_workspace", "My Work", update_modified=False)
		self.assertGreaterEqual(desk.keep_desks_in_step(), 2)
		self.assertEqual((page("a1"), page("head"), page("a3")), ("My Work", "My Unit", "Users"))
		self.assertEqual(desk.keep_desks_in_step(), 0)  # a second run changes nothing

	def test_a_user_with_only_the_apps_roles_sees_only_the_apps_workspaces(self):
		from frappe.desk.desktop import get_workspace_sidebar_items

		o = self.o
		desk.ensure_cadre_module_profile()

		def sidebar(user):
			with as_user(user):
				return {page["name"] for page in get_workspace_sidebar_items()["pages"]}

		def profile(user):
			return frappe.db.get_value("User", user, "module_profile")

		# given with the app's roles, before any login
		self.assertEqual(profile(o.user["a1"]), desk.CADRE_MODULE_PROFILE)
		pages = sidebar(o.user["a1"])
		self.assertIn("My Work", pages)
		self.assertFalse(pages - set(desk.APP_WORKSPACES), pages)
		with as_user(o.user["a1"]):  # blocked modules hide workspaces, never a permission
			self.assertTrue(frappe.has_permission("ToDo", "create"))
			self.assertTrue(frappe.has_permission("User", "read", o.user["a1"]))

		# a role of another app: every workspace comes back; withdrawn, the profile returns
		frappe.get_doc("User", o.user["a2"]).add_roles("Blogger")
		try:
			self.assertIsNone(profile(o.user["a2"]))
			self.assertIn("Users", sidebar(o.user["a2"]))
		finally:
			frappe.get_doc("User", o.user["a2"]).remove_roles("Blogger")
		self.assertEqual(profile(o.user["a2"]), desk.CADRE_MODULE_PROFILE)
		self.assertNotIn("Users", sidebar(o.user["a2"]))

		# a profile the office chose is never replaced
		if not frappe.db.exists("Module Profile", "CE Office Profile"):
			frappe.get_doc({"doctype": "Module Profile", "module_profile_name": "CE Office Profile"}).insert()
		user = frappe.get_doc("User", o.user["a3"])
		user.module_profile = "CE Office Profile"
		user.save()
		frappe.get_doc("User", o.user["a3"]).add_roles("Unit Head")
		self.assertEqual(profile(o.user["a3"]), "CE Office Profile")
		self.assertEqual(desk.keep_desks_in_step(), 0)
		self.assertEqual(profile(o.user["a3"]), "CE Office Profile")

		# lost without a save: migrate gives it back, with its modules
		desk.apply_module_profile(o.user["a1"], None)
		self.assertIn("Users", sidebar(o.user["a1"]))
		self.assertEqual(desk.keep_desks_in_step(), 1)
		self.assertEqual(profile(o.user["a1"]), desk.CADRE_MODULE_PROFILE)
		self.assertNotIn("Users", sidebar(o.user["a1"]))

	def test_the_app_is_on_the_apps_screen_for_its_people_and_leads_to_their_own_page(self):
		"""`add_to_apps_screen`: a cadre sees the app (named in his or her language) and its route is
		the desk, where each lands on his or her own page; a user of another app does not see it."""
		from frappe.apps import get_apps, get_default_path

		o = self.o
		with as_user(o.user["a1"]):
			# (beside ERPNext, its own entry too)
			ours = {a["name"]: a for a in get_apps()}["soson_discipline"]
			self.assertEqual(ours["route"], "/app")
			self.assertEqual(get_default_path(), "/app")
			frappe.local.lang = "vi"
			try:
				ours = {a["name"]: a for a in get_apps()}["soson_discipline"]
				self.assertEqual(ours["title"], "Kỷ cương Sóc Sơn")
			finally:
				frappe.local.lang = "en"
		outsider = "desk.outsider@landing.test"
		if not frappe.db.exists("User", outsider):
			frappe.get_doc(
				{"doctype": "User", "email": outsider, "first_name": "Outsider", "send_welcome_email": 0}
			).insert(ignore_permissions=True)
		frappe.get_doc("User", outsider).add_roles("Blogger")
		with as_user(outsider):
			self.assertFalse(desk.has_app_permission())
			self.assertNotIn("soson_discipline", [a["name"] for a in get_apps()])

	def test_boot_info_names_the_users_cadre_and_leads_breadcrumbs_home(self):
		modules = {"Soson Discipline": ["Soson Discipline", "My Unit", "My Work"]}
		boot = frappe._dict(module_wise_workspaces={k: list(v) for k, v in modules.items()})
		with as_user(self.o.user["a1"]):
			desk.extend_bootinfo(boot)
		self.assertEqual(boot.soson_discipline.cadre, self.o.cadre["a1"])
		self.assertEqual(boot.soson_discipline.organization_unit, self.o.board_a)
		self.assertEqual(boot.module_wise_workspaces["Soson Discipline"][0], "My Work")
		boot = frappe._dict(module_wise_workspaces={k: list(v) for k, v in modules.items()})
		with as_user(self.o.user["head"]):
			desk.extend_bootinfo(boot)
		self.assertEqual(boot.module_wise_workspaces["Soson Discipline"][0], "My Unit")

	def test_the_pending_card_opens_what_it_counts_and_the_shortcut_says_what_it_counts(self):
		"""Issue 25 item 3: on the unit head's page the card said 2 and the shortcut under it 0, under
		nearly the same label. The card opens exactly the evaluations it counts (this month's, not
		approved, in the head's scope); the shortcut is named for what it counts (awaiting approval)."""
		from frappe.utils import get_first_day, get_last_day

		from soson_discipline.reporting import dashboard

		o = self.o
		period = make_period(str(get_first_day(today())), str(get_last_day(today())))
		generate_evaluations(period)
		with as_user(o.user["head"]):
			value = dashboard.count_pending_evaluations()
			card = dashboard.pending_evaluations()
			opened = frappe.call(
				"soson_discipline.endpoints.get_count",
				doctype="Cadre Evaluation",
				filters=card["route_options"],
			)
		self.assertGreater(value, 0)
		self.assertEqual(opened, value)
		shortcuts = {s.label: s for s in frappe.get_doc("Workspace", "My Unit").shortcuts}
		self.assertIn("Evaluations to Approve", shortcuts)
		self.assertNotIn("Cadre Evaluation", shortcuts)

	def test_my_work_counts_what_awaits_each_person(self):
		o = self.o
		workspace = frappe.get_doc("Workspace", "My Work")
		shortcuts = {s.label: s for s in workspace.shortcuts}

		def count(label, user):
			with as_user(user):
				return frappe.call(
					"soson_discipline.endpoints.get_count",
					doctype=shortcuts[label].link_to,
					filters=shortcut_filters(shortcuts[label], user),
				)

		with as_user(o.user["ratera"]):
			make_task(o.board_a, assignee=o.cadre["a4"], assigned_by=o.cadre["ratera"], title="LP task")
		self.assertGreaterEqual(count("My Open Tasks", o.user["a4"]), 1)
		self.assertEqual(count("My Open Tasks", o.user["b1"]), 0)

		name = get_evaluation(self.period, o.cadre["a4"]).name
		before_rate = count("Evaluations to Rate", o.user["ratera"])
		self.assertGreaterEqual(count("My Evaluation", o.user["a4"]), 1)
		act_on_evaluation(o.user["a4"], name, "Self-Assess", "self_score", 8)
		self.assertEqual(count("Evaluations to Rate", o.user["ratera"]), before_rate + 1)
		self.assertEqual(count("Evaluations to Rate", o.user["raterb"]), 0)
		before_approve = count("Evaluations to Approve", o.user["head"])
		act_on_evaluation(o.user["ratera"], name, "Rate Evaluation", "rater_score", 8)
		self.assertEqual(count("Evaluations to Approve", o.user["head"]), before_approve + 1)
		# a plain cadre has nothing to approve, not even his own rated evaluation
		self.assertEqual(count("Evaluations to Approve", o.user["a4"]), 0)

	def test_bulk_rate_and_approve_from_the_list_keep_the_rules(self):
		"""The list's bulk workflow actions (`frappe.model.workflow.bulk_workflow_approval`) apply each
		evaluation's own rules: what one may not do one at a time fails in bulk too."""
		import json as _json
		from unittest.mock import patch

		from frappe.model.workflow import bulk_workflow_approval as frappe_bulk

		def bulk_workflow_approval(*args):
			# Frappe commits after each document (and rolls back a failed one): kept inside this test's
			# transaction, so that nothing outlives the test class.
			with patch.object(frappe.db, "commit"), patch.object(frappe.db, "rollback"):
				frappe_bulk(*args)

		o = self.o
		period = make_period("2042-07-01", "2042-07-31")
		generate_evaluations(period)
		names = [get_evaluation(period, o.cadre[key]).name for key in ("a1", "a2", "a3")]
		for key, name in zip(("a1", "a2", "a3"), names, strict=True):
			act_on_evaluation(o.user[key], name, "Self-Assess", "self_score", 8)
		own = get_evaluation(period, o.cadre["ratera"]).name

		def states(names):
			return [frappe.db.get_value("Cadre Evaluation", n, "workflow_state") for n in names]

		with as_user(o.user["ratera"]):
			bulk_workflow_approval(_json.dumps(names), "Cadre Evaluation", "Rate Evaluation")
		self.assertEqual(states(names), ["Rated"] * 3)
		# The head of board B cannot approve board A's evaluations; the head of the committee can.
		with as_user(o.user["raterb"]):
			bulk_workflow_approval(_json.dumps(names), "Cadre Evaluation", "Approve")
		self.assertEqual(states(names), ["Rated"] * 3)
		with as_user(o.user["head"]):
			bulk_workflow_approval(_json.dumps(names + [own]), "Cadre Evaluation", "Approve")
		self.assertEqual(states(names), ["Approved"] * 3)
		self.assertEqual(states([own]), ["Draft"])  # not rated: nothing to approve

	def test_task_kanban_board_moves_cards_by_the_tasks_rules(self):
		from frappe.desk.doctype.kanban_board.kanban_board import update_order_for_single_card

		from soson_discipline.install import TASK_KANBAN_BOARD

		o = self.o
		board = frappe.get_doc("Kanban Board", TASK_KANBAN_BOARD)
		self.assertEqual(board.reference_doctype, "Assigned Task")
		self.assertEqual(
			{c.column_name for c in board.columns},
			{"Open", "In Progress", "Overdue", "Completed", "Cancelled"},
		)
		with as_user(o.user["ratera"]):
			task = make_task(
				o.board_a, assignee=o.cadre["a2"], assigned_by=o.cadre["ratera"], title="KB task"
			).name

		def move(user, to):
			with as_user(user):
				update_order_for_single_card(TASK_KANBAN_BOARD, task, "Open", to, 0, 0)

		move(o.user["a2"], "In Progress")  # the assignee reports progress from the board
		self.assertEqual(frappe.db.get_value("Assigned Task", task, "status"), "In Progress")
		with self.assertRaises(frappe.PermissionError):
			move(o.user["a2"], "Cancelled")  # only the assigner or the unit head cancels
		with self.assertRaises(frappe.PermissionError):
			move(o.user["b1"], "Completed")  # another board's cadre cannot touch it
		self.assertEqual(frappe.db.get_value("Assigned Task", task, "status"), "In Progress")


LOGINS = 100
LOGIN_WORLD = {
	"email": "{}@login.test",
	"units": {"root": ("LOGIN Ban (kiểm thử)", "LGB", None)},
	"people": {f"c{i}": (f"LOGIN Chuyên viên {i}", "root", ["Cadre"]) for i in range(LOGINS)},
}


class TestMonthEndLogins(FrappeTestCase):
	"""Issue 27: 10 of 22 raters logging in together got a server error: the app's login hook wrote the
	user's Module Profile, and simultaneous logins deadlocked (MariaDB 1213). The landing page and the
	profile are now written where roles change (desk.keep_desk_in_step), and a login reads only."""

	def test_a_hundred_cadres_logging_in_at_once_all_get_in_and_nothing_of_theirs_is_written(self):
		import threading

		import requests
		from frappe.utils.password import update_password

		from soson_discipline.tests.factories import committed_world, served_site

		self.assertNotIn("soson_discipline", " ".join(frappe.get_hooks("on_login")))
		with committed_world(), served_site() as base:
			frappe.set_user("Administrator")
			o = build_world(LOGIN_WORLD)
			users = sorted(o.users.values())
			for user in users:
				update_password(user, "Login-27!")
			before = {
				user: frappe.db.get_value("User", user, ["modified", "module_profile", "default_workspace"])
				for user in users
			}
			rows = set(frappe.get_all("Block Module", filters={"parent": ("in", users)}, pluck="name"))
			frappe.db.commit()

			answers: dict = {}
			barrier = threading.Barrier(len(users))

			def log_in(user):
				barrier.wait()
				try:
					reply = requests.post(
						f"{base}/api/method/login", data={"usr": user, "pwd": "Login-27!"}, timeout=120
					)
					answers[user] = (reply.status_code, reply.json().get("message"))
				except Exception as e:  # the test reports every failure
					answers[user] = ("failed", repr(e))

			threads = [threading.Thread(target=log_in, args=(user,)) for user in users]
			for thread in threads:
				thread.start()
			for thread in threads:
				thread.join(180)
			frappe.db.rollback()  # a fresh snapshot: what the logins committed

			self.assertEqual(
				{user: answer for user, answer in answers.items() if answer != (200, "Logged In")}, {}
			)
			self.assertEqual(len(answers), LOGINS)
			after = {
				user: frappe.db.get_value("User", user, ["modified", "module_profile", "default_workspace"])
				for user in users
			}
			self.assertEqual(after, before)  # the User was not saved nor written by the app
			for _modified, profile, page in after.values():
				self.assertEqual((profile, page), (desk.CADRE_MODULE_PROFILE, "My Work"))
			self.assertEqual(
				set(frappe.get_all("Block Module", filters={"parent": ("in", users)}, pluck="name")), rows
			)


class TestDeskInVietnamese(FrappeTestCase):
	"""What Frappe leaves in English or to chance on the desk of a Vietnamese office."""

	def test_a_policys_name_shows_in_vietnamese_wherever_it_is_linked(self):
		"""The shipped policies are named in English (their names are keys); the desk shows links to an
		Evaluation Policy translated ("Nghị định 335/2025" on every evaluation and classification)."""
		from frappe.translate import get_translated_doctypes

		from soson_discipline.scoring.standard import STANDARD_POLICIES

		self.assertIn("Evaluation Policy", get_translated_doctypes())
		for standard in STANDARD_POLICIES:
			self.assertNotEqual(frappe._(standard.name, lang="vi"), standard.name, standard.name)
		self.assertEqual(frappe._("Decree 335/2025", lang="vi"), "Nghị định 335/2025")

	def test_the_date_picker_speaks_vietnamese(self):
		"""Frappe's date picker has no "vi" locale: the app's own script is loaded on every desk page."""
		scripts = frappe.get_hooks("app_include_js", app_name="soson_discipline")
		self.assertIn("/assets/soson_discipline/js/desk.js", scripts)
		path = frappe.get_app_path("soson_discipline", "public", "js", "desk.js")
		with open(path, encoding="utf-8") as f:
			script = f.read()
		self.assertIn("$.fn.datepicker.language.vi", script)
		for words in ('"Tháng 12"', '"Chủ nhật"', '"Hôm nay"'):
			self.assertIn(words, script)
		# and the week starts on the day System Settings names, which Frappe looks up among the
		# weekday names of the user's language (not found in Vietnamese: always Sunday)
		self.assertIn("frappe.datetime.get_first_day_of_the_week_index = function", script)

	def test_a_reports_total_row_is_labelled_in_the_users_language(self):
		"""Frappe's datatable writes "Total" in English on a report's total row; every app report with
		a total row labels it through the app's formatter, and "Total" is translated."""
		with open(frappe.get_app_path("soson_discipline", "public", "js", "desk.js"), encoding="utf-8") as f:
			self.assertIn('__("Total")', f.read())
		reports = frappe.get_all(
			"Report", filters={"module": "Soson Discipline", "add_total_row": 1}, pluck="name"
		)
		self.assertGreaterEqual(len(reports), 3)
		for report in reports:
			folder = frappe.scrub(report)
			path = frappe.get_app_path(
				"soson_discipline", "soson_discipline", "report", folder, f"{folder}.js"
			)
			with open(path, encoding="utf-8") as f:
				self.assertIn("soson_discipline.report_formatter", f.read(), report)
		self.assertEqual(frappe._("Total", lang="vi"), "Tổng cộng")
		# what the desk page (frappe/www/app.py) reads for the scripts it loads after Frappe's own
		self.assertIn("/assets/soson_discipline/js/desk.js", frappe.get_hooks("app_include_js"))

	def test_frappes_own_workspaces_in_the_sidebar_are_named_in_vietnamese(self):
		"""Every desk user's sidebar lists Frappe's public workspaces under the app's own."""
		public = set(frappe.get_all("Workspace", filters={"public": 1}, pluck="label"))
		frappes = {"Users", "Website", "Tools", "Integrations", "Build"} & public
		self.assertTrue(frappes)
		untranslated = sorted(label for label in frappes if frappe._(label, lang="vi") == label)
		self.assertEqual(untranslated, [])

	def test_scores_in_reports_show_two_decimals(self):
		"""With Vietnam's number format (#.###,##) a score of 71.5 at the site's 3 decimals reads
		"71,500", which a reader takes for seventy-one thousand: score columns carry 2 decimals."""
		from soson_discipline.soson_discipline.report.annual_classification_proposal import (
			annual_classification_proposal,
		)
		from soson_discipline.soson_discipline.report.cadre_score_trend import cadre_score_trend

		for module in (annual_classification_proposal, cadre_score_trend):
			floats = [c for c in module.get_columns() if c["fieldtype"] == "Float"]
			self.assertTrue(floats)
			self.assertEqual(
				{c["fieldname"]: c.get("precision") for c in floats}, {c["fieldname"]: 2 for c in floats}
			)
