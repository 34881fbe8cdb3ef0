"""Tests for the local Bot API emulator, driven by a real python-telegram-bot over HTTP."""
