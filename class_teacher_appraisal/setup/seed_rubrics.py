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
