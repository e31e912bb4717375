"""Engine and sessions. The database URL is always injected: ``--db``, else ``WORKBENCH_DB``,
else ``./workbench.db``. SQLite runs in WAL mode with a busy timeout; the schema is created and
upgraded by Alembic migrations."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

DEFAULT_DB = "workbench.db"
BUSY_TIMEOUT_MS = 30_000
MIGRATIONS = Path(__file__).parent / "migrations"


def resolve_db_url(value: str | None = None, environ: dict | None = None) -> str:
    """An SQLAlchemy URL from a URL or a file path (``--db``), ``WORKBENCH_DB``, or the default."""
    env = os.environ if environ is None else environ
    raw = value or env.get("WORKBENCH_DB") or DEFAULT_DB
    if "://" in raw:
        return raw
    if raw == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(raw).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def make_engine(url: str, *, migrate: bool = True) -> Engine:
    """An engine for ``url``, with the schema migrated to the latest version."""
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:")
        kwargs: dict = {"connect_args": {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}}
        if memory:
            kwargs["poolclass"] = StaticPool
        else:
            path = url.split("///", 1)[-1]
            if path:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    if migrate:
        upgrade(engine)
    return engine


def _alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the latest migration (a no-op when it is already there)."""
    from alembic import command

    if current_revision(engine) == head_revision():
        return
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")


def session(engine: Engine) -> Session:
    return Session(engine, expire_on_commit=False)
