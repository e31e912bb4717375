"""The bound on notes (``workbench.domain.NOTE_MAX``), where notes enter: the review and team
services, and a claims export's rows."""

from __future__ import annotations

import pytest

from workbench.domain import NOTE_MAX, check_note
from workbench.formats.claims_jsonl import parse_row
from workbench.formats.common import InputError


def test_check_note_allows_up_to_the_limit():
    assert check_note(None) is None
    assert check_note("x" * NOTE_MAX) == "x" * NOTE_MAX
    with pytest.raises(ValueError, match="at most 2,000 characters"):
        check_note("x" * (NOTE_MAX + 1))


def test_a_claims_export_row_with_a_longer_note_is_refused():
    row = {"article_id": "a.txt", "start": 0, "end": 5, "label": "unsourced", "reviewer": "zoe",
           "status": "decided", "note": "n" * NOTE_MAX}
    assert parse_row(row, 3).note == "n" * NOTE_MAX
    with pytest.raises(InputError, match=r"line 3: \"note\" is 2,001 characters, more than 2,000"):
        parse_row(dict(row, note="n" * (NOTE_MAX + 1)), 3)
