# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""What the Quota Progress and Studio Progress reports share: one row per quota of a rubric for
one class (or member), scored by the same rule the appraisal or assessment line is (rules.quota),
the progress columns and the met / not met summary."""

from frappe import _

from class_teacher_appraisal import adapters
from class_teacher_appraisal.reports import column, number
from class_teacher_appraisal.scoring import ClassEvidence, Kind
from class_teacher_appraisal.scoring.rules import Context, quota, quota_progress


def quota_rows(rubric, ev: ClassEvidence, criteria) -> list[dict]:
	"""The progress of each quota among `criteria` in `ev`: done, missing, points so far and the
	confirmed records behind the count (and the studio's own activities, for a studio's quota)."""
	rows = []
	ctx = Context(rubric=rubric, items={}, evidence=ev, flags={}, top_flags={})
	for c in criteria:
		if c.kind != Kind.QUOTA:
			continue
		found = quota_progress(c, ev)
		outcome = quota(c, ctx)
		done, target = number(found["done"]), number(found["quota"])
		rows.append(
			{
				"criterion": f"{c.code} {c.title}",
				"activity_kind": c.activity_kind,
				"scope": _(c.quota_scope) if c.quota_scope else "",
				"min_level": c.min_level,
				"done": done,
				"quota": target,
				"unit": _("hours") if c.quota_measure == "Hours" else _("times"),
				"missing": number(found["missing"]),
				"progress": round(min(done / target, 1) * 100, 1) if target else 100.0,
				"points": number(outcome.points),
				"max_points": number(c.max_points),
				"explanation": adapters.render(outcome.explanation),
				"records": ", ".join(found["activities"]),
				"record_names": found["activities"],
				"studio_records": ", ".join(found["studio_activities"]),
				"studio_record_names": found["studio_activities"],
			}
		)
	return rows


def progress_columns(records_width: int = 220) -> list[dict]:
	"""The columns after the report's own (class and teacher, or studio and member)."""
	return [
		column(_("Criterion"), "criterion", "Data", 170),
		column(_("Activity Kind"), "activity_kind", "Link", 100, options="Activity Kind"),
		column(_("Activities Of"), "scope", "Data", 80),
		column(_("Minimum Level"), "min_level", "Data", 90),
		column(_("Done"), "done", "Float", 70, precision=1),
		column(_("Quota"), "quota", "Float", 70, precision=1),
		column(_("Counted In"), "unit", "Data", 70),
		column(_("Missing"), "missing", "Float", 70, precision=1),
		column(_("Progress"), "progress", "Percent", 80),
		column(_("Points"), "points", "Float", 70, precision=2),
		column(_("Maximum Points"), "max_points", "Float", 70, precision=2),
		column(_("How the points were found"), "explanation", "Data", 260),
		column(_("Confirmed Records"), "records", "Data", records_width),
	]


def only_missing(rows: list[dict], filters) -> list[dict]:
	return [r for r in rows if r["missing"] > 0] if filters.get("only_missing") else rows


def summary(rows: list[dict]) -> list[dict]:
	if not rows:
		return []
	met = sum(1 for r in rows if r["missing"] <= 0)
	return [
		{"label": _("Quotas"), "value": len(rows), "datatype": "Int"},
		{"label": _("Met"), "value": met, "datatype": "Int", "indicator": "Green"},
		{
			"label": _("Not Met Yet"),
			"value": len(rows) - met,
			"datatype": "Int",
			"indicator": "Red" if len(rows) > met else "Green",
		},
	]
