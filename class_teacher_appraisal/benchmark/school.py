"""Synthetic schools for the benchmark: N classes (academic year `BENCH-N`), a term of school
days with six inspections per class a day (four scored flag items, the flag-raising roll call
with absences, a theme-meeting level), incidents now and then, and seven ratings per class.
Deterministic (seeded); everything is written with the app's own bulk writers."""

import random
from datetime import date, timedelta

import frappe
from frappe.utils import now_datetime

from class_teacher_appraisal.inspections import insert_submitted, reserve_names

TERM_START = date(2025, 9, 1)
RUBRIC_NAME = "Benchmark rubric"
LEADERS = [f"leader{i}@bench.invalid" for i in range(1, 4)]
TEACHERS = [f"teacher{i}@bench.invalid" for i in range(1, 5)]
RATING_CRITERION = "B-07"


def school_days(days: int) -> list[date]:
	out, day = [], TERM_START
	while len(out) < days:
		if day.weekday() < 5:
			out.append(day)
		day += timedelta(days=1)
	return out


def term_end(days: int) -> date:
	"""The Sunday after the last school day: the weekend in between takes the round timings."""
	last = school_days(days)[-1]
	return last + timedelta(days=6 - last.weekday())


def academic_year(n_classes: int) -> str:
	return f"BENCH-{n_classes}"


def period_name(n_classes: int) -> str:
	return f"BENCH-{n_classes} term"


def rubric() -> str:
	"""A term rubric using every evidence-reading rule kind (flags, scores, incidents, levels,
	ratings, a formula) and one hand-scored line."""
	found = frappe.db.get_value("Appraisal Rubric", {"rubric_name": RUBRIC_NAME})
	if found:
		return found

	def crit(code, title, section, kind, max_points=0, **kw):
		return {
			"criterion_code": code,
			"criterion_title": title,
			"section_code": section,
			"rule_kind": kind,
			"max_points": max_points,
			**kw,
		}

	doc = frappe.get_doc(
		{
			"doctype": "Appraisal Rubric",
			"rubric_name": RUBRIC_NAME,
			"period_type": "Term",
			"total_points": 100,
			"sections": [
				{"section_code": "一", "section_title": "常规检查", "max_points": 60},
				{"section_code": "二", "section_title": "评议", "max_points": 30},
				{"section_code": "三", "section_title": "工作", "max_points": 10},
			],
			"criteria": [
				crit("B-01", "流动红旗", "一", "Red Flag Share", 25),
				crit("B-02", "卫生", "一", "Inspection Score", 10, inspection_item="卫生"),
				crit("B-03", "眼保健操", "一", "Inspection Score", 5, inspection_item="眼保健操"),
				crit(
					"B-04",
					"纪律",
					"一",
					"Deduction per Incident",
					10,
					unit_points=1,
					inspection_item="纪律",
					incident_types="打架\n乱扔纸屑\n追逐打闹",
				),
				crit(
					"B-05",
					"主题队会",
					"一",
					"Level Points",
					5,
					inspection_item="主题队会",
					aggregate="Average",
				),
				crit(
					"B-06",
					"升旗出勤",
					"一",
					"Deduction per Incident",
					0,
					unit_points=0.5,
					cap=10,
					inspection_item="升旗出勤",
					incident_types="学生缺席升旗",
				),
				crit(
					"B-08",
					"路队",
					"一",
					"Formula",
					5,
					inspection_item="路队",
					formula="score_avg / item_max * max_points if item_max else 0",
				),
				crit(RATING_CRITERION, "评议", "二", "Weighted Rating", 30),
				crit("B-09", "工作", "三", "Manual Points", 10),
			],
			"levels": [
				{"criterion_code": "B-05", "level": "优秀", "points": 5},
				{"criterion_code": "B-05", "level": "合格", "points": 3},
				{"criterion_code": "B-05", "level": "未开展或记录迟交", "points": 0},
			],
			"rater_weights": [
				{"criterion_code": RATING_CRITERION, "rater_group": "Leadership", "weight_percent": 60},
				{"criterion_code": RATING_CRITERION, "rater_group": "Teachers", "weight_percent": 40},
			],
			"flag_rules": [
				{"rule_title": "两次打架或乱扔纸屑", "incident_types": "打架\n乱扔纸屑", "min_count": 2}
			],
			"grade_bands": [
				{"grade": "优秀", "min_score": 90},
				{"grade": "良好", "min_score": 80},
				{"grade": "合格", "min_score": 60},
				{"grade": "不合格", "min_score": 0},
			],
		}
	).insert(ignore_permissions=True)
	return doc.name


def raters():
	for email in LEADERS + TEACHERS:
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": email.split("@")[0],
					"send_welcome_email": 0,
				}
			).insert(ignore_permissions=True)


def classes(n_classes: int) -> list[dict]:
	"""N classes over six grades, bulk-inserted; each has a habit (0 … 1) that shapes its results."""
	rng = random.Random(n_classes)
	year = academic_year(n_classes)
	now, user = now_datetime(), frappe.session.user
	rows, out = [], []
	per_grade = -(-n_classes // 6)
	for i in range(n_classes):
		grade, section = i // per_grade + 1, i % per_grade + 1
		class_name = f"{'一二三四五六'[grade - 1]}年级({section})班"
		name = f"{year} {class_name}"
		rows.append((name, now, now, user, user, 0, class_name, grade, year, rng.randint(38, 50), 1))
		out.append({"name": name, "habit": rng.random()})
	frappe.db.bulk_insert(
		"Class Record",
		(
			"name", "creation", "modified", "owner", "modified_by", "docstatus",
			"class_name", "grade_level", "academic_year", "pupil_count", "is_active",
		),
		rows,
	)  # fmt: skip
	return out


def period(n_classes: int, days: int) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Appraisal Period",
				"period_name": period_name(n_classes),
				"period_type": "Term",
				"academic_year": academic_year(n_classes),
				"start_date": TERM_START,
				"end_date": term_end(days),
				"rubric": rubric(),
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def day_of_inspections(school: list[dict], day: date, rng: random.Random) -> list[dict]:
	"""Six inspections per class for one school day."""
	rows = []
	for c in school:
		habit = c["habit"]
		base = {"inspection_date": day, "class_record": c["name"]}
		for item in ("纪律", "卫生", "路队", "眼保健操"):
			score = max(5.0, min(10.0, round((7 + 2.6 * habit + rng.gauss(0, 0.6)) * 2) / 2))
			incidents = []
			if item == "纪律" and rng.random() < 0.02 + 0.06 * (1 - habit):
				kind = rng.choice(["打架", "乱扔纸屑", "追逐打闹"])
				incidents.append({"incident_type": kind, "count": 1, "deduction": 2 if kind == "打架" else 1})
			rows.append({**base, "inspection_item": item, "score": score, "incidents": incidents})
		absent = rng.choices([0, 1, 2], [80, 15, 5])[0]
		rows.append(
			{
				**base,
				"inspection_item": "升旗出勤",
				"score": 0,
				"incidents": [{"incident_type": "学生缺席升旗", "count": absent, "deduction": 0}]
				if absent
				else [],
			}
		)
		roll = habit + rng.gauss(0, 0.25)
		level, points = ("优秀", 3) if roll > 0.7 else ("合格", 2) if roll > 0.2 else ("未开展或记录迟交", 0)
		rows.append({**base, "inspection_item": "主题队会", "level": level, "score": points})
	return rows


def ratings(period: str, school: list[dict], rng: random.Random) -> int:
	"""Seven submitted ratings per appraised class (three leaders, four teachers), bulk-inserted."""
	appraisals = frappe.get_all(
		"Class Teacher Appraisal",
		filters={"appraisal_period": period, "docstatus": 0},
		fields=["name", "class_record", "class_teacher", "school"],
	)
	habit = {c["name"]: c["habit"] for c in school}
	raters = [(r, "Leadership") for r in LEADERS] + [(r, "Teachers") for r in TEACHERS]
	names = reserve_names(f"RAT-{now_datetime().year}-", len(appraisals) * len(raters))
	now, user = now_datetime(), frappe.session.user
	parents, scores = [], []
	base = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "idx")
	pairs = ((a, r) for a in appraisals for r in raters)
	for name, (a, (rater, group)) in zip(names, pairs, strict=True):
		parents.append(
			(name, now, now, user, user, 1, 0, a.name, rater, group, period, a.class_record, a.school)
		)
		score = round(min(100, 65 + 30 * habit[a.class_record] + rng.gauss(0, 4)))
		scores.append(
			(
				frappe.generate_hash(length=10),
				now,
				now,
				user,
				user,
				1,
				1,
				name,
				"Appraisal Rating",
				"scores",
				RATING_CRITERION,
				"评议",
				score,
			)  # fmt: skip
		)
	frappe.db.bulk_insert(
		"Appraisal Rating",
		(*base, "appraisal", "rater", "rater_group", "appraisal_period", "class_record", "school"),
		parents,
		chunk_size=5000,
	)
	frappe.db.bulk_insert(
		"Appraisal Rating Score",
		(*base, "parent", "parenttype", "parentfield", "criterion_code", "criterion_title", "score"),
		scores,
		chunk_size=5000,
	)
	return len(parents)


def insert_term(school: list[dict], days: int, seed: int) -> int:
	"""The term's inspections, one school day per bulk write and commit (as days come in)."""
	rng = random.Random(seed)
	count = 0
	for day in school_days(days):
		rows = day_of_inspections(school, day, rng)
		insert_submitted(rows)
		# nosemgrep: frappe-manual-commit — the benchmark writes a day at a time, like a real term
		frappe.db.commit()
		count += len(rows)
	return count


BENCH_TABLES = (
	"Inspection", "Inspection Incident", "Inspection Round", "Inspection Round Entry",
	"Class Teacher Appraisal", "Class Teacher Appraisal Line", "Class Teacher Appraisal Section",
	"Appraisal Veto Case", "Appraisal Achievement", "Appraisal Rating", "Appraisal Rating Score",
	"Red Flag Award",
)  # fmt: skip


def wipe():
	"""The benchmark site holds nothing but benchmark data: empty what a run writes."""
	for doctype in BENCH_TABLES:
		frappe.db.sql(f"truncate table `tab{doctype}`")  # nosemgrep: frappe-using-db-sql — fixed names above
	frappe.db.delete("Appraisal Period", {"name": ["like", "BENCH-%"]})
	frappe.db.delete("Class Record", {"academic_year": ["like", "BENCH-%"]})
	frappe.db.commit()  # nosemgrep: frappe-manual-commit — benchmark set-up
