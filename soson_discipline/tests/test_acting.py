"""Acting heads and raters (issue 29), as the people concerned do it through the desk's calls:

- the Discipline Administrator records who acts for whom (`frappe.client.insert` / `submit`);
- within the span, a deputy acting for his head holds the head's rights for the unit: he reads the
  unit's evaluations, rates whom the head rates, approves the unit's month and issues its plans; the
  head's notices reach him, and each step he takes is written on the record's timeline naming the
  assignment; he still never rates or approves his own evaluation;
- a cadre acting for the head of another unit oversees that unit only, not his own;
- before and after the span he holds none of it, even before the nightly job withdraws the role;
- the roles follow the span; a second run of the job changes nothing;
- bad input is refused with the reason: a span ending before it starts, overlapping assignments for
  one post, acting for oneself, a rater's post without the rater, a head naming himself.
"""

import frappe
from frappe.client import cancel as client_cancel
from frappe.client import insert as client_insert
from frappe.client import submit as client_submit
from frappe.model.workflow import get_transitions
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from soson_discipline.acting import ACTING
from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.org import get_approver_users, get_subtree_units, get_unit_heads, get_user_units
from soson_discipline.permissions import can_approve_evaluation, can_approve_plan, can_rate
from soson_discipline.roles import sync_acting_roles
from soson_discipline.soson_discipline.doctype.acting_assignment.acting_assignment import (
	ActingAssignmentError,
)
from soson_discipline.tests.factories import (
	CADRE,
	PARTY_BOARD,
	UNIT_HEAD,
	act_on_evaluation,
	as_user,
	build_world,
	get_evaluation,
	make_period,
	make_plan,
	make_policy,
)

POLICY = "AC Acting Policy"
WORLD = {
	"email": "{}@acting.test.soson.vn",
	"units": {
		"root": ("AC Ủy ban kiểm thử", "ACUB", None),
		"board_a": ("AC Ban A", "ACBA", "root", PARTY_BOARD),
		"board_b": ("AC Ban B", "ACBB", "root", PARTY_BOARD),
	},
	"people": {
		"sc": ("AC Thường vụ", "root", ["Standing Committee", "Cadre"], {"is_leader": 1}),
		"admin": ("AC Quản trị", "root", ["Discipline Administrator", "Cadre"]),
		"clerk": ("AC Chuyên viên Ủy ban", "root", CADRE, {"rater": "sc"}),
		"head_a": ("AC Trưởng ban A", "board_a", UNIT_HEAD, {"rater": "sc", "heads": "board_a"}),
		"deputy": ("AC Phó ban A", "board_a", CADRE, {"rater": "head_a"}),
		"a1": ("AC Chuyên viên A1", "board_a", CADRE, {"rater": "head_a"}),
		"a2": ("AC Chuyên viên A2", "board_a", CADRE, {"rater": "head_a"}),
		"a3": ("AC Chuyên viên A3", "board_a", CADRE, {"rater": "head_a"}),
		"head_b": ("AC Trưởng ban B", "board_b", UNIT_HEAD, {"rater": "sc", "heads": "board_b"}),
		"b1": ("AC Chuyên viên B1", "board_b", CADRE, {"rater": "head_b"}),
		"b2": ("AC Phó ban B", "board_b", CADRE, {"rater": "head_b"}),
		"b3": ("AC Chuyên viên B3", "board_b", CADRE, {"rater": "head_b"}),
	},
}


def day(offset: int) -> str:
	return str(add_days(today(), offset))


class TestActing(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.w = w = build_world(WORLD)
		make_policy(POLICY, effective_from="2026-01-01")
		cls.period = make_period("2026-10-01", "2026-10-31", policy=POLICY)
		generate_evaluations(
			cls.period, only_cadres=[w.cadres[k] for k in ("deputy", "a1", "a3", "b1", "b3")]
		)
		# the deputy acts for head A now; the clerk of the committee acts for head B today only, and
		# B's deputy acted for head B until yesterday and will again from tomorrow
		cls.deputy_acts = cls.assign("board_a", "deputy", day(-5), day(5), reason="Leave")
		cls.assign("board_b", "b2", day(-10), day(-1), reason="Business Trip")
		cls.clerk_acts = cls.assign("board_b", "clerk", day(0), day(0), reason="Leave")
		cls.assign("board_b", "b2", day(1), day(10), reason="Leave")

	def tearDown(self):
		frappe.set_user("Administrator")

	@classmethod
	def assign(cls, unit: str, acting: str, start: str, end: str, user: str = "admin", **values) -> str:
		"""An Acting Assignment inserted and submitted through `frappe.client`, as `user`."""
		w = cls.w
		values.setdefault("reason", "Leave")
		with as_user(w.users[user]):
			doc = client_insert(
				{
					"doctype": ACTING,
					"organization_unit": w.units[unit],
					"post": values.pop("post", "Unit Head"),
					"acting_cadre": w.cadres[acting],
					"from_date": start,
					"to_date": end,
					"decision_number": "12/QĐ-AC",
					**values,
				}
			)
			return client_submit(doc)["name"]

	def evaluation(self, key: str):
		return get_evaluation(self.period, self.w.cadres[key])

	def self_assess(self, key: str):
		return act_on_evaluation(self.w.users[key], self.evaluation(key).name, "Self-Assess", "self_score", 9)

	# ------------------------------------------------------------------------------------------
	# Within the span

	def test_the_deputy_rates_and_approves_the_unit_month_and_it_is_recorded(self):
		w = self.w
		self.self_assess("a1")
		name = self.evaluation("a1").name
		with as_user(w.users["deputy"]):
			self.assertTrue(frappe.has_permission("Cadre Evaluation", "read", name))
			self.assertIn(name, frappe.get_list("Cadre Evaluation", pluck="name"))
		rated = act_on_evaluation(w.users["deputy"], name, "Rate Evaluation", "rater_score", 9)
		self.assertEqual(rated.workflow_state, "Rated")
		approved = act_on_evaluation(w.users["deputy"], name, "Approve")
		self.assertEqual((approved.workflow_state, approved.approver), ("Approved", w.cadres["deputy"]))
		notes = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Cadre Evaluation", "reference_name": name, "comment_type": "Info"},
			pluck="content",
		)
		acting_notes = [note for note in notes if self.deputy_acts in note]
		self.assertEqual(len(acting_notes), 2, notes)
		self.assertTrue(all("AC Trưởng ban A" in note for note in acting_notes))

	def test_the_deputy_never_rates_his_own_evaluation(self):
		w = self.w
		self.self_assess("deputy")
		doc = self.evaluation("deputy")
		with as_user(w.users["deputy"]):
			self.assertFalse(can_rate(doc))
			self.assertFalse(can_approve_evaluation(doc))
			self.assertNotIn("Rate Evaluation", [t.action for t in get_transitions(doc)])
		with self.assertRaises((frappe.ValidationError, frappe.PermissionError)):
			act_on_evaluation(w.users["deputy"], doc.name, "Rate Evaluation", "rater_score", 10)
		self.assertEqual(self.evaluation("deputy").workflow_state, "Self-Assessed")

	def test_the_head_s_notices_and_posts_reach_the_deputy(self):
		w = self.w
		self.self_assess("a3")
		told = frappe.get_all(
			"Notification Log",
			filters={"for_user": w.users["deputy"], "document_name": self.evaluation("a3").name},
			pluck="subject",
		)
		self.assertTrue(told, "the acting rater is told that a rating awaits him")
		self.assertEqual(get_unit_heads(w.units["board_a"])[0], w.cadres["deputy"])
		self.assertIn(w.cadres["head_a"], get_unit_heads(w.units["board_a"]))
		self.assertIn(w.users["deputy"], get_approver_users(w.units["board_a"], False))
		self.assertIn(w.users["clerk"], get_approver_users(w.units["board_b"], False))

	def test_the_deputy_issues_the_unit_s_plan_and_nobody_else_s(self):
		w = self.w
		with as_user(w.users["admin"]):
			plan = make_plan(w.units["board_a"])
		plan.db_set("workflow_state", "Pending Approval")
		plan.reload()
		with as_user(w.users["deputy"]):
			self.assertTrue(can_approve_plan(plan))
			self.assertIn("Issue", [t.action for t in get_transitions(plan)])
		with as_user(w.users["clerk"]):  # acting for another unit's head: this plan is not his
			self.assertFalse(can_approve_plan(plan))
			self.assertRaises(frappe.PermissionError, get_transitions, plan)

	def test_acting_for_another_unit_s_head_oversees_that_unit_only(self):
		w = self.w
		with as_user(w.users["clerk"]):
			self.assertEqual(sorted(get_user_units()), sorted(get_subtree_units(w.units["board_b"])))
		self.self_assess("b1")
		name = self.evaluation("b1").name
		act_on_evaluation(w.users["head_b"], name, "Rate Evaluation", "rater_score", 9)
		approved = act_on_evaluation(w.users["clerk"], name, "Approve")
		self.assertEqual(approved.workflow_state, "Approved")

	# ------------------------------------------------------------------------------------------
	# Before and after the span

	def test_before_and_after_the_span_the_deputy_holds_nothing(self):
		w = self.w
		self.self_assess("b3")
		doc = self.evaluation("b3")
		with as_user(w.users["b2"]):
			self.assertEqual(get_user_units(), [])
			self.assertFalse(can_rate(doc))
			self.assertFalse(can_approve_evaluation(doc))
			self.assertFalse(frappe.has_permission("Cadre Evaluation", "read", doc.name))
			self.assertNotIn(doc.name, frappe.get_list("Cadre Evaluation", pluck="name"))
		with self.assertRaises((frappe.ValidationError, frappe.PermissionError)):
			act_on_evaluation(w.users["b2"], doc.name, "Rate Evaluation", "rater_score", 10)
		self.assertEqual(self.evaluation("b3").workflow_state, "Self-Assessed")

	def test_the_roles_follow_the_span_and_the_job_changes_nothing_twice(self):
		w = self.w
		self.assertTrue({"Unit Head", "Rater"} <= set(frappe.get_roles(w.users["deputy"])))
		self.assertNotIn("Unit Head", frappe.get_roles(w.users["b2"]))
		# a rater's post for a week, then cancelled: the role comes and goes with it
		name = self.assign("board_a", "a2", day(0), day(6), post="Rater", for_cadre=w.cadres["head_a"])
		self.assertIn("Rater", frappe.get_roles(w.users["a2"]))
		with as_user(w.users["admin"]):
			client_cancel(ACTING, name)
		self.assertNotIn("Rater", frappe.get_roles(w.users["a2"]))
		sync_acting_roles()
		self.assertEqual(sync_acting_roles(), {"added": 0, "removed": 0})

	# ------------------------------------------------------------------------------------------
	# Bad input

	def test_bad_assignments_are_refused_with_the_reason(self):
		w = self.w
		before = frappe.db.count(ACTING)
		cases = (
			# a span ending before it starts
			({"from_date": day(3), "to_date": day(1)}, "To Date"),
			# one acting cadre per post at a time
			({"organization_unit": w.units["board_a"], "acting_cadre": w.cadres["a1"]}, "AC Phó ban A"),
			# in place of himself
			({"post": "Rater", "for_cadre": w.cadres["a1"], "acting_cadre": w.cadres["a1"]}, None),
			# a rater's post names the rater
			({"post": "Rater", "acting_cadre": w.cadres["a1"]}, "In Place Of"),
		)
		for values, named in cases:
			doc = {
				"doctype": ACTING,
				"organization_unit": w.units["board_a"],
				"post": "Unit Head",
				"acting_cadre": w.cadres["a3"],
				"reason": "Leave",
				"from_date": day(2),
				"to_date": day(4),
				**values,
			}
			with as_user(w.users["admin"]), self.assertRaises(ActingAssignmentError) as refused:
				client_insert(doc)
			if named:
				self.assertIn(named, str(refused.exception))
		# a head naming himself, and a plain cadre, are refused too
		with as_user(w.users["head_b"]), self.assertRaises(ActingAssignmentError):
			client_insert(
				{
					"doctype": ACTING,
					"organization_unit": w.units["board_b"],
					"post": "Rater",
					"for_cadre": w.cadres["b1"],
					"acting_cadre": w.cadres["head_b"],
					"reason": "Other",
					"from_date": day(20),
					"to_date": day(21),
				}
			)
		with as_user(w.users["a1"]), self.assertRaises(frappe.PermissionError):
			client_insert(
				{
					"doctype": ACTING,
					"organization_unit": w.units["board_a"],
					"acting_cadre": w.cadres["a2"],
					"reason": "Leave",
					"from_date": day(30),
					"to_date": day(31),
				}
			)
		self.assertEqual(frappe.db.count(ACTING), before)
