"""Staging of a large import: its articles and candidates are written to ``stagedarticle`` /
``stagedcandidate`` in short transactions (one per chunk of a few hundred articles), then
published to ``article`` / ``candidate`` in one short transaction once the whole file is good.
Readers never see half a file, and reviewers' writes wait at most for one chunk or the publish
(well under the busy timeout), never for the extraction of a whole file.

A staging run is named by a token ``HOST:PID:RANDOM``; the rows of a run whose process is gone
(an import killed outright) are removed by the next import (``clean_stale``)."""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime

from sqlalchemy import delete, func, insert, select, text

from workbench.store.articles import insert_candidate_tuples
from workbench.store.batching import batches, rows_in
from workbench.store.tables import articles, candidates, staged_articles, staged_candidates

#: the article columns copied at publish (all of them but the revision, which starts at 1)
ARTICLE_COLUMNS = ("id", "title", "text", "content_hash", "language", "origin", "url", "meta", "imported_at",
                   "fingerprint")
#: an id for PostgreSQL's advisory lock that serialises publishes (check, then insert)
PUBLISH_LOCK = 0x77B0_15


def new_token() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def clean_stale(engine) -> int:
    """Remove the staged rows of imports of this host whose process no longer runs; returns how
    many runs were removed."""
    host = socket.gethostname()
    with engine.connect() as conn:
        tokens = set(conn.execute(select(staged_articles.c.token).distinct()).scalars())
        tokens |= set(conn.execute(select(staged_candidates.c.token).distinct()).scalars())
    stale = []
    for token in tokens:
        h, _, rest = token.partition(":")
        pid = rest.partition(":")[0]
        if h == host and pid.isdigit() and not _alive(int(pid)):
            stale.append(token)
    for token in stale:
        discard(engine, token)
    return len(stale)


def stage(engine, token: str, article_rows: list[dict], columns: tuple[str, ...], candidate_rows: list[tuple],
          created_at: datetime) -> None:
    """One chunk, in a transaction of its own."""
    with engine.begin() as conn:
        if article_rows:
            conn.execute(insert(staged_articles), [{**r, "token": token} for r in article_rows])
        if candidate_rows:  # (straight to the driver: hundreds of thousands of rows per file)
            insert_candidate_tuples(conn, ("token", *columns), [(token, *r) for r in candidate_rows], created_at,
                                    table=staged_candidates.name)


def staged_text(conn, article_id: str, token: str | None = None) -> str | None:
    """The text of an article staged by some import (for near-copy checks), or None: first among
    the rows of run ``token`` (a primary-key lookup), then among any run's (a scan: rare)."""
    sa = staged_articles.c
    if token is not None:
        text_ = conn.execute(select(sa.text).where(sa.token == token, sa.id == article_id)).scalar()
        if text_ is not None:
            return text_
    return conn.execute(select(sa.text).where(sa.id == article_id).limit(1)).scalar()


def publish(engine, token: str, links=None, revise=None) -> tuple[list[str], dict[str, str], list[dict]]:
    """Move the run's rows to ``article`` and ``candidate`` in one transaction, then remove them.
    Articles another import stored meanwhile are left out (with their candidates). Returns (the
    ids published, ``{id left out: its stored content hash}``, the staged rows of those left out
    whose text differs from the stored one: id, title, text, origin, url, meta, language,
    fingerprint, and ``candidates``, their staged candidates as mappings in staging order).
    ``links(conn, published)`` runs in the same transaction (the near-copy links of the new
    articles), then ``revise(conn, replaced)`` (the file's new texts of stored articles, those
    rows among them: the caller makes them new revisions); what either raises rolls it back."""
    sa, sc = staged_articles.c, staged_candidates.c
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PUBLISH_LOCK})
        else:  # take SQLite's write lock first: nothing can be stored between the check and the insert
            conn.execute(delete(staged_articles).where(sa.token == token, sa.id.is_(None)))
        ids = list(conn.execute(select(sa.id).where(sa.token == token)).scalars())
        taken = dict(rows_in(conn, select(articles.c.id, articles.c.content_hash), articles.c.id, ids))
        replaced = []
        if taken:
            q = select(sa.id, sa.title, sa.text, sa.origin, sa.url, sa.meta, sa.content_hash, sa.language,
                       sa.fingerprint).where(sa.token == token)
            replaced = [{**r._mapping, "candidates": []} for r in rows_in(conn, q, sa.id, sorted(taken))
                        if r.content_hash != taken[r.id]]
            by_id = {r["id"]: r for r in replaced}
            q = select(staged_candidates).where(sc.token == token).order_by(sc.sid)
            for row in rows_in(conn, q, sc.article_id, sorted(by_id)):
                by_id[row.article_id]["candidates"].append(row._mapping)
            for chunk in batches(sorted(taken)):
                conn.execute(delete(staged_candidates).where(sc.token == token, sc.article_id.in_(chunk)))
                conn.execute(delete(staged_articles).where(sa.token == token, sa.id.in_(chunk)))
        cols = list(ARTICLE_COLUMNS)
        conn.execute(insert(articles).from_select(cols, select(*(sa[c] for c in cols)).where(sa.token == token)))
        ccols = [c.name for c in staged_candidates.columns if c.name not in ("sid", "token")]
        conn.execute(insert(candidates).from_select(
            ccols, select(*(sc[c] for c in ccols)).where(sc.token == token).order_by(sc.sid)))
        published = [i for i in ids if i not in taken]
        if links is not None:
            links(conn, set(published))
        if revise is not None:
            revise(conn, replaced)
    # the staged rows go in a transaction of their own: the publishing one stays short (should
    # this process die in between, the next import removes them: ``clean_stale``)
    discard(engine, token)
    return published, taken, replaced


def discard(engine, token: str) -> None:
    """Remove a run's staged rows (a file that failed or was published, a run whose process is
    gone). When no other run has rows staged, the tables are emptied at once (SQLite empties a
    table without a WHERE clause without visiting its rows)."""
    sc, sa = staged_candidates.c, staged_articles.c
    with engine.begin() as conn:
        others = True
        if conn.dialect.name == "sqlite":
            # SQLite's write lock first (nothing can be staged between the check and the delete)
            conn.execute(delete(staged_articles).where(sa.token == token, sa.id.is_(None)))
            others = conn.execute(select(sa.token).where(sa.token != token).limit(1)).first() is not None \
                or conn.execute(select(sc.token).where(sc.token != token).limit(1)).first() is not None
        if others:
            conn.execute(delete(staged_candidates).where(sc.token == token))
            conn.execute(delete(staged_articles).where(sa.token == token))
        else:
            conn.execute(delete(staged_candidates))
            conn.execute(delete(staged_articles))


def staged_count(conn) -> int:
    return conn.execute(select(func.count()).select_from(staged_articles)).scalar_one()

