"""pytest harness for class_teacher_appraisal.

Unit tests (tests/unit) are plain Python. Integration tests (tests/integration)
use a real Frappe site: the session connects once to the site named by
CTA_TEST_SITE (scripts/test sets it and runs pytest from the bench's sites
folder), and every test is rolled back afterwards.
"""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

INTEGRATION_DIR = Path(__file__).parent / "integration"
E2E_DIR = Path(__file__).parent / "e2e"

# The browser tests need a served site of their own (scripts/test --e2e sets it up); a run
# is either the site suite or the browser suite, since Frappe connects to one site per process.
collect_ignore = [] if os.environ.get("CTA_E2E_SITE") else ["e2e"]


def pytest_collection_modifyitems(config, items):
	for item in items:
		if INTEGRATION_DIR in Path(item.fspath).parents:
			item.add_marker(pytest.mark.integration)
		elif E2E_DIR in Path(item.fspath).parents:
			item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def frappe_site():
	"""Connects to the test site once per session and runs the apps' before_tests hooks."""
	site = os.environ.get("CTA_TEST_SITE")
	if not site:
		pytest.fail("CTA_TEST_SITE is not set: run the tests with scripts/test", pytrace=False)
	import frappe

	# Under `bench run-tests` (class_teacher_appraisal/tests/test_pytest_suite.py) the runner is
	# already connected to its site: use that connection, and leave it open at the end.
	connected = bool(getattr(frappe.local, "site", None) and getattr(frappe.local, "db", None))
	if connected:
		if frappe.local.site != site:
			pytest.fail(f"connected to {frappe.local.site}, not {site}", pytrace=False)
	else:
		sites_path = os.environ.get("CTA_SITES_PATH") or os.getcwd()
		frappe.init(site=site, sites_path=sites_path)
		frappe.connect()
	# Frappe 16 reads test mode from frappe.in_test (each request's flags start from it); 15 from the flag
	frappe.in_test = frappe.flags.in_test = True
	frappe.flags.mute_emails = True
	frappe.set_user("Administrator")
	for hook in frappe.get_hooks("before_tests", app_name="class_teacher_appraisal"):
		frappe.get_attr(hook)()
	ensure_site_manager()
	from class_teacher_appraisal.install import create_roles
	from tests.factories import SESSION_USERS, make_user

	create_roles()
	for email, roles in SESSION_USERS.items():
		make_user(email, *roles)
	frappe.db.commit()
	yield site
	frappe.db.rollback()
	if not connected:
		frappe.destroy()


SITE_MANAGER = "site.manager@example.com"


def ensure_site_manager():
	"""Frappe makes the first System User a System Manager unless another exists;
	this one exists so that test users get exactly the roles a test gives them."""
	import frappe

	if not frappe.db.exists("User", SITE_MANAGER):
		user = frappe.new_doc("User")
		user.update({"email": SITE_MANAGER, "first_name": "Site Manager", "send_welcome_email": 0})
		user.append("roles", {"role": "System Manager"})
		user.insert(ignore_permissions=True)


@pytest.fixture
def db(frappe_site):
	"""A test's view of the site: whatever it writes is rolled back when it ends."""
	import frappe

	frappe.set_user("Administrator")
	yield frappe.db
	frappe.db.rollback()
	forget_what_the_test_cached()
	frappe.set_user("Administrator")
	frappe.local.message_log = []


def forget_what_the_test_cached():
	"""Redis is not rolled back: what Frappe cached per user during the test (roles, user permissions,
	defaults) may come from rows the rollback removed (a role a test gave, then rolled back)."""
	import frappe
	from frappe.cache_manager import clear_defaults_cache, user_cache_keys

	for key in user_cache_keys:
		frappe.cache.delete_key(key)
	clear_defaults_cache()


@contextmanager
def acting_as(user: str):
	"""Runs a block as another user (permissions apply), then returns to the previous user."""
	import frappe

	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)


@pytest.fixture
def as_user(db):
	return acting_as
