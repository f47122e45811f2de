"""The layering the README's Layout states, held on the source (issue 26): one module enqueues
background work and is the only production code that asks whether tests are running; no import runs
from a lower layer back up."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "soson_discipline"


def production_modules():
	for path in APP.rglob("*.py"):
		parts = set(path.relative_to(APP).parts)
		if "tests" in parts or path.name.startswith("test_") or "patches" in parts:
			continue
		yield path


def calls(path: Path, dotted: str) -> int:
	"""How many times `path` calls `dotted` (e.g. "frappe.enqueue")."""
	count = 0
	for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
		if isinstance(node, ast.Call) and ast.unparse(node.func) == dotted:
			count += 1
	return count


def test_one_module_enqueues_background_work():
	enqueuing = {str(p.relative_to(APP)) for p in production_modules() if calls(p, "frappe.enqueue")}
	assert enqueuing == {"jobs.py"}


def test_only_the_jobs_module_asks_whether_tests_run():
	asking = {
		str(p.relative_to(APP))
		for p in production_modules()
		if "flags.in_test" in p.read_text(encoding="utf-8")
	}
	# the demo leaves Frappe's setup wizard alone on a test site (it is the test runner's)
	assert asking <= {"jobs.py", "demo/__init__.py"}, asking


def imports_of(path: Path) -> set[str]:
	found = set()
	for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
		if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("soson_discipline"):
			found.add(node.module)
		elif isinstance(node, ast.Import):
			found |= {a.name for a in node.names if a.name.startswith("soson_discipline")}
	return found


def test_pure_scoring_imports_nothing_of_frappe_or_the_app_above_it():
	for path in (APP / "scoring").rglob("*.py"):
		text = path.read_text(encoding="utf-8")
		assert "import frappe" not in text, path
		assert all(m.startswith("soson_discipline.scoring") for m in imports_of(path)), path


def test_no_import_cycle_between_roles_and_the_erpnext_integration():
	# the integration took its job helpers from roles.py, which asks it for an Employee's e-mail: the
	# helpers are in jobs.py, the presiding check in permissions.py
	erpnext = imports_of(APP / "integrations" / "erpnext.py")
	assert "soson_discipline.roles" not in erpnext


def test_the_campaign_does_not_import_the_reporting_above_it():
	"""Reports read tasks; tasks do not read reports (the tasks counted per unit and month are the
	campaign's, `campaign/task_summary.py`)."""
	for path in (APP / "campaign").rglob("*.py"):
		assert not any(m.startswith("soson_discipline.reporting") for m in imports_of(path)), path


# The layer order of the README's Layout: a module imports only from its own layer or those below.
LAYERS = (
	# 1: pure rules, no Frappe
	("scoring",),
	# 2: names and plumbing
	("states", "jobs", "utils"),
	# 3: who is who and who may see or do what
	(
		"acting",
		"org",
		"permissions",
		"guards",
		"read_scope",
		"integrations.sources",
		"reporting.filters",
		"reporting.cache",
		"utils.hygiene",
		"utils.request_check",
		"utils.clean_documents",
	),
	# 4: the services, and who is told of their steps
	(
		"campaign",
		"evaluation",
		"violations",
		"followup",
		"notifications",
		"roles",
		"org_changes",
		"integrations",
		"workflow_steps",
	),
	# 5: figures read from the services' records
	("reporting",),
	# 6: signs read from the figures
	("early_warning",),
)


def layer_of(module: str) -> int:
	"""The layer of a module (7: the entry points on top: controllers, reports, api, desk, tasks...).
	The longest matching prefix decides (`reporting.filters` is 3, `reporting` 5)."""
	if module == "soson_discipline":
		return 2  # the package's root: APP_MODULE
	name = module.removeprefix("soson_discipline.")
	best, found = -1, 7
	for level, prefixes in enumerate(LAYERS, start=1):
		for prefix in prefixes:
			if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > best:
				best, found = len(prefix), level
	return found


def test_no_import_runs_back_up_the_layers():
	wrong = []
	for path in production_modules():
		rel = path.relative_to(APP)
		if "demo" in rel.parts:
			continue
		module = ".".join(("soson_discipline", *rel.with_suffix("").parts)).removesuffix(".__init__")
		for imported in imports_of(path):
			if imported != "soson_discipline" and layer_of(imported) > layer_of(module):
				wrong.append(
					f"{module} (layer {layer_of(module)}) imports {imported} (layer {layer_of(imported)})"
				)
	assert not wrong, "\n".join(wrong)
