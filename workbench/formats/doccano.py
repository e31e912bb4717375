"""doccano: JSONL, read (the workbench does not write doccano files; its ``spans`` and
``prodigy`` exports are what doccano users convert from).

Two shapes: ``{"text", "label": [[start, end, "LABEL"], ...]}`` (sequence labelling) or
``{"text", "entities": [{"id", "start_offset", "end_offset", "label"}], "relations": [{"from_id",
"to_id", "type"}]}`` (relation extraction), with ``user`` / ``annotator`` naming the reviewer. A
``source`` entity is the source of the claim it is related to, else of the claim that contains it.
What the tools' formats share: ``workbench.formats.tool_files``."""

from __future__ import annotations

from typing import TypedDict

from workbench.formats.common import SOURCE_LABEL, InputError, jsonl_objects
from workbench.formats.tool_files import (
    OWN_META,
    Claim,
    DecisionsBuilder,
    check_offsets,
    map_label,
    meta_minus,
)


class Entity(TypedDict):
    id: int
    start_offset: int
    end_offset: int
    label: str


class Relation(TypedDict, total=False):
    id: int
    from_id: int
    to_id: int
    type: str


class Line(TypedDict, total=False):
    """One line: ``label`` (or ``labels``) triples, or ``entities`` and ``relations``."""

    text: str
    id: int | str
    label: list[list]
    labels: list[list]
    entities: list[Entity]
    relations: list[Relation]
    user: str | int
    annotator: str | int
    article_id: str
    title: str
    url: str
    meta: dict


def _spans(v) -> bool:
    """A list of span-like items (``[start, end, label]``, or entity objects). Their
    shape is not checked here: ``read`` names a malformed one (offsets written as ``0.0``, a
    triple without its label) and refuses the file, where a strict test here let such a file be
    read as plain articles, its labels dropped. A list of strings (tags) is no doccano label."""
    return isinstance(v, list) and all(isinstance(x, (list, dict)) for x in v)


def looks_like(obj) -> bool:
    """Whether a JSONL line is doccano's: a text with entities, or with [start, end, label] triples."""
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        return False
    ents = obj.get("entities")
    if isinstance(ents, list) and all(isinstance(e, dict) and "start_offset" in e for e in ents) and ents:
        return True
    return any(key in obj and _spans(obj[key]) for key in ("label", "labels"))


#: the keys of a line that are not the article's metadata
_KEYS = frozenset({"id", "text", "label", "labels", "entities", "relations", "Comments", "comments",
                   "user", "annotator", "article_id", "title", "url", "meta", "annotation_approver"})


def read(b: DecisionsBuilder, raw: str) -> None:
    """The articles and decisions of doccano JSONL text (``b`` collects them)."""
    for n, obj in jsonl_objects(raw):
        where = f"line {n}"
        meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else meta_minus(obj, _KEYS)
        aid = obj.get("article_id", meta.get("id") if isinstance(obj.get("meta"), dict) else None)
        rec = b.article(where, n, obj.get("text"), aid, obj.get("title") or meta.get("title"),
                        obj.get("url") or meta.get("url"), meta_minus(meta, OWN_META))
        who = b.reviewer(obj.get("user", obj.get("annotator")))
        claims, sources, relations = [], [], []
        items = []
        if "entities" in obj:
            ents = obj.get("entities")
            if not isinstance(ents, list):
                raise InputError(f"{where}: \"entities\" must be a list")
            for k, ent in enumerate(ents, 1):
                if not isinstance(ent, dict):
                    raise InputError(f"{where}, entity {k}: an entity must be an object")
                items.append((f"{where}, entity {k}", ent.get("id"), ent.get("start_offset"), ent.get("end_offset"),
                              ent.get("label")))
            rels = obj.get("relations") or []
            if not isinstance(rels, list):
                raise InputError(f"{where}: \"relations\" must be a list")
            relations = [(r.get("from_id"), r.get("to_id")) for r in rels if isinstance(r, dict)]
        else:
            spans = obj.get("label", obj.get("labels")) or []
            if not isinstance(spans, list):
                raise InputError(f"{where}: \"label\" must be a list of [start, end, label]")
            for k, sp in enumerate(spans, 1):
                if not (isinstance(sp, (list, tuple)) and len(sp) == 3):
                    raise InputError(f"{where}, label {k}: expected [start, end, \"LABEL\"], got {sp!r}")
                items.append((f"{where}, label {k}", None, sp[0], sp[1], sp[2]))
        for w, rid, start, end, lbl in items:
            label = map_label(lbl, w)
            s, e = check_offsets(start, end, rec.text, w)
            if label == SOURCE_LABEL:
                sources.append((rid, s, e))
            else:
                claims.append(Claim(s, e, label, rid=rid))
        b.unit(where, n, rec, who, claims, sources, relations, None)
