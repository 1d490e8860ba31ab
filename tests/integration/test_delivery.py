"""Issue 15's delivery: the scheduled emails (Auto Email Report) and the red-flag message to a
WeCom/DingTalk group robot (Webhook), run for real: the reports' own queries, and a robot that is
a local HTTP server."""

import email
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import frappe
import pytest

from class_teacher_appraisal.integrations import delivery
from tests.factories import inspect, make_period, make_school

WEEKS = ["2025-09-01", "2025-09-08"]  # Mondays


def test_the_scheduled_emails_exist_disabled_with_no_invented_recipients():
	reports = frappe.get_all(
		"Auto Email Report",
		filters={"report": ["in", ["Weekly Inspection Bulletin", "Appraisal Ranking"]]},
		fields=["report", "enabled", "frequency", "day_of_week", "email_to", "filters"],
		order_by="report",
	)
	assert [(r.report, r.enabled, r.frequency) for r in reports] == [
		("Appraisal Ranking", 0, "Monthly"),
		("Weekly Inspection Bulletin", 0, "Weekly"),
	]
	assert all(not r.email_to for r in reports)
	assert json.loads(reports[0].filters) == {"period_type": "Month"}
	# Idempotent, and a school's edits survive a migrate (the patch runs the same code).
	frappe.db.set_value("Auto Email Report", {"report": "Appraisal Ranking"}, "format", "XLSX")
	delivery.create_delivery_records()
	assert frappe.db.count("Auto Email Report", {"report": "Appraisal Ranking"}) == 1
	assert frappe.db.get_value("Auto Email Report", {"report": "Appraisal Ranking"}, "format") == "XLSX"
	assert frappe.db.count("Webhook", {"name": delivery.RED_FLAG_ROBOT, "enabled": 0}) == 1


@pytest.fixture
def flag_week():
	classes = make_school(3)
	period = make_period("2025年9月", "2025-09-01", "2025-09-30", period_type="Month")
	for day in WEEKS:
		for cls, score in zip(classes, (10, 8, 6), strict=True):
			inspect(cls, "卫生", day, score)
	return period, classes


def test_the_weekly_bulletin_email_runs_the_report(flag_week, monkeypatch):
	monkeypatch.setattr(frappe.flags, "mute_emails", False)
	frappe.get_doc({"doctype": "Email Account", "email_account_name": "学校", "email_id": "office@school.cn",
		"default_outgoing": 1, "enable_outgoing": 1, "smtp_server": "localhost", "awaiting_password": 0,
		"no_smtp_authentication": 1}).insert(ignore_permissions=True)  # fmt: skip
	report = frappe.get_doc("Auto Email Report", {"report": "Weekly Inspection Bulletin"})
	report.filters = frappe.as_json({"week": WEEKS[1]})
	html = report.get_report_content()
	assert "三年级(1)班" in html and "三年级(3)班" in html and "卫生" in html
	report.email_to = "office@example.cn"
	report.send()
	queued = frappe.get_last_doc("Email Queue", filters={"reference_doctype": "Auto Email Report"})
	assert queued.reference_name == report.name
	parts = email.message_from_string(queued.message).walk()
	html = "".join(p.get_payload(decode=True).decode() for p in parts if p.get_content_type() == "text/html")
	assert "三年级(2)班" in html
	assert [r.recipient for r in queued.recipients] == ["office@example.cn"]


def test_the_monthly_email_ranks_the_latest_ended_month(flag_week):
	period, classes = flag_week
	period.generate_appraisals()
	report = frappe.get_doc("Auto Email Report", {"report": "Appraisal Ranking"})
	html = report.get_report_content()  # filters {"period_type": "Month"}: no period named
	assert all(frappe.db.get_value("Class Record", c, "class_name") in html for c in classes)
	# No month has ended yet (only future ones): nothing to send, no error in the scheduler.
	frappe.db.set_value("Appraisal Period", {"period_type": "Month"}, "end_date", "2999-12-31")
	assert frappe.get_doc("Auto Email Report", report.name).get_report_content() is None


class Robot(BaseHTTPRequestHandler):
	received: list = []

	def do_POST(self):
		body = self.rfile.read(int(self.headers["Content-Length"]))
		Robot.received.append((self.headers["Content-Type"], json.loads(body)))
		self.send_response(200)
		self.send_header("Content-Type", "application/json")
		self.end_headers()
		self.wfile.write(b'{"errcode":0,"errmsg":"ok"}')

	def log_message(self, *args):
		pass


@pytest.fixture
def robot():
	server = HTTPServer(("127.0.0.1", 0), Robot)
	Robot.received = []
	thread = threading.Thread(target=server.serve_forever, daemon=True)
	thread.start()
	yield f"http://127.0.0.1:{server.server_address[1]}/cgi-bin/webhook/send?key=test"
	server.shutdown()
	frappe.cache.delete_value("webhooks")  # the enabled webhook is rolled back, the cache is not


def test_publishing_the_flags_posts_the_weeks_flags_to_the_group_robot(flag_week, robot):
	period, classes = flag_week
	hook = frappe.get_doc("Webhook", delivery.RED_FLAG_ROBOT)
	assert hook.enabled == 0 and "REPLACE-WITH-YOUR-ROBOT-KEY" in hook.request_url
	hook.update({"enabled": 1, "request_url": robot})
	hook.save()
	period.award_weekly_flags()
	# Frappe sends webhooks once the transaction commits (tests roll back): run that step; under
	# tests (frappe.flags.in_test) Frappe's enqueue runs the request at once.
	from frappe.integrations.doctype.webhook import flush_webhook_execution_queue

	flush_webhook_execution_queue()
	assert len(Robot.received) == 1
	content_type, body = Robot.received[0]
	assert content_type == "application/json"
	assert body["msgtype"] == "text"
	lines = body["text"]["content"].split("\n")
	# The latest week's flags (卫生: the top two of three classes), not the earlier week's.
	assert lines == [f"流动红旗 2025年9月 {WEEKS[1]} 当周：", "卫生：三年级(1)班", "卫生：三年级(2)班"]
	# Saving the period afterwards sends nothing again.
	period.reload()
	period.save()
	flush_webhook_execution_queue()
	assert len(Robot.received) == 1
