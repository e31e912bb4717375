"""The queries the app needs. Writes are short transactions; reads stream where data is large."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timezone

from sqlalchemy import and_, func, insert, select
from sqlalchemy.engine import Engine

from workbench.store.models import Annotation, Article, Candidate, Reviewer, utcnow

A = Article.__table__
C = Candidate.__table__
N = Annotation.__table__
R = Reviewer.__table__


def existing_hashes(conn, ids: Iterable[str]) -> dict[str, str]:
    ids = list(ids)
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out.update(conn.execute(select(A.c.id, A.c.content_hash).where(A.c.id.in_(chunk))).all())
    return dict(out)


def insert_articles(conn, articles: list[dict], candidates: list[dict]) -> None:
    """Bulk insert (one executemany per table) inside the caller's transaction."""
    if articles:
        conn.execute(insert(A), articles)
    if candidates:
        conn.execute(insert(C), candidates)


def insert_candidate_tuples(conn, columns: tuple[str, ...], rows: list[tuple], created_at) -> None:
    """Bulk insert of extractor candidates given as tuples (``columns`` order) plus the
    creation time: straight to the driver, without building a parameter dict per row (the
    import writes hundreds of thousands of them): ``executemany`` on SQLite, ``COPY`` on
    PostgreSQL."""
    if not rows:
        return
    cols = (*columns, "created_at")
    quoted = ", ".join(conn.dialect.identifier_preparer.quote(c) for c in cols)
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
        # COPY: several times faster than any INSERT form; same transaction as ``conn``
        with conn.connection.driver_connection.cursor() as cur:
            with cur.copy(f"COPY candidate ({quoted}) FROM STDIN") as copy:
                write = copy.write_row
                for r in rows:
                    write((*r, created_at))
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO candidate ({quoted}) VALUES ({', '.join([mark] * len(cols))})"
    if conn.dialect.name == "sqlite":
        # the text form SQLAlchemy's SQLite DateTime writes and reads back (UTC, no offset)
        created_at = created_at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
    conn.exec_driver_sql(sql, [(*r, created_at) for r in rows])


def reviewer_id(engine: Engine, name: str) -> int:
    """The id of reviewer ``name``, created on first use."""
    with engine.begin() as conn:
        rid = conn.execute(select(R.c.id).where(R.c.name == name)).scalar()
        if rid is None:
            rid = conn.execute(insert(R).values(name=name, created_at=utcnow())).inserted_primary_key[0]
        return rid


def latest_annotation_ids():
    """Subquery: the id of the latest annotation per (candidate, reviewer)."""
    return (
        select(func.max(N.c.id).label("id"))
        .group_by(N.c.candidate_id, N.c.reviewer_id)
        .subquery("latest")
    )


@dataclass
class Stats:
    articles: int
    candidates: int
    reviewed_candidates: int
    by_label: list[tuple[str, int]]
    by_reviewer: list[tuple[str, int, int]]  # name, decided claims, history rows
    suggested: list[tuple[str, int]]


def stats(engine: Engine) -> Stats:
    latest = latest_annotation_ids()
    with engine.connect() as conn:
        n_art = conn.execute(select(func.count()).select_from(A)).scalar_one()
        n_cand = conn.execute(select(func.count()).select_from(C)).scalar_one()
        current = select(N).join(latest, N.c.id == latest.c.id).where(N.c.label.is_not(None)).subquery("cur")
        reviewed = conn.execute(select(func.count(func.distinct(current.c.candidate_id)))).scalar_one()
        by_label = conn.execute(
            select(current.c.label, func.count()).group_by(current.c.label).order_by(current.c.label)
        ).all()
        decided = dict(
            conn.execute(select(current.c.reviewer_id, func.count()).group_by(current.c.reviewer_id)).all()
        )
        rows = dict(conn.execute(select(N.c.reviewer_id, func.count()).group_by(N.c.reviewer_id)).all())
        names = conn.execute(select(R.c.id, R.c.name).order_by(R.c.name)).all()
        suggested = conn.execute(
            select(C.c.suggested_label, func.count()).group_by(C.c.suggested_label)
            .order_by(C.c.suggested_label.nulls_first())  # SQLite's order; PostgreSQL puts NULL last
        ).all()
    return Stats(
        articles=n_art,
        candidates=n_cand,
        reviewed_candidates=reviewed,
        by_label=[(lbl, n) for lbl, n in by_label],
        by_reviewer=[(name, decided.get(rid, 0), rows.get(rid, 0)) for rid, name in names if rows.get(rid)],
        suggested=[(lbl or "(manual)", n) for lbl, n in suggested],
    )


def streaming(conn, batch: int):
    """``conn`` set up to stream a large result ``batch`` rows at a time: SQLite steps its
    cursor; PostgreSQL reads through a server-side cursor (memory stays flat on both). A
    PostgreSQL cursor is planned for its first rows by default, which turns the export's joins
    into nested loops over the whole annotation table (minutes instead of seconds): plan it for
    the whole result instead, without JIT compilation (a fixed ~0.4 s on these queries), and
    with room to sort in memory. ``SET LOCAL``: for this transaction only."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL cursor_tuple_fraction = 1.0; SET LOCAL jit = off; SET LOCAL work_mem = '64MB'")
    return conn.execution_options(stream_results=True, yield_per=batch)


def iter_claim_rows(engine: Engine, *, include_unreviewed: bool, reviewer: str | None = None,
                    batch: int = 2000) -> Iterator[dict]:
    """Every current decision (one row per candidate and reviewer; only ``reviewer``'s if
    given), then, if asked, every candidate nobody decided, in article and offset order.
    Streamed: memory stays flat."""
    # the latest row per (candidate, reviewer), found through the (candidate_id, reviewer_id, id)
    # index for each candidate: no derived table to join, so this streams in one pass
    n2 = N.alias("n2")
    is_latest = N.c.id == (
        select(func.max(n2.c.id))
        .where(n2.c.candidate_id == N.c.candidate_id, n2.c.reviewer_id == N.c.reviewer_id)
        .scalar_subquery()
    )
    cur = N
    q = (
        select(
            C.c.id, C.c.article_id, C.c.start, C.c.end, C.c.text, C.c.suggested_label, C.c.score,
            C.c.cue_text, C.c.cue_start, C.c.cue_end, C.c.source_text, C.c.source_start, C.c.source_end,
            C.c.extractor_version, C.c.origin, C.c.orphaned, C.c.revision,
            A.c.title.label("article_title"),
            cur.c.label.label("a_label"),
            cur.c.start.label("a_start"),
            cur.c.end.label("a_end"),
            cur.c.text.label("a_text"),
            cur.c.source_text.label("a_source_text"),
            cur.c.source_start.label("a_source_start"),
            cur.c.source_end.label("a_source_end"),
            cur.c.note.label("a_note"),
            cur.c.created_at.label("a_created_at"),
            cur.c.uid.label("a_uid"),
            R.c.name.label("reviewer"),
        )
        .join(A, A.c.id == C.c.article_id)
        .outerjoin(cur, and_(cur.c.candidate_id == C.c.id, cur.c.label.is_not(None), is_latest,
                             *([cur.c.reviewer_id == select(R.c.id).where(R.c.name == reviewer).scalar_subquery()]
                               if reviewer is not None else [])))
        .outerjoin(R, R.c.id == cur.c.reviewer_id)
        .order_by(C.c.article_id, C.c.start, C.c.id, R.c.name)
    )
    if not include_unreviewed:
        q = q.where(cur.c.label.is_not(None))
    with engine.connect() as conn:
        result = streaming(conn, batch).execute(q)
        keys = tuple(result.keys())
        for row in result:
            yield dict(zip(keys, row))


def iter_articles(engine: Engine, batch: int = 200) -> Iterator[dict]:
    with engine.connect() as conn:
        result = streaming(conn, batch).execute(
            select(A.c.id, A.c.title, A.c.text, A.c.language, A.c.origin, A.c.url, A.c.meta, A.c.content_hash).order_by(A.c.id)
        )
        for row in result:
            yield row._asdict()


#: actions that record a label decision (history rows counted per day)
LABEL_ACTIONS = ("decide", "accept", "add", "import")


def decisions_per_day(engine: Engine) -> list[tuple]:
    """``(day, label, count)`` of the label decisions made each day (history rows: a decision
    changed later counts on both days), in UTC."""
    with engine.connect() as conn:
        rows = conn.execute(select(N.c.created_at, N.c.label).where(N.c.action.in_(LABEL_ACTIONS),
                                                                       N.c.label.is_not(None))).all()
    counts: dict[tuple, int] = {}
    for at, label in rows:
        day = at.date()
        counts[(day, label)] = counts.get((day, label), 0) + 1
    return sorted((d, lbl, n) for (d, lbl), n in counts.items())
