"""Carers, pure: permissions, callback data, the missed-dose ladder, rate limits and every carer-facing text."""
