# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

from frappe.model.document import Document


class AppraisalRubricCriterion(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		activity_kind: DF.Link | None
		aggregate: DF.Literal["Sum", "Average"]
		cap: DF.Float
		compare_within: DF.Literal["School", "Grade Level"]
		criterion_code: DF.Data
		criterion_title: DF.Data
		description: DF.SmallText | None
		evidence_method: DF.SmallText | None
		formula: DF.Code | None
		grade_levels: DF.Data | None
		incident_types: DF.SmallText | None
		inspection_item: DF.Link | None
		max_points: DF.Float
		min_level: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		quota: DF.Float
		quota_measure: DF.Literal["Count", "Hours"]
		quota_mode: DF.Literal["In Proportion", "All or Nothing", "Deduct per Missing"]
		quota_scope: DF.Literal["Class", "Person"]
		rule_kind: DF.Literal[
			"Manual Points",
			"Deduction per Incident",
			"Bonus per Event",
			"Level Points",
			"Inspection Score",
			"Red Flag Share",
			"Weighted Rating",
			"Level-Weighted Achievements",
			"Period Roll-up",
			"Formula",
			"Quota",
		]
		section_code: DF.Data | None
		set_by_school: DF.Check
		source_period_type: DF.Literal["", "Week", "Month", "Term"]
		unit_points: DF.Float
		zero_incident_types: DF.SmallText | None
	# end: auto-generated types
	pass
