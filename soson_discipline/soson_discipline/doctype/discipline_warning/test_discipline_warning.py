# Copyright (c) 2026, Soson Discipline Contributors and Contributors
# See license.txt

# import frappe
from frappe.tests.utils import FrappeTestCase


class TestDisciplineWarning(FrappeTestCase):
	pass
