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
from textual.widgets import Label

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
        inp = self.query_one(OrderedInput)
        inp.cursor_blink = not self.app.is_headless  # steady cursor in tests and snapshots
        self.set_focus(inp)  # now, not at the next frame
        # the keys typed while the prompt opened, into the input in order (after the keys already
        # on their way are held)
        self.app.call_later(inp.take_held_keys, self._hold)

    def on_unmount(self) -> None:
        # what was typed after the key that closed it, if held: for the screen below
        self.app.call_later(self.app.release_keys, self._hold)

    def on_input_submitted(self, event: OrderedInput.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
