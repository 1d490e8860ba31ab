"""The classes' QR codes (inspection_qr) on a site: the sheet holds one code per active class and
item, each the QR code of its class's address; it prints to A4 pages with the names; only the
staff who record inspections and the office get it; a scanned code leads to today's round of the
item (the duty teacher's draft if there is one) or to the class's inspection of today."""

import re
import shutil
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlparse

import frappe
import pytest
import segno
from frappe.utils import add_days, get_url, today

from class_teacher_appraisal import inspection_qr
from tests.conftest import acting_as
from tests.factories import inspect, make_class, make_period, make_school, make_user
from tests.integration.test_print_format import pdf_text
from tests.print_fonts import missing_fonts
from tests.unit.test_inspection_qr import decodes_to

OFFICE, PRINCIPAL, INSPECTOR = "office@example.cn", "head@example.cn", "duty@example.cn"
CELL = re.compile(
	r'<td class="cta-qr-cell" data-class="([^"]*)" data-item="([^"]*)" data-url="([^"]*)">(.*?)</td>', re.S
)


@pytest.fixture
def school(db):
	"""Three grade-2 classes and an inactive one; the items are the site's active ones."""
	classes = make_school(3, grade_level=2)
	gone = make_class("二年级(9)班", 2).name
	frappe.db.set_value("Class Record", gone, "is_active", 0)
	items = frappe.get_all("Inspection Item", filters={"is_active": 1}, pluck="name")
	assert {"卫生", "纪律"} <= set(items)
	return frappe._dict(classes=classes, gone=gone, item_names=items)


@pytest.fixture
def response():
	"""What a whitelisted method put in frappe.response, put back afterwards."""
	saved = dict(frappe.local.response)
	yield frappe.local.response
	frappe.local.response.clear()
	frappe.local.response.update(saved)


def sheet_html(response, **kw) -> str:
	inspection_qr.sheet(**kw)
	assert response["type"] == "download" and response["display_content_as"] == "inline"
	assert response["content_type"].startswith("text/html")
	return response["filecontent"].decode("utf-8")


def unescape(value: str) -> str:
	return (
		value.replace("&#34;", '"')
		.replace("&#39;", "'")
		.replace("&lt;", "<")
		.replace("&gt;", ">")
		.replace("&amp;", "&")
	)


def test_one_code_per_class_and_item_each_the_code_of_its_address(school, response):
	with acting_as(OFFICE):
		html = sheet_html(response)
	cells = CELL.findall(html)
	active = frappe.get_all("Class Record", filters={"is_active": 1}, pluck="name")
	assert set(school.classes) <= set(active) and school.gone not in active
	assert len(cells) == len(active) * len(school.item_names)
	assert sorted((unescape(c), unescape(i)) for c, i, _u, _s in cells) == sorted(
		(c, i) for c in active for i in school.item_names
	)
	for cls, item, url, body in cells:
		url = unescape(url)
		assert url == get_url() + inspection_qr.scan_path(unescape(item), unescape(cls))
		path = urlparse(url).path.split("/")
		assert (unquote(path[3]), unquote(path[4])) == (unescape(item), unescape(cls))
		svg = re.search(r"<svg.*?</svg>", body, re.S).group(0)
		assert decodes_to(svg, url), f"the code of {cls} {item} is not its address"
	# the names are shown, each item on pages of its own
	for name in ("二年级(1)班", "二年级(3)班"):
		assert html.count(f'<div class="cta-qr-class">{name}</div>') == len(school.item_names)
	assert "二年级(9)班" not in html
	assert html.count('<div class="cta-qr-page">') == len(school.item_names) * -(
		-len(active) // inspection_qr.PER_PAGE
	)


def test_one_item_and_one_grade(school, response):
	other_grade = make_school(1, grade_level=5)[0]
	with acting_as(INSPECTOR):
		cells = CELL.findall(sheet_html(response, inspection_item="卫生", grade_level=2))
	assert sorted(unescape(c) for c, *_ in cells) == sorted(school.classes)
	assert {i for _c, i, *_ in cells} == {"卫生"}
	assert other_grade not in {unescape(c) for c, *_ in cells}


def test_names_are_escaped(school, response):
	frappe.db.set_value("Class Record", school.classes[0], "class_name", '<img src=x onerror="alert(1)">')
	with acting_as(OFFICE):
		html = sheet_html(response, inspection_item="卫生")
	assert "<img" not in html and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html


def test_the_sheet_prints_to_a4_pdf_pages_with_the_names(school, response):
	from pypdf import PdfReader

	missing = missing_fonts()
	assert not missing, f"fonts the sheet names are not installed (scripts/setup-bench): {missing}"
	for i in range(1, 14):  # 13 classes: a page of 12 and a page of 1
		make_class(f"三年级({i})班", 3)
	with acting_as(INSPECTOR):
		inspection_qr.sheet(inspection_item="卫生", grade_level=3, pdf=1)
	pdf = response["filecontent"]
	assert response["type"] == "pdf" and pdf.startswith(b"%PDF")
	pages = PdfReader(BytesIO(pdf)).pages
	assert len(pages) == 2
	for page in pages:
		assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
	text = pdf_text(pdf)
	for name in ("三年级(1)班", "三年级(12)班", "三年级(13)班", "卫生"):
		assert name in text, name
	assert "二年级(1)班" not in text
	# the first code as printed, read back from the page: the first class's address
	first = frappe.db.get_value("Class Record", {"class_name": "三年级(1)班"})
	url = get_url() + inspection_qr.scan_path("卫生", first)
	expected = [[bool(m) for m in row] for row in segno.make(url, error="m", micro=False).matrix]
	printed, size_mm = first_printed_code(pdf, len(expected))
	assert printed == expected
	assert size_mm >= 30, f"the code is printed {size_mm:.1f} mm wide"


def first_printed_code(pdf: bytes, n: int) -> tuple[list[list[bool]], float]:
	"""The n × n modules of the first QR code on the PDF's first page, rendered at 300 dpi: the
	first pixel row with two dark runs of one length L, n × L / 7 apart at their outer ends (the
	tops of the two upper finder patterns), then a sample at each module's centre. Returns the
	modules and the code's width in millimetres."""
	from PIL import Image

	with tempfile.TemporaryDirectory() as folder:
		subprocess.run(
			[shutil.which("pdftoppm"), "-r", "300", "-f", "1", "-l", "1", "-png", "-", f"{folder}/page"],
			input=pdf,
			check=True,
		)
		image = Image.open(next(Path(folder).glob("page*.png"))).convert("L")
		image.load()
	dark = image.load()
	width, height = image.size
	for y in range(height // 2):
		runs, start = [], None
		for x in range(int(width * 0.45)):
			if dark[x, y] < 128 and start is None:
				start = x
			elif dark[x, y] >= 128 and start is not None:
				runs.append((start, x))
				start = None
		for left, end in runs:
			size = end - left
			if size < 30:
				continue
			span = n * size / 7
			right = next(
				(
					b
					for a, b in runs
					if abs((b - a) - size) <= 3 and abs(b - left - span) <= max(4, span / 50)
				),
				None,
			)
			if right:
				module = (right - left) / n
				modules = [
					[
						dark[int(left + (c + 0.5) * module), int(y + (r + 0.5) * module)] < 128
						for c in range(n)
					]
					for r in range(n)
				]
				if has_finder_patterns(modules):  # not two strokes of a label's characters
					return modules, (right - left) / 300 * 25.4
	return [], 0.0


def has_finder_patterns(modules: list[list[bool]]) -> bool:
	"""A QR code's three 7 × 7 finder patterns (dark ring, light ring, dark 3 × 3 centre) in its
	top-left, top-right and bottom-left corners."""
	n = len(modules)

	def finder(top: int, left: int) -> bool:
		return all(
			modules[top + r][left + c] == (max(abs(r - 3), abs(c - 3)) != 2)
			for r in range(7)
			for c in range(7)
		)

	return n >= 21 and finder(0, 0) and finder(0, n - 7) and finder(n - 7, 0)


def test_only_inspectors_and_the_office_get_the_sheet(school, response):
	teacher = frappe.db.get_value("Class Record", school.classes[0], "class_teacher")
	for user in (teacher, PRINCIPAL, make_user("nobody.qr@example.cn")):
		with acting_as(user), pytest.raises(frappe.PermissionError):
			inspection_qr.sheet()
	for user in (INSPECTOR, OFFICE):
		with acting_as(user):
			assert CELL.findall(sheet_html(response, inspection_item="纪律"))


# ------------------------------------------------------------------ where a scanned code leads


@pytest.fixture
def this_month(school):
	"""A period around today, so that today's inspections and rounds are accepted."""
	make_period("QR 本月", add_days(today(), -10), add_days(today(), 10), period_type="Month")
	return school


def test_a_scan_leads_to_a_new_round_then_to_the_inspectors_draft_round(this_month):
	cls = this_month.classes[0]
	with acting_as(INSPECTOR):
		target = inspection_qr.scan_target("卫生", cls)
		assert (target["round"], target["inspection"], target["date"]) == (None, None, today())
		assert target["class_name"] == "二年级(1)班"
		draft = frappe.get_doc(
			{
				"doctype": "Inspection Round",
				"inspection_date": today(),
				"inspection_item": "卫生",
				"entries": [{"class_record": this_month.classes[1], "score": 8}],
			}
		).insert()
		assert inspection_qr.scan_target("卫生", cls)["round"] == draft.name
		# another item, or another inspector's draft, is not theirs to continue
		assert inspection_qr.scan_target("纪律", cls)["round"] is None
	with acting_as(OFFICE):
		assert inspection_qr.scan_target("卫生", cls)["round"] is None


def test_a_class_inspected_today_leads_to_its_inspection(this_month):
	cls = this_month.classes[2]
	with acting_as(INSPECTOR):
		done = inspect(cls, "纪律", today(), 9)
		assert inspection_qr.scan_target("纪律", cls)["inspection"] == done.name


def test_a_scan_is_refused_for_the_own_class_inactive_ones_and_those_who_enter_no_rounds(this_month):
	cls = this_month.classes[0]
	teacher = frappe.db.get_value("Class Record", cls, "class_teacher")
	with acting_as(teacher), pytest.raises(frappe.PermissionError):
		inspection_qr.scan_target("卫生", cls)
	with acting_as(PRINCIPAL), pytest.raises(frappe.PermissionError):
		inspection_qr.scan_target("卫生", cls)
	frappe.db.set_value("Class Record", cls, "deputy_teacher", INSPECTOR)
	with acting_as(INSPECTOR), pytest.raises(frappe.PermissionError, match="your own class"):
		inspection_qr.scan_target("卫生", cls)
	with acting_as(INSPECTOR):
		with pytest.raises(frappe.ValidationError, match="not active"):
			inspection_qr.scan_target("卫生", this_month.gone)
		retired = frappe.get_doc(
			{
				"doctype": "Inspection Item",
				"item_name": "QR 停用项",
				"scoring_method": "Score",
				"max_score": 10,
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("Inspection Item", retired.name, "is_active", 0)
		with pytest.raises(frappe.ValidationError, match="not active"):
			inspection_qr.scan_target(retired.name, this_month.classes[1])
		with pytest.raises(frappe.ValidationError, match="does not exist"):
			inspection_qr.scan_target("<b>无此项</b>", this_month.classes[1])
		with pytest.raises(frappe.MandatoryError):
			inspection_qr.scan_target("卫生", "")


def test_too_many_codes_at_once_are_refused(school, response, monkeypatch):
	monkeypatch.setattr(inspection_qr, "MOST_CODES", len(school.classes) * 2 - 1)
	with acting_as(OFFICE):
		with pytest.raises(frappe.ValidationError, match="choose an inspection item or a grade"):
			inspection_qr.sheet()
		assert CELL.findall(sheet_html(response, inspection_item="卫生", grade_level=2))
