"""A long paragraph of many quotations stays linear: each sentence is checked against the
quotations that overlap it, never against every quotation of the paragraph (counted, not timed)."""

from __future__ import annotations

import importlib

from workbench.claims import extract

extract_module = importlib.import_module("workbench.claims.extract")  # (the package's ``extract`` is the function)


def test_each_sentence_sees_only_its_own_quotations(monkeypatch):
    seen: list[int] = []
    real = extract_module.attribution_of

    def counting(text, start, end, lex, low, words, plain, quotes=None, others=None):
        seen.append(len(quotes or ()))
        return real(text, start, end, lex, low, words, plain, quotes, others)

    monkeypatch.setattr(extract_module, "attribution_of", counting)
    for unit, lang in (("« Nous partirons demain », a déclaré le maire. ", "fr"),
                       ('"We will leave tomorrow," the mayor said. ', "en")):
        seen.clear()
        cands = extract(unit * 400, lang)  # one paragraph, 400 quotations
        assert len(cands) == 400 and all(c.label == "attributed" for c in cands)
        assert seen and max(seen) <= 2
