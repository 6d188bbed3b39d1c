"""OpenAI's pricing page (platform.openai.com/docs/pricing) as markdown.

Two captures of the page are read, as two sources with one parser:

- `openai-pricing`, a crawl of 2025-12-20, is the source of truth for the page's live URL:
  it is the newer capture and contains every table the older one has.
- `openai-pricing-reader`, a reader capture (r.jina.ai style) of October 2025, kept as a second
  dated statement of the same page. The `URL Source:` line names the page and becomes each
  observation's cited URL.

NOTE: both sources are official. Should the two captures ever disagree, reconciliation has no
rule that prefers the newer one, and shows the disagreement as a discrepancy.

Tables read: "Text tokens" (one table per service tier, labelled by the paragraph above it:
Batch, Flex, Standard, Priority), "Image tokens", "Audio tokens", "Embeddings" and "Legacy
models" (Batch and Standard). A `-` cell is read as not offered at that tier.

NOTE: video, fine-tuning, built-in tools, transcription and per-image generation prices are
not read: they depend on resolution, quality or container size, which harga's conditions do
not express yet.
"""

import re

from harga.collectors.base import ParsedDocument, RawDocument, SourceFormatError
from harga.collectors.pages.layout import (
    CellReader,
    PageCollector,
    PageExpectations,
    fold,
    require_tables,
)
from harga.collectors.pages.markdown import (
    MarkdownPage,
    MarkdownTable,
    decode_text,
    parse_markdown,
    read_reader_header,
)
from harga.domain.conditions import BATCH, STANDARD, Conditions, ServiceTier
from harga.domain.money import SourceUnit
from harga.domain.observation import Observation

TOKEN_COLUMNS = ("Model", "Input", "Cached input", "Output")
READ_TABLES = "the Text, Image and Audio tokens, Embeddings and Legacy models tables"
_TIERS = {tier.value: Conditions(tier=tier) for tier in ServiceTier}
_MODEL_ID = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")
_TEXT = ("input", "cache_read", "output")
_IMAGE = ("input_image", "cache_read_image", "output_image")
_AUDIO = ("input_audio", "cache_read_audio", "output_audio")


class OpenAiPricingCollector(PageCollector):
    source_id = "openai-pricing"
    name = "OpenAI pricing page"
    url = "https://platform.openai.com/docs/pricing"
    mirror_glob = "pricing-pages/petehsu-LLM-Docs/data/docs/OpenAI/docs/pricing.md"
    # 66 distinct model ids in the crawl of 2025-12-20, 46 of them in the Standard text table.
    expectations = PageExpectations(
        min_models=66,
        counted_in=READ_TABLES,
        dimensions=frozenset({"input", "output", "cache_read", "input_audio", "input_image"}),
    )

    def parse(self, document: RawDocument) -> ParsedDocument:
        page = parse_markdown(decode_text(document))
        return ParsedDocument(
            read_pricing(page, CellReader(self.source_id, "openai", document.location))
        )


class OpenAiPricingReaderCollector(PageCollector):
    source_id = "openai-pricing-reader"
    name = "OpenAI pricing page (reader capture)"
    url = "https://platform.openai.com/docs/pricing"
    mirror_glob = "pricing-pages/gfargo-token-tally/scripts/fixtures/openai/pricing.md"
    # 55 distinct model ids in the capture of October 2025, 35 in the Standard text table.
    expectations = PageExpectations(
        min_models=55,
        counted_in=READ_TABLES,
        dimensions=frozenset({"input", "output", "cache_read", "input_audio", "input_image"}),
    )

    def parse(self, document: RawDocument) -> ParsedDocument:
        header = read_reader_header(document, decode_text(document))
        reader = CellReader(
            self.source_id, "openai", document.location, cited_url=header.url_source
        )
        observations = read_pricing(parse_markdown(header.body), reader)
        return ParsedDocument(observations, stated_at=header.published_time)


def read_pricing(page: MarkdownPage, reader: CellReader) -> list[Observation]:
    observations = []
    for table in require_tables(
        page, reader.location, heading="Text tokens", columns=TOKEN_COLUMNS, count=4
    ):
        observations += _token_table(table, reader, _TEXT, _tier_of(table, reader), tiered=True)
    (image,) = require_tables(
        page, reader.location, heading="Image tokens", columns=_capitalised(), count=1
    )
    observations += _token_table(image, reader, _IMAGE, STANDARD)
    (audio,) = require_tables(
        page, reader.location, heading="Audio tokens", columns=_capitalised(), count=1
    )
    observations += _token_table(audio, reader, _AUDIO, STANDARD)
    observations += _embeddings(page, reader)
    for table in require_tables(
        page,
        reader.location,
        heading="Legacy models",
        columns=("Model", "Input", "Output"),
        count=2,
    ):
        tier = _tier_of(table, reader)
        observations += _token_table(table, reader, ("input", "output"), tier, tiered=True)
    return observations


def _capitalised() -> tuple[str, ...]:
    # The image and audio tables write "Cached Input"; `fold` makes the case irrelevant.
    return TOKEN_COLUMNS


def _tier_of(table: MarkdownTable, reader: CellReader) -> Conditions:
    """Read the tier from the paragraph right above the table ("Batch", "Standard", ...)."""
    label = table.before[-1] if table.before else ""
    tier = _TIERS.get(fold(label))
    if tier is None:
        raise SourceFormatError(
            reader.location,
            f"table at line {table.line}",
            label,
            f"a tier name above the table, one of {sorted(_TIERS)}",
        )
    return tier


def _token_table(
    table: MarkdownTable,
    reader: CellReader,
    dimensions: tuple[str, ...],
    conditions: Conditions,
    *,
    tiered: bool = False,
) -> list[Observation]:
    section = table.heading
    tier_label = table.before[-1] if tiered else None
    observations = []
    for number, row in enumerate(table.rows, start=1):
        path = f"table at line {table.line}, row {number}"
        model = _model_id(row[0], reader, path)
        for column, dimension in enumerate(dimensions, start=1):
            labels = tuple(x for x in (section, tier_label, row[0], table.header[column]) if x)
            observations.append(
                reader.cell(
                    model,
                    dimension,
                    row[column],
                    labels,
                    f"{path}, column {table.header[column]!r}",
                    currency="USD",
                    unit=SourceUnit.PER_MTOK,
                    conditions=conditions,
                )
            )
    return observations


def _embeddings(page: MarkdownPage, reader: CellReader) -> list[Observation]:
    (table,) = require_tables(
        page,
        reader.location,
        heading="Embeddings",
        columns=("Model", "Cost", "Batch cost"),
        count=1,
    )
    observations = []
    for number, row in enumerate(table.rows, start=1):
        path = f"table at line {table.line}, row {number}"
        model = _model_id(row[0], reader, path)
        for column, conditions in ((1, STANDARD), (2, BATCH)):
            observations.append(
                reader.cell(
                    model,
                    "input",
                    row[column],
                    (table.heading, row[0], table.header[column]),
                    f"{path}, column {table.header[column]!r}",
                    currency="USD",
                    unit=SourceUnit.PER_MTOK,
                    conditions=conditions,
                )
            )
    return observations


def _model_id(text: str, reader: CellReader, path: str) -> str:
    """Return the cell as an API model id; other text is a layout this parser does not know."""
    if not _MODEL_ID.match(text):
        raise SourceFormatError(reader.location, path, text, "an API model id")
    return text
