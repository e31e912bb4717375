"""A widget that shows one Rich renderable and is only ever repainted (its size comes from the
layout, so new content costs no layout pass). Base of the status bar and the side panels."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class Painted(Widget):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._content = Text("")

    def update(self, content) -> None:
        """Show ``content``: a Rich renderable, or a plain string (never read as markup)."""
        self._content = Text(content) if isinstance(content, str) else content
        self.refresh()

    def render(self):
        return self._content
