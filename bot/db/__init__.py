"""Storage: SQLAlchemy models, engine and sessions; migrations live in bot/migrations."""
