"""Dataset exports: splits by article without leakage (near copies together), deterministic by
seed, label proportions reported; a dataset card beside every export; the output layouts."""

from __future__ import annotations

import json
import re
from pathlib import Path
import random

import pytest

from tests.functional.tui_helpers import FIXTURES
from workbench.cli import main
from workbench.services.dataset import SplitError, assign_split, database_name, parse_split
from workbench.services.importing import import_paths
from workbench.formats.articles import expand
from workbench.store import make_engine
from workbench.services.review import ReviewService

LABELS = ("attributed", "unsourced", "contested", "not_claim")


def cli(capsys, *argv) -> tuple[int, str, str]:
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def corpus(tmp_path, db_url):
    """40 articles (the fixtures' paragraphs recombined), two of them near copies of others, and
    two reviewers' decisions on every claim."""
    rnd = random.Random(4)
    paras = [ln for p in sorted(FIXTURES.glob("*.txt")) for ln in p.read_text("utf-8").split("\n") if len(ln) > 60]
    folder = tmp_path / "arts"
    folder.mkdir()
    texts = {}
    for i in range(40):
        texts[f"a{i:02d}.txt"] = "\n".join(rnd.sample(paras, 6))
    texts["copy-of-a03.txt"] = "Accueil › Monde\n" + texts["a03.txt"].replace("a déclaré", "a dit", 1)
    texts["copy-of-a17.txt"] = texts["a17.txt"] + "\nPartager sur Facebook"
    for name, t in texts.items():
        (folder / name).write_text(t, "utf-8")
    url = db_url
    engine = make_engine(url)
    res = import_paths(engine, expand([str(folder)]), jobs=1)
    assert {(a, b) for a, b, _ in res.near_copies} >= {("copy-of-a03.txt", "a03.txt"), ("copy-of-a17.txt", "a17.txt")}
    for name in ("ann", "bob"):
        store = ReviewService(engine, name)
        for art in store.summaries():
            for c in store.load_article(art.id).claims:
                store.decide(c.id, LABELS[(c.id + (name == "bob")) % 4] if c.id % 5 == 0 else LABELS[c.id % 4])
    engine.dispose()
    return url


def test_split_is_by_article_keeps_near_copies_together_and_is_deterministic(corpus, tmp_path, capsys):
    out = tmp_path / "ds"
    rc, stdout, err = cli(capsys, "export", "--db", corpus, "--split", "train=0.6,dev=0.2,test=0.2", "--seed", "7",
                          "-o", f"{out}/")
    assert rc == 0, err
    files = {p.name for p in out.iterdir()}
    assert files == {"train.jsonl", "dev.jsonl", "test.jsonl", "README.md"}
    where: dict[str, set[str]] = {}
    counts = {}
    for split in ("train", "dev", "test"):
        rows = [json.loads(x) for x in (out / f"{split}.jsonl").read_text("utf-8").splitlines()]
        counts[split] = len(rows)
        for r in rows:
            where.setdefault(r["article_id"], set()).add(split)
        labels = {lbl: sum(r["label"] == lbl for r in rows) for lbl in LABELS}
        line = next(ln for ln in stdout.splitlines() if ln.startswith(f"{split}:"))
        assert all(f"{lbl} {n}" in line for lbl, n in labels.items() if n)  # proportions reported
    assert all(len(s) == 1 for s in where.values()), "an article in two splits"
    assert where["copy-of-a03.txt"] == where["a03.txt"] and where["copy-of-a17.txt"] == where["a17.txt"]
    assert all(counts.values()), counts
    assert counts["train"] > counts["dev"] and counts["train"] > counts["test"]

    again = tmp_path / "ds2"
    assert cli(capsys, "export", "--db", corpus, "--split", "train=0.6,dev=0.2,test=0.2", "--seed", "7",
               "-o", f"{again}/")[0] == 0
    for split in ("train", "dev", "test"):
        assert (again / f"{split}.jsonl").read_bytes() == (out / f"{split}.jsonl").read_bytes()
    other = tmp_path / "ds3"
    assert cli(capsys, "export", "--db", corpus, "--split", "train=0.6,dev=0.2,test=0.2", "--seed", "8",
               "-o", f"{other}/")[0] == 0
    assert (other / "test.jsonl").read_bytes() != (out / "test.jsonl").read_bytes()

    card = (out / "README.md").read_text("utf-8")
    for part in ("train.jsonl", "dev.jsonl", "test.jsonl", "seed 7", "Krippendorff", "Cohen's kappa", "ann | bob",
                 "Label guidelines", "not_claim    Not a claim", "Claim Workbench 0.1.0", database_name(corpus),
                 "`source_name`"):
        assert part in card, part
    # for dataset readers: no local path, no app keys, no promise of suggestions it does not hold
    assert str(Path(corpus.split("///")[-1]).parent) not in card or "postgresql" in corpus
    assert not re.search(r"\((e|z|y|v)\)|keys?\b", card.split("## Label guidelines")[1])
    assert "human decisions only" in card


def test_spans_split_and_card_for_gold(corpus, tmp_path, capsys):
    rc, out, err = cli(capsys, "export", "--db", corpus, "--gold", "--format", "spans", "--split",
                       "train=0.5,test=0.5", "-o", tmp_path / "gold.jsonl")
    assert rc == 0, err
    assert {p.name for p in tmp_path.iterdir()} >= {"gold.train.jsonl", "gold.test.jsonl", "gold.README.md"}
    card = (tmp_path / "gold.README.md").read_text("utf-8")
    assert "How the final labels were decided" in card and "unanimous:" in card
    for split in ("train", "test"):
        for line in (tmp_path / f"gold.{split}.jsonl").read_text("utf-8").splitlines():
            rec = json.loads(line)
            assert all(rec["text"][s["start"]:s["end"]] == s["text"] for s in rec["spans"])


def test_default_export_is_a_new_folder_with_a_card(corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli(capsys, "export", "--db", corpus)[0] == 0
    (folder,) = (tmp_path / "exports").iterdir()
    assert folder.name.startswith("claims-")
    assert {p.name for p in folder.iterdir()} == {"claims.jsonl", "README.md"}
    assert not [p for p in (tmp_path / "exports").rglob(".*")], "no temp file left"


@pytest.mark.parametrize("bad, msg", [
    ("train=0.8,test=0.1", "add up to 0.9"),
    ("train=0.8,train=0.2", "given twice"),
    ("train:0.8,test=0.2", "bad split"),
    ("train=x,test=1", "not a number"),
])
def test_bad_split_is_one_line(bad, msg, corpus, capsys):
    with pytest.raises(SplitError, match=msg):
        parse_split(bad)
    rc, out, err = cli(capsys, "export", "--db", corpus, "--split", bad, "-o", "-")
    assert rc == 2 and len(err.strip().splitlines()) == 1 and msg in err


def test_seed_without_split_is_refused_before_anything_is_written(corpus, tmp_path, capsys):
    """A --seed with no --split used to be accepted and ignored: the user believed the export
    was a seeded split and got one file."""
    out_dir = tmp_path / "out"
    rc, out, err = cli(capsys, "export", "--db", corpus, "--seed", "7", "-o", f"{out_dir}/")
    assert rc == 2 and out == "" and not out_dir.exists()
    assert len(err.strip().splitlines()) == 1 and "--seed" in err and "--split" in err


def test_split_of_an_article_does_not_depend_on_the_rest_of_the_corpus():
    splits = {"train": 0.8, "dev": 0.1, "test": 0.1}
    got = [assign_split(f"article-{i}", 3, splits) for i in range(2000)]
    share = {s: got.count(s) / len(got) for s in splits}
    assert abs(share["train"] - 0.8) < 0.04 and abs(share["test"] - 0.1) < 0.03
    assert got[:50] == [assign_split(f"article-{i}", 3, splits) for i in range(50)]


def test_the_card_says_when_suggestions_are_included(corpus, tmp_path, capsys):
    assert cli(capsys, "export", "--db", corpus, "--include-unreviewed", "--format", "labelstudio",
               "-o", f"{tmp_path / 'ls'}/")[0] == 0
    card = (tmp_path / "ls" / "README.md").read_text("utf-8")
    assert "human decisions only" not in card and "predictions" in card
    assert "suggestions for claims nobody decided" in card


def test_database_name_keeps_no_local_path():
    assert database_name("sqlite:////home/ann/projects/claims/workbench.db") == "workbench.db"
    assert database_name("postgresql://ann:secret@db.example.org/claims") == "postgresql://ann:***@db.example.org/claims"


def test_a_near_copy_imported_later_does_not_move_the_articles_already_assigned(tmp_path, db_url, capsys):
    """The README: "articles imported later never move the ones already assigned". A near copy
    imported later whose id sorts first used to become its group's key, and the article already
    exported in train went to test with its copy (found by QA: m.txt in train, then a.txt, a copy
    of it, imported; m.txt's decisions were in test; with seed 7, "m.txt" hashes to train and
    "a.txt" to test)."""
    splits = {"train": 0.8, "dev": 0.1, "test": 0.1}
    assert (assign_split("m.txt", 7, splits), assign_split("a.txt", 7, splits)) == ("train", "test")
    text = (FIXTURES / "003_58336a3358c5ca07.txt").read_text("utf-8")
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    (tmp_path / "v1" / "m.txt").write_text(text, "utf-8")
    (tmp_path / "v2" / "a.txt").write_text(text + "\nPartager sur Facebook", "utf-8")
    assert cli(capsys, "import", "--db", db_url, "-q", tmp_path / "v1")[0] == 0
    engine = make_engine(db_url)
    store = ReviewService(engine, "ann")
    for c in store.load_article("m.txt").claims:
        store.decide(c.id, "unsourced")
    engine.dispose()

    def split_of_m(out) -> set[str]:
        rc, _, err = cli(capsys, "export", "--db", db_url, "--split", "train=0.8,dev=0.1,test=0.1", "--seed", "7",
                         "-o", f"{out}/")
        assert rc == 0, err
        return {s for s in splits
                if any(json.loads(x)["article_id"] == "m.txt" for x in (out / f"{s}.jsonl").read_text("utf-8").split("\n") if x)}

    assert split_of_m(tmp_path / "e1") == {"train"}
    rc, out, _ = cli(capsys, "import", "--db", db_url, tmp_path / "v2")
    assert rc == 0 and "near copy: a.txt ≈ m.txt" in out
    assert split_of_m(tmp_path / "e2") == {"train"}
