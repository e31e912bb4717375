"""Open review sessions: a second session of one reviewer on one database is told that another
is open, and where (issue 12, deliver 5).

A session is a row (``store.models.ReviewSession``) written when the app starts, renewed every
``HEARTBEAT_S`` seconds while it runs and removed when it closes. A session that was killed is
known as ended once its row is older than ``STALE_S``, or at once on the same host when its
process no longer runs. What a session writes reaches the others through ``ReviewService.
changes_since`` (they poll the newest annotation id, a cheap read)."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine

from workbench.store.annotations import reviewer_id
from workbench.store.models import utcnow
from workbench.store.tables import review_sessions, reviewers

#: seconds between two renewals of an open session's row
HEARTBEAT_S = 10.0
#: a row not renewed for this long is a session that ended without closing (killed)
STALE_S = 45.0


@dataclass(frozen=True, slots=True)
class SessionInfo:
    id: int
    reviewer: str
    host: str
    pid: int
    kind: str
    started_at: datetime

    def where(self) -> str:
        """``host, pid N (terminal), since HH:MM UTC`` (the date too when not today)."""
        started = self.started_at if self.started_at.tzinfo else self.started_at.replace(tzinfo=timezone.utc)
        now = datetime.now(timezone.utc)
        when = started.strftime("%H:%M" if started.date() == now.date() else "%Y-%m-%d %H:%M")
        return f"{self.host}, pid {self.pid} ({self.kind}), since {when} UTC"


def _alive(row, host: str, cutoff: datetime) -> bool:
    seen = row.seen_at if row.seen_at.tzinfo else row.seen_at.replace(tzinfo=timezone.utc)
    if seen < cutoff:
        return False
    if row.host == host:  # on this machine its process can be asked about
        try:
            os.kill(row.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
    return True


def _others(conn, reviewer_id_: int, own_id: int | None) -> list[SessionInfo]:
    """The live sessions of the reviewer other than ``own_id``; the rows of ended ones removed."""
    host = socket.gethostname()
    cutoff = datetime.now(timezone.utc) - timedelta(seconds=STALE_S)
    rows = conn.execute(select(review_sessions, reviewers.c.name)
                        .join(reviewers, reviewers.c.id == review_sessions.c.reviewer_id)
                        .where(review_sessions.c.reviewer_id == reviewer_id_)
                        .order_by(review_sessions.c.id)).all()
    out, ended = [], []
    for r in rows:
        if r.id == own_id:
            continue
        if _alive(r, host, cutoff):
            out.append(SessionInfo(r.id, r.name, r.host, r.pid, r.kind, r.started_at))
        else:
            ended.append(r.id)
    if ended:
        conn.execute(delete(review_sessions).where(review_sessions.c.id.in_(ended)))
    return out


def open_session(engine: Engine, reviewer: str, kind: str = "terminal") -> tuple[int, list[SessionInfo]]:
    """Record this process's session of ``reviewer``; returns its id and the reviewer's other
    open sessions (oldest first)."""
    rid = reviewer_id(engine, reviewer)
    now = utcnow()
    with engine.begin() as conn:
        others = _others(conn, rid, None)
        sid = conn.execute(insert(review_sessions).values(
            reviewer_id=rid, host=socket.gethostname(), pid=os.getpid(), kind=kind, started_at=now, seen_at=now,
        )).inserted_primary_key[0]
    return sid, others


def heartbeat(engine: Engine, session_id: int, reviewer: str) -> list[SessionInfo]:
    """Renew the session's row (again, if an other session took it for ended); returns the
    reviewer's other open sessions."""
    rid = reviewer_id(engine, reviewer)
    with engine.begin() as conn:
        done = conn.execute(update(review_sessions).where(review_sessions.c.id == session_id)
                            .values(seen_at=utcnow())).rowcount
        if not done:
            now = utcnow()
            conn.execute(insert(review_sessions).values(id=session_id, reviewer_id=rid, host=socket.gethostname(),
                                                        pid=os.getpid(), kind="terminal", started_at=now, seen_at=now))
        return _others(conn, rid, session_id)


def close_session(engine: Engine, session_id: int) -> None:
    with engine.begin() as conn:
        conn.execute(delete(review_sessions).where(review_sessions.c.id == session_id))


def notice(others: list[SessionInfo]) -> str | None:
    """What the reviewer is told about their other open sessions (None: there are none)."""
    if not others:
        return None
    where = "; ".join(s.where() for s in others)
    n = "another session" if len(others) == 1 else f"{len(others)} other sessions"
    verb = "is" if len(others) == 1 else "are"
    return (f"{n} of {others[0].reviewer} {verb} open on this database ({where}). Decisions made there show here "
            "within a second; the same claim decided in both keeps the later decision.")
