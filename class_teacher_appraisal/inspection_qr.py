"""QR codes on the classroom doors (扫码值周): an A4 sheet with one QR code per class and inspection
item, drawn as SVG on the server (segno; nothing is fetched when it is printed). A code holds the
address of the Desk page *inspect-class* with the item and the class in its path, so that after
logging in on a phone Frappe returns to it (the login keeps the path, not a query string): the
page opens the duty teacher's round of today for the item (or a new one) at the class's row, or
the class's inspection if it was already inspected today.

The sheet is for the staff who record inspections and the office (QR_SHEET_ROLES); the page and
scan_target for whoever may enter rounds."""

from urllib.parse import quote

import frappe
import segno
from frappe import _
from frappe.utils import cint, get_url, today

from class_teacher_appraisal import compat
from class_teacher_appraisal import inspection_rules as rules
from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import CLASS_RECORD, INSPECTION, ITEM, ROUND
from class_teacher_appraisal.permissions import QR_SHEET_ROLES, own_classes, sees_all
from class_teacher_appraisal.utils import grade_name
from class_teacher_appraisal.validation import GRADE, finite, required

SCAN_PAGE = "inspect-class"
TEMPLATE = "class_teacher_appraisal/templates/inspection_qr_sheet.html"
PER_PAGE = 12  # 3 across, 4 down on A4
PDF_OPTIONS = {"page-size": "A4", "margin-top": "10mm", "margin-bottom": "8mm"}
# wkhtmltopdf (Debian's, without its patched Qt, which ignores --zoom) draws a CSS length at 0.767
# of its size (measured: a 100mm box is 76.7mm in the PDF): the sheet's lengths for the PDF are
# scaled by this, so that a code is as large on paper as a browser prints it (38mm).
PDF_SCALE = 1 / 0.767
MOST_CODES = 1200  # 100 pages, about 12 s to draw (10 ms a code): more, choose an item or a grade


def scan_path(inspection_item: str, class_record: str) -> str:
	"""The Desk address a class's code holds, relative to the site (codes printed under Frappe 15
	hold /app/…, which Frappe 16 redirects to its /desk/…)."""
	return compat.desk_path(SCAN_PAGE, quote(inspection_item, safe=""), quote(class_record, safe=""))


def qr_svg(url: str) -> str:
	"""The QR code of an address as inline SVG, sized by the sheet's CSS; the address is its title
	(escaped by segno)."""
	return segno.make(url, error="m", micro=False).svg_inline(
		border=2, omitsize=True, title=url, svgclass="cta-qr", lineclass=None, dark="#000"
	)


def sheet_cells(classes: list[dict], items: list[str], base_url: str) -> list[dict]:
	"""One cell per item and class (in that order): the class's and the item's names, the address
	and its QR code."""
	cells = []
	for item in items:
		for c in classes:
			url = base_url.rstrip("/") + scan_path(item, c["name"])
			cells.append(
				{
					"item": item,
					"class_record": c["name"],
					"class_name": c.get("class_name") or c["name"],
					"grade_name": grade_name(c.get("grade_level")),
					"url": url,
					"svg": qr_svg(url),
				}
			)
	return cells


def pages(cells: list[dict]) -> list[list[list[dict]]]:
	"""The cells as A4 pages of rows of three; each item starts on a page of its own."""
	out = []
	by_item: dict[str, list[dict]] = {}
	for cell in cells:
		by_item.setdefault(cell["item"], []).append(cell)
	for item_cells in by_item.values():
		for start in range(0, len(item_cells), PER_PAGE):
			page = item_cells[start : start + PER_PAGE]
			out.append([page[i : i + 3] for i in range(0, len(page), 3)])
	return out


def check_may_print():
	if not sees_all(roles=QR_SHEET_ROLES):
		frappe.throw(
			_("Only the staff who record inspections and the office print the classes' QR codes."),
			exc=frappe.PermissionError,
			title=_("Not Permitted"),
		)


def sheet_data(inspection_item: str | None = None, grade_level=0) -> tuple[list[dict], list[str]]:
	"""The active classes (of one grade, or all) and the active items (or the one asked for) the
	user may read."""
	grade_level = finite(grade_level or 0, _("Grade Level"), 0, GRADE, whole=True)
	if inspection_item:
		if not frappe.db.exists(ITEM, inspection_item):
			frappe.throw(_("Inspection item {0} does not exist.").format(text(inspection_item)))
		frappe.has_permission(ITEM, "read", inspection_item, throw=True)
		items = [inspection_item]
	else:
		items = frappe.get_list(ITEM, filters={"is_active": 1}, pluck="name", order_by="name asc")
	filters = {"is_active": 1}
	if grade_level:
		filters["grade_level"] = grade_level
	classes = frappe.get_list(
		CLASS_RECORD,
		filters=filters,
		fields=["name", "class_name", "grade_level"],
		order_by="grade_level asc, class_name asc",
		limit_page_length=0,
	)
	if len(classes) * len(items) > MOST_CODES:
		frappe.throw(
			_("That is more than {0} QR codes: choose an inspection item or a grade.").format(MOST_CODES)
		)
	return classes, items


def labels() -> dict[str, str]:
	return {
		"title": _("QR Codes for Inspections"),
		"hint": _("Scan with a phone's camera and log in: today's round of the item opens at the class."),
		"item": _("Inspection Item"),
		"scan": _("Scan to record today's inspection"),
		"none": _("No active class or inspection item."),
	}


def render_sheet(classes: list[dict], items: list[str], base_url: str, for_pdf: bool = False) -> str:
	cells = sheet_cells(classes, items, base_url)
	return frappe.render_template(
		TEMPLATE,
		{
			"pages": pages(cells),
			"labels": labels(),
			"lang": frappe.local.lang or "en",
			"scale": PDF_SCALE if for_pdf else 1,
		},
	)


@frappe.whitelist(methods=["GET"])
@frappe.read_only()
def sheet(inspection_item: str | None = None, grade_level: int = 0, pdf: int = 0) -> None:
	"""The QR sheet as a page to print (pdf=1: as an A4 PDF)."""
	check_may_print()
	classes, items = sheet_data(inspection_item, grade_level)
	html = render_sheet(classes, items, get_url(), for_pdf=bool(cint(pdf)))
	name = _("QR Codes for Inspections")
	if cint(pdf):
		from frappe.utils.pdf import get_pdf

		frappe.response.update(
			{
				"type": "pdf",
				"filename": f"{name}.pdf",
				"filecontent": get_pdf(html, dict(PDF_OPTIONS)),
			}
		)
		return
	frappe.response.update(
		{
			"type": "download",
			"filename": f"{name}.html",
			"filecontent": html.encode("utf-8"),
			"content_type": "text/html; charset=utf-8",
			"display_content_as": "inline",
		}
	)


@frappe.whitelist(methods=["GET"])
@frappe.read_only()
def scan_target(inspection_item: str | None = None, class_record: str | None = None) -> dict:
	"""Where a scanned code leads the user today: the class's inspection if the item was inspected
	today, else their draft round of today for the item (of the class's grade or of every grade),
	if any; a new round otherwise."""
	frappe.has_permission(ROUND, "create", throw=True)
	required(inspection_item, _("Inspection Item"))
	required(class_record, _("Class"))
	item = frappe.db.get_value(ITEM, inspection_item, ["name", "is_active"], as_dict=True)
	if not item:
		frappe.throw(_("Inspection item {0} does not exist.").format(text(inspection_item)))
	if not item.is_active:
		frappe.throw(_("Inspection item {0} is not active.").format(text(inspection_item)))
	cls = frappe.db.get_value(
		CLASS_RECORD, class_record, ["name", "class_name", "grade_level", "is_active"], as_dict=True
	)
	if not cls:
		frappe.throw(_("Class {0} does not exist.").format(text(class_record)))
	frappe.has_permission(CLASS_RECORD, "read", cls.name, throw=True)  # a county site: their school's
	if not cls.is_active:
		frappe.throw(_("Class {0} is not active; it cannot be inspected.").format(text(cls.class_name)))
	if cls.name in own_classes():
		frappe.throw(
			_("{0} is your own class; another inspector inspects it.").format(text(cls.class_name)),
			exc=frappe.PermissionError,
		)
	day = today()
	inspected = frappe.db.get_value(INSPECTION, {"dedupe_key": rules.dedupe_key(cls.name, item.name, day)})
	rounds = frappe.get_list(
		ROUND,
		filters={
			"docstatus": 0,
			"inspection_date": day,
			"inspection_item": item.name,
			"owner": frappe.session.user,
			"grade_level": ["in", [0, cint(cls.grade_level)]],
		},
		pluck="name",
		order_by="modified desc",
		limit_page_length=1,
	)
	return {
		"date": day,
		"inspection_item": item.name,
		"class_record": cls.name,
		"class_name": cls.class_name,
		"inspection": inspected,
		"round": rounds[0] if rounds else None,
	}
