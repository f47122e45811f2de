"""docs/openapi.yaml matches the code (issue #24): every documented method exists, is whitelisted
for the documented HTTP verbs, and every method of `soson_discipline/api/` is documented; the
documented document fields and result columns are the ones the code reads and writes.

Framework-free: the code is read with `ast`, not imported (it needs Frappe)."""

import ast
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "soson_discipline"
SPEC = yaml.safe_load((ROOT / "docs" / "openapi.yaml").read_text(encoding="utf-8"))
PREFIX = "/api/method/"


def module_tree(dotted_module: str) -> ast.Module:
	path = ROOT.joinpath(*dotted_module.split(".")).with_suffix(".py")
	assert path.exists(), f"{dotted_module} has no file {path}"
	return ast.parse(path.read_text(encoding="utf-8"))


def whitelisted(tree: ast.Module) -> dict[str, set[str] | None]:
	"""{function: HTTP methods it is whitelisted for (None: Frappe's default, any)}."""
	found = {}
	for node in tree.body:
		if not isinstance(node, ast.FunctionDef):
			continue
		for decorator in node.decorator_list:
			call = decorator if isinstance(decorator, ast.Call) else None
			target = call.func if call else decorator
			if ast.unparse(target) != "frappe.whitelist":
				continue
			methods = None
			for keyword in call.keywords if call else ():
				if keyword.arg == "methods":
					methods = {ast.literal_eval(e) for e in keyword.value.elts}
			found[node.name] = methods
	return found


def constant(tree: ast.Module, name: str):
	for node in tree.body:
		if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
			return ast.literal_eval(node.value)
		if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == name:
			return ast.literal_eval(node.value)
	raise AssertionError(f"{name} not found")


def test_every_documented_method_exists_and_is_whitelisted_for_its_verbs():
	assert SPEC["paths"], "no path documented"
	for path, operations in SPEC["paths"].items():
		assert path.startswith(PREFIX), path
		module, function = path[len(PREFIX) :].rsplit(".", 1)
		methods = whitelisted(module_tree(module))
		assert function in methods, f"{path}: {function} is not a whitelisted function of {module}"
		documented = {verb.upper() for verb in operations}
		allowed = methods[function]
		assert allowed is not None, f"{path}: whitelist it for the documented verbs only"
		assert documented == allowed, f"{path}: documented {documented}, whitelisted {allowed}"


def test_every_method_offered_to_other_systems_is_documented():
	documented = {path[len(PREFIX) :] for path in SPEC["paths"]}
	for file in sorted((APP / "api").glob("*.py")):
		module = f"soson_discipline.api.{file.stem}"
		for function in whitelisted(ast.parse(file.read_text(encoding="utf-8"))):
			assert f"{module}.{function}" in documented, f"{module}.{function} is not in docs/openapi.yaml"


def test_the_documented_fields_are_the_ones_the_code_reads_and_writes():
	documents = module_tree("soson_discipline.integrations.documents")
	keys = {
		*constant(documents, "DOCUMENT_FIELDS"),
		*constant(documents, "PEOPLE_FIELDS"),
		*constant(documents, "OTHER_KEYS"),
	}
	schemas = SPEC["components"]["schemas"]
	assert set(schemas["Document"]["properties"]) == keys
	assert set(schemas["Result"]["properties"]) == set(
		constant(module_tree("soson_discipline.reporting.results"), "COLUMNS")
	)
	batch = module_tree("soson_discipline.api.tasks")
	limit = SPEC["paths"][PREFIX + "soson_discipline.api.tasks.upsert_from_documents"]["post"]
	items = limit["requestBody"]["content"]["application/json"]["schema"]["properties"]["documents"]
	assert items["maxItems"] == constant(batch, "MAX_DOCUMENTS")
