"""A dataset export: records routed to one file per split, written atomically, with a dataset
card (README.md) that says what the files hold, so a dataset can be understood without the tool.

Splits are by article, never by claim: an article and all its claims go to one split, and
articles linked as near copies (table ``articlelink``) go together, so no statement leaks
from train to test. The split of a group of articles is a hash of the seed and the id of the
group's first imported article: the same seed gives the same split on every run, and adding
articles later never moves an article that was already assigned (a near copy imported later
joins its group's split, whatever its id).
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine, make_url

from workbench import __version__
from workbench.claims.model import LABELS
from workbench import formats
from workbench.formats import files as target
from workbench.guidelines import LABEL_GUIDELINES
from workbench.linking.components import components
from workbench.services import exporting
from workbench.store.tables import article_links, articles, candidates


class SplitError(ValueError):
    pass


def parse_split(text: str) -> dict[str, float]:
    """``"train=0.8,dev=0.1,test=0.1"`` -> ``{"train": 0.8, "dev": 0.1, "test": 0.1}``."""
    out: dict[str, float] = {}
    for part in text.split(","):
        name, sep, value = part.partition("=")
        name = name.strip()
        if not sep or not name or not name.replace("-", "").replace("_", "").isalnum():
            raise SplitError(f"bad split {part!r} (expected NAME=SHARE, e.g. train=0.8,dev=0.1,test=0.1)")
        if name in out:
            raise SplitError(f"split {name!r} given twice")
        try:
            share = float(value)
        except ValueError:
            raise SplitError(f"split {name!r}: {value!r} is not a number") from None
        if not 0 < share <= 1:
            raise SplitError(f"split {name!r}: the share must be above 0 and at most 1")
        out[name] = share
    total = sum(out.values())
    if abs(total - 1) > 1e-6:
        raise SplitError(f"the shares add up to {total:g}, not 1")
    return out


def article_groups(engine: Engine) -> dict[str, str]:
    """Article id -> the id of the first imported article of its group of near copies (itself
    when it has none). Not the least id: a copy imported later whose id sorts first would move
    the group's articles to another split. When an article was first imported is the time of
    its oldest candidate (a revised text changes ``imported_at``, and keeps the candidates of
    the sentences it kept), else its ``imported_at``; ties go to the least id."""
    first_candidate = (select(candidates.c.article_id, func.min(candidates.c.created_at).label("at"))
                       .group_by(candidates.c.article_id).subquery())
    with engine.connect() as conn:
        rows = conn.execute(select(articles.c.id, articles.c.imported_at, first_candidate.c.at)
                            .outerjoin(first_candidate, first_candidate.c.article_id == articles.c.id)).all()
        edges = conn.execute(select(article_links.c.article_id, article_links.c.other_id)).all()
    first = {aid: min(imported, at) if at is not None else imported for aid, imported, at in rows}
    return components(first, edges, key=lambda aid: (first[aid], aid))


def assign_split(key: str, seed: int, splits: dict[str, float]) -> str:
    h = int.from_bytes(hashlib.sha256(f"{seed}\0{key}".encode("utf-8")).digest()[:8], "big") / 2**64
    acc = 0.0
    last = ""
    for name, share in splits.items():
        acc += share
        last = name
        if h < acc:
            return name
    return last


@dataclass
class Sink:
    """Where the records of one split go: a file written through ``write``/``close``."""

    path: Path
    write: Callable[[dict], None]
    close: Callable[[], None]


#: format -> (file suffix, sink factory(opened binary file) -> (write, close))
SinkFactory = Callable[[object], tuple[Callable[[dict], None], Callable[[], None]]]


@dataclass
class ExportResult:
    where: str
    files: list[Path] = field(default_factory=list)
    card: Path | None = None
    records: int = 0
    #: split -> label -> count (claims, or spans for article formats)
    labels: dict[str, Counter] = field(default_factory=dict)
    #: split -> articles
    articles: dict[str, set] = field(default_factory=dict)
    #: split -> records
    split_records: Counter = field(default_factory=Counter)
    #: prodigy / labelstudio / spacy: spans snapped, left unaligned, orphaned claims left out
    format_report: object = None


def record_article(rec) -> str:
    """The article a record belongs to (claims, spans, Prodigy, Label Studio, spaCy Doc)."""
    if not isinstance(rec, dict):  # a spaCy Doc
        return rec.user_data.get("article_id", "")
    if "article_id" in rec:
        return rec["article_id"]
    meta = rec.get("meta") or {}
    return meta.get("id") or (rec.get("data") or {}).get("article_id") or ""


def record_labels(rec) -> Iterator[str]:
    """The claim labels a record carries (source regions and span groups are not counted)."""
    if not isinstance(rec, dict):
        for span in rec.spans.get("sc", ()):
            yield span.label_
    elif "annotations" in rec:  # Label Studio: human annotations (predictions are suggestions)
        for ann in rec["annotations"]:
            for r in ann.get("result", ()):
                for label in (r.get("value") or {}).get("labels", ()):
                    if label in LABELS:
                        yield label
    elif "spans" in rec:
        for s in rec["spans"]:
            yield s.get("label")
    elif "label" in rec:
        yield rec["label"]


class DatasetWriter:
    """Routes records to one file per split (or one file). Each file is written to a temporary
    name in the target folder and renamed into place once every file is complete; the dataset
    card (and ``extra`` files, name -> text) is written last, the same way.

    Every file is checked before anything is written (``workbench.formats.files``): a symbolic
    link or anything but a regular file is refused, an existing file unless ``force``. The
    temporary files are removed if the export fails or is interrupted, and those an earlier,
    killed export left are removed first."""

    def __init__(self, folder: Path, names: dict[str, str], card_name: str, factory: SinkFactory,
                 splits: dict[str, float] | None, seed: int, groups: dict[str, str] | None, *,
                 force: bool = False, extra: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.names = names  # split (or "all") -> file name
        self.card_name = card_name
        self.factory = factory
        self.splits = splits
        self.seed = seed
        self.groups = groups or {}
        self.force = force
        self.extra = extra or {}
        self.result = ExportResult(str(folder))

    def targets(self) -> list[Path]:
        """Every file the export writes."""
        return [self.folder / n for n in (*self.names.values(), self.card_name, *self.extra)]

    def write_all(self, records: Iterable[dict], card: Callable[[ExportResult], str]) -> ExportResult:
        finals = self.targets()
        target.check_targets(finals, self.force)  # before anything is written
        self.folder.mkdir(parents=True, exist_ok=True)
        target.clean_stale(finals)
        temps: list[tuple[Path, Path]] = []
        try:
            sinks: dict[str, Sink] = {}
            with ExitStack() as stack:
                for split, fname in self.names.items():
                    fd, tmp = target.temp_file(self.folder / fname)
                    temps.append((tmp, self.folder / fname))
                    fh = stack.enter_context(os.fdopen(fd, "wb"))
                    write, close = self.factory(fh)
                    sinks[split] = Sink(self.folder / fname, write, close)
                    self.result.labels[split] = Counter()
                    self.result.articles[split] = set()
                first = next(iter(self.names))
                for rec in records:
                    target.checkpoint()
                    aid = record_article(rec)
                    split = (first if not self.splits
                             else assign_split(self.groups.get(aid, aid), self.seed, self.splits))
                    sinks[split].write(rec)
                    self.result.records += 1
                    self.result.split_records[split] += 1
                    self.result.articles[split].add(aid)
                    self.result.labels[split].update(x for x in record_labels(rec) if x)
                for sink in sinks.values():
                    sink.close()
            self.result.files = [s.path for s in sinks.values()]
            for fname, text in ((self.card_name, None), *self.extra.items()):
                fd, tmp = target.temp_file(self.folder / fname)
                temps.append((tmp, self.folder / fname))
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(card(self.result) if text is None else text)
            target.checkpoint()
            for tmp_path, final in temps:
                target.normal_permissions(tmp_path)
                target.place(tmp_path, final, self.force)
            self.result.card = self.folder / self.card_name
            self.result.files += [self.folder / fname for fname in self.extra]
            return self.result
        finally:  # after a failure or an interruption; after success, the names are gone already
            for tmp_path, _final in temps:
                try:
                    tmp_path.unlink(missing_ok=True)
                except OSError:
                    pass


def database_name(url: str) -> str:
    """The database as a card names it: an SQLite file by its name alone (a card travels with
    the dataset; the local path is nobody's business), a server's URL without its password."""
    try:
        u = make_url(url)
    except Exception:
        return url
    if u.get_backend_name() == "sqlite":
        return Path(u.database).name if u.database else "(in memory)"
    return u.render_as_string(hide_password=True)


def dataset_card(*, fmt: str, result: ExportResult, db_url: str, options: dict, agreement: dict | None,
                 gold_rules: dict | None, format_doc: str, extractor_version: str) -> str:
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    splits = list(result.labels)
    lines = [
        f"# Claim dataset ({fmt})",
        "",
        "Claims in news articles, each labelled by human reviewers as **attributed** (credited to an "
        "identifiable source), **unsourced** (asserted by the article itself), **contested** (a denial or "
        "conflicting account is reported) or **not_claim** (a false candidate), exported from Claim Workbench.",
        "",
        "## What was exported",
        "",
        f"- exported at: {now} (UTC)",
        f"- from database: `{database_name(db_url)}`",
        f"- tool: Claim Workbench {__version__}, extractor `{extractor_version}`",
        f"- format: `{fmt}`",
        f"- selection: {options.get('selection')}",
    ]
    if options.get("split"):
        lines.append(f"- split: `{options['split']}`, seed {options['seed']} — by article; near-copy articles are "
                     "kept in one split; an article's split depends only on the seed and its id")
    lines += ["", "## Files and counts", "", "| file | articles | records | " + " | ".join(LABELS) + " |",
              "|---|---|---|" + "---|" * len(LABELS)]
    for name, path in zip(splits, result.files):
        c = result.labels[name]
        n = sum(c.values())
        lines.append(f"| `{path.name}` | {len(result.articles[name])} | {n} | "
                     + " | ".join(f"{c.get(lbl, 0)} ({(100 * c.get(lbl, 0) / n) if n else 0:.0f} %)"
                                  for lbl in LABELS) + " |")
    if len(splits) > 1:
        empty = [s for s in splits if not result.articles[s]]
        if empty:
            lines.append(f"\nNote: no article fell into {', '.join(empty)} (too few articles for these shares).")
    if gold_rules is not None:
        lines += ["", "## How the final labels were decided", "",
                  "adjudicated: an adjudicator's ruling; unanimous: every reviewer agreed (2+); majority: more than "
                  "half; single: one reviewer.", ""]
        lines += [f"- {rule}: {n}" for rule, n in sorted(gold_rules.get("by_rule", {}).items())]
        lines.append(f"- ties left out (nobody adjudicated them): {gold_rules.get('unresolved', 0)}")
    lines += ["", "## Agreement between reviewers", ""]
    if agreement and agreement.get("pairs"):
        def f(x):
            return "n/a" if x is None else f"{x:.3f}"
        lines.append(f"- Krippendorff's alpha (nominal): {f(agreement['krippendorff_alpha'])}")
        lines.append(f"- Fleiss' kappa: {f(agreement['fleiss_kappa'])} (over {agreement['fleiss_n']} claims every "
                     "reviewer decided)")
        lines += ["", "| reviewer a | reviewer b | claims both decided | Cohen's kappa |", "|---|---|---|---|"]
        lines += [f"| {p['a']} | {p['b']} | {p['n']} | {f(p['cohen_kappa'])} |" for p in agreement["pairs"]]
    else:
        lines.append("Fewer than two reviewers decided the same claims: no agreement figure.")
    if not options.get("include_unreviewed"):
        format_doc += (" This export holds human decisions only: no suggestions of the extractor (rows with "
                       "status \"suggested\", Label Studio predictions, Prodigy tasks without an answer).")
    lines += ["", "## Format", "", format_doc, "",
              "Offsets are Python string offsets (Unicode code points) into the article text exactly as "
              "imported: `text[start:end] == span text`.", "",
              "## Label guidelines", "", "```", LABEL_GUIDELINES, "```", ""]
    return "\n".join(lines)


def plan(fmt: str, out: str | None, splits: dict[str, float] | None, suffix: str,
         stamp: str | None = None) -> tuple[Path, dict[str, str], str]:
    """(folder, split -> file name, card file name) for an export.

    No ``-o``: a new folder ``exports/FORMAT-TIME/`` with ``FORMAT.jsonl`` (or one file per
    split) and ``README.md``. ``-o DIR/`` (or an existing folder): the same inside DIR. ``-o
    FILE``: FILE (or ``STEM.SPLIT.SUFFIX`` per split) and ``STEM.README.md`` beside it."""
    if out is None or out.endswith(("/", os.sep)) or Path(out).is_dir():
        if out is None:  # a new folder, even for two exports in the same second
            stamp = stamp or datetime.now().strftime("%Y%m%d-%H%M%S")
            folder = Path("exports") / f"{fmt}-{stamp}"
            n = 1
            while os.path.lexists(folder):
                n += 1
                folder = Path("exports") / f"{fmt}-{stamp}-{n}"
        else:
            folder = Path(out)
        names = {s: f"{s}{suffix}" for s in splits} if splits else {"all": f"{fmt}{suffix}"}
        return folder, names, "README.md"
    path = Path(out)
    ext = path.suffix or suffix
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    names = {s: f"{stem}.{s}{ext}" for s in splits} if splits else {"all": path.name}
    return path.parent, names, f"{stem}.README.md"


def check_folder(out: str | None, folder: Path) -> None:
    """TargetError when the folder of an export to ``out`` is missing and not one the export
    makes: it makes ``exports/FORMAT-TIME/`` (no ``-o``) and the folder of ``-o FOLDER/`` inside
    an existing folder; ``-o FILE`` writes into an existing folder. A mistyped path is refused,
    never made into a tree of folders."""
    if out is None:
        return
    new = out.endswith(("/", os.sep)) and not os.path.lexists(folder)
    target.check_folder(folder.parent if new else folder)


def check_export(fmt: str, out: str | None, split: str | None, force: bool) -> None:
    """TargetError, before the database is read, for an export that may not write: its folder
    missing (``check_folder``), a file of it that exists (unless ``force``) or is not a regular
    file."""
    files = dataset_files(fmt, out, split)
    check_folder(out, files[0].parent)
    target.check_targets(files, force)


def dataset_files(fmt: str, out: str | None, split: str | None = None) -> list[Path]:
    """Every file an export of ``fmt`` to ``out`` writes (data files, card, label config)."""
    folder, names, card_name = plan(fmt, out, parse_split(split) if split else None, formats.exporter(fmt).SUFFIX)
    files = [folder / n for n in (*names.values(), card_name)]
    if fmt == "labelstudio":
        files.append(folder / (card_name.replace("README.md", "") + "label_config.xml"))
    return files


def export_dataset(engine: Engine, db_url: str, fmt: str, out: str | None, *, include_unreviewed: bool = False,
                   reviewer: str | None = None, gold: bool = False, split: str | None = None,
                   seed: int = 0, tokens: bool = False, emails: dict[str, str] | None = None,
                   force: bool = False) -> tuple[ExportResult, dict | None]:
    """Write a dataset (files and card); returns the result and, for ``gold``, its rule counts.

    Raises ``workbench.formats.files.TargetError`` before writing anything if the folder of
    ``out`` is missing (``check_folder``), if a file of the dataset exists (unless ``force``) or is a symbolic link or not a regular file (even with
    ``force``)."""
    from workbench.agreement import agreement
    from workbench.claims import EXTRACTOR_VERSION
    from workbench.formats import labelstudio
    from workbench.services import team

    splits = parse_split(split) if split else None
    module = formats.exporter(fmt)
    golds = exporting.GoldClaims(engine) if gold else None
    fmt_report = exporting.ExportReport(fmt)
    records = exporting.records(engine, fmt, fmt_report, include_unreviewed=include_unreviewed, reviewer=reviewer,
                                gold=golds, tokens=tokens, emails=emails)
    folder, names, card_name = plan(fmt, out, splits, module.SUFFIX)
    # the labelling configuration the Label Studio tasks need, beside them
    extra = ({card_name.replace("README.md", "") + "label_config.xml": labelstudio.label_config()}
             if fmt == "labelstudio" else {})
    writer = DatasetWriter(folder, names, card_name, module.sink, splits, seed, None, force=force, extra=extra)
    check_folder(out, folder)  # before the database is read
    target.check_targets(writer.targets(), force)
    groups = article_groups(engine) if splits else None
    report = agreement(team.iter_decisions(engine), labels=LABELS).to_json()
    selection = ("final labels (--gold)" if gold else
                 f"decisions of {reviewer}" if reviewer else "every reviewer's current decisions, one record each")
    if include_unreviewed:
        selection += ", plus the extractor's suggestions for claims nobody decided"
    options = {"selection": selection, "split": split, "seed": seed, "include_unreviewed": include_unreviewed}

    def card(result: ExportResult) -> str:
        rules = {"by_rule": golds.by_rule, "unresolved": golds.unresolved} if golds is not None else None
        return dataset_card(fmt=fmt, result=result, db_url=db_url, options=options, agreement=report,
                            gold_rules=rules, format_doc=module.FORMAT_DOC, extractor_version=EXTRACTOR_VERSION)

    writer.groups = groups or {}
    result = writer.write_all(records, card)
    result.format_report = fmt_report if fmt not in ("claims", "spans") else None
    return result, ({"by_rule": golds.by_rule, "unresolved": golds.unresolved} if golds is not None else None)
