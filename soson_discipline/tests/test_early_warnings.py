"""Early warnings (issue 28) as the board, a head of the unit and a head of another unit run them:
each signal raised by its canonical data (and not by the near-miss beside it) from what the other areas
store, kept once and noted when it no longer holds, seen only in scope (never by the person it is
about), acted on through a linked record, counted in the Periodic Report.

The records are the year 2035's, written straight to the database (`raw_insert`) as the reporting
tests write theirs: the job reads what is stored, whatever path stored it. The job runs for
2035-07-15 (months January to June: June's evaluations were due for approval on 10 July)."""

import re

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from soson_discipline.early_warning import detection
from soson_discipline.reporting import figures
from soson_discipline.scoring import signals
from soson_discipline.scoring.periods import month_bounds
from soson_discipline.tests.factories import (
	CADRE,
	PARTY_BOARD,
	TEST_POLICY,
	UNIT_HEAD,
	as_user,
	build_world,
	make_category,
	make_policy,
	raw_insert,
)
from soson_discipline.tests.test_followup import call, notifications, run_method

ON = getdate("2035-07-15")
LATER = getdate("2035-09-15")
WARNING = "Discipline Warning"
REFUSED = (frappe.PermissionError, frappe.DoesNotExistError)

EW_WORLD = {
	"email": "ew.{}@warning.test",
	"units": {
		"city": ("EW Thành ủy", "TU", None),
		"commune_a": ("EW Đảng ủy xã A", "ĐU", "city"),
		"board_a": ("EW Ban Xây dựng Đảng A", "BXD", "commune_a", PARTY_BOARD),
		"board_u": ("EW Văn phòng A", "VP", "commune_a"),
		"commune_b": ("EW Đảng ủy xã B", "ĐU", "city"),
		"unit_s": ("EW Phòng Kinh tế B", "PKT", "commune_b"),
		"unit_r": ("EW Phòng Văn hóa B", "PVH", "commune_b"),
		"unit_r2": ("EW Phòng Tư pháp B", "PTP", "commune_b"),
	},
	"directives": {"directive": ("EW-24-CT/TU", "city", "EW chỉ thị tăng cường kỷ cương")},
	"people": {
		"admin": ("EW Trưởng ban Tổ chức", "city", ["Discipline Administrator", "Cadre"]),
		"head_a": ("EW Bí thư A", "commune_a", UNIT_HEAD, {"heads": "commune_a"}),
		"head_ba": ("EW Trưởng ban A", "board_a", UNIT_HEAD, {"heads": "board_a", "rater": "head_a"}),
		"a1": ("EW Cán bộ A1", "board_a", CADRE, {"rater": "head_ba"}),
		"a2": ("EW Cán bộ A2", "board_a", CADRE, {"rater": "head_ba"}),
		"a3": ("EW Cán bộ A3", "board_a", CADRE, {"rater": "head_ba"}),
		"a4": ("EW Cán bộ A4", "board_a", CADRE, {"rater": "head_ba"}),
		**{f"u{i}": (f"EW Chuyên viên U{i}", "board_u", CADRE, {"rater": "head_a"}) for i in range(1, 6)},
		"head_b": ("EW Bí thư B", "commune_b", UNIT_HEAD, {"heads": "commune_b"}),
		"b1": ("EW Cán bộ B1", "commune_b", CADRE, {"rater": "head_b"}),
	},
}

MONTHS = signals.last_months(ON, 6)  # January .. June 2035
JAN, FEB, MAR, APR, MAY, JUN = MONTHS


def month_end(month):
	return month_bounds(month)[1]


class EarlyWarningTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.w = build_world(EW_WORLD)
		make_policy()
		if not frappe.db.exists("Cadre Evaluation", {"evaluation_key": ("like", "EW-%")}):
			cls.make_records()
		if not frappe.db.exists("Violation Record", {"description": "EW collective"}):
			cls.make_collective_records()
		cls.first_run = detection.raise_warnings(ON)
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.form_dict = frappe._dict()

	# ----- the stored year -----

	@classmethod
	def make_records(cls):
		w = cls.w
		levels = {"A": 95, "B": 80, "C": 60, "D": 40}

		def evaluation(person, month, level, score=None, self_score=None):
			score = levels[level] if score is None else score
			raw_insert(
				"Cadre Evaluation",
				{
					"cadre": w.cadres[person],
					"cadre_name": person,
					"organization_unit": frappe.db.get_value("Cadre", w.cadres[person], "organization_unit"),
					"evaluation_policy": TEST_POLICY,
					"period_start": month,
					"period_end": month_end(month),
					"final_level": level,
					"computed_level": level,
					"self_level": level,
					"total_score": score,
					# the rater changed the score: not a self-assessment left unchanged
					"self_total": score + 3 if self_score is None else self_score,
					"docstatus": 1,
					"workflow_state": "Approved",
					"evaluation_key": f"EW-{person}-{month}",
				},
			)

		# a1 not completed in May and June (running); a2 in February and April (not running)
		# board A's cadres' average falls April → June while its head stays at the top level
		for month, scores in ((APR, (60, 40, 80, 80)), (MAY, (40, 70, 70, 70)), (JUN, (40, 65, 65, 65))):
			for person, score in zip(("a1", "a2", "a3", "a4"), scores, strict=True):
				level = "D" if score < 50 else "C" if score < 70 else "B"
				evaluation(person, month, level, score)
			evaluation("head_ba", month, "A")
		evaluation("a2", FEB, "D")
		# board U: every cadre at B three months running (cào bằng)
		for month in (APR, MAY, JUN):
			for i in range(1, 6):
				evaluation(f"u{i}", month, "B")

		# a3: half of each month's products late, April to June; a4 the same but none late in June
		for month in (APR, MAY, JUN):
			for person, late in (("a3", True), ("a4", month != JUN)):
				cls.task(w.board_a, person, month, late=False)
				cls.task(w.board_a, person, month, late=late)
		# unit S: on-time share of ten tasks falls March → June (9, 8, 7, 5)
		for month, on_time in ((MAR, 9), (APR, 8), (MAY, 7), (JUN, 5)):
			for i in range(10):
				cls.task(w.unit_s, None, month, late=i >= on_time)

		# the same category twice on a1 within twelve months; on b1 thirteen months apart
		category = make_category("EW-01", "EW Né tránh trách nhiệm", w.directive)
		for person, detected_on in (
			("a1", "2035-02-10"),
			("a1", "2035-06-20"),
			("b1", "2034-06-01"),
			("b1", "2035-06-01"),
		):
			raw_insert(
				"Violation Record",
				{
					"cadre": w.cadres[person],
					"organization_unit": frappe.db.get_value("Cadre", w.cadres[person], "organization_unit"),
					"violation_category": category,
					"severity": "Medium",
					"detected_on": detected_on,
					"detection_source": "Other",
					"description": "EW",
					"docstatus": 1,
					"workflow_state": "Verified",
				},
			)

		# a plan leading units R and R2: R neither reports nor disseminates; R2 disseminates in May
		# and reports for June (late in May only)
		plan = raw_insert(
			"Unit Plan",
			{
				"document_number": "EW-01-KH",
				"issuing_unit": w.commune_b,
				"issue_date": "2035-01-15",
				"title": "EW kế hoạch",
				"reporting_frequency": "Monthly",
				"docstatus": 1,
				"workflow_state": "Issued",
			},
			{
				"tasks": [
					{"task_group": "I", "description": "EW", "lead_unit": w.unit_r, "due_date": "2035-03-01"},
					{
						"task_group": "I",
						"description": "EW",
						"lead_unit": w.unit_r2,
						"due_date": "2035-03-01",
					},
				]
			},
		)
		raw_insert(
			"Dissemination Session",
			{
				"subject": "EW quán triệt",
				"organization_unit": w.unit_r2,
				"session_date": "2035-05-10",
				"unit_plan": plan,
				"form": "In Person",
			},
		)
		raw_insert(
			"Periodic Report",
			{
				"title": "EW báo cáo tháng 6",
				"organization_unit": w.unit_r2,
				"frequency": "Monthly",
				"period_start": "2035-06-01",
				"period_end": "2035-06-30",
				"docstatus": 1,
				"workflow_state": "Submitted",
			},
		)

	@classmethod
	def make_collective_records(cls):
		"""Unit R's own violations (a collective, no cadre named): the same category twice."""
		category = make_category("EW-01", "EW Né tránh trách nhiệm", cls.w.directive)
		for detected_on in ("2035-03-02", "2035-06-09"):
			raw_insert(
				"Violation Record",
				{
					"collective": 1,
					"organization_unit": cls.w.unit_r,
					"violation_category": category,
					"severity": "Medium",
					"detected_on": detected_on,
					"detection_source": "Other",
					"description": "EW collective",
					"docstatus": 1,
					"workflow_state": "Verified",
				},
			)

	@classmethod
	def task(cls, unit, person, month, late: bool):
		due = month.replace(day=15)
		raw_insert(
			"Assigned Task",
			{
				"title": "EW task",
				"organization_unit": unit,
				"assignee": cls.w.cadres[person] if person else None,
				"status": "Completed",
				"start_date": month,
				"due_date": due,
				"completed_on": due.replace(day=20) if late else due,
				"is_late": int(late),
				"weight": 1,
			},
		)

	# ----- helpers -----

	def user(self, key: str) -> str:
		return self.w.users[key]

	def warning(self, warning_type: str, subject: str) -> frappe._dict | None:
		field = "cadre" if warning_type in signals.CADRE_SIGNALS else "organization_unit"
		value = self.w.cadres.get(subject) or self.w[subject]
		return frappe.db.get_value(
			WARNING,
			{"warning_type": warning_type, field: value, "status": ("!=", "Closed")},
			["name", "status", "still_holds", "organization_unit", "period_from", "period_to"],
			as_dict=True,
		)

	def visible(self, user: str) -> set[str]:
		with as_user(user):
			rows = call(
				"frappe.client.get_list", "GET", doctype=WARNING, fields=["name"], limit_page_length=0
			)
			return {row["name"] for row in rows}


class TestSignalsFromStoredRecords(EarlyWarningTestCase):
	def test_each_signal_is_raised_by_its_canonical_data(self):
		expected = {
			(signals.NOT_COMPLETED, "a1"): ("board_a", MAY, JUN),
			(signals.REPEATED_VIOLATION, "a1"): ("board_a", FEB, JUN),
			(signals.LATENESS, "a3"): ("board_a", APR, JUN),
			(signals.LEADER_OUT_OF_STEP, "head_ba"): ("board_a", APR, JUN),
			(signals.UNIFORM_RATINGS, "board_u"): ("board_u", APR, JUN),
			(signals.UNIT_SLIPPING, "unit_s"): ("unit_s", APR, JUN),
			(signals.LATE_REPORTING, "unit_r"): ("unit_r", MAY, JUN),
		}
		for (warning_type, subject), (unit, start, end) in expected.items():
			with self.subTest(warning_type):
				found = self.warning(warning_type, subject)
				self.assertTrue(found, f"{warning_type} not raised for {subject}")
				self.assertEqual(found.organization_unit, self.w[unit])
				self.assertEqual((getdate(found.period_from), getdate(found.period_to)), (start, end))

	def test_a_collectives_repeated_violation_is_the_units(self):
		found = frappe.get_all(
			WARNING,
			filters={"warning_type": signals.REPEATED_VIOLATION, "organization_unit": self.w.unit_r},
			fields=["cadre", "violation_category", "period_from", "period_to"],
		)
		self.assertEqual(len(found), 1)
		self.assertFalse(found[0].cadre)
		self.assertEqual((getdate(found[0].period_from), getdate(found[0].period_to)), (MAR, JUN))

	def test_near_misses_raise_nothing(self):
		for warning_type, subject in (
			(signals.NOT_COMPLETED, "a2"),  # twice, not running
			(signals.LATENESS, "a4"),  # none late in June
			(signals.REPEATED_VIOLATION, "b1"),  # thirteen months apart
			(signals.LATE_REPORTING, "unit_r2"),  # late in May only
			(signals.UNIFORM_RATINGS, "board_a"),  # levels differ, raters changed the scores
		):
			with self.subTest(warning_type):
				self.assertFalse(self.warning(warning_type, subject))

	def test_the_figures_behind_a_warning(self):
		doc = frappe.get_doc(WARNING, self.warning(signals.LEADER_OUT_OF_STEP, "head_ba").name)
		scores = [row.value for row in doc.figures if row.measure == signals.M_UNIT_SCORE]
		self.assertEqual(scores, [65.0, 62.5, 58.75])
		self.assertEqual(
			{row.reference for row in doc.figures if row.measure == signals.M_LEADER_LEVEL}, {"A"}
		)
		doc = frappe.get_doc(WARNING, self.warning(signals.REPEATED_VIOLATION, "a1").name)
		self.assertEqual(len(doc.figures), 2)
		self.assertTrue(doc.violation_category)

	def test_a_second_run_changes_nothing(self):
		before = frappe.get_all(WARNING, fields=["name", "modified"], order_by="name")
		self.assertEqual(detection.raise_warnings(ON), {"raised": 0, "updated": 0, "no_longer_hold": 0})
		self.assertEqual(frappe.get_all(WARNING, fields=["name", "modified"], order_by="name"), before)

	def test_a_month_still_being_rated_is_not_read(self):
		# on 5 July June's evaluations are still being approved (due on the 10th): a1's June does not
		# count yet, his lateness (tasks) does
		keys = {f.key for f in detection.find_warnings(getdate("2035-07-05"))}
		self.assertNotIn(f"{signals.NOT_COMPLETED}:{self.w.a1}", keys)
		self.assertIn(f"{signals.LATENESS}:{self.w.a3}", keys)

	def test_thresholds_come_from_the_settings(self):
		settings = "Discipline Settings"
		self.assertEqual(detection.thresholds(), signals.Thresholds())
		frappe.db.set_single_value(settings, "warning_not_completed_consecutive", 3)
		frappe.clear_document_cache(settings, settings)
		try:
			keys = {f.key for f in detection.find_warnings(ON)}
			self.assertNotIn(f"{signals.NOT_COMPLETED}:{self.w.a1}", keys)
			self.assertIn(f"{signals.LATENESS}:{self.w.a3}", keys)
		finally:
			frappe.db.set_single_value(settings, "warning_not_completed_consecutive", 2)
			frappe.clear_document_cache(settings, settings)

	def test_bad_thresholds_are_refused_naming_the_field(self):
		settings = "Discipline Settings"
		with as_user(self.user("admin")):
			for fieldname, value, label in (
				("warning_uniform_percent", 150, "Uniform Ratings: Same Level (%)"),
				("warning_not_completed_of_six", 7, "Not Completed: Months of the Last Six"),
				("warning_lateness_months", 0, "Late Products: Months Running"),
			):
				with (
					self.subTest(fieldname),
					self.assertRaisesRegex(frappe.ValidationError, re.escape(label)),
				):
					call(
						"frappe.client.set_value",
						doctype=settings,
						name=settings,
						fieldname=fieldname,
						value=str(value),
					)
		self.assertEqual(frappe.db.get_single_value(settings, "warning_uniform_percent"), 90)

	def test_settings_defaults_are_the_thresholds(self):
		meta = frappe.get_meta("Discipline Settings")
		for name, default in signals.Thresholds().__dict__.items():
			field = meta.get_field(signals.SETTING_PREFIX + name)
			self.assertTrue(field, name)
			self.assertEqual(type(default)(field.default), default, name)


class TestWhoSeesAWarning(EarlyWarningTestCase):
	def test_scope_the_board_the_heads_and_the_person_it_is_about(self):
		a1_nc = self.warning(signals.NOT_COMPLETED, "a1").name
		leader = self.warning(signals.LEADER_OUT_OF_STEP, "head_ba").name
		uniform = self.warning(signals.UNIFORM_RATINGS, "board_u").name
		slipping = self.warning(signals.UNIT_SLIPPING, "unit_s").name

		board = self.visible(self.user("admin"))
		self.assertTrue({a1_nc, leader, uniform, slipping} <= board)
		head_a = self.visible(self.user("head_a"))
		self.assertTrue({a1_nc, leader, uniform} <= head_a)
		self.assertNotIn(slipping, head_a)
		# the head of board A sees his cadres' warnings, never the one about himself
		head_ba = self.visible(self.user("head_ba"))
		self.assertIn(a1_nc, head_ba)
		self.assertNotIn(leader, head_ba)
		with as_user(self.user("head_ba")):
			self.assertRaises(REFUSED, call, "frappe.client.get", "GET", doctype=WARNING, name=leader)
			self.assertEqual(
				call("frappe.client.get_count", "GET", doctype=WARNING, filters={"name": leader}), 0
			)
		# a head of another unit sees none of them
		self.assertFalse({a1_nc, leader, uniform} & self.visible(self.user("head_b")))
		self.assertIn(slipping, self.visible(self.user("head_b")))
		# the cadre himself: no warning at all
		with as_user(self.user("a1")):
			self.assertRaises(REFUSED, call, "frappe.client.get", "GET", doctype=WARNING, name=a1_nc)

	def test_who_is_told(self):
		a1_nc = self.warning(signals.NOT_COMPLETED, "a1").name
		leader = self.warning(signals.LEADER_OUT_OF_STEP, "head_ba").name
		self.assertEqual(notifications(self.user("head_ba"), WARNING, a1_nc), 1)
		self.assertEqual(notifications(self.user("a1"), WARNING, a1_nc), 0)
		# a warning about a head goes to the heads above him, not to him
		self.assertEqual(notifications(self.user("head_ba"), WARNING, leader), 0)
		self.assertEqual(notifications(self.user("head_a"), WARNING, leader), 1)
		self.assertEqual(notifications(self.user("head_b"), WARNING, leader), 0)
		# the board: one alert per warning, or one digest when many are raised at once
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": self.user("admin"), "document_type": WARNING})
		)

	def test_the_report_and_the_card_in_scope(self):
		from soson_discipline.reporting.dashboard import open_warnings
		from soson_discipline.soson_discipline.report.early_warnings.early_warnings import execute

		leader = self.warning(signals.LEADER_OUT_OF_STEP, "head_ba").name
		with as_user(self.user("head_ba")):
			columns, data, _message, chart, summary = execute(
				{"from_date": "2035-07-01", "to_date": "2035-07-31"}
			)
			names = {row.name for row in data}
			self.assertNotIn(leader, names)
			self.assertTrue(names)
			self.assertEqual({row.organization_unit for row in data}, {self.w.board_a})
			self.assertTrue(chart["data"]["datasets"])
			self.assertEqual(
				open_warnings(refresh=1)["value"], len(self.visible(self.user("head_ba")) & self._open())
			)
			with self.assertRaises(frappe.ValidationError):
				execute({"warning_type": "Bogus"})
		# a city's first night raises tens of thousands: the table lists the latest, the counts all
		from unittest.mock import patch

		from soson_discipline.soson_discipline.report.early_warnings import early_warnings

		with as_user(self.user("admin")), patch.object(early_warnings, "MAX_ROWS", 2):
			_columns, data, message, chart, summary = execute(
				{"from_date": "2035-07-01", "to_date": "2035-07-31"}
			)
			self.assertEqual(len(data), 2)
			self.assertIn("2", message)
			self.assertGreaterEqual(sum(s["value"] for s in summary), 7)
			self.assertEqual(
				sum(sum(d["values"]) for d in chart["data"]["datasets"]), sum(s["value"] for s in summary)
			)

	def _open(self) -> set[str]:
		return set(frappe.get_all(WARNING, filters={"status": ("!=", "Closed")}, pluck="name"))


class TestActingOnAWarning(EarlyWarningTestCase):
	def test_acknowledge_then_close_with_a_note(self):
		name = self.warning(signals.NOT_COMPLETED, "a1").name
		with as_user(self.user("head_b")):
			self.assertRaises(REFUSED, run_method, WARNING, name, "acknowledge")
		with as_user(self.user("head_ba")):
			run_method(WARNING, name, "acknowledge")
			doc = frappe.get_doc(WARNING, name)
			self.assertEqual((doc.status, doc.acknowledged_by), ("Acknowledged", self.user("head_ba")))
			self.assertRaises(frappe.ValidationError, run_method, WARNING, name, "acknowledge")
			# typed by hand through the API: refused, naming the field
			with self.assertRaisesRegex(frappe.ValidationError, "Status"):
				call(
					"frappe.client.set_value", doctype=WARNING, name=name, fieldname="status", value="Closed"
				)
			with self.assertRaises(frappe.ValidationError):
				call(
					"frappe.client.set_value",
					doctype=WARNING,
					name=name,
					fieldname="period_from",
					value="2035-01-01",
				)
			# closing a warning nothing was done about needs a note
			self.assertRaises(frappe.ValidationError, run_method, WARNING, name, "close")
			run_method(WARNING, name, "close", note="Đã nhắc nhở, theo dõi tiếp")
		doc = frappe.get_doc(WARNING, name)
		self.assertEqual((doc.status, doc.open_key), ("Closed", None))
		# the signal still holds: the next run raises a new warning, the closed one stays
		detection.raise_warnings(ON)
		self.assertNotEqual(self.warning(signals.NOT_COMPLETED, "a1").name, name)
		self.assertTrue(frappe.db.exists(WARNING, name))

	def test_urging_and_inspection_created_from_a_warning(self):
		uniform = self.warning(signals.UNIFORM_RATINGS, "board_u").name
		with as_user(self.user("head_a")):  # a unit head issues no urging
			self.assertRaises(REFUSED, run_method, WARNING, uniform, "create_urging")
		with as_user(self.user("admin")):
			urging = run_method(WARNING, uniform, "create_urging")
			self.assertRaises(frappe.ValidationError, run_method, WARNING, uniform, "create_urging")
		doc = frappe.get_doc(WARNING, uniform)
		self.assertEqual((doc.status, doc.urging, str(doc.acted_on)), ("Acted on", urging, str(getdate())))
		urging_doc = frappe.get_doc("Urging", urging)
		self.assertEqual(urging_doc.targets[0].organization_unit, self.w.board_u)
		self.assertIn("Same Level (%): 100 B", urging_doc.content)  # the figures behind it
		# a level is named without a count beside it ("Leader's Level: A", never "0 A")
		leader = self.warning(signals.LEADER_OUT_OF_STEP, "head_ba").name
		with as_user(self.user("admin")):
			content = frappe.db.get_value("Urging", run_method(WARNING, leader, "create_urging"), "content")
		self.assertIn("s Level: A<br>", content)
		self.assertNotIn(": 0 A", content)

		slipping = self.warning(signals.UNIT_SLIPPING, "unit_s").name
		with as_user(self.user("admin")):
			inspection = run_method(WARNING, slipping, "create_inspection")
			# acted on: closing needs no note
			run_method(WARNING, slipping, "close")
		self.assertEqual(frappe.db.get_value("Inspection", inspection, "status"), "Planned")
		self.assertEqual(
			frappe.db.get_value(WARNING, slipping, ["status", "inspection"]), ("Closed", inspection)
		)

	def test_a_linked_violation_record_and_a_conclusion_act_on_it(self):
		from soson_discipline.early_warning.actions import forget_conclusion, record_conclusion

		name = self.warning(signals.REPEATED_VIOLATION, "a1").name
		record = frappe.get_all("Violation Record", filters={"cadre": self.w.a1}, pluck="name", limit=1)[0]
		with as_user(self.user("head_ba")):
			call(
				"frappe.client.set_value",
				doctype=WARNING,
				name=name,
				fieldname="violation_record",
				value=record,
			)
		self.assertEqual(frappe.db.get_value(WARNING, name, "status"), "Acted on")

		leader = self.warning(signals.LEADER_OUT_OF_STEP, "head_ba").name
		name = raw_insert(
			"Standing Committee Conclusion",
			{
				"title": "EW kết luận",
				"issuing_unit": self.w.city,
				"conclusion_date": "2035-07-10",
				"content": "EW",
				"docstatus": 1,
			},
			{
				"points": [
					{
						"content": "Kiểm điểm người đứng đầu",
						"owner_unit": self.w.commune_a,
						"discipline_warning": leader,
					}
				]
			},
		)
		conclusion = frappe.get_doc("Standing Committee Conclusion", name)
		record_conclusion(conclusion)
		self.assertEqual(frappe.db.get_value(WARNING, leader, ["status", "conclusion"]), ("Acted on", name))
		forget_conclusion(conclusion)
		self.assertEqual(frappe.db.get_value(WARNING, leader, ["status", "conclusion"]), ("New", None))

	def test_the_periodic_report_counts_warnings(self):
		record = frappe.get_all("Violation Record", filters={"cadre": self.w.a1}, pluck="name", limit=1)[0]
		frappe.db.set_value(WARNING, self.warning(signals.LATENESS, "a3").name, "violation_record", record)
		units = list(self.w.units.values())
		counts = figures.warning_figures(units, "2035-07-01", "2035-07-31")
		raised = frappe.get_all(
			WARNING,
			filters={
				"organization_unit": ("in", units),
				"raised_on": ("between", ["2035-07-01", "2035-07-31"]),
			},
			fields=["name", "urging", "inspection", "conclusion", "violation_record"],
		)
		self.assertEqual(counts["warnings_raised"], len(raised))
		self.assertGreaterEqual(len(raised), 7)
		acted = [w for w in raised if w.urging or w.inspection or w.conclusion or w.violation_record]
		self.assertEqual(counts["warnings_acted_on"], len(acted))
		self.assertGreaterEqual(len(acted), 1)
		# a month without warnings counts none
		self.assertEqual(figures.warning_figures(units, "2035-08-01", "2035-08-31")["warnings_raised"], 0)


class TestWhenASignalNoLongerHolds(EarlyWarningTestCase):
	def test_noted_not_deleted(self):
		uniform = self.warning(signals.UNIFORM_RATINGS, "board_u").name
		late = self.warning(signals.LATE_REPORTING, "unit_r").name
		counts = detection.raise_warnings(LATER)
		self.assertGreaterEqual(counts["no_longer_hold"], 1)
		# July and August have no evaluations: board U is no longer uniform; unit R is still late
		self.assertEqual(
			frappe.db.get_value(WARNING, uniform, ["still_holds", "no_longer_holds_on"]), (0, LATER)
		)
		doc = frappe.get_doc(WARNING, late)
		self.assertEqual((doc.still_holds, getdate(doc.period_to)), (1, signals.add_months(JUN, 2)))
		# back to the first day: the signal holds again on the same open warning
		detection.raise_warnings(ON)
		self.assertEqual(frappe.db.get_value(WARNING, uniform, "still_holds"), 1)

	def test_written_in_bulk_the_rows_are_the_same(self):
		"""The first night on a year of a city's records writes its warnings in multi-row inserts: the
		rows are those one document at a time writes."""
		from unittest.mock import patch

		def snapshot():
			rows = frappe.get_all(
				WARNING,
				filters={
					"organization_unit": ("in", list(self.w.units.values())),
					"status": ("!=", "Closed"),
					"still_holds": 1,
				},
				fields=[
					"name",
					"warning_key",
					"title",
					"cadre_name",
					"organization_unit",
					"period_from",
					"status",
				],
			)
			return {
				row.warning_key: (
					row.title,
					row.cadre_name,
					row.organization_unit,
					row.period_from,
					row.status,
					tuple(
						(f.month, f.measure, f.value, f.reference)
						for f in frappe.get_all(
							"Discipline Warning Figure",
							filters={"parent": row.name, "parenttype": WARNING},
							fields=["month", "measure", "value", "reference", "idx"],
							order_by="idx",
						)
					),
				)
				for row in rows
			}, [row.name for row in rows]

		one_at_a_time, names = snapshot()
		for name in names:
			frappe.delete_doc(WARNING, name, force=True, ignore_permissions=True)
		with patch.object(detection, "BULK_ABOVE", 0):
			detection.raise_warnings(ON)
		in_bulk, new_names = snapshot()
		self.maxDiff = None
		self.assertEqual(in_bulk, one_at_a_time)
		self.assertTrue(all(re.fullmatch(r"CBS-\d{4}-\d{5}", name) for name in new_names), new_names)
		self.assertFalse(set(new_names) & set(names))
		# and the next run finds them as the job left them: nothing to change
		self.assertEqual(detection.raise_warnings(ON)["updated"], 0)
