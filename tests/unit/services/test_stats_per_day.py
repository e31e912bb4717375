"""The decisions per day of ``workbench stats`` (and the app's statistics screen) are the decisions
that stand, each on the day its reviewer made it: a decision changed or undone later is not
counted, so the per-day chart adds up to the per-label one."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from sqlalchemy import update

from workbench.services import stats
from workbench.services.importing import import_paths
from workbench.services.review import ReviewService
from workbench.store import tables

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "003_58336a3358c5ca07.txt"
D1, D2, D3 = date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 3)


def _on(engine, result, day: date) -> None:
    """Move the history row a write made to ``day``."""
    at = datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc)
    with engine.begin() as conn:
        conn.execute(update(tables.annotations).where(tables.annotations.c.id == result.annotation_id)
                     .values(created_at=at))


def test_decisions_per_day_count_the_decisions_that_stand(engine):
    assert import_paths(engine, [FIXTURE]).imported == 1
    ann = ReviewService(engine, "ann")
    c = [x.id for x in ann.load_article(FIXTURE.name).claims[:5]]
    _on(engine, ann.decide(c[0], "attributed"), D1)
    _on(engine, ann.decide(c[0], "contested"), D2)  # overridden: contested, on day 2
    first = ann.decide(c[1], "unsourced")
    _on(engine, first, D1)
    _on(engine, ann.undo(first.annotation_id), D2)  # undone: no decision
    _on(engine, ann.decide(c[2], "not_claim"), D1)
    second = ann.decide(c[2], "attributed")
    _on(engine, second, D2)
    _on(engine, ann.undo(second.annotation_id), D3)  # back to not_claim, decided on day 1
    _on(engine, ann.decide(c[3], "attributed"), D1)
    _on(engine, ann.set_note(c[3], "a note is no decision"), D2)
    made = ann.decide(c[4], "unsourced")
    _on(engine, made, D1)
    undone = ann.undo(made.annotation_id)
    _on(engine, undone, D2)
    _on(engine, ann.redo(made.annotation_id), D3)  # the day-1 decision stands again

    per_day = stats.decisions_per_day(engine)
    assert per_day == [(D1, "attributed", 1), (D1, "not_claim", 1), (D1, "unsourced", 1), (D2, "contested", 1)]
    st = stats.stats(engine)
    assert sum(n for _d, _l, n in per_day) == sum(n for _l, n in st.by_label) == st.reviewed_candidates == 4
