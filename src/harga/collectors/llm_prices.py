"""simonw/llm-prices: one JSON file per vendor with a dated price history per model.

Prices are USD per 1M tokens. `from_date` is inclusive and `to_date` exclusive. The format's
README defines a null `input_cached` as "the model does not offer cached token pricing", so a
null is recorded as not offered rather than skipped.
"""

import json
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
from harga.domain.conditions import Conditions
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
        observations: list[Observation] = []
        for model_index, model in enumerate(data.models):
            observations.append(_name_fact(data.vendor, model))
            for record_index, record in enumerate(model.price_history):
                path = f"$.models[{model_index}].price_history[{record_index}]"
                conditions = _conditions(record, document, path)
                observations.extend(
                    _record_prices(data.vendor, model, record_index, record, conditions)
                )
        return ParsedDocument(observations)


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


def _conditions(record: PriceRecord, document: RawDocument, path: str) -> Conditions:
    return Conditions(
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
    vendor: str, model: ModelEntry, index: int, record: PriceRecord, conditions: Conditions
) -> list[Observation]:
    def at(key: str, literal: str) -> str:
        return excerpt(model.id, "price_history", str(index), key, literal=literal)

    fields = [("input", "input", record.input), ("output", "output", record.output)]
    if record.input_cached is not None:
        fields.append(("cache_read", "input_cached", record.input_cached))
    observations = [
        price(
            SOURCE_ID,
            model.id,
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
                upstream_model_id=model.id,
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
