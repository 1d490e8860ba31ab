"""A sample school for a first look (never loaded unless asked):

	bench --site <site> cta-load-demo

Twelve classes in grades 1–6, a term of daily inspections with realistic
variation (class habits differ, incidents happen, spot checks fail now and then),
monthly appraisals (one vetoed for a safety accident), the term's red flags, and a
term appraisal with the leadership group's ratings. Deterministic (seeded)."""

import random
from datetime import date, timedelta

import frappe
from frappe.model.workflow import apply_workflow

from class_teacher_appraisal.inspections import insert_submitted

YEAR = "2025-2026"
TERM_START, TERM_END = date(2025, 9, 1), date(2026, 1, 16)
HOLIDAYS = {TERM_START.replace(month=10, day=d) for d in range(1, 8)}
TEACHERS = ["王丽", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄磊", "周婷", "吴强", "徐芳", "孙杰"]
PINYIN = ["wangli", "lina", "zhangwei", "liuyang", "chenjing", "yangfan", "zhaomin", "huanglei", "zhouting", "wuqiang", "xufang", "sunjie"]  # fmt: skip
LEADERS = [("zhang.principal", "张校长"), ("li.office", "李主任"), ("chen.office", "陈主任")]
INSPECTOR = ("zhao.duty", "赵老师")
ADMIN = ("it.admin", "信息中心管理员")
DOMAIN = "demo-school.cn"
S1 = "班主任岗位职责及考核办法（流动红旗） v1"
S6 = "班主任月度考核（百分制） v1"
S6_TERM = "班主任学期综合考核 v1"
TERM = "2025-2026学年第一学期"
TERM_OVERALL = "2025-2026学年第一学期（综合）"
MONTHS = [
	("2025年9月", date(2025, 9, 1), date(2025, 9, 30)),
	("2025年10月", date(2025, 10, 1), date(2025, 10, 31)),
	("2025年11月", date(2025, 11, 1), date(2025, 11, 30)),
	("2025年12月", date(2025, 12, 1), date(2025, 12, 31)),
	("2026年1月", date(2026, 1, 1), date(2026, 1, 16)),
]
SAFETY_ACCIDENT = ("五年级(2)班", date(2025, 10, 22))
# How well each class (一年级(1)班, 一年级(2)班, 二年级(1)班 …) behaves, 0 … 1.
HABITS = [0.95, 0.55, 0.8, 0.35, 0.7, 0.9, 0.45, 0.85, 0.6, 0.3, 0.75, 0.65]


def load() -> dict:
	users = _users()  # also on a loaded site: each demo user has exactly their roles
	if frappe.db.exists("Appraisal Period", TERM):
		return {"loaded": False, "reason": "the demo school is already there"}
	rng = random.Random(2025)
	classes = _classes(users, rng)
	_periods()
	count = _inspections(classes, users, rng)
	_appraisals(classes, users, rng)
	return {"loaded": True, "classes": len(classes), "inspections": count}


def _user(login: str, name: str) -> str:
	email = f"{login}@{DOMAIN}"
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": name,
				"language": "zh",
				"send_welcome_email": 0,
				"new_password": "demo-Pass-2025",
			}
		).insert(ignore_permissions=True)
	return email


def _users() -> dict:
	"""The school's people, each with exactly their role. The site's IT administrator comes first:
	Frappe makes the first system user it sees a System Manager when nobody else is one, which
	would give a class teacher every record of the school."""
	admin = _user(*ADMIN)
	frappe.get_doc("User", admin).add_roles("System Manager")
	users = {
		"teachers": [_user(p, n) for p, n in zip(PINYIN, TEACHERS, strict=True)],
		"leaders": [_user(p, n) for p, n in LEADERS],
		"inspector": _user(*INSPECTOR),
	}
	roles = {users["inspector"]: ["Duty Inspector"], users["leaders"][0]: ["Principal"]}
	roles |= {u: ["Academic Office"] for u in users["leaders"][1:]}
	roles |= {u: ["Class Teacher"] for u in users["teachers"]}
	for user, role in roles.items():
		doc = frappe.get_doc("User", user)
		extra = {r.role for r in doc.roles} - set(role)
		if extra:
			doc.remove_roles(*extra)
		doc.add_roles(*role)
	return users


def _classes(users, rng) -> list[dict]:
	classes = []
	for i, teacher in enumerate(users["teachers"]):
		grade, section = i // 2 + 1, i % 2 + 1
		name = f"{'一二三四五六'[grade - 1]}年级({section})班"
		doc = frappe.get_doc(
			{
				"doctype": "Class Record",
				"class_name": name,
				"grade_level": grade,
				"academic_year": YEAR,
				"class_teacher": teacher,
				"pupil_count": rng.randint(38, 48),
			}
		).insert(ignore_permissions=True)
		classes.append({"name": doc.name, "class_name": name, "grade": grade, "habit": HABITS[i]})
	return classes


def _periods():
	def period(name, kind, start, end, rubric):
		frappe.get_doc(
			{
				"doctype": "Appraisal Period",
				"period_name": name,
				"period_type": kind,
				"academic_year": YEAR,
				"start_date": start,
				"end_date": end,
				"rubric": rubric,
			}
		).insert(ignore_permissions=True)

	period(TERM, "Term", TERM_START, TERM_END, S1)
	for name, start, end in MONTHS:
		period(name, "Month", start, end, S6)
	period(TERM_OVERALL, "Term", TERM_START, TERM_END, S6_TERM)


def _school_days():
	day = TERM_START
	while day <= TERM_END:
		if day.weekday() < 5 and day not in HOLIDAYS:
			yield day
		day += timedelta(days=1)


def _score(habit, rng):
	raw = 7 + 2.6 * habit + rng.gauss(0, 0.6)
	return max(5.0, min(10.0, round(raw * 2) / 2))


def _level(habit, rng, good="优秀", fair="合格", poor="未开展或记录迟交"):
	roll = habit + rng.gauss(0, 0.25)
	return good if roll > 0.7 else fair if roll > 0.2 else poor


def _inspections(classes, users, rng) -> int:
	rows = []
	inspector = users["inspector"]
	rota = [c for c in classes if c["grade"] >= 3]  # grades 3–6 take turns at the flag-raising
	for day in _school_days():
		week = (day - TERM_START).days // 7
		for c in classes:
			base = {"inspection_date": day, "class_record": c["name"], "inspector": inspector}
			incidents = []
			if rng.random() < 0.02 + 0.06 * (1 - c["habit"]):
				kind = rng.choices(["打架", "乱扔纸屑", "追逐打闹"], [3, 5, 2])[0]
				incidents.append({"incident_type": kind, "count": 1, "deduction": {"打架": 2}.get(kind, 1)})
			rows.append(
				{**base, "inspection_item": "纪律", "score": _score(c["habit"], rng), "incidents": incidents}
			)
			hygiene = []
			if rng.random() < 0.03 * (1 - c["habit"]):
				hygiene.append({"incident_type": "包干区未打扫", "count": 1, "deduction": 2})
			rows.append(
				{**base, "inspection_item": "卫生", "score": _score(c["habit"], rng), "incidents": hygiene}
			)
			rows.append({**base, "inspection_item": "路队", "score": _score(c["habit"], rng)})
			rows.append({**base, "inspection_item": "眼保健操", "score": _score(c["habit"], rng)})
			if day.weekday() == 0:
				absent = rng.choices([0, 1, 2, 3], [70, 18, 8, 4])[0]
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
			if day.weekday() == 2 and week % 4 == 1:  # a theme meeting a month
				rows.append({**base, "inspection_item": "主题队会", "level": _level(c["habit"], rng)})
			if day.weekday() == 3 and week % 4 == 3:  # a new blackboard a month
				rows.append({**base, "inspection_item": "黑板报", "level": _level(c["habit"], rng)})
		if day.weekday() == 0:
			duty = rota[week % len(rota)]
			level = _level(duty["habit"], rng, "优秀", "良好", "较差") if rng.random() > 0.3 else "合格"
			rows.append(
				{
					"inspection_date": day,
					"class_record": duty["name"],
					"inspection_item": "升旗仪式轮值",
					"level": level,
				}
			)
		if day.weekday() == 4 and week % 4 == 2:  # the student brigade committee's spot check
			checked = rng.choice(classes)
			rows.append(
				{
					"inspection_date": day,
					"class_record": checked["name"],
					"inspection_item": "卫生",
					"score": 6,
					"is_spot_check": 1,
					"revokes_flag": 1,
					"remarks": "大队委抽查不合格",
				}
			)
	accident_class = next(c for c in classes if c["class_name"] == SAFETY_ACCIDENT[0])
	rows.append(
		{
			"inspection_date": SAFETY_ACCIDENT[1],
			"class_record": accident_class["name"],
			"inspection_item": "安全检查",
			"score": 0,
			"incidents": [
				{
					"incident_type": "较大安全事故",
					"count": 1,
					"deduction": 0,
					"reason": "课间无人看管，学生从楼梯扶手滑下骨折",
				}
			],
		}
	)
	levels = {
		i.parent + "|" + i.level: i.score
		for i in frappe.get_all("Inspection Item Level", fields=["parent", "level", "score"])
	}
	for row in rows:
		if row.get("level"):
			row["score"] = levels[row["inspection_item"] + "|" + row["level"]]
	insert_submitted(rows)
	return len(rows)


def _fill(doc, rng, habit):
	"""The office's hand-entered points, around the class's habit."""
	for row in doc.lines:
		if row.rule_kind == "Manual Points":
			share = min(1.0, 0.72 + 0.25 * habit + rng.gauss(0, 0.04))
			row.manual_points = round(row.max_points * share * 2) / 2
			row.manual_entered = 1
	doc.save(ignore_permissions=True)


def _appraisals(classes, users, rng):
	from class_teacher_appraisal import appraisals

	habit = {c["name"]: c["habit"] for c in classes}

	def each(period):
		return [
			frappe.get_doc("Class Teacher Appraisal", name)
			for name in frappe.get_all(
				"Class Teacher Appraisal", filters={"appraisal_period": period, "docstatus": 0}, pluck="name"
			)
		]

	appraisals.generate(TERM)
	appraisals.award_flags(TERM)
	for doc in each(TERM):
		_fill(doc, rng, habit[doc.class_record])
	principal, office = users["leaders"][0], users["leaders"][1]
	steps = [
		(users["inspector"], "Submit for Review"),
		(office, "Forward to Principal"),
		(principal, "Approve"),
	]
	for month, _start, _end in MONTHS:
		appraisals.generate(month)
		for doc in each(month):
			_fill(doc, rng, habit[doc.class_record])
			if doc.pending_questions:  # the vetoed month: the office confirms the recorded accident
				for case in doc.veto_cases:
					case.confirmed = 1
				doc.save(ignore_permissions=True)
			for user, action in steps:
				frappe.set_user(user)
				doc = apply_workflow(frappe.get_doc(doc.doctype, doc.name), action)
			frappe.set_user("Administrator")
	appraisals.generate(TERM_OVERALL)
	for doc in each(TERM_OVERALL):
		for leader in users["leaders"]:
			score = round(min(100, 70 + 28 * habit[doc.class_record] + rng.gauss(0, 3)))
			frappe.get_doc(
				{
					"doctype": "Appraisal Rating",
					"appraisal": doc.name,
					"rater": leader,
					"rater_group": "Leadership",
					"scores": [{"criterion_code": "T-03", "score": score}],
				}
			).insert(ignore_permissions=True).submit()
	appraisals.recompute(TERM_OVERALL)
	for doc in each(TERM_OVERALL):
		_fill(doc, rng, habit[doc.class_record])
