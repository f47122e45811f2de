"""The one notification service: in the recipient's language, once a day per key, never to disabled
users, with an email only when the site can send one."""

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from soson_discipline.notifications import notify
from soson_discipline.tests.factories import make_unit, make_user

VI_USER = "notify.vi@notify.test.soson"
EN_USER = "notify.en@notify.test.soson"
OFF_USER = "notify.off@notify.test.soson"


def subject(lang):
	return _("Overdue task: {0} (due {1})", lang=lang).format("NT", "01-12-2026")


class TestNotify(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(VI_USER, ["Cadre"])
		make_user(EN_USER, ["Cadre"])
		make_user(OFF_USER, ["Cadre"])
		frappe.db.set_value("User", VI_USER, "language", "vi")
		frappe.db.set_value("User", EN_USER, "language", "en")
		frappe.db.set_value("User", OFF_USER, "enabled", 0)
		cls.unit = make_unit("NT Notify Unit", abbreviation="NTU")

	def logs(self, user):
		return frappe.get_all(
			"Notification Log",
			filters={"for_user": user, "document_type": "Organization Unit", "document_name": self.unit},
			pluck="subject",
		)

	def test_each_recipient_reads_it_in_his_language_once_a_day(self):
		users = [VI_USER, EN_USER, OFF_USER, None]
		sent = notify(users, subject, "Organization Unit", self.unit, once_per_day_key="nt-test", email=False)
		self.assertEqual(sorted(sent), sorted([VI_USER, EN_USER]))
		self.assertEqual(self.logs(EN_USER), ["Overdue task: NT (due 01-12-2026)"])
		vi = self.logs(VI_USER)
		self.assertEqual(len(vi), 1)
		self.assertNotIn("Overdue task", vi[0])  # Vietnamese
		self.assertEqual(self.logs(OFF_USER), [])

		# the same key the same day: nothing more; another day: again
		self.assertEqual(
			notify(users, subject, "Organization Unit", self.unit, once_per_day_key="nt-test"), []
		)
		self.assertEqual(len(self.logs(EN_USER)), 1)
		tomorrow = add_days(today(), 1)
		self.assertEqual(
			notify(
				[EN_USER], subject, "Organization Unit", self.unit, once_per_day_key="nt-test", on=tomorrow
			),
			[EN_USER],
		)
		self.assertEqual(len(self.logs(EN_USER)), 2)

	def test_without_a_key_every_call_notifies(self):
		before = len(self.logs(EN_USER))
		notify([EN_USER], "Plain subject", "Organization Unit", self.unit, email=False)
		notify([EN_USER], "Plain subject", "Organization Unit", self.unit, email=False)
		self.assertEqual(len(self.logs(EN_USER)), before + 2)

	def test_no_email_without_an_outgoing_account(self):
		if frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
			frappe.db.set_value("Email Account", {"default_outgoing": 1}, "enable_outgoing", 0)
		before = frappe.db.count("Email Queue", {"reference_name": self.unit})
		notify([EN_USER], "Mail subject", "Organization Unit", self.unit, email=True)
		self.assertEqual(frappe.db.count("Email Queue", {"reference_name": self.unit}), before)
		self.assertIn("Mail subject", self.logs(EN_USER))


class TestWorkflowStepNotifications(FrappeTestCase):
	"""Each step of an evaluation, a task given and a verified violation tell the next person, in his
	or her language, through the one service; nobody is told of his or her own action."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		from soson_discipline.evaluation.generation import generate_evaluations
		from soson_discipline.tests.factories import EVALUATION_WORLD, build_world, make_period, make_policy

		frappe.set_user("Administrator")
		cls.o = build_world(EVALUATION_WORLD)
		make_policy()
		cls.period = make_period("2042-02-01", "2042-02-28")
		generate_evaluations(cls.period)
		frappe.db.set_value("User", cls.o.user["a1"], "language", "vi")

	def tearDown(self):
		frappe.set_user("Administrator")

	def alerts(self, user, name):
		return frappe.get_all(
			"Notification Log",
			filters={"for_user": user, "document_name": name},
			pluck="subject",
			order_by="creation",
		)

	def test_each_evaluation_step_tells_the_next_person(self):
		from soson_discipline.tests.factories import act_on_evaluation as act
		from soson_discipline.tests.factories import get_evaluation

		o = self.o
		name = get_evaluation(self.period, o.cadre["a1"]).name
		act(o.user["a1"], name, "Self-Assess", "self_score", 9)
		self.assertEqual(len(self.alerts(o.user["ratera"], name)), 1)  # the rater: awaits rating
		self.assertEqual(self.alerts(o.user["a1"], name), [])  # not told of his own step

		from frappe.model.workflow import apply_workflow

		from soson_discipline.tests.factories import as_user

		with as_user(o.user["ratera"]):
			doc = frappe.get_doc("Cadre Evaluation", name)
			doc.return_reason = "Thiếu minh chứng"
			doc.save()
			apply_workflow(doc, "Return")
		returned = self.alerts(o.user["a1"], name)
		self.assertEqual(len(returned), 1)
		self.assertIn("trả lại", returned[0])  # in the cadre's language (vi)
		log = frappe.get_last_doc(
			"Notification Log", filters={"for_user": o.user["a1"], "document_name": name}
		)
		self.assertIn("Thiếu minh chứng", log.email_content)

		act(o.user["a1"], name, "Self-Assess")
		act(o.user["ratera"], name, "Rate Evaluation", "rater_score", 9)
		self.assertTrue(self.alerts(o.user["head"], name))  # the approver
		act(o.user["head"], name, "Approve")
		self.assertIn("phê duyệt", self.alerts(o.user["a1"], name)[-1])
		# told once: a submit runs `on_update` and `on_submit`, and the step was wired to both
		self.assertEqual(len([a for a in self.alerts(o.user["a1"], name) if "phê duyệt" in a]), 1)

	def test_a_task_given_tells_its_assignee_once(self):
		from soson_discipline.tests.factories import as_user, make_task

		o = self.o
		with as_user(o.user["raterb"]):
			task = make_task(
				o.board_b, assignee=o.cadre["b1"], assigned_by=o.cadre["raterb"], title="NT bài tập"
			)
			task.reload()
			task.description = "changed"
			task.save()
		self.assertEqual(len(self.alerts(o.user["b1"], task.name)), 1)
		self.assertIn("NT bài tập", self.alerts(o.user["b1"], task.name)[0])
