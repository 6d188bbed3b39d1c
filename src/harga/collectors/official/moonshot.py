"""Moonshot AI's chat pricing page (Kimi), in Chinese, priced in CNY.

The page is Moonshot's China platform documentation, so its yuan prices are the `moonshot-cn`
offering, apart from any USD offering of the same models. Three tables are read:

- kimi-k2 models: cache-hit input, cache-miss input, output and the context length;
- kimi-latest, billed by the length of the request: one row per length range, with the model
  name written once on the first row. The crawl shifts the later rows one cell left, so a row
  that starts with a length range belongs to the model above. A range `8,192 < 长度 ≤ 32,768`
  becomes the tier of prompts above 8,192 tokens; the first range (`≤ 8,192`) is the base price;
- moonshot-v1 models: input, output and the context length.

The page's "Last updated on 2025年11月11日" line is its stated date.
"""

import re
from datetime import UTC, datetime

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
)
from harga.collectors.pages.price_text import PriceTextError, parse_prompt_range
from harga.domain.conditions import STANDARD, Conditions
from harga.domain.money import SourceUnit
from harga.domain.observation import Observation

K2_COLUMNS = (
    "模型",
    "计费单位",
    "输入价格 （缓存命中）",
    "输入价格 （缓存未命中）",
    "输出价格",
    "模型上下文长度",
)
LATEST_COLUMNS = (
    "模型",
    "请求上下文长度范围 （自动选择计费模型）",
    "计费单位",
    "输入价格 （缓存命中）",
    "输入价格 （缓存未命中）",
    "输出价格",
)
V1_COLUMNS = ("模型", "计费单位", "输入价格", "输出价格", "模型上下文长度")
_BILLING_UNIT = "1M tokens"
# The page marks a recommended model with this badge after its id.
_BADGE = "推荐"
_MODEL_ID = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")
_LAST_UPDATED = re.compile(r"Last updated on (\d{4})年(\d{1,2})月(\d{1,2})日")
_CONTEXT = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+) tokens$")


class MoonshotPricingCollector(PageCollector):
    source_id = "moonshot-pricing-cn"
    name = "Moonshot AI (Kimi) 模型推理价格 (CNY)"
    url = "https://platform.moonshot.cn/docs/pricing/chat"
    mirror_glob = "pricing-pages/petehsu-LLM-Docs/data/docs/Moonshot Kimi/English/pricing/chat.md"
    # Five kimi-k2 rows, kimi-latest, and six moonshot-v1 rows in the capture of 2025-11-11.
    expectations = PageExpectations(
        min_models=12,
        counted_in="the kimi-k2, kimi-latest and moonshot-v1 tables",
        dimensions=frozenset({"input", "output", "cache_read"}),
    )

    def parse(self, document: RawDocument) -> ParsedDocument:
        page = parse_markdown(decode_text(document))
        reader = CellReader(self.source_id, "moonshot-cn", document.location)
        observations = _k2(page, reader) + _latest(page, reader) + _v1(page, reader)
        return ParsedDocument(observations, stated_at=_last_updated(page))


def _k2(page: MarkdownPage, reader: CellReader) -> list[Observation]:
    (table,) = require_tables(page, reader.location, columns=K2_COLUMNS, count=1)
    dimensions = {2: "cache_read", 3: "input", 4: "output"}
    return _rows(table, reader, dimensions, context_column=5)


def _v1(page: MarkdownPage, reader: CellReader) -> list[Observation]:
    (table,) = require_tables(page, reader.location, columns=V1_COLUMNS, count=1)
    return _rows(table, reader, {2: "input", 3: "output"}, context_column=4)


def _rows(
    table: MarkdownTable, reader: CellReader, dimensions: dict[int, str], context_column: int
) -> list[Observation]:
    observations = []
    for number, row in enumerate(table.rows, start=1):
        path = f"table at line {table.line}, row {number}"
        model = _model_id(row[0], reader, path)
        _check_billing_unit(row[1], reader, path)
        for column, dimension in dimensions.items():
            observations.append(
                reader.table_cell(
                    model, dimension, table, row, column, path, currency="CNY", conditions=STANDARD
                )
            )
        observations.append(_context(reader, model, table, row, context_column, path))
    return observations


def _latest(page: MarkdownPage, reader: CellReader) -> list[Observation]:
    (table,) = require_tables(page, reader.location, columns=LATEST_COLUMNS, count=1)
    observations = []
    model = None
    for number, written in enumerate(table.rows, start=1):
        path = f"table at line {table.line}, row {number}"
        row = written
        if _is_range(written[0]):
            if model is None:
                raise SourceFormatError(reader.location, path, written[0], "a model name first")
            row = (model, *written[:-1])
        else:
            model = _model_id(written[0], reader, path)
        _check_billing_unit(row[2], reader, path)
        conditions = _range_conditions(row[1], reader, path)
        for column, dimension in {3: "cache_read", 4: "input", 5: "output"}.items():
            labels = (model, row[1], table.header[column])
            observations.append(
                reader.cell(
                    model,
                    dimension,
                    row[column],
                    labels,
                    f"{path}, column {table.header[column]!r}",
                    currency="CNY",
                    unit=SourceUnit.PER_MTOK,
                    conditions=conditions,
                )
            )
    return observations


def _is_range(text: str) -> bool:
    try:
        parse_prompt_range(text)
    except PriceTextError:
        return False
    return True


def _range_conditions(text: str, reader: CellReader, path: str) -> Conditions:
    try:
        above, boundary, _ = parse_prompt_range(text)
    except PriceTextError:
        raise SourceFormatError(reader.location, path, text, "a request length range") from None
    if above is None:
        return STANDARD
    return Conditions(prompt_threshold_tokens=above, prompt_boundary=boundary)


def _context(
    reader: CellReader,
    model: str,
    table: MarkdownTable,
    row: tuple[str, ...],
    column: int,
    path: str,
) -> Observation:
    text = row[column]
    match = _CONTEXT.match(text)
    if match is None:
        raise SourceFormatError(reader.location, path, text, "a context length in tokens")
    tokens = int(match.group(1).replace(",", ""))
    return reader.fact(model, "context_window", text, tokens, (row[0], table.header[column]))


def _model_id(text: str, reader: CellReader, path: str) -> str:
    model = text.removesuffix(_BADGE).strip()
    if not _MODEL_ID.match(model):
        raise SourceFormatError(reader.location, path, text, "a model id")
    return model


def _check_billing_unit(text: str, reader: CellReader, path: str) -> None:
    if fold(text) != fold(_BILLING_UNIT):
        raise SourceFormatError(reader.location, path, text, f"the billing unit {_BILLING_UNIT!r}")


def _last_updated(page: MarkdownPage) -> datetime | None:
    for block in page.blocks:
        match = _LAST_UPDATED.search(block.text)
        if match is not None:
            year, month, day = (int(g) for g in match.groups())
            return datetime(year, month, day, tzinfo=UTC)
    return None
