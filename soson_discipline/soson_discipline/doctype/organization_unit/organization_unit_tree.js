frappe.treeview_settings["Organization Unit"] = {
	breadcrumb: __("Soson Discipline"),
	title: __("Organization Units"),
	get_tree_nodes: "soson_discipline.soson_discipline.doctype.organization_unit.organization_unit.get_children",
	add_tree_node: "soson_discipline.soson_discipline.doctype.organization_unit.organization_unit.add_node",
	fields: [
		{ fieldtype: "Data", fieldname: "unit_name", label: __("Unit Name"), reqd: true },
		{ fieldtype: "Data", fieldname: "abbreviation", label: __("Abbreviation"), reqd: true },
		{
			fieldtype: "Select",
			fieldname: "unit_kind",
			label: __("Unit Kind"),
			reqd: true,
			options: [
				"Party Committee", "Party Board", "Party Office", "Inspection Committee",
				"People's Committee", "People's Council", "Fatherland Front", "Mass Organisation",
				"Specialised Department", "Public Service Unit", "Commune/Ward", "Other",
			].map((value) => ({ value, label: __(value) })),
		},
		{ fieldtype: "Check", fieldname: "is_group", label: __("Is Group"), default: 1 },
	],
	ignore_fields: ["parent_organization_unit"],
	onrender(node) {
		if (node.data && node.data.valid_to) {
			$(node.parent).find(".tree-label").first().addClass("text-muted");
		}
	},
};
