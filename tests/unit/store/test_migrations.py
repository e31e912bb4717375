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


def _database_at_0001(db_url: str) -> None:
    """``db_url`` migrated to the first revision only, with one decision in it (a reviewer's
    database from the first release)."""
    from alembic import command

    from workbench.store.database import _alembic_config

    eng = make_engine(db_url, migrate=False)
    try:
        with eng.begin() as conn:
            command.upgrade(_alembic_config(conn), "0001")
            conn.execute(text("INSERT INTO reviewer (name, created_at) VALUES ('ann', '2025-01-01 00:00:00')"))
            conn.execute(text("INSERT INTO article (id, title, text, content_hash, language, origin, meta, imported_at) "
                              "VALUES ('a.txt', 'A', 'Il pleut.', 'h', 'fr', 'txt', '{}', '2025-01-01 00:00:00')"))
            conn.execute(text('INSERT INTO candidate (article_id, start, "end", text, score, reason, '
                              "extractor_version, origin, created_at) VALUES ('a.txt', 0, 9, 'Il pleut.', 0.5, '', "
                              "'v0', 'extractor', '2025-01-01 00:00:00')"))
            conn.execute(text('INSERT INTO annotation (candidate_id, reviewer_id, created_at, action, label, start, '
                              '"end", text) VALUES (1, 1, \'2025-01-02 00:00:00\', \'decide\', \'unsourced\', 0, 9, '
                              "'Il pleut.')"))
        assert current_revision(eng) == "0001"
    finally:
        eng.dispose()


def test_an_upgrade_that_fails_midway_leaves_the_database_as_it_was(db_url, monkeypatch):
    """An upgrade is one transaction. On SQLite each DDL statement of a migration committed on
    its own: an upgrade killed (or failing) midway left migration 0002's new column in the
    file with alembic_version still at 0001, and every command after that failed for ever with
    'duplicate column name: uid' (found by QA killing a `workbench stats` during the upgrade of
    a large 0001 database)."""
    import pytest
    from alembic.operations import Operations

    _database_at_0001(db_url)
    create_table = Operations.create_table

    def fail_on_adjudication(self, name, *args, **kwargs):
        if name == "adjudication":  # (migration 0002, after the annotation table got its uid column)
            raise RuntimeError("killed midway")
        return create_table(self, name, *args, **kwargs)

    monkeypatch.setattr(Operations, "create_table", fail_on_adjudication)
    with pytest.raises(RuntimeError, match="killed midway"):
        make_engine(db_url)
    monkeypatch.setattr(Operations, "create_table", create_table)
    eng = make_engine(db_url)  # the next command upgrades it
    try:
        assert current_revision(eng) == head_revision()
        with eng.connect() as conn:
            assert conn.execute(text("SELECT label, uid IS NOT NULL FROM annotation")).all() == [("unsourced", True)]
    finally:
        eng.dispose()


def test_commands_started_together_on_an_old_database_all_upgrade_it(db_url, tmp_path):
    """Several commands opening a database of an older schema at once: one upgrades it, the
    others wait for it and find it upgraded. They raced: each ran the migrations, and on SQLite
    all but one failed with 'duplicate column name: uid' (found by QA starting four `workbench
    agreement` on a 0001 database at once)."""
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    _database_at_0001(db_url)
    go = tmp_path / "go"
    # each process has imported everything and waits for the same moment to open the database
    code = ("import sys, time, pathlib\n"
            "from workbench.store.database import make_engine, head_revision, known_revisions\n"
            "head_revision(); known_revisions()\n"
            "while not pathlib.Path(sys.argv[2]).exists(): time.sleep(0.001)\n"
            "make_engine(sys.argv[1]).dispose()\n")
    procs = [subprocess.Popen([sys.executable, "-c", code, db_url, str(go)], cwd=ROOT, stderr=subprocess.PIPE,
                              text=True) for _ in range(4)]
    time.sleep(3)  # (the imports)
    go.touch()
    errors = [err for p in procs if (err := p.communicate(timeout=120)[1]) or p.returncode]
    assert errors == []
    eng = make_engine(db_url)
    try:
        assert current_revision(eng) == head_revision()
        with eng.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM annotation")).scalar() == 1
    finally:
        eng.dispose()
