"""The database schema. Alembic migrations in `storage/migrations` are the only way it changes."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from harga.storage.types import ExactDecimal, UtcDateTime


class Base(DeclarativeBase):
    pass


class CreatorRow(Base):
    __tablename__ = "creators"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class ModelRow(Base):
    __tablename__ = "models"

    id: Mapped[str] = mapped_column(String(300), primary_key=True)  # "creator/name"
    creator_id: Mapped[str] = mapped_column(ForeignKey("creators.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    display_name: Mapped[str] = mapped_column(String(300))
    # Headline figures copied from the official (else cheapest) offer at publish time, so the
    # list page can filter and sort in SQL. The model page reads the facts themselves.
    input_mtok: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    output_mtok: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    context_window: Mapped[int | None] = mapped_column(Integer)
    offer_count: Mapped[int] = mapped_column(Integer, default=0)
    search_text: Mapped[str] = mapped_column(Text, default="")
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class SellerRow(Base):
    __tablename__ = "sellers"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class OfferingRow(Base):
    __tablename__ = "offerings"
    __table_args__ = (UniqueConstraint("model_id", "seller_id", "variant", "region"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    model_id: Mapped[str] = mapped_column(ForeignKey("models.id"), index=True)
    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id"), index=True)
    variant: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    official: Mapped[bool] = mapped_column(Boolean, default=False)


class DimensionRow(Base):
    __tablename__ = "dimensions"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    unit: Mapped[str] = mapped_column(String(30))
    usage_field: Mapped[str] = mapped_column(String(50))
    label_id: Mapped[str] = mapped_column(String(100))
    label_en: Mapped[str] = mapped_column(String(100))
    label_zh: Mapped[str] = mapped_column(String(100))
    sort_order: Mapped[int] = mapped_column(Integer)


class SourceRow(Base):
    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    url: Mapped[str] = mapped_column(Text)
    own_seller: Mapped[str | None] = mapped_column(String(100))
    current_run_id: Mapped[int | None] = mapped_column(Integer)
    last_run_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_success_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    stale: Mapped[bool] = mapped_column(Boolean, default=False)
    last_error: Mapped[str | None] = mapped_column(Text)
    items_seen: Mapped[int] = mapped_column(Integer, default=0)
    items_changed: Mapped[int] = mapped_column(Integer, default=0)
    items_failed: Mapped[int] = mapped_column(Integer, default=0)


class SourceRunRow(Base):
    __tablename__ = "source_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    status: Mapped[str] = mapped_column(String(20))  # ok, unchanged, failed
    observed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    items_seen: Mapped[int] = mapped_column(Integer, default=0)
    items_changed: Mapped[int] = mapped_column(Integer, default=0)
    items_failed: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)


class RawDocumentRow(Base):
    __tablename__ = "raw_documents"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    url: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime())
    size_bytes: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class RunDocumentRow(Base):
    """The documents one run read; a source run can read several files."""

    __tablename__ = "run_documents"

    run_id: Mapped[int] = mapped_column(ForeignKey("source_runs.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("raw_documents.sha256"), primary_key=True)


class ObservationRow(Base):
    """One evidence row. Rows are only ever inserted."""

    __tablename__ = "observations"
    __table_args__ = (Index("ix_observations_run_model", "run_id", "model_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("source_runs.id"))
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    raw_sha256: Mapped[str] = mapped_column(ForeignKey("raw_documents.sha256"))
    url: Mapped[str] = mapped_column(Text)
    cited_url: Mapped[str | None] = mapped_column(Text)
    domain: Mapped[str] = mapped_column(String(200))
    observed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    upstream_model_id: Mapped[str] = mapped_column(String(300))
    upstream_seller: Mapped[str] = mapped_column(String(100))
    model_id: Mapped[str] = mapped_column(String(300), index=True)
    seller_id: Mapped[str] = mapped_column(String(100))
    variant: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(10))  # price, fact or benchmark
    field: Mapped[str] = mapped_column(String(100))
    conditions_key: Mapped[str] = mapped_column(String(300), default="")
    conditions_json: Mapped[str] = mapped_column(Text, default="{}")
    state: Mapped[str | None] = mapped_column(String(20))
    captured: Mapped[str] = mapped_column(Text)
    value_json: Mapped[str | None] = mapped_column(Text)  # facts
    amount: Mapped[Decimal | None] = mapped_column(ExactDecimal())  # as the source states it
    source_unit: Mapped[str | None] = mapped_column(String(30))
    currency: Mapped[str | None] = mapped_column(String(3))
    # The stated amount converted to the dimension's unit, still in `currency`.
    amount_published: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    excerpt: Mapped[str] = mapped_column(Text)


class PriceFactRow(Base):
    """A published price: offering × dimension × conditions, with state and support status."""

    __tablename__ = "price_facts"
    __table_args__ = (UniqueConstraint("offering_id", "dimension", "conditions_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    offering_id: Mapped[int] = mapped_column(ForeignKey("offerings.id"), index=True)
    dimension: Mapped[str] = mapped_column(ForeignKey("dimensions.key"))
    conditions_key: Mapped[str] = mapped_column(String(300), default="")
    conditions_json: Mapped[str] = mapped_column(Text, default="{}")
    effective_from: Mapped[date | None] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal | None] = mapped_column(ExactDecimal())  # USD in the dimension unit
    unit: Mapped[str] = mapped_column(String(30))
    native_amount: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    native_currency: Mapped[str | None] = mapped_column(String(3))
    # The ECB rate that turned the native amount into USD, when the native currency is not USD.
    fx_rate: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    fx_date: Mapped[date | None] = mapped_column(Date)
    stale: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence_ids: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of observation ids


class ModelFactRow(Base):
    __tablename__ = "model_facts"
    __table_args__ = (UniqueConstraint("model_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    model_id: Mapped[str] = mapped_column(ForeignKey("models.id"), index=True)
    key: Mapped[str] = mapped_column(String(50))
    value_json: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    evidence_ids: Mapped[str] = mapped_column(Text, default="[]")


class DiscrepancyRow(Base):
    __tablename__ = "discrepancies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    model_id: Mapped[str] = mapped_column(ForeignKey("models.id"), index=True)
    offering_id: Mapped[int | None] = mapped_column(ForeignKey("offerings.id"))
    kind: Mapped[str] = mapped_column(String(10))  # price or fact
    field: Mapped[str] = mapped_column(String(50))
    conditions_key: Mapped[str] = mapped_column(String(300), default="")
    published_json: Mapped[str | None] = mapped_column(Text)
    # JSON list of {"source", "value", "observation_ids"}, one per distinct value.
    values_json: Mapped[str] = mapped_column(Text)
    detected_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ChangeEventRow(Base):
    __tablename__ = "change_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    detected_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    model_id: Mapped[str] = mapped_column(String(300), index=True)
    seller_id: Mapped[str] = mapped_column(String(100))
    dimension: Mapped[str] = mapped_column(String(50))
    conditions_key: Mapped[str] = mapped_column(String(300), default="")
    before_state: Mapped[str | None] = mapped_column(String(20))
    before_amount: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    after_state: Mapped[str] = mapped_column(String(20))
    after_amount: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    before_evidence_ids: Mapped[str] = mapped_column(Text, default="[]")
    after_evidence_ids: Mapped[str] = mapped_column(Text, default="[]")
    held_for_review: Mapped[bool] = mapped_column(Boolean, default=False)


class BenchmarkSnapshotRow(Base):
    __tablename__ = "benchmark_snapshots"
    __table_args__ = (UniqueConstraint("model_id", "benchmark", "source_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    model_id: Mapped[str] = mapped_column(String(300), index=True)
    benchmark: Mapped[str] = mapped_column(String(100))  # e.g. artificial_analysis
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    url: Mapped[str] = mapped_column(Text)
    observed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    figures_json: Mapped[str] = mapped_column(Text)
    observation_ids: Mapped[str] = mapped_column(Text, default="[]")


class FxRateRow(Base):
    __tablename__ = "fx_rates"

    rate_date: Mapped[date] = mapped_column(Date, primary_key=True)
    base: Mapped[str] = mapped_column(String(3), primary_key=True)
    quote: Mapped[str] = mapped_column(String(3), primary_key=True)
    rate: Mapped[Decimal] = mapped_column(ExactDecimal())
    source_id: Mapped[str] = mapped_column(String(100))


class RunLockRow(Base):
    """A row exists while a collection run holds the lock; it keeps two runs from overlapping."""

    __tablename__ = "run_locks"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    acquired_at: Mapped[datetime] = mapped_column(UtcDateTime())
