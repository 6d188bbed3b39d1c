"""Publishing: replace the published tables with a new publication in one transaction.

Readers see the old publication until the commit and the new one after it, never a mix.
"""

import json
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from harga.domain.dimensions import DIMENSIONS
from harga.domain.states import PriceState, SupportStatus
from harga.reconcile.build import (
    ModelSummary,
    OfferingKey,
    Publication,
    PublishedPrice,
    positions_json,
    unit_of,
)
from harga.reconcile.choose import Choice
from harga.reconcile.fx import FxTable
from harga.reconcile.records import EvidenceRecord
from harga.storage.tables import (
    BenchmarkSnapshotRow,
    ChangeEventRow,
    CreatorRow,
    DimensionRow,
    DiscrepancyRow,
    FxRateRow,
    ModelFactRow,
    ModelRow,
    ObservationRow,
    OfferingRow,
    PriceFactRow,
    SellerRow,
    SourceRow,
)

# A price that moves by more than this fraction on the word of one non-official source is held
# for review: the old value stays published until a second or an official source confirms it.
REVIEW_JUMP_FRACTION = Decimal("0.5")

_BATCH = 5_000


def load_evidence(session: Session) -> Iterator[EvidenceRecord]:
    """Yield the observations of every source's current run."""
    sources = {row.id: row for row in session.scalars(select(SourceRow))}
    run_ids = [s.current_run_id for s in sources.values() if s.current_run_id is not None]
    if not run_ids:
        return
    columns = (
        ObservationRow.id,
        ObservationRow.source_id,
        ObservationRow.model_id,
        ObservationRow.seller_id,
        ObservationRow.variant,
        ObservationRow.kind,
        ObservationRow.field,
        ObservationRow.conditions_json,
        ObservationRow.state,
        ObservationRow.amount_published,
        ObservationRow.currency,
        ObservationRow.value_json,
        ObservationRow.observed_at,
    )
    query = (
        select(*columns)
        .where(ObservationRow.run_id.in_(run_ids), ObservationRow.kind != "fx_rate")
        .order_by(ObservationRow.id)
    )
    for row in session.execute(query):
        source = sources[row.source_id]
        yield EvidenceRecord(
            id=row.id,
            source=row.source_id,
            official_source=source.kind == "official" or source.own_seller == row.seller_id,
            stale_source=source.stale,
            model_id=row.model_id,
            seller=row.seller_id,
            variant=row.variant,
            kind=row.kind,
            field=row.field,
            conditions_json=row.conditions_json,
            state=PriceState(row.state) if row.state else None,
            amount=row.amount_published,
            currency=row.currency,
            value_json=row.value_json,
            observed_at=row.observed_at,
        )


def refresh_fx_rates(session: Session) -> int:
    """Rebuild the rates table from the current reference-rate observations; return the count."""
    sources = session.scalars(
        select(SourceRow.current_run_id).where(
            SourceRow.kind == "fx", SourceRow.current_run_id.is_not(None)
        )
    ).all()
    query = select(
        ObservationRow.source_id,
        ObservationRow.field,
        ObservationRow.conditions_json,
        ObservationRow.amount,
    ).where(ObservationRow.run_id.in_(sources), ObservationRow.kind == "fx_rate")
    rows = {}
    for source_id, quote, conditions_json, rate in session.execute(query):
        day = date.fromisoformat(json.loads(conditions_json)["effective_from"])
        rows[(day, quote)] = {
            "rate_date": day,
            "base": "EUR",
            "quote": quote,
            "rate": rate,
            "source_id": source_id,
        }
    session.execute(delete(FxRateRow))
    _insert(session, FxRateRow, list(rows.values()))
    return len(rows)


def load_fx(session: Session) -> FxTable:
    rates: dict[str, dict[date, Decimal]] = {}
    for row in session.scalars(select(FxRateRow).where(FxRateRow.base == "EUR")):
        rates.setdefault(row.quote, {})[row.rate_date] = row.rate
    return FxTable(rates)


def write_publication(session: Session, publication: Publication, now: datetime) -> int:
    """Replace the published tables; return the number of change events recorded."""
    previous = _previous_prices(session)
    events = _hold_large_jumps_and_diff(publication, previous, now)
    already_held = _held_event_keys(session)
    events = [e for e in events if _event_key(e) not in already_held]
    _clear(session)
    _write_dimensions(session)
    _insert(session, CreatorRow, [{"id": k, "name": v} for k, v in publication.creators.items()])
    _insert(session, SellerRow, [{"id": k, "name": v} for k, v in publication.sellers.items()])
    _insert(session, ModelRow, [_model_row(m) for m in publication.models.values()])
    offering_ids = _write_offerings(session, publication)
    _write_prices(session, publication, offering_ids)
    _write_facts(session, publication)
    _write_discrepancies(session, publication, offering_ids, now)
    _write_benchmarks(session, publication)
    _insert(session, ChangeEventRow, events)
    return len(events)


def _model_row(summary: ModelSummary) -> dict[str, Any]:
    return {
        "id": summary.model_id,
        "creator_id": summary.creator,
        "name": summary.name,
        "display_name": summary.display_name,
        "input_mtok": summary.input_mtok,
        "output_mtok": summary.output_mtok,
        "context_window": summary.context_window,
        "offer_count": summary.offer_count,
        "search_text": summary.search_text,
        "confirmed_at": summary.confirmed_at,
    }


def _clear(session: Session) -> None:
    for table in (
        DiscrepancyRow,
        PriceFactRow,
        ModelFactRow,
        BenchmarkSnapshotRow,
        OfferingRow,
        ModelRow,
        SellerRow,
        CreatorRow,
    ):
        session.execute(delete(table))


def _write_dimensions(session: Session) -> None:
    session.execute(delete(DimensionRow))
    rows = [
        {
            "key": d.key,
            "unit": d.unit.value,
            "usage_field": d.usage_field,
            "label_id": d.label_id,
            "label_en": d.label_en,
            "label_zh": d.label_zh,
            "sort_order": d.sort_order,
        }
        for d in DIMENSIONS.values()
    ]
    _insert(session, DimensionRow, rows)


def _write_offerings(session: Session, publication: Publication) -> dict[OfferingKey, int]:
    ids = {key: index for index, key in enumerate(sorted(publication.offerings), start=1)}
    rows = [
        {
            "id": ids[key],
            "model_id": key[0],
            "seller_id": key[1],
            "variant": key[2],
            "region": "",
            "official": official,
        }
        for key, official in publication.offerings.items()
    ]
    _insert(session, OfferingRow, rows)
    return ids


def _write_prices(
    session: Session, publication: Publication, offering_ids: dict[OfferingKey, int]
) -> None:
    rows = []
    for index, item in enumerate(publication.prices, start=1):
        rows.append(
            {
                "id": index,
                "offering_id": offering_ids[item.offering],
                "dimension": item.dimension,
                "conditions_key": item.conditions_key,
                "conditions_json": json.dumps(item.conditions.to_json(), sort_keys=True),
                "effective_from": item.conditions.effective_from,
                "effective_to": item.conditions.effective_to,
                "state": item.choice.state.value,
                "status": item.choice.status.value,
                "amount": item.amount_usd,
                "unit": unit_of(item.dimension),
                "native_amount": item.native_amount,
                "native_currency": item.native_currency,
                "fx_rate": item.fx_rate,
                "fx_date": item.fx_date,
                "stale": item.stale,
                "evidence_ids": json.dumps(list(item.choice.evidence_ids)),
            }
        )
    _insert(session, PriceFactRow, rows)


def _write_facts(session: Session, publication: Publication) -> None:
    rows = [
        {
            "model_id": item.model_id,
            "key": item.key,
            "value_json": _json_value(item.choice),
            "status": item.choice.status.value,
            "evidence_ids": json.dumps(list(item.choice.evidence_ids)),
        }
        for item in publication.facts
    ]
    _insert(session, ModelFactRow, rows)


def _json_value(choice: Choice) -> str | None:
    if choice.state is PriceState.UNKNOWN:
        return None
    value = list(choice.value) if isinstance(choice.value, tuple) else choice.value
    return json.dumps(value, ensure_ascii=False)


def _write_discrepancies(
    session: Session,
    publication: Publication,
    offering_ids: dict[OfferingKey, int],
    now: datetime,
) -> None:
    rows = [
        {
            "model_id": item.model_id,
            "offering_id": offering_ids[item.offering] if item.offering else None,
            "kind": item.kind,
            "field": item.field,
            "conditions_key": item.conditions_key,
            "published_json": _published_json(item.kind, item.choice),
            "values_json": positions_json(item.choice.positions, item.kind),
            "detected_at": now,
        }
        for item in publication.discrepancies
    ]
    _insert(session, DiscrepancyRow, rows)


def _published_json(kind: str, choice: Choice) -> str:
    if kind == "price":
        amount = None if choice.amount is None else format(choice.amount, "f")
        return json.dumps({"state": choice.state.value, "amount": amount})
    return json.dumps({"state": choice.state.value, "value": _json_value(choice)})


def _write_benchmarks(session: Session, publication: Publication) -> None:
    rows = [
        {
            "model_id": b.model_id,
            "benchmark": b.benchmark,
            "source_id": b.source,
            "url": "",
            "observed_at": b.observed_at,
            "figures_json": json.dumps(b.figures, ensure_ascii=False, sort_keys=True),
            "observation_ids": json.dumps(b.observation_ids),
        }
        for b in publication.benchmarks
    ]
    _insert(session, BenchmarkSnapshotRow, rows)


PreviousKey = tuple[str, str, str, str, str]  # model, seller, variant, dimension, conditions


def _previous_prices(session: Session) -> dict[PreviousKey, dict[str, Any]]:
    query = select(
        OfferingRow.model_id,
        OfferingRow.seller_id,
        OfferingRow.variant,
        PriceFactRow.dimension,
        PriceFactRow.conditions_key,
        PriceFactRow.state,
        PriceFactRow.status,
        PriceFactRow.amount,
        PriceFactRow.native_amount,
        PriceFactRow.evidence_ids,
    ).join(OfferingRow, PriceFactRow.offering_id == OfferingRow.id)
    return {
        (r.model_id, r.seller_id, r.variant, r.dimension, r.conditions_key): r._asdict()
        for r in session.execute(query)
    }


def _hold_large_jumps_and_diff(
    publication: Publication, previous: dict[PreviousKey, dict[str, Any]], now: datetime
) -> list[dict[str, Any]]:
    """Record a change event per changed price, holding large single-source jumps."""
    events = []
    for item in publication.prices:
        key = (*item.offering, item.dimension, item.conditions_key)
        before = previous.get(key)
        after_state = item.choice.state
        if before is None or after_state is PriceState.PENDING:
            continue
        if before["state"] == after_state.value and before["amount"] == item.amount_usd:
            continue
        held = _is_large_unconfirmed_jump(before, item)
        events.append(_event(item, before, now, held))
        if held:
            _keep_previous(item, before)
    return events


def _is_large_unconfirmed_jump(before: dict[str, Any], item: PublishedPrice) -> bool:
    old, new = before["amount"], item.amount_usd
    if old is None or new is None or old == 0:
        return False
    if item.choice.status is not SupportStatus.SINGLE_SOURCE:
        return False
    return bool(abs(new - old) / old > REVIEW_JUMP_FRACTION)


def _keep_previous(item: PublishedPrice, before: dict[str, Any]) -> None:
    previous_ids = tuple(json.loads(before["evidence_ids"]))
    item.choice = Choice(
        PriceState(before["state"]),
        SupportStatus(before["status"]),
        before["native_amount"],
        item.choice.value,
        previous_ids,
        item.choice.positions,
    )
    item.amount_usd = before["amount"]
    item.native_amount = before["native_amount"]


def _event(
    item: PublishedPrice, before: dict[str, Any], now: datetime, held: bool
) -> dict[str, Any]:
    return {
        "detected_at": now,
        "model_id": item.offering[0],
        "seller_id": item.offering[1],
        "dimension": item.dimension,
        "conditions_key": item.conditions_key,
        "before_state": before["state"],
        "before_amount": before["amount"],
        "after_state": item.choice.state.value,
        "after_amount": item.amount_usd,
        "before_evidence_ids": before["evidence_ids"],
        "after_evidence_ids": json.dumps(list(item.choice.evidence_ids)),
        "held_for_review": held,
    }


def _event_key(event: dict[str, Any]) -> tuple[Any, ...]:
    return (
        event["model_id"],
        event["seller_id"],
        event["dimension"],
        event["conditions_key"],
        event["after_state"],
        event["after_amount"],
        event["held_for_review"],
    )


def _held_event_keys(session: Session) -> set[tuple[Any, ...]]:
    """Return held events already recorded, so a jump still under review is not logged again."""
    rows = session.execute(
        select(
            ChangeEventRow.model_id,
            ChangeEventRow.seller_id,
            ChangeEventRow.dimension,
            ChangeEventRow.conditions_key,
            ChangeEventRow.after_state,
            ChangeEventRow.after_amount,
            ChangeEventRow.held_for_review,
        ).where(ChangeEventRow.held_for_review.is_(True))
    )
    return {tuple(row) for row in rows}


def _insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), _BATCH):
        chunk = rows[start : start + _BATCH]
        if chunk:
            session.execute(insert(table), chunk)
