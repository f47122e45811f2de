// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Evaluation Policy", {
	refresh(frm) {
		// categories this policy scores though its text does not govern them (issue 22 item 9)
		const outside = (frm.doc.__onload && frm.doc.__onload.outside_text) || [];
		if (!outside.length) return;
		const list = outside
			.map((row) => __("{0} ({1} cadres)", [__(row.category), row.cadres]))
			.join(", ");
		frm.dashboard.set_headline_alert(
			__(
				"This policy also scores {0}, whom its text does not govern ({1}). That is the office's choice; give those categories a policy of their own to score them under their own text.",
				[list, frm.doc.governed_categories.split("\n").map((c) => __(c)).join(", ")]
			),
			"orange"
		);
	},
});
