"""Dosing, pure: reminder, log, next-dose and schedule messages, site and route guidance, the double-dose guard."""
