"""the label model trained on the reviewers' decisions (issue 14), kept in the database

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 10:30:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('labelmodel',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('decisions', sa.Integer(), nullable=False),
    sa.Column('last_annotation', sa.Integer(), nullable=False),
    sa.Column('beats_rules', sa.Boolean(), nullable=False),
    sa.Column('metrics', sa.Text(), nullable=False),
    sa.Column('blob', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('labelmodel')
