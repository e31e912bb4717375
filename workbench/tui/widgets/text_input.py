"""``OrderedInput``: a text input whose keys act in the order they were typed."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

#: the input's bindings that edit the text or move its cursor (not submit, not scrolling)
_EDITING = frozenset({"delete_left", "delete_right", "delete_left_word", "delete_right_word", "delete_left_all",
                      "delete_right_all", "cursor_left", "cursor_right", "cursor_left_word", "cursor_right_word",
                      "home", "end"})


#: invisible characters typed as text: the zero width non-joiner (Persian "می‌خواهم") and joiner
#: (emoji sequences "👨‍👩‍👧"). Textual's ``Input`` takes a key as text only when its character
#: ``isprintable()``, which these format characters are not: they were dropped as typed
JOINERS = frozenset("\u200c\u200d")


def _editing_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for b in Input.BINDINGS:
        if isinstance(b, Binding) and b.action.split("(", 1)[0] in _EDITING:
            for k in b.key.split(","):
                keys.setdefault(k.strip(), b.action)
    return keys


class OrderedInput(Input):
    """An ``Input`` whose keys act when the input receives them, in the order typed.

    Textual runs a key's binding once the key has bubbled up to the app, while a character is
    typed at once: in a fast burst the characters typed after a key went in before it acted. A
    backspace then deleted them ("1499", four backspaces, "1405"), and enter submitted them
    ("ok", enter, "c" saved the note "okc", and the c was no decision).

    The editing keys (backspace, delete, ctrl+w, ctrl+u, the cursor keys) act here. So does every
    other key with a binding (enter submits, escape cancels, down goes to the results…): the keys
    typed after it are held by the app (``WorkbenchApp.hold_keys``), those already sent to the
    input handed back to it, until the key has acted (the prompt closed, the focus moved); then
    they act where the focus is, in order."""

    EDITING_KEYS = _editing_keys()

    class Acted(Message):
        """A key's binding acted in the input, and the keys it received after it are held under
        ``hold``; this comes after the messages that key sent (``Submitted``), so that the app
        ends the hold once the screen has taken them."""

        def __init__(self, hold: int) -> None:
            self.hold = hold
            super().__init__()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: the hold under which the keys received after a key that acted here go back to the app
        self._hold: int | None = None

    async def _on_key(self, event: events.Key) -> None:
        if self._hold is not None:
            if self.app.holds(self._hold):
                # typed after a key that acted here: it acts once that key has, where the focus is
                event.stop()
                event.prevent_default()
                self.app.hold_typed_before(event)
                return
            self._hold = None
        if event.is_printable:
            await super()._on_key(event)
            return
        if event.character in JOINERS:  # (typed as Input types a printable key)
            event.stop()
            event.prevent_default()
            self._restart_blink()
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(event.character)
            else:
                self.replace(event.character, *selection)
            return
        if event.key not in self.EDITING_KEYS and not self._bindings_for(event.key):
            return  # (nothing to act: the key goes on as Textual sends it)
        event.stop()
        event.prevent_default()
        await self._press(event.key)

    async def take_held_keys(self, hold: int) -> None:
        """The keys held under ``hold`` (typed while the input's screen opened), in order, as if
        typed here, each before the next; then the hold ends. Those after a key that acts through a
        binding other than the editing ones (enter, escape…) stay held until it has acted."""
        while (key := self.app.take_held_key()) is not None:
            # (as the input takes a key typed: over the selection, if any)
            if key.is_printable or key.character in JOINERS:
                selection = self.selection
                if not selection.is_empty:
                    self.replace(key.character, *selection)
                elif not self.max_length or len(self.value) < self.max_length:
                    self.insert_text_at_cursor(key.character)
            elif key.key in self.EDITING_KEYS or self._bindings_for(key.key, held=True):
                if await self._press(key.key, hold, held=True):
                    return  # (the app ends the hold once the key has acted)
        await self.app.release_keys(hold)  # from now on keys come to the input as they are typed

    def _bindings_for(self, key: str, held: bool = False) -> list[tuple]:
        """``(node, binding)`` for ``key``, in the order the app tries them: the priority ones
        from the app down (only for a key that was ``held``: any other went through them before it
        was sent to the input), then the others from the input up."""
        chain = self.screen._modal_binding_chain
        first = [(node, b) for node, bs in reversed(chain) for b in bs.key_to_bindings.get(key, ()) if b.priority]
        return (first if held else []) + [(node, b) for node, bs in chain
                                          for b in bs.key_to_bindings.get(key, ()) if not b.priority]

    async def _press(self, key: str, hold: int | None = None, held: bool = False) -> bool:
        """Act ``key``'s binding now. An editing key acts on the text (False); another acts
        under a hold (``hold``, else one begun now), which the app ends once it has acted: the
        keys after it then act where the focus is (True)."""
        action = self.EDITING_KEYS.get(key)
        if action is not None:
            self._restart_blink()
            await self.run_action(action)
            return False
        self._hold = hold = hold if hold is not None else self.app.hold_keys()
        for node, binding in self._bindings_for(key, held):
            if await self.app.run_action(binding.action, node):
                break
        self.post_message(self.Acted(hold))  # (bubbles up to the app, behind what the action sent)
        return True

    def _on_unmount(self) -> None:
        # closed before the app ended the hold (the screen is gone: ``Acted`` may not reach it)
        if self._hold is not None:
            self.app.call_later(self.app.release_keys, self._hold)
