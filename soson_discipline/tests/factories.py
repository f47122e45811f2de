"""Factories shared by the app's integration tests, and the one builder of their fixture worlds.

Factories with a natural key are idempotent (called again with the same key they return the existing
record), so test classes can share them without ordering assumptions.

A world is plain data (the `*_WORLD` constants below) that `build_world` turns into records:

	{
		"email": "camp.{}@test.soson",  # a user's email: the pattern filled with his login
		"units": {key: (unit name, abbreviation, parent key or None[, {other make_unit fields}])},
		"directives": {key: (document number, issuing unit key, title)},
		"categories": {key: (code, name, directive key[, {"deduction": ..., "forces": ...}])},
		"users": {login: roles},  # users without a Cadre
		"people": {key: (full name, unit key, roles[, {other fields}])},
		"aliases": {name: "units" | "cadres" | "users"},  # another name for a group of the result
	}

A person is a Cadre with a desk user holding exactly his roles; his other fields are "login"
(default: his key), "rater" (the key of a person listed before him), "heads" (the key of the unit
whose head_cadre he is), "date_joined" (a date, or days from today when an int) and any Cadre field.

`build_world` returns a frappe._dict with the name of every unit, directive, category and person's
Cadre by its key, every user's email as `<login>_user` (dots as underscores), and the groups `units`,
`cadres` (person key -> Cadre) and `users` (person key or login -> email).
"""

from contextlib import contextmanager

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate, today

from soson_discipline.utils.users import users_saved_in_bulk, without_signup_throttle

# ---------------------------------------------------------------------------------------------------
# Users, units and cadres


def make_user(email: str, roles: list[str] | tuple[str, ...] = (), first_name: str | None = None) -> str:
	"""A desk user with exactly `roles` (besides the automatic ones). A new user is inserted with its
	roles, in one save (each save of a User costs Frappe's sharing, contact and cache work)."""
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name or email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": "System User",
				"roles": [{"role": role} for role in roles],
			}
		)
		user.flags.no_welcome_mail = True
		with without_signup_throttle():
			user.insert(ignore_permissions=True)
		return email
	user = frappe.get_doc("User", email)
	existing = {r.role for r in user.roles}
	wanted = set(roles)
	if existing != wanted:
		user.set("roles", [])
		user.add_roles(*wanted) if wanted else user.save(ignore_permissions=True)
	return email


def make_unit(
	unit_name: str,
	parent: str | None = None,
	abbreviation: str | None = None,
	unit_kind: str = "Party Committee",
	valid_from="2020-01-01",
	valid_to=None,
	**kwargs,
) -> str:
	"""An Organization Unit; returns its name."""
	existing = frappe.db.get_value(
		"Organization Unit", {"unit_name": unit_name, "parent_organization_unit": parent or ""}, "name"
	) or frappe.db.get_value("Organization Unit", {"unit_name": unit_name}, "name")
	if existing:
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "Organization Unit",
			"unit_name": unit_name,
			"abbreviation": abbreviation or "".join(w[0] for w in unit_name.split()).upper(),
			"unit_kind": unit_kind,
			"parent_organization_unit": parent,
			"is_group": 1,
			"valid_from": getdate(valid_from) if valid_from else None,
			"valid_to": getdate(valid_to) if valid_to else None,
			**kwargs,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def make_cadre(
	full_name: str,
	unit: str,
	user: str | None = None,
	roles: list[str] | tuple[str, ...] = ("Cadre",),
	rater: str | None = None,
	date_joined="2020-01-01",
	**kwargs,
) -> str:
	"""A Cadre; returns its name. With `user`, his desk user holds exactly `roles`, even when the
	cadre already existed."""
	if user:
		make_user(user, roles, first_name=full_name)
	filters = {"user": user} if user else {"full_name": full_name, "organization_unit": unit}
	if existing := frappe.db.get_value("Cadre", filters, "name"):
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "Cadre",
			"full_name": full_name,
			"organization_unit": unit,
			"user": user,
			"rater": rater,
			"status": "Active",
			"date_joined": getdate(date_joined),
			**kwargs,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


# ---------------------------------------------------------------------------------------------------
# The world builder and the tests' worlds


def build_world(spec: dict) -> frappe._dict:
	"""Create (idempotently) the units, directives, categories, users and people of `spec` (see the
	module docstring); returns their names."""
	with users_saved_in_bulk():
		return _build_world(spec)


def _build_world(spec: dict) -> frappe._dict:
	w = frappe._dict(units=frappe._dict(), cadres=frappe._dict(), users=frappe._dict())

	def put(names: dict, key: str, value):
		if key in names:
			raise KeyError(f"{key!r} names two things in this world")
		names[key] = value
		return value

	def email(key: str, login: str) -> str:
		return put(w.users, key, put(w, f"{login.replace('.', '_')}_user", spec["email"].format(login)))

	for key, (unit_name, abbreviation, parent, *other) in spec.get("units", {}).items():
		parent = w.units[parent] if parent else None
		w.units[key] = put(w, key, make_unit(unit_name, parent, abbreviation, **dict(*other)))
	for key, (number, unit, title) in spec.get("directives", {}).items():
		put(w, key, make_directive(number, w.units[unit], title))
	for key, (code, name, directive, *other) in spec.get("categories", {}).items():
		put(w, key, make_category(code, name, w[directive], **dict(*other)))
	for login, roles in spec.get("users", {}).items():
		make_user(email(login, login), roles)

	heads = {}
	for key, (full_name, unit, roles, *other) in spec.get("people", {}).items():
		fields = dict(*other)
		user = email(key, fields.pop("login", key))
		if rater := fields.get("rater"):
			fields["rater"] = w.cadres[rater]
		if isinstance(fields.get("date_joined"), int):
			fields["date_joined"] = add_days(today(), fields["date_joined"])
		if headed := fields.pop("heads", None):
			heads[headed] = key
		w.cadres[key] = put(w, key, make_cadre(full_name, w.units[unit], user=user, roles=roles, **fields))
	for unit, head in heads.items():
		frappe.db.set_value("Organization Unit", w.units[unit], "head_cadre", w.cadres[head])

	for alias, group in spec.get("aliases", {}).items():
		put(w, alias, w[group])
	return w


CADRE = ["Cadre"]
UNIT_HEAD = ["Unit Head", "Rater", "Cadre"]
PARTY_BOARD = {"unit_kind": "Party Board"}

# The foundation tests (names start with "_T" to stay apart from demo data):
#
#     _T City Committee (Party Committee)     standing member
#     ├── _T Commune A (Party Committee)      head: heada (Unit Head)
#     │   └── _T Board A (Party Board)        cadres: cadrea1, cadrea2 (rated by heada)
#     ├── _T Commune B (Party Committee)      head: headb (Unit Head)
#     │   └── _T Board B (Party Board)        cadre: cadreb1 (rated by headb)
#     └── _T Old District (ended 2025-06-30)
#     users without a cadre: admin (Discipline Administrator), nocadre
ORG_ADMIN = "_t.admin@example.com"
ORG_STANDING = "_t.standing@example.com"
ORG_HEAD_A = "_t.heada@example.com"
ORG_HEAD_B = "_t.headb@example.com"
ORG_CADRE_A1 = "_t.cadrea1@example.com"
ORG_CADRE_A2 = "_t.cadrea2@example.com"
ORG_CADRE_B1 = "_t.cadreb1@example.com"
ORG_NO_CADRE = "_t.nocadre@example.com"
ORGANISATION_WORLD = {
	"email": "_t.{}@example.com",
	"units": {
		"city": ("_T City Committee", "TTU", None),
		"commune_a": ("_T Commune A", "TA", "city"),
		"board_a": ("_T Board A", "TBA", "commune_a", PARTY_BOARD),
		"commune_b": ("_T Commune B", "TB", "city"),
		"board_b": ("_T Board B", "TBB", "commune_b", PARTY_BOARD),
		"old_district": (
			"_T Old District",
			"TOD",
			"city",
			{"valid_from": "2000-01-01", "valid_to": "2025-06-30"},
		),
	},
	"users": {"admin": ["Discipline Administrator"], "nocadre": CADRE},
	"people": {
		"standing": ("_T Standing Member", "city", ["Standing Committee", "Cadre"]),
		"head_a": ("_T Head A", "commune_a", UNIT_HEAD, {"login": "heada"}),
		"head_b": ("_T Head B", "commune_b", UNIT_HEAD, {"login": "headb"}),
		"cadre_a1": ("_T Cadre A1", "board_a", CADRE, {"login": "cadrea1", "rater": "head_a"}),
		"cadre_a2": ("_T Cadre A2", "board_a", CADRE, {"login": "cadrea2", "rater": "head_a"}),
		"cadre_b1": ("_T Cadre B1", "board_b", CADRE, {"login": "cadreb1", "rater": "head_b"}),
	},
}

# The campaign tests (plans, tasks, dissemination): a committee with two communes, their heads and
# cadres, and a unit that ended before the plans were issued.
CAMPAIGN_WORLD = {
	"email": "camp.{}@test.soson",
	"units": {
		"committee": ("Camp Test Committee", "CTC", None),
		"commune_a": ("Camp Commune A", "CA", "committee"),
		"board_a": ("Camp Board A", "BA", "commune_a", PARTY_BOARD),
		"commune_b": ("Camp Commune B", "CB", "committee"),
		"old_unit": (
			"Camp Old District",
			"OD",
			"committee",
			{"valid_from": "2000-01-01", "valid_to": "2022-12-31"},
		),
	},
	"people": {
		"admin": ("Camp Admin", "committee", ["Discipline Administrator", "Cadre"]),
		"head_a": (
			"Camp Head A",
			"commune_a",
			UNIT_HEAD,
			{"login": "heada", "is_leader": 1, "heads": "commune_a"},
		),
		"head_board_a": (
			"Camp Head Board A",
			"board_a",
			UNIT_HEAD,
			{"login": "headba", "rater": "head_a", "heads": "board_a"},
		),
		"cadre_a1": ("Camp Cadre A1", "commune_a", CADRE, {"login": "a1", "rater": "head_a"}),
		"cadre_a2": ("Camp Cadre A2", "commune_a", CADRE, {"login": "a2", "rater": "head_a"}),
		"head_b": (
			"Camp Head B",
			"commune_b",
			UNIT_HEAD,
			{"login": "headb", "is_leader": 1, "heads": "commune_b"},
		),
		"cadre_b1": ("Camp Cadre B1", "commune_b", CADRE, {"login": "b1", "rater": "head_b"}),
	},
}


def campaign_email(login: str) -> str:
	"""The email of a person of the campaign world by his login ("heada", "a1", ...)."""
	return CAMPAIGN_WORLD["email"].format(login)


# The evaluation tests: Committee (sc, a leader of the Standing Committee; head, a leader rated by
# sc; admin) > Board A (ratera + a1..a4) and Board B (raterb + b1). Logins are the people's keys, and
# the tests read their Cadres and emails as `o.cadre[key]` and `o.user[key]`.
EVALUATION_WORLD = {
	"email": "{}@ce.test",
	"units": {
		"root": ("CE Test Committee", "CETC", None),
		"board_a": ("CE Test Board A", "CETA", "root", PARTY_BOARD),
		"board_b": ("CE Test Board B", "CETB", "root", PARTY_BOARD),
	},
	"people": {
		"sc": ("CE Thường vụ", "root", ["Standing Committee", "Cadre"], {"is_leader": 1}),
		"head": ("CE Bí thư", "root", UNIT_HEAD, {"rater": "sc", "is_leader": 1}),
		"ratera": ("CE Trưởng ban A", "board_a", ["Rater", "Cadre"], {"rater": "head"}),
		"raterb": ("CE Trưởng ban B", "board_b", ["Rater", "Unit Head", "Cadre"], {"rater": "head"}),
		"a1": ("CE Chuyên viên A1", "board_a", CADRE, {"rater": "ratera"}),
		"a2": ("CE Chuyên viên A2", "board_a", CADRE, {"rater": "ratera"}),
		"a3": ("CE Chuyên viên A3", "board_a", CADRE, {"rater": "ratera"}),
		"a4": ("CE Chuyên viên A4", "board_a", CADRE, {"rater": "ratera"}),
		"b1": ("CE Chuyên viên B1", "board_b", CADRE, {"rater": "raterb"}),
		"admin": ("CE Quản trị", "root", ["Discipline Administrator", "Cadre"]),
	},
	"aliases": {"cadre": "cadres", "user": "users"},
}

# The violations-and-inspection tests: commune A (a Party committee) with a board and an inspection
# committee, commune B with an office; two directives with a category each (plus a discipline-forcing
# one); inspectors, a unit head per commune, the cadre a violation is about, a colleague of his, a
# late joiner and an inspector who is himself the subject of a record.
SINCE_JULY_2025 = {"valid_from": "2025-07-01"}
JOINED_JULY_2025 = {"date_joined": "2025-07-01"}
INSPECTOR = ["Inspector", "Cadre"]
VIOLATIONS_WORLD = {
	"email": "{}@vr.test.soson.vn",
	"units": {
		"commune_a": ("VRT Đảng ủy xã A", "ĐU", None, SINCE_JULY_2025),
		"board_a": ("VRT Ban Xây dựng Đảng xã A", "BXDĐ", "commune_a", {**PARTY_BOARD, **SINCE_JULY_2025}),
		"inspect_a": (
			"VRT Ủy ban Kiểm tra xã A",
			"UBKT",
			"commune_a",
			{"unit_kind": "Inspection Committee", **SINCE_JULY_2025},
		),
		"commune_b": ("VRT Đảng ủy xã B", "ĐU", None, SINCE_JULY_2025),
		"board_b": (
			"VRT Văn phòng Đảng ủy xã B",
			"VPĐU",
			"commune_b",
			{"unit_kind": "Party Office", **SINCE_JULY_2025},
		),
	},
	"directives": {
		"directive": ("24-CT/VRT", "commune_a", "Tăng cường kỷ cương, kỷ luật (kiểm thử)"),
		"other_directive": ("39-CT/VRT", "commune_b", "Chỉ thị khác (kiểm thử)"),
	},
	"categories": {
		"category": ("VRT-01", "Né tránh, đùn đẩy trách nhiệm", "directive", {"deduction": 5}),
		"forcing_category": (
			"VRT-02",
			"Nhũng nhiễu, gây phiền hà",
			"directive",
			{"deduction": 10, "forces": 1},
		),
		"other_category": ("VRT-91", "Vi phạm giờ giấc (chỉ thị khác)", "other_directive", {"deduction": 2}),
	},
	"people": {
		"inspector": (
			"VRT Kiểm tra viên Một",
			"inspect_a",
			INSPECTOR,
			{"login": "inspector1", **JOINED_JULY_2025},
		),
		"inspector2": ("VRT Kiểm tra viên Hai", "inspect_a", INSPECTOR, JOINED_JULY_2025),
		"head_a": (
			"VRT Bí thư xã A",
			"commune_a",
			["Unit Head", "Cadre"],
			{"login": "head.a", "heads": "commune_a", **JOINED_JULY_2025},
		),
		"head_b": (
			"VRT Bí thư xã B",
			"commune_b",
			["Unit Head", "Cadre"],
			{"login": "head.b", **JOINED_JULY_2025},
		),
		"cadre": ("VRT Chuyên viên Vi Phạm", "board_a", CADRE, JOINED_JULY_2025),
		"peer": ("VRT Chuyên viên Đồng Nghiệp", "board_a", CADRE, JOINED_JULY_2025),
		"late_joiner": ("VRT Chuyên viên Mới Vào", "board_a", CADRE, {"login": "late", "date_joined": -10}),
		# an inspector who is himself the subject of a record
		"inspector_subject": (
			"VRT Kiểm tra viên Bị Ghi Nhận",
			"inspect_a",
			INSPECTOR,
			{"login": "inspector3", **JOINED_JULY_2025},
		),
	},
}

# The reporting tests: a commune (a board; a people's committee with its office) and another commune
# outside it; make_period_records writes their records.
RPT_ADMIN = "rpt.admin@example.com"
RPT_HEAD_B = "rpt.head.b@example.com"
RPT_HEAD_OTHER = "rpt.head.other@example.com"
RPT_CADRE_B = "rpt.cadre.b@example.com"
REPORTING_WORLD = {
	"email": "rpt.{}@example.com",
	"units": {
		"root": ("RPT Đảng ủy xã Thử nghiệm", "ĐU", None),
		"board": ("RPT Ban Xây dựng Đảng xã Thử nghiệm", "BXDĐ", "root", PARTY_BOARD),
		"commune_b": ("RPT UBND xã Thử nghiệm", "UBND", "root", {"unit_kind": "People's Committee"}),
		"office_b1": (
			"RPT Văn phòng UBND xã Thử nghiệm",
			"VP",
			"commune_b",
			{"unit_kind": "Specialised Department"},
		),
		"other": ("RPT Đảng ủy xã Khác", "ĐU", None),
	},
	"people": {
		"admin": ("RPT Quản trị", "board", ["Discipline Administrator", "Cadre"]),
		"head_b": ("RPT Trưởng B", "commune_b", ["Unit Head", "Cadre"], {"login": "head.b"}),
		"head_other": ("RPT Trưởng khác", "other", ["Unit Head", "Cadre"], {"login": "head.other"}),
		"cadre_b": ("RPT Chuyên viên B", "office_b1", CADRE, {"login": "cadre.b", "rater": "head_b"}),
	},
}


# ---------------------------------------------------------------------------------------------------
# Acting as someone


@contextmanager
def as_user(user: str):
	"""Run the block as `user`, then as whoever was logged in before."""
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)


def with_user(user: str, fn):
	"""`fn()` as `user`."""
	with as_user(user):
		return fn()


def act(doc_or_name, action: str, user: str, doctype: str = "Violation Record"):
	"""Apply a workflow action as `user` to a document (or a `doctype` record by name); returns the
	updated document."""
	if not isinstance(doc_or_name, str):
		doctype, doc_or_name = doc_or_name.doctype, doc_or_name.name
	return with_user(user, lambda: apply_workflow(frappe.get_doc(doctype, doc_or_name), action))


# ---------------------------------------------------------------------------------------------------
# Campaign: plans and tasks


def make_plan(issuing_unit: str, rows: list[dict] | None = None, issue_date=None, **kwargs):
	"""An inserted draft Unit Plan, as the current user."""
	plan = frappe.get_doc(
		{
			"doctype": "Unit Plan",
			"document_number": kwargs.pop("document_number", "1-KH/TEST"),
			"issuing_unit": issuing_unit,
			"issue_date": issue_date or add_days(today(), -30),
			"title": kwargs.pop("title", "Test plan implementing the directive"),
			"reporting_frequency": "Monthly",
			"tasks": rows or [],
			**kwargs,
		}
	)
	return plan.insert()


def plan_row(lead_unit: str, due_date=None, **kwargs) -> dict:
	return {
		"task_group": kwargs.pop("task_group", "I. Dissemination"),
		"description": kwargs.pop("description", "Disseminate the directive to every cadre"),
		"lead_unit": lead_unit,
		"due_date": due_date or add_days(today(), 30),
		**kwargs,
	}


def make_task(
	organization_unit: str, assignee=None, assigned_by=None, start_date=None, due_date=None, **kwargs
):
	"""An inserted Assigned Task, as the current user."""
	return frappe.get_doc(
		{
			"doctype": "Assigned Task",
			"title": kwargs.pop("title", "Test task"),
			"organization_unit": organization_unit,
			"assignee": assignee,
			"assigned_by": assigned_by,
			"start_date": start_date or add_days(today(), -10),
			"due_date": due_date or add_days(today(), 10),
			**kwargs,
		}
	).insert()


# A synthetic catalogue of products (label, conversion factor), for the benchmarks' tasks.
SYNTHETIC_PRODUCTS = (
	("báo cáo", 1.0),
	("kế hoạch", 1.5),
	("tờ trình", 1.0),
	("đề án", 4.0),
	("biên bản", 0.5),
)


def make_products(prefix: str, products=SYNTHETIC_PRODUCTS) -> list[tuple[str, float]]:
	"""Shared Work Product Types named `prefix` + label (idempotent): [(name, conversion factor)]."""
	out = []
	for label, factor in products:
		product_name = f"{prefix}{label}"
		name = frappe.db.get_value("Work Product Type", {"product_name": product_name}) or (
			frappe.get_doc(
				{"doctype": "Work Product Type", "product_name": product_name, "conversion_factor": factor}
			)
			.insert(ignore_permissions=True)
			.name
		)
		out.append((name, factor))
	return out


# ---------------------------------------------------------------------------------------------------
# Evaluation: a policy of the tests' own, periods, and evaluations driven through their workflow

TEST_POLICY = "CE Test Policy"


def make_policy(
	name: str = TEST_POLICY, effective_from="2040-01-01", quota_percent=30, no_task_rule="Full Points"
) -> str:
	"""A Hanoi-like test policy (2 manual general criteria + violations + task results; A/B/C/D).

	Most tests give a month without tasks full task points, so that the manual scores they enter
	decide the level; the rater-scored rule of the shipped policies has its own test."""
	if frappe.db.exists("Evaluation Policy", name):
		return name
	doc = frappe.get_doc(
		{
			"doctype": "Evaluation Policy",
			"policy_name": name,
			"period_type": "Monthly",
			# disabled: never picked as the policy in force (the shipped ones are), still usable by periods
			"disabled": 1,
			"effective_from": effective_from,
			"quota_percent": quota_percent,
			"quota_base": "All Rated",
			"late_penalty_percent": 25,
			"failed_penalty_percent": 25,
			"not_completed_on_discipline": 1,
			"task_result_method": "Separate Criteria",
			"no_task_rule": no_task_rule,
			"criteria": [
				{"criterion": criterion, "criterion_group": group, "max_points": points, "source": source}
				for criterion, group, points, source in (
					("Ethics", "General", 10, "Violations"),
					("Competence", "General", 10, "Manual"),
					("Initiative", "General", 10, "Manual"),
					("Quantity", "Task Results", 30, "Task Quantity"),
					("Quality", "Task Results", 20, "Task Quality"),
					("Progress", "Task Results", 20, "Task Progress"),
				)
			],
			"bands": [
				{"level_code": "A", "level_label": "Excellent", "min_score": 90, "is_top_level": 1},
				{"level_code": "B", "level_label": "Good", "min_score": 70, "is_good_level": 1},
				{"level_code": "C", "level_label": "Completed", "min_score": 50},
				{
					"level_code": "D",
					"level_label": "Not Completed",
					"min_score": 0,
					"is_not_completed_level": 1,
				},
			],
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def make_period(start: str, end: str, policy: str = TEST_POLICY) -> str:
	name = frappe.db.get_value("Evaluation Period", {"evaluation_policy": policy, "period_start": start})
	if name:
		return name
	doc = frappe.get_doc(
		{
			"doctype": "Evaluation Period",
			"evaluation_policy": policy,
			"period_start": start,
			"period_end": end,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def get_evaluation(period: str, cadre: str):
	return frappe.get_doc("Cadre Evaluation", {"evaluation_period": period, "cadre": cadre})


def set_scores(doc, column: str, value: float):
	for row in doc.scores:
		if row.source == "Manual":
			row.set(column, value)


def act_on_evaluation(
	user: str, name: str, action: str, column: str | None = None, value: float | None = None, **fields
):
	"""As `user`: optionally set the manual scores of `column` and `fields` of a Cadre Evaluation,
	save, then apply `action`."""
	with as_user(user):
		doc = frappe.get_doc("Cadre Evaluation", name)
		if column is not None or fields:
			if column is not None:
				set_scores(doc, column, value)
			doc.update(fields)
			doc.save()
		return apply_workflow(doc, action) if action else doc


def approve_as(w, name: str, score: float = 10, approver: str = "head", **fields):
	"""Self-assess, rate and approve (as the person `approver` of world `w`) an evaluation of one of
	the world's cadres, with `score` on every manual row."""
	doc = frappe.get_doc("Cadre Evaluation", name)
	person = {cadre: key for key, cadre in w.cadres.items()}
	act_on_evaluation(w.users[person[doc.cadre]], name, "Self-Assess", "self_score", score)
	act_on_evaluation(w.users[person[doc.rater]], name, "Rate Evaluation", "rater_score", score)
	return act_on_evaluation(
		w.users[approver],
		name,
		"Approve",
		**(
			{"final_level": fields["final_level"], "override_reason": fields.get("override_reason")}
			if fields
			else {}
		),
	)


# ---------------------------------------------------------------------------------------------------
# Violations: directives, categories, inspections and records (the last two in VIOLATIONS_WORLD)


def make_directive(number: str, unit: str, title: str) -> str:
	if name := frappe.db.get_value("Directive", {"document_number": number, "issuing_unit": unit}, "name"):
		return name
	doc = frappe.get_doc(
		{
			"doctype": "Directive",
			"document_number": number,
			"issuing_unit": unit,
			"issue_date": getdate("2023-08-07"),
			"status": "In Force",
			"title": title,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def make_category(code: str, name: str, directive: str, deduction: float = 5, forces: int = 0) -> str:
	if existing := frappe.db.get_value("Violation Category", {"code": code, "directive": directive}, "name"):
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "Violation Category",
			"category_name": name,
			"code": code,
			"directive": directive,
			"default_severity": "Medium",
			"default_deduction": deduction,
			"forces_not_completed": forces,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def make_inspection(w, user: str | None = None, is_surprise: int = 0, **values) -> str:
	"""An inspection of commune A by its inspection committee (as `user`, default inspector 1)."""
	doc = frappe.get_doc(
		{
			"doctype": "Inspection",
			"title": "Kiểm tra việc thực hiện Chỉ thị (kiểm thử)",
			"inspection_type": "Inspection",
			"is_surprise": is_surprise,
			"directive": w.directive,
			"inspecting_unit": w.inspect_a,
			"inspection_date": add_days(today(), -20),
			"end_date": add_days(today(), -18),
			"status": "In Progress",
			"target_units": [{"organization_unit": w.commune_a}],
			"team_members": [
				{"cadre": w.inspector, "team_role": "Head"},
				{"cadre": w.inspector2, "team_role": "Member"},
			],
			**values,
		}
	)
	with_user(user or w.inspector1_user, doc.insert)
	return doc.name


def make_record(w, user: str | None = None, cadre: str | None = None, **values):
	"""A Reported violation record about `cadre` (default: the board cadre), created as `user`."""
	doc = frappe.get_doc(
		{
			"doctype": "Violation Record",
			"cadre": cadre or w.cadre,
			"violation_category": w.category,
			"detected_on": add_days(today(), -5),
			"detection_source": "Superior Report",
			"description": "Chậm xử lý hồ sơ được giao (kiểm thử)",
			**values,
		}
	)
	with_user(user or w.inspector1_user, doc.insert)
	return doc


# ---------------------------------------------------------------------------------------------------
# Reporting: records written straight to the database
#
# The reporting tests check what a report compiles from whatever the other areas store, independently
# of those areas' validations: the underlying records are inserted without their controllers.


def raw_insert(doctype: str, values: dict, children: dict | None = None) -> str:
	"""Insert a record as stored data, without its controller (names from its own naming rule)."""
	doc = frappe.get_doc({"doctype": doctype, **values})
	for fieldname, rows in (children or {}).items():
		for row in rows:
			doc.append(fieldname, row)
	doc.set_new_name()
	doc.set_parent_in_children()
	doc.db_insert()
	for child in doc.get_all_children():
		child.db_insert()
	if doctype == "Assigned Task":
		# written behind the app's back: counted per unit and month as the nightly recount counts it
		from soson_discipline.campaign.task_summary import reconcile_task_summary

		reconcile_task_summary([doc.organization_unit])
	return doc.name


def make_period_records(units, cadres, start="2026-10-01", end="2026-10-31") -> None:
	"""Records inside and outside the period, inside and outside the subtrees."""
	start, end = getdate(start), getdate(end)
	before = getdate("2026-09-15")
	tasks = [
		# (unit, status, due, completed_on, is_late)
		(units.board, "Completed", "2026-10-10", "2026-10-08", 0),
		(units.board, "Completed", "2026-10-12", "2026-10-20", 1),
		(units.board, "Overdue", "2026-10-15", None, 1),
		(units.commune_b, "Open", "2026-10-30", None, 0),
		(units.commune_b, "In Progress", "2026-10-25", None, 0),
		(units.office_b1, "Completed", "2026-10-05", "2026-10-05", 0),
		(units.office_b1, "Cancelled", "2026-10-06", None, 0),
		(units.office_b1, "Overdue", "2026-10-02", None, 1),
		(units.commune_b, "Completed", str(before), str(before), 0),  # outside the period
		(units.other, "Completed", "2026-10-10", "2026-10-10", 0),  # outside the subtree
		(units.other, "Overdue", "2026-10-11", None, 1),
	]
	for i, (unit, status, due, done, late) in enumerate(tasks):
		raw_insert(
			"Assigned Task",
			{
				"title": f"RPT task {i}",
				"organization_unit": unit,
				"status": status,
				"start_date": getdate("2026-09-01"),
				"due_date": getdate(due),
				"completed_on": getdate(done) if done else None,
				"is_late": late,
				"weight": 1,
			},
		)
	sessions = [
		(units.root, "2026-10-03", [("Party Members", 40, 38), ("Cadres", 10, 10)]),
		(units.office_b1, "2026-10-20", [("Civil Servants", 12, 9)]),
		(units.commune_b, "2026-09-20", [("Civil Servants", 30, 30)]),  # outside the period
		(units.other, "2026-10-04", [("Party Members", 50, 45)]),  # outside the subtree
	]
	for i, (unit, day, audiences) in enumerate(sessions):
		raw_insert(
			"Dissemination Session",
			{
				"subject": f"RPT session {i}",
				"organization_unit": unit,
				"session_date": getdate(day),
				"form": "Conference",
			},
			{"audiences": [{"audience_group": g, "expected": e, "attended": a} for g, e, a in audiences]},
		)
	category = frappe.db.get_value("Violation Category", {"code": "RPT-1"}) or raw_insert(
		"Violation Category",
		{
			"category_name": "RPT Đi muộn về sớm",
			"code": "RPT-1",
			"default_severity": "Low",
			"default_deduction": 2,
		},
	)
	category_2 = frappe.db.get_value("Violation Category", {"code": "RPT-2"}) or raw_insert(
		"Violation Category",
		{
			"category_name": "RPT Sử dụng điện thoại trong cuộc họp",
			"code": "RPT-2",
			"default_severity": "Low",
		},
	)
	violations = [
		# (unit, category, state, outcome, detected_on, docstatus)
		(units.board, category, "Verified", "None", "2026-10-05", 0),
		(units.commune_b, category, "Closed", "Reminder", "2026-10-06", 1),
		(units.office_b1, category_2, "Correction Required", "None", "2026-10-07", 0),
		(units.office_b1, category_2, "Dismissed", "None", "2026-10-08", 0),
		(units.office_b1, category, "Reported", "None", "2026-10-09", 0),
		(units.commune_b, category, "Closed", "None", str(before), 1),  # outside the period
		(units.other, category, "Verified", "None", "2026-10-05", 0),  # outside the subtree
	]
	for unit, cat, state, outcome, day, docstatus in violations:
		raw_insert(
			"Violation Record",
			{
				"cadre": cadres.cadre_b,
				"organization_unit": unit,
				"violation_category": cat,
				"workflow_state": state,
				"discipline_outcome": outcome,
				"detected_on": getdate(day),
				"detection_source": "Inspection",
				"description": "RPT",
				"docstatus": docstatus,
			},
		)
	inspections = [
		(units.board, [units.commune_b], "2026-10-14", 1, "Completed"),
		(units.other, [units.office_b1], "2026-10-16", 0, "Completed"),  # by another unit, on the subtree
		(units.board, [units.office_b1], "2026-10-28", 0, "Planned"),  # not held
		(units.other, [units.other], "2026-10-16", 0, "Completed"),  # outside the subtree
	]
	for i, (unit, targets, day, surprise, status) in enumerate(inspections):
		raw_insert(
			"Inspection",
			{
				"title": f"RPT inspection {i}",
				"inspection_type": "Inspection",
				"inspecting_unit": unit,
				"inspection_date": getdate(day),
				"is_surprise": surprise,
				"status": status,
			},
			{"target_units": [{"organization_unit": t} for t in targets]},
		)
	period = raw_insert(
		"Evaluation Period",
		{
			"title": "RPT 10/2026",
			"evaluation_policy": "",
			"period_type": "Monthly",
			"period_start": start,
			"period_end": end,
			"status": "Approval",
		},
	)
	evaluations = [
		(cadres.head_b, units.commune_b, "B", "Hoàn thành tốt nhiệm vụ", 1),
		(cadres.cadre_b, units.office_b1, "A", "Hoàn thành xuất sắc nhiệm vụ", 1),
		(cadres.admin, units.board, "", "", 0),
		(cadres.head_other, units.other, "A", "Hoàn thành xuất sắc nhiệm vụ", 1),  # outside the subtree
	]
	for cadre, unit, level, label, docstatus in evaluations:
		raw_insert(
			"Cadre Evaluation",
			{
				"evaluation_period": period,
				"cadre": cadre,
				"organization_unit": unit,
				"final_level": level,
				"final_level_label": label,
				"docstatus": docstatus,
				"workflow_state": "Approved" if docstatus else "Draft",
				"evaluation_key": f"{period}:{cadre}",
			},
		)


# ---------------------------------------------------------------------------------------------------
# A world other connections can see: committed, then removed
#
# Tests of concurrent requests (each thread has its own database connection) need their records
# committed; everything written from the start of the block is deleted again at its end.


# besides the app's own tables: what creating users and moving records on writes
WORLD_TABLES = (
	*("User", "Has Role", "User Email", "Block Module", "Version", "Comment", "Notification Log"),
	*("ToDo", "Workflow Action", "Workflow Action Permitted Role", "Email Queue"),
	*("Email Queue Recipient", "Communication", "Communication Link", "Activity Log", "DocShare"),
	*("Contact", "Contact Email", "Dynamic Link", "Notification Settings", "Route History"),
)


@contextmanager
def committed_world():
	"""Commit what the block creates so that other connections see it; on leaving, delete the rows
	of the app's tables (and of `WORLD_TABLES`) created since the block began, and commit that.
	Only for a test of concurrent requests: everything else stays in the test's transaction.

	What the test's transaction holds when the block begins is rolled back, not committed: committed,
	it would outlive the block (only rows created since it began are deleted) and leak into the site."""
	frappe.db.rollback()
	started = frappe.utils.now()  # the clock `creation` is written with (the system time zone)
	try:
		yield
	finally:
		frappe.db.rollback()
		doctypes = frappe.get_all(
			"DocType", filters={"module": "Soson Discipline", "issingle": 0}, pluck="name"
		)
		users = frappe.get_all("User", filters={"creation": (">=", started)}, pluck="name")
		for doctype in (*doctypes, *WORLD_TABLES):
			if frappe.db.table_exists(doctype):
				frappe.db.delete(doctype, {"creation": (">=", started)})
		if users:
			frappe.db.delete("DefaultValue", {"parent": ("in", users)})
		frappe.db.commit()
		frappe.clear_cache()


def in_thread(site: str, user: str, fn, results: list, barrier=None):
	"""Run `fn()` as `user` on a connection of its own, as a request would (committed at the end, or
	rolled back on an error); append ("ok", value) or ("error", exception) to `results`."""
	import threading

	def run():
		frappe.init(site=site)
		frappe.connect()
		try:
			frappe.set_user(user)
			if barrier:
				barrier.wait()
			value = fn()
			frappe.db.commit()
			results.append(("ok", value))
		except Exception as e:
			try:
				frappe.db.rollback()
			except Exception:  # the connection itself may be gone (a test that cuts it)
				pass
			results.append(("error", e))
		finally:
			frappe.destroy()

	thread = threading.Thread(target=run)
	thread.start()
	return thread


# ---------------------------------------------------------------------------------------------------
# The site served over real HTTP, as other systems reach it


@contextmanager
def served_site():
	"""Serve this site over HTTP on a free local port for the block (Frappe's WSGI application in a
	werkzeug server, a thread per request, each with its own database connection, as gunicorn's
	threads would): yields its base URL. Only records committed (`committed_world`) are seen."""
	import threading

	import frappe.app
	from werkzeug.serving import WSGIRequestHandler, make_server

	class QuietHandler(WSGIRequestHandler):
		def log_request(self, *args, **kwargs):  # one line per request would drown the test log
			pass

	previous = frappe.app._site, frappe.app._sites_path
	frappe.app._site, frappe.app._sites_path = frappe.local.site, frappe.local.sites_path
	server = make_server("127.0.0.1", 0, frappe.app.application, threaded=True, request_handler=QuietHandler)
	thread = threading.Thread(target=server.serve_forever, daemon=True)
	thread.start()
	try:
		yield f"http://127.0.0.1:{server.server_port}"
	finally:
		server.shutdown()
		thread.join(10)
		frappe.app._site, frappe.app._sites_path = previous


def api_keys(user: str) -> str:
	"""Frappe API key and secret for `user` (as its system's administrator would generate them):
	the value of an `Authorization: token …` header."""
	key, secret = frappe.generate_hash(length=15), frappe.generate_hash(length=15)
	doc = frappe.get_doc("User", user)
	doc.api_key, doc.api_secret = key, secret
	doc.save(ignore_permissions=True)
	return f"token {key}:{secret}"
