"""Inter-annotator agreement (``workbench.agreement``): published worked examples, properties,
edge cases. The reference figures were also checked against scikit-learn's
``cohen_kappa_score``, statsmodels' ``fleiss_kappa`` and the ``krippendorff`` package, outside
the project (none of them is imported here)."""

from __future__ import annotations

import json
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.agreement import AgreementReport, agreement, cohen_kappa_from_table

LABELS = ("attributed", "unsourced", "contested", "not_claim")
REVIEWERS = ("ann", "bob", "cat", "dan")


def _from_rows(rows: dict[str, str], missing: str = ".") -> list[tuple[int, str, str]]:
    """Reliability data as in the papers: one row of values per observer, one column per unit."""
    return [
        (unit, observer, value)
        for observer, row in rows.items()
        for unit, value in enumerate(row.split(), start=1)
        if value != missing
    ]


# --- published worked examples ------------------------------------------------------------


def test_cohen_kappa_wikipedia_example():
    """Wikipedia, "Cohen's kappa": 50 proposals, A and B say yes/no; 20 both yes, 15 both no,
    A yes / B no 5, A no / B yes 10: p_o = 0.7, p_e = 0.5, kappa = 0.4."""
    a = ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    decisions = [(i, "A", x) for i, x in enumerate(a)] + [(i, "B", x) for i, x in enumerate(b)]
    report = agreement(decisions)

    assert len(report.pairs) == 1
    pair = report.pairs[0]
    assert (pair["a"], pair["b"], pair["n"]) == ("A", "B", 50)
    assert pair["agreement"] == pytest.approx(0.7)
    assert pair["cohen_kappa"] == pytest.approx(0.4)
    assert cohen_kappa_from_table({("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15}) == pytest.approx(0.4)

    # confusion: agreements on the diagonal, the 15 disagreements in both off-diagonal cells
    assert report.confusion == {"no": {"no": 15, "yes": 15}, "yes": {"no": 15, "yes": 20}}
    assert report.pair_judgements == 50
    assert report.pairwise_agreement == pytest.approx(0.7)
    # specific agreement: positive 2a/(2a+b+c) = 40/55, negative 2d/(2d+b+c) = 30/45
    assert report.per_label["yes"] == {"decisions": 55, "agreeing_pairs": 20, "disagreeing_pairs": 15,
                                       "specific_agreement": pytest.approx(40 / 55)}
    assert report.per_label["no"]["specific_agreement"] == pytest.approx(30 / 45)
    assert report.per_label["no"]["decisions"] == 45


# Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters each, 5 categories;
# n_ij = how many raters put subject i in category j. P_bar = 0.378, P_e = 0.213, kappa = 0.210.
FLEISS_TABLE = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def test_fleiss_kappa_wikipedia_example():
    # synthetic reviewers r00..r13: on each subject, hand the row's ratings out in order
    decisions = []
    for subject, row in enumerate(FLEISS_TABLE):
        ratings = [category for category, count in enumerate(row, start=1) for _ in range(count)]
        assert len(ratings) == 14
        decisions += [(subject, f"r{rater:02d}", category) for rater, category in enumerate(ratings)]
    report = agreement(decisions)

    assert report.reviewers == 14
    assert report.fleiss_n == 10
    assert report.fleiss_kappa == pytest.approx(0.210, abs=5e-4)
    assert report.fleiss_kappa == pytest.approx(0.20993070442, abs=1e-9)
    assert len(report.pairs) == 14 * 13 // 2


def test_fleiss_kappa_uses_only_items_decided_by_everyone():
    """Fleiss needs the same number of raters per subject: items missing a reviewer are left
    out of it (but not out of alpha or the pair kappas)."""
    full = [(s, f"r{i:02d}", c) for s, row in enumerate(FLEISS_TABLE)
            for i, c in enumerate(c for c, k in enumerate(row, start=1) for _ in range(k))]
    extra = [(100, "r00", 1), (100, "r01", 2), (101, "r05", 3), (101, "r06", 3)]
    report = agreement(full + extra)
    assert report.fleiss_n == 10
    assert report.fleiss_kappa == pytest.approx(0.20993070442, abs=1e-9)
    assert report.items == 12
    assert report.krippendorff_alpha != agreement(full).krippendorff_alpha


def test_krippendorff_alpha_reliability_data_with_missing_values():
    """Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
    12 units, missing values ("."); unit 12 has a single value and is not pairable.
    Nominal alpha = 0.743; exactly 1 - 39 * 8 / (40^2 - 384) = 113/152 (8 of the n = 40 pairable
    values in disagreement, sum of n_c^2 = 384)."""
    rows = {
        "A": "1 2 3 3 2 1 4 1 2 . . .",
        "B": "1 2 3 3 2 2 4 1 2 5 . 3",
        "C": ". 3 3 3 2 3 4 2 2 5 1 .",
        "D": "1 2 3 3 2 4 4 1 2 5 1 .",
    }
    report = agreement(_from_rows(rows))

    assert report.krippendorff_alpha == pytest.approx(0.743, abs=5e-4)
    assert report.krippendorff_alpha == pytest.approx(113 / 152, rel=1e-12)
    assert report.decisions == 41
    assert report.items == 11  # unit 12 (only B) is not pairable
    assert report.pairable_decisions == 40  # n.. = 40 in the paper's coincidence matrix
    assert [report.per_label[v]["decisions"] for v in "12345"] == [9, 13, 10, 5, 3]  # n_c row
    # Fleiss over the 8 units decided by all four observers
    assert report.fleiss_n == 8


def test_krippendorff_alpha_wikipedia_example():
    """Wikipedia, "Krippendorff's alpha", computational example: 3 coders, 15 units, nominal
    alpha = 0.691."""
    rows = {
        "A": "* * * * * 3 4 1 2 1 1 3 3 * 3",
        "B": "1 * 2 1 3 3 4 3 * * * * * * *",
        "C": "* * 2 1 3 4 4 * 2 1 1 3 3 * 4",
    }
    report = agreement(_from_rows(rows, missing="*"))
    assert report.krippendorff_alpha == pytest.approx(0.691, abs=5e-4)
    assert report.items == 12


# --- simple cases -----------------------------------------------------------------------------


def test_perfect_agreement_is_one():
    rng = random.Random(3)
    truth = {item: rng.choice(LABELS) for item in range(40)}
    decisions = [(item, r, label) for item, label in truth.items() for r in REVIEWERS]
    report = agreement(decisions, labels=LABELS)

    assert report.krippendorff_alpha == 1.0
    assert report.fleiss_kappa == 1.0
    assert report.fleiss_n == 40
    assert report.pairwise_agreement == 1.0
    assert all(p["cohen_kappa"] == 1.0 and p["agreement"] == 1.0 and p["n"] == 40 for p in report.pairs)
    assert len(report.pairs) == 6
    assert all(f["specific_agreement"] == 1.0 and f["disagreeing_pairs"] == 0 for f in report.per_label.values())
    assert all(report.confusion[x][y] == 0 for x in LABELS for y in LABELS if x != y)


def test_systematic_disagreement_is_negative():
    decisions = [(i, "ann", "attributed" if i % 2 else "unsourced") for i in range(10)]
    decisions += [(i, "bob", "unsourced" if i % 2 else "attributed") for i in range(10)]
    report = agreement(decisions)
    assert report.pairs[0]["cohen_kappa"] == pytest.approx(-1.0)
    assert report.krippendorff_alpha < 0
    assert report.pairwise_agreement == 0.0


def test_last_decision_wins_and_none_withdraws():
    decisions = [
        (1, "ann", "attributed"), (1, "bob", "unsourced"),
        (1, "bob", "attributed"),  # bob changes his mind: now they agree
        (2, "ann", "contested"), (2, "bob", "contested"),
        (2, "bob", None),  # bob withdraws: item 2 is no longer pairable
        (3, "ann", "contested"), (3, "bob", "not_claim"),
    ]
    report = agreement(decisions)
    assert report.decisions == 5
    assert report.items == 2
    assert report.pairs[0]["n"] == 2
    assert report.pairs[0]["agreement"] == 0.5
    assert report.confusion["attributed"]["attributed"] == 1
    assert report.confusion["contested"]["not_claim"] == report.confusion["not_claim"]["contested"] == 1
    assert "unsourced" not in report.labels


def test_pair_lookup_and_order():
    report = agreement([(1, "bob", "x"), (1, "ann", "x"), (1, "cat", "y"), (2, "ann", "y")])
    assert [(p["a"], p["b"]) for p in report.pairs] == [("ann", "bob"), ("ann", "cat"), ("bob", "cat")]
    assert report.pair("cat", "ann") is report.pairs[1]
    with pytest.raises(KeyError):
        report.pair("ann", "zed")


def test_label_set():
    decisions = [(1, "ann", "attributed"), (1, "bob", "unsourced")]
    report = agreement(decisions, labels=LABELS)
    assert report.labels == LABELS
    assert list(report.confusion) == list(LABELS)
    assert report.per_label["not_claim"] == {"decisions": 0, "agreeing_pairs": 0, "disagreeing_pairs": 0,
                                             "specific_agreement": None}
    # an unused label changes no kappa
    assert report.pairs == agreement(decisions).pairs
    with pytest.raises(ValueError, match="label"):
        agreement(decisions + [(2, "ann", "typo")], labels=LABELS)


def test_to_json():
    report = agreement([(1, "ann", "a"), (1, "bob", "a"), (2, "ann", "b"), (2, "bob", "a")])
    data = report.to_json()
    assert list(data)[:3] == ["pairs", "krippendorff_alpha", "fleiss_kappa"]
    assert {"fleiss_n", "confusion", "per_label", "reviewers", "items", "decisions"} <= set(data)
    assert data["pairs"] == [{"a": "ann", "b": "bob", "n": 2, "agreement": 0.5, "cohen_kappa": 0.0}]
    assert json.loads(json.dumps(data)) == data
    assert json.loads(json.dumps(agreement([]).to_json()))["krippendorff_alpha"] is None
    # non-string labels become string keys
    assert agreement([(1, "ann", 1), (1, "bob", 2)]).to_json()["confusion"] == {"1": {"1": 0, "2": 1}, "2": {"1": 1, "2": 0}}


# --- undefined cases ------------------------------------------------------------------------------


def _assert_no_pairable(report: AgreementReport) -> None:
    assert report.items == 0
    assert report.pairable_decisions == 0
    assert report.krippendorff_alpha is None
    assert report.fleiss_kappa is None
    assert report.pairwise_agreement is None
    assert all(v == 0 for row in report.confusion.values() for v in row.values())
    assert all(f["specific_agreement"] is None for f in report.per_label.values())


def test_no_decisions():
    report = agreement([])
    _assert_no_pairable(report)
    assert (report.reviewers, report.decisions, report.pairs, report.fleiss_n) == (0, 0, [], 0)
    assert report.summary()


def test_single_reviewer():
    report = agreement([(i, "ann", LABELS[i % 4]) for i in range(20)])
    _assert_no_pairable(report)
    assert report.reviewers == 1
    assert report.decisions == 20
    assert report.pairs == []
    assert report.fleiss_n == 0


def test_no_overlap():
    decisions = [(i, "ann", LABELS[i % 4]) for i in range(10)] + [(i, "bob", LABELS[i % 4]) for i in range(10, 20)]
    report = agreement(decisions)
    _assert_no_pairable(report)
    assert report.pairs == [{"a": "ann", "b": "bob", "n": 0, "agreement": None, "cohen_kappa": None}]
    assert report.fleiss_n == 0


def test_one_label_used_by_everybody():
    """Expected agreement 1: kappa, Fleiss and alpha are 0/0, reported as None; the plain
    agreement is 1."""
    decisions = [(i, r, "unsourced") for i in range(10) for r in REVIEWERS]
    report = agreement(decisions)
    assert report.krippendorff_alpha is None
    assert report.fleiss_kappa is None
    assert report.fleiss_n == 10
    assert all(p["cohen_kappa"] is None and p["agreement"] == 1.0 and p["n"] == 10 for p in report.pairs)
    assert report.pairwise_agreement == 1.0
    assert report.per_label["unsourced"]["specific_agreement"] == 1.0
    assert cohen_kappa_from_table({("x", "x"): 3}) is None
    assert cohen_kappa_from_table({}) is None


def test_one_label_per_pair_but_several_overall():
    """A pair whose shared items all got the same label has an undefined kappa even when other
    reviewers used other labels; alpha, pooled over everybody, is defined."""
    decisions = [(1, "ann", "x"), (1, "bob", "x"), (2, "cat", "y"), (2, "dan", "y"), (3, "cat", "x"), (3, "dan", "y")]
    report = agreement(decisions)
    assert report.pair("ann", "bob")["cohen_kappa"] is None
    assert report.pair("cat", "dan")["cohen_kappa"] == 0.0
    assert report.krippendorff_alpha is not None
    assert report.fleiss_kappa is None and report.fleiss_n == 0


# --- properties ---------------------------------------------------------------------------------------

decision_lists = st.lists(
    st.tuples(st.integers(0, 9), st.sampled_from(REVIEWERS), st.sampled_from(LABELS)),
    max_size=80,
)


def _last_wins(decisions):
    return list({(item, reviewer): label for item, reviewer, label in decisions}.items())


def _figures(report: AgreementReport) -> tuple:
    return (report.pairs, report.krippendorff_alpha, report.fleiss_kappa, report.fleiss_n,
            report.pairwise_agreement, report.items, report.decisions, report.pairable_decisions)


@settings(max_examples=200, deadline=None)
@given(decision_lists, st.permutations(REVIEWERS))
def test_pair_kappa_is_symmetric(decisions, renamed):
    """Renaming reviewers (so that a pair's a and b may swap, which transposes its table)
    changes no pair's figures."""
    rename = dict(zip(REVIEWERS, renamed))
    report = agreement(decisions)
    swapped = agreement([(i, rename[r], label) for i, r, label in decisions])
    for p in report.pairs:
        q = swapped.pair(rename[p["a"]], rename[p["b"]])
        assert (q["n"], q["agreement"], q["cohen_kappa"]) == (p["n"], p["agreement"], p["cohen_kappa"])
    assert _figures(report)[1:] == _figures(swapped)[1:]


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.tuples(st.sampled_from("xyz"), st.sampled_from("xyz")), st.integers(0, 30)))
def test_cohen_kappa_table_is_symmetric(table):
    transposed = {(b, a): c for (a, b), c in table.items()}
    assert cohen_kappa_from_table(table) == cohen_kappa_from_table(transposed)


@settings(max_examples=300, deadline=None)
@given(decision_lists)
def test_figures_are_in_range(decisions):
    report = agreement(decisions)
    if report.krippendorff_alpha is not None:
        assert -1.0 <= report.krippendorff_alpha <= 1.0
    if report.fleiss_kappa is not None:
        assert -1.0 <= report.fleiss_kappa <= 1.0
    for p in report.pairs:
        if p["cohen_kappa"] is not None:
            assert -1.0 <= p["cohen_kappa"] <= 1.0
        assert (p["agreement"] is None) == (p["n"] == 0)
    # every pair judgement is on the diagonal or in one triangle of the symmetric table
    conf = report.confusion
    assert all(conf[x][y] == conf[y][x] for x in conf for y in conf)
    labels = list(conf)
    assert report.pair_judgements == sum(conf[x][y] for i, x in enumerate(labels) for y in labels[i:])
    assert report.pair_judgements == sum(p["n"] for p in report.pairs)
    assert report.pairable_decisions == sum(f["decisions"] for f in report.per_label.values())


@settings(max_examples=200, deadline=None)
@given(decision_lists, st.permutations(["L0", "L1", "L2", "L3"]))
def test_consistent_relabelling_changes_nothing(decisions, new_names):
    relabel = dict(zip(LABELS, new_names))
    report = agreement(decisions, labels=LABELS)
    other = agreement([(i, r, relabel[label]) for i, r, label in decisions], labels=new_names)
    assert _figures(other) == _figures(report)
    for x in LABELS:
        assert other.per_label[relabel[x]] == report.per_label[x]
        for y in LABELS:
            assert other.confusion[relabel[x]][relabel[y]] == report.confusion[x][y]


@settings(max_examples=200, deadline=None)
@given(decision_lists, st.randoms(use_true_random=False))
def test_order_of_decisions_does_not_matter(decisions, rng):
    """Only the last decision per (item, reviewer) counts, wherever it stands; the order of the
    decisions in force is irrelevant (exact arithmetic: identical floats)."""
    in_force = [(item, reviewer, label) for (item, reviewer), label in _last_wins(decisions)]
    shuffled = in_force[:]
    rng.shuffle(shuffled)
    expected = agreement(decisions).to_json()
    assert agreement(in_force).to_json() == expected
    assert agreement(shuffled).to_json() == expected


def test_duplicates_last_wins_against_first():
    first = [(1, "ann", "attributed"), (1, "bob", "attributed"), (2, "ann", "unsourced"), (2, "bob", "unsourced")]
    changed = first + [(1, "bob", "unsourced")]
    assert agreement(first).pairs[0]["cohen_kappa"] == 1.0
    assert agreement(changed).pairs[0]["agreement"] == 0.5
    assert agreement(changed[::-1]).pairs[0]["agreement"] == 1.0  # reversed: the first bob decision is last


def test_alpha_matches_its_definition_on_random_data():
    """Cross-check against a direct, slow transcription of Krippendorff's coincidence matrix."""
    rng = random.Random(11)
    decisions = [(i, r, rng.choice(LABELS[:3])) for i in range(60) for r in REVIEWERS if rng.random() < 0.7]
    units: dict[int, list[str]] = {}
    for i, _, label in decisions:
        units.setdefault(i, []).append(label)
    o = {(c, k): 0.0 for c in LABELS for k in LABELS}
    for values in units.values():
        m = len(values)
        if m < 2:
            continue
        for a in range(m):
            for b in range(m):
                if a != b:
                    o[values[a], values[b]] += 1 / (m - 1)
    n_c = {c: sum(o[c, k] for k in LABELS) for c in LABELS}
    n = sum(n_c.values())
    d_o = sum(v for (c, k), v in o.items() if c != k)
    d_e = sum(n_c[c] * n_c[k] for c in LABELS for k in LABELS if c != k) / (n - 1)
    assert agreement(decisions).krippendorff_alpha == pytest.approx(1 - d_o / d_e, rel=1e-12)
    assert not math.isclose(1 - d_o / d_e, 1.0)


def test_module_is_pure():
    """Standard library only: importing it loads no database, UI or numpy module."""
    import subprocess
    import sys

    code = "import sys, workbench.agreement; print('\\n'.join(sorted(sys.modules)))"
    loaded = set(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split())
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "sqlalchemy", "sqlmodel", "numpy", "orjson")}
    assert not {m for m in loaded if m.startswith(("workbench.store", "workbench.tui", "workbench.claims"))}
