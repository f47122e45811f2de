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
