"""One policy a cadre category (issue 11): Party cadres may be scored under their own policy
(Regulation 366) while civil servants and public employees stay under Decree 335. The monthly job
opens a period for each policy in force and each cadre is evaluated in exactly one of them."""

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase

from soson_discipline.evaluation.generation import generate_evaluations, get_or_create_periods
from soson_discipline.evaluation.inputs import get_policy_for_date, policies_in_force
from soson_discipline.scoring.standard import DECREE_335, REGULATION_366
from soson_discipline.soson_discipline.doctype.evaluation_policy.test_evaluation_policy import policy_values
from soson_discipline.tasks import create_monthly_cadre_evaluations
from soson_discipline.tests.factories import EVALUATION_WORLD, as_user, build_world, make_user

ADMIN = "policy.categories@test.soson.vn"
PARTY_POLICY = "Test Party Cadres 2033"


class PartyCadreTestCase(FrappeTestCase):
	"""The evaluation world with a Discipline Administrator, and cadre a1 a Party cadre (Cadre)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = build_world(EVALUATION_WORLD)
		make_user(ADMIN, ["Discipline Administrator"])
		cls.party_cadre = cls.o.cadre["a1"]
		frappe.db.set_value("Cadre", cls.party_cadre, "cadre_category", "Cadre")


class TestPolicyCategories(PartyCadreTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user(ADMIN)
		# as the desk sends it: every value as text
		values = policy_values(PARTY_POLICY, 2033, period_type="Monthly", cadre_category="Cadre")
		values["quota_percent"] = "20"
		frappe.client.insert(values)
		frappe.set_user("Administrator")

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.set_value("Cadre", cls.party_cadre, "cadre_category", "Civil Servant")
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_each_category_finds_its_policy(self):
		self.assertEqual(policies_in_force("2033-05-10"), {"Cadre": PARTY_POLICY, "": DECREE_335.name})
		self.assertEqual(get_policy_for_date("2033-05-10", cadre_category="Cadre"), PARTY_POLICY)
		self.assertEqual(get_policy_for_date("2033-05-10", cadre_category="Worker"), DECREE_335.name)
		self.assertEqual(get_policy_for_date("2033-05-10"), DECREE_335.name)
		self.assertEqual(get_policy_for_date("2034-05-10", cadre_category="Cadre"), DECREE_335.name)

	def test_monthly_job_evaluates_each_cadre_in_one_period(self):
		periods = create_monthly_cadre_evaluations("2033-05-01")
		self.assertEqual(len(periods), 2)
		policy_of = {p: frappe.db.get_value("Evaluation Period", p, "evaluation_policy") for p in periods}
		party = next(p for p in periods if policy_of[p] == PARTY_POLICY)
		general = next(p for p in periods if policy_of[p] == DECREE_335.name)
		self.assertIn(PARTY_POLICY, frappe.db.get_value("Evaluation Period", party, "title"))

		def cadres(period):
			return set(
				frappe.get_all("Cadre Evaluation", filters={"evaluation_period": period}, pluck="cadre")
			)

		party_cadres = set(
			frappe.get_all("Cadre", filters={"status": "Active", "cadre_category": "Cadre"}, pluck="name")
		)
		self.assertIn(self.party_cadre, cadres(party))
		self.assertEqual(cadres(party), party_cadres)
		self.assertNotIn(self.party_cadre, cadres(general))
		self.assertFalse(cadres(party) & cadres(general))
		self.assertIn(self.o.cadre["a2"], cadres(general))

		# a second run opens nothing and creates nothing
		counts = {p: len(cadres(p)) for p in periods}
		self.assertEqual(create_monthly_cadre_evaluations("2033-05-20"), periods)
		self.assertEqual({p: len(cadres(p)) for p in periods}, counts)

	def test_two_policies_for_one_category_cannot_overlap(self):
		frappe.set_user(ADMIN)
		with self.assertRaises(frappe.ValidationError) as refused:
			frappe.client.insert(
				policy_values("Test Party Cadres bis", 2033, period_type="Monthly", cadre_category="Cadre")
			)
		self.assertIn(PARTY_POLICY, str(refused.exception))
		# another category, or the same one as a quarterly policy, may be in force beside it
		frappe.client.insert(
			policy_values("Test Workers 2033", 2033, period_type="Monthly", cadre_category="Worker")
		)
		self.assertEqual(get_policy_for_date("2033-07-01", cadre_category="Worker"), "Test Workers 2033")
		frappe.set_user("Administrator")
		frappe.delete_doc("Evaluation Policy", "Test Workers 2033", force=True)

	def test_a_category_outside_the_list_is_refused(self):
		frappe.set_user(ADMIN)
		with self.assertRaises(frappe.ValidationError) as refused:
			frappe.client.insert(policy_values("Test Bad Category", 2032, cadre_category="Mayor"))
		self.assertIn("Cadre Category", str(refused.exception))


class TestRegulation366Policy(PartyCadreTestCase):
	"""The shipped Regulation 366-QĐ/TW policy: disabled until the office enables it for its Party
	cadres (category Cadre), then quarterly periods for them, printed as quarterly forms."""

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.set_value("Evaluation Policy", REGULATION_366.name, "disabled", 1)  # as shipped

	def test_shipped_disabled_for_party_cadres_with_its_conditions(self):
		doc = frappe.get_doc("Evaluation Policy", REGULATION_366.name)
		self.assertEqual(
			(doc.disabled, doc.cadre_category, doc.period_type, str(doc.effective_from)),
			(1, "Cadre", "Quarterly", "2025-08-30"),
		)
		policy = doc.get_scoring_policy()
		self.assertEqual(policy.validate(), [])
		# Art. 11: excellent and good need every task on time and of the required quality (issue 22)
		self.assertEqual(
			[(b.level_code, b.min_score, b.min_on_time_percent, b.min_quality_percent) for b in policy.bands],
			[
				("HTXSNV", 90, 100, 100),
				("HTTNV", 70, 100, 100),
				("HTNV", 50, None, None),
				("KHTNV", 0, None, None),
			],
		)
		self.assertEqual((policy.quota_base, policy.quota_period), ("Rated Good", "Year's Classification"))
		self.assertIn("366", doc.description)
		# disabled: nobody's period comes from it
		self.assertEqual(get_policy_for_date("2026-05-10", cadre_category="Cadre"), DECREE_335.name)

	def test_enabled_by_the_administrator_it_rates_party_cadres_by_quarter(self):
		frappe.set_user(ADMIN)
		# the desk's form sends the check box as text
		frappe.client.set_value("Evaluation Policy", REGULATION_366.name, "disabled", "0")
		self.assertEqual(get_policy_for_date("2026-05-10", cadre_category="Cadre"), REGULATION_366.name)
		self.assertEqual(get_policy_for_date("2026-05-10", cadre_category="Civil Servant"), DECREE_335.name)
		frappe.set_user("Administrator")
		periods = get_or_create_periods("2026-05-10")
		quarter = frappe.get_doc(
			"Evaluation Period", {"name": ("in", periods), "evaluation_policy": REGULATION_366.name}
		)
		self.assertEqual(
			(str(quarter.period_start), str(quarter.period_end), quarter.period_type),
			("2026-04-01", "2026-06-30", "Quarterly"),
		)
		generate_evaluations(quarter.name)
		evaluation = frappe.get_doc(
			"Cadre Evaluation", {"evaluation_period": quarter.name, "cadre": self.party_cadre}
		)
		# only Party cadres are in the quarter
		self.assertEqual(
			frappe.get_all("Cadre Evaluation", {"evaluation_period": quarter.name}, pluck="cadre"),
			[self.party_cadre],
		)
		# the cadre prints his own form, which says it is quarterly
		with as_user(self.o.user["a1"]):
			html = frappe.get_print("Cadre Evaluation", evaluation.name, "Cadre Evaluation")
		self.assertIn("QUARTERLY QUALITY CLASSIFICATION FORM", html)
		self.assertNotIn("MONTHLY QUALITY CLASSIFICATION FORM", html)
		self.assertEqual(
			_("EVALUATION AND QUARTERLY QUALITY CLASSIFICATION FORM", lang="vi"),
			"PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG HẰNG QUÝ",
		)

	def test_only_the_administrator_enables_it(self):
		frappe.set_user(self.o.user["head"])  # a Unit Head
		with self.assertRaises(frappe.PermissionError):
			frappe.client.set_value("Evaluation Policy", REGULATION_366.name, "disabled", "0")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Evaluation Policy", REGULATION_366.name, "disabled"), 1)


class TestEachTextWhereItApplies(PartyCadreTestCase):
	"""Issue 22 item 9: each shipped policy states the categories its text governs; a category scored
	under another text's policy (the catch-all) is shown on the policy and on the board's page."""

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_a_category_scored_outside_its_text_is_shown(self):
		from soson_discipline.evaluation.inputs import categories_outside_their_text
		from soson_discipline.reporting.dashboard import cadres_outside_their_text

		self.assertEqual(
			frappe.db.get_value("Evaluation Policy", DECREE_335.name, "governed_categories"), "Civil Servant"
		)
		self.assertEqual(
			frappe.db.get_value("Evaluation Policy", REGULATION_366.name, "governed_categories"), "Cadre"
		)
		outside = {row.category: row for row in categories_outside_their_text("2030-05-10")}
		# the Party cadre a1 is scored under Decree 335, which governs civil servants
		self.assertEqual(outside["Cadre"].policy, DECREE_335.name)
		self.assertGreaterEqual(outside["Cadre"].cadres, 1)
		self.assertNotIn("Civil Servant", outside)
		frappe.set_user(ADMIN)
		doc = frappe.client.get("Evaluation Policy", DECREE_335.name)
		shown = frappe.get_doc("Evaluation Policy", DECREE_335.name)
		shown.run_method("onload")
		self.assertIn("Cadre", [row.category for row in shown.get_onload().outside_text])
		self.assertGreaterEqual(cadres_outside_their_text()["value"], outside["Cadre"].cadres)
		# a category that does not exist is refused, naming the field
		doc["governed_categories"] = "Civil Servant\nSoldier"
		with self.assertRaises(frappe.ValidationError) as refused:
			frappe.client.save(doc)
		self.assertIn(_("Categories Its Text Governs"), str(refused.exception))
		self.assertIn("Soldier", str(refused.exception))
