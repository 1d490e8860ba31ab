# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""A studio member's request to leave (seed 004): the member asks, the studio's Host approves or
rejects with a reason, then the school's leadership; the final approval ends the membership. The
steps are checked in studios.exits, who may read and act in permissions.exit_request_permission."""

from frappe.model.document import Document

from class_teacher_appraisal.names import EXIT_APPROVED
from class_teacher_appraisal.studios.exits import check_request, end_membership


class StudioExitRequest(Document):
	def validate(self):
		check_request(self)

	def on_submit(self):
		if self.workflow_state == EXIT_APPROVED:
			end_membership(self)
