"""The model document: one model's facts, offers, evidence, discrepancies and history."""

import json
import re
from datetime import date

from harga.api.schemas import (
    BenchmarkSnapshot,
    Discrepancy,
    DiscrepancyValue,
    Evidence,
    Fact,
    FxNote,
    Headline,
    HistoryEntry,
    ModelDocument,
    Offer,
    Price,
)
from harga.domain.dimensions import DIMENSIONS
from harga.domain.facts import CAPABILITY_FACTS, FACTS
from harga.storage.queries import ModelRecords
from harga.storage.tables import OfferingRow, PriceFactRow
from harga.views.currency import Converter
from harga.views.discrepancies import position_fields
from harga.views.evidence import evidence_of
from harga.views.use_cases import derive_use_cases

ARTIFICIAL_ANALYSIS_MODELS = "https://artificialanalysis.ai/models/"


def build_model_document(records: ModelRecords, converter: Converter) -> ModelDocument:
    facts = _facts(records)
    offers = _offers(records, converter)
    headline = _headline(records, offers, converter)
    return ModelDocument(
        id=records.model.id,
        creator=records.model.creator_id,
        creator_name=records.creator_name,
        name=records.model.display_name,
        currency=converter.currency.value,
        description=_text_fact(facts, "description"),
        modality=_modality(facts),
        api_surface=_text_fact(facts, "mode"),
        confirmed_at=records.model.confirmed_at,
        headline=headline,
        facts=facts,
        capabilities=[key for key in CAPABILITY_FACTS if facts[key].value is True],
        evidence_count=records.evidence_count,
        benchmarks=_benchmarks(records),
        verify_url=ARTIFICIAL_ANALYSIS_MODELS + _artificial_analysis_slug(records.model.name),
        use_cases=derive_use_cases(facts, headline),
        offers=offers,
        discrepancies=_discrepancies(records),
        history=_history(records),
    )


def _facts(records: ModelRecords) -> dict[str, Fact]:
    """Return every registry fact; one with no evidence has value null and status none."""
    result = {}
    for key in FACTS:
        row = records.facts.get(key)
        if row is None:
            result[key] = Fact(key=key, value=None, status="none", evidence=[])
            continue
        ids = json.loads(row.evidence_ids)
        result[key] = Fact(
            key=key,
            value=None if row.value_json is None else json.loads(row.value_json),
            status=row.status,
            evidence=evidence_of(ids, records.observations, records.sources),
        )
    return result


def _text_fact(facts: dict[str, Fact], key: str) -> str | None:
    value = facts[key].value
    return value if isinstance(value, str) else None


def _modality(facts: dict[str, Fact]) -> str | None:
    inputs, outputs = facts["input_modalities"].value, facts["output_modalities"].value
    if not isinstance(inputs, list) or not isinstance(outputs, list):
        return None
    return f"{'+'.join(inputs)}->{'+'.join(outputs)}"


def _offers(records: ModelRecords, converter: Converter) -> list[Offer]:
    ordered = sorted(records.offerings, key=lambda o: (not o.official, o.seller_id, o.variant))
    return [_offer(records, offering, converter) for offering in ordered]


def _offer(records: ModelRecords, offering: OfferingRow, converter: Converter) -> Offer:
    rows = sorted(records.prices.get(offering.id, []), key=_price_order)
    return Offer(
        seller=offering.seller_id,
        seller_name=records.seller_names.get(offering.seller_id, offering.seller_id),
        official=offering.official,
        variant=offering.variant,
        prices=[_price(records, row, converter) for row in rows],
    )


def _price_order(row: PriceFactRow) -> tuple[object, ...]:
    dimension = DIMENSIONS.get(row.dimension)
    return (
        row.effective_to is not None,
        row.conditions_key != "",
        row.conditions_key,
        dimension.sort_order if dimension else 999,
    )


def _price(records: ModelRecords, row: PriceFactRow, converter: Converter) -> Price:
    fx = None
    if row.fx_rate is not None and row.fx_date is not None:
        fx = FxNote(rate=row.fx_rate, rate_date=row.fx_date)
    return Price(
        dimension=row.dimension,
        conditions=json.loads(row.conditions_json),
        conditions_key=row.conditions_key,
        state=row.state,
        status=row.status,
        amount=row.amount,
        unit=row.unit,
        native_amount=row.native_amount,
        native_currency=row.native_currency,
        fx=fx,
        effective_from=row.effective_from,
        effective_to=row.effective_to,
        stale=row.stale,
        converted=converter.convert(row.amount),
        evidence=evidence_of(json.loads(row.evidence_ids), records.observations, records.sources),
    )


def _headline(records: ModelRecords, offers: list[Offer], converter: Converter) -> Headline:
    model = records.model
    seller = None
    official = False
    for offer in offers:
        standard = {p.dimension: p.amount for p in offer.prices if p.conditions_key == ""}
        if (
            standard.get("input") == model.input_mtok
            and standard.get("output") == model.output_mtok
        ):
            seller, official = offer.seller, offer.official
            break
    return Headline(
        seller=seller,
        official=official,
        input_mtok=model.input_mtok,
        output_mtok=model.output_mtok,
        input_converted=converter.convert(model.input_mtok),
        output_converted=converter.convert(model.output_mtok),
    )


def _benchmarks(records: ModelRecords) -> list[BenchmarkSnapshot]:
    return [
        BenchmarkSnapshot(
            benchmark=row.benchmark,
            source=row.source_id,
            url=_benchmark_url(records, row.benchmark),
            observed_at=row.observed_at,
            figures=json.loads(row.figures_json),
        )
        for row in records.benchmarks
    ]


def _benchmark_url(records: ModelRecords, benchmark: str) -> str:
    if benchmark == "artificial_analysis":
        return ARTIFICIAL_ANALYSIS_MODELS + _artificial_analysis_slug(records.model.name)
    return ""


def _artificial_analysis_slug(name: str) -> str:
    # NOTE: Artificial Analysis writes most slugs as the name with dots turned to dashes
    # (gpt-5-4-nano), but it reorders some (claude-4-5-haiku), so this link can miss.
    return re.sub(r"[^a-z0-9-]", "-", name.lower().replace(".", "-"))


def _discrepancies(records: ModelRecords) -> list[Discrepancy]:
    result = []
    for row in records.discrepancies:
        offering = records.offering_by_id.get(row.offering_id) if row.offering_id else None
        positions = [position_fields(row.kind, item) for item in json.loads(row.values_json)]
        values = [
            DiscrepancyValue(
                state=position["state"],
                amount=position["amount"],
                currency=position["currency"],
                value=position["value"],
                sources=position["sources"],
                evidence=evidence_of(
                    position["observation_ids"], records.observations, records.sources
                ),
            )
            for position in positions
        ]
        result.append(
            Discrepancy(
                kind=row.kind,
                field=row.field,
                seller=offering.seller_id if offering else None,
                conditions_key=row.conditions_key,
                published=json.loads(row.published_json or "{}"),
                values=values,
            )
        )
    return result


def _history(records: ModelRecords) -> list[HistoryEntry]:
    entries = [
        HistoryEntry(
            seller=records.offering_by_id[offering_id].seller_id,
            dimension=row.dimension,
            conditions_key=row.conditions_key,
            kind="dated",
            effective_from=row.effective_from,
            effective_to=row.effective_to,
            state=row.state,
            amount=row.amount,
        )
        for offering_id, rows in records.prices.items()
        for row in rows
        if row.effective_from is not None or row.effective_to is not None
    ]
    entries.sort(key=lambda e: (e.seller, e.dimension, e.effective_from or date.min))
    entries.extend(
        HistoryEntry(
            seller=change.seller_id,
            dimension=change.dimension,
            conditions_key=change.conditions_key,
            kind="change",
            detected_at=change.detected_at,
            before_state=change.before_state,
            before_amount=change.before_amount,
            state=change.after_state,
            amount=change.after_amount,
            held_for_review=change.held_for_review,
        )
        for change in records.changes
    )
    return entries


def all_evidence(document: ModelDocument) -> list[Evidence]:
    """Return every evidence row the document cites, once each, facts first then prices."""
    seen: dict[int, Evidence] = {}
    for fact in document.facts.values():
        for item in fact.evidence:
            seen.setdefault(item.id, item)
    for offer in document.offers:
        for price in offer.prices:
            for item in price.evidence:
                seen.setdefault(item.id, item)
    for discrepancy in document.discrepancies:
        for value in discrepancy.values:
            for item in value.evidence:
                seen.setdefault(item.id, item)
    return list(seen.values())
