"""``OrderedInput``: a text input whose editing keys act in the order they were typed."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import Input

#: the input's bindings that edit the text or move its cursor (not submit, not scrolling)
_EDITING = frozenset({"delete_left", "delete_right", "delete_left_word", "delete_right_word", "delete_left_all",
                      "delete_right_all", "cursor_left", "cursor_right", "cursor_left_word", "cursor_right_word",
                      "home", "end"})


def _editing_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for b in Input.BINDINGS:
        if isinstance(b, Binding) and b.action.split("(", 1)[0] in _EDITING:
            for k in b.key.split(","):
                keys.setdefault(k.strip(), b.action)
    return keys


class OrderedInput(Input):
    """An ``Input`` whose editing keys (backspace, delete, ctrl+w, ctrl+u, the cursor keys) act
    when the input receives them. Textual's act as bindings, once the key has bubbled up to the
    app, while a character is typed at once: in a fast burst ("1499", four backspaces, "1405")
    the characters typed after a backspace went in before it acted, and it deleted them."""

    EDITING_KEYS = _editing_keys()

    async def _on_key(self, event: events.Key) -> None:
        action = None if event.is_printable else self.EDITING_KEYS.get(event.key)
        if action is not None:
            event.stop()
            event.prevent_default()
            self._restart_blink()
            await self.run_action(action)
            return
        await super()._on_key(event)
