"""Persistence only: the SQLModel tables (``models``), the engine and migrations
(``database``, ``migrations/``), named table handles (``tables``), the batching rule for long id
lists (``batching``), the one writer of annotation rows (``annotations``) and the writes of
articles and candidates (``articles``). The use cases that read and write through them are in
``workbench.services``."""

from workbench.store.database import make_engine, resolve_db_url, session
from workbench.store.models import Annotation, Article, Candidate, Reviewer

__all__ = ["Annotation", "Article", "Candidate", "Reviewer", "make_engine", "resolve_db_url", "session"]
