"""Fixture modules shared by several test files."""

pytest_plugins = ["tests.fetch_support", "tests.extraction_fixtures", "tests.fault_env"]
