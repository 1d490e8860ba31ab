import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[3] / "class_teacher_appraisal" / "scoring"


def test_the_scoring_core_imports_nothing_from_frappe():
	for path in CORE.glob("*.py"):
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
			names = []
			if isinstance(node, ast.Import):
				names = [a.name for a in node.names]
			elif isinstance(node, ast.ImportFrom) and node.module:
				names = [node.module]
			assert not any(n == "frappe" or n.startswith("frappe.") for n in names), path.name


def test_the_scoring_core_loads_without_frappe_installed():
	code = "import sys; sys.modules['frappe'] = None; import class_teacher_appraisal.scoring as s; print(s.Kind.FLAG_SHARE)"
	out = subprocess.run([sys.executable, "-c", code], cwd=CORE.parents[1], capture_output=True, text=True)
	assert out.returncode == 0, out.stderr
	assert out.stdout.strip() == "Red Flag Share"
