"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import harga.storage.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "change_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("detected_at", harga.storage.types.UtcDateTime(), nullable=False),
        sa.Column("model_id", sa.String(length=300), nullable=False),
        sa.Column("seller_id", sa.String(length=100), nullable=False),
        sa.Column("dimension", sa.String(length=50), nullable=False),
        sa.Column("conditions_key", sa.String(length=300), nullable=False),
        sa.Column("before_state", sa.String(length=20), nullable=True),
        sa.Column("before_amount", harga.storage.types.ExactDecimal(), nullable=True),
        sa.Column("after_state", sa.String(length=20), nullable=False),
        sa.Column("after_amount", harga.storage.types.ExactDecimal(), nullable=True),
        sa.Column("before_evidence_ids", sa.Text(), nullable=False),
        sa.Column("after_evidence_ids", sa.Text(), nullable=False),
        sa.Column("held_for_review", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("change_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_change_events_detected_at"), ["detected_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_change_events_model_id"), ["model_id"], unique=False)

    op.create_table(
        "creators",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "dimensions",
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("unit", sa.String(length=30), nullable=False),
        sa.Column("usage_field", sa.String(length=50), nullable=False),
        sa.Column("label_id", sa.String(length=100), nullable=False),
        sa.Column("label_en", sa.String(length=100), nullable=False),
        sa.Column("label_zh", sa.String(length=100), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "fx_rates",
        sa.Column("rate_date", sa.Date(), nullable=False),
        sa.Column("base", sa.String(length=3), nullable=False),
        sa.Column("quote", sa.String(length=3), nullable=False),
        sa.Column("rate", harga.storage.types.ExactDecimal(), nullable=False),
        sa.Column("source_id", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("rate_date", "base", "quote"),
    )
    op.create_table(
        "run_locks",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("acquired_at", harga.storage.types.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "sellers",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("current_run_id", sa.Integer(), nullable=True),
        sa.Column("last_run_at", harga.storage.types.UtcDateTime(), nullable=True),
        sa.Column("last_success_at", harga.storage.types.UtcDateTime(), nullable=True),
        sa.Column("stale", sa.Boolean(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("items_seen", sa.Integer(), nullable=False),
        sa.Column("items_changed", sa.Integer(), nullable=False),
        sa.Column("items_failed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "benchmark_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.String(length=300), nullable=False),
        sa.Column("benchmark", sa.String(length=100), nullable=False),
        sa.Column("source_id", sa.String(length=100), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("observed_at", harga.storage.types.UtcDateTime(), nullable=False),
        sa.Column("figures_json", sa.Text(), nullable=False),
        sa.Column("observation_ids", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("model_id", "benchmark", "source_id"),
    )
    with op.batch_alter_table("benchmark_snapshots", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_benchmark_snapshots_model_id"), ["model_id"], unique=False
        )

    op.create_table(
        "models",
        sa.Column("id", sa.String(length=300), nullable=False),
        sa.Column("creator_id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("display_name", sa.String(length=300), nullable=False),
        sa.Column("input_mtok", harga.storage.types.ExactDecimal(), nullable=True),
        sa.Column("output_mtok", harga.storage.types.ExactDecimal(), nullable=True),
        sa.Column("context_window", sa.Integer(), nullable=True),
        sa.Column("offer_count", sa.Integer(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("confirmed_at", harga.storage.types.UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["creators.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("models", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_models_creator_id"), ["creator_id"], unique=False)

    op.create_table(
        "raw_documents",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("source_id", sa.String(length=100), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("fetched_at", harga.storage.types.UtcDateTime(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("sha256"),
    )
    with op.batch_alter_table("raw_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_raw_documents_source_id"), ["source_id"], unique=False)

    op.create_table(
        "source_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(length=100), nullable=False),
        sa.Column("started_at", harga.storage.types.UtcDateTime(), nullable=False),
        sa.Column("finished_at", harga.storage.types.UtcDateTime(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("observed_at", harga.storage.types.UtcDateTime(), nullable=True),
        sa.Column("items_seen", sa.Integer(), nullable=False),
        sa.Column("items_changed", sa.Integer(), nullable=False),
        sa.Column("items_failed", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("source_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_runs_source_id"), ["source_id"], unique=False)

    op.create_table(
        "model_facts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.String(length=300), nullable=False),
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("evidence_ids", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"],
            ["models.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("model_id", "key"),
    )
    with op.batch_alter_table("model_facts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_model_facts_model_id"), ["model_id"], unique=False)

    op.create_table(
        "observations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(length=100), nullable=False),
        sa.Column("raw_sha256", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("cited_url", sa.Text(), nullable=True),
        sa.Column("domain", sa.String(length=200), nullable=False),
        sa.Column("observed_at", harga.storage.types.UtcDateTime(), nullable=False),
        sa.Column("upstream_model_id", sa.String(length=300), nullable=False),
        sa.Column("upstream_seller", sa.String(length=100), nullable=False),
        sa.Column("model_id", sa.String(length=300), nullable=False),
        sa.Column("seller_id", sa.String(length=100), nullable=False),
        sa.Column("variant", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("conditions_key", sa.String(length=300), nullable=False),
        sa.Column("conditions_json", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=True),
        sa.Column("captured", sa.Text(), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=True),
        sa.Column("amount", harga.storage.types.ExactDecimal(), nullable=True),
        sa.Column("source_unit", sa.String(length=30), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("amount_published", harga.storage.types.ExactDecimal(), nullable=True),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["raw_sha256"],
            ["raw_documents.sha256"],
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["source_runs.id"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_observations_model_id"), ["model_id"], unique=False)
        batch_op.create_index("ix_observations_run_model", ["run_id", "model_id"], unique=False)

    op.create_table(
        "offerings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.String(length=300), nullable=False),
        sa.Column("seller_id", sa.String(length=100), nullable=False),
        sa.Column("variant", sa.String(length=100), nullable=False),
        sa.Column("region", sa.String(length=100), nullable=False),
        sa.Column("official", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"],
            ["models.id"],
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["sellers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("model_id", "seller_id", "variant", "region"),
    )
    with op.batch_alter_table("offerings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_offerings_model_id"), ["model_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_offerings_seller_id"), ["seller_id"], unique=False)

    op.create_table(
        "run_documents",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["source_runs.id"],
        ),
        sa.ForeignKeyConstraint(
            ["sha256"],
            ["raw_documents.sha256"],
        ),
        sa.PrimaryKeyConstraint("run_id", "sha256"),
    )
    op.create_table(
        "discrepancies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.String(length=300), nullable=False),
        sa.Column("offering_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("field", sa.String(length=50), nullable=False),
        sa.Column("conditions_key", sa.String(length=300), nullable=False),
        sa.Column("published_json", sa.Text(), nullable=True),
        sa.Column("values_json", sa.Text(), nullable=False),
        sa.Column("detected_at", harga.storage.types.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"],
            ["models.id"],
        ),
        sa.ForeignKeyConstraint(
            ["offering_id"],
            ["offerings.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("discrepancies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_discrepancies_model_id"), ["model_id"], unique=False)

    op.create_table(
        "price_facts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offering_id", sa.Integer(), nullable=False),
        sa.Column("dimension", sa.String(length=50), nullable=False),
        sa.Column("conditions_key", sa.String(length=300), nullable=False),
        sa.Column("conditions_json", sa.Text(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=True),
        sa.Column("effective_to", sa.Date(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("amount", harga.storage.types.ExactDecimal(), nullable=True),
        sa.Column("unit", sa.String(length=30), nullable=False),
        sa.Column("native_amount", harga.storage.types.ExactDecimal(), nullable=True),
        sa.Column("native_currency", sa.String(length=3), nullable=True),
        sa.Column("fx_rate", harga.storage.types.ExactDecimal(), nullable=True),
        sa.Column("fx_date", sa.Date(), nullable=True),
        sa.Column("stale", sa.Boolean(), nullable=False),
        sa.Column("evidence_ids", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dimension"],
            ["dimensions.key"],
        ),
        sa.ForeignKeyConstraint(
            ["offering_id"],
            ["offerings.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("offering_id", "dimension", "conditions_key"),
    )
    with op.batch_alter_table("price_facts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_price_facts_offering_id"), ["offering_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("price_facts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_price_facts_offering_id"))

    op.drop_table("price_facts")
    with op.batch_alter_table("discrepancies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_discrepancies_model_id"))

    op.drop_table("discrepancies")
    op.drop_table("run_documents")
    with op.batch_alter_table("offerings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offerings_seller_id"))
        batch_op.drop_index(batch_op.f("ix_offerings_model_id"))

    op.drop_table("offerings")
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index("ix_observations_run_model")
        batch_op.drop_index(batch_op.f("ix_observations_model_id"))

    op.drop_table("observations")
    with op.batch_alter_table("model_facts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_model_facts_model_id"))

    op.drop_table("model_facts")
    with op.batch_alter_table("source_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_runs_source_id"))

    op.drop_table("source_runs")
    with op.batch_alter_table("raw_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_raw_documents_source_id"))

    op.drop_table("raw_documents")
    with op.batch_alter_table("models", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_models_creator_id"))

    op.drop_table("models")
    with op.batch_alter_table("benchmark_snapshots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_benchmark_snapshots_model_id"))

    op.drop_table("benchmark_snapshots")
    op.drop_table("sources")
    op.drop_table("sellers")
    op.drop_table("run_locks")
    op.drop_table("fx_rates")
    op.drop_table("dimensions")
    op.drop_table("creators")
    with op.batch_alter_table("change_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_events_model_id"))
        batch_op.drop_index(batch_op.f("ix_change_events_detected_at"))

    op.drop_table("change_events")
