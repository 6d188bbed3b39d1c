"""Queries behind the change feed, the discrepancy list and the bulk exports."""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from harga.storage.tables import (
    ChangeEventRow,
    DiscrepancyRow,
    ModelFactRow,
    ModelRow,
    OfferingRow,
    PriceFactRow,
)


def list_changes(session: Session, limit: int, offset: int) -> tuple[list[ChangeEventRow], int]:
    total = session.scalar(select(func.count()).select_from(ChangeEventRow)) or 0
    rows = session.scalars(
        select(ChangeEventRow)
        .order_by(ChangeEventRow.detected_at.desc(), ChangeEventRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(rows), total


def list_discrepancies(
    session: Session, limit: int, offset: int
) -> tuple[list[tuple[DiscrepancyRow, str | None]], int]:
    """Return discrepancies with the seller of their offering (None for model facts)."""
    total = session.scalar(select(func.count()).select_from(DiscrepancyRow)) or 0
    query = (
        select(DiscrepancyRow, OfferingRow.seller_id)
        .outerjoin(OfferingRow, DiscrepancyRow.offering_id == OfferingRow.id)
        .order_by(DiscrepancyRow.model_id, DiscrepancyRow.id)
        .limit(limit)
        .offset(offset)
    )
    return [(row[0], row[1]) for row in session.execute(query)], total


@dataclass(frozen=True)
class ExportRow:
    """One published price, flat, as the CSV and JSON exports carry it."""

    model_id: str
    creator: str
    seller: str
    official: bool
    variant: str
    dimension: str
    scenario: str
    state: str
    status: str
    amount: Decimal | None
    unit: str
    native_amount: Decimal | None
    native_currency: str | None
    effective_from: date | None
    effective_to: date | None
    stale: bool
    evidence_count: int


def export_rows(session: Session) -> Iterator[ExportRow]:
    query = (
        select(PriceFactRow, OfferingRow, ModelRow.creator_id)
        .join(OfferingRow, PriceFactRow.offering_id == OfferingRow.id)
        .join(ModelRow, OfferingRow.model_id == ModelRow.id)
        .order_by(OfferingRow.model_id, OfferingRow.seller_id, OfferingRow.variant, PriceFactRow.id)
    )
    for fact, offering, creator in session.execute(query):
        yield ExportRow(
            model_id=offering.model_id,
            creator=creator,
            seller=offering.seller_id,
            official=offering.official,
            variant=offering.variant,
            dimension=fact.dimension,
            scenario=fact.conditions_key,
            state=fact.state,
            status=fact.status,
            amount=fact.amount,
            unit=fact.unit,
            native_amount=fact.native_amount,
            native_currency=fact.native_currency,
            effective_from=fact.effective_from,
            effective_to=fact.effective_to,
            stale=fact.stale,
            evidence_count=len(json.loads(fact.evidence_ids)),
        )


def model_limits(session: Session) -> dict[str, dict[str, str | None]]:
    """Return each model's published context window and max output, as JSON text values."""
    query = select(ModelFactRow.model_id, ModelFactRow.key, ModelFactRow.value_json).where(
        ModelFactRow.key.in_(("context_window", "max_output_tokens", "mode"))
    )
    limits: dict[str, dict[str, str | None]] = {}
    for model_id, key, value in session.execute(query):
        limits.setdefault(model_id, {})[key] = value
    return limits
