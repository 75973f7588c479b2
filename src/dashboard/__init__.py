"""Karabakh demining-progress dashboard: sourced data, validation, maps and pages."""
