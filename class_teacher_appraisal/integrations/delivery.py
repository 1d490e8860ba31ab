"""Delivery of the results outside the Desk, through Frappe's own machinery (issue 15):

- the weekly bulletin and the monthly ranking as scheduled emails (*Auto Email Report*);
- the week's red flags posted to a WeCom (企业微信) or DingTalk (钉钉) group robot (*Webhook*).

All three are created disabled, only when missing (never over a school's edits): the school
enters the recipients or the robot's address and turns them on.
"""

import frappe

WEEKLY_BULLETIN_EMAIL = "Weekly Inspection Bulletin"
MONTHLY_RANKING_EMAIL = "Appraisal Ranking"
RED_FLAG_ROBOT = "Red Flags to Group Robot"

# The robot's address, to be replaced by the school's own (企业微信群机器人 or 钉钉自定义机器人).
ROBOT_URL_PLACEHOLDER = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=REPLACE-WITH-YOUR-ROBOT-KEY"

AUTO_EMAIL_REPORTS = [
	{
		# The bulletin of the current week (its "Week Of" defaults to the day it runs): on Saturday,
		# the week that has just ended.
		"report": "Weekly Inspection Bulletin",
		"frequency": "Weekly",
		"day_of_week": "Saturday",
		"filters": {},
		"description": "The week's inspections per class and item, the red flags won, incidents and deductions.",
	},
	{
		# Sent on the 1st: the latest monthly period that has ended (the ranking's "Period Type" filter).
		"report": "Appraisal Ranking",
		"frequency": "Monthly",
		"filters": {"period_type": "Month"},
		"description": "The monthly appraisal results: totals, grades, ranks and allowances.",
	},
]

# The robot's message, as both WeCom and DingTalk group robots take it ({"msgtype": "text",
# "text": {"content": ...}}): the latest week's flags of the period. For a DingTalk robot with a
# keyword for security, use 流动红旗 as the keyword.
RED_FLAG_MESSAGE = """\
{%- set awards = frappe.get_all("Red Flag Award",
	filters={"appraisal_period": doc.name, "weekly_award": [">", 0]},
	fields=["week_start", "inspection_item", "class_name", "weekly_award"],
	order_by="week_start desc, inspection_item asc, class_name asc") -%}
{%- set ns = namespace(text="") -%}
{%- if awards -%}
{%- set week = awards[0].week_start -%}
{%- set ns.text = "流动红旗 " ~ doc.period_name ~ " " ~ week ~ " 当周：" -%}
{%- for a in awards if a.week_start == week -%}
{%- set ns.text = ns.text ~ "\\n" ~ a.inspection_item ~ "：" ~ a.class_name
	~ ((" ×" ~ a.weekly_award) if a.weekly_award > 1 else "") -%}
{%- endfor -%}
{%- else -%}
{%- set ns.text = "流动红旗 " ~ doc.period_name ~ "：本周无红旗" -%}
{%- endif -%}
{"msgtype": "text", "text": {"content": {{ ns.text | tojson }}}}
"""

# on_change runs after award_flags' db_set of flags_awarded_on (publishing does not touch
# `modified`): a later save of the period makes `modified` the newer and sends nothing.
RED_FLAG_CONDITION = (
	"doc.flags_awarded_on and utils.get_datetime(doc.flags_awarded_on) > utils.get_datetime(doc.modified)"
)


def create_delivery_records():
	create_auto_email_reports()
	create_red_flag_webhook()


def create_auto_email_reports():
	"""One disabled Auto Email Report per report, unless the school has one for that report.
	Frappe requires recipients before one is saved from the Desk: the school enters them when it
	turns the report on (none is invented here)."""
	for spec in AUTO_EMAIL_REPORTS:
		if frappe.db.exists("Auto Email Report", {"report": spec["report"]}):
			continue
		doc = frappe.get_doc(
			{
				"doctype": "Auto Email Report",
				"report": spec["report"],
				"user": "Administrator",
				"enabled": 0,
				"email_to": "",
				"frequency": spec["frequency"],
				"day_of_week": spec.get("day_of_week") or "Monday",
				"format": "HTML",
				"send_if_data": 1,
				"no_of_rows": 500,
				"filters": frappe.as_json(spec["filters"]),
				"description": spec["description"],
			}
		)
		doc.flags.ignore_mandatory = True  # email_to: the school's recipients, entered on enabling
		doc.insert(ignore_permissions=True)


def create_red_flag_webhook():
	"""A disabled Webhook on Appraisal Period that posts the week's red flags to a group robot."""
	if frappe.db.exists("Webhook", RED_FLAG_ROBOT):
		return
	doc = frappe.get_doc(
		{
			"doctype": "Webhook",
			"__newname": RED_FLAG_ROBOT,
			"webhook_doctype": "Appraisal Period",
			"webhook_docevent": "on_change",
			"condition": RED_FLAG_CONDITION,
			"request_url": ROBOT_URL_PLACEHOLDER,
			"request_method": "POST",
			"request_structure": "JSON",
			"webhook_json": RED_FLAG_MESSAGE,
			"webhook_headers": [{"key": "Content-Type", "value": "application/json"}],
			"enabled": 0,
			"timeout": 5,
		}
	)
	doc.insert(ignore_permissions=True)
