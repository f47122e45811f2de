# Copyright (c) 2026, Soson Discipline Contributors and Contributors
# See license.txt

# The appeals are tested as the cadre, the heads and the Standing Committee act on them:
# soson_discipline/tests/test_appeals.py.
from frappe.tests.utils import FrappeTestCase


class TestEvaluationAppeal(FrappeTestCase):
	pass
