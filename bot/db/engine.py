"""Async engine and session factory; SQLite gets WAL and foreign keys on every connection."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL plus NORMAL is durable across application crashes, which is what we need for the dose log.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """Create an engine for a SQLite or PostgreSQL URL, creating the SQLite folder if needed."""
    parsed = make_url(url)
    # Errors quote the statement's values (names, typed answers) and end up in logged tracebacks: hide them.
    kwargs.setdefault("hide_parameters", True)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, **kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(url, pool_pre_ping=True, **kwargs)


class Database:
    """One engine and its session factory; `session()` opens a unit of work that commits on success."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        # Called with `session.info` after each successful commit: work written in the transaction (outbox rows,
        # tasks) wakes the sender or the timer only once it is visible to them, never before.
        self.after_commit: list[Callable[[dict[str, Any]], None]] = []
        # SQLite has one writer, and a blocked writer polls with ever longer sleeps: the timer running a backlog
        # of reminders, writing back to back, would starve the sender and the updates. Those take turns here
        # instead, first come first served. PostgreSQL locks rows and needs none of it.
        self._turns: AbstractAsyncContextManager[Any] = asyncio.Lock() if self.dialect == "sqlite" else nullcontext()

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session in a transaction: committed when the block ends, rolled back on error."""
        async with self.sessions() as session:
            async with session.begin():
                yield session
            for hook in self.after_commit:
                hook(session.info)

    def turn(self) -> AbstractAsyncContextManager[Any]:
        """Hold around a busy writer's transaction (timer, sender, update) so they take turns fairly on SQLite.

        Never nest it, and never wait inside it for work that needs a turn of its own.
        """
        return self._turns

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
