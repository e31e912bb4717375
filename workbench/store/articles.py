"""Writes of articles and their candidates: the bulk inserts of an import, a claim added by hand
(a manual candidate), and the links between near-copy articles."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone

from sqlalchemy import insert, select

from workbench.store.batching import rows_in
from workbench.store.models import utcnow
from workbench.store.tables import article_links, articles, candidates


def existing_hashes(conn, ids: Iterable[str]) -> dict[str, str]:
    """``{article id: content hash}`` of those of ``ids`` already stored."""
    q = select(articles.c.id, articles.c.content_hash)
    return dict(rows_in(conn, q, articles.c.id, list(ids)))


def insert_articles(conn, article_rows: list[dict]) -> None:
    """Bulk insert (one executemany) inside the caller's transaction."""
    if article_rows:
        conn.execute(insert(articles), article_rows)


def insert_candidate_tuples(conn, columns: tuple[str, ...], rows: list[tuple], created_at: datetime,
                            table: str = "candidate") -> None:
    """Bulk insert of extractor candidates given as tuples (``columns`` order) plus the
    creation time: straight to the driver, without building a parameter dict per row (the
    import writes hundreds of thousands of them): ``executemany`` on SQLite, ``COPY`` on
    PostgreSQL. ``table``: ``candidate``, or the staging table of a streamed import."""
    if not rows:
        return
    cols = (*columns, "created_at")
    quoted = ", ".join(conn.dialect.identifier_preparer.quote(c) for c in cols)
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
        # COPY: several times faster than any INSERT form; same transaction as ``conn``
        with conn.connection.driver_connection.cursor() as cur:
            with cur.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                write = copy.write_row
                for r in rows:
                    write((*r, created_at))
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join([mark] * len(cols))})"
    if conn.dialect.name == "sqlite":
        # the text form SQLAlchemy's SQLite DateTime writes and reads back (UTC, no offset)
        created_at = created_at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
    conn.exec_driver_sql(sql, [(*r, created_at) for r in rows])


def insert_manual_candidate(conn, article_id: str, text: str, span: tuple[int, int], *, reason: str,
                            created_at: datetime, source: tuple[int, int] | None = None,
                            suggested: str | None = None, orphaned_in: int | None = None) -> int:
    """A claim the extractor did not propose (added by a reviewer, or imported with a decision):
    a candidate of origin ``manual``; ``text`` is the article's current text, and the candidate
    gets the article's current revision (its offsets index that text: were it orphaned by a later
    revision, its export names the revision they index). ``orphaned_in``: an orphaned claim (a
    decision on one imported from a claims export), ``text`` then the article's text at that
    earlier revision. Returns its id."""
    start, end = span
    revision = orphaned_in if orphaned_in is not None else \
        select(articles.c.revision).where(articles.c.id == article_id).scalar_subquery()
    return conn.execute(insert(candidates).values(
        article_id=article_id, start=start, end=end, text=text[start:end], suggested_label=suggested, score=0.0,
        reason=reason, extractor_version="manual", origin="manual", created_at=created_at, revision=revision,
        orphaned=orphaned_in is not None,
        source_start=source[0] if source else None, source_end=source[1] if source else None,
        source_text=text[source[0]:source[1]] if source else None,
    )).inserted_primary_key[0]


def add_links(conn, pairs: list[tuple[str, str, float]]) -> None:
    """Link each ``(new, existing, score)`` pair of near-copy articles both ways (once)."""
    if not pairs:
        return
    now = utcnow()
    rows = []
    for a, b, score in pairs:
        rows.append({"article_id": a, "other_id": b, "score": score, "kind": "near-duplicate", "created_at": now})
        rows.append({"article_id": b, "other_id": a, "score": score, "kind": "near-duplicate", "created_at": now})
    link = article_links.c
    have = set(conn.execute(select(link.article_id, link.other_id).where(
        link.article_id.in_(sorted({r["article_id"] for r in rows})))).all())
    rows = [r for r in rows if (r["article_id"], r["other_id"]) not in have]
    if rows:
        conn.execute(insert(article_links), rows)
