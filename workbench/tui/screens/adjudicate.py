"""Adjudication: walk the claims reviewers disagree on, see each decision and note, record the
final label. A label key records it with the rule "adjudicated"; enter confirms what the rules
give (the majority label) with the rule "majority". Every ruling and every note is a new row,
written at once (a note on an open claim too); z takes back this session's rows one by one,
newest first.

The list stays current while reviewers work: twice a second the screen looks for decisions and
rulings written elsewhere (another reviewer, another adjudicator, an import that moved claims to a
new text) and reads those claims again: a new disagreement joins the list in its place, one the
reviewers now agree on leaves it (with a notice if it was the one shown), and the claim shown is
drawn again as it now is."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer

from workbench.services import team
from workbench.services.review import ClaimState
from workbench.services.team import TeamClaim
from workbench.tui.keymap import in_binding_order
from workbench.tui.sessions import POLL_S
from workbench.tui.widgets.article_view import ArticleView
from workbench.tui.widgets.decisions_panel import Adjudication, DecisionsPanel
from workbench.tui.widgets.status_bar import StatusBar


def as_claim_state(tc: TeamClaim) -> ClaimState:
    """The disputed claim drawn in the article, coloured by the ruling in force (if any)."""
    final = tc.final()
    d = tc.span_for(final.label) if final and final.label else None
    return ClaimState(
        id=tc.id, article_id=tc.article_id, start=tc.start, end=tc.end, text=tc.text,
        suggested_label=tc.suggested_label, score=0.0, origin="extractor", cue=None,
        source=(d.source_start, d.source_end) if d and d.source_start is not None else None,
        source_text=d.source_text if d else None,
        label=tc.ruling().label if tc.ruling() else None,
    )


class AdjudicateScreen(Screen):
    # the footer lists the shown keys in this order, and an 80-column one cuts it after quit: the
    # labels, majority, undo and quit first
    BINDINGS = [
        Binding("a,1", "rule('attributed')", "Attributed", id="adjudicate.attributed"),
        Binding("u,2", "rule('unsourced')", "Unsourced", id="adjudicate.unsourced"),
        Binding("c,3", "rule('contested')", "Contested", id="adjudicate.contested"),
        Binding("x,4", "rule('not_claim')", "Not claim", tooltip="Not a claim", id="adjudicate.not_claim"),
        Binding("enter", "majority", "Majority", id="adjudicate.majority"),
        Binding("z", "undo", "Undo", id="adjudicate.undo"),
        Binding("q", "quit", "Quit", id="adjudicate.quit"),
        Binding("j,down", "step(1)", "Next", id="adjudicate.next"),
        Binding("k,up", "step(-1)", "Prev", id="adjudicate.prev"),
        Binding("m", "note", "Note", id="adjudicate.note"),
        Binding("g", "next_open", "Next open", id="adjudicate.next_open"),
        Binding("s", "agreement", "Statistics", id="adjudicate.agreement"),
    ]

    #: the claim in dispute and its place, bound to the decisions panel
    shown: var[Adjudication | None] = var(None, init=False, always_update=True)

    def __init__(self) -> None:
        super().__init__()
        self.claims: list[TeamClaim] = []
        self.index: int | None = None
        self.texts: dict[str, str] = {}
        #: this session's rows, newest last: [claim id, row id (set once written)]
        self.undo_stack: list[list] = []
        #: the ids of every row this session wrote, undo rows included (written and read on the
        #: database thread: a newer row not among them was written elsewhere)
        self.own_rows: set[int] = set()
        self.ready = False
        #: the newest (annotation, adjudication) row ids read (``team.changes_since``)
        self.seen: tuple[int, int] | None = None
        self._polling = False
        #: claims whose ruling is being written: not open for the keys typed meanwhile
        self._pending: set[int] = set()

    @property
    def active_bindings(self):
        """The active keys in the order of the bindings (a remapped key keeps its place in the
        footer)."""
        return in_binding_order(super().active_bindings)

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="main"):
            yield ArticleView(id="article")
            yield DecisionsPanel(id="panel").data_bind(shown=AdjudicateScreen.shown)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(StatusBar).update("Loading the disagreements…")
        self.query_one(ArticleView).focus()
        self.app.db(self._load, then=self._loaded)

    def _load(self):
        seen = team.newest_rows(self.app.engine)  # (first: what is written meanwhile is read again)
        claims = team.disputed(self.app.engine, include_adjudicated=True)
        texts = {aid: team.article_text(self.app.engine, aid) for aid in {c.article_id for c in claims}}
        return claims, texts, seen

    def _loaded(self, result) -> None:
        self.claims, self.texts, self.seen = result
        self.ready = True
        self.set_interval(POLL_S, self.poll)
        if not self.claims:
            self.index = None
            self._refresh()
            return
        self._show(self._next_open(-1) if self._next_open(-1) is not None else 0)

    # -- what others write meanwhile ---------------------------------------------------------
    def poll(self) -> None:
        if self.seen is None or self._polling:
            return
        self._polling = True
        engine, (ann, adj) = self.app.engine, self.seen

        def job():
            ann2, adj2, ids = team.changes_since(engine, ann, adj)
            rows = team.team_claims(engine, ids) if ids else []
            texts = {aid: team.article_text(engine, aid) for aid in {r.article_id for r in rows}}
            return (ann2, adj2), ids, rows, texts

        self.app.db(job, then=self._polled, error=self._poll_failed)

    def _poll_failed(self, _exc: Exception) -> None:
        self._polling = False

    def _polled(self, result) -> None:
        self.seen, ids, rows, texts = result
        self._polling = False
        if ids:
            self.merge(ids, rows, texts)

    def merge(self, ids: list[int], rows: list[TeamClaim], texts: dict[str, str]) -> None:
        """Claims ``ids`` as they now are (``rows``: those somebody decided): in the list when
        reviewers disagree on them, out of it when they agree (or nobody decided them any more);
        the cursor stays on the claim it was on."""
        shown = self.claim
        fresh = {tc.id: tc for tc in rows}
        now = dict(fresh)  # (as the claims are now, ``fresh`` is emptied below)
        got = set(fresh)  # (a changed claim not among them has no decision left: no dispute)
        changed = set(ids)
        text_changed = any(self.texts.get(aid) not in (None, t) for aid, t in texts.items())
        self.texts.update(texts)
        claims = [fresh.pop(c.id, c) if c.id in changed else c for c in self.claims]
        claims = [c for c in claims if c.id not in changed or c.id in got and c.disputed]
        claims += [c for c in fresh.values() if c.disputed]
        claims.sort(key=lambda t: (t.article_id, t.start, t.id))
        self.claims = claims
        if not claims:
            self.index = None
            if shown is not None:
                self.notify(f"{self._why_left(now.get(shown.id))}: no disagreement is left.", markup=False)
            self.query_one(ArticleView).set_article("", [], None)
            self._refresh()
            return
        if shown is None:
            nxt = self._next_open(-1)
            self.index = None
            self._show(nxt if nxt is not None else 0)
            return
        pos = next((i for i, c in enumerate(claims) if c.id == shown.id), None)
        if pos is None:
            # the reviewers now agree on it (or took their decisions back): the claim that took its
            # place is shown
            old = self.index or 0
            self.index = None
            self.notify(f"{self._why_left(now.get(shown.id))}: it left the list of disagreements.", markup=False)
            self._show(min(old, len(claims) - 1))
        elif shown.id in changed or text_changed:
            self.index = pos  # drawn again: its decisions, its ruling or its text changed
            self._show(pos)
        else:
            self.index = pos
            self._refresh()

    @staticmethod
    def _why_left(tc: TeamClaim | None) -> str:
        """Why the claim shown (``tc``: as it is now, None without any decision) is no longer
        in dispute."""
        if tc is None or not tc.decisions:
            return "Every decision on the claim shown was taken back"
        if len(tc.decisions) == 1:
            return f"Only {tc.decisions[0].reviewer}'s decision is left on the claim shown"
        return "The reviewers now agree on the claim shown"

    # -- helpers -----------------------------------------------------------------------------
    @property
    def claim(self) -> TeamClaim | None:
        return self.claims[self.index] if self.index is not None else None

    @staticmethod
    def _is_open(tc: TeamClaim) -> bool:
        return tc.ruling() is None  # (a majority confirmed that the reviewers changed since is open again)

    def _next_open(self, after: int) -> int | None:
        n = len(self.claims)
        for k in range(1, n + 1):
            i = (after + k) % n
            if self._is_open(self.claims[i]) and self.claims[i].id not in self._pending:
                return i
        return None

    def _show(self, index: int) -> None:
        prev = self.claim
        self.index = index
        tc = self.claims[index]
        view = self.query_one(ArticleView)
        if prev is None or prev.article_id != tc.article_id or view.text != self.texts[tc.article_id]:
            view.set_article(self.texts[tc.article_id], [as_claim_state(tc)], 0)
        else:
            view.set_claims([as_claim_state(tc)], 0)
        self._refresh()

    def _refresh(self) -> None:
        open_count = sum(1 for c in self.claims if self._is_open(c))
        tc = self.claim
        bar = self.query_one(StatusBar)
        from rich.text import Text

        t = Text()  # in the review status bar's styles (app.tcss)
        t.append(f" {self.app.reviewer} ", style=bar.get_component_rich_style("status-bar--reviewer", partial=True))
        t.append(" ADJUDICATE ", style=bar.get_component_rich_style("status-bar--mode", partial=True))
        t.append(f"  {len(self.claims) - open_count}/{len(self.claims)} disagreements resolved",
                 style=bar.get_component_rich_style("status-bar--figures", partial=True))
        bar.update(t)
        self.shown = Adjudication(tc, self.index or 0, len(self.claims), open_count)

    # -- actions -----------------------------------------------------------------------------
    def action_step(self, direction: int) -> None:
        if self.claim is None:
            return
        i = self.index + direction
        if 0 <= i < len(self.claims):
            self._show(i)

    def action_next_open(self) -> None:
        if self.claim is None:
            return
        i = self._next_open(self.index)
        if i is None:
            self.notify("Every disagreement is resolved.")
        else:
            self._show(i)

    _KEEP = object()  # (the note in force goes on with a new ruling; a note goes with the ruling in force)

    def _record(self, label, rule: str, advance: bool, note=_KEEP, claim_id: int | None = None) -> None:
        """Write a ruling ``label`` with ``rule`` (the note in force kept), or with ``label``
        ``_KEEP`` the ``note`` with the ruling in force when it is written; on the claim shown, or
        on claim ``claim_id`` (a note typed for it: the list may have changed meanwhile)."""
        tc = self.claim
        if tc is None and claim_id is None:
            return
        engine, who = self.app.engine, self.app.reviewer
        cid = tc.id if claim_id is None else claim_id
        op = [cid, None]
        self.undo_stack.append(op)
        if advance:
            # the next key acts on the next open claim at once, not on this one again (keys typed
            # faster than the database writes each rule their own claim, as in the review screen)
            self._pending.add(cid)
            nxt = self._next_open(self.index)
            if nxt is not None and nxt != self.index:
                self._show(nxt)

        def job():
            if label is self._KEEP:
                op[1] = team.note_ruling(engine, cid, who, note)
            else:
                kept = team.note_in_force(engine, cid) if note is self._KEEP else note
                op[1] = team.adjudicate(engine, cid, label, who, rule, kept)
            self.own_rows.add(op[1])
            return team.team_claims(engine, [cid])

        def failed(exc: Exception) -> None:  # not saved: nothing to undo (z goes on with the row before)
            self._pending.discard(cid)
            if op in self.undo_stack:
                self.undo_stack.remove(op)
            self._refresh()
            self.app.not_saved(exc)

        def written(rows) -> None:
            self._pending.discard(cid)
            self._written(cid, rows)

        self.app.db(job, then=written, error=failed)

    def _written(self, cid: int, rows, show: bool = False) -> None:
        """A row of claim ``cid`` is committed: the claim as it is now (``show``: focus it)."""
        pos = next((i for i, c in enumerate(self.claims) if c.id == cid), None)
        if pos is None or not rows:
            return
        self.claims[pos] = rows[0]
        if pos == self.index or show:
            self._show(pos)
        else:
            self._refresh()

    def action_rule(self, label: str) -> None:
        self._record(label, "adjudicated", advance=True)

    def action_majority(self) -> None:
        tc = self.claim
        if tc is None:
            return
        auto = tc.automatic()
        if auto is None:
            self.notify("A tie: no majority. Choose the label (a u c x).", severity="warning")
            return
        self._record(auto.label, auto.rule, advance=True)

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo in this session.")
            return
        op = self.undo_stack.pop()
        engine, who = self.app.engine, self.app.reviewer

        def job():  # (after the row's own job: the database thread runs them in order)
            self.own_rows.add(team.undo_ruling(engine, op[1], who, self.own_rows))
            return team.team_claims(engine, [op[0]])

        def refused(exc: Exception) -> None:
            if not isinstance(exc, team.RulingChangedElsewhere):
                self.undo_stack.append(op)  # nothing undone: z may ask again
                self.app.not_saved(exc)
                return
            # the later ruling stays in force; the next z goes on with this session's row before
            self.notify(str(exc), severity="warning", timeout=6, markup=False)
            self.app.db(team.team_claims, engine, [op[0]],
                        then=lambda rows: self._written(op[0], rows, show=True))

        self.app.db(job, then=lambda rows: self._written(op[0], rows, show=True), error=refused)

    def action_note(self) -> None:
        tc = self.claim
        if tc is None:
            return
        from workbench.tui.screens.prompt import PromptScreen

        adj = tc.adjudication
        current = (adj.note if adj else None) or ""

        def save(value: str | None) -> None:
            if value is None or value == current:
                return
            # the note joins the ruling in force when it is written (another adjudicator may have
            # ruled while it was typed), or is kept on the open claim (a row without a label:
            # still open) for the label about to be chosen
            self._record(self._KEEP, "adjudicated", advance=False, note=value or None, claim_id=tc.id)

        self.app.push_screen(PromptScreen("Note on this ruling", current, "why this label", keep=save), save)

    def action_agreement(self) -> None:
        from workbench.tui.screens.agreement import AgreementScreen

        self.app.push_screen(AgreementScreen())

    async def action_quit(self) -> None:
        await self.app.quit_now()
