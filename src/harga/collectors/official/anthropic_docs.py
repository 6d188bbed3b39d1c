"""Anthropic's pricing docs page, in English and in Simplified Chinese, as markdown.

Both languages keep the English table headers and state prices in USD. Three tables are read:

- "Model pricing": base input, 5-minute and 1-hour cache writes, cache hits and output.
- "Batch processing": batch input and output, the `batch` tier.
- "Long context pricing": no model column. The sentence above it names the models ("When using
  Claude Sonnet 4 or Sonnet 4.5 ..."), so the collector requires that sentence and applies the
  table to those two models. Its "> 200K input tokens" column is the tier of prompts above
  200,000 tokens. The page states that the whole request is then billed at that rate.
"""

from dataclasses import dataclass

from harga.collectors.base import ParsedDocument, RawDocument, SourceFormatError
from harga.collectors.official.anthropic_names import model_id
from harga.collectors.pages.layout import (
    CellReader,
    PageCollector,
    PageExpectations,
    fold,
    require_tables,
    require_text,
)
from harga.collectors.pages.markdown import (
    MarkdownPage,
    decode_text,
    parse_markdown,
    read_reader_header,
)
from harga.collectors.pages.price_text import PriceTextError, parse_prompt_range
from harga.domain.conditions import BATCH, STANDARD, Conditions
from harga.domain.money import SourceUnit
from harga.domain.observation import Observation
from harga.domain.states import PriceState

MODEL_COLUMNS = (
    "Model",
    "Base Input Tokens",
    "5m Cache Writes",
    "1h Cache Writes",
    "Cache Hits & Refreshes",
    "Output Tokens",
)
_MODEL_CONDITIONS = (
    ("input", STANDARD),
    ("cache_write", Conditions(cache_ttl="5m")),
    ("cache_write", Conditions(cache_ttl="1h")),
    ("cache_read", STANDARD),
    ("output", STANDARD),
)
BATCH_COLUMNS = ("Model", "Batch input", "Batch output")
LONG_CONTEXT_MODELS = ("claude-sonnet-4", "claude-sonnet-4-5")


@dataclass(frozen=True)
class DocsLanguage:
    """The headings and sentences of one language version of the page."""

    model_heading: str
    batch_heading: str
    long_context_heading: str
    long_context_sentence: str
    long_context_columns: tuple[str, str]
    input_label: str
    output_label: str


ENGLISH = DocsLanguage(
    model_heading="Model pricing",
    batch_heading="Batch processing",
    long_context_heading="Long context pricing",
    long_context_sentence="When using Claude Sonnet 4 or Sonnet 4.5",
    long_context_columns=("≤ 200K input tokens", "> 200K input tokens"),
    input_label="Input",
    output_label="Output",
)
CHINESE = DocsLanguage(
    model_heading="模型定价",
    batch_heading="批处理",
    long_context_heading="长上下文定价",
    long_context_sentence="使用 Claude Sonnet 4 或 Sonnet 4.5",
    long_context_columns=("≤ 200K 输入令牌", "> 200K 输入令牌"),
    input_label="输入",
    output_label="输出",
)
# Ten models in the "Model pricing" table of both language versions (2025-12-20 crawl): Opus
# 4.5, 4.1, 4 and 3, Sonnet 4.5, 4 and 3.7, Haiku 4.5, 3.5 and 3.
DOCS_EXPECTATIONS = PageExpectations(
    min_models=10,
    counted_in="the 'Model pricing' table",
    dimensions=frozenset({"input", "output", "cache_write", "cache_read"}),
)


class AnthropicDocsCollector(PageCollector):
    source_id = "anthropic-docs-pricing"
    name = "Anthropic docs: pricing (English)"
    url = "https://platform.claude.com/docs/en/about-claude/pricing"
    mirror_glob = (
        "pricing-pages/petehsu-LLM-Docs/data/docs/Anthropic Claude/English/about-claude/pricing.md"
    )
    expectations = DOCS_EXPECTATIONS
    language = ENGLISH

    def parse(self, document: RawDocument) -> ParsedDocument:
        text = decode_text(document)
        page = parse_markdown(text)
        reader = CellReader(self.source_id, "anthropic", document.location)
        observations = read_model_pricing(page, reader, self.language.model_heading)
        observations += _batch(page, reader, self.language)
        observations += _long_context(page, text, reader, self.language)
        return ParsedDocument(observations)


class AnthropicDocsChineseCollector(AnthropicDocsCollector):
    source_id = "anthropic-docs-pricing-zh"
    name = "Anthropic docs: pricing (简体中文)"
    url = "https://platform.claude.com/docs/zh-CN/about-claude/pricing"
    mirror_glob = (
        "pricing-pages/petehsu-LLM-Docs/data/docs/Anthropic Claude/简体中文/about-claude/pricing.md"
    )
    language = CHINESE


def read_model_pricing(page: MarkdownPage, reader: CellReader, heading: str) -> list[Observation]:
    """Read the "Model pricing" table, shared by the pricing and the models overview pages."""
    (table,) = require_tables(
        page, reader.location, heading=heading, columns=MODEL_COLUMNS, count=1
    )
    observations = []
    for number, row in enumerate(table.rows, start=1):
        path = f"table at line {table.line}, row {number}"
        model = model_id(row[0], reader.location, path)
        for column, (dimension, conditions) in enumerate(_MODEL_CONDITIONS, start=1):
            observations.append(
                reader.table_cell(
                    model,
                    dimension,
                    table,
                    row,
                    column,
                    path,
                    currency="USD",
                    conditions=conditions,
                )
            )
    return observations


def _batch(page: MarkdownPage, reader: CellReader, language: DocsLanguage) -> list[Observation]:
    (table,) = require_tables(
        page, reader.location, heading=language.batch_heading, columns=BATCH_COLUMNS, count=1
    )
    observations = []
    for number, row in enumerate(table.rows, start=1):
        path = f"table at line {table.line}, row {number}"
        model = model_id(row[0], reader.location, path)
        observations.append(
            reader.table_cell(model, "input", table, row, 1, path, currency="USD", conditions=BATCH)
        )
        observations.append(
            reader.table_cell(
                model, "output", table, row, 2, path, currency="USD", conditions=BATCH
            )
        )
    return observations


def _long_context(
    page: MarkdownPage, text: str, reader: CellReader, language: DocsLanguage
) -> list[Observation]:
    require_text(
        text,
        reader.location,
        language.long_context_sentence,
        "it names the models the long context table applies to",
    )
    (table,) = require_tables(
        page,
        reader.location,
        heading=language.long_context_heading,
        columns=language.long_context_columns,
        count=1,
    )
    tiers = [_column_tier(reader, name) for name in table.header]
    labels = {fold(language.input_label): "input", fold(language.output_label): "output"}
    observations = []
    for number, row in enumerate(table.rows, start=1):
        for column, cell_text in enumerate(row):
            path = f"table at line {table.line}, row {number}, column {column + 1}"
            cell = reader.parse(cell_text, path, unit=SourceUnit.PER_MTOK)
            if cell.state is not PriceState.PRICED:
                raise SourceFormatError(reader.location, path, cell_text, "an amount")
            part = cell.single()
            dimension = labels.get(fold(part.qualifier))
            if dimension is None:
                raise SourceFormatError(reader.location, path, cell_text, "an Input or Output cell")
            for model in LONG_CONTEXT_MODELS:
                cell_labels = (language.long_context_sentence, table.header[column])
                observations.append(
                    reader.priced(model, dimension, cell, part, cell_labels, tiers[column])
                )
    return observations


def _column_tier(reader: CellReader, header: str) -> Conditions:
    try:
        above, boundary, _ = parse_prompt_range(header)
    except PriceTextError:
        raise SourceFormatError(reader.location, "long context header", header, "a tier") from None
    if above is None:
        return STANDARD
    return Conditions(prompt_threshold_tokens=above, prompt_boundary=boundary)


class AnthropicModelsPageCollector(PageCollector):
    """Anthropic's models overview, a reader capture whose "Model pricing" table is read.

    The capture of 2025-10 lists nine models there; it has no batch or long context table.
    """

    source_id = "anthropic-docs-models"
    name = "Anthropic docs: models overview"
    url = "https://docs.claude.com/en/docs/about-claude/models"
    mirror_glob = "pricing-pages/gfargo-token-tally/scripts/fixtures/anthropic/docs-models.md"
    # Opus 4.1, Opus 4, Sonnet 4.5, 4, 3.7 and 3.5, Haiku 3.5, Opus 3 and Haiku 3.
    expectations = PageExpectations(
        min_models=9,
        counted_in="the 'Model pricing' table",
        dimensions=frozenset({"input", "output", "cache_write", "cache_read"}),
    )

    def parse(self, document: RawDocument) -> ParsedDocument:
        header = read_reader_header(document, decode_text(document))
        page = parse_markdown(header.body)
        reader = CellReader(
            self.source_id, "anthropic", document.location, cited_url=header.url_source
        )
        observations = read_model_pricing(page, reader, "Model pricing")
        return ParsedDocument(observations, stated_at=header.published_time)
