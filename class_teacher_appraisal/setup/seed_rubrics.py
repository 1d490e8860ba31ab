"""The seed documents' schemes (see the project's RUBRICS.md), shipped as data that a school
edits in the Desk. Created only where missing (install.create_setup_records)."""

GRADES = [
	{"grade": "优秀", "min_score": 90},
	{"grade": "良好", "min_score": 80},
	{"grade": "合格", "min_score": 60},
	{"grade": "不合格", "min_score": 0},
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
		"description": "少先队每周检查：课间、集会和日常行为",
		"incident_types": [
			{"incident_type": "打架", "default_deduction": 2},
			{"incident_type": "乱扔纸屑", "default_deduction": 1},
			{"incident_type": "追逐打闹", "default_deduction": 1},
		],
	},
	{
		"item_name": "卫生",
		**_FLAG_ITEM,
		"description": "少先队每周检查：教室和包干区卫生",
		"incident_types": [{"incident_type": "包干区未打扫", "default_deduction": 2}],
	},
	{"item_name": "路队", **_FLAG_ITEM, "description": "少先队每周检查：放学路队"},
	{"item_name": "眼保健操", **_FLAG_ITEM, "description": "少先队每周检查：眼保健操"},
	{
		"item_name": "主题队会",
		"scoring_method": "Level",
		"max_score": 3,
		"levels": _MEETING_LEVELS,
		"description": "按时开展并上交记录：优秀相当于两面流动红旗，合格相当于一面",
	},
	{
		"item_name": "黑板报",
		"scoring_method": "Level",
		"max_score": 3,
		"levels": _MEETING_LEVELS,
		"description": "计分方法参照主题队会",
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
		"description": "三至六年级轮流承担国旗下讲话和旗手",
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


def _manual(code, title, section, max_points, evidence="", description=""):
	return {
		"criterion_code": code,
		"criterion_title": title,
		"section_code": section,
		"rule_kind": "Manual Points",
		"max_points": max_points,
		"evidence_method": evidence,
		"description": description,
	}


# ------------------------------------------------------------- S1
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
			"description": "学期结束，第一名的班级为满分40分，其他班级：40分÷第一名班级红旗数×该班红旗数",
		},
		{
			"criterion_code": "S1-02",
			"criterion_title": "升旗仪式轮值",
			"section_code": "一",
			"rule_kind": "Level Points",
			"inspection_item": "升旗仪式轮值",
			"grade_levels": "3-6",  # 三至六年级轮流
			"description": "三至六年级轮流：优秀加3分，良好加2分，合格加1分，较差扣1分",
		},
		{
			"criterion_code": "S1-03",
			"criterion_title": "学生缺席升旗仪式",
			"section_code": "一",
			"rule_kind": "Deduction per Incident",
			"unit_points": 0.5,
			"inspection_item": "升旗出勤",
			"incident_types": "学生缺席升旗",
			"description": "每人次扣0.5分",
		},
		_manual("S1-04", "学校活动", "二", 30, description="原文此部分未保留细则，按学校规定人工评分"),
		_manual("S1-05", "后勤管理", "三", 20, description="原文此部分未保留细则，按学校规定人工评分"),
		_manual("S1-06", "教导处工作", "四", 10, description="原文此部分未保留细则，按学校规定人工评分"),
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
}

# ------------------------------------------------------------- S6 (monthly) and its term
S6_VETOES = [
	{
		"rule_code": "否决1",
		"rule_title": "不深入班级、不关心学生，家长意见较大、社会反响强烈",
		"effect": "Lowest Grade",
	},
	{
		"rule_code": "否决2",
		"rule_title": "重大违法违纪，或因失职渎职造成班级较大安全事故",
		"effect": "Lowest Grade",
		"incident_types": "较大安全事故",
	},
	{
		"rule_code": "否决3",
		"rule_title": "体罚或变相体罚产生不良影响、造成严重后果",
		"effect": "Lowest Grade",
		"incident_types": "体罚或变相体罚",
	},
	{"rule_code": "否决4", "rule_title": "违规收费或逼迫学生转学", "effect": "Lowest Grade"},
]
S6_PARTS = [("一", "师德修养", 10), ("二", "班务记载", 20), ("三", "常规管理", 40), ("四", "中心活动", 10), ("五", "财产管理", 10), ("六", "安全教育", 10)]  # fmt: skip

S6 = {
	"rubric_name": "班主任月度考核（百分制）",
	"period_type": "Month",
	"total_points": 100,
	"base_allowance": 200,
	"source": "种子文档 001《职责4》《职责13》：每月津贴300元，200元随工资发放，100元经考核后发放",
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
	"grade_bands": [
		{"grade": "优", "min_score": 90, "allowance": 160},
		{"grade": "良", "min_score": 80, "allowance": 100},
		{"grade": "合格", "min_score": 60, "allowance": 40},
		{"grade": "不合格", "min_score": 0, "allowance": 0, "withhold_all": 1},
	],
	"veto_rules": S6_VETOES,
}

S6_TERM = {
	"rubric_name": "班主任学期综合考核",
	"period_type": "Term",
	"total_points": 550,
	"source": "种子文档 001《职责4》：学期综合考核 = 月考核累计分 + 奖励性活动分 + 考核组综评（五个月）",
	"criteria": [
		{
			"criterion_code": "T-01",
			"criterion_title": "月考核累计分",
			"rule_kind": "Period Roll-up",
			"source_period_type": "Month",
			"aggregate": "Sum",
			"max_points": 500,
			"description": "本学期已审批的月度考核总分之和",
		},
		_manual("T-02", "奖励性活动分", "", 20),
		{
			"criterion_code": "T-03",
			"criterion_title": "考核组综评",
			"rule_kind": "Weighted Rating",
			"max_points": 30,
		},
	],
	"rater_weights": [{"criterion_code": "T-03", "rater_group": "Leadership", "weight_percent": 100}],
	"grade_bands": [
		{"grade": "优秀", "min_score": 495},
		{"grade": "良好", "min_score": 440},
		{"grade": "合格", "min_score": 330},
		{"grade": "不合格", "min_score": 0},
	],
	"veto_rules": S6_VETOES,
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
}

RUBRICS = [S1, S6, S6_TERM, S7]
