"""Use cases: what the command line, the review app and ``workbench serve`` call. Each module
is one area of the application and composes the layers below it: ``workbench.formats`` (files),
``workbench.store`` (persistence), ``workbench.claims`` and ``workbench.linking`` (pure rules).

- ``review``: what a reviewer reads and does (decide, accept, undo / redo, notes, source and
  span edits, add a claim, twins' suggestions);
- ``team``: every reviewer's decisions, disagreements, adjudication, gold labels;
- ``similarity``: the corpus similarity index, neighbours' labels, inconsistent groups;
- ``suggestions``: suggestions taken from decided near-duplicates (and their propagation);
- ``importing``: files into the database, with the rules that run after an import;
- ``extraction``: what an import's worker processes run (the extractor, no database);
- ``revisions``: a re-imported article whose text changed, its annotations re-anchored;
- ``exporting``, ``dataset``: datasets out of the database (records, splits, dataset card);
- ``stats``: corpus and review figures.

Nothing here imports the UI (``tests/unit/test_architecture.py``)."""
