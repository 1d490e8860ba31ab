import frappe
import pytest


@pytest.fixture(autouse=True)
def _rolled_back(db, request, monkeypatch):
	"""Every integration test runs against the site in one transaction, rolled back afterwards.

	Frappe's own code may commit inside it: under test, the email queue sends at once and commits
	each email (Frappe 15.101 and 16), Data Import commits each row. A real commit there would leave
	the test's records behind for the tests after it, so a commit inside a test does what a commit
	does for the code that asked (the before- and after-commit callbacks run) and keeps the
	transaction open. A test that must really commit (other connections read what it wrote, or
	Frappe's importer commits and rolls back on its own) is marked `commits` and cleans up itself."""
	if not request.node.get_closest_marker("commits"):
		monkeypatch.setattr(frappe.db, "commit", _commit_in_test(frappe.db))
	yield


def _commit_in_test(database):
	def commit(*args, **kwargs):
		database.before_rollback.reset()
		database.after_rollback.reset()
		database.before_commit.run()
		database.value_cache.clear()
		database.after_commit.run()

	return commit
