"""Shared fixtures: the article fixtures folder and a fresh, migrated database per test, on
SQLite and on PostgreSQL.

``db_url`` (and ``engine`` on it) is parametrised: every test that uses it runs as
``test_x[sqlite]`` and ``test_x[postgresql]``. The PostgreSQL variant needs a server: set
``WORKBENCH_TEST_PG_URL`` to a URL whose role may create databases (``.ci/pg-cluster start``
prints one; ``.ci/run`` starts that cluster itself); without it the variant is skipped. Like
the SQLite file, a PostgreSQL test database starts empty (``engine`` migrates it): a schema of
its own in a database made for the session, dropped at teardown (see ``PostgresServer``).
Tests of SQLite itself (WAL, pragmas, file paths) use ``sqlite_url`` / ``sqlite_engine``."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PG_ENV = "WORKBENCH_TEST_PG_URL"
NO_PG = f"no PostgreSQL server: set {PG_ENV}"
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch):
    """No test may pick up the developer's database or debug switches from the environment."""
    for name in ("WORKBENCH_DB", "WORKBENCH_DEBUG", "WORKBENCH_REVIEWER"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """``fixtures/``: five French articles (``*.txt``) and ``gold/gold.jsonl``."""
    path = ROOT / "fixtures"
    assert path.is_dir(), path
    return path


class PostgresServer:
    """The server named by ``WORKBENCH_TEST_PG_URL``. One database per session (and per xdist
    worker), created from that URL and dropped at the end; in it, each test gets a schema of its
    own, which its URL puts first on the search path (``?options=-csearch_path=...``): a new
    schema costs a few milliseconds where CREATE DATABASE costs a quarter of a second."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.pool import NullPool

        from workbench.store.database import postgres_url

        self.url = postgres_url(url)
        # CREATE / DROP DATABASE cannot run inside a transaction
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.database = f"wbtest_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self._sql(self.admin, f'CREATE DATABASE "{self.database}"')
        self.db_admin = create_engine(self.url.set(database=self.database), isolation_level="AUTOCOMMIT",
                                      poolclass=NullPool)

    @staticmethod
    def _sql(engine, sql: str) -> None:
        from sqlalchemy import text

        with engine.connect() as conn:
            conn.execute(text(sql))

    def new_schema(self) -> str:
        """The URL of a new, empty schema (nothing migrated yet)."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        self._sql(self.db_admin, f'CREATE SCHEMA "{name}"')
        return self.url.set(database=self.database, query={"options": f"-csearch_path={name}"}).render_as_string(
            hide_password=False)

    def drop_schema(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        name = make_url(url).query["options"].split("=", 1)[1]
        # a test may leave an engine behind, its pooled connection inside a transaction that
        # would block the DROP: the tests of this worker run one at a time, so end them all
        self._sql(self.db_admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                 "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        self._sql(self.db_admin, f'DROP SCHEMA IF EXISTS "{name}" CASCADE')

    def close(self) -> None:
        self.db_admin.dispose()
        self._sql(self.admin, f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        self.admin.dispose()


@pytest.fixture(scope="session")
def pg_server():
    """The PostgreSQL server under test, or a skip when there is none."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(NO_PG)
    try:
        server = PostgresServer(url)
    except Exception as exc:  # a wrong URL must fail loudly, not skip
        pytest.fail(f"{PG_ENV}={url}: {type(exc).__name__}: {str(exc).splitlines()[0]}", pytrace=False)
    yield server
    server.close()


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty PostgreSQL schema of its own for one test; dropped after."""
    url = pg_server.new_schema()
    yield url
    pg_server.drop_schema(url)


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """An SQLAlchemy URL of a fresh SQLite file in the test's temporary folder."""
    return f"sqlite:///{tmp_path / 'workbench.db'}"


@pytest.fixture(params=BACKENDS)
def db_url(request) -> str:
    """A fresh, empty database, once on SQLite (a file) and once on PostgreSQL (skipped without
    ``WORKBENCH_TEST_PG_URL``)."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_url")


def _engine(url: str):
    from workbench.store.database import make_engine

    eng = make_engine(url)
    yield eng
    eng.dispose()


@pytest.fixture
def engine(db_url):
    """An engine on ``db_url`` with the schema migrated to head."""
    yield from _engine(db_url)


@pytest.fixture
def sqlite_engine(sqlite_url):
    """An engine on ``sqlite_url`` (for tests of SQLite itself), migrated to head."""
    yield from _engine(sqlite_url)
