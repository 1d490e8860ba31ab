"""What users type is shown as text wherever the app shows it: reports (cells, column labels,
charts, summaries), the workspace's charts, notifications and their emails, and the printed
sheet. A <script> or an <img onerror> saved by one user never becomes markup in another's page.

The text is saved through the documents, as the users who type it. Frappe's own sanitiser
changes some of it on the way in (a draft's <script> is stored escaped, an <img> keeps only its
src); what reaches the database unchanged (e.g. a submitted inspection's incident reason, an
appeal's decision) must come out escaped exactly once."""

import email
import json
from email.header import decode_header, make_header

import frappe
import pytest
from frappe.desk.query_report import run
from frappe.model.workflow import apply_workflow

from class_teacher_appraisal import dashboard
from class_teacher_appraisal.scoring import Kind
from tests.conftest import acting_as
from tests.factories import (
	S1,
	S6,
	appraisal_of,
	approve,
	fill_manual,
	make_class,
	make_period,
	walk,
)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
TYPED = f"{SCRIPT} {IMG}"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;"

TEACHER = "a.teacher@example.cn"
INSPECTOR, OFFICE, PRINCIPAL = "duty@example.cn", "office@example.cn", "head@example.cn"
APPRAISAL = "Class Teacher Appraisal"
SHEET = "Class Teacher Appraisal Sheet"
S7 = "赣榆县中小学班主任工作评估细则 v1"


def kept_of_typed() -> str:
	"""What of the typed markup a saved field keeps: Frappe sanitizes text fields on save (Frappe 15
	escapes the tags, so "alert(1)" stays; Frappe 16 removes scripts and handlers, keeping the image
	tag without them)."""
	from frappe.utils.html_utils import sanitize_html

	return "alert(1)" if "alert(1)" in sanitize_html(TYPED) else "img src"


def assert_inert(shown: str, where: str = ""):
	"""No markup from what was typed, and the typed text still there (shown, not dropped)."""
	low = shown.lower()
	assert "<script" not in low, f"raw <script> in {where}: {shown[:2000]}"
	assert "<img" not in low, f"raw <img> in {where}: {shown[:2000]}"
	assert kept_of_typed() in shown, f"the typed text is missing from {where}"


def as_text(result) -> str:
	return json.dumps(result, ensure_ascii=False, default=str)


def sent_after_commit():
	"""What a commit does after a request: the notifications queued for it go out."""
	frappe.db.after_commit.run()


# ------------------------------------------------------------------ fixtures


@pytest.fixture
def rubrics():
	"""The office names a part, a grade and the red-flag criteria of the shipped rubrics with
	markup (the rubrics are not in use yet, so they may be edited)."""
	with acting_as(OFFICE):
		s6 = frappe.get_doc("Appraisal Rubric", S6)
		s6.sections[0].section_title = "师德" + TYPED
		for band in s6.grade_bands:
			if band.min_score == 0:
				band.grade = "差" + TYPED
		s6.save()
		s1 = frappe.get_doc("Appraisal Rubric", S1)
		for c in s1.criteria:
			if c.rule_kind == Kind.FLAG_SHARE:
				c.criterion_title = "红旗" + TYPED
		s1.save()
	return s6, s1


@pytest.fixture
def vetoed(rubrics):
	"""A month appraisal with a veto case and an adjustment typed by the office, approved."""
	cls = make_class("三年级(6)班", 3, class_teacher=TEACHER).name
	period = make_period("2025年10月", "2025-10-01", "2025-10-31", rubric=S6, period_type="Month")
	period.generate_appraisals()
	doc = appraisal_of(period.name, cls)
	with acting_as(OFFICE):
		doc = frappe.get_doc(APPRAISAL, doc.name)
		doc.append("veto_cases", {"rule_code": first_veto_rule(doc), "reason": "体罚" + TYPED})
		doc.lines[1].adjustment, doc.lines[1].adjustment_reason = -1, "日志" + TYPED
		fill_manual(doc, short_by=1)
	return approve(frappe.get_doc(APPRAISAL, doc.name))


def first_veto_rule(doc) -> str:
	return frappe.get_doc("Appraisal Rubric", doc.rubric).veto_rules[0].rule_code


@pytest.fixture
def submitted_incident():
	"""A week's inspection the duty inspector records and submits in one call (as a client of Frappe
	REST API may): Frappe keeps a submitted document's text as it is."""
	cls = make_class("三年级(2)班", 3, class_teacher=TEACHER).name
	make_period()
	with acting_as(INSPECTOR):
		frappe.get_doc(
			{
				"doctype": "Inspection",
				"inspection_date": "2025-09-09",
				"class_record": cls,
				"inspection_item": "升旗出勤",
				"remarks": TYPED,
				"incidents": [{"incident_type": "学生缺席升旗", "count": 2, "reason": TYPED}],
				"docstatus": 1,
			}
		).insert()
	assert frappe.db.get_value("Inspection Incident", {"reason": ["like", "%<script>%"]}, "reason") == TYPED
	return cls


# ------------------------------------------------------------------ reports


def test_the_weekly_bulletin_shows_incident_reasons_as_text(submitted_incident):
	with acting_as(OFFICE):
		result = run("Weekly Inspection Bulletin", filters={"week": "2025-09-08"})
	rows = [r for r in result["result"] if isinstance(r, dict)]  # the last is the total row
	[row] = [r for r in rows if r["class_record"] == submitted_incident and r["incidents"]]
	assert row["reasons"] == f"学生缺席升旗 × 2 ({ESCAPED})"
	assert_inert(as_text(result), "the bulletin")
	# the class teacher's own bulletin too
	with acting_as(TEACHER):
		assert_inert(as_text(run("Weekly Inspection Bulletin", filters={"week": "2025-09-08"})), "bulletin")


def test_the_red_flag_tally_shows_criterion_titles_as_text(rubrics, submitted_incident):
	with acting_as(OFFICE):
		result = run("Red Flag Tally", filters={"appraisal_period": "2025秋季学期"})
	labels = [c["label"] for c in result["columns"]]
	assert any("红旗" in label for label in labels)
	assert_inert(as_text(result), "the red flag tally")


def test_the_ranking_and_the_history_show_reasons_grades_and_parts_as_text(vetoed):
	assert vetoed.vetoed and kept_of_typed() in vetoed.veto_reason
	with acting_as(OFFICE):
		ranking = run("Appraisal Ranking", filters={"appraisal_period": vetoed.appraisal_period})
	[row] = ranking["result"]
	assert row["remark"].startswith("Vetoed: ") and kept_of_typed() in row["remark"]
	assert any("师德" in c["label"] for c in ranking["columns"])
	assert any("差" in card["label"] for card in ranking["report_summary"])
	assert_inert(as_text(ranking), "the ranking")
	with acting_as(TEACHER):
		history = run("Teacher History", filters={"class_teacher": TEACHER})
	assert "差" in history["result"][0]["grade"]
	assert_inert(as_text(history), "the teacher history")


def test_a_period_named_in_the_address_is_not_echoed_as_markup(db):
	with acting_as(OFFICE):
		with pytest.raises(frappe.ValidationError) as raised:
			run("Appraisal Ranking", filters={"appraisal_period": TYPED})
		assert_inert(str(raised.value), "the ranking's message")
		with pytest.raises(frappe.DoesNotExistError) as raised:
			dashboard.grade_distribution(json.dumps({"appraisal_period": TYPED}))
		assert_inert(str(raised.value), "the chart's message")


# ------------------------------------------------------------------ workspace charts


def test_the_workspace_charts_show_grades_and_parts_as_text(vetoed):
	with acting_as(OFFICE):
		grades = dashboard.grade_distribution()
		parts = dashboard.points_by_part()
	assert any("差" in label for label in grades["labels"])
	assert any("师德" in label for label in parts["labels"])
	assert_inert(as_text(grades), "the grade chart")
	assert_inert(as_text(parts), "the parts chart")


# ------------------------------------------------------------------ notifications and emails


@pytest.fixture
def draft(rubrics):
	cls = make_class("五年级(3)班", 5, class_teacher=TEACHER).name
	period = make_period("2025年11月", "2025-11-01", "2025-11-30", rubric=S6, period_type="Month")
	period.generate_appraisals()
	return fill_manual(appraisal_of(period.name, cls), short_by=1)


@pytest.fixture
def outgoing_email(monkeypatch):
	monkeypatch.setattr(frappe.flags, "mute_emails", False)
	frappe.get_doc({"doctype": "Email Account", "email_account_name": "学校", "email_id": "office@school.cn",
		"default_outgoing": 1, "enable_outgoing": 1, "smtp_server": "localhost", "awaiting_password": 0,
		"no_smtp_authentication": 1}).insert(ignore_permissions=True)  # fmt: skip


def subjects(user, name) -> list[str]:
	return frappe.get_all(
		"Notification Log", filters={"for_user": user, "document_name": name}, pluck="subject"
	)


def emails_to(user, name) -> list[tuple[str, str]]:
	"""(subject, HTML body) of the emails queued for a user about a document."""
	out = []
	for parent in frappe.get_all("Email Queue Recipient", filters={"recipient": user}, pluck="parent"):
		queued = frappe.db.get_value("Email Queue", parent, ["reference_name", "message"], as_dict=True)
		if queued.reference_name != name:
			continue
		mime = email.message_from_string(queued.message)
		body = "".join(
			part.get_payload(decode=True).decode()
			for part in mime.walk()
			if part.get_content_type() == "text/html"
		)
		out.append((str(make_header(decode_header(mime["Subject"]))), body))
	return out


def test_a_returned_appraisal_tells_the_teacher_the_reason_as_text(draft, outgoing_email):
	doc = walk(draft, (INSPECTOR, "Submit for Review"))
	with acting_as(OFFICE):
		returned = frappe.get_doc(APPRAISAL, doc.name)
		returned.return_reason = "家访" + TYPED
		returned.save()
		apply_workflow(returned, "Return")
	sent_after_commit()
	[subject] = subjects(TEACHER, doc.name)
	assert subject.startswith(f"Your appraisal {doc.title} was returned: 家访")
	assert_inert(subject, "the notification")
	[(email_subject, body)] = emails_to(TEACHER, doc.name)
	assert "家访" in email_subject and "<script" not in email_subject and "<img" not in email_subject
	assert_inert(body, "the email")


def test_an_approval_tells_the_grade_as_text(draft, outgoing_email):
	with acting_as(OFFICE):
		doc = frappe.get_doc(APPRAISAL, draft.name)
		doc.append("veto_cases", {"rule_code": first_veto_rule(doc), "reason": "x"})
		doc.save()
	doc = approve(doc)
	sent_after_commit()
	[subject] = subjects(TEACHER, doc.name)
	assert "差" in subject
	assert_inert(subject, "the notification")
	[(_subject, body)] = emails_to(TEACHER, doc.name)
	assert_inert(body, "the email")


def test_a_rejected_appeal_tells_the_decision_as_text(vetoed):
	with acting_as(TEACHER):
		appeal = frappe.get_doc(
			{
				"doctype": "Appraisal Appeal",
				"appraisal": vetoed.name,
				"reason": "申诉" + TYPED,
				"lines": [{"criterion_code": vetoed.lines[0].criterion_code, "reason": TYPED}],
			}
		).insert()
	with acting_as(OFFICE):
		frappe.get_doc("Appraisal Appeal", appeal.name).reject("驳回" + TYPED)
	assert frappe.db.get_value("Appraisal Appeal", appeal.name, "decision") == "驳回" + TYPED  # kept as typed
	sent_after_commit()
	[subject] = subjects(TEACHER, appeal.name)
	assert subject.endswith(f"驳回{ESCAPED}")
	assert_inert(subject, "the notification")


# ------------------------------------------------------------------ only after the commit


@pytest.fixture
def handed_over(monkeypatch):
	"""The notifications handed to Frappe's queue or mailer, whenever that happens."""
	calls = []
	enqueue, sendmail = frappe.enqueue, frappe.sendmail

	def recording_enqueue(method, *args, **kwargs):
		if "notification" in str(method):
			calls.append(("job", method))
		return enqueue(method, *args, **kwargs)

	def recording_sendmail(*args, **kwargs):
		calls.append(("email", kwargs.get("subject")))
		return sendmail(*args, **kwargs)

	monkeypatch.setattr(frappe, "enqueue", recording_enqueue)
	monkeypatch.setattr(frappe, "sendmail", recording_sendmail)
	return calls


def test_nothing_is_sent_before_the_commit_and_nothing_after_a_rollback(draft, outgoing_email, handed_over):
	doc = walk(draft, (INSPECTOR, "Submit for Review"))
	assert doc.workflow_state == "Pending Office Review"
	assert handed_over == [] and not subjects(OFFICE, doc.name)
	frappe.db.rollback()  # the request fails after the step: its transaction is rolled back
	sent_after_commit()  # a later commit (of another request) sends nothing of this one
	assert handed_over == []
	assert not frappe.db.exists("Notification Log", {"document_name": doc.name})


def test_the_commit_sends_the_notification_and_the_email(draft, outgoing_email, handed_over):
	doc = walk(draft, (INSPECTOR, "Submit for Review"))
	assert handed_over == []
	sent_after_commit()
	assert [kind for kind, _what in handed_over] == ["job", "email"]
	assert any("waiting for the office's review" in s for s in subjects(OFFICE, doc.name))
	assert emails_to(OFFICE, doc.name)


# ------------------------------------------------------------------ the printed sheet


def sheet(name) -> str:
	"""The sheet itself, without the page Frappe puts around it (which has scripts of its own)."""
	html = frappe.get_print(APPRAISAL, name, print_format=SHEET)
	return html.split('<div class="cta-sheet">', 1)[1].split('<div class="cta-foot">', 1)[0]


def test_the_sheet_prints_what_users_typed_as_text(vetoed):
	with acting_as(OFFICE):
		settings = frappe.get_single("Class Teacher Appraisal Settings")
		settings.school_name = "实验小学" + TYPED
		settings.save()
	vetoed.db_set("exclusion_reason", TYPED)  # as stored by any other way: escaped once
	body = sheet(vetoed.name)
	assert ESCAPED in body
	for typed in ("实验小学", "体罚", "日志", "师德", "差"):
		assert typed in body, typed
	assert_inert(body, "the sheet")


def test_the_sheet_prints_achievements_as_text():
	cls = make_class("五年级(8)班", 5, class_teacher=TEACHER).name
	period = make_period("2025秋季学期（县细则）", rubric=S7)
	period.generate_appraisals()
	with acting_as(OFFICE):
		doc = frappe.get_doc(APPRAISAL, appraisal_of(period.name, cls).name)
		doc.append("achievements", {"criterion_code": "S7-23", "title": "县级" + TYPED, "level": "县级"})
		fill_manual(doc)
	body = sheet(doc.name)
	assert "县级" in body
	assert_inert(body, "the sheet")


def test_error_messages_quote_what_was_typed_as_text():
	"""The Desk shows an error message as HTML: a level typed by the office (Frappe keeps simple
	markup such as <b> in a Data field) and quoted in the message a duty teacher sees is escaped."""
	cls = make_class("三年级(9)班", 3).name
	make_period("2025年11月（文本）", "2025-11-01", "2025-11-30", rubric=S6, period_type="Month")
	item = frappe.get_doc("Inspection Item", "主题队会")
	item.append("levels", {"level": "<b>特优</b>", "score": 1})
	item.save()
	assert "<b>特优</b>" in [lv.level for lv in frappe.get_doc("Inspection Item", "主题队会").levels]
	doc = frappe.get_doc(
		{
			"doctype": "Inspection",
			"inspection_date": "2025-11-03",
			"class_record": cls,
			"inspection_item": "主题队会",
			"level": "不存在的等级",
		}
	)
	with pytest.raises(frappe.ValidationError) as refused:
		doc.insert()
	message = str(refused.value)
	assert "&lt;b&gt;特优&lt;/b&gt;" in message and "<b>" not in message
