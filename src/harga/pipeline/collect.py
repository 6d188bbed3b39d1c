"""Reading and parsing one source, all in memory, before anything is written."""

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx
from pydantic import ValidationError

from harga.collectors.base import (
    Collector,
    CollectorError,
    ParsedDocument,
    RawDocument,
    SourceFormatError,
    read_document,
)
from harga.domain.money import InvalidAmount
from harga.normalize.observations import NormalizationError, NormalizedObservation, normalize

log = logging.getLogger("harga.collect")


@dataclass
class DocumentResult:
    document: RawDocument
    observations: list[NormalizedObservation]
    stated_at: datetime | None
    notes: list[str] = field(default_factory=list)


@dataclass
class SourceOutcome:
    """The result of one source run: documents with their observations, or an error."""

    collector: Collector
    documents: list[DocumentResult] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def observation_count(self) -> int:
        return sum(len(d.observations) for d in self.documents)


def collect_source(
    collector: Collector, mirror: Path | None, client: httpx.Client | None
) -> SourceOutcome:
    """Fetch, parse, validate and normalise every document of one source.

    Any failure discards the whole run, so a source never publishes part of its data. Error
    messages name mirror files relative to the mirror folder, because `/sources` shows them.
    """
    try:
        documents = [read_document(collector, ref, mirror, client) for ref in collector.documents()]
        parsed = [collector.parse(document) for document in documents]
        collector.validate(parsed)
        results = [_normalized(d, p) for d, p in zip(documents, parsed, strict=True)]
    except (CollectorError, InvalidAmount) as error:
        return _failed(collector, f"{type(error).__name__}: {error}", mirror)
    except ValidationError as error:
        # Collectors wrap validation errors; this catches one that slipped through unwrapped.
        return _failed(collector, f"SourceFormatError: {error}", mirror)
    except Exception as error:
        log.exception("source=%s parser failed unexpectedly", collector.source_id)
        message = f"unexpected {type(error).__name__} while reading the source: {error}"
        return _failed(collector, message, mirror)
    return SourceOutcome(collector, results)


def _failed(collector: Collector, message: str, mirror: Path | None) -> SourceOutcome:
    if mirror is not None:
        message = message.replace(str(mirror.resolve()), "<mirror>").replace(
            str(mirror), "<mirror>"
        )
    return SourceOutcome(collector, error=message)


def _normalized(document: RawDocument, parsed: ParsedDocument) -> DocumentResult:
    try:
        observations = normalize(parsed.observations)
    except NormalizationError as error:
        raise SourceFormatError(
            document.location,
            error.observation.excerpt,
            error.observation.captured,
            str(error.__cause__),
        ) from error
    return DocumentResult(document, observations, parsed.stated_at, parsed.notes)
