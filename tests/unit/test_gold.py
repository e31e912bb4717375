"""Extractor quality against hand-labelled gold: the five seed fixtures, and a second set."""

from __future__ import annotations

import json

import pytest

from workbench.claims import detect_language, extract
from workbench.claims.evaluate import evaluate
from workbench.formats.encoding import decode


def test_extractor_against_gold(fixtures_dir, capsys):
    gold = [json.loads(line) for line in (fixtures_dir / "gold" / "gold.jsonl").read_text("utf-8").splitlines() if line.strip()]
    articles = sorted(fixtures_dir.glob("*.txt"))
    assert len(articles) == 5
    assert {g["article"] for g in gold} <= {p.name for p in articles}

    predicted = []
    for path in articles:
        text = decode(path.read_bytes())
        for c in extract(text):
            predicted.append({"article": path.name, **c.as_dict()})

    report = evaluate(gold, predicted)
    with capsys.disabled():
        print(f"\ngold evaluation: {report.summary()}")

    assert report.recall >= 0.9
    assert report.precision >= 0.85
    assert report.label_accuracy >= 0.85
    assert report.source_accuracy >= 0.8


def test_gold_offsets_index_the_decoded_fixture_text(fixtures_dir):
    """The gold file itself is consistent, so the evaluation above measures the extractor."""
    texts = {p.name: decode(p.read_bytes()) for p in fixtures_dir.glob("*.txt")}
    for line in (fixtures_dir / "gold" / "gold.jsonl").read_text("utf-8").splitlines():
        g = json.loads(line)
        text = texts[g["article"]]
        assert text[g["start"]:g["end"]] == g["text"]
        if g["source"]:
            s = g["source"]
            assert text[s["start"]:s["end"]] == s["text"]


def test_evaluate_counts_misses_and_false_positives():
    gold = [
        {"article": "a", "start": 0, "end": 10, "label": "attributed", "source": {"start": 0, "end": 3}},
        {"article": "a", "start": 20, "end": 30, "label": "unsourced", "source": None},
    ]
    pred = [
        {"article": "a", "start": 0, "end": 10, "label": "attributed", "source": {"start": 0, "end": 3}},
        {"article": "a", "start": 40, "end": 50, "label": "unsourced", "source": None},
    ]
    r = evaluate(gold, pred)
    assert (r.gold, r.predicted, r.matched) == (2, 2, 1)
    assert r.recall == 0.5 and r.precision == 0.5
    assert r.label_accuracy == 1.0 and r.source_accuracy == 1.0
    assert len(r.misses) == 1 and len(r.false_positives) == 1


# Five more sets, each of eight articles written for the purpose on other topics, four English
# and four French, with their page furniture, labelled the same way (labels.py -> gold/gold.jsonl).
# Each was unseen when first measured (README gives those figures); the rules were then
# corrected on the errors of the first four, so those are development figures, and the bars
# keep what was reached from sliding back; heldout5 has not been used to change anything.
HELDOUT_BARS = {
    # (folder, language): (recall, precision, label accuracy, source accuracy)
    ("heldout", "en"): (0.95, 0.95, 0.85, 0.88),
    ("heldout", "fr"): (0.95, 0.95, 0.93, 0.95),
    ("heldout2", "en"): (0.95, 0.95, 0.88, 0.85),
    ("heldout2", "fr"): (0.95, 0.95, 0.88, 0.84),
    ("heldout3", "en"): (0.95, 0.95, 0.93, 0.89),
    ("heldout3", "fr"): (0.95, 0.95, 0.93, 0.89),
    ("heldout4", "en"): (0.95, 0.95, 0.92, 0.88),
    ("heldout4", "fr"): (0.95, 0.94, 0.95, 0.90),
    # never used to change a rule: the estimate for unseen news (README)
    ("heldout5", "en"): (0.95, 0.86, 0.82, 0.82),
    ("heldout5", "fr"): (0.95, 0.86, 0.76, 0.70),
}


@pytest.mark.parametrize(("name", "language"), sorted(HELDOUT_BARS))
def test_extractor_against_the_other_gold_sets(fixtures_dir, name, language, capsys):
    folder = fixtures_dir / name
    gold = [g for g in (json.loads(line) for line in (folder / "gold" / "gold.jsonl").read_text("utf-8").splitlines() if line.strip())
            if g["article"].startswith(language)]
    articles = sorted(folder.glob(f"{language}*.txt"))
    assert len(articles) == 4 and {g["article"] for g in gold} <= {p.name for p in articles}
    predicted = []
    for path in articles:
        text = decode(path.read_bytes())
        assert detect_language(text) == language
        predicted += [{"article": path.name, **c.as_dict()} for c in extract(text)]
    report = evaluate(gold, predicted)
    with capsys.disabled():
        print(f"\n{name}, {language}: {report.summary()}")
    recall, precision, labels, sources = HELDOUT_BARS[name, language]
    assert report.recall >= recall
    assert report.precision >= precision
    assert report.label_accuracy >= labels
    assert report.source_accuracy >= sources


@pytest.mark.parametrize("name", sorted({name for name, _ in HELDOUT_BARS}))
def test_gold_files_are_built_from_the_hand_labels(fixtures_dir, name):
    """gold/gold.jsonl is what fixtures/build_gold.py makes of labels.py: offsets are never typed."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_gold", fixtures_dir / "build_gold.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    folder = fixtures_dir / name
    stored = [json.loads(line) for line in (folder / "gold" / "gold.jsonl").read_text("utf-8").splitlines() if line.strip()]
    assert builder.build(folder) == stored


@pytest.mark.parametrize("name", sorted({name for name, _ in HELDOUT_BARS}))
def test_importing_a_gold_set_folder_reads_its_articles_only(fixtures_dir, name):
    """`workbench import fixtures/heldoutN/` imports the eight articles: the labels (labels.py,
    gold/gold.jsonl) are not read as articles."""
    from workbench.formats.articles import expand

    files = expand([str(fixtures_dir / name)])
    assert len(files) == 8 and all(f.suffix == ".txt" for f in files)
