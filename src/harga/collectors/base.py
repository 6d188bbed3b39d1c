"""The collector contract: read documents from a URL or a mirror folder and parse them.

Collectors never touch the database and never guess. A parser returns observations for what a
document states and raises `SourceFormatError` for anything it does not recognise.
"""

import hashlib
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from functools import cached_property
from pathlib import Path

import httpx

from harga.domain.observation import Observation

FETCH_TIMEOUT_SECONDS = 60.0


class SourceKind(StrEnum):
    AGGREGATOR = "aggregator"
    OFFICIAL = "official"
    BENCHMARK = "benchmark"
    FX = "fx"


class CollectorError(Exception):
    """A source could not be read or parsed; its previous facts stay published."""


class SourceUnavailable(CollectorError):
    """The document could not be fetched or is missing from the mirror."""


class SourceFormatError(CollectorError):
    """The document does not have the shape the collector's strict model expects."""

    def __init__(self, location: str, path: str, value: object, expected: str) -> None:
        self.location = location
        self.path = path
        self.value = value
        self.expected = expected
        shown = repr(value)
        if len(shown) > 200:
            shown = shown[:200] + "..."
        super().__init__(f"{location}: at {path}: {expected}, got {shown}")


@dataclass(frozen=True)
class DocumentRef:
    """The location of one source document: its live URL and its file in a mirror folder.

    `mirror_glob` is relative to the mirror folder; when several files match, the last one in
    name order is read, so date-stamped copies pick the newest.
    """

    url: str
    mirror_glob: str


@dataclass(frozen=True)
class RawDocument:
    """The bytes a collector read, with where and when."""

    source: str
    url: str
    content: bytes
    fetched_at: datetime
    mirror_path: Path | None = None

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def location(self) -> str:
        """Name the document in error messages: the file when read from a mirror, else the URL."""
        return str(self.mirror_path) if self.mirror_path is not None else self.url


@dataclass
class ParsedDocument:
    observations: list[Observation]
    stated_at: datetime | None = None  # the date the document gives for its content
    notes: list[str] = field(default_factory=list)


class Collector(ABC):
    """One source. Subclasses declare their documents and parse each into observations."""

    source_id: str
    name: str
    kind: SourceKind
    homepage: str
    # The seller whose own catalogue this source is, if any: its prices for that seller's
    # offerings are the seller's own word, so they win as an official page's do.
    own_seller: str | None = None

    @abstractmethod
    def documents(self) -> list[DocumentRef]: ...

    @abstractmethod
    def parse(self, document: RawDocument) -> ParsedDocument: ...

    def validate(self, parsed: list[ParsedDocument]) -> None:
        """Check the whole run before anything is written; raise `SourceFormatError` if wrong.

        The default accepts any run that yields at least one observation, because an empty
        result means the upstream shape changed under a parser that matched nothing.
        """
        if not any(p.observations for p in parsed):
            raise SourceFormatError(self.source_id, "(all documents)", 0, "at least one price")


def read_document(
    collector: Collector, ref: DocumentRef, mirror: Path | None, client: httpx.Client | None
) -> RawDocument:
    """Read one document from the mirror folder when one is set, else from its live URL."""
    fetched_at = datetime.now(UTC)
    if mirror is not None:
        path = find_mirror_file(mirror, ref.mirror_glob)
        return RawDocument(collector.source_id, ref.url, path.read_bytes(), fetched_at, path)
    if client is None:
        raise SourceUnavailable(f"{ref.url}: no mirror folder set and no HTTP client given")
    try:
        response = client.get(ref.url, timeout=FETCH_TIMEOUT_SECONDS, follow_redirects=True)
        response.raise_for_status()
    except httpx.HTTPError as error:
        raise SourceUnavailable(f"{ref.url}: fetch failed: {error}") from error
    return RawDocument(collector.source_id, ref.url, response.content, fetched_at)


_NAME_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def date_in_mirror_name(document: RawDocument) -> datetime | None:
    """Return the date a mirror file's name carries (`models.2026-08-01.json`), at 00:00 UTC.

    Mirror copies of live documents are renamed with the day they were fetched. A live
    document has no such name, so its fetch time is used.
    """
    if document.mirror_path is None:
        return None
    match = _NAME_DATE.search(document.mirror_path.name)
    if match is None:
        return None
    return datetime.fromisoformat(match.group(1)).replace(tzinfo=UTC)


def find_mirror_file(mirror: Path, pattern: str) -> Path:
    matches = sorted(p for p in mirror.glob(pattern) if p.is_file())
    if not matches:
        raise SourceUnavailable(
            f"{mirror / pattern}: no file matches in the mirror folder; "
            "check --mirror or HARGA_MIRROR"
        )
    return matches[-1]
