"""carer preferences, carer alerts and invite attempts

Revision ID: 0005_carers
Revises: 0004_checkin
Create Date: 2026-11-24 01:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_carers"
down_revision: str | None = "0004_checkin"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "carer_prefs",
        sa.Column("patient_id", BigId, nullable=False),
        sa.Column("primary_after_minutes", sa.Integer(), nullable=False),
        sa.Column("all_after_minutes", sa.Integer(), nullable=False),
        sa.Column("share_symptoms", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["users.id"], name=op.f("fk_carer_prefs_patient_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("patient_id", name=op.f("pk_carer_prefs")),
    )
    op.create_table(
        "carer_alerts",
        sa.Column("id", BigId, nullable=False),
        sa.Column("patient_id", BigId, nullable=False),
        sa.Column("carer_id", BigId, nullable=False),
        sa.Column("link_id", BigId, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref_id", sa.BigInteger(), nullable=True),
        sa.Column("dedupe_key", sa.String(length=120), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["users.id"], name=op.f("fk_carer_alerts_patient_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["carer_id"], ["users.id"], name=op.f("fk_carer_alerts_carer_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["link_id"], ["carer_links.id"], name=op.f("fk_carer_alerts_link_id_carer_links"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carer_alerts")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_carer_alerts_dedupe_key")),
    )
    with op.batch_alter_table("carer_alerts", schema=None) as batch_op:
        batch_op.create_index("ix_carer_alerts_kind_ref", ["kind", "ref_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_carer_alerts_patient_id"), ["patient_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_carer_alerts_carer_id"), ["carer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_carer_alerts_link_id"), ["link_id"], unique=False)
    op.create_table(
        "invite_attempts",
        sa.Column("id", BigId, nullable=False),
        sa.Column("user_id", BigId, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_invite_attempts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invite_attempts")),
    )
    with op.batch_alter_table("invite_attempts", schema=None) as batch_op:
        batch_op.create_index("ix_invite_attempts_user_at", ["user_id", "created_at"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("invite_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_invite_attempts_user_at")
    op.drop_table("invite_attempts")
    with op.batch_alter_table("carer_alerts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_carer_alerts_link_id"))
        batch_op.drop_index(batch_op.f("ix_carer_alerts_carer_id"))
        batch_op.drop_index(batch_op.f("ix_carer_alerts_patient_id"))
        batch_op.drop_index("ix_carer_alerts_kind_ref")
    op.drop_table("carer_alerts")
    op.drop_table("carer_prefs")
