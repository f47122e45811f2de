from soson_discipline.setup.policies import create_standard_policies


def execute():
	"""Existing sites: create the shipped evaluation policies that are missing (never overwrite)."""
	create_standard_policies()
