"""Inter-annotator agreement over reviewers' decisions: Cohen's kappa for every pair of
reviewers, Fleiss' kappa, Krippendorff's alpha (nominal), a label-by-label confusion table and
per-label specific agreement.

Pure standard-library code: no database, no UI, no numpy.

Input
-----
An iterable of decisions ``(item, reviewer, label)``:

* ``item``: any hashable (e.g. a candidate id);
* ``reviewer``: a reviewer's name (reviewers are sorted, so they must be mutually comparable;
  use strings);
* ``label``: any hashable other than ``None`` (in the workbench: ``"attributed"``,
  ``"unsourced"``, ``"contested"``, ``"not_claim"``).

When the same ``(item, reviewer)`` appears more than once, the LAST occurrence wins, as in the
review store's append-only history. A label ``None`` withdraws that reviewer's decision on that
item (again: if it is the last occurrence), like the store's ``label = None``.

Definitions
-----------
An item is *pairable* when at least two reviewers decided it; decisions on other items cannot be
compared with anything and count only in ``decisions``. A *pair judgement* is one unordered pair
of reviewers on one item both decided; an item decided by ``m`` reviewers gives ``m(m-1)/2``.

* Cohen's kappa of reviewers a and b, over the ``n`` items both decided:
  ``(p_o - p_e) / (1 - p_e)``, with ``p_o`` the share of those items they gave the same label and
  ``p_e = sum_k p_a(k) p_b(k)`` from each one's own label distribution on those items
  (Cohen 1960).
* Fleiss' kappa (Fleiss 1971) assumes the same number of raters on every subject: it is computed
  over the items decided by every reviewer in the data (``fleiss_n`` of them), with
  ``P_bar = mean_i (sum_j n_ij^2 - m) / (m (m - 1))`` and ``P_e = sum_j p_j^2``.
* Krippendorff's alpha, nominal metric, from the coincidence matrix
  ``o_ck = sum_u (number of ordered c-k value pairs in unit u) / (m_u - 1)`` over the pairable
  units (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011):
  ``alpha = 1 - (n - 1) (n - sum_c o_cc) / (n^2 - sum_c n_c^2)``. Missing data is handled by
  construction: every unit contributes its own ``m_u``; units with one value are left out.

Undefined figures are ``None``, never NaN and never a ZeroDivisionError:

* a pair's kappa is ``None`` when the two reviewers share no item (``n == 0``) or when the
  expected agreement is 1 (``p_e == 1``: on their shared items both used one and the same
  label, so ``p_o`` is 1 too and the formula is 0/0). This follows the references, for which
  kappa is undefined there (scikit-learn's ``cohen_kappa_score`` gives NaN); the pair's plain
  ``agreement`` (``p_o``) is reported beside it and is then 1.0;
* Fleiss' kappa is ``None`` with fewer than two reviewers, with no item decided by all of them,
  or when ``P_e == 1`` (a single label on all those items);
* alpha is ``None`` with no pairable unit, or when the expected disagreement is 0 (a single
  label among all pairable values), where Krippendorff leaves it undefined.

Every figure is computed from integer counts with exact arithmetic and converted to ``float``
once, so the result does not depend on the order of the decisions (beyond last-wins) nor on the
names of the labels, bit for bit.

Speed: decisions are grouped per item, and each item reduced to its *profile* (the set of
``(reviewer, label)`` it received). Items with the same profile contribute identically, and
with a few reviewers and labels there are only a few hundred distinct profiles, so the
per-pair work is done once per profile, weighted by its count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from typing import Any, TypedDict

Item = Hashable
Reviewer = str
Label = Hashable
#: one decision: ``(item, reviewer, label)``; ``label`` None withdraws an earlier decision
Decision = tuple[Item, Reviewer, Label | None]

__all__ = [
    "AgreementReport",
    "Decision",
    "LabelFigures",
    "PairFigures",
    "agreement",
    "cohen_kappa_from_table",
]


class PairFigures(TypedDict):
    """Agreement of one pair of reviewers on the items both decided."""

    a: Reviewer  #: the first reviewer (``a < b``)
    b: Reviewer
    n: int  #: items both decided
    agreement: float | None  #: observed share of those items with the same label (None if n == 0)
    cohen_kappa: float | None  #: None when n == 0 or undefined (expected agreement 1)


class LabelFigures(TypedDict):
    """How one label fared among the pairable decisions."""

    decisions: int  #: pairable decisions (on items with >= 2 decisions) with this label
    agreeing_pairs: int  #: pair judgements where both reviewers gave this label
    disagreeing_pairs: int  #: pair judgements where one gave this label and the other another
    #: specific agreement: 2 * agreeing / (2 * agreeing + disagreeing), i.e. of the times a
    #: reviewer gave this label on a shared item, the share of co-reviewers who gave it too
    #: (positive specific agreement for two reviewers, Uebersax's generalisation for more);
    #: None when the label was in no pair judgement
    specific_agreement: float | None


@dataclass(frozen=True)
class AgreementReport:
    """Agreement figures of one set of decisions; see the module docstring for definitions."""

    #: reviewers with at least one decision, sorted
    reviewer_names: tuple[Reviewer, ...]
    #: the labels of ``confusion`` and ``per_label``, in order (given, or sorted if comparable)
    labels: tuple[Label, ...]
    #: one entry per pair of ``reviewer_names`` (a < b), including pairs with n == 0
    pairs: list[PairFigures]
    krippendorff_alpha: float | None
    fleiss_kappa: float | None
    #: items decided by every reviewer, over which ``fleiss_kappa`` is computed
    fleiss_n: int
    #: share of all pair judgements in which the two reviewers gave the same label
    pairwise_agreement: float | None
    #: ``confusion[x][y]``: pair judgements whose two labels were x and y, over all unordered
    #: pairs of reviewers on their shared items. Symmetric: a disagreement x/y is counted in
    #: both ``[x][y]`` and ``[y][x]``; an agreement once, on the diagonal. So the number of pair
    #: judgements is the diagonal plus one triangle, not the sum of the whole table.
    confusion: dict[Label, dict[Label, int]]
    per_label: dict[Label, LabelFigures]
    #: number of reviewers (``len(reviewer_names)``)
    reviewers: int
    #: pairable items: items with decisions by at least two reviewers
    items: int
    #: decisions in force (after last-wins and withdrawals), pairable or not
    decisions: int
    #: decisions on pairable items
    pairable_decisions: int
    #: pair judgements (unordered reviewer pairs on shared items), all items together
    pair_judgements: int

    def pair(self, a: Reviewer, b: Reviewer) -> PairFigures:
        """The figures of reviewers ``a`` and ``b``, in either order."""
        lo, hi = sorted((a, b))
        for p in self.pairs:
            if p["a"] == lo and p["b"] == hi:
                return p
        raise KeyError((a, b))

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict. Top-level keys: ``pairs``, ``krippendorff_alpha``,
        ``fleiss_kappa``, then ``fleiss_n``, ``pairwise_agreement``, ``confusion``,
        ``per_label``, ``labels``, ``reviewers``, ``reviewer_names``, ``items``, ``decisions``,
        ``pairable_decisions``, ``pair_judgements``. Labels become strings (``str(label)``)."""
        keys = [str(label) for label in self.labels]
        if len(set(keys)) != len(keys):
            raise ValueError(f"labels are not distinct as strings: {keys}")
        name = dict(zip(self.labels, keys))
        return {
            "pairs": [dict(p) for p in self.pairs],
            "krippendorff_alpha": self.krippendorff_alpha,
            "fleiss_kappa": self.fleiss_kappa,
            "fleiss_n": self.fleiss_n,
            "pairwise_agreement": self.pairwise_agreement,
            "confusion": {name[x]: {name[y]: c for y, c in row.items()} for x, row in self.confusion.items()},
            "per_label": {name[x]: dict(f) for x, f in self.per_label.items()},
            "labels": keys,
            "reviewers": self.reviewers,
            "reviewer_names": list(self.reviewer_names),
            "items": self.items,
            "decisions": self.decisions,
            "pairable_decisions": self.pairable_decisions,
            "pair_judgements": self.pair_judgements,
        }

    def summary(self) -> str:
        """One line for a terminal."""

        def f(x: float | None) -> str:
            return "n/a" if x is None else f"{x:.3f}"

        return (
            f"reviewers {self.reviewers}  items {self.items}  decisions {self.decisions}  "
            f"alpha {f(self.krippendorff_alpha)}  fleiss {f(self.fleiss_kappa)} (n={self.fleiss_n})  "
            f"pairwise agreement {f(self.pairwise_agreement)}"
        )


def cohen_kappa_from_table(table: dict[tuple[Label, Label], int]) -> float | None:
    """Cohen's kappa from a contingency table ``{(label_a, label_b): count}``.

    None when the table is empty or the expected agreement is 1 (see the module docstring).
    Exact: integer counts, one division."""
    n = agree = 0
    rows: Counter[Label] = Counter()
    cols: Counter[Label] = Counter()
    for (la, lb), c in table.items():
        if c < 0:
            raise ValueError(f"negative count {c} for {(la, lb)!r}")
        n += c
        rows[la] += c
        cols[lb] += c
        if la == lb:
            agree += c
    expected = sum(c * cols[k] for k, c in rows.items())  # n^2 * p_e
    denominator = n * n - expected
    if n == 0 or denominator == 0:
        return None
    return (n * agree - expected) / denominator


def _label_order(seen: set[Label], labels: Iterable[Label] | None) -> tuple[Label, ...]:
    if labels is not None:
        order = tuple(dict.fromkeys(labels))
        if any(label is None for label in order):
            raise ValueError("None is not a label (it withdraws a decision)")
        unknown = seen.difference(order)
        if unknown:
            raise ValueError(f"labels not in the given label set: {sorted(map(repr, unknown))}")
        return order
    try:
        return tuple(sorted(seen))  # type: ignore[type-var]
    except TypeError:  # labels of mixed types: a stable order all the same
        return tuple(sorted(seen, key=lambda x: (type(x).__name__, repr(x))))


def agreement(decisions: Iterable[Decision], labels: Iterable[Label] | None = None) -> AgreementReport:
    """Agreement figures of ``decisions`` (``(item, reviewer, label)``, last wins per
    ``(item, reviewer)``, label None withdraws).

    ``labels``: the label set, in the order wanted for ``confusion`` and ``per_label`` (e.g.
    ``workbench.claims.LABELS``); labels nobody used get zero rows. A decision with a label
    outside it raises ValueError. Default: the labels used, sorted. The label set does not
    change any kappa or alpha (an unused label adds nothing to chance agreement).
    """
    profiles = _profiles(decisions)
    reviewer_set: set[Reviewer] = set()
    seen: set[Label] = set()
    n_decisions = 0
    for profile, w in profiles.items():
        n_decisions += w * len(profile)
        for reviewer, label in profile:
            reviewer_set.add(reviewer)
            seen.add(label)
    reviewer_names = tuple(sorted(reviewer_set))
    order = _label_order(seen, labels)
    n_reviewers = len(reviewer_names)
    t = _Tally(reviewer_names, order)
    for profile, w in profiles.items():
        t.add(profile, w, n_reviewers)
    return AgreementReport(
        reviewer_names=reviewer_names,
        labels=order,
        pairs=[_pair_figures(a, b, table) for (a, b), table in t.pair_tables.items()],
        krippendorff_alpha=_krippendorff_alpha(t.pairable, t.value_totals, t.same_by_m),
        fleiss_kappa=_fleiss_kappa(n_reviewers, t.fleiss_n, t.fleiss_sq, t.fleiss_totals),
        fleiss_n=t.fleiss_n if n_reviewers >= 2 else 0,
        pairwise_agreement=t.agreeing / t.judgements if t.judgements else None,
        confusion=t.confusion,
        per_label={x: _label_figures(x, t.confusion, t.value_totals) for x in order},
        reviewers=n_reviewers,
        items=t.n_items,
        decisions=n_decisions,
        pairable_decisions=t.pairable,
        pair_judgements=t.judgements,
    )


def _profiles(decisions: Iterable[Decision]) -> Counter[frozenset[tuple[Reviewer, Label]]]:
    """How many items got each profile (the set of ``(reviewer, label)`` in force on an item):
    items with the same profile contribute identically."""
    # last decision in force per (item, reviewer)
    by_item: dict[Item, dict[Reviewer, Label]] = {}
    get = by_item.get
    for item, reviewer, label in decisions:
        d = get(item)
        if d is None:
            d = by_item[item] = {}
        if label is None:
            d.pop(reviewer, None)
        else:
            d[reviewer] = label
    return Counter(frozenset(d.items()) for d in by_item.values() if d)


class _Tally:
    """The integer counts every figure is computed from, summed over the pairable profiles."""

    def __init__(self, reviewer_names: tuple[Reviewer, ...], order: tuple[Label, ...]) -> None:
        self.pair_tables: dict[tuple[Reviewer, Reviewer], Counter[tuple[Label, Label]]] = {
            pair: Counter() for pair in combinations(reviewer_names, 2)
        }
        self.confusion: dict[Label, dict[Label, int]] = {x: dict.fromkeys(order, 0) for x in order}
        self.value_totals: Counter[Label] = Counter()  # n_c: pairable values per label
        self.same_by_m: Counter[int] = Counter()  # sum over units with m values of sum_c n_uc (n_uc - 1)
        self.n_items = self.pairable = self.judgements = self.agreeing = 0
        self.fleiss_n = self.fleiss_sq = 0  # items decided by all; sum_i sum_j n_ij^2
        self.fleiss_totals: Counter[Label] = Counter()

    def add(self, profile: frozenset[tuple[Reviewer, Label]], w: int, n_reviewers: int) -> None:
        """Count ``w`` items with this profile (nothing when fewer than two reviewers decided it)."""
        m = len(profile)
        if m < 2:
            return
        self.n_items += w
        self.pairable += w * m
        entries = sorted(profile)  # by reviewer: reviewers are unique within a profile
        unit = Counter(label for _, label in entries)
        confusion = self.confusion
        for (ra, la), (rb, lb) in combinations(entries, 2):
            self.pair_tables[ra, rb][la, lb] += w
            if la == lb:
                confusion[la][la] += w
                self.agreeing += w
            else:
                confusion[la][lb] += w
                confusion[lb][la] += w
        self.judgements += w * (m * (m - 1) // 2)
        same = 0
        sq = 0
        for label, c in unit.items():
            self.value_totals[label] += w * c
            same += c * (c - 1)
            sq += c * c
        self.same_by_m[m] += w * same
        if m == n_reviewers:
            self.fleiss_n += w
            self.fleiss_sq += w * sq
            for label, c in unit.items():
                self.fleiss_totals[label] += w * c


def _pair_figures(a: Reviewer, b: Reviewer, table: Counter[tuple[Label, Label]]) -> PairFigures:
    n = sum(table.values())
    same_pairs = sum(c for (la, lb), c in table.items() if la == lb)
    return PairFigures(a=a, b=b, n=n, agreement=same_pairs / n if n else None,
                       cohen_kappa=cohen_kappa_from_table(table))


def _label_figures(x: Label, confusion: dict[Label, dict[Label, int]], value_totals: Counter[Label]) -> LabelFigures:
    agree_x = confusion[x][x]
    disagree_x = sum(c for y, c in confusion[x].items() if y != x)
    denominator = 2 * agree_x + disagree_x
    return LabelFigures(
        decisions=value_totals[x],
        agreeing_pairs=agree_x,
        disagreeing_pairs=disagree_x,
        specific_agreement=2 * agree_x / denominator if denominator else None,
    )


def _krippendorff_alpha(n: int, value_totals: Counter[Label], same_by_m: Counter[int]) -> float | None:
    """Nominal alpha. ``n``: pairable values; ``value_totals``: n_c; ``same_by_m[m]``: sum over
    units with m values of ``sum_c n_uc (n_uc - 1)``, so that ``sum_c o_cc`` is
    ``sum_m same_by_m[m] / (m - 1)``."""
    if n == 0:
        return None
    expected = n * n - sum(c * c for c in value_totals.values())  # (n - 1) * n * D_e
    if expected == 0:
        return None
    observed_same = sum((Fraction(s, m - 1) for m, s in same_by_m.items()), Fraction(0))
    alpha = 1 - (n - 1) * (n - observed_same) / expected
    return float(alpha)


def _fleiss_kappa(raters: int, subjects: int, sum_sq: int, totals: Counter[Label]) -> float | None:
    """Fleiss' kappa of ``subjects`` items with ``raters`` ratings each; ``sum_sq``:
    ``sum_i sum_j n_ij^2``; ``totals[j]``: ``sum_i n_ij``. Exact form of
    ``(P_bar - P_e) / (1 - P_e)`` multiplied through by ``(m - 1) M^2``, ``M = subjects * raters``."""
    if raters < 2 or subjects == 0:
        return None
    m = raters
    big_m = subjects * m
    q = sum(t * t for t in totals.values())  # M^2 * P_e
    denominator = (m - 1) * (big_m * big_m - q)
    if denominator == 0:
        return None
    return ((sum_sq - big_m) * big_m - q * (m - 1)) / denominator
