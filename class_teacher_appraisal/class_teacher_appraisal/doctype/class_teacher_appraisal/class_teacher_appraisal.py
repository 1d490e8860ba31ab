# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import escape_html

from class_teacher_appraisal import (
	adapters,
	appraisals,
	class_teachers,
	evidence,
	notifications,
	parts,
	results,
	scored_lines,
	standings,
)
from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import (
	APPROVED,
	DRAFT,
	OFFICE,
	OFFICE_REVIEW,
	PRINCIPAL,
	PRINCIPAL_APPROVAL,
)
from class_teacher_appraisal.permissions import check_attachments, is_about
from class_teacher_appraisal.scoring import (
	Achievement,
	ClassEvidence,
	D,
	Kind,
	ManualInput,
	VetoCase,
	rescore_class,
)
from class_teacher_appraisal.studios.charters import check_for_class_teachers
from class_teacher_appraisal.validation import check_appraisal_numbers


class ClassTeacherAppraisal(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_achievement.appraisal_achievement import (
			AppraisalAchievement,
		)
		from class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_veto_case.appraisal_veto_case import (
			AppraisalVetoCase,
		)
		from class_teacher_appraisal.class_teacher_appraisal.doctype.class_teacher_appraisal_line.class_teacher_appraisal_line import (
			ClassTeacherAppraisalLine,
		)
		from class_teacher_appraisal.class_teacher_appraisal.doctype.class_teacher_appraisal_section.class_teacher_appraisal_section import (
			ClassTeacherAppraisalSection,
		)

		achievements: DF.Table[AppraisalAchievement]
		allowance: DF.Currency
		allowance_note: DF.SmallText | None
		amended_from: DF.Link | None
		appraisal_period: DF.Link
		class_name: DF.Data | None
		class_record: DF.Link
		class_teacher: DF.Link | None
		computed_on: DF.Datetime | None
		days_in_period: DF.Int
		days_served: DF.Int
		excluded_from_honours: DF.Check
		exclusion_reason: DF.SmallText | None
		grade: DF.Data | None
		grade_level: DF.Int
		lines: DF.Table[ClassTeacherAppraisalLine]
		period_type: DF.Data | None
		rank: DF.Int
		rank_out_of: DF.Int
		red_flags: DF.Float
		rubric: DF.Link | None
		sections: DF.Table[ClassTeacherAppraisalSection]
		served_from: DF.Date | None
		served_to: DF.Date | None
		title: DF.Data | None
		total_score: DF.Float
		veto_cases: DF.Table[AppraisalVetoCase]
		veto_reason: DF.SmallText | None
		vetoed: DF.Check
		workflow_state: DF.Link | None

	# end: auto-generated types
	def validate(self):
		check_appraisal_numbers(self)  # before anything reads a number the request sent
		check_attachments(self)
		if self.is_new():
			self.take_server_values()
			self.validate_new_inputs()
		else:
			self.keep_stored_values()
			self.validate_editor()
			self.validate_changed_inputs()
		self.validate_unique()  # by the teacher the server decided
		self.set_title()
		self.validate_inputs()
		if not self.flags.skip_rescore and not self.is_new():
			self.rescore()
			self.confirm_parts()
			standings.allot(self.appraisal_period, current=self)
		self.set_pending_questions()
		self.validate_transition()

	def after_insert(self):
		"""A new appraisal (made in the Desk, amended, or an appeal's revision) is scored from the
		evidence like the period's others; generation scores its batch itself."""
		if not self.flags.skip_rescore:
			appraisals.recompute(self.appraisal_period)
			self.reload()
			self.flags.skip_rescore = True  # on_update below must not rescore the reloaded values

	# -------------------------------------------------- what the server decides, not the client

	def take_server_values(self):
		"""On insert: the teacher comes from the class and the rubric from the period, as stored;
		everything scoring decides starts empty (after_insert scores it), and the office's hand
		inputs are kept by criterion."""
		self.rubric = frappe.db.get_value("Appraisal Period", self.appraisal_period, "rubric")
		check_for_class_teachers(self.rubric)
		for field in results.COMPUTED_FIELDS:
			self.set(field, None)
		self.take_teacher_and_days()
		self.set("sections", [])
		self.set("part_confirmations", [])
		for row in self.lines:
			for field in results.LINE_COMPUTED_FIELDS:
				row.set(field, None)
		self.set("veto_cases", [row for row in self.veto_cases if not row.automatic])

	def take_teacher_and_days(self):
		"""The teacher is one who was on post in the period, as the class's dated assignments say:
		the one asked for (generation makes one appraisal per teacher), else the class teacher of
		today, else the last to serve in the period; with the days they served."""
		cls = (
			frappe.db.get_value("Class Record", self.class_record, ["name", "class_teacher"], as_dict=True)
			or frappe._dict()
		)
		period = frappe.db.get_value(
			"Appraisal Period", self.appraisal_period, ["name", "start_date", "end_date"], as_dict=True
		)
		served = class_teachers.stints_of(period, [cls])[cls.name] if cls and period else []
		by_teacher = {s.teacher: s for s in served if s.teacher}
		stint = by_teacher.get(self.class_teacher) or by_teacher.get(cls.class_teacher)
		if stint is None and served:
			stint = served[-1]
		self.class_teacher = (stint.teacher if stint else cls.class_teacher) or None
		values = class_teachers.stint_fields(stint) if stint else {}
		for field in results.TENURE_FIELDS:
			self.set(field, values.get(field))

	def keep_stored_values(self):
		"""On save: what identifies the appraisal cannot change, and what scoring computed is taken
		from the database (then rescored), never from the request."""
		before = scored_lines.keep_stored_values(
			self,
			("appraisal_period", "class_record", "class_teacher", "rubric", "amended_from"),
			results.COMPUTED_FIELDS + results.FETCHED_FIELDS + results.TENURE_FIELDS,
			_("The {0} of an appraisal cannot be changed."),
			_("The lines of an appraisal come from its rubric; they cannot be added or removed."),
		)
		self.set("part_confirmations", [row.as_dict() for row in before.part_confirmations])
		# vetoes found in the incidents stay as found; the office only confirms them
		found = {(row.rule_code, row.reason) for row in before.veto_cases if row.automatic}
		kept = {(row.rule_code, row.reason) for row in self.veto_cases if row.automatic}
		if kept != found:
			frappe.throw(
				_("Vetoes found in the incidents cannot be changed or removed; confirm them instead."),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)

	def validate_new_inputs(self):
		"""A new appraisal made by hand (in the Desk, over REST, an appeal's revision) is never about
		the one who makes it, and the hand inputs it brings pass the same checks as on a save.
		Generation makes every class's draft, the office's own class's too, with no inputs."""
		if self.flags.skip_rescore:  # set by generation, on the server only
			return
		if is_about(frappe.session.user, self.class_teacher, self.class_record):
			frappe.throw(
				_("You cannot create an appraisal of your own class."),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)
		blank = frappe._dict(
			lines=[frappe._dict(criterion_code=row.criterion_code) for row in self.lines],
			achievements=[],
			veto_cases=[row for row in self.veto_cases if row.automatic],
			return_reason=None,
		)
		self.validate_changed_inputs(blank)

	def validate_changed_inputs(self, before=None):
		"""Hand-scored points, adjustments, achievements and veto cases are the office's to enter,
		except in a part that names its own office (only that role enters it); a return reason is
		the office's or the principal's (who return the appraisal)."""
		before = before or self.get_doc_before_save()
		roles = set(frappe.get_roles())
		office = frappe.session.user == "Administrator" or bool({OFFICE, "System Manager"} & roles)
		changed = results.changed_inputs(before, self)
		owned = parts.owned_parts(frappe.get_cached_doc("Appraisal Rubric", self.rubric))
		in_parts = results.changed_criteria(before, self)
		section_of = {row.criterion_code: row.section_code for row in self.lines}
		for code in sorted(in_parts):
			part = owned.get(section_of.get(code))
			if part is not None and not parts.may_enter(part):
				frappe.throw(
					_("Part {0} is entered and confirmed by {1}.").format(
						text(part.section_code), _(part.owner_role)
					),
					title=_("Not Allowed"),
					exc=frappe.PermissionError,
				)
		if in_parts and all(section_of.get(code) in owned for code in in_parts):
			changed -= {"lines", "achievements"}  # each changed line is in a part the user enters
		if changed - {"return_reason"} and not office:
			frappe.throw(
				_(
					"Only the Academic Office enters hand-scored points, adjustments, achievements and vetoes."
				),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)
		if "return_reason" in changed and not (office or PRINCIPAL in roles):
			frappe.throw(
				_("Only the Academic Office or the Principal returns an appraisal."),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)

	def rescore(self):
		"""Re-applies the office's hand-entered points, adjustments, achievements and veto cases to
		one appraisal's computed lines (on save), without reading the period's evidence again."""
		rubric = adapters.to_rubric(frappe.get_cached_doc("Appraisal Rubric", self.rubric))
		pupils, rank = frappe.db.get_value(
			"Class Record", self.class_record, ["pupil_count", "teacher_rank"]
		) or (0, "")
		local = ClassEvidence(
			class_id=self.class_record,
			grade_level=self.grade_level or 0,
			pupils=pupils or 0,
			teacher_rank=self.teacher_rank or rank or "",  # the teacher's on the assignment, else the class's
			days_on_post=self.days_served or 0,
			days_in_period=self.days_in_period or 0,
		)
		computed = {}
		for row in self.lines:
			manual = evidence.entered_points(row)
			if manual is not None or row.adjustment:
				local.manual[row.criterion_code] = ManualInput(
					manual, D(row.adjustment), row.adjustment_reason or ""
				)
			details = adapters.load_json(row.evidence)
			messages = adapters.messages_from_json(details.pop("messages", []))
			messages = [
				m for m in messages if m.template not in ("adjusted by {0}: {1}", "kept within {0} … {1}")
			]
			computed[row.criterion_code] = (D(row.computed_points), messages, details)
		for a in self.achievements:
			local.achievements.setdefault(a.criterion_code, []).append(
				Achievement(a.title, a.level, D(a.base_points))
			)
		# cases found in the incidents come in as they stand; those the office dismissed do not veto
		local.vetoes = [VetoCase(v.rule_code, v.reason or "") for v in self.veto_cases if not v.dismissed]
		result = rescore_class(rubric, local, computed)
		by_code = {ln.code: ln for ln in result.lines}
		for row in self.lines:
			ln = by_code.get(row.criterion_code)
			if ln is None:
				continue
			row.update(results.computed_values(ln))
		sections = [results.section_values(s) for s in result.sections]
		if [row.section_code for row in self.sections] == [s["section_code"] for s in sections]:
			for row, values in zip(self.sections, sections, strict=True):
				row.update(values)  # in place: the history shows changed points, not replaced rows
		else:
			self.set("sections", sections)
		self.update(results.summary_fields(result))

	def on_update(self):
		if not self.flags.skip_rescore:
			appraisals.refresh_ranks(self.appraisal_period, current=self)
			self.db_set({"rank": self.rank, "rank_out_of": self.rank_out_of}, update_modified=False)
		self.notify_state_change()  # Frappe runs on_update on submit too

	# Read-only (nothing is saved, whatever the request): GET stays allowed; the Desk posts it,
	# as the unsaved form travels in the request's body.
	@frappe.whitelist(methods=["GET", "POST"])
	@frappe.read_only()
	def preview_scores(self) -> dict:
		"""Scores the form's unsaved input so that the Desk shows live subtotals and the total
		while the office types; nothing is saved (the framework checked read permission).
		Out-of-range input is kept within its line here and refused with a message on save."""
		if self.is_new() or not frappe.db.exists(self.doctype, self.name):
			frappe.throw(_("Save the appraisal first; it is scored from the evidence."))
		check_appraisal_numbers(self)
		self._doc_before_save = frappe.get_doc(self.doctype, self.name)
		self.keep_stored_values()
		self.rescore()
		self.set_pending_questions()
		return {
			"lines": {row.name: {"points": row.points, "needs_input": row.needs_input} for row in self.lines},
			"sections": [s.as_dict(no_default_fields=True) for s in self.sections],
			"summary": {
				f: self.get(f)
				for f in (
					"total_score",
					"grade",
					"vetoed",
					"veto_reason",
					"allowance",
					"allowance_note",
					"pending_questions",
				)
			},
		}

	def on_submit(self):
		self.db_set("approved_on", frappe.utils.now_datetime(), update_modified=False)
		standings.record_consequences(self)

	def on_cancel(self):
		standings.remove_consequences(self)

	def set_pending_questions(self):
		self.pending_questions = results.pending_questions(
			(row.needs_input for row in self.lines),
			((row.automatic, row.confirmed or row.dismissed) for row in self.veto_cases),
		) + len(self.unconfirmed_parts())

	def unconfirmed_parts(self) -> list[str]:
		owned = parts.owned_parts(frappe.get_cached_doc("Appraisal Rubric", self.rubric))
		return parts.unconfirmed(owned, self.sections, self.part_confirmations)

	def confirm_parts(self):
		"""A part's office confirms its part (parts.save_part): every line of it scored, the points
		it has now recorded with who confirmed them."""
		code = self.flags.confirm_part
		if not code:
			return
		owned = parts.owned_parts(frappe.get_cached_doc("Appraisal Rubric", self.rubric))
		if code not in owned or not parts.may_enter(owned[code]):
			frappe.throw(_("You cannot confirm part {0}.").format(text(code)), exc=frappe.PermissionError)
		missing = [row.criterion_code for row in self.lines if row.section_code == code and row.needs_input]
		if missing:
			self.throw(
				_("{0}: enter every line of part {1} before confirming it ({2}).").format(
					text(self.class_name), text(code), text(", ".join(missing))
				)
			)
		parts.confirm(self, [code], owned)

	def previous_state(self):
		before = self.get_doc_before_save()
		return before.workflow_state if before else None

	def validate_editor(self):
		"""Frappe applies a workflow state's "only this role edits" in the form alone; here it holds
		for the REST API too (the office, which supervises, may always correct). Moving to another
		state is checked by the workflow itself."""
		previous = self.previous_state()
		if self.is_new() or not previous or previous != self.workflow_state:
			return
		if self.flags.part_entry:  # a part's office, checked by parts.save_part and above
			return
		from frappe.model.workflow import get_workflow_name

		workflow = get_workflow_name(self.doctype)
		if not workflow:
			return
		state = next(
			(s for s in frappe.get_cached_doc("Workflow", workflow).states if s.state == previous), None
		)
		roles = set(frappe.get_roles())
		if state and state.allow_edit and not ({state.allow_edit, OFFICE, "System Manager"} & roles):
			frappe.throw(
				_("While the appraisal is {0}, only {1} can change it.").format(
					_(previous), _(state.allow_edit)
				),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)

	def validate_transition(self):
		previous, state = self.previous_state(), self.workflow_state
		if not previous or previous == state:
			return
		if state == DRAFT and previous in (OFFICE_REVIEW, PRINCIPAL_APPROVAL):
			if not (self.return_reason or "").strip():
				frappe.throw(
					_("Say why the appraisal is returned."),
					title=_("Reason Required"),
					exc=frappe.MandatoryError,
				)
			# the timeline shows a comment as HTML: the typed reason goes in as text
			self.add_comment("Workflow", _("Returned: {0}").format(escape_html(self.return_reason)))
		elif state == OFFICE_REVIEW:
			self.return_reason = None
		if state in (PRINCIPAL_APPROVAL, APPROVED) and (waiting := self.unconfirmed_parts()):
			frappe.throw(
				_("Parts {0} are not confirmed by their offices with the points they have now.").format(
					text(", ".join(waiting))
				),
				title=_("Parts Not Confirmed"),
			)
		if state == APPROVED and frappe.session.user == self.class_teacher:
			frappe.throw(
				_("You cannot approve your own appraisal; another principal must approve it."),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)

	def notify_state_change(self):
		previous = self.previous_state()
		if previous != self.workflow_state:
			notifications.state_changed(self, previous)

	def throw(self, message):
		frappe.throw(message, title=_("Invalid Appraisal"))

	def validate_unique(self):
		other = frappe.db.get_value(
			"Class Teacher Appraisal",
			{
				"appraisal_period": self.appraisal_period,
				"class_record": self.class_record,
				"class_teacher": self.class_teacher or ["is", "not set"],
				"docstatus": ["<", 2],
				"name": ["!=", self.name or ""],
			},
			"name",
		)
		if other:
			frappe.throw(
				_("{0} already has an appraisal of {1} for {2}: {3}.").format(
					text(self.class_record),
					text(self.teacher_name or self.class_teacher or "—"),
					text(self.appraisal_period),
					text(other),
				),
				title=_("Duplicate Appraisal"),
				exc=frappe.DuplicateEntryError,
			)

	def set_title(self):
		class_name = self.class_name or frappe.db.get_value("Class Record", self.class_record, "class_name")
		self.title = f"{class_name} · {self.appraisal_period}"
		if not self.rubric:
			self.rubric = frappe.db.get_value("Appraisal Period", self.appraisal_period, "rubric")

	def validate_inputs(self):
		"""Every number is finite and within a sane bound; hand-entered points stay within the line;
		every adjustment says why."""
		check_appraisal_numbers(self)
		rubric = frappe.get_cached_doc("Appraisal Rubric", self.rubric)
		criteria = {c.criterion_code: c for c in rubric.criteria}
		for row in self.lines:
			label = f"{row.criterion_code} {row.criterion_title or ''}".strip()
			scored_lines.check_line_inputs(row, label, row.rule_kind, row.max_points, self.throw)
		for row in self.achievements:
			c = criteria.get(row.criterion_code)
			if not c or c.rule_kind != Kind.ACHIEVEMENTS:
				self.throw(
					_("Achievement row {0}: {1} is not an achievements criterion of the rubric.").format(
						row.idx, text(row.criterion_code)
					)
				)
			levels = {lv.level for lv in rubric.levels if lv.criterion_code == row.criterion_code}
			if row.level not in levels:
				self.throw(
					_("Achievement row {0}: level {1} is not one of {2}.").format(
						row.idx, text(row.level), text(", ".join(sorted(levels)))
					)
				)
		rules = {v.rule_code for v in rubric.veto_rules} | {
			e.rule_code for e in rubric.get("exclusion_rules")
		}
		for row in self.veto_cases:
			if row.rule_code not in rules:
				self.throw(
					_("Veto row {0}: rule {1} is not in the rubric ({2}).").format(
						row.idx, text(row.rule_code), text(", ".join(sorted(rules)) or "—")
					)
				)
			if row.dismissed and not row.automatic:
				self.throw(
					_(
						"Veto row {0}: only a veto found in the incidents is dismissed; remove a case entered by hand."
					).format(row.idx)
				)
			if row.dismissed and not (row.dismissal_reason or "").strip():
				self.throw(_("Veto row {0}: say why the veto is dismissed.").format(row.idx))
			if row.dismissed and row.confirmed:
				self.throw(
					_("Veto row {0}: a veto is either confirmed or dismissed, not both.").format(row.idx)
				)
