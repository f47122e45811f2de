# Copyright (c) 2026, Soson Discipline Contributors and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from soson_discipline import scoring
from soson_discipline.evaluation.inputs import get_policy_for_date, get_scoring_policy
from soson_discipline.scoring.standard import DECREE_335, HANOI_3814, STANDARD_POLICIES
from soson_discipline.tests.factories import make_user, raw_insert

ADMIN = "policy.admin@test.soson.vn"
UNIT_HEAD = "policy.head@test.soson.vn"
CADRE = "policy.cadre@test.soson.vn"


def policy_values(name: str, year: int, **overrides) -> dict:
	"""A valid quarterly policy (30 + 70, bands 90/70/50/0) in force during ``year`` only."""
	values = {
		"doctype": "Evaluation Policy",
		"policy_name": name,
		"period_type": "Quarterly",
		"effective_from": f"{year}-01-01",
		"effective_to": f"{year}-12-31",
		"quota_percent": 20,
		"quota_base": "Rated Good",
		"late_penalty_percent": 25,
		"failed_penalty_percent": 25,
		"not_completed_on_discipline": 1,
		"task_result_method": "Separate Criteria",
		"criteria": [
			{"criterion": "General", "criterion_group": "General", "max_points": 30, "source": "Manual"},
			{
				"criterion": "Quantity",
				"criterion_group": "Task Results",
				"max_points": 40,
				"source": "Task Quantity",
			},
			{
				"criterion": "Progress",
				"criterion_group": "Task Results",
				"max_points": 30,
				"source": "Task Progress",
			},
		],
		"bands": [
			{"level_code": "X", "level_label": "Excellent", "min_score": 90, "is_top_level": 1},
			{"level_code": "G", "level_label": "Good", "min_score": 70, "is_good_level": 1},
			{"level_code": "C", "level_label": "Completed", "min_score": 50},
			{"level_code": "N", "level_label": "Not completed", "min_score": 0, "is_not_completed_level": 1},
		],
	}
	values.update(overrides)
	return values


class TestEvaluationPolicy(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(ADMIN, ["Discipline Administrator"])
		make_user(UNIT_HEAD, ["Unit Head", "Rater"])
		make_user(CADRE, ["Cadre"])

	def tearDown(self):
		frappe.set_user("Administrator")

	# ----- the shipped policies -----

	def test_seeded_policies_exist_and_validate(self):
		for standard in STANDARD_POLICIES:
			doc = frappe.get_doc("Evaluation Policy", standard.name)
			policy = doc.get_scoring_policy()
			self.assertEqual(policy.validate(), [])
			self.assertEqual(doc.total_points, 100)
			self.assertEqual(
				[(b.level_code, b.min_score) for b in policy.bands],
				[(b.level_code, b.min_score) for b in standard.policy.bands],
			)
			self.assertEqual(
				(
					policy.quota_percent,
					policy.quota_base,
					policy.late_penalty_percent,
					policy.top_level_code,
					policy.good_level_code,
				),
				(
					standard.policy.quota_percent,
					standard.policy.quota_base,
					standard.policy.late_penalty_percent,
					standard.policy.top_level_code,
					standard.policy.good_level_code,
				),
			)
			# seeded in Vietnamese, the documents' language, whatever the site's language; each names
			# its assumptions
			self.assertTrue(
				"Giả định" in doc.description or "Assumption" in doc.description, doc.description[:80]
			)
		self.assertEqual(
			frappe.db.get_single_value("Discipline Settings", "default_evaluation_policy"), DECREE_335.name
		)

	def test_seeding_is_create_if_missing(self):
		from soson_discipline.setup.policies import create_standard_policies

		frappe.db.set_value("Evaluation Policy", DECREE_335.name, "quota_percent", 15)
		self.assertEqual(create_standard_policies(), [])
		self.assertEqual(frappe.db.get_value("Evaluation Policy", DECREE_335.name, "quota_percent"), 15)

	def test_get_policy_for_date(self):
		# Hanoi's framework ships disabled and without an end date (no repealing text is cited): the
		# default policy answers before Decree 335 takes effect
		self.assertEqual(get_policy_for_date("2025-10-15"), DECREE_335.name)
		# enabled as it is, it would score the same cadres as Decree 335 from 2026: refused
		hanoi = frappe.get_doc("Evaluation Policy", HANOI_3814.name)
		self.assertFalse(hanoi.effective_to)
		hanoi.disabled = 0
		with self.assertRaises(frappe.ValidationError) as refused:
			hanoi.save()
		self.assertIn(DECREE_335.name, str(refused.exception))
		# an office that scored under it until Decree 335 ends it there
		hanoi = frappe.get_doc("Evaluation Policy", HANOI_3814.name)
		hanoi.update({"disabled": 0, "effective_to": "2025-12-31"})
		hanoi.save()
		self.assertEqual(get_policy_for_date("2025-10-15"), HANOI_3814.name)
		self.assertEqual(get_policy_for_date("2026-10-15"), DECREE_335.name)
		self.assertEqual(get_policy_for_date("2025-12-31"), HANOI_3814.name)
		self.assertEqual(get_policy_for_date("2026-01-01"), DECREE_335.name)
		# before any policy: the default from Discipline Settings
		self.assertEqual(get_policy_for_date("2010-01-01"), DECREE_335.name)
		# a quarterly policy only answers for its period type; disabled policies never answer
		frappe.get_doc(policy_values("Test Quarterly 2031", 2031)).insert()
		self.assertEqual(get_policy_for_date("2031-05-01", "Quarterly"), "Test Quarterly 2031")
		self.assertEqual(get_policy_for_date("2031-05-01", "Monthly"), DECREE_335.name)
		frappe.db.set_value("Evaluation Policy", "Test Quarterly 2031", "disabled", 1)
		self.assertEqual(get_policy_for_date("2031-05-01", "Quarterly"), DECREE_335.name)

	def test_scoring_through_the_document(self):
		policy = get_scoring_policy(DECREE_335.name)
		result = scoring.evaluate(
			policy,
			scoring.EvaluationInput(
				scoring.TaskFigures(assigned=4, completed=4, on_time=3, late=1),
				{c.key: c.max_points for c in policy.criteria if c.source in ("Manual", "Violations")},
			),
		)
		# Issue 11: 4 tasks, 1 late was 93.75 (late punished twice); the late product loses 25 % of its
		# progress points once. Issue 22: Decree 335 levels by points alone (no on-time condition).
		self.assertEqual((result.total, result.level_code), (98.75, "HTXSNV"))
		manual = next(c for c in policy.criteria if c.source == "Manual")
		with self.assertRaises(scoring.ScoreError):
			scoring.evaluate(
				policy, scoring.EvaluationInput(scoring.TaskFigures(), {manual.key: manual.max_points + 1})
			)

	# ----- bad input -----

	def test_criteria_must_add_up(self):
		values = policy_values("Test Short Criteria", 2032)
		values["criteria"][0]["max_points"] = 20
		with self.assertRaisesRegex(frappe.ValidationError, "add up to 100"):
			frappe.get_doc(values).insert()

	def test_negative_points_and_duplicate_criteria(self):
		values = policy_values("Test Negative", 2032)
		values["criteria"].append(
			{"criterion": "Penalty", "criterion_group": "General", "max_points": -5, "source": "Manual"}
		)
		self.assertRaises(frappe.ValidationError, frappe.get_doc(values).insert)
		values = policy_values("Test Duplicate", 2032)
		values["criteria"][2]["criterion"] = "Quantity"
		with self.assertRaisesRegex(frappe.ValidationError, "more than once"):
			frappe.get_doc(values).insert()

	def test_bands_must_cover_from_zero(self):
		values = policy_values("Test Bands Gap", 2032)
		values["bands"][3]["min_score"] = 10
		with self.assertRaisesRegex(frappe.ValidationError, "start at 0"):
			frappe.get_doc(values).insert()

	def test_level_flags_exactly_once(self):
		values = policy_values("Test Two Tops", 2032)
		values["bands"][1]["is_top_level"] = 1
		self.assertRaises(frappe.ValidationError, frappe.get_doc(values).insert)
		values = policy_values("Test No Not Completed", 2032)
		values["bands"][3]["is_not_completed_level"] = 0
		self.assertRaises(frappe.ValidationError, frappe.get_doc(values).insert)

	def test_top_level_must_be_highest_and_percent_in_range(self):
		values = policy_values("Test Top Low", 2032)
		values["bands"][0]["is_top_level"], values["bands"][1]["is_top_level"] = 0, 1
		self.assertRaises(frappe.ValidationError, frappe.get_doc(values).insert)
		self.assertRaises(
			frappe.ValidationError,
			frappe.get_doc(policy_values("Test Quota 120", 2032, quota_percent=120)).insert,
		)

	def test_bands_entered_in_any_order_are_sorted(self):
		values = policy_values("Test Sorted", 2033)
		values["bands"].reverse()
		doc = frappe.get_doc(values).insert()
		self.assertEqual([b.level_code for b in doc.bands], ["X", "G", "C", "N"])
		self.assertEqual(doc.get_scoring_policy().validate(), [])

	def test_effective_to_before_effective_from(self):
		values = policy_values("Test Dates", 2034, effective_to="2033-12-31")
		with self.assertRaisesRegex(frappe.ValidationError, "cannot be before"):
			frappe.get_doc(values).insert()

	def test_overlapping_enabled_policies_refused(self):
		frappe.get_doc(policy_values("Test Overlap A", 2035)).insert()
		overlapping = policy_values(
			"Test Overlap B", 2035, effective_from="2035-12-31", effective_to="2036-01-31"
		)
		with self.assertRaisesRegex(frappe.ValidationError, "Test Overlap A"):
			frappe.get_doc(overlapping).insert()
		# the next day is fine; so is a disabled policy
		frappe.get_doc({**overlapping, "effective_from": "2036-01-01"}).insert()
		frappe.get_doc({**overlapping, "policy_name": "Test Overlap C", "disabled": 1}).insert()
		# a monthly policy in 2035 overlaps Decree 335/2025, which has no end date
		with self.assertRaisesRegex(frappe.ValidationError, "Decree 335/2025"):
			frappe.get_doc(
				{**overlapping, "policy_name": "Test Overlap D", "period_type": "Monthly"}
			).insert()

	# ----- permissions, as real users -----

	def test_discipline_administrator_may_create_and_edit(self):
		frappe.set_user(ADMIN)
		doc = frappe.get_doc(policy_values("Test Admin Policy", 2038)).insert()
		doc.quota_percent = 25
		doc.save()
		self.assertEqual(frappe.db.get_value("Evaluation Policy", doc.name, "quota_percent"), 25)
		seeded = frappe.get_doc("Evaluation Policy", HANOI_3814.name)
		seeded.description = (seeded.description or "") + "\nEdited by the office."
		seeded.save()

	def test_other_roles_read_but_not_write(self):
		for user in (UNIT_HEAD, CADRE):
			frappe.set_user(user)
			self.assertTrue(frappe.has_permission("Evaluation Policy", "read", DECREE_335.name))
			self.assertFalse(frappe.has_permission("Evaluation Policy", "write", DECREE_335.name))
			self.assertFalse(frappe.has_permission("Evaluation Policy", "create"))
			names = frappe.get_list("Evaluation Policy", pluck="name")
			self.assertIn(DECREE_335.name, names)
			self.assertIn(HANOI_3814.name, names)
			doc = frappe.get_doc("Evaluation Policy", DECREE_335.name)
			doc.check_permission("read")
			doc.quota_percent = 50
			self.assertRaises(frappe.PermissionError, doc.save)
			self.assertRaises(
				frappe.PermissionError, frappe.get_doc(policy_values(f"Test {user}", 2037)).insert
			)
			self.assertIn(
				frappe.db.get_single_value("Discipline Settings", "default_evaluation_policy"),
				(DECREE_335.name,),
			)


class TestPolicyKeptOnceApproved(FrappeTestCase):
	"""Issue 11: editing a policy that approved evaluations used would silently change their prints
	and the annual results; its rules are kept, its name, description and end date stay editable."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(ADMIN, ["Discipline Administrator"])
		frappe.set_user("Administrator")
		cls.policy = frappe.get_doc(policy_values("Test Kept Policy", 2036)).insert().name
		cls.draft_policy = frappe.get_doc(policy_values("Test Unused Policy", 2035)).insert().name
		for docstatus in (1, 0):  # one approved evaluation, one still in draft
			raw_insert(
				"Cadre Evaluation",
				{
					"evaluation_policy": cls.policy,
					"period_start": getdate("2036-01-01"),
					"period_end": getdate("2036-03-31"),
					"docstatus": docstatus,
				},
			)

	def tearDown(self):
		frappe.set_user("Administrator")

	def set_value(self, fieldname, value):
		frappe.set_user(ADMIN)
		return frappe.client.set_value("Evaluation Policy", self.policy, fieldname, value)

	def test_rules_are_refused_with_the_reason(self):
		for fieldname, value in (
			("quota_percent", "25"),
			("late_penalty_percent", "50"),
			("period_type", "Monthly"),
		):
			with self.subTest(fieldname=fieldname):
				with self.assertRaises(frappe.ValidationError) as refused:
					self.set_value(fieldname, value)
				self.assertIn("Test Kept Policy", str(refused.exception))
				self.assertIn("1 approved evaluations", str(refused.exception))
		self.assertEqual(frappe.db.get_value("Evaluation Policy", self.policy, "quota_percent"), 20)

		frappe.set_user(ADMIN)
		doc = frappe.get_doc("Evaluation Policy", self.policy).as_dict()
		doc["bands"][0]["level_label"] = "Outstanding"
		self.assertRaises(frappe.ValidationError, frappe.client.save, doc)
		frappe.set_user("Administrator")
		labels = frappe.get_all(
			"Evaluation Policy Band", filters={"parent": self.policy}, pluck="level_label"
		)
		self.assertIn("Excellent", labels)
		self.assertNotIn("Outstanding", labels)

	def test_dates_keep_covering_the_approved_periods(self):
		with self.assertRaises(frappe.ValidationError):
			self.set_value("effective_to", "2036-02-15")
		with self.assertRaises(frappe.ValidationError):
			self.set_value("effective_from", "2036-02-01")
		self.set_value("effective_to", "2036-06-30")
		self.assertEqual(
			str(frappe.db.get_value("Evaluation Policy", self.policy, "effective_to")), "2036-06-30"
		)

	def test_name_description_and_disabled_stay_editable(self):
		self.set_value("description", "Kept as approved.")
		self.set_value("disabled", "1")
		self.set_value("policy_name", "Test Kept Policy (2036)")
		self.assertEqual(
			frappe.db.get_value("Evaluation Policy", self.policy, ["description", "disabled"]),
			("Kept as approved.", 1),
		)

	def test_a_policy_used_only_by_drafts_or_not_at_all_may_change(self):
		frappe.set_user(ADMIN)
		frappe.client.set_value("Evaluation Policy", self.draft_policy, "quota_percent", "25")
		self.assertEqual(frappe.db.get_value("Evaluation Policy", self.draft_policy, "quota_percent"), 25)
