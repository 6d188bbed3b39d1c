"""Markdown pages as harga reads them: tables and paragraphs under their headings.

markdown-it-py parses the page with GitHub's table extension, so a table is found by its
structure, never by matching text over the whole file. Reader captures (r.jina.ai style) start
with `Title:`, `URL Source:` and `Published Time:` lines; `read_reader_header` splits those off.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from markdown_it import MarkdownIt
from markdown_it.token import Token

from harga.collectors.base import RawDocument, SourceFormatError

_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


@dataclass(frozen=True)
class MarkdownTable:
    """One table with the headings above it and the paragraphs between them and the table."""

    headings: tuple[str, ...]
    before: tuple[str, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    line: int  # 1-based line of the header row

    @property
    def heading(self) -> str:
        return self.headings[-1] if self.headings else ""


@dataclass(frozen=True)
class MarkdownBlock:
    """A paragraph or code block, with its nesting level (0 outside lists) and headings."""

    headings: tuple[str, ...]
    text: str
    level: int
    line: int
    kind: str = "paragraph"  # or "code": reader captures turn indented lists into code blocks


@dataclass
class MarkdownPage:
    tables: list[MarkdownTable] = field(default_factory=list)
    blocks: list[MarkdownBlock] = field(default_factory=list)

    def headings(self) -> set[str]:
        found = {h for t in self.tables for h in t.headings}
        return found | {h for b in self.blocks for h in b.headings}


@dataclass(frozen=True)
class ReaderHeader:
    title: str
    url_source: str | None
    published_time: datetime | None
    body: str


def decode_text(document: RawDocument) -> str:
    try:
        return document.content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceFormatError(
            document.location,
            f"byte {error.start}",
            document.content[error.start : error.end],
            "UTF-8 text",
        ) from None


def parse_markdown(text: str) -> MarkdownPage:
    """Collect every table and paragraph with the headings above it."""
    tokens = _PARSER.parse(text)
    page = MarkdownPage()
    stack: list[str] = []
    before: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            level = int(token.tag[1])
            stack = [*stack[: level - 1], *[""] * max(0, level - 1 - len(stack))]
            stack.append(inline_text(tokens[index + 1]))
            before = []
        elif token.type == "paragraph_open":
            paragraph = inline_text(tokens[index + 1])
            line = token.map[0] + 1 if token.map is not None else 0
            page.blocks.append(MarkdownBlock(_path(stack), paragraph, token.level, line))
            if token.level == 0:
                before.append(paragraph)
        elif token.type == "code_block":
            line = token.map[0] + 1 if token.map is not None else 0
            page.blocks.append(
                MarkdownBlock(_path(stack), token.content, token.level, line, kind="code")
            )
        elif token.type == "table_open":
            table, index = _read_table(tokens, index, _path(stack), tuple(before))
            page.tables.append(table)
            before = []
        index += 1
    return page


def inline_text(token: Token) -> str:
    """Return the visible text of an inline token; a `<br>` becomes a line break."""
    pieces: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            pieces.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
        elif child.type == "html_inline" and _BREAK.fullmatch(child.content.strip()):
            pieces.append("\n")
    lines = [" ".join(line.split()) for line in "".join(pieces).split("\n")]
    return "\n".join(line for line in lines if line)


def read_reader_header(document: RawDocument, text: str) -> ReaderHeader:
    """Split a reader capture into its header fields and the markdown after `Markdown Content:`."""
    head, marker, body = text.partition("\nMarkdown Content:\n")
    if not marker:
        raise SourceFormatError(
            document.location, "header", text[:120], "a reader capture with 'Markdown Content:'"
        )
    fields: dict[str, str] = {}
    for line in head.splitlines():
        name, colon, value = line.partition(":")
        if colon and name in ("Title", "URL Source", "Published Time"):
            fields[name] = value.strip()
    if "Title" not in fields:
        raise SourceFormatError(document.location, "header", head[:120], "a 'Title:' line")
    published = fields.get("Published Time")
    return ReaderHeader(
        title=fields["Title"],
        url_source=fields.get("URL Source"),
        published_time=_reader_time(document, published) if published else None,
        body=body,
    )


def _reader_time(document: RawDocument, text: str) -> datetime:
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        raise SourceFormatError(
            document.location, "Published Time", text, "an RFC 2822 date"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _path(stack: list[str]) -> tuple[str, ...]:
    return tuple(h for h in stack if h)


def _read_table(
    tokens: list[Token], start: int, headings: tuple[str, ...], before: tuple[str, ...]
) -> tuple[MarkdownTable, int]:
    rows: list[tuple[str, ...]] = []
    current: list[str] = []
    index = start
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            current = []
        elif token.type == "inline":
            current.append(inline_text(token))
        elif token.type == "tr_close":
            rows.append(tuple(current))
        index += 1
    lines = tokens[start].map
    line = lines[0] + 1 if lines else 0
    return MarkdownTable(headings, before, rows[0], tuple(rows[1:]), line), index
