// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Organization Unit", {
	setup(frm) {
		frm.set_query("successor_unit", () => ({ filters: { name: ["!=", frm.doc.name] } }));
		frm.set_query("parent_organization_unit", () => ({
			filters: { is_group: 1, name: ["!=", frm.doc.name] },
		}));
		frm.set_query("head_cadre", () => ({
			filters: { organization_unit: frm.doc.name, status: "Active" },
		}));
	},
	refresh(frm) {
		if (frm.doc.valid_to && frappe.datetime.get_diff(frm.doc.valid_to, frappe.datetime.get_today()) < 0) {
			frm.dashboard.set_headline_alert(
				__("This unit ended on {0}.", [frappe.datetime.str_to_user(frm.doc.valid_to)]) +
					(frm.doc.successor_unit ? " " + __("Succeeded by {0}.", [frm.doc.successor_unit.bold()]) : ""),
				"orange"
			);
		}
		if (!frm.is_new()) {
			frm.add_custom_button(__("Cadres"), () =>
				frappe.set_route("List", "Cadre", { organization_unit: frm.doc.name })
			);
		}
		if (!frm.is_new() && frm.doc.valid_to && can_reorganise()) {
			frm.add_custom_button(__("Move Open Work"), () => preview_reorganisation(frm), __("Actions"));
		}
	},
});

// Presiding roles (soson_discipline.permissions.PRESIDING_ROLES); the server checks again.
function can_reorganise() {
	return ["System Manager", "Discipline Administrator", "Standing Committee"].some((role) =>
		frappe.user.has_role(role)
	);
}

function preview_reorganisation(frm) {
	frappe.call({
		method: "soson_discipline.org_changes.preview_reorganisation",
		args: { unit: frm.doc.name },
		freeze: true,
		callback: (r) => r.message && show_reorganisation_dialog(frm, r.message),
	});
}

function show_reorganisation_dialog(frm, preview) {
	if (!preview.moves.length) {
		frappe.msgprint({
			title: __("Move Open Work"),
			message: __("{0} has no active cadres, open tasks or open plans left to move.", [
				preview.unit_name.bold(),
			]),
			indicator: "green",
		});
		return;
	}
	const staying = preview.staying;
	const dialog = new frappe.ui.Dialog({
		title: __("Move the open work of {0}", [preview.unit_name]),
		size: "extra-large",
		fields: [
			{
				fieldtype: "HTML",
				options: `<p>${__(
					"{0} ended on {1}. These records move to the unit in the last column (the successor unless you choose another). Cadres who left, finished tasks and closed or issued plans stay as its history: {2} cadres, {3} tasks, {4} plans.",
					[
						preview.unit_name.bold(),
						frappe.datetime.str_to_user(preview.valid_to),
						staying["Cadre"],
						staying["Assigned Task"],
						staying["Unit Plan"],
					]
				)}</p>`,
			},
			{
				fieldname: "moves",
				fieldtype: "Table",
				cannot_add_rows: true,
				cannot_delete_rows: true,
				in_place_edit: true,
				data: preview.moves.map((m) => ({
					doctype_name: m.doctype,
					doctype_label: __(m.doctype),
					record: m.name,
					title: m.title,
					changes: m.changes,
					target: m.target,
				})),
				fields: [
					{ fieldname: "doctype_name", fieldtype: "Data", hidden: 1 },
					{ fieldname: "doctype_label", label: __("Document Type"), fieldtype: "Data", read_only: 1, in_list_view: 1, columns: 2 },
					{ fieldname: "record", label: __("Record"), fieldtype: "Data", read_only: 1, in_list_view: 1, columns: 2 },
					{ fieldname: "title", label: __("Title"), fieldtype: "Data", read_only: 1, in_list_view: 1, columns: 3 },
					{ fieldname: "changes", label: __("Fields"), fieldtype: "Data", read_only: 1, in_list_view: 1, columns: 1 },
					{
						fieldname: "target",
						label: __("Move To"),
						fieldtype: "Link",
						options: "Organization Unit",
						in_list_view: 1,
						reqd: 1,
						columns: 2,
					},
				],
			},
		],
		primary_action_label: __("Move"),
		primary_action(values) {
			const targets = (values.moves || []).map((row) => ({
				doctype: row.doctype_name,
				name: row.record,
				target: row.target,
			}));
			dialog.hide();
			frappe.call({
				method: "soson_discipline.org_changes.reorganise_unit",
				args: { unit: frm.doc.name, targets: JSON.stringify(targets) },
				freeze: true,
				freeze_message: __("Moving the open work..."),
				callback: (r) => show_reorganisation_result(frm, r.message || {}),
			});
		},
	});
	dialog.show();
}

function show_reorganisation_result(frm, result) {
	if (result.queued) {
		frappe.show_alert({
			message: __("Moving {0} records in the background; the unit's comments will list them.", [
				result.size,
			]),
			indicator: "blue",
		});
		return;
	}
	const moved = result.moved || [];
	const failed = result.failed || [];
	let message = __("{0} records moved.", [moved.length]);
	if (failed.length) {
		message +=
			"<br>" +
			__("Not moved:") +
			"<ul>" +
			failed
				.map((f) => `<li>${__(f.doctype)} ${f.name}: ${frappe.utils.escape_html(f.error || "")}</li>`)
				.join("") +
			"</ul>";
	}
	frappe.msgprint({
		title: __("Move Open Work"),
		message: message,
		indicator: failed.length ? "orange" : "green",
	});
	frm.reload_doc();
}
