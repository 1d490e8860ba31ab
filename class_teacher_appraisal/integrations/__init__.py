"""Integrations with the world outside the Desk: scheduled emails, group-robot messages, payroll files."""
