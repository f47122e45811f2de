// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Integration Source", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.api_user) {
			// the system signs in with the API key and secret of its user (User → Settings → API Access)
			frm.add_custom_button(__("API User"), () => frappe.set_route("Form", "User", frm.doc.api_user));
			frm.add_custom_button(__("Tasks from This System"), () =>
				frappe.set_route("List", "Assigned Task", { external_system: frm.doc.name })
			);
		}
	},
});
