"""Command line: parses arguments, calls the core, builds the app through ``make_app``."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from workbench import __version__
from workbench.escapes import text as safe_text, visible

LABEL_HELP = (
    "labels: attributed (credited to an identifiable source), unsourced (asserted by the article "
    "itself), contested (a denial or conflicting account is reported), not_claim (a false candidate)"
)


def _db_parent() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "--db",
        metavar="URL",
        help="database: an SQLAlchemy URL or a file path (default: $WORKBENCH_DB, else ./workbench.db)",
    )
    return p


def _int_in(lo: int, hi: int | None = None):
    """An argparse type: a whole number from ``lo`` (to ``hi``), else a usage error (exit 2)."""
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
        if n < lo or hi is not None and n > hi:
            raise argparse.ArgumentTypeError(f"must be {lo} or more, not {n}" if hi is None
                                             else f"must be from {lo} to {hi}, not {n}")
        return n
    return parse


def _number_in(lo: float, hi: float | None = None, *, above: bool = False):
    """An argparse type: a number from ``lo`` (above it when ``above``) to ``hi``."""
    import math

    def parse(value: str) -> float:
        try:
            x = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
        if not math.isfinite(x) or x < lo or above and x == lo or hi is not None and x > hi:
            where = f"above {lo:g}" if above and hi is None else f"from {lo:g} to {hi:g}" if hi is not None \
                else f"{lo:g} or more"
            raise argparse.ArgumentTypeError(f"must be {where}, not {value}")
        return x
    return parse


def build_parser() -> argparse.ArgumentParser:
    db = _db_parent()
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Claim Workbench: review candidate claims in news text. " + LABEL_HELP,
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    _add_file_parsers(sub, db)
    _add_export_parser(sub, db)
    _add_read_parsers(sub, db)
    _add_suggestion_parsers(sub, db)
    _add_review_parser(sub, db)
    _add_serve_parsers(sub, db)
    return parser


def _add_file_parsers(sub, db: argparse.ArgumentParser) -> None:
    """``import`` and ``extract``."""
    p = sub.add_parser("import", parents=[db], help="import articles (.txt .md .jsonl .html, or folders)",
                       description="Import articles into the database. .txt/.md: one article per file "
                       "(title = the first line that is not page furniture, id = file name); .jsonl: one article per line "
                       '{"text", "id"?, "title"?, "url"?, "meta"?}; .html: the main text of the page; a claims '
                       "export of the workbench (decisions merged exactly once); Prodigy JSONL, Label Studio "
                       "JSON and doccano JSONL files (their texts and labelled spans become articles and decisions). "
                       "Re-importing an id with the same text changes nothing; with different text the old text "
                       "is kept as a revision and the annotations move to the new one. Each file is imported "
                       "completely or not at all. Text is UTF-8 (a few invalid bytes are replaced with U+FFFD) "
                       "or a legacy encoding such as Windows-1252 or Latin-1; replaced bytes and an uncertain "
                       "encoding are reported as one warning line per file.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar, only the summary")
    p.add_argument("--jobs", "-j", type=_int_in(1, 256), metavar="N",
                   help="processes extracting candidates in parallel (default: the number of CPUs)")

    p = sub.add_parser("extract", help="print candidate claims as JSON lines (no database)",
                       description="Run the extractor on files and print one JSON line per candidate: "
                       '{"article", "start", "end", "text", "label", "source", "cue", "score"}. '
                       "Offsets index the article text exactly as decoded (a BOM removed).")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--lang", choices=["fr", "en"], help="force the language (default: detected)")


def _add_read_parsers(sub, db: argparse.ArgumentParser) -> None:
    """``agreement``, ``stats`` and ``similar``: they only read."""
    p = sub.add_parser("agreement", parents=[db], help="inter-annotator agreement between reviewers",
                       description="Per pair of reviewers: claims both decided and Cohen's kappa; over all "
                       "reviewers: Krippendorff's alpha (nominal) and Fleiss' kappa (over the claims every "
                       "reviewer decided); per label, the confusion between reviewers.")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")

    sub.add_parser("stats", parents=[db], help="articles, candidates, decisions per label and reviewer",
                   description="Print a table of corpus and review figures. The decisions per label and per "
                   "day are the decisions that stand (each reviewer's current label of each claim), per day on "
                   "the day each was made: one changed or undone later is not counted.")

    p = sub.add_parser("similar", parents=[db], help="claims like a text or a claim, across the corpus",
                       description="The claims most similar to TEXT (or to claim CLAIM_ID, in other "
                       "articles), best first, scored 0-100 by rapidfuzz, with their current labels. The claims "
                       "that contain TEXT (case, accents and punctuation aside) come first, scored 90-100, "
                       "the phrase highlighted; the others score below 90.")
    p.add_argument("query", metavar="TEXT|CLAIM_ID")
    p.add_argument("--limit", "-n", type=_int_in(1, 10_000), default=10, metavar="N", help="claims listed (default: 10)")
    p.add_argument("--json", action="store_true",
                   help='print a JSON array of {"article", "claim_id", "text", "start", "end", "score", "label", '
                   '"labels"}: label is the reviewers\' majority label (null if undecided), labels is '
                   "{reviewer: label}")


def _add_suggestion_parsers(sub, db: argparse.ArgumentParser) -> None:
    """``suggest`` (near-duplicates) and ``learn`` (the label model)."""
    p = sub.add_parser("suggest", parents=[db], help="suggest decided labels to undecided near-duplicates",
                       description="For every undecided claim that is a near-duplicate of a decided one "
                       "(score >= --threshold), record that claim's label as a suggestion (never a decision), "
                       "naming the neighbour as the reason.")
    p.add_argument("--threshold", type=_number_in(0, 100), default=90.0, help="similarity 0-100 (default 90)")

    p = sub.add_parser("learn", parents=[db], help="train the label model on the decisions; suggestions for the rest",
                       description="Train a label model on the reviewers' decisions (gold labels where "
                       "adjudicated), report the label accuracy of the rules alone and of the model by "
                       "cross-validation over articles (never the same article in training and test), store "
                       "the model in the database and update the model's suggestions of the undecided "
                       "candidates (never decisions). With fewer than 30 decisions or 2 labels it says so "
                       "and changes nothing.")
    p.add_argument("--folds", type=_int_in(2, 100), default=5, metavar="K", help="cross-validation folds (default: 5)")
    p.add_argument("--json", action="store_true",
                   help="print the report as JSON: trained, message, decisions, suggestions_written, model_id, "
                   "cross_validation (folds, decisions, articles, rules_accuracy, model_accuracy, "
                   "model_beats_rules, per_label)")


def _add_review_parser(sub, db: argparse.ArgumentParser) -> None:
    """``review``: the app."""
    p = sub.add_parser("review", parents=[db], help="open the review TUI",
                       description="Review candidate claims in the terminal.")
    p.add_argument("--reviewer", metavar="NAME", help="reviewer name (default: $WORKBENCH_REVIEWER, else the login name)")
    p.add_argument("--adjudicate", action="store_true",
                   help="walk the claims reviewers disagree on and record the final label")
    p.add_argument("--order", choices=["article", "uncertain"], default="article",
                   help="article: article by article (default); uncertain: the undecided claims whose "
                   "suggestion is least certain first, across articles (t switches in the app)")
    p.add_argument("--retrain-every", type=_int_in(0), default=25, metavar="N",
                   help="retrain the label model in the background after every N decisions (default: 25; 0: never)")


def _allowed_host(value: str) -> str:
    """An argparse type: a host name ``serve`` may be reached by, else a usage error (exit 2)."""
    from workbench.serve import check_allowed_host

    try:
        return check_allowed_host(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_serve_parsers(sub, db: argparse.ArgumentParser) -> None:
    from workbench import serve

    p = sub.add_parser("serve", parents=[db], help="serve the review app as a web page (textual-serve)",
                       description="Serve the review app to web browsers: every page opened runs its own review "
                       "session on the database. With accounts (workbench users add), reviewers log in and each "
                       "reviews as themselves; without any, it listens on a loopback address only and every page "
                       "reviews as --reviewer. Requests must name an allowed host (--allowed-host).")
    p.add_argument("--host", default=serve.DEFAULT_HOST,
                   help="address to listen on (default: 127.0.0.1; another than loopback needs accounts)")
    p.add_argument("--port", type=_int_in(0, 65535), default=serve.DEFAULT_PORT, help="port to listen on (default: 8000)")
    p.add_argument("--reviewer", metavar="NAME",
                   help="without accounts: the reviewer (default: $WORKBENCH_REVIEWER, else the login name)")
    p.add_argument("--adjudicate", action="store_true", help="serve the adjudication screen instead")
    p.add_argument("--allowed-host", action="append", default=[], metavar="NAME[:PORT]", type=_allowed_host,
                   help="a host name browsers reach this server by (exact; repeatable; default: the loopback "
                   "names 127.0.0.1, localhost, ::1)")
    p.add_argument("--tls-proxy", action="store_true",
                   help="reached through a TLS reverse proxy: session cookies are Secure, pages' origin is https")
    p.add_argument("--max-sessions", type=_int_in(1, 1000), default=serve.DEFAULT_MAX_SESSIONS, metavar="N",
                   help=f"review sessions (pages) running at once (default {serve.DEFAULT_MAX_SESSIONS})")
    p.add_argument("--idle-minutes", type=_number_in(0, above=True), default=serve.DEFAULT_IDLE_MINUTES, metavar="M",
                   help=f"close a page without a key press for M minutes (default {serve.DEFAULT_IDLE_MINUTES:g})")

    p = sub.add_parser("users", help="reviewers' accounts for serve: add, remove, list, passwd",
                       description="Accounts reviewers log in to workbench serve with. Passwords are read from "
                       "the terminal (asked twice), or one line from standard input when it is not a terminal; "
                       "never from the command line. They are stored as Argon2id hashes.")
    users = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    for action, helptext in (("add", "a new account (the name is the reviewer name)"),
                             ("remove", "remove an account (its decisions stay; its sessions end)"),
                             ("passwd", "a new password (the account's sessions end)")):
        users.add_parser(action, parents=[db], help=helptext).add_argument("name", metavar="NAME")
    users.add_parser("list", parents=[db], help="the accounts")


def _add_export_parser(sub, db: argparse.ArgumentParser) -> None:
    from workbench.formats import EXPORTS  # the export formats: one module each

    p = sub.add_parser("export", parents=[db], help="write a dataset and its card (into exports/ by default)",
                       description="Export decisions as a dataset with its card (README.md). claims (JSONL): one "
                       "line per claim decision; spans (JSONL): one line per article {text, meta, spans} (spaCy / "
                       "Prodigy shape); prodigy (JSONL for prodigy db-in); labelstudio (a JSON array of tasks and "
                       "label_config.xml); spacy (a binary DocBin). "
                       "Each file is written to a temporary name and renamed when complete; the temporary "
                       "files are removed if the export fails or is interrupted (Ctrl-C, SIGTERM), and those "
                       "of an export that was killed are removed by the next one. An existing file is never "
                       "replaced without --force; a symbolic link, a device (such as /dev/stdout) or anything "
                       "but a regular file never is (for stdout, give -o -).")
    p.add_argument("-o", "--output", metavar="FILE|FOLDER/|-",
                   help="a file in a folder that exists (its card: STEM.README.md beside it), a folder (FORMAT.jsonl, "
                   ".json or .spacy, or one file per split, and README.md), or '-' for stdout (no card); default: a "
                   "new folder exports/FORMAT-TIME/")
    p.add_argument("--force", action="store_true",
                   help="replace files of the export that exist already (regular files only: never a symbolic "
                   "link or a device)")
    p.add_argument("--format", choices=list(EXPORTS), default="claims",
                   help="claims | spans (JSONL) | prodigy (JSONL for db-in) | labelstudio (JSON tasks + "
                   "label_config.xml) | spacy (DocBin; needs the spacy extra); default: claims")
    p.add_argument("--tokens", action="store_true", help="prodigy: add tokens and token_start/token_end")
    p.add_argument("--ls-email", action="append", default=[], metavar="REVIEWER=EMAIL",
                   help="labelstudio: the Label Studio account of a reviewer (completed_by); repeatable")
    p.add_argument("--include-unreviewed", action="store_true",
                   help='also export candidates nobody decided, with status "suggested"')
    p.add_argument("--split", metavar="NAME=SHARE,...",
                   help="one file per split, by article (near copies kept together), e.g. train=0.8,dev=0.1,test=0.1")
    p.add_argument("--seed", type=int, default=None,
                   help="seed of the split (default 0): the same seed, the same split; only with --split")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--reviewer", metavar="NAME", help="only this reviewer's decisions (default: every reviewer's, "
                     "one record each); a name without decisions is an error listing those with some")
    who.add_argument("--gold", action="store_true",
                     help="the final label of each claim: adjudicated, else unanimous, else majority "
                     "(ties nobody adjudicated are left out and counted)")


def _console():
    """A rich Console for a command's tables. A reader that stops reading (``workbench stats |
    head``) is not a failure: rich would exit with status 1, this ends the command with 0."""
    from rich.console import Console

    class _PipeConsole(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    return _PipeConsole()


def _err(msg: str) -> None:
    """One line on stderr; file and database text in it (paths, ids, names) shown escaped."""
    print(f"workbench: {visible(msg)}", file=sys.stderr)


def _out(msg: str, file=None) -> None:
    """One line of a command's report; file and database text in it shown escaped."""
    print(visible(msg), file=file)


def _engine(args):
    from workbench.store import make_engine, resolve_db_url

    return make_engine(resolve_db_url(args.db))


def _existing(args):
    """The database of a command that writes to a corpus that must be there already (``learn``,
    ``suggest``, ``users``): never a new database for a mistyped ``--db``."""
    from workbench.store import resolve_db_url
    from workbench.store.database import make_existing

    return make_existing(resolve_db_url(args.db))


def _reader(args):
    """The database of a command that only reads: an SQLite file opened in read-only mode, so
    that it works on a database in a read-only folder."""
    from workbench.store import resolve_db_url
    from workbench.store.database import make_reader

    return make_reader(resolve_db_url(args.db))


def _check_reviewer(engine, name: str | None, db: str | None) -> bool:
    """False (after one line listing the reviewers with decisions) when ``--reviewer name``
    names nobody who decided anything: an empty dataset is never what was meant."""
    if name is None:
        return True
    from workbench.services import team
    from workbench.store import resolve_db_url
    from workbench.store.database import sqlite_file

    known = team.reviewers_with_decisions(engine)
    if name in known:
        return True
    url = resolve_db_url(db)
    where = sqlite_file(url) or "the database"
    listed = ", ".join(known) if known else "none yet"
    _err(f"--reviewer {name}: no decisions by this reviewer in {where}; reviewers with decisions: {listed}")
    return False


class _DelayedProgress:
    """A progress bar that appears only once the work has taken more than a second."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.t0 = time.monotonic()
        self.bar = None
        self.task = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.t0 < 1.0:
                return
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task("importing", total=total)
        self.bar.update(self.task, completed=done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def cmd_import(args) -> int:
    from workbench.formats.files import interruptible

    with interruptible():  # SIGINT, SIGTERM, SIGHUP stop the import at its next checkpoint, never inside a write
        return _import(args)


def _import(args) -> int:
    from workbench.services.importing import import_paths
    from workbench.formats.articles import expand

    engine = _engine(args)
    skipped: list = []
    refused: list = []  # links out of a folder: failed files
    files = expand(args.paths, skipped, refused)
    if not files and not refused:
        _report_skipped(skipped, sys.stderr)
        _err(f"{', '.join(args.paths)}: no files to import")
        return 1
    progress = _DelayedProgress(not args.quiet)
    t0 = time.monotonic()
    try:
        res = import_paths(engine, files, progress, jobs=args.jobs, refused=refused)
    finally:
        progress.close()
    for path, msg in res.errors:
        _err(f"{path}: {msg}")
    for path, msg in res.warnings:
        _err(f"{path}: warning: {msg}")
    for origin, msg in res.conflicts:
        _err(f"{origin}: {msg}")
    orphaned = sum(rv.orphaned for rv in res.revised)
    print(
        f"{res.files} file(s): {res.imported} article(s) imported with {res.candidates} candidate claim(s), "
        f"{res.unchanged} unchanged, {len(res.revised)} revised"
        + (f" ({orphaned} claim(s) orphaned)" if orphaned else "")
        + f", {len(res.conflicts)} conflict(s), {len(res.errors)} failed ({time.monotonic() - t0:.1f} s)"
    )
    if res.propagated:  # suggestions learn from decisions (a rule of the import service)
        _out(f"{res.propagated} new claim(s) got the label of a decided near-duplicate as their suggestion")
    if res.learned:  # the label model retrained on the decisions imported (idem)
        _out(f"label model: {res.learned}")
    _report_skipped(skipped, sys.stdout)
    for f in res.foreign:
        _out(f.summary())
    for rv in res.revised:
        _out(f"revised: {rv.article_id} is now revision {rv.revision}: {rv.moved} claim(s) moved "
             f"({rv.exact} exact, {rv.fuzzy} fuzzy), {rv.orphaned} orphaned, {rv.added} new candidate(s)"
             + (f"; its text now comes from {rv.origin}, the previous one from {rv.previous_origin} "
                f"({rv.same_id_hint()})" if rv.previous_origin else ""))
    for new, old, score in res.near_copies[:20]:
        _out(f"near copy: {new} ≈ {old} (similarity {score:.0f}); linked")
    if len(res.near_copies) > 20:
        print(f"… {len(res.near_copies) - 20} more near copies linked (see workbench stats)")
    if res.decision_files:
        d = res.decisions
        print(f"decisions from {res.decision_files} claims export(s): {d.added} added, {d.known} already there, "
              f"{d.suggestions} suggested or gold row(s) skipped, {d.claims_added} claim(s) added"
              + (f"; {d.orphaned} of the decisions added on orphaned claims (kept on the revision they name)"
                 if d.orphaned else "")
              + (f"; {d.reanchored} re-anchored on the current text of a revised article" if d.reanchored else ""))
    return 0 if res.ok else 1


def _report_skipped(skipped: list, stream) -> None:
    """One line naming the files of the folders that were not read (not articles: a script, a
    picture; a .json file that is not a Label Studio export)."""
    if not skipped:
        return
    from workbench.formats.articles import SUPPORTED

    names = ", ".join(str(p) for p in skipped[:10]) + (f", … ({len(skipped) - 10} more)" if len(skipped) > 10 else "")
    note = "; a .json file is read from a folder when it is a Label Studio export" \
        if any(p.suffix.lower() == ".json" for p in skipped) else ""
    _out(f"skipped {len(skipped)} file(s) of a type not read from folders ({' '.join(SUPPORTED)}): "
         f"{names}{note}", file=stream)


def cmd_extract(args) -> int:
    from workbench.claims import detect_language, extract
    from workbench.escapes import json_line
    from workbench.formats import sniff
    from workbench.formats.articles import expand, read_path
    from workbench.formats.common import InputError

    status = 0
    out = sys.stdout
    skipped: list = []
    refused: list = []  # links out of a folder, loops, broken links: said with their reason
    paths = expand(args.paths, skipped, refused)
    _report_skipped(skipped, sys.stderr)
    for path, reason in refused:
        _err(f"{path}: {reason}")
        status = 1
    for path in paths:
        notes: list[str] = []
        try:
            if sniff(path) == "claims":  # its texts are claims, not articles: nothing to extract from
                raise InputError("a claims export of the workbench (decisions on claims, not articles): "
                                 "workbench import merges it into a database; extract reads articles")
            records = read_path(path, notes)
        except InputError as exc:
            _err(f"{path}: {exc}")
            status = 1
            continue
        for note in notes:
            _err(f"{path}: warning: {note}")
        for rec in records:
            name = path.name if len(records) == 1 else rec.id
            lang = args.lang or detect_language(rec.text)
            for cand in extract(rec.text, lang):
                row = {"article": name, **cand.as_dict()}
                out.write(json_line(row) + "\n")  # (terminal-safe: C1 controls and the like as \u escapes)
    return status


def cmd_export(args) -> int:
    from workbench.formats import files as target
    from workbench.services.dataset import SplitError, check_export, parse_split

    if args.gold and args.include_unreviewed:
        _err("--gold exports final labels only; --include-unreviewed does not apply")
        return 2
    if args.split:
        try:
            parse_split(args.split)
        except SplitError as exc:
            _err(f"--split: {exc}")
            return 2
    elif args.seed is not None:
        _err("--seed chooses how --split shares the articles out: give --split too, e.g. --split train=0.8,test=0.2")
        return 2

    emails = {}
    for item in args.ls_email:
        who, sep, email = item.partition("=")
        if not sep or not who or "@" not in email:
            _err(f"--ls-email {item!r}: expected REVIEWER=EMAIL")
            return 2
        emails[who] = email
    where = "stdout" if args.output == "-" else args.output or "exports/"
    try:
        if args.output != "-":  # refused before the database is even opened
            check_export(args.format, args.output, args.split, args.force)
        with target.interruptible():
            engine = _reader(args)
            if not _check_reviewer(engine, args.reviewer, args.db):
                return 1
            return _export(args, engine=engine, emails=emails)
    except target.TargetError as exc:
        _err(str(exc))
        return 1
    except target.Interrupted as exc:
        done = "" if args.output == "-" else "; nothing written, temporary files removed"
        _err(f"{where}: export interrupted ({signal_name(exc.signum)}){done}")
        return 128 + exc.signum


def signal_name(signum: int) -> str:
    import signal

    return signal.Signals(signum).name


def _export(args, engine, emails: dict[str, str]) -> int:
    from workbench.formats.common import MissingExtra
    from workbench.services.dataset import export_dataset
    from workbench.services.exporting import GoldClaims, export
    from workbench.store import resolve_db_url

    try:
        if args.output == "-":  # a stream: no split, no card
            if args.split:
                _err("--split writes one file per split: give -o FOLDER/ or -o FILE, not -o -")
                return 2
            gold = GoldClaims(engine) if args.gold else None
            export(engine, args.format, "-", args.include_unreviewed, args.reviewer, gold, tokens=args.tokens,
                   emails=emails)
            if gold is not None:
                _report_gold(gold.by_rule, gold.unresolved, sys.stderr)
            return 0
        result, rules = export_dataset(engine, resolve_db_url(args.db), args.format, args.output,
                                       include_unreviewed=args.include_unreviewed, reviewer=args.reviewer,
                                       gold=args.gold, split=args.split, seed=args.seed or 0, tokens=args.tokens,
                                       emails=emails, force=args.force)
    except MissingExtra as exc:  # the environment, like a missing PostgreSQL driver: 1
        _err(str(exc))
        return 1
    for path, (name, labels) in zip(result.files, result.labels.items()):
        counts = ", ".join(f"{k} {v}" for k, v in sorted(labels.items())) or "no labels"
        what = f"{name}: " if args.split else ""
        _out(f"{what}{result.split_records[name]} {args.format} record(s), {len(result.articles[name])} article(s) "
             f"({counts}) written to {path}")
    if result.format_report is not None:
        _out(result.format_report.summary())
    _out(f"dataset card: {result.card}")
    if rules is not None:
        _report_gold(rules["by_rule"], rules["unresolved"], sys.stdout)
    return 0


def _report_gold(by_rule: dict, unresolved: int, stream) -> None:
    rules = ", ".join(f"{k} {v}" for k, v in sorted(by_rule.items())) or "none"
    _out(f"gold labels by rule: {rules}; {unresolved} tie(s) without adjudication left out", file=stream)


def cmd_agreement(args) -> int:
    from workbench.agreement import agreement
    from workbench.claims.model import LABELS
    from workbench.services import team

    engine = _reader(args)
    report = agreement(team.iter_decisions(engine), labels=LABELS)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0
    from workbench.agreement.tables import agreement_tables

    console = _console()
    for table in agreement_tables(report):
        console.print(table)
    return 0


def cmd_stats(args) -> int:
    from rich.table import Table

    from workbench.services import stats

    engine = _reader(args)
    st = stats.stats(engine)
    console = _console()
    t = Table(title="Corpus", show_header=False)
    t.add_row("articles", str(st.articles))
    t.add_row("candidate claims", str(st.candidates))
    t.add_row("claims decided", f"{st.reviewed_candidates} / {st.candidates}")
    console.print(t)
    from workbench.charts import decision_charts

    console.print(decision_charts(dict(st.by_label), stats.decisions_per_day(engine),
                                  width=max(10, min(60, console.width - 40))))
    t = Table(title="Suggestions per label")
    t.add_column("suggested label")
    t.add_column("candidates", justify="right")
    for label, n in st.suggested:
        t.add_row(safe_text(label), str(n))
    console.print(t)
    t = Table(title="Per reviewer")
    t.add_column("reviewer")
    t.add_column("claims decided", justify="right")
    t.add_column("history rows", justify="right")
    for name, decided, rows in st.by_reviewer:
        t.add_row(safe_text(name), str(decided), str(rows))
    if not st.by_reviewer:
        t.add_row("(none yet)", "0", "0")
    console.print(t)
    _link_stats(engine, console)
    return 0


def _link_stats(engine, console) -> None:
    from rich.table import Table

    from workbench.services import similarity, stats

    pairs = stats.near_copy_pairs(engine)
    t = Table(title=f"Near-copy articles ({len(pairs)} pair(s), linked at import)")
    t.add_column("article")
    t.add_column("near copy of")
    t.add_column("similarity", justify="right")
    for a, b, score in pairs[:20]:
        t.add_row(safe_text(a), safe_text(b), f"{score:.0f}")
    if len(pairs) > 20:
        t.add_row(f"… {len(pairs) - 20} more", "", "")
    if pairs:
        console.print(t)
    if not stats.has_decisions(engine):
        return
    per_source = stats.claims_per_source(engine)
    t = Table(title=f"Claims per source ({len(per_source)} source(s); spellings of one source grouped)")
    t.add_column("source")
    t.add_column("claims decided", justify="right")
    t.add_column("spellings", justify="right")
    for name, n, k in per_source[:25]:
        t.add_row(safe_text(name), str(n), str(k))
    if len(per_source) > 25:
        t.add_row(f"… {len(per_source) - 25} more", "", "")
    if per_source:
        console.print(t)
    groups = similarity.inconsistent_groups(engine)
    t = Table(title=f"Near-identical claims with different labels ({len(groups)} group(s))")
    t.add_column("group", justify="right")
    t.add_column("claim", justify="right")
    t.add_column("article")
    t.add_column("labels")
    t.add_column("text")
    for gi, g in enumerate(groups[:30], 1):
        for m in g:
            t.add_row(str(gi), str(m.id), safe_text(m.article_id),
                      safe_text(", ".join(f"{lbl} ({name})" for name, lbl in sorted(m.labels.items()))),
                      safe_text(m.text[:90]))
    if not groups:
        t.add_row("", "", "(none: near-identical claims agree)", "", "")
    console.print(t)


def cmd_similar(args) -> int:
    from workbench.services import similarity

    if not args.query.strip():  # (it would list nothing and exit 0, as if nothing were like it)
        _err(f"similar: the query is empty ({args.query!r}): give a text or a claim id")
        return 2
    engine = _reader(args)
    t0 = time.perf_counter()
    index = similarity.build_index(engine)
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    if args.query.isdigit() and int(args.query) in index:
        matches = index.similar_to(int(args.query), args.limit)
    elif args.query.isdigit():
        _err(f"no claim with id {args.query}")
        return 1
    else:
        matches = index.query(args.query, args.limit)
    took = time.perf_counter() - t0
    labels = similarity.current_labels(engine, [m.id for m in matches])
    rows = [{"article": m.article_id, "claim_id": m.id, "text": m.text, "start": m.start, "end": m.end,
             "score": m.score, "label": similarity.consensus(labels.get(m.id, {})), "labels": labels.get(m.id, {})}
            for m in matches]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    from rich.table import Table

    t = Table(title=f"{len(rows)} similar claim(s) among {len(index)} "
              f"(index built in {built:.2f} s, lookup {took * 1000:.1f} ms)")
    t.add_column("score", justify="right")
    t.add_column("claim", justify="right")
    t.add_column("article")
    t.add_column("label")
    t.add_column("text")
    from workbench.linking.fold import find

    for r in rows:
        text = safe_text(r["text"])
        match = None if args.query.isdigit() else find(args.query, text.plain)
        if match is not None:  # the phrase where the claim contains it
            text.stylize("bold yellow", *match)
        t.add_row(f"{r['score']:.0f}", str(r["claim_id"]), safe_text(r["article"]), safe_text(r["label"] or "—"), text)
    _console().print(t)
    return 0


def cmd_suggest(args) -> int:
    from workbench.services import suggestions

    engine = _existing(args)
    n = suggestions.propagate(engine, threshold=args.threshold)
    print(f"{n} suggestion(s) recorded from decided near-duplicates")
    return 0


def cmd_learn(args) -> int:
    import json

    from workbench.services import learning

    report = learning.learn(_existing(args), folds=args.folds)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, default=str))
    else:
        if report.cv is not None:
            cv = report.cv
            print(f"label accuracy by cross-validation over {cv.articles} articles ({cv.folds} folds, "
                  f"{cv.decisions} decisions):")
            print(cv.table())
        print(report.message)
    return 0  # (too few decisions is a state, not a failure: the message says it)


def default_reviewer() -> str:
    name = os.environ.get("WORKBENCH_REVIEWER")
    if name:
        return name
    try:
        import getpass

        return getpass.getuser()
    except Exception:
        return "reviewer"


def _reviewer_name(args, command: str) -> str | None:
    """The reviewer a session records its decisions under (``--reviewer``, else the default), or
    ``None`` after one line when it names nobody: blank, or holding a control character."""
    name = args.reviewer if args.reviewer is not None else default_reviewer()
    if not name.strip() or any(ord(c) < 32 or 127 <= ord(c) < 160 for c in name):
        what = "--reviewer" if args.reviewer is not None else "$WORKBENCH_REVIEWER"
        _err(f"{command}: {what} must name a reviewer (not blank, no control characters): {name!r}")
        return None
    return name


def make_app(db_url: str, reviewer: str, keymap_file: Path | None = None, adjudicate: bool = False,
             order: str = "article", retrain_every: int = 25):
    """The review app for a database URL and a reviewer: the one factory the CLI and tests use.
    ``adjudicate``: open on the disagreements, with ``reviewer`` as the adjudicator; ``order``:
    "article" or "uncertain" (least certain suggestion first); ``retrain_every``: decisions
    between two trainings of the label model (0: none in the app)."""
    from workbench.store import make_engine
    from workbench.tui.app import WorkbenchApp

    return WorkbenchApp(make_engine(db_url), reviewer, keymap_file=keymap_file, adjudicate=adjudicate,
                        order=order, retrain_every=retrain_every)


def cmd_review(args) -> int:
    from workbench.services.review import check_can_review
    from workbench.tui.app import WorkbenchApp

    reviewer = _reviewer_name(args, "review")
    if reviewer is None:
        return 2
    engine = _existing(args)  # (a mistyped --db is one line, not an empty app on a new database)
    check_can_review(engine, reviewer)  # a database it cannot use: one line before the app starts
    if not os.environ.get("TEXTUAL_DRIVER") and not (sys.stdin.isatty() and sys.stdout.isatty()):
        # (a web page of serve runs the app with its own driver, TEXTUAL_DRIVER; elsewhere, an
        # app with no terminal reads end-of-file for ever, at full CPU)
        _err("review: needs a terminal (standard input and output); for a web page: workbench serve")
        return 2
    app = WorkbenchApp(engine, reviewer, adjudicate=args.adjudicate, order=args.order,
                       retrain_every=args.retrain_every)
    app.run()
    if app.not_saved_count:  # (each was said in a notice, gone with the screen: said again here)
        _err(f"{app.not_saved_count} change(s) of this session not saved; the last: {app.last_not_saved}")
    if app.interrupted_by is not None:  # (it quit as ctrl+q does, its writes committed)
        _err("interrupted")
        return 128 + app.interrupted_by
    return 1 if app.not_saved_count else 0


def cmd_serve(args) -> int:
    from workbench.serve import LOOPBACK_NAMES, ServeConfig, serve
    from workbench.store import resolve_db_url

    reviewer = _reviewer_name(args, "serve")
    if reviewer is None:
        return 2
    return serve(ServeConfig(resolve_db_url(args.db), reviewer, args.host, args.port,
                             adjudicate=args.adjudicate, allowed_hosts=tuple(args.allowed_host) or LOOPBACK_NAMES,
                             tls_proxy=args.tls_proxy, max_sessions=args.max_sessions, idle_minutes=args.idle_minutes))


def cmd_users(args) -> int:
    from workbench.services import accounts

    try:
        return accounts.users_command(_existing(args), args.users_command, getattr(args, "name", None))
    except accounts.AccountError as exc:
        _err(f"users {args.users_command}: {exc}")
        return 1


COMMANDS = {
    "import": cmd_import,
    "extract": cmd_extract,
    "export": cmd_export,
    "stats": cmd_stats,
    "agreement": cmd_agreement,
    "similar": cmd_similar,
    "suggest": cmd_suggest,
    "learn": cmd_learn,
    "review": cmd_review,
    "serve": cmd_serve,
    "users": cmd_users,
}


def _os_error(exc: OSError, args) -> str:
    """One line for an error of the system: the file it names, else the one the command was
    writing (an export's target, else the database); a full disk said as such."""
    import errno

    where = exc.filename
    if where is None:
        out = getattr(args, "output", None)
        if out and out != "-":
            where = out
        else:
            from workbench.store import resolve_db_url
            from workbench.store.database import sqlite_file

            url = resolve_db_url(getattr(args, "db", None))
            where = sqlite_file(url) or "the database"
    why = exc.strerror or str(exc) or type(exc).__name__
    if exc.errno == errno.ENOSPC:
        why += " (the disk is full): free some space and run the command again"
    return f"{where}: {why}"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt as exc:
        _err("interrupted")
        return 128 + getattr(exc, "signum", 2)  # 128 + N for signal N (``Interrupted`` knows which)
    except BrokenPipeError:
        # the reader stopped reading (| head): done. Standard output goes nowhere from now on, so
        # that flushing it at exit does not fail again
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except Exception as exc:  # one clear line, never a traceback
        from sqlalchemy.exc import SQLAlchemyError

        from workbench.store import resolve_db_url
        from workbench.store.database import explain

        if isinstance(exc, SQLAlchemyError):  # FILE: the cause (damaged, read-only, …), never the SQL
            _err(explain(exc, resolve_db_url(getattr(args, "db", None))))
        elif isinstance(exc, OSError):
            _err(_os_error(exc, args))
        else:
            _err(f"{type(exc).__name__}: {exc}")
        if os.environ.get("WORKBENCH_DEBUG"):
            raise
        return 1
