"""Statuses and workflow states of the app's DocTypes, named once.

The workflows themselves ship as fixtures (`fixtures/workflow.json`); these are the names the code
branches on. Import them from here rather than writing the strings again.
"""

# Assigned Task.status -------------------------------------------------------------------------------
TASK_OPEN = "Open"
TASK_IN_PROGRESS = "In Progress"
TASK_COMPLETED = "Completed"
TASK_OVERDUE = "Overdue"
TASK_CANCELLED = "Cancelled"
# Work still to be done (Overdue is an open task past its due date).
TASK_OPEN_STATUSES = (TASK_OPEN, TASK_IN_PROGRESS, TASK_OVERDUE)
# Open statuses the daily job may turn into Overdue.
TASK_NOT_YET_OVERDUE = (TASK_OPEN, TASK_IN_PROGRESS)

# Task Extension Request workflow --------------------------------------------------------------------
EXTENSION_REQUESTED = "Requested"
EXTENSION_APPROVED = "Approved"
EXTENSION_REJECTED = "Rejected"
EXTENSION_WITHDRAWN = "Withdrawn"
# Assigned Task Event.event of a due date moved by an extension (granted, or given by a manager with
# its reason): not a delay.
TASK_EVENT_EXTENDED = "Extended"

# Unit Plan workflow --------------------------------------------------------------------------------
PLAN_DRAFT = "Draft"
PLAN_PENDING = "Pending Approval"
PLAN_ISSUED = "Issued"
PLAN_REJECTED = "Rejected"
PLAN_CLOSED = "Closed"
# States only an approver (head of the issuing unit or the presiding board) moves a plan into.
PLAN_APPROVER_STATES = (PLAN_ISSUED, PLAN_REJECTED, PLAN_CLOSED)

# Cadre Evaluation workflow -------------------------------------------------------------------------
EVAL_DRAFT = "Draft"
EVAL_SELF_ASSESSED = "Self-Assessed"
EVAL_RATED = "Rated"
EVAL_APPROVED = "Approved"
EVAL_RETURNED = "Returned"
# States in which the cadre enters his or her self-assessment.
EVAL_SELF_STATES = (EVAL_DRAFT, EVAL_RETURNED)
# States of an evaluation not yet approved.
EVAL_OPEN_STATES = (EVAL_DRAFT, EVAL_RETURNED, EVAL_SELF_ASSESSED, EVAL_RATED)

# Evaluation Period.status (moves forward only) ---------------------------------------------------------
PERIOD_OPEN = "Open"
PERIOD_SELF_ASSESSMENT = "Self-Assessment"
PERIOD_RATING = "Rating"
PERIOD_APPROVAL = "Approval"
PERIOD_FINALIZED = "Finalized"
PERIOD_STATUSES = (PERIOD_OPEN, PERIOD_SELF_ASSESSMENT, PERIOD_RATING, PERIOD_APPROVAL, PERIOD_FINALIZED)

# Violation Record workflow -------------------------------------------------------------------------
VIOLATION_REPORTED = "Reported"
VIOLATION_VERIFIED = "Verified"
VIOLATION_CORRECTION_REQUIRED = "Correction Required"
VIOLATION_CORRECTED = "Corrected"
VIOLATION_CLOSED = "Closed"
VIOLATION_DISMISSED = "Dismissed"
VIOLATION_CANCELLED = "Cancelled"
# States in which the violation stands and counts against the cadre (the unit head sees these).
VIOLATION_VERIFIED_STATES = (
	VIOLATION_VERIFIED,
	VIOLATION_CORRECTION_REQUIRED,
	VIOLATION_CORRECTED,
	VIOLATION_CLOSED,
)
# States whose corrective actions are still awaited.
VIOLATION_AWAITING_CORRECTION = (VIOLATION_VERIFIED, VIOLATION_CORRECTION_REQUIRED)
VIOLATION_CORRECTED_STATES = (VIOLATION_CORRECTED, VIOLATION_CLOSED)
# States in which nobody handles the record any more.
VIOLATION_FINISHED_STATES = (VIOLATION_CLOSED, VIOLATION_DISMISSED)
# Violation Record.discipline_outcome meaning "no discipline".
NO_DISCIPLINE = ("", "None")

# Violation Corrective Action.status ----------------------------------------------------------------
ACTION_OPEN = "Open"
ACTION_OVERDUE = "Overdue"
ACTION_COMPLETED = "Completed"

# Inspection.status ---------------------------------------------------------------------------------
INSPECTION_PLANNED = "Planned"
INSPECTION_CANCELLED = "Cancelled"
# An inspection in these statuses was never held.
INSPECTION_NOT_HELD = (INSPECTION_PLANNED, INSPECTION_CANCELLED)

# Periodic Report workflow --------------------------------------------------------------------------
REPORT_DRAFT = "Draft"
REPORT_SUBMITTED = "Submitted"

# Cadre Classification workflow ---------------------------------------------------------------------
CLASSIFICATION_DRAFT = "Draft"
CLASSIFICATION_PENDING = "Pending Approval"
CLASSIFICATION_APPROVED = "Approved"

# Cadre.status --------------------------------------------------------------------------------------
CADRE_ACTIVE = "Active"

# Assigned Task.quality_result ----------------------------------------------------------------------
TASK_QUALITY_NOT_ASSESSED = "Not Assessed"
TASK_QUALITY_FAILED = "Failed"
# the result went beyond what was required (Regulation 366: a level may require a share of such tasks)
TASK_QUALITY_EXCEEDED = "Exceeded Requirements"

# Consultation Request.status -----------------------------------------------------------------------
CONSULTATION_OPEN = "Open"
CONSULTATION_ANSWERED = "Answered"
CONSULTATION_CANCELLED = "Cancelled"
# A consultation in these statuses lets the consulted unit read the task it is about.
CONSULTATION_SHARING_STATES = (CONSULTATION_OPEN, CONSULTATION_ANSWERED)

# Discipline Warning.status (early warnings, issue 28) ------------------------------------------------
WARNING_NEW = "New"
WARNING_ACKNOWLEDGED = "Acknowledged"
WARNING_ACTED_ON = "Acted on"
WARNING_CLOSED = "Closed"
WARNING_STATUSES = (WARNING_NEW, WARNING_ACKNOWLEDGED, WARNING_ACTED_ON, WARNING_CLOSED)

# Evaluation Appeal.status (appeals, issue 29) --------------------------------------------------------
APPEAL_DRAFT = "Draft"
APPEAL_OPEN = "Open"
APPEAL_UPHELD = "Upheld"
APPEAL_CHANGED = "Changed"
APPEAL_WITHDRAWN = "Withdrawn"
APPEAL_DECIDED = (APPEAL_UPHELD, APPEAL_CHANGED)
APPEAL_STATUSES = (APPEAL_DRAFT, APPEAL_OPEN, APPEAL_UPHELD, APPEAL_CHANGED, APPEAL_WITHDRAWN)
