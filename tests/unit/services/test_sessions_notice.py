"""What a reviewer is told about their other open sessions: one is, several are."""

from __future__ import annotations

from datetime import datetime, timezone

from workbench.services.sessions import SessionInfo, notice


def _session(i: int) -> SessionInfo:
    return SessionInfo(i, "ann", "host", 100 + i, "terminal", datetime(2026, 1, 1, 9, 30, tzinfo=timezone.utc))


def test_no_other_session_says_nothing():
    assert notice([]) is None


def test_one_other_session_is_open_and_several_are():
    assert notice([_session(1)]).startswith("another session of ann is open on this database (host, pid 101")
    several = notice([_session(1), _session(2)])
    assert several.startswith("2 other sessions of ann are open on this database (host, pid 101")
    assert "pid 102" in several
