"""Time worked (issue 22, item 8), as the Discipline Administrator records leave through the desk's
`frappe.client` calls:

- a period mostly on leave is marked on its evaluation and left out of the year (Decree 335/2025,
  timing article cl. 3: the points of the time actually worked), in the same transaction as the
  leave's submission, and put back when the leave is cancelled;
- fewer than six months worked → not classified, unless on maternity leave; three months or more of
  other leave → below good (Decree 90/2020 Art. 2 cl. 3, as amended by Decree 48/2023): in Cadre Year
  Result, in the Annual Classification Proposal and in Cadre Classification alike;
- a period generated after the leave was recorded is marked at once;
- bad dates, overlapping leave and a cadre recording his own leave are refused.
"""

import frappe
from frappe.client import insert as client_insert
from frappe.client import submit as client_submit
from frappe.tests.utils import FrappeTestCase

from soson_discipline.evaluation import year_results
from soson_discipline.evaluation.classification import NotClassifiedError, create_cadre_classifications
from soson_discipline.evaluation.generation import generate_evaluations
from soson_discipline.soson_discipline.report.annual_classification_proposal import (
	annual_classification_proposal as proposal,
)
from soson_discipline.tests.factories import (
	EVALUATION_WORLD,
	as_user,
	build_world,
	make_period,
	make_policy,
)

POLICY = "LV Leave Policy"
YEAR = 2022
PEOPLE = ("a1", "a2", "a3")


def month_end(month: int) -> str:
	return str(frappe.utils.get_last_day(f"{YEAR}-{month:02d}-01"))


class TestTimeWorked(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.o = o = build_world(EVALUATION_WORLD)
		make_policy(POLICY, effective_from=f"{YEAR}-01-01")
		cls.periods = [make_period(f"{YEAR}-{m:02d}-01", month_end(m), policy=POLICY) for m in range(1, 12)]
		cadres = [o.cadre[k] for k in PEOPLE]
		for period in cls.periods:
			generate_evaluations(period, only_cadres=cadres)
		# eleven months approved at 95 (the approvals themselves are tested elsewhere)
		ce = frappe.qb.DocType("Cadre Evaluation")
		frappe.qb.update(ce).set(ce.docstatus, 1).set(ce.workflow_state, "Approved").set(
			ce.total_score, 95
		).set(ce.final_level, "A").where(ce.evaluation_period.isin(cls.periods)).run()
		year_results.write_results(YEAR, cadres)

	def tearDown(self):
		frappe.set_user("Administrator")

	def record_leave(self, key: str, leave_type: str, start: str, end: str, user: str = "admin") -> str:
		with as_user(self.o.user[user]):
			doc = client_insert(
				{
					"doctype": "Cadre Leave",
					"cadre": self.o.cadre[key],
					"leave_type": leave_type,
					"from_date": start,
					"to_date": end,
					"reason": "Nghỉ theo quyết định (kiểm thử)",
				}
			)
			return client_submit(doc)["name"]

	def on_leave(self, key: str) -> list[int]:
		"""The months of the year the cadre's evaluations are marked on leave."""
		rows = frappe.get_all(
			"Cadre Evaluation",
			filters={"cadre": self.o.cadre[key], "evaluation_period": ("in", self.periods), "on_leave": 1},
			pluck="period_start",
		)
		return sorted(day.month for day in rows)

	def stored(self, key: str):
		return frappe.db.get_value(
			"Cadre Year Result",
			{"cadre": self.o.cadre[key], "year": YEAR},
			["months", "average_score", "proposed_level", "proposed_level_label"],
			as_dict=True,
		)

	def test_maternity_leave_classified_on_the_months_worked(self):
		self.record_leave("a1", "Maternity Leave", f"{YEAR}-03-01", f"{YEAR}-09-15")
		self.assertEqual(self.on_leave("a1"), [3, 4, 5, 6, 7, 8])  # September: half, not more
		result = self.stored("a1")
		self.assertEqual((result.months, result.proposed_level), (5, "A"))  # 5 of 11 months worked

	def test_b_long_sick_leave_keeps_the_year_below_good_until_cancelled(self):
		name = self.record_leave("a2", "Sick Leave", f"{YEAR}-04-01", f"{YEAR}-07-31")
		self.assertEqual(self.on_leave("a2"), [4, 5, 6, 7])
		self.assertEqual(self.stored("a2").proposed_level, "C")  # 95 on average, four months of leave
		with as_user(self.o.user["admin"]):
			create_cadre_classifications("Year", str(YEAR), organization_unit=self.o.board_a)
		draft = frappe.get_doc("Cadre Classification", {"cadre": self.o.cadre["a2"], "year": YEAR})
		self.assertEqual((draft.periods_counted, draft.proposed_level), (7, "C"))
		self.assertIn("Decree 90/2020", draft.reasons)
		# the live proposal agrees with the kept one
		with as_user(self.o.user["head"]):
			_c, rows, _m, _chart = proposal.execute({"year": str(YEAR), "organization_unit": self.o.board_a})
		live = {row["cadre"]: row for row in rows}
		self.assertEqual(live[self.o.cadre["a2"]]["proposed_level"], "C")

		with as_user(self.o.user["admin"]):
			frappe.client.cancel("Cadre Leave", name)
		self.assertEqual(self.on_leave("a2"), [])
		self.assertEqual(self.stored("a2").proposed_level, "A")

	def test_a_year_of_five_months_worked_is_not_classified(self):
		# six and a half months of sick leave: five and a half months worked (July's half not on leave)
		self.record_leave("a3", "Sick Leave", f"{YEAR}-01-01", f"{YEAR}-07-15")
		result = self.stored("a3")
		self.assertEqual((result.months, result.proposed_level), (5, ""))
		self.assertEqual(result.proposed_level_label, "Not Classified")
		with as_user(self.o.user["admin"]):
			create_cadre_classifications("Year", str(YEAR), organization_unit=self.o.board_a)
		self.assertFalse(
			frappe.db.exists("Cadre Classification", {"cadre": self.o.cadre["a3"], "year": YEAR})
		)
		with as_user(self.o.user["admin"]), self.assertRaises(NotClassifiedError) as refused:
			client_insert(
				{
					"doctype": "Cadre Classification",
					"cadre": self.o.cadre["a3"],
					"classification_type": "Year",
					"year": str(YEAR),
				}
			)
		self.assertIn("fewer than 6", str(refused.exception))

	def test_a_period_generated_after_the_leave_is_marked(self):
		self.record_leave("b1", "Study or Training", f"{YEAR}-12-01", f"{YEAR}-12-31")
		december = make_period(f"{YEAR}-12-01", f"{YEAR}-12-31", policy=POLICY)
		generate_evaluations(december, only_cadres=[self.o.cadre["b1"]])
		marked = frappe.db.get_value(
			"Cadre Evaluation",
			{"evaluation_period": december, "cadre": self.o.cadre["b1"]},
			["on_leave", "leave_days", "leave_type"],
		)
		self.assertEqual(marked, (1, 31, "Study or Training"))

	def test_bad_leave_is_refused(self):
		with self.assertRaises(frappe.ValidationError) as refused:
			self.record_leave("a4", "Sick Leave", f"{YEAR}-05-10", f"{YEAR}-05-01")
		self.assertIn("To Date", str(refused.exception))
		self.record_leave("a4", "Sick Leave", f"{YEAR}-05-01", f"{YEAR}-05-10")
		with self.assertRaises(frappe.ValidationError) as refused:
			self.record_leave("a4", "Study or Training", f"{YEAR}-05-08", f"{YEAR}-05-20")
		self.assertIn("overlaps", str(refused.exception))
		# a cadre does not record leave, not even his own
		with self.assertRaises(frappe.PermissionError):
			self.record_leave("a4", "Sick Leave", f"{YEAR}-06-01", f"{YEAR}-06-02", user="a4")
		self.assertEqual(
			frappe.db.count("Cadre Leave", {"cadre": self.o.cadre["a4"], "docstatus": ("<", 2)}), 1
		)
