"""simonw/llm-prices: one JSON file per vendor with a dated price history per model.

Prices are USD per 1M tokens. `from_date` is inclusive and `to_date` exclusive. The format's
README defines a null `input_cached` as "the model does not offer cached token pricing", so a
null is recorded as not offered rather than skipped.

Some models have a second entry for long prompts: `claude-sonnet-4.5-200k`, named "Claude Sonnet
4 and 4.5 >200k", beside `claude-sonnet-4.5`, named "... ≤200k". An entry whose name says `>Nk`
is read as the prices of its base model for prompts above N × 1000 tokens. Its id must be the
base model's id followed by `-Nk`, and the base model must be in the same file; otherwise the
run fails. Its name is not recorded, because it names the tier rather than the model.
"""

import json
import re
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict

from harga.collectors.base import (
    Collector,
    DocumentRef,
    ParsedDocument,
    RawDocument,
    SourceFormatError,
    SourceKind,
)
from harga.collectors.jsonraw import JsonNumber, JsonStr, excerpt, load_json, validate_model
from harga.domain.conditions import Boundary, Conditions
from harga.domain.money import SourceUnit
from harga.domain.observation import Observation, ObservationKind, fact, price
from harga.domain.states import PriceState

SOURCE_ID = "llm-prices"
REPOSITORY_RAW = "https://raw.githubusercontent.com/simonw/llm-prices/main/data"

# NOTE: the live repository may add vendor files; a vendor missing here is not collected.
VENDORS = (
    "amazon",
    "anthropic",
    "deepseek",
    "google",
    "meta-ai",
    "minimax",
    "mistral",
    "moonshot-ai",
    "openai",
    "qwen",
    "xai",
)

# A long-context tier entry has a name containing `>Nk` and the id `<base model id>-Nk`.
_TIER_NAME = re.compile(r">\s*(?P<thousands>\d+)k\b")
_TIER_ID = re.compile(r"^(?P<base>.+)-(?P<thousands>\d+)k$")


class PriceRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    input: JsonNumber
    output: JsonNumber
    input_cached: JsonNumber | None
    from_date: JsonStr | None
    to_date: JsonStr | None


class ModelEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: JsonStr
    name: JsonStr
    price_history: list[PriceRecord]


class VendorFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    vendor: JsonStr
    models: list[ModelEntry]


class LlmPricesCollector(Collector):
    source_id = SOURCE_ID
    name = "llm-prices (simonw)"
    kind = SourceKind.AGGREGATOR
    homepage = "https://www.llm-prices.com/"

    def documents(self) -> list[DocumentRef]:
        return [
            DocumentRef(f"{REPOSITORY_RAW}/{vendor}.json", f"llm-prices/data/{vendor}.json")
            for vendor in VENDORS
        ]

    def parse(self, document: RawDocument) -> ParsedDocument:
        data = validate_model(VendorFile, load_json(document), document)
        model_ids = {model.id for model in data.models}
        observations: list[Observation] = []
        for model_index, model in enumerate(data.models):
            tier = _long_context_tier(model, model_ids, document, model_index)
            if tier is None:
                observations.append(_name_fact(data.vendor, model))
            for record_index, record in enumerate(model.price_history):
                path = f"$.models[{model_index}].price_history[{record_index}]"
                conditions = _conditions(record, document, path, tier)
                observations.extend(
                    _record_prices(data.vendor, model, record_index, record, conditions, tier)
                )
        return ParsedDocument(observations)


@dataclass(frozen=True)
class _Tier:
    """The base model and prompt-size threshold of a long-context tier entry."""

    base_id: str
    threshold_tokens: int


def _long_context_tier(
    model: ModelEntry, model_ids: set[str], document: RawDocument, index: int
) -> _Tier | None:
    """Return the tier that `model` prices, or None for an entry that is a model of its own.

    Raises `SourceFormatError` for an entry named as a tier whose id does not name a base model
    in the same file.
    """
    name_match = _TIER_NAME.search(model.name)
    if name_match is None:
        return None
    thousands = name_match["thousands"]
    id_match = _TIER_ID.match(model.id)
    if id_match is None or id_match["thousands"] != thousands or id_match["base"] not in model_ids:
        raise SourceFormatError(
            document.location,
            f"$.models[{index}].id",
            model.id,
            f"the id of a model in the same file followed by -{thousands}k, because the name "
            f"{model.name!r} marks a long-context tier",
        )
    return _Tier(id_match["base"], int(thousands) * 1000)


def _name_fact(vendor: str, model: ModelEntry) -> Observation:
    literal = json.dumps(model.name, ensure_ascii=False)
    return fact(
        SOURCE_ID,
        model.id,
        vendor,
        "name",
        literal,
        model.name,
        excerpt(model.id, "name", literal=literal),
    )


def _conditions(
    record: PriceRecord, document: RawDocument, path: str, tier: _Tier | None
) -> Conditions:
    return Conditions(
        prompt_threshold_tokens=tier.threshold_tokens if tier else None,
        prompt_boundary=Boundary.ABOVE,
        effective_from=_date(record.from_date, document, f"{path}.from_date"),
        effective_to=_date(record.to_date, document, f"{path}.to_date"),
    )


def _date(text: str | None, document: RawDocument, path: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SourceFormatError(document.location, path, text, "an ISO date") from None


def _record_prices(
    vendor: str,
    model: ModelEntry,
    index: int,
    record: PriceRecord,
    conditions: Conditions,
    tier: _Tier | None,
) -> list[Observation]:
    # A tier entry's prices belong to its base model, but the excerpt names the entry itself.
    upstream_id = tier.base_id if tier else model.id

    def at(key: str, literal: str) -> str:
        return excerpt(model.id, "price_history", str(index), key, literal=literal)

    fields = [("input", "input", record.input), ("output", "output", record.output)]
    if record.input_cached is not None:
        fields.append(("cache_read", "input_cached", record.input_cached))
    observations = [
        price(
            SOURCE_ID,
            upstream_id,
            vendor,
            dimension,
            number,
            number.decimal,
            SourceUnit.PER_MTOK,
            at(key, number),
            conditions=conditions,
        )
        for dimension, key, number in fields
    ]
    if record.input_cached is None:
        observations.append(
            Observation(
                source=SOURCE_ID,
                upstream_model_id=upstream_id,
                upstream_seller=vendor,
                kind=ObservationKind.PRICE,
                field="cache_read",
                captured="null",
                excerpt=at("input_cached", "null"),
                conditions=conditions,
                state=PriceState.NOT_OFFERED,
            )
        )
    return observations
