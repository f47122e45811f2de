"""Seed the evaluation policies the app ships, as editable documents.

They are created once (create-if-missing), on install and by a patch on existing sites, and never
overwritten: an office's edits survive ``bench migrate`` (which is why they are not fixtures). Names,
level codes and figures come from :mod:`soson_discipline.scoring.standard`; criteria, level labels
and descriptions are written in Vietnamese (:data:`SEED_LANGUAGE`), the language of the evaluation
forms and prints they end up in, whatever the site's language.
"""

import frappe
from frappe import _

from soson_discipline.evaluation.cycle import rescore_open_evaluations
from soson_discipline.evaluation.inputs import approved_use_of_policy
from soson_discipline.scoring.standard import DECREE_335, STANDARD_POLICIES, StandardPolicy

SEED_LANGUAGE = "vi"


def seed_text(text: str) -> str:
	"""`text` in the language of the documents (Vietnamese), from the app's translations."""
	return _(text, lang=SEED_LANGUAGE) if text else text


def create_standard_policies() -> list[str]:
	"""Create the shipped policies that are missing; set the default policy if none is set.
	Returns the names created."""
	created = []
	for standard in STANDARD_POLICIES:
		if not frappe.db.exists("Evaluation Policy", standard.name):
			make_policy(standard)
			created.append(standard.name)
	if not frappe.db.get_single_value("Discipline Settings", "default_evaluation_policy"):
		frappe.db.set_single_value("Discipline Settings", "default_evaluation_policy", DECREE_335.name)
	return created


def make_policy(standard: StandardPolicy):
	policy = standard.policy
	doc = frappe.new_doc("Evaluation Policy")
	doc.update(
		{
			"policy_name": standard.name,
			"cadre_category": standard.cadre_category,
			"governed_categories": "\n".join(standard.governs),
			"disabled": int(standard.disabled),
			"effective_from": standard.effective_from,
			"effective_to": standard.effective_to,
			"period_type": standard.period_type,
			"quota_percent": policy.quota_percent,
			"quota_base": policy.quota_base,
			"quota_period": policy.quota_period,
			"late_penalty_percent": policy.late_penalty_percent,
			"failed_penalty_percent": policy.failed_penalty_percent,
			"not_completed_on_discipline": int(policy.not_completed_on_discipline),
			"q4_with_year": int(standard.q4_with_year),
			"task_result_method": policy.task_result_method,
			"no_task_rule": policy.no_task_rule,
			"penalty_rule": policy.penalty_rule,
			"leader_unit_factor": int(policy.leader_unit_factor),
			"min_months_worked": policy.min_months_worked,
			"leave_months_below_good": policy.leave_months_below_good,
			"max_violation_deduction": policy.max_violation_deduction or 0,
			"description": "\n".join(seed_text(sentence) for sentence in standard.description),
		}
	)
	for criterion in policy.criteria:
		doc.append(
			"criteria",
			{
				"criterion": seed_text(criterion.key),
				"criterion_group": criterion.group,
				"max_points": criterion.max_points,
				"source": criterion.source,
				"default_points": criterion.default_points or 0,
				"description": seed_text(standard.criterion_descriptions.get(criterion.key, "")),
			},
		)
	for band in policy.bands:
		doc.append(
			"bands",
			{
				"level_code": band.level_code,
				"level_label": seed_text(band.level_label),
				"min_score": band.min_score,
				"is_top_level": int(band.level_code == policy.top_level_code),
				"is_good_level": int(band.level_code == policy.good_level_code),
				"is_not_completed_level": int(band.level_code == policy.not_completed_level_code),
				**band_conditions(band),
			},
		)
	try:
		doc.insert(ignore_permissions=True)
	except frappe.ValidationError:
		# Most likely an office policy already in force on these dates: ship ours disabled.
		frappe.clear_last_message()
		doc = frappe.copy_doc(doc)
		doc.disabled = 1
		doc.insert(ignore_permissions=True)
	return doc


def band_conditions(band) -> dict:
	"""The hard conditions of a shipped level as `Evaluation Policy Band` values (0 = no condition)."""
	return {
		name: value or 0
		for name, value in (
			("min_on_time_percent", band.min_on_time_percent),
			("min_quality_percent", band.min_quality_percent),
			("min_exceeded_percent", band.min_exceeded_percent),
			("max_late_percent", band.max_late_percent),
		)
	}


def update_standard_policy(standard: StandardPolicy) -> bool:
	"""Bring an installed copy of a shipped policy to the rules of issue 11: its penalty rule, its
	levels' hard conditions and its description (criteria, points, labels and quota are left as the
	office set them). Returns whether the policy exists."""
	if not frappe.db.exists("Evaluation Policy", standard.name):
		return False
	if approved_use_of_policy(standard.name).evaluations:
		# approved evaluations keep the rules they were approved under (EvaluationPolicy.validate)
		print(
			f"Evaluation Policy {standard.name} scored approved evaluations and was left as it is: "
			"create a new policy with the new rules, effective from the next period."
		)
		return True
	doc = frappe.get_doc("Evaluation Policy", standard.name)
	text_rules(doc, standard)
	doc.flags.ignore_permissions = True
	doc.save()
	return True


# --------------------------------------------------------------------------------------------------
# A fix to a shipped rule reaches a site already scoring (issue 22)
# --------------------------------------------------------------------------------------------------

REVISION = "amended 12/2026"
"""The revision of the shipped policies that applies issue 22's reading of the texts."""


def revision_name(name: str) -> str:
	return f"{name} ({REVISION})"


def text_rules(doc, standard: StandardPolicy) -> None:
	"""Give `doc` the rules of `standard` that the texts settle: each level's conditions, the quota's
	base and period, the description. Criteria, points, labels and the quota's percentage stay as
	the office set them."""
	policy = standard.policy
	doc.quota_base = policy.quota_base
	doc.quota_period = policy.quota_period
	doc.penalty_rule = policy.penalty_rule
	doc.description = "\n".join(seed_text(sentence) for sentence in standard.description)
	for row in doc.bands:
		band = policy.band(row.level_code)
		if band:
			row.update(band_conditions(band))


def differs_from_text(doc, standard: StandardPolicy) -> bool:
	probe = frappe.copy_doc(doc)
	text_rules(probe, standard)
	return probe.get_scoring_policy() != doc.get_scoring_policy()


def revise_standard_policy(standard: StandardPolicy) -> str | None:
	"""Bring an installed shipped policy to the texts' rules. One that scored no approved evaluation
	is updated in place; one that did keeps its rules for those months and ends with the last of
	them, and a revision named "<name> (amended 12/2026)" with the new rules is in force from the day
	after, for the same category; the open periods from then on move to it, and their evaluations not
	yet approved are scored again. Returns the policy now in force (None when the site has none, or
	it already follows the texts). Running it again changes nothing."""
	if not frappe.db.exists("Evaluation Policy", standard.name):
		return None
	doc = frappe.get_doc("Evaluation Policy", standard.name)
	if not differs_from_text(doc, standard):
		return None
	use = approved_use_of_policy(standard.name)
	if not use.evaluations:
		text_rules(doc, standard)
		doc.flags.ignore_permissions = True
		doc.save()
		return doc.name
	name = revision_name(standard.name)
	if frappe.db.exists("Evaluation Policy", name):
		return None
	starts = frappe.utils.add_days(use.last_day, 1)
	revision = frappe.copy_doc(doc)
	revision.policy_name = name
	revision.effective_from = starts
	revision.effective_to = doc.effective_to
	text_rules(revision, standard)
	revision.description = "\n".join(
		[
			seed_text(
				"This revision applies the texts' rules read again in December 2026 (issue 22); the months approved before it keep the policy they were scored under."
			).strip(),
			revision.description or "",
		]
	)
	doc.effective_to = use.last_day
	doc.flags.ignore_permissions = True
	doc.save()
	revision.flags.ignore_permissions = True
	revision.insert()
	move_open_periods(doc.name, revision.name, starts)
	return revision.name


def move_open_periods(old: str, new: str, starts) -> list[str]:
	"""The periods of `old` from `starts` on that are not finalized move to `new`; their evaluations
	not yet approved are scored again (in the background for a large site)."""
	ep = frappe.qb.DocType("Evaluation Period")
	periods = (
		frappe.qb.from_(ep)
		.select(ep.name)
		.where((ep.evaluation_policy == old) & (ep.period_start >= starts) & (ep.status != "Finalized"))
		.run(pluck=True)
	)
	for period in periods:
		frappe.db.set_value("Evaluation Period", period, "evaluation_policy", new, update_modified=False)
	if periods:
		rescore_open_evaluations(periods)
	return periods
