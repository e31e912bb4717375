"""Reviewers' accounts for ``workbench serve`` (``workbench users add|remove|list|passwd``).

An account is a reviewer name and an Argon2id hash of a password (argon2-cffi, with its default
parameters; a hash made with older parameters is renewed at the next good login). The name is
the reviewer every decision of that account is recorded under. Passwords never come from the
command line (``ps`` shows it): ``read_password`` asks on the terminal, or reads one line from
standard input when that is not a terminal.
"""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine

from workbench.escapes import visible
from workbench.store.models import utcnow
from workbench.store.tables import accounts

#: bounds of a password (Argon2 hashes any length; a huge one only costs the server time)
MIN_PASSWORD, MAX_PASSWORD = 8, 1024
MAX_NAME = 64


class AccountError(ValueError):
    """A refused account operation; the message is one line for the user."""


@dataclass(frozen=True)
class AccountInfo:
    name: str
    created_at: datetime
    updated_at: datetime


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    """A hash to verify against when the name is unknown, so that a wrong name takes as long
    as a wrong password (the reply time does not tell which names exist)."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = _hasher().hash("not a password of anyone")
    return _DUMMY_HASH


def check_name(name: str) -> str:
    """``name`` if it can be an account (and reviewer) name, else AccountError."""
    if not name or not name.strip():
        raise AccountError("an account name cannot be empty")
    if name != name.strip():
        raise AccountError("an account name cannot start or end with a space")
    if len(name) > MAX_NAME:
        raise AccountError(f"an account name has at most {MAX_NAME} characters")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in name):
        raise AccountError("an account name cannot hold control or invisible formatting characters")
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password has at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"a password has at most {MAX_PASSWORD} characters")
    return password


def hash_password(password: str) -> str:
    return _hasher().hash(check_password(password))


def any_account(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(select(accounts.c.name).limit(1)).first() is not None


def list_accounts(engine: Engine) -> list[AccountInfo]:
    a = accounts.c
    with engine.connect() as conn:
        rows = conn.execute(select(a.name, a.created_at, a.updated_at).order_by(a.name)).all()
    return [AccountInfo(*r) for r in rows]


def stored_hash(engine: Engine, name: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(accounts.c.password_hash).where(accounts.c.name == name)).scalar()


def add(engine: Engine, name: str, password: str) -> None:
    check_name(name)
    digest = hash_password(password)
    now = utcnow()
    with engine.begin() as conn:
        if conn.execute(select(accounts.c.name).where(accounts.c.name == name)).first() is not None:
            raise AccountError(f"account {name!r} exists already (use workbench users passwd to change its password)")
        conn.execute(insert(accounts).values(name=name, password_hash=digest, created_at=now, updated_at=now))


def set_password(engine: Engine, name: str, password: str) -> None:
    """A new password; the sessions opened with the old one end (``serve`` checks the hash)."""
    digest = hash_password(password)
    with engine.begin() as conn:
        done = conn.execute(update(accounts).where(accounts.c.name == name)
                            .values(password_hash=digest, updated_at=utcnow())).rowcount
    if not done:
        raise AccountError(f"no account {name!r}")


def remove(engine: Engine, name: str) -> None:
    """The account goes (its sessions end); the reviewer's decisions stay."""
    with engine.begin() as conn:
        done = conn.execute(delete(accounts).where(accounts.c.name == name)).rowcount
    if not done:
        raise AccountError(f"no account {name!r}")


def verify(engine: Engine, name: str, password: str) -> str | None:
    """The stored hash of ``name`` if ``password`` is its password, else None. Takes about
    the same time for an unknown name. Renews a hash made with older parameters."""
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    if len(password) > MAX_PASSWORD or len(name) > MAX_NAME:
        return None
    digest = stored_hash(engine, name)
    ph = _hasher()
    try:
        ph.verify(digest or _dummy_hash(), password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if digest is None:
        return None
    if ph.check_needs_rehash(digest):
        new = ph.hash(password)
        with engine.begin() as conn:
            conn.execute(update(accounts).where(accounts.c.name == name, accounts.c.password_hash == digest)
                         .values(password_hash=new))
        digest = new
    return digest


def read_password(prompt: str = "password: ", *, confirm: bool = True, stdin=None) -> str:
    """A password from the terminal (asked twice when ``confirm``), or the first line of
    standard input when it is not a terminal (``echo secret | workbench users add ann``)."""
    stdin = stdin or sys.stdin
    if stdin.isatty():
        import getpass

        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("again: ") != first:
            raise AccountError("the two passwords differ")
        return first
    return stdin.readline(MAX_PASSWORD + 2).rstrip("\r\n")


def users_command(engine: Engine, action: str, name: str | None, *, stdin=None, out=None) -> int:
    """``workbench users ACTION [NAME]``: prints what was done; AccountError when refused."""
    out = out or sys.stdout
    if action == "list":
        rows = list_accounts(engine)
        for a in rows:
            print(f"{visible(a.name)}\tcreated {a.created_at:%Y-%m-%d %H:%M}\tpassword set {a.updated_at:%Y-%m-%d %H:%M}",
                  file=out)
        if not rows:
            print("no accounts: workbench serve runs in its single-reviewer, loopback-only mode", file=out)
        return 0
    assert name is not None
    if action == "remove":
        remove(engine, name)
        print(f"account {name!r} removed (its decisions stay)", file=out)
        return 0
    check_name(name)
    if action == "passwd" and stored_hash(engine, name) is None:
        raise AccountError(f"no account {name!r}")
    if action == "add" and stored_hash(engine, name) is not None:
        raise AccountError(f"account {name!r} exists already (use workbench users passwd to change its password)")
    password = read_password(f"password for {visible(name)}: ", stdin=stdin)
    if action == "add":
        add(engine, name, password)
        print(f"account {name!r} added: it logs in to workbench serve and reviews as {name!r}", file=out)
    else:
        set_password(engine, name, password)
        print(f"password of {name!r} changed (its open sessions end)", file=out)
    return 0
