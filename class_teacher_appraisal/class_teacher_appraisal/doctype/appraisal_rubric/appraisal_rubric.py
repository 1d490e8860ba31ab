# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt

from class_teacher_appraisal.adapters import parse_grades, to_criterion, to_rubric
from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.scoring import Kind
from class_teacher_appraisal.scoring.kinds import settings_errors
from class_teacher_appraisal.validation import COUNT, MONEY, PERCENT, POINTS, check_numbers, required

# Kinds that need a maximum of their own, an inspection item, incident types, levels.


class AppraisalRubric(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_exclusion_rule.appraisal_exclusion_rule import (
			AppraisalExclusionRule,
		)
		from class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_flag_rule.appraisal_flag_rule import (
			AppraisalFlagRule,
		)
		from class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_grade_band.appraisal_grade_band import (
			AppraisalGradeBand,
		)
		from class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_grade_maximum.appraisal_grade_maximum import (
			AppraisalGradeMaximum,
		)
		from class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_rubric_criterion.appraisal_rubric_criterion import (
			AppraisalRubricCriterion,
		)
		from class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_rubric_level.appraisal_rubric_level import (
			AppraisalRubricLevel,
		)
		from class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_rubric_rater_weight.appraisal_rubric_rater_weight import (
			AppraisalRubricRaterWeight,
		)
		from class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_rubric_section.appraisal_rubric_section import (
			AppraisalRubricSection,
		)
		from class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_veto_rule.appraisal_veto_rule import (
			AppraisalVetoRule,
		)

		allowance_per_pupil: DF.Currency
		base_allowance: DF.Currency
		criteria: DF.Table[AppraisalRubricCriterion]
		grade_maxima: DF.Table[AppraisalGradeMaximum]
		flag_rules: DF.Table[AppraisalFlagRule]
		grade_bands: DF.Table[AppraisalGradeBand]
		is_active: DF.Check
		levels: DF.Table[AppraisalRubricLevel]
		notes: DF.TextEditor | None
		period_type: DF.Literal["Week", "Month", "Term", "Year"]
		previous_version: DF.Link | None
		rater_weights: DF.Table[AppraisalRubricRaterWeight]
		rating_scale: DF.Float
		rubric_name: DF.Data
		sections: DF.Table[AppraisalRubricSection]
		source: DF.SmallText | None
		total_points: DF.Float
		version: DF.Int
		exclusion_rules: DF.Table[AppraisalExclusionRule]
		veto_rules: DF.Table[AppraisalVetoRule]

	# end: auto-generated types
	def validate(self):
		self.validate_numbers()
		self.validate_grades()  # before anything reads the criteria with their grades
		self.validate_not_in_use()
		self.validate_total()
		self.validate_sections()
		self.validate_criteria()
		self.validate_levels_and_raters()
		self.validate_grade_bands()
		self.validate_places()
		self.validate_veto_rules()

	def throw(self, message):
		frappe.throw(message, title=_("Invalid Rubric"))

	# What each number of a rubric may be (see class_teacher_appraisal.validation).
	NUMBER_BOUNDS = {
		"total_points": (0, POINTS),
		"rating_scale": (0, POINTS),
		"places_share": (0, PERCENT),
		"places_count": (0, COUNT),
		"honour_places": (0, COUNT),
		"base_allowance": (0, MONEY),
		"allowance_per_pupil": (0, MONEY),
		"sections.max_points": (0, POINTS),
		"sections.weight_percent": (0, PERCENT),
		"criteria.max_points": (0, POINTS),
		"criteria.unit_points": (0, POINTS),
		"criteria.cap": (0, POINTS),
		"criteria.quota": (0, POINTS),
		"grade_maxima.quota": (0, POINTS),
		"levels.points": (-POINTS, POINTS),
		"levels.weight": (0, PERCENT),
		"rater_weights.weight_percent": (0, PERCENT),
		"grade_bands.min_score": (0, POINTS),
		"grade_bands.allowance": (-MONEY, MONEY),
		"flag_rules.min_count": (1, COUNT),
	}

	def validate_numbers(self):
		"""Every number finite and within its bound, before anything reads them."""
		check_numbers(self, self.NUMBER_BOUNDS, title=_("Invalid Rubric"))

	def validate_not_in_use(self):
		"""A version that approved appraisals were scored with is frozen: edits go to a new version."""
		if self.is_new():
			return
		before = self.get_doc_before_save()
		if not before or self.scoring_rules(before) == self.scoring_rules(self):
			return
		used = frappe.db.count("Class Teacher Appraisal", {"rubric": self.name, "docstatus": 1})
		if used:
			frappe.throw(
				_(
					"Rubric {0} was used by {1} approved appraisals and cannot be changed. Use New Version to edit a copy."
				).format(self.name, used),
				title=_("Rubric in Use"),
			)

	@staticmethod
	def scoring_rules(doc) -> str:
		return repr(to_rubric(doc))

	def validate_total(self):
		if flt(self.total_points) <= 0:
			self.throw(_("The rubric's total points must be above 0."))

	def validate_sections(self):
		codes = [s.section_code for s in self.sections]
		duplicates = {c for c in codes if codes.count(c) > 1}
		if duplicates:
			self.throw(_("Part code {0} is used more than once.").format(text(", ".join(sorted(duplicates)))))
		weighted = [s for s in self.sections if flt(s.weight_percent)]
		if weighted:
			if len(weighted) != len(self.sections) or any(flt(s.max_points) <= 0 for s in self.sections):
				self.throw(_("When parts are weighted, every part needs a weight and a maximum."))
			if abs(sum(flt(s.weight_percent) for s in self.sections) - 100) > 0.001:
				self.throw(
					_("The parts' weights add up to {0}%, not 100%.").format(
						text(sum(flt(s.weight_percent) for s in self.sections))
					)
				)
		elif any(flt(s.max_points) for s in self.sections):
			total = sum(flt(s.max_points) for s in self.sections)
			if abs(total - flt(self.total_points)) > 0.001:
				self.throw(
					_("The parts' maximum points add up to {0}, but the rubric's total is {1}.").format(
						total, self.total_points
					)
				)

	def validate_criteria(self):
		sections = {s.section_code: s for s in self.sections}
		codes = [c.criterion_code for c in self.criteria]
		duplicates = {c for c in codes if codes.count(c) > 1}
		if duplicates:
			self.throw(
				_("Criterion code {0} is used more than once.").format(text(", ".join(sorted(duplicates))))
			)
		if not self.criteria:
			self.throw(_("Add at least one criterion."))
		for c in self.criteria:
			self.validate_criterion(c, sections)

	def validate_criterion(self, c, sections):
		label = _("Criterion {0} ({1})").format(text(c.criterion_code), text(c.criterion_title))
		for field in ("max_points", "unit_points", "cap"):
			if flt(c.get(field)) < 0:
				self.throw(_("{0}: points cannot be negative.").format(label))
		if c.section_code and sections and c.section_code not in sections:
			self.throw(_("{0}: part {1} is not in this rubric.").format(label, text(c.section_code)))
		section = sections.get(c.section_code)
		if section and flt(section.max_points) and flt(c.max_points) > flt(section.max_points):
			self.throw(
				_("{0}: its maximum {1} is above its part's maximum {2}.").format(
					label, c.max_points, section.max_points
				)
			)
		# what a criterion of its kind must set: one table for every kind (scoring/kinds.py)
		errors = settings_errors(to_criterion(c))
		if errors:
			self.throw(_("{0}: {1}.").format(label, errors[0].render(_, escape=text)))

	def validate_levels_and_raters(self):
		kinds = {c.criterion_code: c.rule_kind for c in self.criteria}
		for row in self.levels:
			if row.criterion_code not in kinds:
				self.throw(
					_("Level row {0}: criterion {1} is not in this rubric.").format(
						row.idx, text(row.criterion_code)
					)
				)
		for c in self.criteria:
			levels = [r for r in self.levels if r.criterion_code == c.criterion_code]
			if c.rule_kind in (Kind.LEVEL_POINTS, Kind.ACHIEVEMENTS) and not levels:
				self.throw(
					_("Criterion {0}: add its levels in the table Level Points and Weights.").format(
						text(c.criterion_code)
					)
				)
			if c.rule_kind == Kind.ACHIEVEMENTS and any(flt(r.weight) <= 0 for r in levels):
				self.throw(
					_("Criterion {0}: every achievement level needs a weight above 0.").format(
						text(c.criterion_code)
					)
				)
		for c in self.criteria:
			if c.rule_kind == Kind.QUOTA:
				self.validate_quota(c, [r for r in self.levels if r.criterion_code == c.criterion_code])
		for row in self.rater_weights:
			if kinds.get(row.criterion_code) != Kind.RATING:
				self.throw(
					_("Rater weight row {0}: {1} is not a Weighted Rating criterion of this rubric.").format(
						row.idx, text(row.criterion_code)
					)
				)
		for c in self.criteria:
			if c.rule_kind != Kind.RATING:
				continue
			weights = [
				flt(r.weight_percent) for r in self.rater_weights if r.criterion_code == c.criterion_code
			]
			if abs(sum(weights) - 100) > 0.001:
				self.throw(
					_("Criterion {0}: the rater groups' weights add up to {1}%, not 100%.").format(
						text(c.criterion_code), text(sum(weights))
					)
				)

	def validate_quota(self, c, levels):
		"""A quota in hours counts an activity kind whose records have hours; a minimum level is one
		of the criterion's ranked levels."""
		measure = frappe.db.get_value("Activity Kind", c.activity_kind, "measure")
		if c.quota_measure == "Hours" and measure != "Hours":
			self.throw(
				_("Criterion {0}: activity kind {1} is counted, not measured in hours.").format(
					text(c.criterion_code), text(c.activity_kind)
				)
			)
		if (c.min_level or "").strip() and (c.min_level or "").strip() not in {r.level for r in levels}:
			self.throw(
				_(
					"Criterion {0}: rank its levels in the table Level Points and Weights (the higher the weight, the higher the level), {1} among them."
				).format(text(c.criterion_code), text(c.min_level))
			)

	def validate_grade_bands(self):
		grades = [b.grade for b in self.grade_bands]
		if len(set(grades)) != len(grades):
			self.throw(_("Each grade can be listed only once."))
		for band in self.grade_bands:
			if flt(band.min_score) > flt(self.total_points):
				self.throw(
					_("Grade {0} starts at {1}, above the rubric's total {2}.").format(
						text(band.grade), band.min_score, self.total_points
					)
				)

	def validate_places(self):
		"""Limited places, honours and consequences name grades of the rubric's own bands."""
		grades = {b.grade for b in self.grade_bands if b.grade}
		named = text(", ".join(sorted(grades)) or "—")
		for field in ("places_grade", "grade_beyond_places"):
			self.set(field, (self.get(field) or "").strip() or None)
		if self.places_grade:
			for field in ("places_grade", "grade_beyond_places"):
				if self.get(field) not in grades:
					self.throw(
						_("{0}: {1} is not one of the grade bands ({2}).").format(
							_(self.meta.get_label(field)), text(self.get(field) or "—"), named
						)
					)
			if self.places_grade == self.grade_beyond_places:
				self.throw(_("The grade beyond the places must differ from the grade with limited places."))
			if not (flt(self.places_share) or cint(self.places_count)):
				self.throw(
					_("Grade {0} has limited places: enter their share or their number.").format(
						text(self.places_grade)
					)
				)
		if (self.honour_title or "").strip() and not cint(self.honour_places):
			self.throw(_("Say how many teachers the honour {0} goes to.").format(text(self.honour_title)))
		for row in self.get("consequence_rules"):
			if row.grade not in grades:
				self.throw(
					_("Consequences, row {0}: {1} is not one of the grade bands ({2}).").format(
						row.idx, text(row.grade), named
					)
				)

	def validate_grades(self):
		"""Which grades a criterion applies to, and its own maxima for some of them."""
		codes = {c.criterion_code: c for c in self.criteria}
		for c in self.criteria:
			try:
				parse_grades(c.grade_levels)
			except ValueError:
				self.throw(
					_(
						"Criterion {0}: grades are written like 3-6 or 1, 2, 7-9 (grades 1 to 12), not {1}."
					).format(text(c.criterion_code), text(c.grade_levels))
				)
		sections = {s.section_code: s for s in self.sections}
		for row in self.get("grade_maxima"):
			c = codes.get(row.criterion_code)
			if c is None:
				self.throw(
					_("Maxima by grade, row {0}: criterion {1} is not in this rubric.").format(
						row.idx, text(row.criterion_code)
					)
				)
			try:
				grades = parse_grades(row.grade_levels)
			except ValueError:
				grades = frozenset()
			if not grades:
				self.throw(
					_(
						"Maxima by grade, row {0}: grades are written like 9 or 7-9 (grades 1 to 12), not {1}."
					).format(row.idx, text(row.grade_levels))
				)
			if flt(row.get("quota")) and c.rule_kind != Kind.QUOTA:
				self.throw(
					_("Maxima by grade, row {0}: only a Quota criterion has a quota, not {1}.").format(
						row.idx, text(row.criterion_code)
					)
				)
			section = sections.get(c.section_code)
			if section and flt(section.max_points) and flt(row.max_points) > flt(section.max_points):
				self.throw(
					_("Maxima by grade, row {0}: {1} is above the part's maximum {2}.").format(
						row.idx, row.max_points, section.max_points
					)
				)

	def validate_veto_rules(self):
		"""Vetoes and honours exclusions are recorded on an appraisal by their codes: one code, one rule."""
		codes = [v.rule_code for v in self.veto_rules] + [e.rule_code for e in self.get("exclusion_rules")]
		if len(set(codes)) != len(codes):
			self.throw(_("Each veto or exclusion rule code can be used only once."))
		for v in self.veto_rules:
			v.effect = v.effect or "Lowest Grade"


@frappe.whitelist(methods=["POST"])
def make_new_version(rubric: str | None = None) -> str:
	"""Copies a rubric into its next version (the old one stays, inactive, for the appraisals that used it)."""
	frappe.has_permission("Appraisal Rubric", "create", throw=True)
	required(rubric, _("Appraisal Rubric"))
	source = frappe.get_doc("Appraisal Rubric", rubric)
	source.check_permission("write")
	latest = (
		frappe.get_all(
			"Appraisal Rubric",
			filters={"rubric_name": source.rubric_name},
			pluck="version",
			order_by="version desc",
			limit=1,
		)
		or [source.version]
	)[0]
	copy = frappe.copy_doc(source)
	copy.version = int(latest) + 1
	copy.previous_version = source.name
	copy.is_active = 1
	copy.insert()
	source.db_set("is_active", 0)
	return copy.name
