"""The font check the PDF tests rely on reads the families a print format names."""

from tests.print_fonts import named_families, print_format_files


def test_the_families_of_every_declaration_are_read_without_generic_ones():
	css = """
	.a { font-family: "Liberation Sans", 'Noto Sans CJK SC', sans-serif; }
	.b{font-family:Arial;color:red}
	.c { font-family: "Noto Serif CJK SC", serif }
	"""
	assert named_families(css) == {"Liberation Sans", "Noto Sans CJK SC", "Arial", "Noto Serif CJK SC"}


def test_the_app_ships_print_formats_and_each_names_its_fonts():
	files = print_format_files()
	assert files, "no print format found"
	for path in files:
		assert named_families(path.read_text(encoding="utf-8")), f"{path.name} names no font"
