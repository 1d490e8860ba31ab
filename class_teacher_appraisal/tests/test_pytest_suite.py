"""The app's test suite for Frappe's own runner:

	bench --site <site> run-tests --app class_teacher_appraisal

The suite is written for pytest (tests/unit and tests/integration beside this package, with
their fixtures in tests/conftest.py); this one unittest case runs it in-process against the
site the runner is connected to, prints how many ran, and fails if any test failed or errored.
Extra pytest arguments come from CTA_PYTEST_ARGS (e.g. CTA_PYTEST_ARGS="-k flags -x").

Like scripts/test, it needs a test site: the integration tests create and roll back their own
classes and periods, and expect no demo school committed on the site.
"""

import os
import shlex
import unittest
from pathlib import Path

import frappe

REPO = Path(__file__).resolve().parents[2]
SUITES = [REPO / "tests" / "unit", REPO / "tests" / "integration"]


class Counter:
	"""A pytest plugin that counts the outcomes as pytest reports them."""

	def __init__(self):
		self.passed = self.failed = self.skipped = 0
		self.failures: list[str] = []

	def pytest_runtest_logreport(self, report):
		if report.when == "call" or report.outcome != "passed":
			if report.passed:
				self.passed += report.when == "call"
			elif report.skipped:
				self.skipped += 1
			else:
				self.failed += 1
				self.failures.append(f"{report.nodeid} ({report.when})")

	def pytest_collectreport(self, report):
		if report.failed:
			self.failed += 1
			self.failures.append(f"{report.nodeid} (collection)")


class TestPytestSuite(unittest.TestCase):
	def test_the_pytest_suite_passes(self):
		import pytest

		missing = [str(p) for p in SUITES if not p.is_dir()]
		if missing:
			self.skipTest(f"the pytest suite is not in this checkout: {', '.join(missing)}")
		os.environ["CTA_TEST_SITE"] = frappe.local.site  # tests/conftest.py reuses the connection
		# The runner sets frappe.local.request to None; outside a request Frappe expects no such
		# attribute (website/path_resolver.py reads request.environ when it exists, as printing does).
		if hasattr(frappe.local, "request") and frappe.local.request is None:
			del frappe.local.request
		counter = Counter()
		args = ["-p", "no:cacheprovider", "--rootdir", str(REPO), "-q"]
		args += shlex.split(os.environ.get("CTA_PYTEST_ARGS", "")) + [str(p) for p in SUITES]
		exit_code = pytest.main(args, plugins=[counter])
		print(
			f"\nclass_teacher_appraisal pytest suite: {counter.passed + counter.failed + counter.skipped} ran, "
			f"{counter.passed} passed, {counter.failed} failed, {counter.skipped} skipped"
		)
		frappe.set_user("Administrator")
		self.assertFalse(counter.failures, "failed: " + "; ".join(counter.failures))
		self.assertIn(exit_code, (pytest.ExitCode.OK,), f"pytest exited with {exit_code!r}")
