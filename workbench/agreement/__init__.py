"""Inter-annotator agreement: Cohen's kappa per reviewer pair, Fleiss' kappa, Krippendorff's
alpha (nominal), label confusion and per-label specific agreement. Pure standard library: no
database, no UI.

    >>> from workbench.agreement import agreement
    >>> report = agreement([(1, "ann", "attributed"), (1, "bob", "attributed"),
    ...                     (2, "ann", "unsourced"), (2, "bob", "unsourced")])
    >>> report.pairs[0]["cohen_kappa"], report.krippendorff_alpha
    (1.0, 1.0)
"""

from workbench.agreement.metrics import (
    AgreementReport,
    Decision,
    LabelFigures,
    PairFigures,
    agreement,
    cohen_kappa_from_table,
)

__all__ = [
    "AgreementReport",
    "Decision",
    "LabelFigures",
    "PairFigures",
    "agreement",
    "cohen_kappa_from_table",
]
