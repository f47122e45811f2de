// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

// The Cadre list is where an office brings its people in: desk users for the selected cadres, the
// roles the app grants from the organisation, and (with ERPNext/HRMS) cadres from employees. Each
// action runs in the background on the server (soson_discipline.roles,
// soson_discipline.integrations.erpnext) and reports back through a realtime event.

const SOSON_JOB_DONE = "soson_discipline_job_done";
const SOSON_PRESIDING_ROLES = ["Discipline Administrator", "System Manager"];

frappe.listview_settings["Cadre"] = {
	onload(listview) {
		if (!frappe.user.has_role(SOSON_PRESIDING_ROLES)) {
			return;
		}
		soson_listen_for_jobs(listview);
		listview.page.add_actions_menu_item(__("Create Desk Users"), () =>
			soson_create_desk_users(listview)
		);
		listview.page.add_inner_button(
			__("Sync Roles"),
			() => soson_sync_roles(),
			__("Organisation")
		);
		if (frappe.meta.has_field("Cadre", "employee")) {
			listview.page.add_inner_button(
				__("Create Cadres from Employees"),
				() => soson_create_cadres_from_employees(),
				__("Organisation")
			);
		}
	},
};

function soson_listen_for_jobs(listview) {
	frappe.realtime.off(SOSON_JOB_DONE);
	frappe.realtime.on(SOSON_JOB_DONE, (data) => {
		frappe.hide_progress();
		soson_show_result(data.title, data.result);
		listview.refresh();
	});
}

function soson_started(r) {
	if (r && r.queued) {
		frappe.show_alert({
			message: __("Started in the background; you will see the result here."),
			indicator: "blue",
		});
	} else if (r && r.result) {
		soson_show_result(__("Done"), r.result);
	}
}

function soson_create_desk_users(listview) {
	const cadres = listview.get_checked_items(true);
	if (!cadres.length) {
		frappe.msgprint(__("Select the cadres first."));
		return;
	}
	frappe.prompt(
		[
			{
				fieldname: "send_welcome_email",
				fieldtype: "Check",
				label: __("Send Welcome Email"),
				default: 1,
			},
		],
		(values) => {
			frappe
				.xcall("soson_discipline.roles.create_desk_users", {
					cadres: cadres,
					send_welcome_email: values.send_welcome_email,
				})
				.then(soson_started);
		},
		__("Create Desk Users for {0} Cadres", [cadres.length]),
		__("Create")
	);
}

function soson_sync_roles() {
	frappe.confirm(
		__(
			"Grant Unit Head, Rater and Cadre to every cadre due them, and withdraw those the app granted that are no longer due? Roles given by hand are never withdrawn."
		),
		() => frappe.xcall("soson_discipline.roles.sync_all_roles").then(soson_started)
	);
}

function soson_create_cadres_from_employees() {
	frappe.prompt(
		[
			{ fieldname: "company", fieldtype: "Link", options: "Company", label: __("Company") },
			{
				fieldname: "department",
				fieldtype: "Link",
				options: "Department",
				label: __("Department"),
			},
		],
		(values) => {
			frappe
				.xcall("soson_discipline.integrations.erpnext.create_cadres_from_employees", values)
				.then(soson_started);
		},
		__("Create Cadres from Employees"),
		__("Create")
	);
}

function soson_show_result(title, result) {
	const labels = {
		created: __("Created"),
		linked: __("Linked"),
		skipped: __("Skipped"),
		refused: __("Refused"),
		users: __("Users"),
		added: __("Roles Added"),
		removed: __("Roles Removed"),
	};
	const warnings = (result && result.warnings) || [];
	const rows = [];
	for (const warning of warnings) {
		rows.push(`<p class="text-warning">${frappe.utils.escape_html(warning)}</p>`);
	}
	for (const [key, value] of Object.entries(result || {})) {
		if (key === "warnings") {
			continue;
		}
		const label = labels[key] || frappe.utils.escape_html(key);
		if (!Array.isArray(value)) {
			rows.push(`<p><b>${label}:</b> ${cint(value)}</p>`);
			continue;
		}
		rows.push(`<p><b>${label}:</b> ${value.length}</p>`);
		const items = value
			.filter((row) => row.reason)
			.map(
				(row) =>
					`<li>${frappe.utils.escape_html(row.full_name || row.cadre || row.employee || "")}: ${frappe.utils.escape_html(row.reason)}</li>`
			);
		if (items.length) {
			rows.push(`<ul>${items.join("")}</ul>`);
		}
	}
	frappe.msgprint({ title: title, message: rows.join(""), indicator: "blue" });
}
