"""Helpers for tests: documents built from fixture files, and broken copies of real files."""

from datetime import UTC, datetime
from pathlib import Path

from harga.collectors.base import RawDocument

FIXTURES = Path(__file__).parent / "fixtures"


def document_from(path: Path, source: str, url: str = "https://example.test/doc") -> RawDocument:
    return RawDocument(source, url, path.read_bytes(), datetime(2026, 1, 1, tzinfo=UTC), path)


def document_of(content: bytes, source: str, name: str = "doc.json") -> RawDocument:
    return RawDocument(
        source, "https://example.test/doc", content, datetime(2026, 1, 1, tzinfo=UTC), Path(name)
    )
