import pytest


@pytest.fixture(autouse=True)
def _rolled_back(db):
	"""Every integration test runs against the site and is rolled back afterwards."""
	yield
