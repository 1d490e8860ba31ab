"""Backups (README "Running it for a school"): what a restore must reproduce, and the check that a
restored site does (scripts/restore-check)."""
