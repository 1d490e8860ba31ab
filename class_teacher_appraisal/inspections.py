"""Set-based writing of submitted inspections (demo data, and inspection rounds that have
already been validated row by row): one bulk insert for the inspections and one for their
incidents, with the derived fields the controller would set."""

import frappe
from frappe.utils import now_datetime

from class_teacher_appraisal.inspection_rules import derived_fields

INSPECTION_FIELDS = (
	"inspection_date", "class_record", "inspection_item", "inspector", "score", "level", "deduction",
	"is_spot_check", "revokes_flag", "class_name", "grade_level", "class_teacher", "scoring_method",
	"week_start", "remarks", "dedupe_key", "inspection_round", "grade_name", "teacher_name", "school",
)  # fmt: skip
INCIDENT_FIELDS = ("incident_type", "count", "deduction", "reason")


# Frappe numbers every "format:XYZ-{YYYY}-{#####}" autoname (Inspection, Appraisal Rating …) from
# one shared counter, the Series row named "" (each braced part is parsed alone, with no prefix).
# Bulk names come from that counter too, or a form's next name would collide with them.
FORMAT_SERIES = ""


def reserve_names(prefix: str, count: int, digits: int = 5) -> list[str]:
	"""Takes `count` numbers of the counter a "format:{prefix}{#####}" autoname uses, in one update
	(as `make_autoname` would, one by one), and returns the names."""
	current = lock_name_counter()
	# nosemgrep: frappe-using-db-sql — one update for the whole batch
	frappe.db.sql("update `tabSeries` set current=%s where name=%s", (current + count, FORMAT_SERIES))
	return [f"{prefix}{n:0{digits}d}" for n in range(current + 1, current + count + 1)]


def lock_name_counter() -> int:
	"""Locks the shared name counter's row and returns its value, as Frappe's naming does
	(`frappe.model.naming.getseries`: SELECT … FOR UPDATE first, the row made only if missing).

	Found by the load test (scripts/loadtest): reading the row with `insert ignore` first takes a
	shared lock, and two transactions holding it both waited for the exclusive one (a deadlock of
	two rounds submitted at once). A round's submit also takes the lock before the save locks the
	round's rows (InspectionRound.submit), in the order an insert takes them (named first, then its
	rows): otherwise a round being submitted and one being inserted wait on each other."""
	# nosemgrep: frappe-using-db-sql — row lock on the counter (FOR UPDATE), released at commit
	found = frappe.db.sql("select current from `tabSeries` where name=%s for update", FORMAT_SERIES)
	if found:
		return found[0][0] or 0
	# nosemgrep: frappe-using-db-sql — a new site's first name, as getseries makes the row
	frappe.db.sql("insert into `tabSeries` (name, current) values (%s, 0)", FORMAT_SERIES)
	return 0


def insert_submitted(rows: list[dict]) -> list[str]:
	"""Inserts submitted inspections. Each row has the Inspection fields it needs and
	optionally `incidents` (dicts with incident_type, count, deduction, reason)."""
	if not rows:
		return []
	now, user = now_datetime(), frappe.session.user
	classes = {
		c.name: c
		for c in frappe.get_all(
			"Class Record",
			filters={"name": ["in", list({r["class_record"] for r in rows})]},
			fields=[
				"name",
				"class_name",
				"grade_level",
				"grade_name",
				"class_teacher",
				"teacher_name",
				"school",
			],
		)
	}
	methods = dict(frappe.get_all("Inspection Item", fields=["name", "scoring_method"], as_list=True))
	names = reserve_names(f"INS-{now.year}-", len(rows))
	base = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "idx")
	parents, children = [], []
	for name, row in zip(names, rows, strict=True):
		c = classes[row["class_record"]]
		incidents = row.get("incidents") or []
		values = {
			**row,
			"inspector": row.get("inspector") or user,
			"class_name": c.class_name,
			"grade_level": c.grade_level,
			"class_teacher": c.class_teacher,
			# the names the form fetches from the class
			"grade_name": c.grade_name,
			"teacher_name": c.teacher_name,
			"school": c.school,  # the class's (a county site)
			**derived_fields(
				row["class_record"],
				row["inspection_item"],
				row["inspection_date"],
				row.get("is_spot_check"),
				row.get("revokes_flag"),
				[i.get("deduction") for i in incidents],
				methods[row["inspection_item"]],
			),
		}
		parents.append((name, now, now, user, user, 1, 0, *(values.get(f) for f in INSPECTION_FIELDS)))
		for idx, incident in enumerate(incidents, start=1):
			children.append(
				(
					frappe.generate_hash(length=10),
					now,
					now,
					user,
					user,
					1,
					idx,
					name,
					"Inspection",
					"incidents",
					*(incident.get(f) for f in INCIDENT_FIELDS),
				)  # fmt: skip
			)
	frappe.db.bulk_insert("Inspection", base + INSPECTION_FIELDS, parents, chunk_size=2000)
	if children:
		frappe.db.bulk_insert(
			"Inspection Incident", (*base, "parent", "parenttype", "parentfield", *INCIDENT_FIELDS), children
		)
	return names
