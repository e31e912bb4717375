"""The core never imports the UI: importing every core module leaves Textual unloaded, and
the extractor imports neither the database nor the UI."""

import subprocess
import sys

CORE = [
    "workbench.claims",
    "workbench.claims.evaluate",
    "workbench.domain",
    "workbench.store",
    "workbench.store.tables",
    "workbench.store.batching",
    "workbench.store.annotations",
    "workbench.store.articles",
    "workbench.services.review",
    "workbench.services.team",
    "workbench.services.similarity",
    "workbench.services.suggestions",
    "workbench.services.stats",
    "workbench.services.revisions",
    "workbench.services.importing",
    "workbench.services.extraction",
    "workbench.services.exporting",
    "workbench.linking.search",
    "workbench.linking.similar",
    "workbench.linking.neardup",
    "workbench.linking.anchor",
    "workbench.linking.sources",
    "workbench.learning",
    "workbench.agreement",
    "workbench.agreement.tables",
    "workbench.charts",
    "workbench.palette",
    "workbench.formats",
    "workbench.formats.articles",
    "workbench.formats.claims_jsonl",
    "workbench.formats.spans_jsonl",
    "workbench.formats.prodigy",
    "workbench.formats.labelstudio",
    "workbench.formats.doccano",
    "workbench.formats.spacy_docbin",
    "workbench.formats.files",
    "workbench.services.dataset",
    "workbench.cli",
]


def _loaded_after(imports: list[str]) -> set[str]:
    code = "import sys\n" + "".join(f"import {m}\n" for m in imports) + "print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return set(out.split())


def test_core_does_not_import_textual():
    loaded = _loaded_after(CORE)
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


def test_extractor_is_pure():
    loaded = _loaded_after(["workbench.claims"])
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "sqlalchemy", "sqlmodel")}
    assert not {m for m in loaded if m.startswith(("workbench.store", "workbench.tui"))}


def test_linking_is_pure():
    """Fuzzy matching needs no database and no UI (the store calls it, not the other way)."""
    loaded = _loaded_after(["workbench.linking.similar", "workbench.linking.neardup", "workbench.linking.anchor",
                            "workbench.linking.sources", "workbench.agreement"])
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "sqlalchemy", "sqlmodel")}


def test_learning_is_pure():
    """The label model needs no database and no UI, and importing it does not load scikit-learn
    (only encoding, training or reading a model does), so commands that never learn start fast."""
    loaded = _loaded_after(["workbench.learning", "workbench.learning.features", "workbench.learning.model",
                            "workbench.learning.evaluate"])
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "sqlalchemy", "sqlmodel", "sklearn")}
    assert not {m for m in loaded if m.startswith(("workbench.store", "workbench.tui", "workbench.services",
                                                   "workbench.formats"))}


def test_store_is_persistence_only():
    """The store knows tables, not use cases or files: nothing of ``services`` or ``formats``."""
    loaded = _loaded_after(["workbench.store", "workbench.store.tables", "workbench.store.batching",
                            "workbench.store.annotations", "workbench.store.articles"])
    assert not {m for m in loaded if m.startswith(("workbench.services", "workbench.formats", "workbench.tui"))}


def test_the_faces_go_through_the_services():
    """The review app reads and writes through ``workbench.services``, never ``workbench.store``."""
    from pathlib import Path

    tui = Path(__file__).resolve().parents[2] / "workbench" / "tui"
    offenders = [p.name for p in tui.rglob("*.py") if "workbench.store" in p.read_text(encoding="utf-8")]
    assert offenders == []
