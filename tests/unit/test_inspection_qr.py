"""The classes' QR codes (inspection_qr): each drawn code is the QR code of its class's address,
module for module; the address keeps the item and the class in its path; the sheet's pages hold
3 × 4 codes and start each item on a page of its own."""

import re
from urllib.parse import unquote, urlparse

import segno

from class_teacher_appraisal import compat
from class_teacher_appraisal.inspection_qr import PER_PAGE, pages, qr_svg, scan_path

PATH_STEP = re.compile(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?")


def drawn_modules(svg: str) -> list[list[bool]]:
	"""The dark modules an SVG written by segno draws, read back from its path: M/m move to a
	row's middle, h draws a run of dark modules."""
	size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
	grid = [[False] * size for _ in range(size)]
	x = y = 0.0
	for step, a, b in PATH_STEP.findall(re.search(r' d="([^"]+)"', svg).group(1)):
		if step == "M":
			x, y = float(a), float(b)
		elif step == "m":
			x, y = x + float(a), y + float(b)
		else:
			for i in range(int(float(a))):
				grid[int(y)][int(x) + i] = True
			x += float(a)
	return grid


def decodes_to(svg: str, url: str) -> bool:
	"""The drawing equals the QR code of the address (the same symbol segno makes for it, the
	quiet zone of 2 modules around it)."""
	drawn = drawn_modules(svg)
	expected = segno.make(url, error="m", micro=False).matrix
	inner = [row[2 : len(row) - 2] for row in drawn[2 : len(drawn) - 2]]
	return inner == [[bool(m) for m in row] for row in expected]


def test_the_drawn_code_is_the_addresss_qr_code():
	url = "http://school.example.cn/app/inspect-class/%E5%8D%AB%E7%94%9F/2025-2026%20%E4%B8%80%E5%B9%B4%E7%BA%A7(1)%E7%8F%AD"
	svg = qr_svg(url)
	assert decodes_to(svg, url)
	assert not decodes_to(svg, url.replace("(1)", "(2)"))
	assert f"<title>{url}</title>" in svg  # the address, readable beside the drawing


def test_the_address_holds_the_item_and_the_class_in_its_path():
	path = scan_path("卫生", "2025-2026 一年级(1)班")
	assert "?" not in path and "#" not in path  # the login returns to the path, without a query
	_empty, desk, page, item, cls = urlparse(path).path.split("/")
	assert (desk, page, unquote(item), unquote(cls)) == (
		compat.DESK.strip("/"),  # the Desk of the platform: /app on Frappe 15, /desk on 16
		"inspect-class",
		"卫生",
		"2025-2026 一年级(1)班",
	)
	# a name with a slash or markup stays one path segment, and inert
	path = scan_path("纪律/路队", '<img src=x onerror="alert(1)">')
	assert path.count("/") == 4 and "<" not in path and '"' not in path


def test_an_address_with_markup_is_escaped_in_the_svg():
	svg = qr_svg('http://x/app/inspect-class/a/<script>"')
	assert "<script>" not in svg and "&lt;script&gt;" in svg


def cells(item, n):
	return [{"item": item, "class_record": f"{item}{i}"} for i in range(n)]


def test_pages_hold_twelve_codes_in_rows_of_three_and_each_item_starts_a_page():
	sheet = pages(cells("卫生", 14) + cells("纪律", 3))
	assert [sum(len(row) for row in page) for page in sheet] == [PER_PAGE, 2, 3]
	assert [len(row) for row in sheet[0]] == [3, 3, 3, 3]
	assert [len(row) for row in sheet[1]] == [2]
	assert {cell["item"] for row in sheet[2] for cell in row} == {"纪律"}
	assert pages([]) == []
