"""Leaders after their units (issue 22 item 4), as the roles concerned drive it on a bench site:

- a deputy head is scored on the fields he or she is responsible for (`Cadre.responsible_units`,
  Decree 335/2025: deputies are evaluated within their assigned fields), which the Discipline
  Administrator records on the Cadre form; a leader's draft follows his units' results at once;
- where the office lets heads be approved before their units, an approved head whose unit result
  changes afterwards is flagged for re-approval and the Standing Committee is told;
- Decree 335/2025, levels article 4(d): the leaders of a unit dealt with for embezzlement, corruption
  or waste are Not completed in the period of the decision, with the reason; an approved month gets
  a note, the year counts it at once, and an annulled decision takes it back.
"""

import frappe
from frappe.tests.utils import FrappeTestCase

from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.evaluation.leaders import flag_for_reapproval
from soson_discipline.soson_discipline.doctype.violation_record.violation_record import SelfVerificationError
from soson_discipline.tests.factories import (
	CADRE,
	PARTY_BOARD,
	UNIT_HEAD,
	act,
	act_on_evaluation,
	approve_as,
	as_user,
	build_world,
	get_evaluation,
	make_category,
	make_directive,
	make_period,
	make_policy,
	raw_insert,
)

POLICY = "LD Leaders After Their Units Policy"
YEAR = 2022  # a past year: a violation is never detected in the future
BOARD_HEAD = ["Rater", "Unit Head", "Cadre"]
LEADERS_WORLD = {
	"email": "{}@ld.test",
	"units": {
		"root": ("LD Đảng ủy (kiểm thử)", "LDĐU", None),
		"board_a": ("LD Ban A (kiểm thử)", "LDBA", "root", PARTY_BOARD),
		"board_b": ("LD Ban B (kiểm thử)", "LDBB", "root", PARTY_BOARD),
	},
	"people": {
		"sc": ("LD Thường vụ", "root", ["Standing Committee", "Cadre"], {"is_leader": 1}),
		"head": ("LD Bí thư", "root", UNIT_HEAD, {"rater": "sc", "is_leader": 1, "heads": "root"}),
		"dep": ("LD Phó Bí thư", "root", ["Rater", "Cadre"], {"rater": "head", "is_leader": 1}),
		"heada": (
			"LD Trưởng ban A",
			"board_a",
			[*BOARD_HEAD, "Inspector"],
			{"rater": "head", "is_leader": 1, "heads": "board_a"},
		),
		"headb": (
			"LD Trưởng ban B",
			"board_b",
			BOARD_HEAD,
			{"rater": "head", "is_leader": 1, "heads": "board_b"},
		),
		"a1": ("LD Chuyên viên A1", "board_a", CADRE, {"rater": "heada"}),
		"b1": ("LD Chuyên viên B1", "board_b", CADRE, {"rater": "headb"}),
		"admin": ("LD Quản trị", "root", ["Discipline Administrator", "Cadre"]),
		"insp": ("LD Kiểm tra viên", "root", ["Inspector", "Cadre"]),
	},
	"aliases": {"cadre": "cadres", "user": "users"},
}
EVERYONE = ("head", "dep", "heada", "headb", "a1", "b1")


def evaluation_of(period: str, cadre: str) -> frappe._dict:
	return frappe.db.get_value(
		"Cadre Evaluation",
		{"evaluation_period": period, "cadre": cadre},
		[
			"name",
			"docstatus",
			"unit_factor",
			"total_score",
			"computed_level",
			"reasons",
			"units_dealt_with",
			"discipline_note",
			"reapproval_note",
		],
		as_dict=True,
	)


class TestLeadersAfterTheirUnits(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = o = build_world(LEADERS_WORLD)
		make_policy(POLICY, effective_from=f"{YEAR}-01-01")
		with as_user(o.user["admin"]):  # the Discipline Administrator, from the forms
			frappe.client.set_value("Evaluation Policy", POLICY, "leader_unit_factor", "1")
			deputy = frappe.get_doc("Cadre", o.cadre["dep"])
			deputy.append(
				"responsible_units", {"organization_unit": o.board_b, "field_of_work": "Tuyên giáo"}
			)
			deputy.save()
		directive = make_directive("24-CT/LD", o.root, "Kỷ cương (kiểm thử lãnh đạo)")
		cls.corruption = make_category("LD-TN", "Tham nhũng vặt (kiểm thử)", directive, deduction=0)

	def tearDown(self):
		frappe.set_user("Administrator")

	def month(self, number: int) -> str:
		period = make_period(f"{YEAR}-{number:02d}-01", f"{YEAR}-{number:02d}-28", policy=POLICY)
		generate_evaluations(period, only_cadres=[self.o.cadre[k] for k in EVERYONE])
		return period

	def test_fields_of_responsibility_are_a_leaders_own_units_each_once(self):
		o = self.o
		with as_user(o.user["admin"]):
			deputy = frappe.get_doc("Cadre", o.cadre["dep"])
			deputy.append("responsible_units", {"organization_unit": o.board_b})
			with self.assertRaises(frappe.ValidationError) as twice:
				deputy.save()
			self.assertIn("Units Responsible For", str(twice.exception))
			self.assertIn("twice", str(twice.exception))
			cadre = frappe.get_doc("Cadre", o.cadre["a1"])  # not a leader
			cadre.append("responsible_units", {"organization_unit": o.board_a})
			with self.assertRaises(frappe.ValidationError) as not_leader:
				cadre.save()
			self.assertIn("Is Leader", str(not_leader.exception))
			board_head = frappe.get_doc("Cadre", o.cadre["heada"])  # board B is not below board A
			board_head.append("responsible_units", {"organization_unit": o.board_b})
			with self.assertRaises(frappe.ValidationError) as outside:
				board_head.save()
			self.assertIn(o.board_b, str(outside.exception))
		rows = frappe.get_all(
			"Cadre Responsible Unit", filters={"parent": o.cadre["dep"]}, pluck="organization_unit"
		)
		self.assertEqual(rows, [o.board_b])  # nothing of the refused saves was written

	def test_a_deputy_is_scored_on_his_fields_and_a_leaders_draft_follows_his_units(self):
		o = self.o
		march = self.month(3)
		for key in ("head", "dep", "heada"):
			self.assertEqual(evaluation_of(march, o.cadre[key]).unit_factor, 100)
		# a1, of board A, approved as not completed by the board's head
		approve_as(
			o,
			get_evaluation(march, o.cadre["a1"]).name,
			10,
			approver="heada",
			final_level="D",
			override_reason="Chậm trễ nghiêm trọng",
		)
		# the drafts of those who lead board A follow at once: the committee's head and board A's
		self.assertEqual(evaluation_of(march, o.cadre["head"]).unit_factor, 50)
		self.assertEqual(evaluation_of(march, o.cadre["heada"]).unit_factor, 50)
		# the deputy is responsible for board B only
		self.assertEqual(evaluation_of(march, o.cadre["dep"]).unit_factor, 100)
		approve_as(
			o,
			get_evaluation(march, o.cadre["b1"]).name,
			10,
			approver="headb",
			final_level="D",
			override_reason="Chậm trễ nghiêm trọng",
		)
		deputy = evaluation_of(march, o.cadre["dep"])
		self.assertEqual(deputy.unit_factor, 50)
		self.assertIn("50%", deputy.reasons)
		# the deputy sees it on his own form
		with as_user(o.user["dep"]):
			self.assertEqual(frappe.client.get("Cadre Evaluation", deputy.name)["unit_factor"], 50)

	def test_a_head_approved_before_his_unit_is_flagged_for_reapproval(self):
		o = self.o
		april = self.month(4)
		with as_user(o.user["admin"]):
			frappe.client.set_value(
				"Discipline Settings", "Discipline Settings", "approve_heads_after_their_units", "0"
			)
		try:
			head_ev = evaluation_of(april, o.cadre["head"]).name
			act_on_evaluation(o.user["head"], head_ev, "Self-Assess", "self_score", 10)
			act_on_evaluation(o.user["sc"], head_ev, "Rate Evaluation", "rater_score", 10)
			act_on_evaluation(o.user["sc"], head_ev, "Approve")  # the office allows it before the unit
			self.assertEqual(
				(
					evaluation_of(april, o.cadre["head"]).docstatus,
					evaluation_of(april, o.cadre["head"]).unit_factor,
				),
				(1, 100),
			)
			approve_as(
				o,
				get_evaluation(april, o.cadre["a1"]).name,
				10,
				approver="heada",
				final_level="D",
				override_reason="Chậm trễ nghiêm trọng",
			)
			head = evaluation_of(april, o.cadre["head"])
			self.assertEqual(
				(head.docstatus, head.unit_factor, head.total_score), (1, 100, 90)
			)  # not re-scored
			self.assertIn("50", head.reapproval_note)
			comments = frappe.get_all(
				"Comment",
				filters={"reference_doctype": "Cadre Evaluation", "reference_name": head_ev},
				pluck="content",
			)
			self.assertTrue(any("50" in (c or "") for c in comments))
			told = frappe.get_all(
				"Notification Log",
				filters={"for_user": o.user["sc"], "document_name": head_ev},
				pluck="subject",
			)
			self.assertTrue(told)
			# nobody clears the flag through a save: only the result below does
			with as_user(o.user["sc"]):
				try:
					frappe.client.set_value("Cadre Evaluation", head_ev, "reapproval_note", "")
				except (frappe.PermissionError, frappe.ValidationError):
					pass  # refused outright, or kept by the controller: either way it stays
			self.assertTrue(evaluation_of(april, o.cadre["head"]).reapproval_note)
			# approved before the factor was recorded on it: what it was approved with is unknown
			frappe.db.set_value("Cadre Evaluation", head_ev, {"unit_factor": 0, "reapproval_note": None})
			flag_for_reapproval(frappe.get_doc("Cadre Evaluation", head_ev), 50)
			self.assertFalse(evaluation_of(april, o.cadre["head"]).reapproval_note)
		finally:
			frappe.db.set_single_value("Discipline Settings", "approve_heads_after_their_units", 1)

	def test_the_leaders_of_a_unit_dealt_with_for_corruption_are_not_completed(self):
		o = self.o
		may = self.month(5)
		with as_user(o.user["admin"]):
			frappe.client.set_value("Violation Category", self.corruption, "corruption_or_waste", "1")
		# board B's month is approved first, its head's after it
		approve_as(o, get_evaluation(may, o.cadre["b1"]).name, 10, approver="headb")
		approve_as(o, get_evaluation(may, o.cadre["headb"]).name, 10, approver="sc")
		self.assertEqual(evaluation_of(may, o.cadre["headb"]).computed_level, "A")
		record = raw_insert(
			"Violation Record",
			{
				"cadre": o.cadre["b1"],
				"organization_unit": o.board_b,
				"violation_category": self.corruption,
				"detected_on": f"{YEAR}-05-10",
				"detection_source": "Superior Report",
				"discipline_outcome": "Reprimand",
				"discipline_decision": "QĐ 12-QĐ/LD",
				"discipline_decision_date": f"{YEAR}-05-20",
				"workflow_state": "Reported",
				"description": "Nhận tiền của người dân khi giải quyết hồ sơ (kiểm thử)",
			},
		)
		act(record, "Verify", o.user["admin"])  # the Discipline Administrator verifies it
		# the deputy responsible for board B: his draft is worked out again, not completed, with the reason
		deputy = evaluation_of(may, o.cadre["dep"])
		self.assertEqual(deputy.computed_level, "D")
		self.assertIn("4(d)", deputy.reasons)
		self.assertIn(record, deputy.units_dealt_with)
		# board B's head, approved before the decision: the month keeps its score, notes it, the year counts it
		headb = evaluation_of(may, o.cadre["headb"])
		self.assertEqual((headb.docstatus, headb.computed_level), (1, "A"))
		self.assertIn(record, headb.discipline_note)
		self.assertIn("4(d)", headb.discipline_note)
		year = frappe.db.get_value(
			"Cadre Year Result",
			{"cadre": o.cadre["headb"], "year": YEAR},
			["disciplined", "proposed_level"],
			as_dict=True,
		)
		self.assertEqual((year.disciplined, year.proposed_level), (1, "D"))
		# the committee's head leads board B only through the committee: not directly
		self.assertNotEqual(evaluation_of(may, o.cadre["head"]).computed_level, "D")
		self.assertFalse(evaluation_of(may, o.cadre["head"]).units_dealt_with)
		# the decision annulled: all of it comes back
		with as_user(o.user["admin"]):
			frappe.client.set_value(
				"Violation Record",
				record,
				{"discipline_outcome": "None", "discipline_decision": None, "discipline_decision_date": None},
			)
		self.assertNotEqual(evaluation_of(may, o.cadre["dep"]).computed_level, "D")
		self.assertFalse(evaluation_of(may, o.cadre["headb"]).discipline_note)
		self.assertEqual(
			frappe.db.get_value(
				"Cadre Year Result", {"cadre": o.cadre["headb"], "year": YEAR}, "proposed_level"
			),
			"A",
		)

	def test_a_collective_violation_names_the_unit_and_reaches_its_leaders(self):
		"""A Violation Record about board A as a whole (no cadre): recorded by an inspector from the
		form, refused without a cadre when it is not collective, verified by the Discipline
		Administrator; board A's head (an inspector too, who may not verify it) is Not completed in the
		month of the decision."""
		o = self.o
		june = self.month(6)
		with as_user(o.user["admin"]):
			frappe.client.set_value("Violation Category", self.corruption, "corruption_or_waste", "1")
		with as_user(o.user["insp"]):
			values = {
				"doctype": "Violation Record",
				"organization_unit": o.board_a,
				"violation_category": self.corruption,
				"detected_on": f"{YEAR}-06-08",
				"detection_source": "Superior Report",
				"description": "Tập thể Ban A để xảy ra lãng phí kinh phí hội nghị (kiểm thử)",
			}
			with self.assertRaises(frappe.MandatoryError) as missing:
				frappe.client.insert({**values, "collective": "0"})
			self.assertIn("Cadre", str(missing.exception))
			record = frappe.client.insert(
				{**values, "collective": "1", "cadre": o.cadre["a1"]}  # a cadre sent along is dropped
			)
		self.assertEqual((record["cadre"], record["collective"]), (None, 1))
		self.assertIn("LD Ban A", record["title"])
		# board A's head leads the collective: he may not verify it
		with self.assertRaises(SelfVerificationError):
			act(record["name"], "Verify", o.user["heada"])
		act(record["name"], "Verify", o.user["admin"])
		with as_user(o.user["admin"]):
			frappe.client.set_value(
				"Violation Record",
				record["name"],
				{
					"discipline_outcome": "Warning",
					"discipline_decision": "QĐ 20-QĐ/LD",
					"discipline_decision_date": f"{YEAR}-06-15",
				},
			)
		heada = evaluation_of(june, o.cadre["heada"])
		self.assertEqual(heada.computed_level, "D")
		self.assertIn(record["name"], heada.units_dealt_with)
		# nobody of the collective is disciplined by name: a1's month is untouched
		self.assertNotEqual(evaluation_of(june, o.cadre["a1"]).computed_level, "D")
		told = frappe.get_all(
			"Notification Log",
			filters={"for_user": o.user["heada"], "document_name": record["name"]},
			pluck="name",
		)
		self.assertTrue(told)
