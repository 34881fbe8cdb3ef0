"""Post-injection check-ins and symptom reports: episodes, stored decisions, outcomes, follow-ups and holds."""
