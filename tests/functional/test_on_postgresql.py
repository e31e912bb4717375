"""The review app and team review on PostgreSQL: every test of ``test_tui.py`` and
``test_team.py`` that builds its database with ``fixture_db(tmp_path)`` (an SQLite file, from
``tui_helpers``) runs again here with that database on the PostgreSQL server under test (skipped
without ``WORKBENCH_TEST_PG_URL``). The tests are not copied: new ones run on both backends too.
Tests that take ``db_url`` run on both backends by themselves (see ``tests/conftest.py``)."""

from __future__ import annotations

import inspect

import pytest

from tests.functional import test_team, test_tui
from tests.functional.tui_helpers import FIXTURES
from workbench.services.importing import import_paths
from workbench.formats.articles import expand
from workbench.store import make_engine

MODULES = {"test_tui": test_tui, "test_team": test_team}
CASES = sorted(
    (mod, name) for mod, module in MODULES.items() for name, func in vars(module).items()
    if name.startswith("test_") and inspect.isfunction(func)
    and set(inspect.signature(func).parameters) <= {"tmp_path", "capsys"}
    and "fixture_db(" in inspect.getsource(func)
)


def test_the_tests_to_repeat_are_found():
    names = {name for _mod, name in CASES}
    assert len(names) >= 20
    assert {"test_label_keys_write_decisions_and_advance", "test_two_reviewers_agreement_adjudication_and_gold"} <= names


@pytest.mark.parametrize("mod, name", CASES, ids=[f"{m}.{n}" for m, n in CASES])
def test_on_postgresql(mod, name, pg_server, tmp_path, capsys, monkeypatch):
    module = MODULES[mod]
    made: list[str] = []

    def pg_fixture_db(_folder) -> str:
        url = pg_server.new_schema()
        made.append(url)
        engine = make_engine(url)
        res = import_paths(engine, expand([str(FIXTURES)]))
        assert res.imported == 5 and not res.errors
        engine.dispose()
        return url

    monkeypatch.setattr(module, "fixture_db", pg_fixture_db)
    func = getattr(module, name)
    given = {"tmp_path": tmp_path, "capsys": capsys}
    try:
        func(**{p: given[p] for p in inspect.signature(func).parameters})
    finally:
        for url in made:
            pg_server.drop_schema(url)
    assert made, f"{name} did not build its database with fixture_db"
