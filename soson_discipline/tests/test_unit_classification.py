"""A unit classified as a collective for the year, and its head held to it (issue 29), as the people
concerned do it from the desk:

- the Discipline Administrator creates the year's drafts for every staffed unit (a second run creates
  none);
- the unit's figures are its own: its tasks (a task broken down inside the unit counts through its parts), the
  members of its leadership disciplined in the year, its members' levels;
- the unit's head proposes (general criteria within the policy's points, with the assessment) and the
  head of the unit above approves; the unit's own head may not; a different level needs a reason;
- Regulation 366-QĐ/TW Art. 11 (collectives): every task on time and 30 % exceeded reach the top
  level; the canonical cases of each level are in tests/test_collective.py;
- once the unit is approved, its head's draft year is held to the unit's level with the reason, and a
  higher final level is refused; the office may switch the rule off;
- bad input is refused with the field named: points above the policy's, a year not begun, a second
  classification of the unit for the year.
"""

import frappe
from frappe.client import insert as client_insert
from frappe.client import save as client_save
from frappe.client import submit as client_submit
from frappe.tests.utils import FrappeTestCase

from soson_discipline.evaluation.classification import create_cadre_classifications
from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.evaluation.unit_classification import (
	HOLD_HEADS_SETTING,
	UNIT_CLASSIFICATION,
	UnitClassificationError,
	create_unit_classifications,
)
from soson_discipline.tests.factories import (
	CADRE,
	PARTY_BOARD,
	UNIT_HEAD,
	as_user,
	build_world,
	make_period,
	make_policy,
	raw_insert,
)

POLICY = "UC Unit Policy"  # A 90 (top) / B 70 (good) / C 50 / D; general 30, tasks 70
YEAR = 2024
WORLD = {
	"email": "{}@uc.test.soson.vn",
	"units": {
		"city": ("UC Thành ủy kiểm thử", "UCTU", None),
		"commune": ("UC Đảng ủy xã", "UCĐU", "city"),
		"board": ("UC Ban Xây dựng Đảng", "UCBX", "commune", PARTY_BOARD),
		"other": ("UC Đảng ủy xã khác", "UCKH", "city"),
	},
	"people": {
		"sc": ("UC Thường vụ", "city", ["Standing Committee", "Cadre"], {"is_leader": 1}),
		"admin": ("UC Quản trị", "city", ["Discipline Administrator", "Cadre"]),
		"commune_head": (
			"UC Bí thư xã",
			"commune",
			UNIT_HEAD,
			{"rater": "sc", "heads": "commune", "is_leader": 1},
		),
		"board_head": ("UC Trưởng ban", "board", UNIT_HEAD, {"rater": "commune_head", "heads": "board"}),
		"b1": ("UC Chuyên viên 1", "board", CADRE, {"rater": "board_head"}),
		"b2": ("UC Chuyên viên 2", "board", CADRE, {"rater": "board_head"}),
		"other_head": ("UC Bí thư xã khác", "other", UNIT_HEAD, {"rater": "sc", "heads": "other"}),
	},
}


def task(w, unit: str, n: int, **values) -> str:
	"""A task of `unit` due in March of the year, completed on time unless told."""
	return raw_insert(
		"Assigned Task",
		{
			"title": f"UC task {unit} {n}",
			"organization_unit": w.units[unit],
			"assignee": w.cadres["b1"],
			"assigned_by": w.cadres["board_head"],
			"start_date": f"{YEAR}-03-01",
			"due_date": f"{YEAR}-03-20",
			"status": "Completed",
			"completed_on": f"{YEAR}-03-15",
			"weight": 1,
			**values,
		},
	)


class TestUnitClassification(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.w = w = build_world(WORLD)
		make_policy(POLICY, effective_from=f"{YEAR}-01-01")
		# the board: ten tasks on time, three of them exceeding requirements; one of them broken down
		# inside the board (it counts through its part, not again as a whole)
		parent = task(w, "board", 0, quality_result="Exceeded Requirements")
		for n in range(1, 10):
			task(w, "board", n, **({"quality_result": "Exceeded Requirements"} if n < 3 else {}))
		task(
			w, "board", 99, parent_task=parent, title="UC broken down", quality_result="Exceeded Requirements"
		)
		# the commune: its head reprimanded in May
		raw_insert(
			"Violation Record",
			{
				"cadre": w.cadres["commune_head"],
				"organization_unit": w.units["commune"],
				"detected_on": f"{YEAR}-05-02",
				"discipline_outcome": "Reprimand",
				"discipline_decision_date": f"{YEAR}-05-20",
				"workflow_state": "Verified",
				"docstatus": 1,
				"description": "UC kiểm thử",
			},
		)
		# the board's members' year: one excellent, one good
		for key, level in (("b1", "A"), ("b2", "B")):
			raw_insert(
				"Cadre Year Result",
				{
					"cadre": w.cadres[key],
					"year": YEAR,
					"organization_unit": w.units["board"],
					"evaluation_policy": POLICY,
					"proposed_level": level,
				},
			)
		# the board's head: eleven months approved at 95 (the approvals are tested elsewhere)
		periods = [
			make_period(
				f"{YEAR}-{m:02d}-01", str(frappe.utils.get_last_day(f"{YEAR}-{m:02d}-01")), policy=POLICY
			)
			for m in range(1, 12)
		]
		for period in periods:
			generate_evaluations(period, only_cadres=[w.cadres["board_head"]])
		ce = frappe.qb.DocType("Cadre Evaluation")
		frappe.qb.update(ce).set(ce.docstatus, 1).set(ce.workflow_state, "Approved").set(
			ce.total_score, 95
		).set(ce.final_level, "A").where(ce.evaluation_period.isin(periods)).run()
		with as_user(w.users["admin"]):
			cls.created = create_unit_classifications(str(YEAR), w.units["city"])
			create_cadre_classifications("Year", str(YEAR), organization_unit=w.units["board"])
		frappe.db.set_single_value("Discipline Settings", HOLD_HEADS_SETTING, 1)
		# the board's head proposes his collective (the general criteria are his judgement)
		cls.propose("board", "board_head", general_points=28, general_assessment="Đoàn kết, kỷ cương tốt")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.set_single_value("Discipline Settings", HOLD_HEADS_SETTING, 1)

	@classmethod
	def of(cls, unit: str) -> str:
		return frappe.db.get_value(
			UNIT_CLASSIFICATION,
			{"organization_unit": cls.w.units[unit], "year": YEAR, "docstatus": ("<", 2)},
		)

	def head_year(self):
		name = frappe.db.get_value(
			"Cadre Classification",
			{
				"cadre": self.w.cadres["board_head"],
				"classification_type": "Year",
				"year": YEAR,
				"docstatus": ("<", 2),
			},
		)
		return frappe.get_doc("Cadre Classification", name)

	@classmethod
	def propose(cls, unit: str, user: str, **values):
		"""As `user`, the desk's save of the draft with `values` (the policy set for the test)."""
		doc = frappe.get_doc(UNIT_CLASSIFICATION, cls.of(unit)).as_dict()
		doc.update({"evaluation_policy": POLICY, **values})
		with as_user(cls.w.users[user]):
			return client_save(doc)

	# ------------------------------------------------------------------------------------------

	def test_the_year_s_drafts_are_created_once_for_every_staffed_unit(self):
		self.assertEqual(self.created, {"created": 4})
		for unit in ("city", "commune", "board", "other"):
			self.assertTrue(self.of(unit), unit)
		with as_user(self.w.users["admin"]):
			self.assertEqual(create_unit_classifications(str(YEAR), self.w.units["city"]), {"created": 0})
			self.assertRaises(
				frappe.LinkValidationError, create_unit_classifications, str(YEAR), "UC không có"
			)
		with as_user(self.w.users["board_head"]), self.assertRaises(frappe.PermissionError):
			create_unit_classifications(str(YEAR), self.w.units["board"])

	def test_the_unit_s_own_figures(self):
		board = frappe.get_doc(UNIT_CLASSIFICATION, self.of("board")).as_dict()
		# ten tasks (the one broken down inside the board counts through its part), all on time, three exceeded
		self.assertEqual(
			(board["tasks_assigned"], board["tasks_on_time"], board["tasks_exceeded"]), (10, 10, 3)
		)
		self.assertEqual(
			(board["members_classified"], board["members_top"], board["members_good"]), (2, 1, 1)
		)
		self.assertEqual(board["members_good_percent"], 100)
		# Regulation 366 Art. 11: every task on time and of quality, 30 % exceeded → the top level
		self.assertEqual((board["task_points"], board["total_score"], board["proposed_level"]), (70, 98, "A"))
		commune = self.propose("commune", "commune_head", general_points=30)
		self.assertEqual(commune["disciplined_leaders"], 1)
		self.assertIn("UC Bí thư xã", commune["discipline_detail"])

	def test_the_level_above_approves_and_the_head_is_held_to_the_unit(self):
		w = self.w
		self.assertEqual(self.head_year().proposed_level, "A")
		name = self.of("board")
		# the unit's own head may not approve his collective
		with as_user(w.users["board_head"]), self.assertRaises(frappe.PermissionError):
			client_submit(frappe.get_doc(UNIT_CLASSIFICATION, name).as_dict())
		# the head of the commune decides the board is good, not excellent: a reason is needed
		with self.assertRaises(frappe.MandatoryError):
			self.propose("board", "commune_head", final_level="B")
		self.propose("board", "commune_head", final_level="B", level_reason="Chưa có sáng kiến nổi bật")
		with as_user(w.users["commune_head"]):
			approved = client_submit(frappe.get_doc(UNIT_CLASSIFICATION, name).as_dict())
		self.assertEqual((approved["docstatus"], approved["final_level"]), (1, "B"))
		self.assertEqual(approved["approved_by"], w.cadres["commune_head"])
		# the head's year follows at once: held at good, with the reason naming the unit
		head = self.head_year()
		self.assertEqual(head.proposed_level, "B")
		self.assertIn(w.units["board"], head.reasons)
		with as_user(w.users["admin"]), self.assertRaises(frappe.ValidationError):
			doc = head.as_dict()
			doc.update({"final_level": "A", "level_reason": "Đề nghị giữ mức xuất sắc"})
			client_save(doc)
		# an office that does not apply the cap: the head's year is his own again
		frappe.db.set_single_value("Discipline Settings", HOLD_HEADS_SETTING, 0)
		with as_user(w.users["admin"]):
			doc = self.head_year().as_dict()
			doc.update({"final_level": "A", "level_reason": None})
			self.assertEqual(client_save(doc)["final_level"], "A")

	def test_who_reads_a_unit_s_classification(self):
		name = self.of("board")
		for user, allowed in (
			("board_head", True),
			("commune_head", True),
			("sc", True),
			("other_head", False),
			("b1", False),
		):
			with self.subTest(user=user), as_user(self.w.users[user]):
				self.assertEqual(bool(frappe.has_permission(UNIT_CLASSIFICATION, "read", name)), allowed)

	def test_bad_input_is_refused_with_the_field(self):
		w = self.w
		with self.assertRaises(UnitClassificationError) as refused:
			self.propose("other", "other_head", general_points=31)
		self.assertIn("General Criteria Points", str(refused.exception))
		before = frappe.db.count(UNIT_CLASSIFICATION)
		for year, error in (
			(frappe.utils.getdate().year + 1, UnitClassificationError),
			(YEAR, frappe.DuplicateEntryError),
		):
			with self.subTest(year=year), as_user(w.users["other_head"]), self.assertRaises(error):
				client_insert(
					{"doctype": UNIT_CLASSIFICATION, "organization_unit": w.units["other"], "year": year}
				)
		self.assertEqual(frappe.db.count(UNIT_CLASSIFICATION), before)
