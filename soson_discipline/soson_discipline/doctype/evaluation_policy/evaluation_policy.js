// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

// frappe.ui.form.on("Evaluation Policy", {
// 	refresh(frm) {

// 	},
// });
