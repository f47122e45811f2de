"""Existing sites get the shipped Regulation 366-QĐ/TW policy (disabled, for the cadre category Cadre,
quarterly); the policies already there are left as they are."""

from soson_discipline.setup.policies import create_standard_policies


def execute():
	create_standard_policies()
