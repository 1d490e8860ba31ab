"""Browser tests: the Desk in headless Chromium (Debian's, driven by Playwright) against the
app served from its own site with the demo school (scripts/test --e2e prepares both).

Unlike the site suite nothing here can be rolled back, since the browser talks to another
process: each session builds its own month to appraise and deletes it afterwards."""

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path

import pytest

SITE = os.environ.get("CTA_E2E_SITE")
PORT = int(os.environ.get("CTA_E2E_PORT") or 8010)
ARTIFACTS = Path(os.environ.get("CTA_E2E_ARTIFACTS") or "/tmp/cta-e2e-screenshots")
PASSWORD = "demo-Pass-2025"  # the demo school's users (class_teacher_appraisal/demo.py)
CHROMIUM_FLAGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]


@pytest.fixture(scope="session")
def e2e_site():
	if not SITE:
		pytest.fail("CTA_E2E_SITE is not set: run the browser tests with scripts/test --e2e", pytrace=False)
	import frappe

	frappe.init(site=SITE, sites_path=os.environ.get("CTA_SITES_PATH") or os.getcwd())
	frappe.connect()
	frappe.set_user("Administrator")
	from class_teacher_appraisal import demo

	demo.load()  # a no-op on a loaded site, except that each demo user has exactly their roles
	frappe.db.commit()
	frappe.clear_cache()  # the Desk gets this checkout's form scripts, not cached ones
	yield SITE
	frappe.destroy()


@pytest.fixture(scope="session")
def server(e2e_site):
	"""The site served by Frappe's own web server, as scripts/run serves the app."""
	import frappe

	url = f"http://localhost:{PORT}"
	ARTIFACTS.mkdir(parents=True, exist_ok=True)
	log = open(ARTIFACTS / "web.log", "ab")
	command = [sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "--site", SITE]
	process = subprocess.Popen(
		[*command, "serve", "--port", str(PORT), "--noreload"],
		cwd=frappe.local.sites_path,
		stdout=log,
		stderr=subprocess.STDOUT,
		start_new_session=True,
	)
	try:
		for _ in range(120):
			if process.poll() is not None:
				pytest.fail(f"the web server ended (log: {ARTIFACTS / 'web.log'})", pytrace=False)
			try:
				urllib.request.urlopen(f"{url}/api/method/ping", timeout=2)
				break
			except OSError:
				time.sleep(0.5)
		else:
			pytest.fail(f"the web server did not answer on {url}", pytrace=False)
		yield url
	finally:
		process.terminate()
		process.wait(timeout=20)
		log.close()


@pytest.fixture(scope="session")
def browser():
	from playwright.sync_api import sync_playwright

	executable = shutil.which("chromium") or "/usr/bin/chromium"
	with sync_playwright() as playwright:
		chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
		yield chromium
		chromium.close()


@pytest.fixture
def login(browser, server):
	"""login(user) -> a page of a fresh browser session, logged in as the user."""
	contexts = []

	def open_as(user: str):
		context = browser.new_context(
			base_url=server, locale="zh-CN", viewport={"width": 1400, "height": 900}
		)
		context.set_default_timeout(30_000)
		response = context.request.post("/api/method/login", form={"usr": user, "pwd": PASSWORD})
		assert response.ok, f"{user} cannot log in: {response.status} {response.text()[:200]}"
		contexts.append(context)
		return context.new_page()

	yield open_as
	for context in contexts:
		context.close()


def shot(page, name: str):
	"""Keeps a full-page screenshot as a test artefact."""
	page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def status_pill(page, label: str, within: str = ""):
	"""The status a page shows in its head (e.g. 已提交): the indicator's text, or its title where
	Frappe 16 shows a coloured dot instead of the text (on a phone). within: a selector of the page."""
	pills = f"{within} .indicator-pill" if within else ".indicator-pill"
	return page.locator(pills).filter(has_text=label).or_(page.locator(f'{pills}[title="{label}"]')).first


@pytest.fixture(scope="session")
def pending_appraisal(e2e_site):
	"""A month of its own, appraised from the demo school's November evidence: classes 一年级(1)班
	and 一年级(2)班 have their hand-scored lines filled but one and are sent for review (the first
	to be approved, the second to be returned). Deleted with its period afterwards."""
	import frappe
	from frappe.model.workflow import apply_workflow

	from class_teacher_appraisal import appraisals

	name = f"E2E {datetime.now():%Y%m%d-%H%M%S}"
	rubric = frappe.db.get_value("Appraisal Period", "2025年11月", "rubric")
	period = frappe.get_doc(
		{
			"doctype": "Appraisal Period",
			"period_name": name,
			"period_type": "Month",
			"academic_year": "2025-2026",
			"start_date": "2025-11-01",
			"end_date": "2025-11-30",
			"rubric": rubric,
		}
	).insert()
	try:
		appraisals.generate(period.name)
		sent = {}
		for class_name in ("一年级(1)班", "一年级(2)班"):
			doc = frappe.get_doc(
				"Class Teacher Appraisal", {"appraisal_period": period.name, "class_name": class_name}
			)
			manual = [row for row in doc.lines if row.rule_kind == "Manual Points"]
			for row in manual[1:]:
				row.manual_points, row.manual_entered = row.max_points, 1
			doc.save()
			frappe.set_user("zhao.duty@demo-school.cn")
			apply_workflow(doc, "Submit for Review")
			frappe.set_user("Administrator")
			sent[class_name] = (doc.name, manual[0].criterion_code)
		frappe.db.commit()
		name, empty_line = sent["一年级(1)班"]
		yield frappe._dict(
			name=name, period=period.name, empty_line=empty_line, to_return=sent["一年级(2)班"][0]
		)
	finally:
		frappe.set_user("Administrator")
		frappe.db.rollback()
		delete_period(period.name)
		frappe.db.commit()


def delete_period(period: str):
	import frappe

	names = frappe.get_all("Class Teacher Appraisal", filters={"appraisal_period": period}, pluck="name")
	for child in frappe.get_all(
		"DocField",
		filters={"parent": "Class Teacher Appraisal", "fieldtype": "Table"},
		pluck="options",
	):
		frappe.db.delete(child, {"parent": ["in", names or [""]], "parenttype": "Class Teacher Appraisal"})
	frappe.db.delete("Class Teacher Appraisal", {"appraisal_period": period})
	frappe.db.delete("Red Flag Award", {"appraisal_period": period})
	frappe.db.delete("Appraisal Period", {"name": period})


def pytest_terminal_summary(terminalreporter):
	"""Says how many cells of the README's access table the matrix tried over HTTP."""
	cells = {
		outcome: [
			r
			for r in terminalreporter.stats.get(outcome, [])
			if "test_access_matrix.py::test_cell" in r.nodeid
		]
		for outcome in ("passed", "failed")
	}
	tried = len(cells["passed"]) + len(cells["failed"])
	if tried:
		terminalreporter.write_line(
			f"access matrix: {tried} role x action cells tried over HTTP, {len(cells['failed'])} wrong"
		)
