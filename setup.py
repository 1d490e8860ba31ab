import re
from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).parent
VERSION = re.search(
	r'^__version__ = "([^"]+)"', (HERE / "class_teacher_appraisal/__init__.py").read_text(), re.M
).group(1)

setup(
	name="class_teacher_appraisal",
	version=VERSION,
	description="Class teacher appraisal (班主任考核) for Chinese primary and secondary schools",
	long_description=(HERE / "README.md").read_text(encoding="utf-8"),
	long_description_content_type="text/markdown",
	author="class_teacher_appraisal maintainers",
	license="MIT",
	python_requires=">=3.10",
	packages=find_packages(include=["class_teacher_appraisal", "class_teacher_appraisal.*"]),
	zip_safe=False,
	include_package_data=True,
	# the dependencies are in pyproject.toml ([project] dependencies); Frappe is installed by bench
)
