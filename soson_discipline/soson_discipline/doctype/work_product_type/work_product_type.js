// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Work Product Type", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.set_intro(
				__(
					"A changed conversion factor weighs the tasks that choose this product from now on; a task already saved keeps its weight until its product or quantity changes."
				)
			);
		}
	},
});
