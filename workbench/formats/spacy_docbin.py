"""spaCy: a ``DocBin`` (``.spacy``) for ``spacy train`` of a span categoriser, written (the
workbench does not read DocBins). One ``Doc`` per article and annotator (``tool_files``):
``doc.spans["sc"]`` the claims with their labels, ``doc.spans["source"]`` their sources; the
article id, title, annotator and status in ``doc.user_data``. spaCy is an optional extra."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypedDict

from workbench.formats.common import DECIDED, GOLD, SOURCE_LABEL, SUGGESTED, MissingExtra
from workbench.formats.tool_files import ExportReport, by_annotator, by_article

SUFFIX = ".spacy"
SPACY_MISSING = "install the spacy extra: pip install 'claim-workbench[spacy]'"

FORMAT_DOC = (
    "spaCy DocBin (`.spacy`): one Doc per article and annotator (blank tokenizer of the article's "
    "language), claims in `doc.spans[\"sc\"]` labelled with their label, source spans in "
    "`doc.spans[\"source\"]`; ready for `spacy train` of a span categoriser (claims are sentences: use "
    "a suggester of long n-grams). Char offsets were snapped to token boundaries where needed."
)


class UserData(TypedDict):
    """``doc.user_data`` of each Doc."""

    article_id: str
    title: str
    #: the reviewer, ``"gold"``, or None for the extractor's suggestions
    annotator: str | None
    #: decided | gold | suggested
    status: str


def sink(fh):
    """``(write, close)``: Docs gathered in a DocBin, serialised on ``fh`` when complete."""
    _spacy_mod, DocBin = _spacy()
    db = DocBin(store_user_data=True)
    return db.add, (lambda: fh.write(db.to_bytes()))


def records(claims: Iterable[dict], articles: Iterable[dict], report: ExportReport, *, include_empty: bool = False,
            **_options):
    """The Docs (``spacy_docs``); MissingExtra at once, before anything is read, without spaCy."""
    _spacy()
    return spacy_docs(claims, articles, include_empty=include_empty, report=report)


def _spacy():
    try:
        import spacy
        from spacy.tokens import DocBin
    except ImportError:
        raise MissingExtra(SPACY_MISSING) from None
    return spacy, DocBin


def spacy_available() -> bool:
    try:
        _spacy()
    except MissingExtra:
        return False
    return True


def spacy_docs(claims: Iterable[dict], articles: Iterable[dict], *, include_empty: bool = False,
               report: ExportReport | None = None, languages: Mapping[str, str] | None = None):
    """spaCy ``Doc`` objects, one per article and annotator, tokenized by a blank pipeline of
    the article's language (``spacy.blank("fr")`` / ``("en")``, ``"xx"`` otherwise):
    ``doc.spans["sc"]`` = the claims labelled with their label, ``doc.spans["source"]`` = their
    sources (label ``source``). Character spans are snapped to tokens with
    ``alignment_mode="expand"`` (counted in ``report.snapped``); a span no token covers is left
    out and listed in ``report.unaligned``. ``doc.user_data`` holds the article id, title,
    annotator and status. Raises MissingExtra without spaCy."""
    spacy, _ = _spacy()
    report = report if report is not None else ExportReport("spacy")
    pipelines: dict[str, object] = {}

    def nlp_for(lang: str | None):
        lang = (languages or {}).get(lang or "", lang) or "xx"
        if lang not in pipelines:
            try:
                pipelines[lang] = spacy.blank(lang)
            except Exception:  # a language spaCy does not know
                pipelines[lang] = pipelines.get("xx") or spacy.blank("xx")
        return pipelines[lang]

    def span_of(doc, art_id, start, end, label):
        sp = doc.char_span(start, end, label=label, alignment_mode="strict")
        if sp is not None:
            return sp
        sp = doc.char_span(start, end, label=label, alignment_mode="expand")
        if sp is None or len(sp) == 0:
            report.unaligned.append((art_id, start, end, label))
            return None
        report.snapped += 1
        return sp

    for art, group in by_article(claims, articles, include_empty, report):
        nlp = nlp_for(art.get("language"))
        # a blank pipeline only tokenizes: spaCy's length limit (1,000,000 characters, for the
        # memory of a parser or NER) would refuse a long article the workbench imported
        nlp.max_length = max(nlp.max_length, len(art["text"]) + 1)
        base = nlp.make_doc(art["text"])
        for who, cs in (by_annotator(group) if group else [(None, [])]):
            doc = base.copy()
            sc, src = [], []
            for c in cs:
                sp = span_of(doc, art["id"], c["start"], c["end"], c["label"])
                if sp is not None:
                    sc.append(sp)
                    report.spans += 1
                s = c.get("source")
                if s:
                    ss = span_of(doc, art["id"], s["start"], s["end"], SOURCE_LABEL)
                    if ss is not None:
                        src.append(ss)
                        report.source_spans += 1
            doc.spans["sc"] = sc
            doc.spans[SOURCE_LABEL] = src
            doc.user_data["article_id"] = art["id"]
            doc.user_data["title"] = art["title"]
            doc.user_data["annotator"] = who
            doc.user_data["status"] = SUGGESTED if who is None else (GOLD if who == GOLD else DECIDED)
            report.records += 1
            yield doc


def spacy_docbin(claims: Iterable[dict], articles: Iterable[dict], *, include_empty: bool = False,
                 report: ExportReport | None = None):
    """A ``DocBin`` of ``spacy_docs`` (with user data). Held in memory until written."""
    _spacy_mod, DocBin = _spacy()
    db = DocBin(store_user_data=True)
    for doc in spacy_docs(claims, articles, include_empty=include_empty, report=report):
        db.add(doc)
    return db
