// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Cadre Evaluation", {
	setup(frm) {
		frm.set_query("evaluation_period", () => ({ filters: { status: ["!=", "Finalized"] } }));
	},

	refresh(frm) {
		if (frm.doc.not_completed_forced) {
			frm.dashboard.set_headline_alert(
				__("Disciplined in the period: rated not completed whatever the score."),
				"red"
			);
		} else if (frm.doc.final_level && frm.doc.computed_level && frm.doc.final_level !== frm.doc.computed_level) {
			frm.dashboard.set_headline_alert(
				__("Final level {0} overrides the computed level {1}.", [frm.doc.final_level, frm.doc.computed_level]),
				"orange"
			);
		}
		if (frm.doc.workflow_state === "Returned" && frm.doc.return_reason) {
			frm.dashboard.add_comment(__("Returned: {0}", [frappe.utils.escape_html(frm.doc.return_reason)]), "yellow", true);
		}
		frm.trigger("show_unit_quota");
		frm.trigger("set_score_columns");
		frm.trigger("show_task_products");
		soson_discipline.show_appeal(frm);
	},

	show_task_products(frm) {
		// the period's products by type, converted (worked out by the server when the form opens)
		const rows = (frm.doc.__onload && frm.doc.__onload.task_products) || [];
		const field = frm.get_field("task_products_html");
		if (!field) return;
		if (!rows.length) {
			field.$wrapper.empty();
			return;
		}
		// "1,5", not "1,50" (read as one thousand five hundred at a glance)
		const num = (x) => soson_discipline.plain_number(x, 2);
		const esc = frappe.utils.escape_html;
		const head = [
			__("Product Type"),
			__("Quantity"),
			__("Conversion Factor"),
			__("Assigned (Converted)"),
			__("Completed"),
			__("On Time"),
			__("Late"),
			__("Not Meeting Quality"),
		];
		const body = rows
			.map((row) => {
				const name = row.work_product_type
					? `<a href="/app/work-product-type/${encodeURIComponent(row.work_product_type)}">${esc(
							row.product_name
					  )}</a>${row.unit_of_measure ? " (" + esc(row.unit_of_measure) + ")" : ""}`
					: esc(__("Tasks without a product type"));
				const cells = [
					row.work_product_type ? num(row.quantity) : "",
					row.work_product_type ? num(row.conversion_factor) : "",
					num(row.assigned),
					num(row.completed),
					num(row.on_time),
					num(row.late),
					num(row.failed),
				];
				return `<tr><td>${name}</td>${cells.map((c) => `<td class="text-right">${c}</td>`).join("")}</tr>`;
			})
			.join("");
		field.$wrapper.html(`
			<table class="table table-bordered table-sm">
				<thead><tr>${head
					.map((h, i) => `<th class="${i ? "text-right" : ""}">${esc(h)}</th>`)
					.join("")}</tr></thead>
				<tbody>${body}</tbody>
			</table>
			<p class="text-muted small">${esc(
				__("Converted products: quantity × the product's conversion factor (Decree 335/2025 Art. 14).")
			)}</p>`);
	},

	show_unit_quota(frm) {
		// for the rater and the approver: the unit's top-level quota over the evaluations rated so far,
		// shown from the unit's first evaluation on, with nothing counted yet (issue 25 item 2)
		const quota = frm.doc.__onload && frm.doc.__onload.unit_quota;
		if (!quota) return;
		const message = frappe.utils.escape_html(quota.message);
		frm.dashboard.add_comment(message, quota.ok ? "blue" : "red", true);
	},

	set_score_columns(frm) {
		// The rows are the policy's criteria: none is added or removed by hand. Only manual criteria
		// are scored by people (the row's read_only_depends_on); the others come from tasks and
		// violations. Each column opens to its person at his or her step, as the server checks.
		frm.set_df_property("scores", "cannot_add_rows", 1);
		frm.set_df_property("scores", "cannot_delete_rows", 1);
		const grid = frm.fields_dict.scores.grid;
		const state = frm.doc.workflow_state || "Draft";
		const me = frappe.session.user;
		grid.update_docfield_property(
			"self_score",
			"read_only",
			!["Draft", "Returned"].includes(state) || frm.doc.cadre_user !== me
		);
		grid.update_docfield_property(
			"self_note",
			"read_only",
			!["Draft", "Returned"].includes(state) || frm.doc.cadre_user !== me
		);
		grid.update_docfield_property(
			"rater_score",
			"read_only",
			state !== "Self-Assessed" || frm.doc.rater_user !== me
		);
		grid.update_docfield_property(
			"rater_note",
			"read_only",
			state !== "Self-Assessed" || frm.doc.rater_user !== me
		);
		grid.update_docfield_property(
			"final_score",
			"read_only",
			state !== "Rated" || frm.doc.cadre_user === me
		);
		grid.refresh();
		// the level is overridden by the rater at his or her step and by the approver at approval,
		// never by the cadre (the server's validate_score_rights): the cadre reads it (issue 25 item 8)
		const may_set_level =
			(state === "Self-Assessed" && frm.doc.rater_user === me) ||
			(state === "Rated" && frm.doc.cadre_user !== me);
		frm.set_df_property("final_level", "read_only", !may_set_level);
		frm.set_df_property("override_reason", "read_only", !may_set_level);
	},

	async before_workflow_action(frm) {
		if (frm.selected_workflow_action !== "Return" || frm.doc.return_reason) {
			return;
		}
		frappe.dom.unfreeze();
		const values = await new Promise((resolve, reject) => {
			let answered = false;
			const dialog = frappe.prompt(
				{ fieldname: "return_reason", fieldtype: "Small Text", label: __("Return Reason"), reqd: 1 },
				(values) => {
					answered = true;
					resolve(values);
				},
				__("Return the evaluation"),
				__("Return")
			);
			// The prompt hides itself before it passes on what was typed: only a close without an
			// answer cancels the action.
			dialog.onhide = () => setTimeout(() => answered || reject(), 0);
		});
		await frm.set_value("return_reason", values.return_reason);
		await frm.save();
		frappe.dom.freeze();
	},
});

frappe.ui.form.on("Cadre Evaluation Score", {
	form_render(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		// Manual criteria, and the task criteria of a month with no task when the policy has the
		// rater score them (the server says which, in __onload).
		const rated = (frm.doc.__onload && frm.doc.__onload.rated_by_people) || [];
		const manual = row.source === "Manual" || rated.includes(row.criterion);
		["self_score", "rater_score", "final_score"].forEach((f) => {
			frm.fields_dict.scores.grid.grid_rows_by_docname[cdn]?.toggle_editable(f, manual);
		});
	},
});
