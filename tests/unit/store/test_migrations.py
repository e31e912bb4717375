"""The Alembic migrations build exactly the schema the SQLModel tables describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

import workbench.store.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from workbench.store.database import (
    current_revision,
    head_revision,
    make_engine,
    postgres_url,
    resolve_db_url,
    upgrade,
)


def test_migrated_schema_has_no_difference_from_the_models(engine):
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, SQLModel.metadata)
    assert diff == []


def test_migrated_database_is_at_head(engine):
    assert head_revision()
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head_revision()]


def test_every_model_table_exists(engine):
    tables = set(inspect(engine).get_table_names())
    assert {"article", "candidate", "annotation", "reviewer", "alembic_version"} <= tables
    assert set(SQLModel.metadata.tables) <= tables


def test_unmigrated_engine_is_empty_until_upgrade(db_url):
    eng = make_engine(db_url, migrate=False)
    try:
        assert current_revision(eng) is None
        assert inspect(eng).get_table_names() == []
        upgrade(eng)
        assert current_revision(eng) == head_revision()
    finally:
        eng.dispose()


def test_migrating_twice_keeps_the_data(db_url, engine):
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO reviewer (name, created_at) VALUES ('ann', '2024-01-01 00:00:00')"))
    again = make_engine(db_url)
    try:
        with again.connect() as conn:
            assert conn.execute(text("SELECT name FROM reviewer")).scalars().all() == ["ann"]
        assert current_revision(again) == head_revision()
    finally:
        again.dispose()


def test_file_database_uses_wal_and_a_busy_timeout(sqlite_engine):
    with sqlite_engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar().lower() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() > 0
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_make_engine_makes_the_file_in_an_existing_folder_never_the_folder(tmp_path):
    """A missing folder is refused, naming it (it was made, with its parents, for any mistyped
    path); a new file in an existing folder is how a corpus starts."""
    import pytest

    from workbench.store.database import DatabaseUnavailable

    path = tmp_path / "a" / "b" / "w.db"
    with pytest.raises(DatabaseUnavailable, match=f"^{tmp_path / 'a' / 'b'}: no such folder "):
        make_engine(f"sqlite:///{path}")
    assert not (tmp_path / "a").exists()
    path = tmp_path / "w.db"
    eng = make_engine(f"sqlite:///{path}")
    try:
        assert path.exists()
    finally:
        eng.dispose()


def test_resolve_db_url(tmp_path):
    assert resolve_db_url("postgresql://u@h/db") == "postgresql://u@h/db"
    assert resolve_db_url("postgresql+psycopg://u:p@h:5433/db") == "postgresql+psycopg://u:p@h:5433/db"
    assert resolve_db_url(":memory:") == "sqlite://"
    assert resolve_db_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_db_url(None, {"WORKBENCH_DB": "sqlite:///env.db"}) == "sqlite:///env.db"
    assert resolve_db_url(None, {}).endswith("/workbench.db")


def test_postgres_urls_use_psycopg():
    assert postgres_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert postgres_url("postgres://u@h:5433/db").render_as_string() == "postgresql+psycopg://u@h:5433/db"
    assert postgres_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"
    assert postgres_url("postgresql+psycopg2://u@h/db").drivername == "postgresql+psycopg2"
