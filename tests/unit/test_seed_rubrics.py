"""The shipped seed rubrics hold their seeds' figures; what a seed leaves to the school is ticked
"Set by Your School" (由学校自定) and named in the rubric's notes (issue 13). Plain data: the
figures below are the seeds' own (seed 000 班主任岗位职责及考核办法1, seed 001 小学班主任工作职责 4,
seed 002 赣榆县中小学班主任工作评估细则)."""

from decimal import Decimal

import pytest

from class_teacher_appraisal.setup import seed_rubrics as seeds


def marked(rows):
	return [bool(row.get("set_by_school")) for row in rows]


def criterion(rubric, code):
	return next(c for c in rubric["criteria"] if c["criterion_code"] == code)


# ------------------------------------------------------------------ (b) what the school sets is marked


@pytest.mark.parametrize("rubric", [seeds.S1, seeds.S7], ids=["S1", "S7"])
def test_grade_thresholds_no_seed_gives_are_the_schools(rubric):
	"""Seeds 000 and 002 name no grades or thresholds: 90/80/60 are the school's starting values."""
	bands = rubric["grade_bands"]
	assert [(b["grade"], b["min_score"]) for b in bands] == [
		("优秀", 90),
		("良好", 80),
		("合格", 60),
		("不合格", 0),
	]
	assert all(marked(bands))


def test_s1_ships_its_seeds_figures_and_marks_the_parts_the_seed_gives_only_a_total_for():
	"""一、考核办法: 少先队常规工作、学校活动、后勤管理及教导处工作四部分，满分为100分，分值各为40分、30分、
	20分、10分; only part 一 has rules: 满分40分 for the top class's flags, 优秀加3分 … 较差扣1分, 每人次扣0.5分."""
	s1 = seeds.S1
	assert [(s["section_code"], s["max_points"]) for s in s1["sections"]] == [
		("一", 40),
		("二", 30),
		("三", 20),
		("四", 10),
	]
	assert criterion(s1, "S1-01")["max_points"] == 40
	assert {lv["level"]: lv["points"] for lv in s1["levels"]} == {"优秀": 3, "良好": 2, "合格": 1, "较差": -1}
	assert criterion(s1, "S1-03")["unit_points"] == 0.5
	assert marked(s1["criteria"]) == [False, False, False, True, True, True]
	assert (s1["flag_rules"][0]["min_count"], s1["flag_rules"][0]["incident_types"]) == (2, "打架\n乱扔纸屑")


def test_s6_ships_the_seeds_grades_and_allowance_and_marks_the_thresholds_as_the_schools():
	"""三、3: 每月300元中200元随工资发放 … 优160元，良100元，合格40元，不合格等次当月班主任津贴不予发放;
	the seed names the grades 优、良、合格、不合格 but no scores for them."""
	s6 = seeds.S6
	assert s6["base_allowance"] == 200
	bands = s6["grade_bands"]
	assert [(b["grade"], b["allowance"]) for b in bands] == [
		("优", 160),
		("良", 100),
		("合格", 40),
		("不合格", 0),
	]
	assert bands[-1]["withhold_all"] == 1
	assert marked(bands) == [True, True, True, False]  # the thresholds 90/80/60; 不合格 is what is left
	assert [(c["criterion_title"], c["max_points"]) for c in s6["criteria"]] == [
		("师德修养", 10),
		("班务记载", 20),
		("常规管理", 40),
		("中心活动", 10),
		("财产管理", 10),
		("安全教育", 10),
	]
	assert not any(marked(s6["criteria"]))


def test_the_s6_term_has_the_seeds_three_parts_and_every_figure_of_it_is_the_schools():
	"""五、1: 学期综合考核为：月考核累计分+奖励性活动分+考核组综评 (no points, no grade thresholds)."""
	term = seeds.S6_TERM
	assert [c["criterion_title"] for c in term["criteria"]] == ["月考核累计分", "奖励性活动分", "考核组综评"]
	assert all(marked(term["criteria"])) and all(marked(term["grade_bands"]))


def test_per_incident_deductions_of_the_inspection_items_are_the_schools():
	"""Seed 000 deducts no points for a fight or litter (two in a week lose the week's flag): every
	incident type that costs points on an inspection is the school's choice."""
	costing = [
		(item["item_name"], row["incident_type"], bool(row.get("set_by_school")))
		for item in seeds.INSPECTION_ITEMS
		for row in item.get("incident_types", [])
		if row["default_deduction"]
	]
	assert costing == [
		("纪律", "打架", True),
		("纪律", "乱扔纸屑", True),
		("纪律", "追逐打闹", True),
		("卫生", "包干区未打扫", True),
	]


@pytest.mark.parametrize("rubric", seeds.RUBRICS, ids=lambda r: r["rubric_name"])
def test_a_rubric_with_rows_the_school_sets_says_so_in_its_notes(rubric):
	rows = rubric["criteria"] + rubric["grade_bands"]
	assert any(marked(rows))
	assert "由学校自定" in rubric["notes"]


# ------------------------------------------------------------------ (a) the term's bands can be reached


def test_the_term_grades_can_be_reached_by_a_term_of_four_months():
	"""The months count as their average, so a term of four 100-point months reaches as much as one
	of five: 100 + 20 + 30 = 150, above the 优秀 threshold (the old 495 of 550 needed five months)."""
	term = seeds.S6_TERM
	t01 = criterion(term, "T-01")
	assert (t01["aggregate"], t01["max_points"]) == ("Average", 100)
	four_months = [Decimal(100)] * 4
	best = sum(four_months) / len(four_months) + sum(
		Decimal(c["max_points"]) for c in term["criteria"] if c["criterion_code"] != "T-01"
	)
	assert best == term["total_points"] == 150
	assert all(b["min_score"] <= best for b in term["grade_bands"])


# ------------------------------------------------------------------ (c) each scheme keeps to its own source


@pytest.mark.parametrize("rubric", [seeds.S6, seeds.S6_TERM], ids=["S6", "S6 term"])
def test_s6_has_the_three_vetoes_of_its_own_seed_in_its_words(rubric):
	"""四、一票否决 of 职责4 (职责13's 乱收费 and 强迫学生转学 belong to another document)."""
	assert [(v["rule_code"], v["rule_title"]) for v in rubric["veto_rules"]] == [
		(
			"否决1",
			"不能经常深入班级，深入学生，不关心学生的学习、生活，学生及大部分家长意见较大、社会反响强烈",
		),
		("否决2", "有重大违法违纪现象或因失职、渎职造成班级较大安全事故"),
		("否决3", "因体罚或变相体罚产生不良影响，造成严重后果"),
	]
	# a recorded 体罚 shows neither 不良影响 nor 严重后果: only the office can name that veto
	assert [v.get("incident_types", "") for v in rubric["veto_rules"]] == ["", "较大安全事故", ""]
	assert "职责13" not in rubric["source"] and "职责4" in rubric["source"].replace(" ", "")


# ------------------------------------------------------------------ (d) what part 一 caps


def test_s1_caps_the_flag_score_at_40_and_counts_duty_points_and_deductions_beyond_it():
	"""5、计分方法: 第一名的班级为满分40分 — the flags' 40, not the part's: 升旗仪式 优秀加3分 and
	每人次扣0.5分 count for the top class too."""
	part = seeds.S1["sections"][0]
	assert (part["section_code"], part["max_points"], part["allow_above_max"]) == ("一", 40, 1)
	assert criterion(seeds.S1, "S1-01")["max_points"] == 40


# ------------------------------------------------------------------ S9: the studio charters (seed 004)


def test_the_40_hour_charter_holds_its_obligations_in_the_seeds_numbers():
	"""XX学校名班主任工作室管理制度 三（一）: 每学期一本专著的读书体会; 每年不少于40课时的培训，其中一次是市级以上的专家讲座;
	每个月第一周星期三下午学习研讨. A studio members' rubric for a year; the points and thresholds are the school's."""
	charter = seeds.S9_40
	assert (charter["applies_to"], charter["period_type"], charter["total_points"]) == (
		"Studio Members",
		"Year",
		100,
	)
	quotas = {
		c["criterion_code"]: (
			c["activity_kind"],
			c["quota"],
			c["quota_measure"],
			c["quota_scope"],
			c.get("min_level"),
		)
		for c in charter["criteria"]
		if c["rule_kind"] == "Quota"
	}
	assert quotas == {
		"A-01": ("集中学习", 10, "Count", "Person", None),
		"A-02": ("读书心得", 2, "Count", "Person", None),
		"A-03": ("培训", 40, "Hours", "Person", None),
		"A-04": ("培训", 1, "Count", "Person", "市级"),
	}
	assert all(marked(charter["criteria"])) and all(marked(charter["grade_bands"]))
	assert [(b["grade"], b["min_score"]) for b in charter["grade_bands"]] == [
		("优秀", 85),
		("合格", 60),
		("不合格", 0),
	]


def test_the_other_charters_keep_their_own_numbers():
	"""30 hours, 每学期两次计划会议、二次阶段性汇报会议、一次总结会议 (the studio's); 20 hours and 5 papers a term;
	6 hours and the studio's 区级 award a year. A per-term obligation counts twice in a school year."""

	def quota(charter, code):
		c = criterion(charter, code)
		return (c["activity_kind"], c["quota"], c["quota_scope"])

	assert quota(seeds.S9_30, "B-02") == ("培训", 30, "Person")
	assert [quota(seeds.S9_30, code) for code in ("B-06", "B-07", "B-08")] == [
		("计划会", 4, "Studio"),
		("推进会", 4, "Studio"),
		("总结会", 2, "Studio"),
	]
	assert quota(seeds.S9_20, "C-01") == ("论文研读", 10, "Person")
	assert quota(seeds.S9_20, "C-03") == ("培训", 20, "Person")
	assert quota(seeds.S9_6, "D-06") == ("获奖", 1, "Studio")
	assert criterion(seeds.S9_6, "D-06")["min_level"] == "区级"
	for charter in seeds.CHARTERS:
		judged = [
			c for c in charter["criteria"] if c["rule_kind"] == "Manual Points" and c["section_code"] == "二"
		]
		assert [c["criterion_title"] for c in judged] == [
			"活动展示",
			"公众号推文",
			"教育科研成果",
			"论文发表获奖",
			"个人荣誉",
		]
		assert {
			(r["grade"], r["consequence"], r.get("recommendation", 0)) for r in charter["consequence_rules"]
		} == {
			("优秀", "颁发荣誉证书", 0),
			("优秀", "推荐参评各级优秀班主任", 1),
		}
		kinds = {k[0] for k in seeds.ACTIVITY_KINDS}
		assert {c["activity_kind"] for c in charter["criteria"] if c["rule_kind"] == "Quota"} <= kinds
