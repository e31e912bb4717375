"""team review: a unique uid per annotation (exactly-once merges) and adjudications

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 06:00:00
"""
import uuid

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the column arrives nullable, existing rows get a uid, then it becomes NOT NULL + unique
    with op.batch_alter_table('annotation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('uid', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    conn = op.get_bind()
    ids = conn.execute(sa.text("SELECT id FROM annotation WHERE uid IS NULL")).scalars().all()
    if ids:
        conn.execute(sa.text("UPDATE annotation SET uid = :uid WHERE id = :id"),
                     [{"uid": uuid.uuid4().hex, "id": i} for i in ids])
    with op.batch_alter_table('annotation', schema=None) as batch_op:
        batch_op.alter_column('uid', existing_type=sqlmodel.sql.sqltypes.AutoString(), nullable=False)
        batch_op.create_index(batch_op.f('ix_annotation_uid'), ['uid'], unique=True)

    op.create_table('adjudication',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('adjudicator_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('rule', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('uid', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['adjudicator_id'], ['reviewer.id'], ),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('adjudication', schema=None) as batch_op:
        batch_op.create_index('ix_adjudication_candidate', ['candidate_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_adjudication_uid'), ['uid'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('adjudication', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_adjudication_uid'))
        batch_op.drop_index('ix_adjudication_candidate')
    op.drop_table('adjudication')
    with op.batch_alter_table('annotation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_annotation_uid'))
        batch_op.drop_column('uid')
