"""Helpers that create test records through the ORM (rolled back with the test)."""

import frappe


def make_user(email: str, *roles: str, first_name: str | None = None) -> str:
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name or email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": "System User",
			}
		)
		user.insert(ignore_permissions=True)
	missing = set(roles) - set(frappe.get_roles(email))
	if missing:
		frappe.get_doc("User", email).add_roles(*missing)
	return email


# Users most tests need; conftest creates them once per session (a user costs seconds to create).
SESSION_USERS = {
	**{f"teacher{g}{i}@example.cn": ("Class Teacher",) for g in range(1, 7) for i in range(1, 5)},
	"a.teacher@example.cn": ("Class Teacher",),
	"b.teacher@example.cn": ("Class Teacher",),
	"duty@example.cn": ("Duty Inspector",),
	"duty2@example.cn": ("Duty Inspector",),
	"monitor@example.cn": ("Pupil Monitor",),  # a pupil on the duty roster (值周学生)
	"office@example.cn": ("Academic Office",),
	"head@example.cn": ("Principal",),
	"principal@example.cn": (),
}


def make_class(class_name: str = "三年级(2)班", grade_level: int = 3, academic_year: str = "2025-2026", **kw):
	doc = frappe.get_doc(
		{
			"doctype": "Class Record",
			"class_name": class_name,
			"grade_level": grade_level,
			"academic_year": academic_year,
			**kw,
		}
	)
	return doc.insert()


S1 = "班主任岗位职责及考核办法（流动红旗） v1"
S6 = "班主任月度考核（百分制） v1"


def make_period(
	name="2025秋季学期", start="2025-09-01", end="2026-01-18", rubric=S1, period_type="Term", **kw
):
	return frappe.get_doc(
		{
			"doctype": "Appraisal Period",
			"period_name": name,
			"period_type": period_type,
			"start_date": start,
			"end_date": end,
			"rubric": rubric,
			**kw,
		}
	).insert()


def inspect(class_record, item, date, score=None, level=None, incidents=(), submit=True, **kw):
	doc = frappe.get_doc(
		{
			"doctype": "Inspection",
			"inspection_date": date,
			"class_record": class_record,
			"inspection_item": item,
			"score": score,
			"level": level,
			"incidents": [
				{"incident_type": t, "count": n}
				for t, n in (incidents.items() if isinstance(incidents, dict) else incidents)
			],
			**kw,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


def make_school(n_classes=4, grade_level=3):
	"""Classes 三年级(1)班 … with teachers; returns their Class Record names."""
	names = []
	for i in range(1, n_classes + 1):
		teacher = make_user(f"teacher{grade_level}{i}@example.cn")
		doc = make_class(
			f"{'一二三四五六'[grade_level - 1]}年级({i})班",
			grade_level,
			class_teacher=teacher,
			pupil_count=40 + i,
		)
		names.append(doc.name)
	return names


def appraisal_of(period, class_record):
	name = frappe.db.get_value(
		"Class Teacher Appraisal",
		{"appraisal_period": period, "class_record": class_record, "docstatus": ["<", 2]},
	)
	return frappe.get_doc("Class Teacher Appraisal", name)


def lines_of(doc) -> dict:
	return {row.criterion_code: row for row in doc.lines}


def fill_manual(doc, short_by=0):
	"""Enters every hand-scored line (its maximum less `short_by`) and saves, as the office would."""
	for row in doc.lines:
		if row.rule_kind == "Manual Points":
			row.manual_points, row.manual_entered = row.max_points - short_by, 1
	doc.save()
	return doc


def monthly_appraisal(class_name, grade_level, teacher, period_name, start, end):
	"""The draft S6 appraisal of one new class for one new month."""
	cls = make_class(class_name, grade_level, class_teacher=teacher).name
	period = make_period(period_name, start, end, rubric=S6, period_type="Month")
	period.generate_appraisals()
	return appraisal_of(period.name, cls)


def walk(doc, *steps):
	"""Applies workflow actions as the given users: walk(doc, ("duty@…", "Submit for Review"), …)."""
	from frappe.model.workflow import apply_workflow

	from tests.conftest import acting_as

	for user, action in steps:
		with acting_as(user):
			doc = apply_workflow(frappe.get_doc(doc.doctype, doc.name), action)
	return frappe.get_doc(doc.doctype, doc.name)


def approve(doc):
	"""Takes a draft appraisal through the whole workflow to Approved."""
	return walk(
		doc,
		("duty@example.cn", "Submit for Review"),
		("office@example.cn", "Forward to Principal"),
		("head@example.cn", "Approve"),
	)


def two_teacher_school(incidents=()):
	"""Two grade-4 classes of two class teachers, one user of each other role, and a December
	month (S6) appraised from one discipline inspection of each class. Returns (users, classes
	{"a", "b"}, period)."""
	from class_teacher_appraisal.install import create_roles

	create_roles()
	users = {
		"teacher_a": make_user("a.teacher@example.cn", "Class Teacher"),
		"teacher_b": make_user("b.teacher@example.cn", "Class Teacher"),
		"inspector": make_user("duty@example.cn", "Duty Inspector"),
		"office": make_user("office@example.cn", "Academic Office"),
		"principal": make_user("head@example.cn", "Principal"),
	}
	a = make_class("四年级(1)班", 4, class_teacher=users["teacher_a"]).name
	b = make_class("四年级(2)班", 4, class_teacher=users["teacher_b"]).name
	period = make_period("2025年12月", "2025-12-01", "2025-12-31", rubric=S6, period_type="Month")
	for cls in (a, b):
		inspect(cls, "纪律", "2025-12-02", 9, incidents=incidents)
	period.generate_appraisals()
	return users, {"a": a, "b": b}, period
