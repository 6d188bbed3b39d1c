"""Building the whole publication from the current evidence of every source.

The result is plain data; `storage.publish` writes it in one transaction.
"""

import json
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from harga.domain.conditions import BATCH, Conditions
from harga.domain.dimensions import CORE_BATCH_DIMENSIONS, CORE_DIMENSIONS, get_dimension
from harga.domain.facts import FACTS, FactType
from harga.domain.states import PriceState, SupportStatus
from harga.normalize.registry import creator_name, is_official, primary_seller, seller_name
from harga.reconcile.choose import Choice, Position, Vote, choose
from harga.reconcile.fx import FxTable
from harga.reconcile.records import EvidenceRecord

# Facts chosen by source preference without discrepancies: names and descriptions are worded
# differently by every source and a difference there is not a disagreement.
_DISPLAY_FACTS = ("name", "description")


OfferingKey = tuple[str, str, str]  # model id, seller, variant


@dataclass
class PublishedPrice:
    offering: OfferingKey
    dimension: str
    conditions_key: str
    conditions: Conditions
    choice: Choice
    amount_usd: Decimal | None
    native_amount: Decimal | None
    native_currency: str | None
    fx_rate: Decimal | None
    fx_date: date | None
    stale: bool


@dataclass
class PublishedFact:
    model_id: str
    key: str
    choice: Choice


@dataclass
class Discrepancy:
    model_id: str
    offering: OfferingKey | None
    kind: str
    field: str
    conditions_key: str
    choice: Choice


@dataclass
class BenchmarkSnapshot:
    model_id: str
    benchmark: str
    source: str
    observed_at: datetime
    figures: dict[str, Any]
    observation_ids: list[int]


@dataclass
class ModelSummary:
    model_id: str
    creator: str
    name: str
    display_name: str
    input_mtok: Decimal | None = None
    output_mtok: Decimal | None = None
    context_window: int | None = None
    offer_count: int = 0
    search_text: str = ""
    confirmed_at: datetime | None = None


@dataclass
class Publication:
    creators: dict[str, str] = field(default_factory=dict)
    sellers: dict[str, str] = field(default_factory=dict)
    models: dict[str, ModelSummary] = field(default_factory=dict)
    offerings: dict[OfferingKey, bool] = field(default_factory=dict)
    prices: list[PublishedPrice] = field(default_factory=list)
    facts: list[PublishedFact] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    benchmarks: list[BenchmarkSnapshot] = field(default_factory=list)


def build_publication(records: Iterable[EvidenceRecord], fx: FxTable, today: date) -> Publication:
    """Reconcile every current observation into published prices, facts and discrepancies."""
    by_kind: dict[str, list[EvidenceRecord]] = defaultdict(list)
    for record in records:
        by_kind[record.kind].append(record)
    publication = Publication()
    _add_prices(publication, by_kind["price"], fx, today)
    _reserve_pending(publication)
    _add_facts(publication, by_kind["fact"])
    _add_benchmarks(publication, by_kind["benchmark"])
    _add_models(publication, [r for rs in by_kind.values() for r in rs])
    return publication


def _add_prices(
    publication: Publication, records: list[EvidenceRecord], fx: FxTable, today: date
) -> None:
    groups: dict[tuple[OfferingKey, str, str], list[EvidenceRecord]] = defaultdict(list)
    for record in records:
        offering = (record.model_id, record.seller, record.variant)
        groups[(offering, record.field, record.group_key(today))].append(record)
    for (offering, dimension, key), group in groups.items():
        publication.offerings[offering] = is_official(offering[0].split("/")[0], offering[1])
        choice = choose([_price_vote(r) for r in group])
        winner = [r for r in group if r.id in set(choice.evidence_ids)]
        publication.prices.append(_published_price(offering, dimension, key, choice, winner, fx))
        if choice.disputed:
            publication.discrepancies.append(
                Discrepancy(offering[0], offering, "price", dimension, key, choice)
            )


def _price_vote(record: EvidenceRecord) -> Vote:
    # Currency is part of the value: a CNY and a USD price never count as agreeing.
    return Vote(
        record.source,
        record.official_source,
        record.id,
        record.state,
        record.amount,
        record.currency,
    )


def _published_price(
    offering: OfferingKey,
    dimension: str,
    key: str,
    choice: Choice,
    winner: list[EvidenceRecord],
    fx: FxTable,
) -> PublishedPrice:
    conditions = _conditions_of(winner, key)
    currency = winner[0].currency if winner and choice.amount is not None else None
    amount_usd, rate, rate_date = choice.amount, None, None
    if choice.amount is not None and currency not in (None, "USD"):
        observed = max(r.observed_at for r in winner).date()
        conversion = fx.to_usd(choice.amount, currency or "", observed)
        amount_usd = conversion.amount if conversion else None
        rate = conversion.rate if conversion else None
        rate_date = conversion.rate_date if conversion else None
    return PublishedPrice(
        offering=offering,
        dimension=dimension,
        conditions_key=key,
        conditions=conditions,
        choice=choice,
        amount_usd=amount_usd,
        native_amount=choice.amount,
        native_currency=currency,
        fx_rate=rate,
        fx_date=rate_date,
        stale=bool(winner) and all(r.stale_source for r in winner),
    )


def _conditions_of(winner: list[EvidenceRecord], key: str) -> Conditions:
    if not winner:
        return Conditions()
    conditions = winner[0].conditions
    if key == conditions.key():
        return conditions
    # A current price keeps the start date its evidence states, for the history view.
    starts = [r.conditions.effective_from for r in winner if r.conditions.effective_from]
    return replace(conditions, effective_from=max(starts, default=None), effective_to=None)


def _reserve_pending(publication: Publication) -> None:
    """Add a pending row for every core dimension an offering has no evidence for."""
    present = {(p.offering, p.dimension, p.conditions_key) for p in publication.prices}
    batch_key = BATCH.key()
    wanted = [(d, "") for d in CORE_DIMENSIONS] + [(d, batch_key) for d in CORE_BATCH_DIMENSIONS]
    for offering in publication.offerings:
        for dimension, key in wanted:
            if (offering, dimension, key) in present:
                continue
            conditions = BATCH if key else Conditions()
            publication.prices.append(
                PublishedPrice(
                    offering,
                    dimension,
                    key,
                    conditions,
                    choose([]),
                    None,
                    None,
                    None,
                    None,
                    None,
                    False,
                )
            )


def _add_facts(publication: Publication, records: list[EvidenceRecord]) -> None:
    by_model: dict[tuple[str, str], list[EvidenceRecord]] = defaultdict(list)
    for record in records:
        by_model[(record.model_id, record.field)].append(record)
    for (model_id, key), group in by_model.items():
        creator = model_id.split("/")[0]
        official = [r for r in group if is_official(creator, r.seller)]
        chosen = official or group
        if key in _DISPLAY_FACTS:
            choice = _display_choice(chosen)
        else:
            choice = choose([_fact_vote(r) for r in chosen])
        publication.facts.append(PublishedFact(model_id, key, choice))
        if choice.disputed:
            publication.discrepancies.append(Discrepancy(model_id, None, "fact", key, "", choice))


def _fact_vote(record: EvidenceRecord) -> Vote:
    value = record.value
    spec = FACTS.get(record.field)
    hashable: Hashable = tuple(sorted(value)) if isinstance(value, list) else value
    if spec is not None and spec.type is FactType.LIST and isinstance(hashable, tuple):
        hashable = tuple(sorted(set(hashable)))
    return Vote(record.source, record.official_source, record.id, None, None, hashable)


def _display_choice(records: list[EvidenceRecord]) -> Choice:
    """Choose a name or description: an official page's, else the one most sources use."""
    official = [r for r in records if r.official_source]
    pool = official or records
    counts = Counter(r.value_json for r in pool)
    chosen = min(pool, key=lambda r: (-counts[r.value_json], r.id))
    status = SupportStatus.OFFICIAL if official else SupportStatus.SINGLE_SOURCE
    return Choice(PriceState.PRICED, status, None, chosen.value, (chosen.id,))


def _add_benchmarks(publication: Publication, records: list[EvidenceRecord]) -> None:
    groups: dict[tuple[str, str, str], list[EvidenceRecord]] = defaultdict(list)
    for record in records:
        benchmark = record.field.split(".", 1)[0]
        groups[(record.model_id, benchmark, record.source)].append(record)
    for (model_id, benchmark, source), group in groups.items():
        figures = {r.field.split(".", 1)[1]: r.value for r in group}
        publication.benchmarks.append(
            BenchmarkSnapshot(
                model_id,
                benchmark,
                source,
                max(r.observed_at for r in group),
                figures,
                [r.id for r in group],
            )
        )


def _add_models(publication: Publication, records: list[EvidenceRecord]) -> None:
    for record in records:
        creator = record.model_id.split("/")[0]
        publication.creators.setdefault(creator, creator_name(creator))
        publication.sellers.setdefault(record.seller, seller_name(record.seller))
        if record.model_id not in publication.models:
            name = record.model_id.split("/", 1)[1]
            publication.models[record.model_id] = ModelSummary(record.model_id, creator, name, name)
        summary = publication.models[record.model_id]
        if summary.confirmed_at is None or record.observed_at > summary.confirmed_at:
            summary.confirmed_at = record.observed_at
    _apply_fact_summaries(publication)
    _apply_headline_prices(publication)


def _apply_fact_summaries(publication: Publication) -> None:
    for item in publication.facts:
        summary = publication.models[item.model_id]
        if item.key == "name" and isinstance(item.choice.value, str):
            summary.display_name = item.choice.value
        if item.key == "context_window" and isinstance(item.choice.value, int):
            summary.context_window = item.choice.value
    for summary in publication.models.values():
        summary.search_text = f"{summary.model_id} {summary.display_name}".lower()


def _apply_headline_prices(publication: Publication) -> None:
    """Set each model's headline price: the official offer's, else the cheapest paid offer's."""
    standard = _standard_prices(publication)
    offers_by_model: dict[str, list[OfferingKey]] = defaultdict(list)
    for offering in publication.offerings:
        offers_by_model[offering[0]].append(offering)
    for model_id, offerings in offers_by_model.items():
        summary = publication.models[model_id]
        summary.offer_count = len(offerings)
        chosen = _headline_offer(publication, summary.creator, offerings, standard)
        if chosen is not None:
            summary.input_mtok = standard[chosen]["input"]
            summary.output_mtok = standard[chosen]["output"]


def _standard_prices(publication: Publication) -> dict[OfferingKey, dict[str, Decimal]]:
    """Return each offering's standard USD prices that can be a headline.

    A zero can be one only when the seller itself states it. Aggregators' zeros come from
    subscription plans and free variants (models.dev lists coding plans at 0, and
    `openrouter/auto` at 0 where OpenRouter marks the price as variable), which tell nothing
    of what a call costs.
    """
    standard: dict[OfferingKey, dict[str, Decimal]] = defaultdict(dict)
    for item in publication.prices:
        if item.conditions_key != "" or item.amount_usd is None:
            continue
        stated_by_seller = item.choice.status is SupportStatus.OFFICIAL
        if item.choice.state is PriceState.PRICED or stated_by_seller:
            standard[item.offering][item.dimension] = item.amount_usd
    return standard


def _headline_offer(
    publication: Publication,
    creator: str,
    offerings: list[OfferingKey],
    standard: dict[OfferingKey, dict[str, Decimal]],
) -> OfferingKey | None:
    candidates = [
        o for o in offerings if o[2] == "" and "input" in standard[o] and "output" in standard[o]
    ]
    if not candidates:
        return None
    # The creator's own seller first: its China platform (`deepseek-cn`) is official too,
    # but bills in CNY, so its USD figure depends on the day's exchange rate.
    official = {o[1]: o for o in candidates if publication.offerings[o]}
    if official:
        return official[primary_seller(creator, official)]
    return min(candidates, key=lambda o: (standard[o]["input"], standard[o]["output"], o[1]))


def _position_value(kind: str, value: Hashable) -> dict[str, Any]:
    # A price position's value is its currency, compared as part of the price.
    if kind == "price":
        return {"value": None, "currency": value}
    return {"value": list(value) if isinstance(value, tuple) else value}


def positions_json(positions: tuple[Position, ...], kind: str) -> str:
    return json.dumps(
        [
            {
                "state": p.state.value if p.state else None,
                "amount": None if p.amount is None else format(p.amount, "f"),
                **_position_value(kind, p.value),
                "sources": list(p.sources),
                "observation_ids": list(p.observation_ids),
            }
            for p in positions
        ],
        ensure_ascii=False,
    )


def unit_of(dimension: str) -> str:
    return get_dimension(dimension).unit.value
