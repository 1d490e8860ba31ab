"""The appraisal sheet (班主任考核表): the print format renders every part, line, subtotal and
the result in the reader's language without raw JSON, and wkhtmltopdf turns it into an A4 PDF
with Chinese text on this machine (site names resolve: scripts/setup-bench)."""

import shutil
import socket
import subprocess
import threading
import time
import unicodedata
import urllib.request
from io import BytesIO
from urllib.parse import urlparse

import frappe
import pytest
from frappe.model.document import Document
from frappe.model.workflow import apply_workflow
from frappe.utils import get_url
from frappe.utils.jinja_globals import bundled_asset

from class_teacher_appraisal import printing
from tests.conftest import acting_as
from tests.factories import S6, appraisal_of, approve, fill_manual, make_class, make_period, monthly_appraisal

APPRAISAL = "Class Teacher Appraisal"
SHEET = "Class Teacher Appraisal Sheet"
S7 = "赣榆县中小学班主任工作评估细则 v1"
TEACHER, OTHER = "a.teacher@example.cn", "b.teacher@example.cn"
INSPECTOR, OFFICE = "duty@example.cn", "office@example.cn"


@pytest.fixture
def in_language():
	"""Renders in a reader's language, then puts the session's back."""
	previous = frappe.local.lang

	def use(lang):
		frappe.local.lang = lang

	yield use
	frappe.local.lang = previous


@pytest.fixture
def tracked_history(monkeypatch):
	"""Frappe keeps no Version history under tests (ignore_version defaults to in_test); the
	signature boxes read it, so these tests keep it as a site does."""
	original = Document._save

	def _save(self, ignore_permissions=None, ignore_version=None):
		return original(self, ignore_permissions, False)

	monkeypatch.setattr(Document, "_save", _save)


@pytest.fixture
def vetoed(tracked_history):
	"""An approved month (S6: six parts of one line each) with a confirmed veto and an adjustment."""
	doc = monthly_appraisal("三年级(7)班", 3, TEACHER, "2025年10月", "2025-10-01", "2025-10-31")
	rule = frappe.get_doc("Appraisal Rubric", S6).veto_rules[0].rule_code
	doc.append("veto_cases", {"rule_code": rule, "reason": "课间体罚学生 × 1"})
	doc.lines[1].adjustment, doc.lines[1].adjustment_reason = -1, "班务日志缺两天"
	return approve(fill_manual(doc, short_by=1))


@pytest.fixture
def long_sheet():
	"""A draft term appraisal under the 23-line county rubric (S7), with an achievement."""
	cls = make_class("五年级(8)班", 5, class_teacher=TEACHER).name
	period = make_period("2025秋季学期（县细则）", rubric=S7)
	period.generate_appraisals()
	doc = appraisal_of(period.name, cls)
	doc.append(
		"achievements",
		{"criterion_code": "S7-23", "title": "县级优秀中队", "level": "县级", "base_points": 5},
	)
	return fill_manual(doc, short_by=0.5)


def text_of(html: str) -> str:
	return frappe.utils.strip_html(html)


def test_the_sheet_is_the_appraisals_default_print_format():
	assert frappe.get_meta(APPRAISAL).default_print_format == SHEET
	pf = frappe.get_doc("Print Format", SHEET)
	assert (pf.doc_type, pf.standard, pf.module, pf.print_format_type) == (
		APPRAISAL,
		"Yes",
		"Class Teacher Appraisal",
		"Jinja",
	)


def test_the_sheet_in_chinese_shows_the_result_parts_lines_and_signatures(vetoed, in_language):
	in_language("zh")
	html = frappe.get_print(APPRAISAL, vetoed.name, print_format=SHEET)
	text = text_of(html)
	for heading in (
		"班主任考核表",
		"考核时段",
		"班主任",
		"考核项目",
		"满分",
		"得分",
		"得分依据",
		"小计",
		"总分",
	):
		assert heading in text, heading
	assert "三年级(7)班" in text and "2025年10月" in text and "2025-10-01 至 2025-10-31" in text
	for section in vetoed.sections:
		assert section.section_title in text
		assert f"小计 {printing.points(section.points)}" in " ".join(text.split())
	for line in vetoed.lines:
		assert line.criterion_title in text and line.criterion_code in text
	# explanations rebuilt in the reader's language, the adjustment and its reason with them
	assert "人工评分：" in text and "班务日志缺两天" in text
	assert vetoed.grade == "不合格" and "等级：不合格" in text
	assert "一票否决（最低等级）" in text and "课间体罚学生 × 1" in text and "取消评优资格" in text
	assert f"共 {vetoed.rank_out_of} 个班" in text
	for role in ("检查人", "教导处/德育处", "校长"):
		assert role in text
	assert "草稿" not in text  # approved: no draft stamp


def test_the_sheet_has_no_raw_json_and_escapes_what_users_typed(vetoed):
	vetoed.db_set("exclusion_reason", '<script>alert("x")</script>{"messages": []}')
	html = frappe.get_print(APPRAISAL, vetoed.name, print_format=SHEET)
	assert "<script>alert" not in html
	assert "&lt;script&gt;" in html
	body = html.split('<div class="cta-sheet">', 1)[1]
	for raw in ('"messages"', "{&#34;", '[["', "&#34;messages&#34;"):
		assert raw not in body.replace("{&#34;messages&#34;: []}", ""), raw


def test_the_sheet_follows_the_readers_language(vetoed, in_language):
	in_language("en")
	text = text_of(frappe.get_print(APPRAISAL, vetoed.name, print_format=SHEET))
	assert "Class Teacher Appraisal Sheet" in text and "Scored by hand:" in text
	assert "Signature:" in text and "签名" not in text and "人工评分" not in text


def test_a_draft_is_stamped_and_lines_without_points_say_so(in_language):
	in_language("zh")
	doc = monthly_appraisal("三年级(8)班", 3, TEACHER, "2025年11月", "2025-11-01", "2025-11-30")
	text = text_of(frappe.get_print(APPRAISAL, doc.name, print_format=SHEET))
	assert "草稿（未审批）" in text
	assert text.count("待填写") == len(doc.lines)


def test_signatures_come_from_the_history_and_a_return_voids_earlier_steps(vetoed, tracked_history):
	sheet = printing.appraisal_sheet(frappe.get_doc(APPRAISAL, vetoed.name))
	names = [box["name"] for box in sheet["signatures"]]
	assert all(names) and all(box["date"] for box in sheet["signatures"])
	assert names == [frappe.utils.get_fullname(u) for u in (INSPECTOR, OFFICE, "head@example.cn")]

	doc = monthly_appraisal("三年级(9)班", 3, OTHER, "2025年12月", "2025-12-01", "2025-12-31")
	with acting_as(INSPECTOR):
		apply_workflow(frappe.get_doc(APPRAISAL, doc.name), "Submit for Review")
	submitted = printing.signatures(frappe.get_doc(APPRAISAL, doc.name))
	assert submitted[0]["name"] == frappe.utils.get_fullname(INSPECTOR) and not submitted[1]["name"]
	with acting_as(OFFICE):
		returned = frappe.get_doc(APPRAISAL, doc.name)
		returned.return_reason = "家访记录不全"
		returned.save()
		apply_workflow(returned, "Return")
	assert not any(box["name"] for box in printing.signatures(frappe.get_doc(APPRAISAL, doc.name)))


def test_only_those_who_may_print_the_appraisal_get_its_sheet(vetoed):
	with acting_as(TEACHER):
		assert "cta-sheet" in frappe.get_print(APPRAISAL, vetoed.name, print_format=SHEET)
	with acting_as(OTHER), pytest.raises(frappe.PermissionError):
		frappe.get_print(APPRAISAL, vetoed.name, print_format=SHEET)
	with acting_as(OTHER), pytest.raises(frappe.PermissionError):
		printing.appraisal_sheet(frappe.get_doc(APPRAISAL, vetoed.name))


def test_points_are_written_without_trailing_zeros():
	assert [printing.points(v) for v in (36.0, 9.5, 53.123, -4, None, -0.001)] == [
		"36",
		"9.5",
		"53.12",
		"-4",
		"0",
		"0",
	]


# ------------------------------------------------------------------------------ PDF


@pytest.fixture(scope="module")
def print_fonts():
	"""Every font family the app's print formats name is installed (scripts/setup-bench)."""
	from tests.print_fonts import missing_fonts

	missing = missing_fonts()
	if missing:
		pytest.fail(
			"fonts named by the print formats are not installed, so wkhtmltopdf would fall back and the "
			f"PDF's text could lose digits: {missing}; run scripts/setup-bench (it installs them)",
			pytrace=False,
		)


@pytest.fixture
def site_url_serves_assets(print_fonts):
	"""wkhtmltopdf fetches the print stylesheet from the site's own URL (frappe.utils.get_url();
	http://<site>:<webserver_port> outside a request). The site's name must resolve on this
	machine (scripts/setup-bench sees to it). When no web server answers there (CI runs none),
	the bench's /assets are served on a free loopback port for the test, as nginx would."""
	url = get_url()
	host = urlparse(url).hostname
	try:
		socket.gethostbyname(host)
	except OSError:
		pytest.fail(f"{host} does not resolve: run scripts/setup-bench (it adds it to /etc/hosts)")
	stylesheet = bundled_asset("print.bundle.css")
	if _answers(url + stylesheet):
		yield url
		return
	from werkzeug.middleware.shared_data import SharedDataMiddleware
	from werkzeug.serving import make_server
	from werkzeug.wrappers import Response

	app = SharedDataMiddleware(
		Response("not found", status=404), {"/assets": frappe.get_site_path("..", "assets")}
	)
	server = make_server("127.0.0.1", 0, app, threaded=True)
	threading.Thread(target=server.serve_forever, daemon=True).start()
	frappe.local.conf.host_name = f"http://{host}:{server.server_port}"
	try:
		assert _answers(get_url() + stylesheet)
		yield get_url()
	finally:
		frappe.local.conf.pop("host_name", None)
		server.shutdown()


def _answers(url: str) -> bool:
	try:
		with urllib.request.urlopen(url, timeout=5) as response:
			return response.status == 200
	except OSError:
		return False


# The CJK fonts map some ideographs and radicals to one glyph, and wkhtmltopdf's text layer
# names the radical: NFKC turns the Kangxi radicals back (⼀ → 一, ⼩ → 小); these simplified
# radicals have no such mapping.
RADICALS = str.maketrans("⻓⻔⻛⻢⻋⻚⻅⻜⻰⻄⻘⻝⻩⻬⻥⻦", "长门风马车页见飞龙西青食黄齐鱼鸟")


def pdf_text(pdf: bytes) -> str:
	"""The PDF's text as pdftotext reads it, with the radicals above read as ideographs."""
	pdftotext = shutil.which("pdftotext")
	assert pdftotext, "pdftotext is missing: scripts/setup-bench installs poppler-utils"
	out = subprocess.run([pdftotext, "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
	return unicodedata.normalize("NFKC", out.stdout.decode("utf-8")).translate(RADICALS)


def test_the_sheet_prints_to_an_a4_pdf_with_chinese_text(site_url_serves_assets, long_sheet, in_language):
	from pypdf import PdfReader

	in_language("zh")
	started = time.monotonic()
	pdf = frappe.get_print(APPRAISAL, long_sheet.name, print_format=SHEET, as_pdf=True)
	seconds = time.monotonic() - started
	assert pdf.startswith(b"%PDF")
	pages = PdfReader(BytesIO(pdf)).pages
	assert 1 <= len(pages) <= 3
	for page in pages:
		assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4
	text = pdf_text(pdf)
	flat = " ".join(text.split())
	for heading in (
		"班主任考核表",
		"考核项目",
		"得分依据",
		"小计",
		"总分",
		"检查人",
		"教导处/德育处",
		"校长",
	):
		assert heading in flat, heading
	for section in long_sheet.sections:
		assert section.section_title in flat
	assert "县级优秀中队" in flat
	# Latin letters and digits keep their text: the sheet number, dates, points, the teacher
	sheet = printing.appraisal_sheet(long_sheet)
	assert flat.count(long_sheet.name) >= 2, "the sheet number lost its digits"
	assert "2025-09-01 至 2026-01-18" in flat and sheet["printed_on"] in flat
	assert f"总分 100 {printing.points(long_sheet.total_score)}" in flat
	assert sheet["teacher"] and sheet["teacher"] in flat
	assert seconds < 30, f"the PDF took {seconds:.1f} s"


def test_the_pdf_download_endpoint_gives_the_sheet(site_url_serves_assets, vetoed, in_language):
	"""What the Desk's PDF button calls (frappe.utils.print_format.download_pdf)."""
	from frappe.utils.print_format import download_pdf

	in_language("zh")
	download_pdf(APPRAISAL, vetoed.name, format=SHEET)
	response = frappe.local.response
	assert response.type == "pdf" and response.filecontent.startswith(b"%PDF")
	assert "班主任考核表" in pdf_text(response.filecontent)
