"""Shared fixtures: the article fixtures folder and a migrated SQLite database per test."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


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


@pytest.fixture
def db_url(tmp_path) -> str:
    """An SQLAlchemy URL of a fresh SQLite file in the test's temporary folder."""
    return f"sqlite:///{tmp_path / 'workbench.db'}"


@pytest.fixture
def engine(db_url):
    """An engine on ``db_url`` with the schema migrated to head."""
    from workbench.store.database import make_engine

    eng = make_engine(db_url)
    yield eng
    eng.dispose()
