"""Dosing: planning dose events, reminding, and logging doses; the pure parts live in flows/dosing."""
