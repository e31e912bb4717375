"""SVG snapshots of every screen (fixed terminal size, fixed clock). Update with
``pytest --snapshot-update`` after an intended change, and look at the report."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.functional.tui_helpers import SIZE, fixture_db, press_for_screenshot
from workbench.cli import make_app

FIXED = datetime(2026, 11, 22, 9, 30, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _no_delays(monkeypatch):
    """Twins looked up at once, so that every screenshot shows them."""
    monkeypatch.setattr("workbench.tui.screens.review.ReviewScreen.TWIN_DELAY", 0)


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setattr("workbench.services.review.utcnow", lambda: FIXED)
    url = fixture_db(tmp_path)
    return make_app(url, "alice", keymap_file=Path("/nonexistent/keymap.toml"))


def before(*keys):
    async def run_before(pilot):
        await press_for_screenshot(pilot.app, pilot, keys)

    return run_before


class TestReviewScreen:
    def test_opens_on_first_claim(self, app, snap_compare):
        """You should see: the status bar (alice, article 0/18, corpus 0/80), the first article with
        its first claim focused (blue background) and the other suggestions underlined in their
        label colour, the claim panel (undecided, suggested unsourced, no history), the footer keys."""
        assert snap_compare(app, terminal_size=SIZE, run_before=before())

    def test_after_decisions(self, app, snap_compare):
        """You should see: the first two claims with decided backgrounds (attributed blue, unsourced
        amber), the focus on the third claim, progress 2/18 and corpus 2/80."""
        assert snap_compare(app, terminal_size=SIZE, run_before=before("a", "u"))

    def test_focused_attributed_claim_marks_source_and_cue(self, app, snap_compare):
        """You should see: the claim "Moscou ripostera … a déclaré lundi le ministère…" focused, its
        cue "a déclaré" in cyan italics and its source "le ministère des Affaires étrangères" in bold
        yellow underlined; the panel shows the source and cue."""
        assert snap_compare(app, terminal_size=SIZE, run_before=before(*["j"] * 6))

    def test_history_after_undo(self, app, snap_compare):
        """You should see: the first claim undecided again and its history listing decide attributed
        then undo, by alice at 09:30."""
        assert snap_compare(app, terminal_size=SIZE, run_before=before("a", "z"))


class TestSelectionModes:
    def test_pick_source(self, app, snap_compare):
        """You should see: the status bar in SOURCE mode, the first two words of the focused claim
        selected in green with the cursor on the last selected character, the selector line above
        the footer (SOURCE, 12 chars, “Avec l’échec”) and a footer of selection keys only."""
        assert snap_compare(app, terminal_size=SIZE, run_before=before("e", "e", "e"))

    def test_add_claim(self, app, snap_compare):
        """You should see: NEW CLAIM mode in the status bar, three words selected in green (the
        anchor on the first, the cursor on the first letter of the third), the selector line
        (NEW CLAIM, “Avec l’échec de”) and a footer of selection keys (confirm, add as…)."""
        assert snap_compare(app, terminal_size=SIZE, run_before=before("v", "w", "w"))


class TestOtherScreens:
    def test_article_list(self, app, snap_compare):
        """You should see: the article list over the review screen, five articles with 0/N progress,
        the first one highlighted, filter "all"."""
        assert snap_compare(app, terminal_size=SIZE, run_before=before("l"))

    def test_search(self, app, snap_compare):
        """You should see: the search box with "Kremlin" typed and fuzzy results (titles and claims)
        with their scores and article ids."""
        assert snap_compare(app, terminal_size=SIZE, run_before=before("slash", *"Kremlin"))

    def test_help(self, app, snap_compare):
        """You should see: the keys table (every binding with its description) and the label guidelines."""
        assert snap_compare(app, terminal_size=SIZE, run_before=before("question_mark"))

    def test_note_prompt(self, app, snap_compare):
        """You should see: the note prompt with "check the date" typed."""
        assert snap_compare(app, terminal_size=SIZE, run_before=before("m", *"check", "space", *"the", "space", *"date"))


@pytest.fixture
def team_url(tmp_path, monkeypatch):
    """The fixtures with two reviewers who disagree on some claims of the first article."""
    monkeypatch.setattr("workbench.services.review.utcnow", lambda: FIXED)
    monkeypatch.setattr("workbench.services.team.utcnow", lambda: FIXED)
    from workbench.store import make_engine
    from workbench.services.review import ReviewService

    url = fixture_db(tmp_path)
    engine = make_engine(url)
    ann, bob = ReviewService(engine, "ann"), ReviewService(engine, "bob")
    claims = ann.load_article("000_a05f25a83f551d02.txt").claims[:8]
    labels = ("attributed", "unsourced", "contested", "not_claim")
    for i, c in enumerate(claims):
        ann.decide(c.id, labels[i % 4])
        bob.decide(c.id, labels[i % 4] if i % 3 else labels[(i + 1) % 4])
    bob.set_note(claims[0].id, "the source is only implied")
    engine.dispose()
    return url


class TestTeamScreens:
    def test_statistics(self, team_url, snap_compare):
        """You should see: charts of decisions per label and per day (2026-11-22, stacked by label),
        then agreement over all reviewers (alpha, Fleiss), the ann/bob pair with 8 shared claims
        and Cohen's kappa, and the label confusion table."""
        app = make_app(team_url, "alice", keymap_file=Path("/nonexistent/keymap.toml"))
        assert snap_compare(app, terminal_size=SIZE, run_before=before("s"))

    def test_adjudication(self, team_url, snap_compare):
        """You should see: ADJUDICATE in the status bar (0/3 resolved), the first disputed claim
        focused in the article, and the panel with rules "tie", ann's and bob's labels and bob's
        note."""
        app = make_app(team_url, "judge", keymap_file=Path("/nonexistent/keymap.toml"), adjudicate=True)
        assert snap_compare(app, terminal_size=SIZE, run_before=before())

    def test_blind_review_hides_others(self, team_url, snap_compare):
        """You should see: alice on the first claim, the panel saying "2 hidden (o shows them)" and
        no history rows of ann or bob."""
        app = make_app(team_url, "alice", keymap_file=Path("/nonexistent/keymap.toml"))
        assert snap_compare(app, terminal_size=SIZE, run_before=before())
