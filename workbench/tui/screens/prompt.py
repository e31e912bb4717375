"""A modal one-line text prompt (notes, typed sources). Returns the text, or None on escape.

What is typed from the moment the prompt is made until its input has the focus is held by the
app (``WorkbenchApp.hold_keys``) and typed into the input then, in order: a fast typist loses
nothing. Keys typed after the one that closes the prompt act on the screen below it."""

from __future__ import annotations

from collections.abc import Callable

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
    fit whole), with a notice saying so.

    A paste of several lines is one line here: its lines joined by one space (the blank lines
    and the spaces around each line break left out). Textual's ``Input`` keeps the first line
    and drops the others without a word; a note pasted from an article's two lines kept half.

    The paste is handled here alone: Textual calls the ``_on_paste`` of every class of the
    input, so ``Input``'s ran after this one (it had called it too) and the paste went in twice
    ("hello pastehello paste")."""

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # (Input._on_paste is not called)
        text = one_line(event.text)
        if not text:
            return
        sel = self.selection
        if self.max_length:
            room = max(0, self.max_length - len(self.value) + abs(sel.end - sel.start))
            if len(text) > room:
                self.app.notify(f"Cut at {self.max_length:,} characters.", severity="warning", markup=False)
                text = text[:room]
                if not text:
                    return
        if sel.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *sel)


def one_line(text: str) -> str:
    """``text`` as one line: its lines joined by one space, blank lines and the spaces around
    each line break left out ("line1\nline2" is "line1 line2"; one line is kept as it is)."""
    lines = text.splitlines()
    if len(lines) <= 1:
        return lines[0] if lines else ""
    return " ".join(stripped for line in lines if (stripped := line.strip()))


class PromptScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "", max_length: int = NOTE_MAX,
                 keep: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        #: what can be typed (a paste is cut there): every input is bounded
        self.max_length = max_length
        #: called with what is typed when the app quits with the prompt open (``keep_typed``): a
        #: note typed, then ctrl+q, is saved as enter would save it, not lost
        self.keep = keep
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

    def keep_typed(self) -> None:
        """The app quits with the prompt open: what is typed goes to ``keep`` (once), as enter
        would send it (the caller's ``keep`` writes nothing for a value left as it was)."""
        keep, self.keep = self.keep, None
        if keep is None:
            return
        inputs = self.query(OrderedInput)
        if inputs:
            keep(inputs.first().value)

    def action_cancel(self) -> None:
        self.dismiss(None)
