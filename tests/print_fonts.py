"""The fonts the app's print formats name, and which of them this machine lacks.

wkhtmltopdf silently falls back to another font for a family that is not installed, and text
drawn in a fallback font can lose its digits in the PDF's text layer while the page still looks
right. So the PDF tests first check that every family a print format names is installed, and
fail with the missing family's name rather than with a puzzling assertion about vanished digits.
"""

import re
import shutil
import subprocess
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "class_teacher_appraisal"
GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "inherit", "initial"}
FONT_FAMILY = re.compile(r"font-family\s*:\s*([^;}]+)", re.IGNORECASE)


def print_format_files() -> list[Path]:
	"""The print formats, and the pages printed from the app's templates (the classes' QR sheet)."""
	return sorted([*APP.glob("*/print_format/*/*.html"), *APP.glob("templates/*.html")])


def named_families(html: str) -> set[str]:
	"""Every non-generic family in the font-family declarations of a print format."""
	families = set()
	for declaration in FONT_FAMILY.findall(html):
		for family in declaration.split(","):
			family = family.strip().strip("\"'").strip()
			if family and family.lower() not in GENERIC and "{" not in family:
				families.add(family)
	return families


def installed_families() -> set[str]:
	fc_list = shutil.which("fc-list")
	if not fc_list:
		return set()
	out = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=True).stdout
	return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


def missing_fonts() -> dict[str, set[str]]:
	"""Print format file → the families it names that fontconfig does not know."""
	installed = installed_families()
	missing = {}
	for path in print_format_files():
		lacking = named_families(path.read_text(encoding="utf-8")) - installed
		if lacking:
			missing[str(path.relative_to(APP))] = lacking
	return missing
