"""A modal one-line text prompt (notes, typed sources). Returns the text, or None on escape.

What is typed from the moment the prompt is made until its input has the focus is held by the
app (``WorkbenchApp.hold_keys``) and typed into the input then, in order: a fast typist loses
nothing. Keys typed after the one that closes the prompt act on the screen below it."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from workbench.domain import NOTE_MAX
from workbench.tui.widgets.text_input import OrderedInput


class BoundedInput(OrderedInput):
    """An ``Input`` whose paste is cut at ``max_length`` (Textual's drops a paste that does not
    fit whole), with a notice saying so."""

    def _on_paste(self, event: events.Paste) -> None:
        lines = event.text.splitlines()
        if lines and self.max_length:
            sel = self.selection
            room = self.max_length - len(self.value) + abs(sel.end - sel.start)
            if len(lines[0]) > room:
                self.app.notify(f"Cut at {self.max_length:,} characters.", severity="warning", markup=False)
                event = events.Paste(lines[0][:max(0, room)])
        super()._on_paste(event)


class PromptScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "", max_length: int = NOTE_MAX) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        #: what can be typed (a paste is cut there): every input is bounded
        self.max_length = max_length
        self._hold = self.app.hold_keys()

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(self.title_text, id="prompt-title", markup=False)
            yield BoundedInput(value=self.value[:self.max_length], placeholder=self.placeholder, id="prompt-input",
                        max_length=self.max_length)
            yield Label("enter: save   escape: cancel", id="prompt-hint")

    def on_mount(self) -> None:
        inp = self.query_one(Input)
        inp.cursor_blink = not self.app.is_headless  # steady cursor in tests and snapshots
        self.set_focus(inp)  # now, not at the next frame
        self.app.call_later(self._take_typed_ahead)  # (after the keys already on their way are held)

    async def _take_typed_ahead(self) -> None:
        """The keys typed while the prompt opened, into the input in order: characters typed,
        other keys their binding (ctrl+u, backspace…). Each acts at once, before the next (a
        binding acts when its key has gone through the input, after the characters typed later)."""
        inp = self.query_one(Input)
        while (key := self.app.take_held_key()) is not None:
            if key.is_printable:  # (as the input takes a key typed: over the selection, if any)
                selection = inp.selection
                if not selection.is_empty:
                    inp.replace(key.character, *selection)
                elif len(inp.value) < self.max_length:
                    inp.insert_text_at_cursor(key.character)
                continue
            bound = self.app.active_bindings.get(key.key)
            if bound is None or not bound.enabled:
                continue
            await self.app.run_action(bound.binding.action, bound.node)
            if bound.binding.action in ("submit", "cancel"):
                return  # the prompt closes: the keys after this one are the screen's below
        await self.app.release_keys(self._hold)  # from now on keys go to the input as they come

    def on_unmount(self) -> None:
        # what was typed after the key that closed it, if held: for the screen below
        self.app.call_later(self.app.release_keys, self._hold)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
