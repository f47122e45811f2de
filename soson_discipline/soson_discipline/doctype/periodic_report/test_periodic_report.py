# Copyright (c) 2026, Soson Discipline Contributors and Contributors
# See license.txt

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import getdate

from soson_discipline.org import get_subtree_units
from soson_discipline.reporting import dashboard
from soson_discipline.reporting.drafting import draft_due_reports, last_due_period
from soson_discipline.soson_discipline.doctype.periodic_report.periodic_report import period_code
from soson_discipline.tests.factories import REPORTING_WORLD, build_world, make_period_records, raw_insert
from soson_discipline.tests.factories import RPT_ADMIN as ADMIN
from soson_discipline.tests.factories import RPT_CADRE_B as CADRE_B
from soson_discipline.tests.factories import RPT_HEAD_B as HEAD_B
from soson_discipline.tests.factories import RPT_HEAD_OTHER as HEAD_OTHER

OCT = ("2026-10-01", "2026-10-31")


def direct_counts(units: list[str], start, end) -> dict:
	"""The figures counted straight from the records, the way a clerk would count them."""
	between = ("between", [getdate(start), getdate(end)])
	task = {"organization_unit": ("in", units), "due_date": between}
	periods = frappe.get_all(
		"Evaluation Period", filters={"period_start": (">=", start), "period_end": ("<=", end)}, pluck="name"
	)
	evaluation = {"organization_unit": ("in", units), "evaluation_period": ("in", periods or [""])}
	violation = {"organization_unit": ("in", units), "detected_on": between, "docstatus": ("<", 2)}
	sessions = frappe.get_all(
		"Dissemination Session",
		filters={"organization_unit": ("in", units), "session_date": between},
		pluck="name",
	)
	audiences = frappe.get_all(
		"Dissemination Audience",
		filters={"parent": ("in", sessions or [""]), "parenttype": "Dissemination Session"},
		fields=["expected", "attended"],
	)
	targeted = frappe.get_all(
		"Inspection Target Unit",
		filters={"organization_unit": ("in", units), "parenttype": "Inspection"},
		pluck="parent",
	)
	inspections = {
		i.name: i
		for i in frappe.get_all(
			"Inspection",
			filters={"inspection_date": between, "status": ("not in", ["Planned", "Cancelled"])},
			fields=["name", "inspecting_unit", "is_surprise"],
		)
		if i.inspecting_unit in units or i.name in targeted
	}
	return {
		"tasks_total": frappe.db.count("Assigned Task", {**task, "status": ("!=", "Cancelled")}),
		"tasks_completed": frappe.db.count("Assigned Task", {**task, "status": "Completed"}),
		"tasks_completed_on_time": frappe.db.count(
			"Assigned Task", {**task, "status": "Completed", "is_late": 0}
		),
		"tasks_overdue": frappe.db.count("Assigned Task", {**task, "status": "Overdue"}),
		"tasks_late": frappe.db.count("Assigned Task", {**task, "status": ("!=", "Cancelled"), "is_late": 1}),
		"sessions_held": len(sessions),
		"people_expected": sum(a.expected for a in audiences),
		"people_reached": sum(a.attended for a in audiences),
		"evaluations_total": frappe.db.count("Cadre Evaluation", {**evaluation, "docstatus": ("<", 2)}),
		"evaluations_approved": frappe.db.count("Cadre Evaluation", {**evaluation, "docstatus": 1}),
		"evaluations_pending": frappe.db.count("Cadre Evaluation", {**evaluation, "docstatus": 0}),
		"violations_total": frappe.db.count("Violation Record", violation),
		"violations_corrected": frappe.db.count(
			"Violation Record", {**violation, "workflow_state": ("in", ["Corrected", "Closed"])}
		),
		"violations_pending": frappe.db.count(
			"Violation Record",
			{**violation, "workflow_state": ("not in", ["Corrected", "Closed", "Dismissed"])},
		),
		"violations_disciplined": frappe.db.count(
			"Violation Record",
			{
				**violation,
				"discipline_outcome": ("not in", ["", "None"]),
				"workflow_state": ("!=", "Dismissed"),
			},
		),
		"inspections_held": len(inspections),
		"surprise_inspections": sum(1 for i in inspections.values() if i.is_surprise),
	}


class TestPeriodicReport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		tree = build_world(REPORTING_WORLD)
		cls.units, cls.cadres = tree.units, tree.cadres
		make_period_records(cls.units, cls.cadres)

	def tearDown(self):
		frappe.set_user("Administrator")

	def new_report(self, unit, start=OCT[0], **values):
		doc = frappe.get_doc(
			{
				"doctype": "Periodic Report",
				"organization_unit": unit,
				"frequency": "Monthly",
				"period_start": getdate(start),
				**values,
			}
		)
		return doc.insert()

	def assert_figures_match(self, doc, units):
		expected = direct_counts(units, doc.period_start, doc.period_end)
		actual = {key: doc.get(key) for key in expected}
		self.assertEqual(actual, expected)

	# ----------------------------------------------------------------------------------------------

	def test_figures_equal_direct_counts(self):
		frappe.set_user(ADMIN)
		doc = self.new_report(self.units.board, covered_unit=self.units.root)
		subtree = get_subtree_units(self.units.root)
		self.assertEqual(doc.period_end, getdate(OCT[1]))
		self.assert_figures_match(doc, subtree)
		# the known data: 7 tasks due (1 cancelled aside), 2 sessions of 62 expected / 57 reached, ...
		self.assertEqual((doc.tasks_total, doc.tasks_completed, doc.tasks_late), (7, 3, 3))
		self.assertEqual((doc.sessions_held, doc.people_expected, doc.people_reached), (2, 62, 57))
		self.assertEqual((doc.inspections_held, doc.surprise_inspections), (2, 1))
		self.assertEqual(
			(doc.violations_total, doc.violations_corrected, doc.violations_disciplined), (5, 1, 1)
		)
		self.assertEqual((doc.evaluations_total, doc.evaluations_approved), (3, 2))

		# per-unit task rows add up and match the unit's own count
		for row in doc.task_figures:
			self.assertEqual(
				row.tasks_total,
				frappe.db.count(
					"Assigned Task",
					{
						"organization_unit": row.organization_unit,
						"due_date": ("between", [doc.period_start, doc.period_end]),
						"status": ("!=", "Cancelled"),
					},
				),
			)
		self.assertEqual(sum(r.tasks_total for r in doc.task_figures), doc.tasks_total)
		self.assertEqual(sum(r.sessions for r in doc.dissemination_figures), doc.sessions_held)
		self.assertEqual(sum(r.violations for r in doc.violation_figures), doc.violations_total)
		self.assertEqual(sum(r.evaluations for r in doc.evaluation_figures), doc.evaluations_approved)
		self.assertEqual(
			{r.level_label for r in doc.evaluation_figures},
			{"Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ"},
		)
		self.assertTrue(doc.name.startswith("BCDK-2026-10-"))
		self.assertIn("10/2026", doc.title)

	def test_unit_head_report_counts_only_his_subtree(self):
		frappe.set_user(HEAD_B)
		doc = self.new_report(self.units.commune_b)
		self.assertEqual(doc.covered_unit, self.units.commune_b)
		subtree = get_subtree_units(self.units.commune_b)
		self.assertEqual(set(subtree), {self.units.commune_b, self.units.office_b1})
		self.assert_figures_match(doc, subtree)
		self.assertEqual(doc.tasks_total, 4)
		self.assertTrue(all(r.organization_unit in subtree for r in doc.task_figures))

		# he cannot report on units outside his subtree
		with self.assertRaises(frappe.PermissionError):
			self.new_report(self.units.commune_b, start="2026-09-01", covered_unit=self.units.root)
		with self.assertRaises(frappe.PermissionError):
			self.new_report(self.units.other, start="2026-09-01")

		# ... nor see the other unit head's report, by list or by name
		frappe.set_user(HEAD_OTHER)
		other = self.new_report(self.units.other)
		frappe.set_user(HEAD_B)
		visible = frappe.get_list("Periodic Report", pluck="name")
		self.assertIn(doc.name, visible)
		self.assertNotIn(other.name, visible)
		self.assertFalse(frappe.has_permission("Periodic Report", "read", other.name))
		self.assertTrue(frappe.has_permission("Periodic Report", "read", doc.name))

		# his number cards count only his subtree
		self.assertEqual(
			dashboard.count_overdue_tasks(),
			frappe.db.sql(
				"""select count(*) from `tabAssigned Task` where organization_unit in %(units)s
				and (status = 'Overdue' or (status in ('Open', 'In Progress') and due_date < curdate()))""",
				{"units": subtree},
			)[0][0],
		)
		expected, reached = dashboard.dissemination_totals(getdate("2026-01-01"), getdate("2026-12-31"))
		self.assertEqual((expected, reached), (42, 39))  # office B1 in October + commune B in September
		chart = dashboard.task_completion_by_unit()
		self.assertTrue(set(chart["labels"]) <= {"UBND", "VP"})  # abbreviations of his two units
		# violations not yet verified stay with the inspectors: the unit head's count leaves them out
		self.assertEqual(
			dashboard.count_open_violations(),
			frappe.db.count(
				"Violation Record",
				{
					"organization_unit": ("in", subtree),
					"workflow_state": ("not in", ["Closed", "Dismissed", "Reported"]),
				},
			),
		)
		frappe.set_user(ADMIN)
		self.assertGreater(dashboard.count_overdue_tasks(), 0)
		self.assertGreaterEqual(dashboard.count_open_violations(), 3)

	def test_submitted_report_no_longer_changes(self):
		frappe.set_user(HEAD_B)
		doc = self.new_report(self.units.commune_b, start="2026-11-01")
		before = doc.tasks_total
		raw_insert(
			"Assigned Task",
			{
				"title": "RPT late addition",
				"organization_unit": self.units.office_b1,
				"status": "Open",
				"due_date": getdate("2026-11-20"),
				"weight": 1,
			},
		)
		# a draft picks the new task up when refreshed; refreshing again changes nothing
		self.assertEqual(doc.refresh_figures(), {"changed": True})
		self.assertEqual(doc.tasks_total, before + 1)
		modified = frappe.db.get_value("Periodic Report", doc.name, "modified")
		self.assertEqual(frappe.get_doc("Periodic Report", doc.name).refresh_figures(), {"changed": False})
		self.assertEqual(frappe.db.get_value("Periodic Report", doc.name, "modified"), modified)

		# a cadre cannot submit it; the unit head can
		frappe.set_user(CADRE_B)
		with self.assertRaises((WorkflowTransitionError, frappe.PermissionError)):
			apply_workflow(frappe.get_doc("Periodic Report", doc.name), "Submit")
		frappe.set_user(HEAD_B)
		doc = apply_workflow(frappe.get_doc("Periodic Report", doc.name), "Submit")
		self.assertEqual((doc.docstatus, doc.workflow_state), (1, "Submitted"))

		raw_insert(
			"Assigned Task",
			{
				"title": "RPT after submission",
				"organization_unit": self.units.office_b1,
				"status": "Open",
				"due_date": getdate("2026-11-21"),
				"weight": 1,
			},
		)
		doc = frappe.get_doc("Periodic Report", doc.name)
		with self.assertRaises(frappe.ValidationError):
			doc.refresh_figures()
		doc = frappe.get_doc("Periodic Report", doc.name)
		doc.tasks_total = 99
		with self.assertRaises(frappe.UpdateAfterSubmitError):
			doc.save()
		self.assertEqual(frappe.db.get_value("Periodic Report", doc.name, "tasks_total"), before + 1)

	def test_duplicate_and_bad_input_refused(self):
		frappe.set_user(ADMIN)
		self.new_report(self.units.root, start="2026-08-01")
		with self.assertRaises(frappe.DuplicateEntryError):
			self.new_report(self.units.root, start="2026-08-15")
		with self.assertRaises(frappe.ValidationError):
			self.new_report(self.units.board, start="2026-08-01", report_to_unit=self.units.board)
		with self.assertRaises(frappe.ValidationError):
			self.new_report(self.units.board, start="2026-07-01", period_end=getdate("2026-07-15"))
		quarterly = self.new_report(self.units.board, start="2026-08-20", frequency="Quarterly")
		self.assertEqual(
			(quarterly.period_start, quarterly.period_end), (getdate("2026-07-01"), getdate("2026-09-30"))
		)
		self.assertEqual(period_code(quarterly.period_start, "Quarterly"), "2026-Q3")

	def test_scheduled_drafting_is_idempotent(self):
		self.assertEqual(
			last_due_period("2026-10-31", "Monthly"), (getdate("2026-10-01"), getdate("2026-10-31"))
		)
		self.assertEqual(
			last_due_period("2026-11-03", "Monthly"), (getdate("2026-10-01"), getdate("2026-10-31"))
		)
		self.assertEqual(
			last_due_period("2026-11-03", "Quarterly"), (getdate("2026-07-01"), getdate("2026-09-30"))
		)
		plan = raw_insert(
			"Unit Plan",
			{
				"document_number": "RPT-KH/ĐU",
				"issuing_unit": self.units.root,
				"issue_date": getdate("2026-09-01"),
				"title": "RPT kế hoạch",
				"presiding_unit": self.units.board,
				"report_to_unit": self.units.root,
				"reporting_frequency": "Quarterly",
				"docstatus": 1,
				"workflow_state": "Issued",
			},
		)
		with change_settings(
			"Discipline Settings",
			{"presiding_unit": self.units.board, "standing_committee_unit": self.units.root},
		):
			before = frappe.db.count("Periodic Report")
			drafted = draft_due_reports("2026-12-31")
			self.assertEqual(frappe.db.count("Periodic Report"), before + len(drafted))
			self.assertEqual(draft_due_reports("2026-12-31"), [])
			self.assertEqual(draft_due_reports("2027-01-02"), [])  # the December one exists, Q4 too
			self.assertEqual(frappe.db.count("Periodic Report"), before + len(drafted))
			# other issued plans on the site get theirs too; these are the two of this test's board
			docs = [frappe.get_doc("Periodic Report", name) for name in drafted]
			ours = [d for d in docs if d.organization_unit == self.units.board]
			self.assertEqual(len(ours), 2)
			monthly, quarterly = sorted(ours, key=lambda d: bool(d.unit_plan))
		self.assertEqual((monthly.frequency, monthly.period_start), ("Monthly", getdate("2026-12-01")))
		self.assertEqual(monthly.covered_unit, self.units.root)
		self.assertEqual(
			(quarterly.unit_plan, quarterly.frequency, quarterly.period_start, quarterly.covered_unit),
			(plan, "Quarterly", getdate("2026-10-01"), self.units.root),
		)
		self.assertIn("RPT-KH/ĐU", quarterly.title)
		self.assertEqual(
			quarterly.tasks_total,
			direct_counts(get_subtree_units(self.units.root), "2026-10-01", "2026-12-31")["tasks_total"],
		)

	def test_print_format_renders_the_figures(self):
		frappe.set_user(ADMIN)
		doc = self.new_report(
			self.units.board,
			start="2026-10-01",
			frequency="Quarterly",
			covered_unit=self.units.root,
			document_number="99-BC/BXDĐ",
			signer_name="Nguyễn Văn An",
			signer_position="Trưởng Ban",
		)
		html = frappe.get_print("Periodic Report", doc.name, "Periodic Report", doc=doc)
		self.assertIn("99-BC/BXDĐ", html)
		self.assertIn("ĐẢNG CỘNG SẢN VIỆT NAM", html)  # a Party board's report
		self.assertIn("RPT Văn phòng UBND xã Thử nghiệm", html)  # a row of the task table
		self.assertIn("Nguyễn Văn An", html)
