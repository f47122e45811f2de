// The desk in Vietnamese where Frappe leaves English or its own defaults: the date picker's names and
// the week's first day, and the label of a report's total row. Loaded on every desk page
// (hooks.app_include_js).

// Vietnamese for Frappe's date picker (air-datepicker), which ships no "vi" locale: without it a
// Vietnamese user's calendar shows English month and day names. Frappe's date controls pick the
// locale of the user's language (frappe/public/js/frappe/form/controls/date.js).
(function ($) {
	if (!$ || !$.fn || !$.fn.datepicker || $.fn.datepicker.language.vi) return;
	$.fn.datepicker.language.vi = {
		days: ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
		daysShort: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
		daysMin: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
		months: [
			"Tháng 1",
			"Tháng 2",
			"Tháng 3",
			"Tháng 4",
			"Tháng 5",
			"Tháng 6",
			"Tháng 7",
			"Tháng 8",
			"Tháng 9",
			"Tháng 10",
			"Tháng 11",
			"Tháng 12",
		],
		monthsShort: ["Th1", "Th2", "Th3", "Th4", "Th5", "Th6", "Th7", "Th8", "Th9", "Th10", "Th11", "Th12"],
		today: "Hôm nay",
		clear: "Xóa",
		dateFormat: "dd/mm/yyyy",
		timeFormat: "hh:ii",
		firstDay: 1,
	};
})(window.jQuery);

// Frappe finds the first day of the week (System Settings) among moment's weekday names, which are
// the user's language's: in Vietnamese "Monday" is not found and every calendar starts on Sunday.
// The setting holds English names, so look it up among those.
(function () {
	if (!window.frappe || !frappe.datetime || !frappe.datetime.get_first_day_of_the_week_index) return;
	const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
	frappe.datetime.get_first_day_of_the_week_index = function () {
		const day = (frappe.sys_defaults && frappe.sys_defaults.first_day_of_the_week) || "Sunday";
		return Math.max(WEEKDAYS.indexOf(day), 0);
	};
})();

// A report's total row: Frappe's datatable labels it "Total" in English whatever the user's language
// (frappe/public/js/frappe/views/reports/query_report.js). The app's reports with a total row use
// this formatter.
(function () {
	if (!window.frappe) return;
	frappe.provide("soson_discipline");
	soson_discipline.report_formatter = function (value, row, column, data, default_formatter) {
		if (column && column.isHeader && !data && column.colIndex === 1 && !value) {
			return `<b>${__("Total")}</b>`;
		}
		return default_formatter(value, row, column, data);
	};
})();

// A page's primary action with an icon translates its label a second time
// (frappe/public/js/frappe/ui/page.js get_icon_label), and the print page passes "Print" already
// translated: in Vietnamese "Print" is "In", and "In" (the filter's "in") is "Trong", so the print
// button read "Trong" (issue 25 item 6). Translate it once.
(function () {
	if (!window.frappe || !frappe.ui || !frappe.ui.Page) return;
	const get_icon_label = frappe.ui.Page.prototype.get_icon_label;
	frappe.ui.Page.prototype.get_icon_label = function (icon, label) {
		return get_icon_label.call(this, icon, label === __("Print") ? "Print" : label);
	};
})();

// A percentage in the site's number format (issue 25 item 7): Frappe writes a Percent with the
// JavaScript decimal point whatever the number format ("94.4%" on a Vietnamese site, whose format is
// #.###,##), in forms, grids, reports and number cards alike. Shown as "94,4 %" there, with as many
// decimals as the figure has (up to its precision).
(function () {
	if (!window.frappe || !frappe.form || !frappe.form.formatters) return;
	const percent = (value, precision) => {
		const number = flt(value, precision);
		const decimals = Math.min((String(number).split(".")[1] || "").length, precision);
		return `${format_number(number, null, decimals)} %`;
	};
	frappe.form.formatters.Percent = function (value, docfield, options) {
		if (value === null || value === undefined || value === "") return "";
		const precision =
			cint((docfield && docfield.precision) || (frappe.boot.sysdefaults && frappe.boot.sysdefaults.float_precision)) ||
			2;
		// a number, or the digits a number card passes after shortening it ("94.4")
		const number = typeof value === "number" ? value : parseFloat(value);
		return frappe.form.formatters._right(isNaN(number) ? value : percent(number, precision), options);
	};
	const card = frappe.widget && frappe.widget.widget_factory && frappe.widget.widget_factory.number_card;
	if (!card) return;
	const set_formatted_number = card.prototype.set_formatted_number;
	card.prototype.set_formatted_number = function (df, doc) {
		if (df && df.fieldtype === "Percent" && typeof this.number === "number") {
			this.formatted_number = percent(this.number, cint(df.precision) || 1);
			return;
		}
		return set_formatted_number.call(this, df, doc);
	};
})();

// An action on a submitted record (a report received, an urging acknowledged) taken by someone who
// may not submit it: `frm.call({doc})` sends the form and Frappe then checks the right to submit
// (`Document.check_if_latest` on a submitted document), refusing the Standing Committee its own
// "Mark Received". The method is run on the record as stored instead; it checks its own rights.
(function () {
	if (!window.frappe) return;
	frappe.provide("soson_discipline");
	soson_discipline.run_method = function (frm, method, args, opts = {}) {
		return frappe.call({
			method: "run_doc_method",
			args: { dt: frm.doctype, dn: frm.docname, method, args: JSON.stringify(args || {}) },
			freeze: true,
			...opts,
		});
	};
})();

// A list's "Create …" button (a year's classifications of cadres, or of units): the server creates
// them at once, or in the background when there are many, and says which; `messages` gives the two
// alerts' texts (`queued(n)`, `created(n)`), translated where the list names what it creates.
(function () {
	if (!window.frappe) return;
	frappe.provide("soson_discipline");
	soson_discipline.create_from_list = function (listview, method, args, messages) {
		return frappe.call({
			method,
			args,
			freeze: true,
			callback(r) {
				const out = r.message || {};
				if (out.queued) {
					frappe.show_alert({ message: messages.queued(out.queued), indicator: "blue" });
				} else {
					frappe.show_alert({ message: messages.created(out.created || 0), indicator: "green" });
					listview.refresh();
				}
			},
		});
	};
})();

// An approved evaluation or classification shows its appeal (issue 29), and offers its cadre the
// Appeal button until the deadline (`evaluation.appeals.appeal_info`, worked out by the server).
(function () {
	if (!window.frappe) return;
	frappe.provide("soson_discipline");
	soson_discipline.show_appeal = function (frm) {
		const info = frm.doc.__onload && frm.doc.__onload.appeal;
		if (!info) return;
		if (info.can_appeal) {
			frm.add_custom_button(__("Appeal"), () =>
				frappe.new_doc("Evaluation Appeal", { [info.field]: frm.doc.name, cadre: frm.doc.cadre })
			);
			frm.dashboard.add_comment(
				__("You may appeal this result until {0}.", [frappe.datetime.str_to_user(info.deadline)]),
				"blue",
				true
			);
			return;
		}
		const link = `<a href="/app/evaluation-appeal/${encodeURIComponent(info.appeal)}">${frappe.utils.escape_html(info.appeal)}</a>`;
		const text =
			info.status === "Changed"
				? __("Changed on appeal {0}: level {1}.", [link, frappe.utils.escape_html(info.decided_level || "")])
				: __("Appeal {0}: {1}.", [link, __(info.status)]);
		frm.dashboard.add_comment(text, info.status === "Open" ? "orange" : "blue", true);
	};
})();

// A form's timeline in the user's language (issue 25): a value changed from or to nothing read "null"
// (the version stores None, and `frappe.utils.html2text` parses it as the text "null"), and a changed
// row named its field by the English label (`frappe.meta.get_label` returns the label untranslated,
// and the timeline's child-table line does not translate it).
(function () {
	if (!window.frappe || !frappe.utils || !frappe.meta) return;
	const html2text = frappe.utils.html2text;
	frappe.utils.html2text = function (html) {
		return html === null || html === undefined ? "" : html2text.call(this, html);
	};
	const get_label = frappe.meta.get_label;
	frappe.meta.get_label = function (dt, fn, dn) {
		const label = get_label.call(this, dt, fn, dn);
		const df = this.get_docfield(dt, fn, dn);
		return df && df.label && label === df.label ? __(df.label, null, df.parent || dt) : label;
	};
})();

// Quantities and converted figures as a Vietnamese reader expects them (issue 25): Frappe shows a
// Float with all the decimals of its precision, so 1.5 products read "1,500" (at a glance, one
// thousand five hundred). The app's figures are shown with the decimals they have ("1,5", "2,25", "3").
(function () {
	if (!window.frappe || !frappe.form || !frappe.form.formatters) return;
	frappe.provide("soson_discipline");
	soson_discipline.plain_number = function (value, max_decimals = 3) {
		const number = flt(value || 0, max_decimals);
		const decimals = Math.min((String(number).split(".")[1] || "").length, max_decimals);
		return format_number(number, null, decimals);
	};
	// only the app's own fields: another app's figures (an ERPNext rate, a quantity) keep Frappe's format
	const is_app_field = (df) =>
		Boolean(df && df.parent && (locals.DocType[df.parent] || {}).module === "Soson Discipline");
	const Float = frappe.form.formatters.Float;
	frappe.form.formatters.Float = function (value, docfield, options, doc) {
		const always = options && options.always_show_decimals;
		if (always || !is_app_field(docfield) || value === null || value === undefined || value === "" || (docfield && docfield.options)) {
			return Float.call(this, value, docfield, options, doc);
		}
		const number = typeof value === "number" ? value : parseFloat(value);
		if (isNaN(number)) return Float.call(this, value, docfield, options, doc);
		const precision =
			cint((docfield && docfield.precision) || (frappe.boot.sysdefaults && frappe.boot.sysdefaults.float_precision)) ||
			3;
		return frappe.form.formatters._right(soson_discipline.plain_number(number, precision), options);
	};
	// and the same in a Float's (or a Percent's) input box
	const control = frappe.ui && frappe.ui.form && frappe.ui.form.ControlFloat;
	if (!control) return;
	const format_for_input = control.prototype.format_for_input;
	control.prototype.format_for_input = function (value) {
		const plain =
			["Float", "Percent"].includes(this.df.fieldtype) &&
			!(this.df.options || "").trim() &&
			is_app_field(this.df);
		if (!plain || value === null || value === undefined || value === "" || isNaN(Number(value))) {
			return format_for_input.call(this, value);
		}
		return soson_discipline.plain_number(value, cint(this.get_precision()) || 3);
	};
})();
