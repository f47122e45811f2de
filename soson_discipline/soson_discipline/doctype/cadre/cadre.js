// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Cadre", {
	setup(frm) {
		frm.set_query("rater", () => ({
			filters: { status: "Active", name: ["!=", frm.doc.name || ""] },
		}));
		frm.set_query("organization_unit", () => ({ filters: { disabled: 0 } }));
	},
	refresh(frm) {
		frm.trigger("show_year_results");
	},
	show_year_results(frm) {
		// the year's approved months and classifications (read by the server when the form opens),
		// wherever they were made: results follow a cadre who moves to another unit
		const field = frm.get_field("results_html");
		const results = frm.doc.__onload && frm.doc.__onload.year_results;
		if (!field || !results) return;
		const esc = frappe.utils.escape_html;
		const num = (x) => format_number(x || 0, null, 2).replace(/([.,]00)$/, "");
		const level = (row) =>
			esc(row.final_level || "") + (row.final_level_label ? " – " + esc(__(row.final_level_label)) : "");
		const table = (head, rows) =>
			`<table class="table table-bordered table-condensed" style="margin-bottom: 12px">
				<thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead>
				<tbody>${rows.join("")}</tbody></table>`;
		const months = results.months.map(
			(row) => `<tr>
				<td><a href="/app/cadre-evaluation/${encodeURIComponent(row.name)}">${esc(
					frappe.datetime.str_to_user(row.period_start)
				)} – ${esc(frappe.datetime.str_to_user(row.period_end))}</a></td>
				<td>${esc(row.organization_unit || "")}</td>
				<td class="text-right">${row.on_leave ? esc(__("On leave")) : num(row.total_score)}</td>
				<td>${level(row)}</td></tr>`
		);
		const spans = results.classifications.map(
			(row) => `<tr>
				<td><a href="/app/cadre-classification/${encodeURIComponent(row.name)}">${esc(
					row.classification_type === "Quarter"
						? __("Quarter {0}, {1}", [row.quarter, results.year])
						: __("Year {0}", [results.year])
				)}</a></td>
				<td>${esc(row.organization_unit || "")}</td>
				<td class="text-right">${num(row.average_score)}</td>
				<td>${level(row)}</td></tr>`
		);
		if (!months.length && !spans.length) {
			field.$wrapper.html(
				`<p class="text-muted">${esc(__("No approved results in {0} that you may read.", [results.year]))}</p>`
			);
			return;
		}
		const head = [__("Evaluation Period"), __("Organization Unit"), __("Total Score"), __("Level")];
		field.$wrapper.html(
			(months.length ? table(head, months) : "") +
				(spans.length
					? table([__("Classification"), __("Organization Unit"), __("Average Score"), __("Level")], spans)
					: "")
		);
	},
	status(frm) {
		if (frm.doc.status !== "Active" && !frm.doc.date_left) {
			frm.set_value("date_left", frappe.datetime.get_today());
		}
	},
});
