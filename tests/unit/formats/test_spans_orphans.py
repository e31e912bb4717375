"""The spans export of an article whose every decided claim is orphaned (a correction removed
their sentences): the article's record lists them under ``orphaned``. It was left out, and the
orphaned decisions with it, without a count (found by QA: the claims export had 6 orphaned rows,
the spans export none), though an orphaned claim is exported as its decisions are, never dropped."""

from __future__ import annotations

from workbench.formats.spans_jsonl import iter_spans


def _art(aid: str, text: str) -> dict:
    return {"id": aid, "title": aid, "text": text, "language": "fr", "origin": aid, "url": None,
            "content_hash": "h", "meta": {}}


def _claim(aid: str, cid: int, text: str, orphaned: bool, start: int = 0) -> dict:
    return {"id": cid, "article_id": aid, "start": start, "end": start + len(text), "text": text, "label": "attributed",
            "source": None, "cue": None, "status": "decided", "reviewer": "alice", "orphaned": orphaned,
            "revision": 1 if orphaned else 2}


def test_an_article_with_only_orphaned_decisions_is_a_record():
    arts = [_art("a.txt", "Un autre texte."), _art("b.txt", "Le maire a dit oui.")]
    claims = [_claim("a.txt", 1, "Phrase disparue.", True), _claim("a.txt", 2, "Autre phrase disparue.", True),
              _claim("b.txt", 3, "Le maire a dit oui.", False)]
    recs = list(iter_spans(claims, arts))
    assert [r["meta"]["id"] for r in recs] == ["a.txt", "b.txt"]
    assert recs[0]["spans"] == []
    assert [(o["claim_id"], o["text"], o["revision"]) for o in recs[0]["orphaned"]] == [
        (1, "Phrase disparue.", 1), (2, "Autre phrase disparue.", 1)]
    assert [s["claim_id"] for s in recs[1]["spans"]] == [3] and "orphaned" not in recs[1]


def test_an_article_without_decisions_is_still_left_out():
    arts = [_art("a.txt", "Un texte."), _art("b.txt", "Le maire a dit oui.")]
    recs = list(iter_spans([_claim("b.txt", 3, "Le maire a dit oui.", False)], arts))
    assert [r["meta"]["id"] for r in recs] == ["b.txt"]
