"""Rich tables of an agreement report, for ``workbench agreement`` and the TUI (renderables,
no Textual: the core stays free of the UI)."""

from __future__ import annotations

from rich.table import Table

from workbench.agreement.metrics import AgreementReport
from workbench.escapes import text as safe_text


def _f(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def agreement_tables(report: AgreementReport) -> list[Table]:
    overall = Table(title="Agreement over all reviewers", show_header=False)
    overall.add_row("reviewers", safe_text(", ".join(report.reviewer_names) or "(none)"))
    overall.add_row("claims decided by 2+ reviewers", str(report.items))
    overall.add_row("Krippendorff's alpha (nominal)", _f(report.krippendorff_alpha))
    overall.add_row("Fleiss' kappa", f"{_f(report.fleiss_kappa)}  (over {report.fleiss_n} claims every reviewer decided)")
    overall.add_row("pairwise agreement", _f(report.pairwise_agreement))
    tables = [overall]

    pairs = Table(title="Per pair of reviewers")
    pairs.add_column("reviewer a")
    pairs.add_column("reviewer b")
    pairs.add_column("claims both decided", justify="right")
    pairs.add_column("agreement", justify="right")
    pairs.add_column("Cohen's kappa", justify="right")
    for p in report.pairs:
        pairs.add_row(safe_text(p["a"]), safe_text(p["b"]), str(p["n"]), _f(p.get("agreement")), _f(p["cohen_kappa"]))
    if not report.pairs:
        pairs.add_row("(fewer than two reviewers)", "", "0", "n/a", "n/a")
    tables.append(pairs)

    labels = [str(x) for x in report.labels]
    conf = Table(title="Confusion between reviewers (pair judgements; row and column are the two labels)")
    conf.add_column("")
    for x in labels:
        conf.add_column(x, justify="right")
    conf.add_column("specific agreement", justify="right")
    for x in report.labels:
        row = report.confusion.get(x, {})
        figs = report.per_label.get(x, {})
        conf.add_row(safe_text(x, "bold"), *[str(row.get(y, 0)) for y in report.labels],
                     _f(figs.get("specific_agreement")))
    tables.append(conf)
    return tables
