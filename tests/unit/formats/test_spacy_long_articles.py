"""spaCy export of a long article: the blank pipelines only tokenize, so spaCy's 1,000,000
character limit (meant for the parser and NER) must not refuse an article the workbench imported."""

from __future__ import annotations

import pytest

from workbench.formats.spacy_docbin import spacy_docs
from workbench.formats.tool_files import ExportReport

spacy = pytest.importorskip("spacy", reason="spaCy is an optional extra: pip install 'claim-workbench[spacy]'")


def test_an_article_over_a_million_characters_is_exported():
    sentence = "The official said the figure was wrong. "
    text = sentence * 30_000  # 1.2 million characters, one line (a 2 MB .txt imports as this)
    assert len(text) > 1_000_000
    start = len(sentence) * 29_000
    end = start + len(sentence) - 1
    art = {"id": "huge.txt", "title": "t", "text": text, "language": "en"}
    claim = {"article_id": "huge.txt", "start": start, "end": end, "label": "attributed", "reviewer": "alice",
             "source": {"text": "The official", "start": start, "end": start + 12}}
    report = ExportReport("spacy")
    docs = list(spacy_docs([claim], [art], report=report))
    assert len(docs) == 1
    (sp,) = docs[0].spans["sc"]
    assert (sp.start_char, sp.end_char, sp.label_) == (start, end, "attributed")
    assert sp.text == text[start:end]
    (src,) = docs[0].spans["source"]
    assert src.text == "The official"
