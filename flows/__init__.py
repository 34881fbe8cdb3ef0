"""Conversations and domain rules, free of any messenger: events in, replies out."""
