"""``workbench users``: accounts for serve, passwords from a prompt or stdin, Argon2id hashes."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from workbench.cli import main
from workbench.services import accounts
from workbench.store.tables import accounts as account_table


def _users(monkeypatch, db_url, *argv, stdin=""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["users", *argv[:1], "--db", db_url, *argv[1:]])


def test_users_add_list_passwd_remove(monkeypatch, capsys, db_url, engine):
    assert _users(monkeypatch, db_url, "add", "ann", stdin="first-password\n") == 0
    assert "account 'ann' added" in capsys.readouterr().out
    digest = accounts.stored_hash(engine, "ann")
    assert digest.startswith("$argon2id$") and "first-password" not in digest
    assert accounts.verify(engine, "ann", "first-password") == digest
    assert accounts.verify(engine, "ann", "wrong-password") is None
    assert accounts.verify(engine, "nobody", "first-password") is None

    assert _users(monkeypatch, db_url, "add", "ann", stdin="other-password\n") == 1
    assert "exists already" in capsys.readouterr().err
    assert _users(monkeypatch, db_url, "passwd", "ann", stdin="second-password\r\n") == 0
    assert accounts.verify(engine, "ann", "second-password") and not accounts.verify(engine, "ann", "first-password")
    assert _users(monkeypatch, db_url, "list") == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("ann\tcreated ")
    assert _users(monkeypatch, db_url, "remove", "ann") == 0
    assert _users(monkeypatch, db_url, "remove", "ann") == 1
    assert capsys.readouterr().err.strip().endswith("users remove: no account 'ann'")
    with engine.connect() as conn:
        assert conn.execute(select(account_table.c.name)).all() == []


@pytest.mark.parametrize("name, password, why", [
    ("ann", "short", "at least 8 characters"),
    ("\x1b[2Jann", "long-enough", "control or invisible"),
    (" ann", "long-enough", "start or end with a space"),
    ("", "long-enough", "cannot be empty"),
])
def test_users_add_refuses_bad_names_and_passwords(monkeypatch, capsys, db_url, engine, name, password, why):
    # (``engine``: the database exists; users never creates one)
    assert _users(monkeypatch, db_url, "add", name, stdin=password + "\n") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and why in err and "\x1b" not in err


def test_the_password_is_not_an_argument():
    with pytest.raises(SystemExit):
        main(["users", "add", "ann", "secret-password"])
