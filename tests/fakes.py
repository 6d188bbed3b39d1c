"""A collector whose observations a test states directly, for pipeline and reconciliation tests.

It reads a real file from a mirror folder, so hashing, storage and failure paths run as they do
for real sources. Only parsing is replaced by the observations the test gives.
"""

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from harga.collectors.base import (
    Collector,
    DocumentRef,
    ParsedDocument,
    RawDocument,
    SourceFormatError,
    SourceKind,
)
from harga.domain.conditions import STANDARD, Conditions
from harga.domain.money import SourceUnit
from harga.domain.observation import Observation, fact, price


class StaticCollector(Collector):
    """Returns `observations`; raises `SourceFormatError` when its file contains `BROKEN`."""

    def __init__(
        self,
        source_id: str,
        observations: list[Observation] | Callable[[], list[Observation]],
        kind: SourceKind = SourceKind.AGGREGATOR,
    ) -> None:
        self.source_id = source_id
        self.name = f"Test source {source_id}"
        self.kind = kind
        self.homepage = f"https://{source_id}.example.test/"
        self._observations = observations

    def documents(self) -> list[DocumentRef]:
        return [
            DocumentRef(
                f"https://{self.source_id}.example.test/prices.json", f"{self.source_id}.json"
            )
        ]

    def parse(self, document: RawDocument) -> ParsedDocument:
        if b"BROKEN" in document.content:
            raise SourceFormatError(document.location, "$.models", "BROKEN", "a list of models")
        return ParsedDocument(self.parse_all())

    def parse_all(self) -> list[Observation]:
        observations = self._observations
        return observations() if callable(observations) else list(observations)


def write_source_file(mirror: Path, source_id: str, content: str) -> None:
    mirror.mkdir(parents=True, exist_ok=True)
    (mirror / f"{source_id}.json").write_text(content)


def usd_mtok(
    source: str,
    model: str,
    seller: str,
    dimension: str,
    amount: str,
    conditions: Conditions = STANDARD,
) -> Observation:
    value = Decimal(amount)
    return price(
        source,
        model,
        seller,
        dimension,
        amount,
        value,
        SourceUnit.PER_MTOK,
        f'"{model}" › "{dimension}": {amount}',
        conditions=conditions,
    )


def context_window(source: str, model: str, seller: str, tokens: int) -> Observation:
    return fact(
        source,
        model,
        seller,
        "context_window",
        str(tokens),
        tokens,
        f'"{model}" › "context_window": {tokens}',
    )
