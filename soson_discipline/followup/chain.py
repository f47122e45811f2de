"""The chain of everything a directive set going, as rows of a tree: plans at each level (a plan under
the plan it implements), their tasks, consultations and urgings, dissemination sessions, inspections,
violation records, the evaluations the tasks and violations weigh on, periodic reports and the
Standing Committee's conclusions with the tasks they gave. Each DocType counts within the user's row
scope (`reporting.filters.apply_scope`)."""

import frappe
from frappe import _
from frappe.query_builder import DocType

from soson_discipline.reporting.filters import apply_scope

DOCSTATUS_LABELS = {0: "Draft", 1: "Issued", 2: "Cancelled"}


class Chain:
	def __init__(self, directive: str):
		self.directive = directive
		self.rows: list[dict] = []

	# ----------------------------------------------------------------------------------------------

	def add(
		self, parent: dict | None, doctype: str, r, title=None, unit=None, date=None, status=None
	) -> dict:
		key = f"{doctype}:{r.name}"
		row = {
			"row_key": f"{parent['row_key']}/{key}" if parent else key,
			"parent_key": parent["row_key"] if parent else None,
			"indent": parent["indent"] + 1 if parent else 0,
			"document_type": doctype,
			"document": r.name,
			"title": title,
			"organization_unit": unit,
			"date": date,
			"status": _(status) if status else None,
		}
		self.rows.append(row)
		return row

	def heading(self, parent: dict, label: str, key: str) -> dict:
		row = {
			"row_key": f"{parent['row_key']}/{key}",
			"parent_key": parent["row_key"],
			"indent": parent["indent"] + 1,
			"document_type": None,
			"document": None,
			"title": label,
		}
		self.rows.append(row)
		return row

	def query(self, doctype: str, *fields, where=None, order=None):
		t = DocType(doctype)
		q = frappe.qb.from_(t).select(t.name, *(t[f] for f in fields))
		if where is not None:
			q = q.where(where(t))
		q = apply_scope(q, doctype)
		if order:
			q = q.orderby(t[order])
		return q.run(as_dict=True)

	# ----------------------------------------------------------------------------------------------

	def build(self) -> list[dict]:
		d = frappe.db.get_value(
			"Directive",
			self.directive,
			["name", "document_number", "title", "issuing_unit", "issue_date", "status"],
			as_dict=True,
		)
		if not d:
			return []
		root = self.add(
			None, "Directive", d, f"{d.document_number} {d.title}", d.issuing_unit, d.issue_date, d.status
		)
		self.tasks_seen: dict[str, dict] = {}
		self.add_plans(root)
		self.add_sessions(root, lambda t: (t.directive == self.directive) & t.unit_plan.isnull())
		self.add_inspections(root)
		self.add_violations(root)
		self.add_reports(root, lambda t: (t.directive == self.directive) & t.unit_plan.isnull())
		self.add_evaluations(root)
		return self.rows

	def add_plans(self, root):
		plans = self.query(
			"Unit Plan",
			"document_number",
			"title",
			"issuing_unit",
			"issue_date",
			"workflow_state",
			"parent_plan",
			where=lambda t: t.directive == self.directive,
			order="issue_date",
		)
		# plans implementing those plans, level by level
		known = {p.name for p in plans}
		frontier = list(known)
		while frontier:
			children = self.query(
				"Unit Plan",
				"document_number",
				"title",
				"issuing_unit",
				"issue_date",
				"workflow_state",
				"parent_plan",
				where=lambda t, f=frontier: t.parent_plan.isin(f),
				order="issue_date",
			)
			children = [c for c in children if c.name not in known]
			plans.extend(children)
			known |= {c.name for c in children}
			frontier = [c.name for c in children]
		by_name = {p.name: p for p in plans}
		rows: dict[str, dict] = {}

		def place(plan):
			if plan.name in rows:
				return rows[plan.name]
			parent = place(by_name[plan.parent_plan]) if plan.parent_plan in by_name else root
			rows[plan.name] = self.add(
				parent,
				"Unit Plan",
				plan,
				f"{plan.document_number} {plan.title}",
				plan.issuing_unit,
				plan.issue_date,
				plan.workflow_state,
			)
			self.add_plan_work(rows[plan.name], plan.name)
			return rows[plan.name]

		for plan in plans:
			place(plan)

	def add_plan_work(self, row, plan: str):
		for task in self.query(
			"Assigned Task",
			"title",
			"organization_unit",
			"due_date",
			"status",
			"assignee",
			"completed_on",
			where=lambda t: t.unit_plan == plan,
			order="due_date",
		):
			self.add_task(row, task)
		self.add_sessions(row, lambda t: t.unit_plan == plan)
		for u in self.query(
			"Urging",
			"title",
			"issuing_unit",
			"urging_date",
			"docstatus",
			where=lambda t: t.unit_plan == plan,
			order="urging_date",
		):
			self.add(row, "Urging", u, u.title, u.issuing_unit, u.urging_date, DOCSTATUS_LABELS[u.docstatus])
		self.add_reports(row, lambda t: t.unit_plan == plan)

	def add_task(self, parent, task):
		row = self.add(
			parent, "Assigned Task", task, task.title, task.organization_unit, task.due_date, task.status
		)
		self.tasks_seen[task.name] = task
		for c in self.query(
			"Consultation Request",
			"subject",
			"consulted_unit",
			"due_date",
			"status",
			where=lambda t: t.assigned_task == task.name,
			order="request_date",
		):
			self.add(row, "Consultation Request", c, c.subject, c.consulted_unit, c.due_date, c.status)
		target = DocType("Urging Target")
		urgings = (
			frappe.qb.from_(target)
			.select(target.parent)
			.distinct()
			.where((target.parenttype == "Urging") & (target.assigned_task == task.name))
			.run(pluck=True)
		)
		if urgings:
			for u in self.query(
				"Urging",
				"title",
				"issuing_unit",
				"urging_date",
				"docstatus",
				where=lambda t: t.name.isin(urgings) & (t.docstatus < 2),
				order="urging_date",
			):
				self.add(
					row, "Urging", u, u.title, u.issuing_unit, u.urging_date, DOCSTATUS_LABELS[u.docstatus]
				)

	def add_sessions(self, parent, where):
		for s in self.query(
			"Dissemination Session",
			"subject",
			"organization_unit",
			"session_date",
			"form",
			where=where,
			order="session_date",
		):
			self.add(
				parent, "Dissemination Session", s, s.subject, s.organization_unit, s.session_date, s.form
			)

	def add_inspections(self, root):
		for i in self.query(
			"Inspection",
			"title",
			"inspecting_unit",
			"inspection_date",
			"status",
			where=lambda t: t.directive == self.directive,
			order="inspection_date",
		):
			self.add(root, "Inspection", i, i.title, i.inspecting_unit, i.inspection_date, i.status)

	def add_violations(self, root):
		category = DocType("Violation Category")
		of_directive = (
			frappe.qb.from_(category)
			.select(category.name)
			.where(category.directive == self.directive)
			.run(pluck=True)
		)
		self.violations = self.query(
			"Violation Record",
			"description",
			"organization_unit",
			"detected_on",
			"workflow_state",
			"cadre",
			where=lambda t: (t.directive == self.directive) | t.violation_category.isin(of_directive or [""]),
			order="detected_on",
		)
		for v in self.violations:
			self.add(
				root,
				"Violation Record",
				v,
				(v.description or "")[:140],
				v.organization_unit,
				v.detected_on,
				v.workflow_state,
			)

	def add_reports(self, parent, where):
		for r in self.query(
			"Periodic Report",
			"title",
			"organization_unit",
			"period_end",
			"workflow_state",
			where=where,
			order="period_end",
		):
			row = self.add(
				parent, "Periodic Report", r, r.title, r.organization_unit, r.period_end, r.workflow_state
			)
			for c in self.query(
				"Standing Committee Conclusion",
				"title",
				"issuing_unit",
				"conclusion_date",
				"docstatus",
				where=lambda t: (t.periodic_report == r.name) & (t.docstatus < 2),
				order="conclusion_date",
			):
				crow = self.add(
					row,
					"Standing Committee Conclusion",
					c,
					c.title,
					c.issuing_unit,
					c.conclusion_date,
					DOCSTATUS_LABELS[c.docstatus],
				)
				self.add_conclusion_tasks(crow, c.name)

	def add_conclusion_tasks(self, row, conclusion: str):
		point = DocType("Standing Committee Conclusion Point")
		names = (
			frappe.qb.from_(point)
			.select(point.assigned_task)
			.where((point.parent == conclusion) & point.assigned_task.isnotnull())
			.run(pluck=True)
		)
		if names:
			for task in self.query(
				"Assigned Task",
				"title",
				"organization_unit",
				"due_date",
				"status",
				"assignee",
				"completed_on",
				where=lambda t: t.name.isin(names),
				order="due_date",
			):
				self.add_task(row, task)

	def add_evaluations(self, root):
		"""The evaluations of the cadres whose chain tasks fell due (or were completed), or whose chain
		violations were detected, in the evaluation's period."""
		events: dict[str, list] = {}
		for task in self.tasks_seen.values():
			if task.assignee:
				events.setdefault(task.assignee, []).extend(
					d for d in (task.due_date, task.completed_on) if d
				)
		for v in getattr(self, "violations", []):
			if v.cadre and v.detected_on:
				events.setdefault(v.cadre, []).append(v.detected_on)
		if not events:
			return
		evaluations = self.query(
			"Cadre Evaluation",
			"cadre",
			"organization_unit",
			"period_start",
			"period_end",
			"workflow_state",
			"total_score",
			where=lambda t: t.cadre.isin(list(events)) & (t.docstatus < 2),
			order="period_start",
		)
		affected = [
			e
			for e in evaluations
			if e.period_start
			and e.period_end
			and any(e.period_start <= d <= e.period_end for d in map(frappe.utils.getdate, events[e.cadre]))
		]
		if not affected:
			return
		heading = self.heading(root, _("Evaluations affected"), "evaluations")
		names = dict(
			frappe.get_all(
				"Cadre",
				filters={"name": ("in", [e.cadre for e in affected])},
				fields=["name", "full_name"],
				as_list=True,
			)
		)
		for e in affected:
			self.add(
				heading,
				"Cadre Evaluation",
				e,
				names.get(e.cadre, e.cadre),
				e.organization_unit,
				e.period_end,
				e.workflow_state,
			)


def get_chain(directive: str) -> list[dict]:
	return Chain(directive).build()
