# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from soson_discipline.soson_discipline.doctype.violation_record.violation_record import (
	OpenCorrectiveActionError,
)
from soson_discipline.tests.factories import (
	VIOLATIONS_WORLD,
	act,
	build_world,
	make_inspection,
	make_record,
	with_user,
)
from soson_discipline.violations.corrective_actions import remind_overdue_corrective_actions


class TestViolationRecordWorkflow(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w = build_world(VIOLATIONS_WORLD)

	def tearDown(self):
		frappe.set_user("Administrator")

	def add_action(self, record, user, completed_on=None, due_date=None):
		doc = frappe.get_doc("Violation Record", record.name)
		doc.append(
			"corrective_actions",
			{
				"action": "Rà soát, giải quyết hồ sơ tồn đọng",
				"responsible": self.w.cadre,
				"due_date": due_date or add_days(today(), 10),
				"completed_on": completed_on,
			},
		)
		with_user(user, doc.save)
		return doc

	def test_full_cycle_and_refused_close_with_open_action(self):
		w = self.w
		record = make_record(w)
		self.assertEqual(record.workflow_state, "Reported")
		self.assertEqual(record.docstatus, 0)
		self.assertEqual(record.severity, "Medium", "severity defaults from the category")
		self.assertEqual(record.organization_unit, w.board_a, "unit defaults from the cadre")
		self.assertEqual(record.directive, w.directive, "directive defaults from the category")

		record = act(record, "Verify", w.inspector2_user)
		self.assertEqual((record.workflow_state, record.docstatus), ("Verified", 1))
		self.assertEqual(record.verified_by, w.inspector2_user)
		self.assertEqual(record.verified_by_name, frappe.db.get_value("User", w.inspector2_user, "full_name"))

		# an open corrective action blocks closing
		self.add_action(record, w.inspector1_user)
		with self.assertRaises(OpenCorrectiveActionError):
			act(record, "Close", w.inspector2_user)
		self.assertEqual(frappe.db.get_value("Violation Record", record.name, "workflow_state"), "Verified")

		record = act(record, "Require Correction", w.inspector2_user)
		self.assertEqual(record.workflow_state, "Correction Required")
		self.assertEqual(record.corrective_actions[0].status, "Open")
		# the unit head, who marks it corrected, is told (issue 25 item 9)
		self.assertEqual(told(w.head_a_user, record.name), 1)

		# the unit head cannot mark it corrected while the action is open...
		with self.assertRaises(OpenCorrectiveActionError):
			act(record, "Mark Corrected", w.head_a_user)

		# ...records its completion, then can
		doc = frappe.get_doc("Violation Record", record.name)
		doc.corrective_actions[0].completed_on = today()
		with_user(w.head_a_user, doc.save)
		self.assertEqual(doc.corrective_actions[0].status, "Completed")
		record = act(record, "Mark Corrected", w.head_a_user)
		self.assertEqual(record.workflow_state, "Corrected")
		# ...and whoever verified it, who closes it
		self.assertEqual(told(w.inspector2_user, record.name), 1)

		# a unit head does not close; an inspector does
		with self.assertRaises(WorkflowTransitionError):
			act(record, "Close", w.head_a_user)
		record = act(record, "Close", w.inspector2_user)
		self.assertEqual((record.workflow_state, record.docstatus), ("Closed", 1))
		self.assertEqual(getdate(record.closed_on), getdate(today()))

	def test_require_correction_needs_an_action(self):
		record = act(make_record(self.w), "Verify", self.w.inspector2_user)
		with self.assertRaises(frappe.ValidationError):
			act(record, "Require Correction", self.w.inspector2_user)

	def test_reporter_cannot_verify_his_own_report(self):
		record = make_record(self.w, user=self.w.inspector1_user)
		with self.assertRaises(frappe.ValidationError):
			act(record, "Verify", self.w.inspector1_user)
		self.assertEqual(frappe.db.get_value("Violation Record", record.name, "workflow_state"), "Reported")

	def test_cadre_cannot_verify_a_record_about_himself(self):
		w = self.w
		record = make_record(w, cadre=w.inspector_subject)
		# the inspector who is the subject is not offered the action...
		with self.assertRaises(WorkflowTransitionError):
			act(record, "Verify", w.inspector3_user)
		# ...nor can he force the state by saving
		doc = frappe.get_doc("Violation Record", record.name)
		doc.workflow_state = "Verified"
		with self.assertRaises((WorkflowPermissionError, frappe.PermissionError)):
			with_user(w.inspector3_user, doc.submit)
		# a plain cadre has no workflow action at all, even on his own record
		own = make_record(w)
		with self.assertRaises(WorkflowTransitionError):
			act(own, "Verify", w.cadre_user)
		self.assertEqual(frappe.db.get_value("Violation Record", record.name, "workflow_state"), "Reported")
		# another inspector may verify it
		self.assertEqual(act(record, "Verify", w.inspector2_user).workflow_state, "Verified")

	def test_dismiss_requires_a_reason(self):
		w = self.w
		record = make_record(w)
		with self.assertRaises(frappe.ValidationError) as cm:
			act(record, "Dismiss", w.inspector2_user)
		self.assertIn("Dismissal Reason", str(cm.exception))
		doc = frappe.get_doc("Violation Record", record.name)
		doc.dismissal_reason = "Cán bộ đã giải trình, có lý do chính đáng"
		with_user(w.inspector2_user, doc.save)
		record = act(record, "Dismiss", w.inspector2_user)
		self.assertEqual((record.workflow_state, record.docstatus), ("Dismissed", 1))

	def test_cancel_moves_to_cancelled_state(self):
		record = act(make_record(self.w), "Verify", self.w.inspector2_user)
		doc = frappe.get_doc("Violation Record", record.name)
		with_user(self.w.inspector2_user, doc.cancel)
		self.assertEqual(
			frappe.db.get_value("Violation Record", record.name, ["docstatus", "workflow_state"]),
			(2, "Cancelled"),
		)

	def test_cadre_reads_but_cannot_write_his_record(self):
		w = self.w
		record = act(make_record(w), "Verify", w.inspector2_user)
		frappe.set_user(w.cadre_user)
		self.assertTrue(frappe.has_permission("Violation Record", "read", record.name))
		self.assertFalse(frappe.has_permission("Violation Record", "write", record.name))
		self.assertFalse(frappe.has_permission("Violation Record", "create"))
		doc = frappe.get_doc("Violation Record", record.name)
		doc.cadre_explanation = "Tôi tự sửa hồ sơ của mình"
		self.assertRaises(frappe.PermissionError, doc.save)

	def test_cadre_concerned_writes_his_explanation_and_no_one_else(self):
		"""The cadre a record is about is heard: he writes his explanation (only that field) while the
		record is open, reported or verified (issue 25)."""
		w = self.w
		record = make_record(w)
		with_user(
			w.cadre_user,
			lambda: frappe.get_doc("Violation Record", record.name).write_explanation(
				"Do ốm đột xuất, đã báo cáo lãnh đạo"
			),
		)
		self.assertEqual(
			frappe.db.get_value("Violation Record", record.name, "cadre_explanation"),
			"Do ốm đột xuất, đã báo cáo lãnh đạo",
		)
		record = act(record, "Verify", w.inspector2_user)
		with_user(
			w.cadre_user,
			lambda: frappe.get_doc("Violation Record", record.name).write_explanation(
				"Bổ sung: có giấy xác nhận của cơ sở y tế"
			),
		)
		self.assertEqual(
			frappe.db.get_value("Violation Record", record.name, ["cadre_explanation", "docstatus"]),
			("Bổ sung: có giấy xác nhận của cơ sở y tế", 1),
		)
		# nobody else writes it, through this door
		with self.assertRaises(frappe.PermissionError):
			with_user(
				w.head_a_user, lambda: frappe.get_doc("Violation Record", record.name).write_explanation("x")
			)
		# the form offers it to him
		doc = with_user(w.cadre_user, lambda: frappe.get_doc("Violation Record", record.name))
		frappe.set_user(w.cadre_user)
		doc.run_method("onload")
		self.assertTrue(doc.get_onload().my_steps["can_explain"])
		frappe.set_user("Administrator")
		# and not once the record is closed
		act(record, "Close", w.inspector2_user)
		with self.assertRaises(frappe.PermissionError):
			with_user(
				w.cadre_user, lambda: frappe.get_doc("Violation Record", record.name).write_explanation("y")
			)

	def test_the_cadre_responsible_records_his_corrective_action_done(self):
		w = self.w
		record = act(make_record(w), "Verify", w.inspector2_user)
		self.add_action(record, w.inspector1_user)
		record = act(record, "Require Correction", w.inspector2_user)
		row = record.corrective_actions[0].name
		# only the cadre responsible (w.cadre), not another user
		with self.assertRaises(frappe.PermissionError):
			with_user(
				w.head_a_user,
				lambda: frappe.get_doc("Violation Record", record.name).complete_corrective_action(row),
			)
		with_user(
			w.cadre_user,
			lambda: frappe.get_doc("Violation Record", record.name).complete_corrective_action(
				row, today(), "Đã giải quyết xong hồ sơ tồn"
			),
		)
		done = frappe.get_doc("Violation Record", record.name).corrective_actions[0]
		self.assertEqual(
			(str(done.completed_on), done.status, done.result),
			(today(), "Completed", "Đã giải quyết xong hồ sơ tồn"),
		)
		# then the unit head marks the record corrected
		self.assertEqual(act(record, "Mark Corrected", w.head_a_user).workflow_state, "Corrected")

	def test_the_cadre_responsible_reads_the_record_he_is_not_the_subject_of(self):
		"""A corrective action given to a colleague (neither the record's cadre nor a head): he finds
		the record in his list and opens it, to record his action done; he never edits it."""
		w = self.w
		record = act(make_record(w), "Verify", w.inspector2_user)
		doc = frappe.get_doc("Violation Record", record.name)
		doc.append(
			"corrective_actions",
			{"action": "Bàn giao hồ sơ tồn", "responsible": w.peer, "due_date": add_days(today(), 10)},
		)
		with_user(w.inspector1_user, doc.save)
		record = act(record, "Require Correction", w.inspector2_user)
		self.assertTrue(
			with_user(w.peer_user, lambda: frappe.has_permission("Violation Record", "read", record.name))
		)
		self.assertIn(
			record.name,
			with_user(w.peer_user, lambda: frappe.get_list("Violation Record", pluck="name")),
		)
		self.assertFalse(
			with_user(w.peer_user, lambda: frappe.has_permission("Violation Record", "write", record.name))
		)
		row = next(r.name for r in record.corrective_actions if r.responsible == w.peer)
		with self.assertRaises(frappe.ValidationError) as refused:
			with_user(
				w.peer_user,
				lambda: frappe.get_doc("Violation Record", record.name).complete_corrective_action(
					row, add_days(today(), 3)
				),
			)
		self.assertIn("Completed On", str(refused.exception))
		with_user(
			w.peer_user,
			lambda: frappe.get_doc("Violation Record", record.name).complete_corrective_action(
				row, today(), "Đã bàn giao"
			),
		)
		self.assertEqual(
			frappe.db.get_value("Violation Corrective Action", row, "completed_on"), getdate(today())
		)

	def test_the_reporter_is_told_why_he_cannot_verify(self):
		w = self.w
		record = make_record(w, user=w.inspector1_user)
		frappe.set_user(w.inspector1_user)
		doc = frappe.get_doc("Violation Record", record.name)
		doc.run_method("onload")
		self.assertTrue(doc.get_onload().my_steps["verifier_must_differ"])
		frappe.set_user(w.inspector2_user)
		doc = frappe.get_doc("Violation Record", record.name)
		doc.run_method("onload")
		self.assertFalse(doc.get_onload().my_steps["verifier_must_differ"])


class TestViolationRecordValidation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w = build_world(VIOLATIONS_WORLD)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_detected_in_the_future_refused(self):
		with self.assertRaises(frappe.ValidationError) as cm:
			make_record(self.w, detected_on=add_days(today(), 1))
		self.assertIn("Detected On", str(cm.exception))

	def test_category_of_another_directive_refused(self):
		w = self.w
		inspection = make_inspection(w)
		with self.assertRaises(frappe.ValidationError) as cm:
			make_record(
				w,
				violation_category=w.other_category,
				inspection=inspection,
				detection_source="Inspection",
				detected_on=add_days(today(), -19),
			)
		self.assertIn("Violation Category", str(cm.exception))
		# also when the record names the directive itself
		with self.assertRaises(frappe.ValidationError):
			make_record(w, violation_category=w.other_category, directive=w.directive)

	def test_cadre_not_in_the_unit_refused(self):
		w = self.w
		# another unit than the cadre's
		with self.assertRaises(frappe.ValidationError) as cm:
			make_record(w, organization_unit=w.board_b)
		self.assertIn("Organization Unit", str(cm.exception))
		# detected before the cadre joined the unit
		with self.assertRaises(frappe.ValidationError) as cm:
			make_record(w, cadre=w.late_joiner, detected_on=add_days(today(), -30))
		self.assertIn("Detected On", str(cm.exception))
		# after joining is fine
		self.assertTrue(make_record(w, cadre=w.late_joiner, detected_on=add_days(today(), -2)).name)

	def test_inspection_source_needs_an_inspected_unit(self):
		w = self.w
		with self.assertRaises(frappe.ValidationError):
			make_record(w, detection_source="Inspection")
		inspection = make_inspection(w, target_units=[{"organization_unit": w.commune_b}])
		with self.assertRaises(frappe.ValidationError) as cm:
			make_record(
				w, inspection=inspection, detection_source="Inspection", detected_on=add_days(today(), -19)
			)
		self.assertIn("not among the units inspected", str(cm.exception))

	def test_discipline_outcome_needs_decision_and_verification(self):
		w = self.w
		with self.assertRaises(frappe.ValidationError):
			make_record(w, discipline_outcome="Reprimand", discipline_decision="12-QĐ/UBKT")
		record = act(make_record(w), "Verify", w.inspector2_user)
		doc = frappe.get_doc("Violation Record", record.name)
		doc.discipline_outcome = "Warning"
		with self.assertRaises(frappe.ValidationError) as cm:
			with_user(w.inspector2_user, doc.save)
		self.assertIn("Discipline Decision", str(cm.exception))

	def test_evidence_files_are_private(self):
		w = self.w
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"vrt-{frappe.generate_hash(length=8)}.txt",
				"content": b"bb",
				"is_private": 0,
			}
		)
		file.insert(ignore_permissions=True)
		self.assertTrue(file.file_url.startswith("/files/"))
		record = make_record(w, evidence=[{"description": "Ảnh chụp", "attachment": file.file_url}])
		url = record.evidence[0].attachment
		self.assertTrue(url.startswith("/private/files/"), url)
		self.assertEqual(frappe.db.get_value("File", {"file_url": url}, "is_private"), 1)
		file_name = frappe.db.get_value("File", {"file_url": url}, "name")
		self.assertEqual(
			frappe.db.get_value("File", file_name, ["attached_to_doctype", "attached_to_name"]),
			("Violation Record", record.name),
		)
		# who may read the record may open the evidence; a colleague may not
		act(record, "Verify", w.inspector2_user)
		frappe.set_user(w.cadre_user)
		self.assertTrue(frappe.has_permission("File", "read", file_name))
		frappe.set_user(w.peer_user)
		self.assertFalse(frappe.has_permission("File", "read", file_name))
		frappe.set_user("Administrator")

		# a file uploaded onto a record is private from the start
		upload = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"vrt-{frappe.generate_hash(length=8)}.txt",
				"content": b"x",
				"is_private": 0,
				"attached_to_doctype": "Violation Record",
				"attached_to_name": record.name,
			}
		)
		upload.insert(ignore_permissions=True)
		self.assertEqual(upload.is_private, 1)
		self.assertTrue(upload.file_url.startswith("/private/files/"), upload.file_url)
		self.assertEqual(frappe.db.get_value("File", upload.name, "is_private"), 1)


class TestViolationConfidentiality(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w = build_world(VIOLATIONS_WORLD)
		cls.reported = make_record(cls.w).name
		cls.verified = act(make_record(cls.w), "Verify", cls.w.inspector2_user).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def visible(self, user):
		frappe.set_user(user)
		names = set(frappe.get_list("Violation Record", pluck="name", limit_page_length=0))
		by_name = {
			n for n in (self.reported, self.verified) if frappe.has_permission("Violation Record", "read", n)
		}
		frappe.set_user("Administrator")
		return names & {self.reported, self.verified}, by_name

	def test_inspectors_see_all(self):
		self.assertEqual(self.visible(self.w.inspector2_user), ({self.reported, self.verified},) * 2)

	def test_cadre_sees_only_his_own(self):
		self.assertEqual(self.visible(self.w.cadre_user), ({self.reported, self.verified},) * 2)
		self.assertEqual(self.visible(self.w.peer_user), (set(), set()))

	def test_unit_head_sees_verified_records_of_his_subtree_only(self):
		self.assertEqual(self.visible(self.w.head_a_user), ({self.verified},) * 2)
		self.assertEqual(self.visible(self.w.head_b_user), (set(), set()))

	def test_unit_head_does_not_see_dismissed_or_cancelled_records(self):
		w = self.w
		dismissed = make_record(w, dismissal_reason="Không có căn cứ")
		act(dismissed, "Dismiss", w.inspector2_user)
		cancelled = act(make_record(w), "Verify", w.inspector2_user)
		with_user(w.inspector2_user, frappe.get_doc("Violation Record", cancelled.name).cancel)
		frappe.set_user(w.head_a_user)
		listed = set(frappe.get_list("Violation Record", pluck="name", limit_page_length=0))
		for name in (dismissed.name, cancelled.name):
			self.assertNotIn(name, listed)
			self.assertFalse(frappe.has_permission("Violation Record", "read", name))
		# the cadre concerned still sees his own, read-only
		frappe.set_user(w.cadre_user)
		self.assertTrue(frappe.has_permission("Violation Record", "read", dismissed.name))

	def test_other_users_cannot_open_by_name(self):
		for user in (self.w.peer_user, self.w.head_b_user):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Violation Record", self.verified).check_permission("read")


class TestCorrectiveActionReminders(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w = build_world(VIOLATIONS_WORLD)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_overdue_actions_are_reminded_once_a_day(self):
		w = self.w
		record = act(make_record(w, detected_on=add_days(today(), -10)), "Verify", w.inspector2_user)
		doc = frappe.get_doc("Violation Record", record.name)
		doc.append(
			"corrective_actions",
			{"action": "Khắc phục ngay", "responsible": w.cadre, "due_date": add_days(today(), -2)},
		)
		doc.append(
			"corrective_actions",
			{"action": "Chưa đến hạn", "responsible": w.peer, "due_date": add_days(today(), 5)},
		)
		with_user(w.inspector2_user, doc.save)
		act(record, "Require Correction", w.inspector2_user)

		# (the cadre was told when the record was verified and when correction was required; only the
		# reminders count here)
		since = (
			frappe.db.get_value("Notification Log", {"document_name": record.name}, "max(creation)")
			or "2000-01-01"
		)

		def count(user):
			return frappe.db.count(
				"Notification Log",
				{
					"for_user": user,
					"document_type": "Violation Record",
					"document_name": record.name,
					"creation": (">", since),
				},
			)

		self.assertGreaterEqual(remind_overdue_corrective_actions(), 1)
		self.assertEqual(count(w.cadre_user), 1, "the responsible cadre is reminded")
		self.assertEqual(count(w.head_a_user), 1, "the unit head (of the unit above the board) is reminded")
		self.assertEqual(count(w.peer_user), 0, "an action not yet due is not reminded")
		rows = frappe.get_all(
			"Violation Corrective Action",
			filters={"parent": record.name},
			fields=["status", "last_reminded_on"],
			order_by="idx",
		)
		self.assertEqual(rows[0].status, "Overdue")
		self.assertEqual(getdate(rows[0].last_reminded_on), getdate(today()))

		# a second run the same day sends nothing more
		from soson_discipline.tasks import send_corrective_action_reminders

		send_corrective_action_reminders()
		self.assertEqual(count(w.cadre_user), 1)
		self.assertEqual(count(w.head_a_user), 1)

	def test_a_new_record_asks_how_the_violation_came_to_light(self):
		"""Issue 25: the form no longer starts on "Inspection", which then demanded an inspection the
		user never chose; left empty, the save names the field."""
		w = self.w
		new = frappe.new_doc("Violation Record")
		self.assertFalse(new.detection_source)
		with self.assertRaises(frappe.MandatoryError) as cm:
			make_record(w, detection_source=None)
		self.assertIn("detection_source", str(cm.exception))
		# chosen with the inspection that found it, it saves
		inspection = make_inspection(w)
		record = make_record(
			w, inspection=inspection, detection_source=None, detected_on=add_days(today(), -19)
		)
		self.assertEqual(record.detection_source, "Inspection")


def told(user: str, name: str) -> int:
	"""How many alerts about the violation record `user` has."""
	return frappe.db.count(
		"Notification Log", {"for_user": user, "document_type": "Violation Record", "document_name": name}
	)
