"""Engine and sessions. The database URL is always injected: ``--db``, else ``WORKBENCH_DB``,
else ``./workbench.db``. SQLite runs in WAL mode with a busy timeout; PostgreSQL
(``postgresql+psycopg://``, or ``postgresql://`` which means the same) needs the ``postgres``
extra. The schema is created and upgraded by Alembic migrations on both."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

DEFAULT_DB = "workbench.db"
BUSY_TIMEOUT_MS = 30_000
MIGRATIONS = Path(__file__).parent / "migrations"
POSTGRES_EXTRA = "install the postgres extra: pip install 'claim-workbench[postgres]'"
#: seconds to wait for a PostgreSQL server before giving up with a clear message
CONNECT_TIMEOUT_S = 10


class DatabaseUnavailable(SQLAlchemyError):
    """The database cannot be used at all (no driver, server unreachable); the message is one
    line meant for the user."""


def resolve_db_url(value: str | None = None, environ: dict | None = None) -> str:
    """An SQLAlchemy URL from a URL or a file path (``--db``), ``WORKBENCH_DB``, or the default."""
    env = os.environ if environ is None else environ
    raw = value or env.get("WORKBENCH_DB") or DEFAULT_DB
    if "://" in raw:
        return raw
    if raw == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(raw).expanduser().resolve()}"


def postgres_url(url: str | URL) -> URL:
    """``url`` with the driver this project ships for PostgreSQL (psycopg 3) when none is named
    (``postgresql://`` and the old ``postgres://`` spelling)."""
    u = make_url(url) if isinstance(url, str) else url
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    return u


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
    elif url.startswith("postgres"):
        engine = _postgres_engine(url)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    if migrate:
        try:
            upgrade(engine)
        except OperationalError as exc:
            if engine.dialect.name != "postgresql":
                raise
            engine.dispose()
            raise DatabaseUnavailable(_unreachable(engine.url, exc)) from None
    return engine


def _postgres_engine(url: str) -> Engine:
    try:
        u = postgres_url(url)
    except ArgumentError:
        raise DatabaseUnavailable(f"not a database URL: {url!r}") from None
    try:
        return create_engine(
            u,
            # the review app holds connections for hours: check them before use, renew old ones
            pool_pre_ping=True,
            pool_recycle=1800,
            pool_size=5,
            max_overflow=10,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "workbench"},
        )
    except ImportError:
        driver = u.get_driver_name()
        if driver == "psycopg":
            msg = f"PostgreSQL support is not installed (no psycopg): {POSTGRES_EXTRA}"
        else:
            msg = (f"the PostgreSQL driver {driver!r} is not installed: use postgresql+psycopg:// "
                   f"(or postgresql://) and {POSTGRES_EXTRA}")
        raise DatabaseUnavailable(msg) from None


def _unreachable(url: URL, exc: OperationalError) -> str:
    """One line: where, and the server's or the network's reason (no password, no traceback)."""
    where = url.set(drivername="postgresql", password=None).render_as_string(hide_password=True)
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0] if str(exc).strip() else "unknown error"
    # psycopg: 'connection failed: connection to server at "h" (h), port p failed: <reason>'
    reason = reason.rsplit(" failed: ", 1)[-1].replace("FATAL:", "").strip()
    hint = " (is the server running and accepting TCP/IP connections?)" if "refused" in reason.lower() else ""
    return f"cannot connect to PostgreSQL at {where}: {reason}{hint}"


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
