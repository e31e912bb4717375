"""Alembic environment: the connection is handed in by ``workbench.store.database.upgrade``."""

from alembic import context

from workbench.store.models import SQLModel

target_metadata = SQLModel.metadata
connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only used through upgrade()
    raise RuntimeError("run migrations through workbench.store.database.upgrade()")
context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
