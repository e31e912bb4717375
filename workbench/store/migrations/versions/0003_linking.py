"""linking: article revisions, near-duplicate links, suggestions from neighbours, orphaned claims

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 06:30:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('fingerprint', sa.Text(), nullable=True))
    with op.batch_alter_table('candidate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('orphaned', sa.Boolean(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('revision', sa.Integer(), server_default='1', nullable=False))

    op.create_table('articlerevision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('replaced_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('articlerevision', schema=None) as batch_op:
        batch_op.create_index('ix_articlerevision_article', ['article_id', 'revision'], unique=False)

    op.create_table('articlelink',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('other_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], ),
    sa.ForeignKeyConstraint(['other_id'], ['article.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('articlelink', schema=None) as batch_op:
        batch_op.create_index('ix_articlelink_pair', ['article_id', 'other_id'], unique=True)
        batch_op.create_index(batch_op.f('ix_articlelink_other_id'), ['other_id'], unique=False)

    op.create_table('suggestion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('neighbour_id', sa.Integer(), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('origin', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], ),
    sa.ForeignKeyConstraint(['neighbour_id'], ['candidate.id'], ),
    sa.ForeignKeyConstraint(['reviewer_id'], ['reviewer.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('suggestion', schema=None) as batch_op:
        batch_op.create_index('ix_suggestion_candidate', ['candidate_id', 'id'], unique=False)


def downgrade() -> None:
    op.drop_table('suggestion')
    op.drop_table('articlelink')
    op.drop_table('articlerevision')
    with op.batch_alter_table('candidate', schema=None) as batch_op:
        batch_op.drop_column('revision')
        batch_op.drop_column('orphaned')
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.drop_column('fingerprint')
        batch_op.drop_column('revision')
