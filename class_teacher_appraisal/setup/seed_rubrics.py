"""The seed documents' schemes (see the project's RUBRICS.md), shipped as data that a school
edits in the Desk. Created only where missing (install.create_setup_records).

A shipped rubric holds its seed's figures only. What the seed leaves to the school but the app
needs in order to work (grade thresholds, per-incident deductions, the items of a part the seed
gives only a total for) ships as a plain starting value, its row ticked "Set by Your School"
(set_by_school, 由学校自定) and listed in the rubric's notes."""

SCHOOL = {"set_by_school": 1}

# Seeds 000 and 002 name no grade thresholds: the school sets them.
GRADES = [
	{"grade": "优秀", "min_score": 90, **SCHOOL},
	{"grade": "良好", "min_score": 80, **SCHOOL},
	{"grade": "合格", "min_score": 60, **SCHOOL},
	{"grade": "不合格", "min_score": 0, **SCHOOL},
]

# ------------------------------------------------------------- inspection items
_FLAG_ITEM = {"scoring_method": "Score", "max_score": 10, "weekly_flag_winners": 2}
_MEETING_LEVELS = [
	{"level": "优秀", "score": 3, "red_flags": 2},
	{"level": "合格", "score": 2, "red_flags": 1},
	{"level": "未开展或记录迟交", "score": 0, "red_flags": 0},
]

INSPECTION_ITEMS = [
	{
		"item_name": "纪律",
		**_FLAG_ITEM,
		"description": "少先队每周检查：课间、集会和日常行为（每次满分10分、各事件扣分由学校自定）",
		"incident_types": [
			{"incident_type": "打架", "default_deduction": 2, **SCHOOL},
			{"incident_type": "乱扔纸屑", "default_deduction": 1, **SCHOOL},
			{"incident_type": "追逐打闹", "default_deduction": 1, **SCHOOL},
		],
	},
	{
		"item_name": "卫生",
		**_FLAG_ITEM,
		"description": "少先队每周检查：教室和包干区卫生（每次满分10分、各事件扣分由学校自定）",
		"incident_types": [{"incident_type": "包干区未打扫", "default_deduction": 2, **SCHOOL}],
	},
	{"item_name": "路队", **_FLAG_ITEM, "description": "少先队每周检查：放学路队（每次满分10分由学校自定）"},
	{
		"item_name": "眼保健操",
		**_FLAG_ITEM,
		"description": "少先队每周检查：眼保健操（每次满分10分由学校自定）",
	},
	{
		"item_name": "主题队会",
		"scoring_method": "Level",
		"max_score": 3,
		"levels": _MEETING_LEVELS,
		"description": "按时开展并上交记录：优秀相当于两次流动红旗，合格相当于一次，不开展或不能按时上交记录不计分（各等级得分由学校自定）",
	},
	{
		"item_name": "黑板报",
		"scoring_method": "Level",
		"max_score": 3,
		"levels": _MEETING_LEVELS,
		"description": "计分方法参照主题队会（各等级得分由学校自定）",
	},
	{
		"item_name": "升旗仪式轮值",
		"scoring_method": "Level",
		"max_score": 3,
		"levels": [
			{"level": "优秀", "score": 3},
			{"level": "良好", "score": 2},
			{"level": "合格", "score": 1},
			{"level": "较差", "score": 0},
		],
		"description": "三至六年级轮流承担国旗下讲话和旗手；加减分见考核方案（各等级得分由学校自定）",
	},
	{
		"item_name": "升旗出勤",
		"scoring_method": "Incident Count",
		"incident_types": [{"incident_type": "学生缺席升旗", "default_deduction": 0}],
		"description": "每周一升旗仪式，学生应全员参加",
	},
	{
		"item_name": "安全检查",
		"scoring_method": "Incident Count",
		"incident_types": [
			{"incident_type": "较大安全事故", "default_deduction": 0},
			{"incident_type": "体罚或变相体罚", "default_deduction": 0},
		],
		"description": "安全隐患、事故和师德问题的记录",
	},
	{
		"item_name": "班主任会议",
		"scoring_method": "Incident Count",
		"incident_types": [
			{"incident_type": "迟到", "default_deduction": 0},
			{"incident_type": "无故缺席", "default_deduction": 0},
		],
		"description": "班主任工作会议出勤",
	},
]


def _manual(code, title, section, max_points, evidence="", description="", set_by_school=0):
	return {
		"criterion_code": code,
		"criterion_title": title,
		"section_code": section,
		"rule_kind": "Manual Points",
		"max_points": max_points,
		"evidence_method": evidence,
		"description": description,
		"set_by_school": set_by_school,
	}


def _notes(*paragraphs):
	"""The rubric's notes (a Text Editor field): one paragraph each."""
	return "".join(f"<p>{p}</p>" for p in paragraphs)


# ------------------------------------------------------------- S1
S1_PART_ONLY = "原文只给出本部分分值，未列考核细则：考核项目由学校自定，暂作一项人工评分"
S1 = {
	"rubric_name": "班主任岗位职责及考核办法（流动红旗）",
	"period_type": "Term",
	"total_points": 100,
	"source": "种子文档 000《班主任岗位职责及考核办法1》",
	"sections": [
		{
			"section_code": "一",
			"section_title": "少先队常规工作",
			"max_points": 40,
			# 满分40 is the flag score's (S1-01); the duty points and deductions count on top of it
			"allow_above_max": 1,
			"evidence_method": "少先队每周检查，学期末统计流动红旗",
		},
		{"section_code": "二", "section_title": "学校活动", "max_points": 30},
		{"section_code": "三", "section_title": "后勤管理", "max_points": 20},
		{"section_code": "四", "section_title": "教导处工作", "max_points": 10},
	],
	"criteria": [
		{
			"criterion_code": "S1-01",
			"criterion_title": "流动红旗",
			"section_code": "一",
			"rule_kind": "Red Flag Share",
			"max_points": 40,
			"evidence_method": "纪律、卫生、路队、眼保健操每周各评前两名；主题队会、黑板报优秀折两面、合格折一面；大队委抽查不合格扣一面",
			"description": "学期结束，统计各班流动红旗总数和队会记录情况，第一名的班级为满分40分，其他班级计分办法：40分÷第一名班级红旗数×该班红旗数",
		},
		{
			"criterion_code": "S1-02",
			"criterion_title": "升旗仪式轮值",
			"section_code": "一",
			"rule_kind": "Level Points",
			"inspection_item": "升旗仪式轮值",
			"grade_levels": "3-6",  # 三至六年级轮流
			"description": "国旗下的献词演讲和旗手三至六年级轮流，任务完成情况优秀加3分，良好加2分，合格加1分，较差扣1分（在流动红旗的40分之外加减）",
		},
		{
			"criterion_code": "S1-03",
			"criterion_title": "学生缺席升旗仪式",
			"section_code": "一",
			"rule_kind": "Deduction per Incident",
			"unit_points": 0.5,
			"inspection_item": "升旗出勤",
			"incident_types": "学生缺席升旗",
			"description": "班级中发现有学生不参加每周一的升旗仪式，每人次扣0.5分（在流动红旗的40分之外扣）",
		},
		*(
			_manual(code, title, part, points, description=S1_PART_ONLY, set_by_school=1)
			for code, title, part, points in (
				("S1-04", "学校活动", "二", 30),
				("S1-05", "后勤管理", "三", 20),
				("S1-06", "教导处工作", "四", 10),
			)
		),
	],
	"levels": [
		{"criterion_code": "S1-02", "level": "优秀", "points": 3},
		{"criterion_code": "S1-02", "level": "良好", "points": 2},
		{"criterion_code": "S1-02", "level": "合格", "points": 1},
		{"criterion_code": "S1-02", "level": "较差", "points": -1},
	],
	"flag_rules": [
		{
			"rule_title": "一周内两人次打架或随地扔纸等不文明行为，取消本周流动红旗评选资格",
			"incident_types": "打架\n乱扔纸屑",
			"min_count": 2,
		}
	],
	"grade_bands": GRADES,
	"notes": _notes(
		"少先队常规工作（40分）：原文规定第一名的班级流动红旗得满分40分，其他班级按红旗数折算；"
		"升旗仪式轮值加减分和学生缺席升旗扣分在此之外计算，所以本部分勾选了“加分可超过满分”。",
		"由学校自定（原文未规定，已勾选“由学校自定”）：等级分数线（优秀90、良好80、合格60）；"
		"学校活动、后勤管理、教导处工作三部分的考核项目（原文只给出30、20、10分）；"
		"检查项目纪律、卫生、路队、眼保健操每次的满分（10分）和纪律、卫生各事件的扣分。",
	),
}

# ------------------------------------------------------------- S6 (monthly) and its term
# 《职责4》四、一票否决, in its own words. A recorded 较大安全事故 raises 否决2 for the office to
# confirm or dismiss; 否决3 needs 不良影响 and 严重后果, which no incident record shows, so the office
# enters it on the appraisal. (《职责13》's 乱收费 / 强迫学生转学 belong to another document.)
S6_VETOES = [
	{
		"rule_code": "否决1",
		"rule_title": "不能经常深入班级，深入学生，不关心学生的学习、生活，学生及大部分家长意见较大、社会反响强烈",
		"effect": "Lowest Grade",
	},
	{
		"rule_code": "否决2",
		"rule_title": "有重大违法违纪现象或因失职、渎职造成班级较大安全事故",
		"effect": "Lowest Grade",
		"incident_types": "较大安全事故",
	},
	{
		"rule_code": "否决3",
		"rule_title": "因体罚或变相体罚产生不良影响，造成严重后果",
		"effect": "Lowest Grade",
	},
]
S6_PARTS = [("一", "师德修养", 10), ("二", "班务记载", 20), ("三", "常规管理", 40), ("四", "中心活动", 10), ("五", "财产管理", 10), ("六", "安全教育", 10)]  # fmt: skip

S6 = {
	"rubric_name": "班主任月度考核（百分制）",
	"period_type": "Month",
	"total_points": 100,
	"base_allowance": 200,
	"source": "种子文档 001《小学班主任工作职责 4》：每月津贴300元，200元随工资发放，100元经考核后发放",
	"sections": [
		{
			"section_code": code,
			"section_title": title,
			"max_points": points,
			"evidence_method": "月度检查、随机抽查、领导巡视、查阅资料",
		}
		for code, title, points in S6_PARTS
	],
	"criteria": [
		_manual(f"S6-{i + 1:02d}", title, code, points) for i, (code, title, points) in enumerate(S6_PARTS)
	],
	# the grades and their allowances are the seed's; the thresholds 90/80/60 are the school's
	"grade_bands": [
		{"grade": "优", "min_score": 90, "allowance": 160, **SCHOOL},
		{"grade": "良", "min_score": 80, "allowance": 100, **SCHOOL},
		{"grade": "合格", "min_score": 60, "allowance": 40, **SCHOOL},
		{"grade": "不合格", "min_score": 0, "allowance": 0, "withhold_all": 1},
	],
	"veto_rules": S6_VETOES,
	"notes": _notes(
		"原文：考核等第为优、良、合格、不合格；每月津贴300元中200元随工资发放，100元经考核后发放："
		"优160元，良100元，合格40元，不合格等次当月班主任津贴不予发放。",
		"由学校自定（原文未规定，已勾选“由学校自定”）：优、良、合格的分数线（90、80、60）。",
		"一票否决按原文三条：记录的较大安全事故会提出否决2，由教导处确认或撤销；否决1和否决3由教导处在考核表上录入。",
	),
}

# 《职责4》五、考核说明: 学期综合考核为：月考核累计分+奖励性活动分+考核组综评; a term 优秀 makes the
# teacher eligible for 优秀班主任. The seed gives no figures for the term: the maxima, the way the
# months count and the grade thresholds are the school's. The months count as their average, so
# that a term of four months reaches the same grades as one of five (summed, a four-month term
# could never reach thresholds set for five months).
S6_TERM = {
	"rubric_name": "班主任学期综合考核",
	"period_type": "Term",
	"total_points": 150,
	"source": "种子文档 001《小学班主任工作职责 4》：学期综合考核为：月考核累计分+奖励性活动分+考核组综评。"
	"全学期考核为优秀的班主任自动获得学校或上级行政部门优秀班主任参评资格",
	"criteria": [
		{
			"criterion_code": "T-01",
			"criterion_title": "月考核累计分",
			"rule_kind": "Period Roll-up",
			"source_period_type": "Month",
			"aggregate": "Average",
			"max_points": 100,
			"set_by_school": 1,
			"description": "本学期已审批的月度考核总分，按月平均计入（由学校自定），"
			"四个月和五个月的学期都能达到各等级；改为合计（Sum）时，请按学期月数调整等级分数线",
		},
		_manual(
			"T-02", "奖励性活动分", "", 20, description="满分20分由学校自定（原文未给分值）", set_by_school=1
		),
		{
			"criterion_code": "T-03",
			"criterion_title": "考核组综评",
			"rule_kind": "Weighted Rating",
			"max_points": 30,
			"set_by_school": 1,
			"description": "满分30分、由领导组评议，均由学校自定（原文未给分值）",
		},
	],
	"rater_weights": [{"criterion_code": "T-03", "rater_group": "Leadership", "weight_percent": 100}],
	"grade_bands": [
		{"grade": "优秀", "min_score": 135, **SCHOOL},
		{"grade": "良好", "min_score": 120, **SCHOOL},
		{"grade": "合格", "min_score": 90, **SCHOOL},
		{"grade": "不合格", "min_score": 0, **SCHOOL},
	],
	"veto_rules": S6_VETOES,
	"notes": _notes(
		"原文只规定：学期综合考核为月考核累计分+奖励性活动分+考核组综评；全学期考核为优秀的班主任获得优秀班主任参评资格。",
		"由学校自定（原文未规定，已勾选“由学校自定”）：月考核分按月平均计入（满分100）；奖励性活动分满分20；"
		"考核组综评满分30、由领导组评议；等级分数线优秀135、良好120、合格90（满分150的90%、80%、60%）。",
	),
}

# ------------------------------------------------------------- S7
S7_METHODS = {
	"一": "听取汇报，召开师生座谈会，查看资料、笔记",
	"二": "召开学生、家长座谈会，查看班级工作评价表、校务日志和班级工作记录本，实地看班容班貌，查看学生操行评语、品评手册和班队（团）课备课本",
	"三": "召开教师、学生干部座谈会，查看班干会记录",
	"四": "查看班主任工作档案和获奖（结项）证书、学校教学质量评估成绩统计表",
}
S7_PARTS = [
	("一", "思想品德与师德", 15),
	("二", "班级常规管理", 40),
	("三", "协调与班干部培养", 15),
	("四", "工作实绩", 30),
]
S7_ITEMS = [
	("一", 6, "爱岗敬业，为人师表", "拥护中国共产党的领导，爱岗敬业，为人师表，遵纪守法，作风正派，团结协作。"),
	("一", 6, "关爱学生，无体罚", "面向全体学生，热爱、尊重、关心和严格要求学生，建立了平等和谐的师生关系，积极做好学困生的思想转化工作，无体罚和变相体罚学生的行为。"),
	("一", 3, "业务学习", "自觉利用业余时间学习文化业务知识，每学期写学习笔记5000字以上（村小班主任为3000字），按时参加学校组织的班主任文化业务学习活动。"),
	("二", 6, "德育课", "按质按量上好品评课、班队（团）等德育课。"),
	("二", 10, "两操路队与集会活动", "认真组织好“两操路队、学校集会、社会实践”等活动，活动中进行了安全教育或制定了安全预案。"),
	("二", 3, "班级计划与制度", "制定了班级工作计划，建立了班级常规等制度。每学期做到有工作计划和总结。"),
	("二", 4, "班容班貌与黑板报", "按学校要求布置班容，做到有班训、团（队）角、图书角、班级管理制度，设置了学习和教育园地，每月办一期黑板报，有良好的班级文化氛围。"),
	("二", 3, "爱护公物", "经常对学生进行日常生活知识的教育，学生精神面貌好，能自觉爱护学校花草树木、门窗桌凳等学校财产。"),
	("二", 5, "安全管理", "能及时发现和处理安全隐患，妥善处理突发事件，坚持“晨检制”、“点名制”和“清堂制”，放学后无学生有意留校。"),
	("二", 3, "家校联系", "组织好家校联系工作，做到经常家访和电话联系，并有反馈记录，每学期至少召开家长会二次以上和对学生进行一次家访，接待家长做到热情有耐心。"),
	("二", 3, "留守儿童", "建立“留守孩子”档案，有计划在课余时间开展教育活动，帮助“留守孩子”克服心理障碍，健康成长。"),
	("二", 3, "综合素质评价与班务记录", "认真做好学生的综合素质评价工作，认真填写班务（中队）日志、团（队）活动记录本、学生素质报告单等，协助和配合政教处（或教导处）做好学籍管理工作。"),
	("三", 4, "科任教师联系会议", "定期召开科任教师联系会议，能协调科任教师齐心协力共同做好班级的教育教学工作。"),
	("三", 4, "教育创新", "坚持教育创新，能运用远程教育等现代化教学手段有针对性地对学生进行教育。"),
	("三", 3, "班干部培养", "认真做好班干部的选拔和培养工作，每两周召开一次班干部工作会，所培养的班干部自主管理能力强。"),
	("三", 4, "全面了解学生", "对学生的学习情况、家庭情况、健康水平、兴趣爱好、心理特征等能全面了解和掌握，做到心中有数。"),
	("四", 6, "德育课题与论文", "主持或参与了德育课题研究，能积极上好德育研讨课和撰写德育论文，在县以上教育专刊上发表（或获县以上优秀论文奖）。（权重：校级、乡级0.6；县级0.8；市级及以上1）"),
	("四", 3, "指导青年教师", "培养和指导了青年教师做好班级管理工作。"),
	("四", 4, "集体荣誉感", "学生的集体荣誉感和凝聚力强。在学校的班级考评中成绩优良。"),
	("四", 6, "守则规范与安全", "学生能熟练口述和自觉遵守中小学生守则、日常行为规范，学生中好人好事层出不穷，无违法和严重违纪现象，无重大安全事故。"),
	("四", 3, "学生爱戴与社会好评", "善于做学生的思想教育工作，深受学生的爱戴和家长、社会的好评。"),
	("四", 4, "教学成绩与竞赛", "教育教学成绩居学校中游以上，学生在各项德育、知识竞赛中，班级整体成绩位于同类班级前列。"),
	("四", 4, "创新特色与表彰", "班级工作有创新、有特色、有实效。班集体和班主任、学生分别获镇（乡、街道）、校、县以上表彰和奖励。（权重：校级、乡级0.6；县级0.8；市级及以上1）"),
]  # fmt: skip
S7_LEVELS = [("校级", 0.6), ("乡级", 0.6), ("县级", 0.8), ("市级", 1), ("省级", 1), ("国家级", 1)]

S7 = {
	"rubric_name": "赣榆县中小学班主任工作评估细则",
	"period_type": "Term",
	"total_points": 100,
	"source": "种子文档 002《赣榆县中小学班主任工作评估细则》：每月公布，学期汇总，学年不合格取消班主任资格",
	"sections": [
		{
			"section_code": code,
			"section_title": title,
			"max_points": points,
			"evidence_method": S7_METHODS[code],
		}
		for code, title, points in S7_PARTS
	],
	"criteria": [
		{
			"criterion_code": f"S7-{n:02d}",
			"criterion_title": title,
			"section_code": part,
			"rule_kind": "Level-Weighted Achievements" if n in (17, 23) else "Manual Points",
			"max_points": points,
			"evidence_method": S7_METHODS[part],
			"description": text,
		}
		for n, (part, points, title, text) in enumerate(S7_ITEMS, start=1)
	],
	"levels": [
		{"criterion_code": code, "level": level, "weight": weight}
		for code in ("S7-17", "S7-23")
		for level, weight in S7_LEVELS
	],
	"grade_bands": GRADES,
	"notes": _notes(
		"原文：考评情况每月公布一次，学期末汇总；学年度考评不合格的，取消班主任资格证。",
		"由学校自定（原文未规定，已勾选“由学校自定”）：等级分数线（优秀90、良好80、合格60）。",
	),
}

RUBRICS = [S1, S6, S6_TERM, S7]

# ------------------------------------------------------------- S9: studio charters (seed 004)
# Charters of master class-teacher studios (名班主任工作室): rubrics that apply to studio members, for
# the annual Studio Assessment (Year). Each obligation is a Quota in the charter's own numbers; a
# per-term obligation counts twice in a school year of two terms. The seed gives no points and no
# grade thresholds: every maximum and threshold is the school's (set_by_school).
ACTIVITY_KINDS = [
	# name, measure, archive category, what it is (the seed's words)
	(
		"读书心得",
		"Count",
		"Research",
		"研读工作室推荐的德育或心理健康专著后撰写的读书体会（读书心得、学习心得）",
	),
	(
		"培训",
		"Hours",
		"Research",
		"参加的培训、专家讲座，按课时计；级别：校级、区级、县级、市级、省级、国家级",
	),
	("集中学习", "Count", "Others", "工作室成员集中学习研讨（每月第一周星期三下午）；按出席记入"),
	("示范班会", "Count", "Research", "示范性主题班会、班会（队会）示范课或组织的班队活动"),
	("教育叙事", "Count", "Research", "教育叙事、教育故事或案例"),
	("个案研究", "Count", "Research", "学生个案研究"),
	("论文研读", "Count", "Research", "研读的德育、心理健康研究论文"),
	("德育论文", "Count", "Research", "撰写的德育论文或案例"),
	(
		"计划会",
		"Count",
		"Plans and Summaries",
		"工作室计划会议：讨论本学期计划，确定阶段工作目标、课题和专题讲座",
	),
	("推进会", "Count", "Plans and Summaries", "阶段性工作情况汇报会议：督促检查课题和各项工作的实施情况"),
	("总结会", "Count", "Plans and Summaries", "工作室总结会议或成果总结交流会"),
	("公开课讲座", "Count", "Research", "工作室开设的公开课或讲座；级别：校级、共同体级、区级、市级、省级"),
	(
		"获奖",
		"Count",
		"Achievements",
		"工作室或成员的班主任工作成果获奖；级别：校级、区级、县级、市级、省级、国家级",
	),
]

STUDIO_GRADES = [
	{"grade": "优秀", "min_score": 85, **SCHOOL},
	{"grade": "合格", "min_score": 60, **SCHOOL},
	{"grade": "不合格", "min_score": 0, **SCHOOL},
]
STUDIO_CONSEQUENCES = [
	{"grade": "优秀", "period_type": "Year", "consequence": "颁发荣誉证书"},
	{"grade": "优秀", "period_type": "Year", "consequence": "推荐参评各级优秀班主任", "recommendation": 1},
]
# 培训 and 获奖 levels, ranked: a minimum level counts that level or a higher one
STUDIO_LEVELS = [
	("校级", 1),
	("共同体级", 1.5),
	("区级", 2),
	("县级", 2),
	("市级", 3),
	("省级", 4),
	("国家级", 5),
]
STUDIO_PARTS = [
	{"section_code": "一", "section_title": "任务完成与活动参与", "max_points": 60},
	{"section_code": "二", "section_title": "展示、成果与荣誉", "max_points": 40},
]
# 工作室考核制度: 活动展示情况、公众号推文、教育科研成果、论文发表获奖、考评期间个人荣誉 — judged by the host
STUDIO_JUDGED = [
	("活动展示", "工作室活动中的展示情况（示范、交流、发言）"),
	("公众号推文", "在工作室公众号发布的推文（工作动态、论文、课例设计、教育故事）"),
	("教育科研成果", "课题研究等教育科研成果"),
	("论文发表获奖", "论文在教育类论坛或期刊发表、获奖"),
	("个人荣誉", "考评期间获得的个人荣誉"),
]


def _quota(code, title, kind, quota, points, scope="Person", measure="Count", mode="In Proportion", **kw):
	return {
		"criterion_code": code,
		"criterion_title": title,
		"section_code": "一",
		"rule_kind": "Quota",
		"activity_kind": kind,
		"quota": quota,
		"quota_measure": measure,
		"quota_scope": scope,
		"quota_mode": mode,
		"max_points": points,
		"set_by_school": 1,  # the seed gives the number, not the points
		**kw,
	}


def _charter(name, source, quotas, notes, prefix, judged=8):
	criteria = list(quotas)
	criteria += [
		{
			**_manual(f"{prefix}-J{n}", title, "二", judged, description=what, set_by_school=1),
			"evidence_method": "工作室主持人评定",
		}
		for n, (title, what) in enumerate(STUDIO_JUDGED, start=1)
	]
	ranked = [c["criterion_code"] for c in criteria if c.get("min_level")]
	return {
		"rubric_name": name,
		"applies_to": "Studio Members",
		"period_type": "Year",
		"total_points": 100,
		"source": source,
		"sections": STUDIO_PARTS,
		"criteria": criteria,
		"levels": [
			{"criterion_code": code, "level": level, "weight": rank}
			for code in ranked
			for level, rank in STUDIO_LEVELS
		],
		"grade_bands": STUDIO_GRADES,
		"consequence_rules": STUDIO_CONSEQUENCES,
		"notes": _notes(
			*notes,
			"工作室考核制度（原文）：每学年对工作室成员进行阶段性考核，从任务完成情况、活动参与情况、活动展示情况、"
			"公众号推文、教育科研成果、论文发表获奖、考评期间个人荣誉等方面考核评价，结果分为优秀、合格和不合格三个等级；"
			"优秀者颁发荣誉证书并推荐评选各级优秀班主任，不合格者进行流动（年度考核批准后成员资格于学年末终止）。",
			"由学校自定（原文未规定，已勾选“由学校自定”）：各项分值（任务完成与活动参与60分，展示、成果与荣誉40分，"
			"后者各8分由主持人评定）；等级分数线（优秀85、合格60）。",
		),
	}


# 种子文档 004《XX学校名班主任工作室管理制度+遴选方案+培训方案+考核实施方案》三、工作室制度（一）学习活动
S9_40 = _charter(
	"名班主任工作室成员考核（学习活动制度·40课时）",
	"种子文档 004《XX学校名班主任工作室管理制度+遴选方案+培训方案+考核实施方案》三（一）学习活动："
	"每个月第一周星期三下午开会学习研讨；每学期研读至少一本推荐专著并撰写读书体会；"
	"每年参加不少于40课时的培训，其中一次是市级以上的专家讲座",
	[
		_quota(
			"A-01",
			"集中学习研讨（每月一次）",
			"集中学习",
			10,
			15,
			description="每个月第一周星期三下午开会学习研讨；一学年按10个月计（由学校自定），按出席计",
		),
		_quota(
			"A-02",
			"读书心得（每学期一篇）",
			"读书心得",
			2,
			15,
			description="每学期深入研读至少一本推荐专著，撰写读书体会；一学年两学期共2篇",
		),
		_quota(
			"A-03",
			"培训课时（每年40课时）",
			"培训",
			40,
			20,
			measure="Hours",
			description="每年参加不少于40课时的培训",
		),
		_quota(
			"A-04",
			"市级以上专家讲座（每年一次）",
			"培训",
			1,
			10,
			mode="All or Nothing",
			min_level="市级",
			description="40课时中有一次是市级以上的专家讲座",
		),
	],
	[
		"原文：每个月第一周星期三下午为工作室成员开会学习研讨时间，其余3周星期三下午为网络交流研讨时间；"
		"每位学员每学期必须深入研读至少一本由工作室导师推荐的德育或心理健康专著……撰写读书体会；"
		"每位学员每年参加不少于40课时的培训，其中一次是市级以上的专家讲座。",
		"一学年按两个学期、10个月计（由学校自定）。",
	],
	"A",
)

# 种子文档 004《班主任工作室制度》1–10
S9_30 = _charter(
	"班主任工作室成员考核（工作室制度·30课时）",
	"种子文档 004《班主任工作室制度》：每学期两次计划会议、二次阶段性工作情况汇报会议、一次总结会议；"
	"每学年两篇以上读书心得；每年不少于30课时的培训；每年至少一节示范性主题班会或一次班队活动；"
	"每学期至少1篇教育叙事、1个学生个案研究",
	[
		_quota(
			"B-01",
			"读书心得（每学年两篇以上）",
			"读书心得",
			2,
			10,
			description="每学期深入研读一本以上推荐专著，每学年撰写两篇以上读书心得",
		),
		_quota(
			"B-02",
			"培训课时（每年30课时）",
			"培训",
			30,
			10,
			measure="Hours",
			description="每位成员每年参加不少于30课时的培训",
		),
		_quota(
			"B-03",
			"示范性主题班会（每年一节）",
			"示范班会",
			1,
			10,
			mode="All or Nothing",
			description="每年至少上一节示范性主题班会或组织一次班队活动",
		),
		_quota(
			"B-04",
			"教育叙事（每学期一篇）",
			"教育叙事",
			2,
			5,
			description="每学期至少撰写1篇教育叙事；一学年2篇",
		),
		_quota(
			"B-05",
			"学生个案研究（每学期一个）",
			"个案研究",
			2,
			5,
			description="每学期至少分析1个学生个案研究；一学年2个",
		),
		_quota(
			"B-06",
			"计划会议（每学期两次）",
			"计划会",
			4,
			5,
			scope="Studio",
			description="每学期召开两次工作室计划会议；一学年4次（工作室）",
		),
		_quota(
			"B-07",
			"阶段性工作汇报会议（每学期二次）",
			"推进会",
			4,
			5,
			scope="Studio",
			description="每学期召开二次阶段性工作情况汇报会议；一学年4次（工作室）",
		),
		_quota(
			"B-08",
			"总结会议（每学期一次）",
			"总结会",
			2,
			5,
			scope="Studio",
			description="每学期召开一次工作室总结会议；一学年2次（工作室）",
		),
		{
			**_manual(
				"B-09",
				"个人发展规划与成长手册",
				"一",
				5,
				description="制定个人发展规划，建立成员成长手册，内容完善，过程清晰；协助主持人完成1个课题研究",
				set_by_school=1,
			),
			"evidence_method": "工作室主持人评定",
		},
	],
	[
		"原文：每学期召开两次工作室计划会议……二次阶段性工作情况汇报会议……一次工作室总结会议；每位成员每学期必须深入研读一本以上的"
		"由工作室推荐的德育或心理健康专著……每学年撰写两篇以上读书心得；每位成员每年参加不少于30课时的培训；制定个人发展规划，建立成员成长手册；"
		"每位成员每年至少上一节示范性主题班会或组织一次班队活动；每学期至少撰写1篇教育叙事、分析1个学生个案研究，协助主持人完成1个课题研究。",
		"成员由工作室主持人考核，主要从师德表现、工作态度、理论水平、管理能力、科研能力等方面进行考核（每学期的工作室成员考评），评选优秀工作室成员。",
		"每学期的义务在一学年（两个学期）计两次；会议为工作室的活动（计入工作室）。",
	],
	"B",
)

# 种子文档 004《班主任工作室管理制度》一、三、四
S9_20 = _charter(
	"班主任工作室成员考核（工作室管理制度·20课时）",
	"种子文档 004《班主任工作室管理制度》：每学期研读一本以上专著、学习研究论文不少于5篇，撰写读书体会；"
	"每学年不少于20课时的培训；每学期一次计划会议、至少二次阶段性汇报会议、一次总结会议；"
	"每学年至少1节共同体级以上公开课或讲座；每学年一节校级班会示范课、一篇德育论文或案例",
	[
		_quota(
			"C-01",
			"研究论文（每学期5篇以上）",
			"论文研读",
			10,
			10,
			description="每学期学习有关德育、心理健康研究论文不少于5篇；一学年10篇",
		),
		_quota(
			"C-02",
			"读书体会（每学期一篇）",
			"读书心得",
			2,
			5,
			description="每学期深入研读一本以上推荐专著，撰写读书体会；一学年2篇",
		),
		_quota(
			"C-03",
			"培训课时（每学年20课时）",
			"培训",
			20,
			10,
			measure="Hours",
			description="每位成员每学年参加不少于20课时的培训",
		),
		_quota(
			"C-04",
			"校级班会示范课（每学年一节）",
			"示范班会",
			1,
			10,
			mode="All or Nothing",
			description="每位成员每学年上一节校级班会（队会）示范课",
		),
		_quota(
			"C-05",
			"德育论文或案例（每学年一篇）",
			"德育论文",
			1,
			5,
			mode="All or Nothing",
			description="每学年至少撰写一篇德育论文或案例",
		),
		_quota(
			"C-06",
			"计划会议（每学期一次）",
			"计划会",
			2,
			5,
			scope="Studio",
			description="每学期召开一次工作室计划会议；一学年2次（工作室）",
		),
		_quota(
			"C-07",
			"阶段性汇报会议（每学期至少二次）",
			"推进会",
			4,
			5,
			scope="Studio",
			description="每学期至少安排二次阶段性工作情况汇报会议；一学年4次（工作室）",
		),
		_quota(
			"C-08",
			"总结会议（每学期一次）",
			"总结会",
			2,
			5,
			scope="Studio",
			description="每学期召开一次工作室总结会议；一学年2次（工作室）",
		),
		_quota(
			"C-09",
			"共同体级以上公开课或讲座（每学年一节）",
			"公开课讲座",
			1,
			5,
			scope="Studio",
			mode="All or Nothing",
			min_level="共同体级",
			description="工作室每学年至少开设1节共同体级以上公开课或讲座（工作室）",
		),
	],
	[
		"原文：工作室成员每学期必须深入研读一本以上的由工作室推荐的德育或心理健康专著，学习有关德育、心理健康研究论文不少于5篇……撰写读书体会；"
		"每位成员每学年参加不少于20课时的培训；每学期召开一次工作室计划会议……至少安排二次阶段性工作情况汇报会议……召开一次工作室总结会议；"
		"工作室每学年至少开设1节共同体级以上公开课或讲座；每位成员每学年上一节校级班会（队会）示范课，每学年至少撰写一篇德育论文或案例；"
		"学员未通过年度考核应进行调整，调整名单上报学校。",
		"每学期的义务在一学年（两个学期）计两次；会议和公开课为工作室的活动（计入工作室）。",
	],
	"C",
)

# 种子文档 004《（完整版）名班主任工作室管理制度》一、三、四
S9_6 = _charter(
	"名班主任工作室成员考核（完整版管理制度·6课时）",
	"种子文档 004《（完整版）名班主任工作室管理制度》：每学期研读两本德育专著并撰写读书体会；每年不少于6课时的培训；"
	"每学期一次计划会议、一次成果总结交流会；每学年至少有一件班主任工作成果获区级以上奖",
	[
		_quota(
			"D-01",
			"读书体会（每学期两本专著）",
			"读书心得",
			4,
			15,
			description="每学期深入研读两本德育专著并撰写读书体会；一学年4篇",
		),
		_quota(
			"D-02",
			"培训课时（每年6课时）",
			"培训",
			6,
			10,
			measure="Hours",
			description="每位成员每年参加不少于6课时的培训",
		),
		_quota(
			"D-03",
			"主题班会公开课（每年一节）",
			"示范班会",
			1,
			10,
			mode="All or Nothing",
			description="每年上一节主题班会公开课，写好具体的班会活动方案",
		),
		_quota(
			"D-04",
			"计划会议（每学期一次）",
			"计划会",
			2,
			5,
			scope="Studio",
			description="每学期召开一次工作室计划会议；一学年2次（工作室）",
		),
		_quota(
			"D-05",
			"成果总结交流会（每学期一次）",
			"总结会",
			2,
			5,
			scope="Studio",
			description="每学期举行一次成果总结交流会；一学年2次（工作室）",
		),
		_quota(
			"D-06",
			"区级以上获奖（每学年一件）",
			"获奖",
			1,
			15,
			scope="Studio",
			mode="All or Nothing",
			min_level="区级",
			description="每学年至少有一件班主任工作成果获区级以上奖（工作室）",
		),
	],
	[
		"原文：每学期，工作室成员需深入研读两本德育专著……认真撰写读书体会；每位成员每年需参加不少于6课时的培训，并上一节主题班会公开课；"
		"每学期召开一次工作室计划会议……每学期举行一次成果总结交流会；每学年至少有一件班主任工作成果获区级以上奖；"
		"工作室每学期评选一次优秀工作室成员；学员未通过年度考核即进行调整。",
		"每学期的义务在一学年（两个学期）计两次；会议和获奖为工作室的活动（计入工作室）。",
	],
	"D",
)

CHARTERS = [S9_40, S9_30, S9_20, S9_6]
RUBRICS += CHARTERS
