"""Read queries shared by the pages and the JSON API, so both show the same numbers."""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Float, Select, cast, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from harga.storage.tables import (
    BenchmarkSnapshotRow,
    ChangeEventRow,
    CreatorRow,
    DiscrepancyRow,
    ModelFactRow,
    ModelRow,
    ObservationRow,
    OfferingRow,
    PriceFactRow,
    SellerRow,
    SourceRow,
)


class SortKey(StrEnum):
    NAME = "name"
    CREATOR = "creator"
    INPUT = "input"
    OUTPUT = "output"
    CONTEXT = "context"
    OFFERS = "offers"


class SortOrder(StrEnum):
    ASC = "asc"
    DESC = "desc"


@dataclass(frozen=True)
class ModelFilters:
    """The list's filters; every field is also a URL query parameter."""

    q: str | None = None
    creator: str | None = None
    capability: str | None = None
    modality: str | None = None
    max_input_mtok: Decimal | None = None
    min_context: int | None = None
    sort: SortKey = SortKey.NAME
    order: SortOrder = SortOrder.ASC
    limit: int = 50
    offset: int = 0


@dataclass
class ModelListPage:
    items: list[ModelRow]
    total: int
    creators: dict[str, str]


def list_models(session: Session, filters: ModelFilters) -> ModelListPage:
    query = _filtered(select(ModelRow), filters)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    ordered = query.order_by(*_ordering(session, filters)).limit(filters.limit)
    items = list(session.scalars(ordered.offset(filters.offset)))
    creators = {row.id: row.name for row in session.scalars(select(CreatorRow))}
    return ModelListPage(items, total, creators)


def creator_choices(session: Session) -> list[tuple[str, str, int]]:
    """Return every creator with its model count, most models first."""
    query = (
        select(CreatorRow.id, CreatorRow.name, func.count(ModelRow.id))
        .join(ModelRow, ModelRow.creator_id == CreatorRow.id)
        .group_by(CreatorRow.id, CreatorRow.name)
        .order_by(func.count(ModelRow.id).desc(), CreatorRow.id)
    )
    return [(row[0], row[1], row[2]) for row in session.execute(query)]


def _filtered(query: Select[Any], filters: ModelFilters) -> Select[Any]:
    if filters.q:
        for word in filters.q.lower().split():
            query = query.where(ModelRow.search_text.contains(word, autoescape=True))
    if filters.creator:
        query = query.where(ModelRow.creator_id == filters.creator)
    if filters.capability:
        query = query.where(_has_fact(filters.capability, ModelFactRow.value_json == "true"))
    if filters.modality:
        needle = json.dumps(filters.modality)
        query = query.where(
            _has_fact("input_modalities", ModelFactRow.value_json.contains(needle, autoescape=True))
        )
    if filters.min_context is not None:
        query = query.where(ModelRow.context_window >= filters.min_context)
    if filters.max_input_mtok is not None:
        query = query.where(ModelRow.input_mtok.is_not(None))
        query = query.where(_sortable(ModelRow.input_mtok) <= float(filters.max_input_mtok))
    return query


def _has_fact(key: str, condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return (
        select(ModelFactRow.id)
        .where(ModelFactRow.model_id == ModelRow.id, ModelFactRow.key == key, condition)
        .exists()
    )


def _sortable(column: Any) -> Any:
    # SQLite keeps exact decimals as text, so sorting and the price filter compare a float copy.
    # NOTE: two prices closer than a float can tell apart may sort in either order; every amount
    # shown still comes from the exact text.
    return cast(column, Float)


def _ordering(session: Session, filters: ModelFilters) -> list[Any]:
    columns = {
        # Sorted by lower() because SQLite's default collation, and PostgreSQL's C collation,
        # put every capital letter before every small one.
        SortKey.NAME: func.lower(ModelRow.display_name),
        SortKey.CREATOR: ModelRow.creator_id,
        SortKey.INPUT: _sortable(ModelRow.input_mtok),
        SortKey.OUTPUT: _sortable(ModelRow.output_mtok),
        SortKey.CONTEXT: ModelRow.context_window,
        SortKey.OFFERS: ModelRow.offer_count,
    }
    column = columns[filters.sort]
    direction = column.desc() if filters.order is SortOrder.DESC else column.asc()
    return [direction.nulls_last(), ModelRow.id]


@dataclass
class ModelRecords:
    """Everything stored about one model, as rows; `views.model_document` shapes it."""

    model: ModelRow
    creator_name: str
    offerings: list[OfferingRow]
    seller_names: dict[str, str]
    prices: dict[int, list[PriceFactRow]]
    facts: dict[str, ModelFactRow]
    discrepancies: list[DiscrepancyRow]
    benchmarks: list[BenchmarkSnapshotRow]
    changes: list[ChangeEventRow]
    observations: dict[int, ObservationRow]
    sources: dict[str, SourceRow]
    evidence_count: int = 0
    offering_by_id: dict[int, OfferingRow] = field(default_factory=dict)


def get_model_records(session: Session, model_id: str) -> ModelRecords | None:
    model = session.get(ModelRow, model_id)
    if model is None:
        return None
    creator = session.get(CreatorRow, model.creator_id)
    offerings = list(session.scalars(select(OfferingRow).where(OfferingRow.model_id == model_id)))
    prices = _prices_by_offering(session, [o.id for o in offerings])
    facts = {
        row.key: row
        for row in session.scalars(select(ModelFactRow).where(ModelFactRow.model_id == model_id))
    }
    observations = _current_observations(session, model_id)
    _add_referenced_observations(session, observations, prices, facts)

    return ModelRecords(
        model=model,
        creator_name=creator.name if creator else model.creator_id,
        offerings=offerings,
        seller_names=_seller_names(session, {o.seller_id for o in offerings}),
        prices=prices,
        facts=facts,
        discrepancies=_discrepancies_of(session, model_id),
        benchmarks=list(
            session.scalars(
                select(BenchmarkSnapshotRow).where(BenchmarkSnapshotRow.model_id == model_id)
            )
        ),
        changes=_changes_of(session, model_id),
        observations=observations,
        sources={row.id: row for row in session.scalars(select(SourceRow))},
        evidence_count=len(observations),
        offering_by_id={o.id: o for o in offerings},
    )


def _prices_by_offering(session: Session, offering_ids: list[int]) -> dict[int, list[PriceFactRow]]:
    prices: dict[int, list[PriceFactRow]] = defaultdict(list)
    price_rows = session.scalars(
        select(PriceFactRow).where(PriceFactRow.offering_id.in_(offering_ids))
    )
    for row in price_rows:
        prices[row.offering_id].append(row)
    return prices


def _current_observations(session: Session, model_id: str) -> dict[int, ObservationRow]:
    return {
        row.id: row
        for row in session.scalars(
            select(ObservationRow).where(
                ObservationRow.model_id == model_id,
                ObservationRow.run_id.in_(_current_run_ids(session)),
            )
        )
    }


def _discrepancies_of(session: Session, model_id: str) -> list[DiscrepancyRow]:
    return list(
        session.scalars(
            select(DiscrepancyRow)
            .where(DiscrepancyRow.model_id == model_id)
            .order_by(DiscrepancyRow.id)
        )
    )


def _changes_of(session: Session, model_id: str) -> list[ChangeEventRow]:
    return list(
        session.scalars(
            select(ChangeEventRow)
            .where(ChangeEventRow.model_id == model_id)
            .order_by(ChangeEventRow.detected_at.desc(), ChangeEventRow.id.desc())
            .limit(200)
        )
    )


def _current_run_ids(session: Session) -> list[int]:
    rows = session.scalars(
        select(SourceRow.current_run_id).where(SourceRow.current_run_id.is_not(None))
    )
    return [r for r in rows if r is not None]


def _add_referenced_observations(
    session: Session,
    observations: dict[int, ObservationRow],
    prices: dict[int, list[PriceFactRow]],
    facts: dict[str, ModelFactRow],
) -> None:
    """Load evidence that a held price still cites from an earlier run."""
    wanted: set[int] = set()
    for rows in prices.values():
        for row in rows:
            wanted.update(json.loads(row.evidence_ids))
    for fact_row in facts.values():
        wanted.update(json.loads(fact_row.evidence_ids))
    missing = wanted - observations.keys()
    if missing:
        query = select(ObservationRow).where(ObservationRow.id.in_(missing))
        for observation in session.scalars(query):
            observations[observation.id] = observation


def _seller_names(session: Session, seller_ids: set[str]) -> dict[str, str]:
    rows = session.scalars(select(SellerRow).where(SellerRow.id.in_(seller_ids)))
    return {row.id: row.name for row in rows}


def list_sources(session: Session) -> list[SourceRow]:
    return list(session.scalars(select(SourceRow).order_by(SourceRow.kind, SourceRow.id)))
