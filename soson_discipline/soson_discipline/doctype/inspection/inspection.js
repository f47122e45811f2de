// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Inspection", {
	setup(frm) {
		frm.set_query("signer", () => ({ filters: { status: "Active" } }));
		frm.set_query("cadre", "team_members", () => ({ filters: { status: "Active" } }));
	},

	refresh(frm) {
		// A completed or cancelled inspection is a record (inspection.py validate_closed): shown
		// read-only and without a Save button; the presiding board may still change its status to
		// reopen it, and that change brings the button back.
		frm.soson_saved_status = frm.doc.status;
		if (!frm.is_new() && soson_discipline_is_closed(frm)) {
			const presiding = frappe.user.has_role(["Discipline Administrator", "Standing Committee", "System Manager"]);
			frm.fields
				.filter((f) => f.df.fieldname && !(presiding && f.df.fieldname === "status"))
				.forEach((f) => frm.set_df_property(f.df.fieldname, "read_only", 1));
			frm.disable_save();
		} else {
			frm.enable_save();
		}
		if (!frm.is_new() && frm.doc.status !== "Cancelled" && frappe.model.can_create("Violation Record")) {
			frm.add_custom_button(__("Record Violations"), () => soson_discipline_record_violations(frm));
		}
	},

	status(frm) {
		// the board reopens a closed inspection by changing its status: that change is saved
		if (!frm.is_new() && frm.doc.status !== frm.soson_saved_status) frm.enable_save();
		else if (soson_discipline_is_closed(frm)) frm.disable_save();
	},
});

function soson_discipline_is_closed(frm) {
	return ["Completed", "Cancelled"].includes(frm.doc.status);
}

function soson_discipline_record_violations(frm) {
	const category_filters = frm.doc.directive ? { directive: frm.doc.directive, disabled: 0 } : { disabled: 0 };
	const dialog = new frappe.ui.Dialog({
		title: __("Record Violations"),
		size: "extra-large",
		fields: [
			{
				fieldtype: "HTML",
				options: `<p class="text-muted">${__(
					"Each row becomes a violation record (Reported) linked to this inspection; an inspector verifies it."
				)}</p>`,
			},
			{
				fieldname: "violations",
				fieldtype: "Table",
				label: __("Violations"),
				cannot_add_rows: false,
				in_place_edit: true,
				reqd: 1,
				data: [],
				fields: [
					{
						fieldname: "cadre",
						fieldtype: "Link",
						options: "Cadre",
						label: __("Cadre"),
						in_list_view: 1,
						reqd: 1,
						columns: 3,
						get_query: () => ({
							query: "soson_discipline.violations.search.cadre_query",
							filters: { inspection: frm.doc.name },
						}),
					},
					{
						fieldname: "violation_category",
						fieldtype: "Link",
						options: "Violation Category",
						label: __("Violation Category"),
						in_list_view: 1,
						reqd: 1,
						columns: 3,
						get_query: () => ({ filters: category_filters }),
					},
					{
						fieldname: "description",
						fieldtype: "Small Text",
						label: __("Description"),
						in_list_view: 1,
						reqd: 1,
						columns: 4,
					},
				],
			},
		],
		primary_action_label: __("Create Violation Records"),
		primary_action(values) {
			frm.call({
				method: "raise_violations",
				doc: frm.doc,
				args: { violations: values.violations || [] },
				freeze: true,
				freeze_message: __("Creating violation records..."),
			}).then((r) => {
				dialog.hide();
				frm.reload_doc();
				if (r.message && r.message.length) {
					frappe.set_route("List", "Violation Record", { inspection: frm.doc.name });
				}
			});
		},
	});
	dialog.show();
}
