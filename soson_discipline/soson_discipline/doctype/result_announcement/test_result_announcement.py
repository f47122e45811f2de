# Copyright (c) 2026, Soson Discipline Contributors and Contributors
# See license.txt

# The announcement is tested as the roles concerned in soson_discipline/tests/test_announcements.py.
from frappe.tests.utils import FrappeTestCase


class TestResultAnnouncement(FrappeTestCase):
	pass
