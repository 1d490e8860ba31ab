# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

from frappe.model.document import Document


class ActivityKind(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		activity_kind_name: DF.Data
		description: DF.SmallText | None
		measure: DF.Literal["Count", "Hours"]
	# end: auto-generated types
	pass
