"""The Telegram adapter: configuration, storage, timer, outbox and the command line."""
