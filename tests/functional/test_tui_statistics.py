"""The statistics screen (``s``): the bars take the room the box leaves, so the label names and
the figures are never cut. At 100 columns a bar of a fixed 60 cells left too little room and
they were cut ('attribut…      35  5…  ████…'); 80, 120 and 200 columns were fine."""

from __future__ import annotations

import pytest

from tests.functional.tui_helpers import fixture_db, press, run, session, settle
from workbench.claims.model import LABELS
from workbench.services.review import ReviewService
from workbench.store import make_engine
from workbench.tui.screens.agreement import AgreementScreen


def _decided(tmp_path) -> str:
    url = fixture_db(tmp_path)
    engine = make_engine(url)
    ann = ReviewService(engine, "ann")
    claims = ann.load_article("000_a05f25a83f551d02.txt").claims[:20]
    for i, c in enumerate(claims):
        ann.decide(c.id, LABELS[i % 3 if i < 18 else 3])
    engine.dispose()
    return url


def _screen_text(app) -> list[str]:
    return ["".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()]


@pytest.mark.parametrize("width", [60, 80, 100, 120, 200])
def test_the_statistics_never_cut_a_label_or_a_figure(tmp_path, width):
    url = _decided(tmp_path)

    async def go():
        async with session(url, size=(width, 40)) as (app, pilot):
            await press(app, pilot, "s")
            assert isinstance(app.screen, AgreementScreen)
            for _ in range(100):
                await settle(app, pilot)
                if app.screen.report is not None:
                    break
            await pilot.pause(0.1)
            return _screen_text(app)

    lines = run(go())
    rows = {label: next((ln for ln in lines if f" {label} " in ln), None) for label in LABELS}
    assert all(rows.values()), (rows, lines)
    for label, line in rows.items():
        assert "…" not in line, line
        assert "%" in line, line  # the share, whole
    day = next(ln for ln in lines if "Decisions per day" in ln)
    days = lines[lines.index(day) + 1]
    assert "…" not in days and " 18 " in days, days  # the day and its count, whole


def test_the_bars_follow_the_window_when_it_is_resized(tmp_path):
    url = _decided(tmp_path)

    async def go():
        async with session(url, size=(140, 40)) as (app, pilot):
            await press(app, pilot, "s")
            for _ in range(100):
                await settle(app, pilot)
                if app.screen.report is not None:
                    break
            await pilot.resize_terminal(100, 40)
            await settle(app, pilot)
            await pilot.pause(0.2)
            return _screen_text(app)

    lines = run(go())
    row = next(ln for ln in lines if " attributed " in ln)
    assert "…" not in row and "%" in row
