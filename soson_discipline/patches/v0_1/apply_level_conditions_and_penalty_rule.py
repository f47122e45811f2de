"""Existing sites (issue 11): the shipped policies get their penalty rule (one punishment per late or
failed product), their levels' hard conditions (Decree 335: 100 % on time for excellent and good) and
their new description; criteria, points, labels and quota stay as the office set them."""

from soson_discipline.scoring.standard import STANDARD_POLICIES
from soson_discipline.setup.policies import update_standard_policy


def execute():
	for standard in STANDARD_POLICIES:
		update_standard_policy(standard)
