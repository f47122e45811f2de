"""Optional integrations with other Frappe apps, each detected at run time (see erpnext.py)."""
