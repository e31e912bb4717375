"""Storage: SQLModel tables, engine and sessions, migrations, queries."""

from workbench.store.database import make_engine, resolve_db_url, session
from workbench.store.models import Annotation, Article, Candidate, Reviewer

__all__ = ["Annotation", "Article", "Candidate", "Reviewer", "make_engine", "resolve_db_url", "session"]
