"""MiniMax's pay-as-you-go pricing: the international page (USD) and the China page (CNY).

The text table gives input, output, cache read and cache write per 1M tokens, and the image
table a price per image. The international page writes the currency and unit in every cell
(`$0.3 / M tokens`). The China page writes them in the column headers (`元/百万 tokens`,
`元/张`) and bare numbers in the cells. The China page bills for MiniMax's China platform,
the `minimax-cn` offering, so its yuan prices are never compared with the USD ones.

A model cell may carry a note on a second line ("High Concurrency, Commercial Use") or list
several models that share the price on separate lines (`image-01`, `image-01-live`). Model ids
are passed on with the `minimax/` namespace, because names such as `image-01` do not say who
made them.

NOTE: speech, voice, video and music prices are not read: they are billed per character,
voice, clip or song, units harga has no dimension for.
"""

from dataclasses import dataclass

from harga.collectors.base import ParsedDocument, RawDocument, SourceFormatError
from harga.collectors.pages.layout import (
    CellReader,
    PageCollector,
    PageExpectations,
    require_tables,
)
from harga.collectors.pages.markdown import MarkdownTable, decode_text, parse_markdown
from harga.domain.money import SourceUnit
from harga.domain.observation import Observation


@dataclass(frozen=True)
class MiniMaxPage:
    text_heading: str
    text_columns: tuple[str, ...]
    image_heading: str
    image_columns: tuple[str, ...]
    currency: str
    # The China page's text table has a note on the second line of the model cell, as the
    # international one does, but its image table lists one model per line.
    image_models_per_line: bool


INTERNATIONAL = MiniMaxPage(
    text_heading="Text",
    text_columns=("Model", "Input", "Output", "Prompt caching Read", "Prompt caching Write"),
    image_heading="Image",
    image_columns=("Model", "Price"),
    currency="USD",
    image_models_per_line=False,
)
CHINA = MiniMaxPage(
    text_heading="文本",
    text_columns=(
        "模型",
        "输入价格 元/百万 tokens",
        "输出价格 元/百万 tokens",
        "缓存读取 元/百万 tokens",
        "缓存写入 元/百万 tokens",
    ),
    image_heading="图像",
    image_columns=("模型", "接口说明", "单价 元/张"),
    currency="CNY",
    image_models_per_line=True,
)
_TEXT_DIMENSIONS = {1: "input", 2: "output", 3: "cache_read", 4: "cache_write"}
# MiniMax-M2 and MiniMax-M2-Stable in the text table of both pages (crawl of 2025-12-20).
EXPECTATIONS = PageExpectations(
    min_models=2,
    counted_in="the text table",
    dimensions=frozenset({"input", "output", "cache_read", "cache_write", "image"}),
)


class MiniMaxPricingCollector(PageCollector):
    source_id = "minimax-pricing"
    name = "MiniMax pay-as-you-go pricing (USD)"
    url = "https://platform.minimax.io/docs/pricing/pay-as-you-go"
    mirror_glob = (
        "pricing-pages/petehsu-LLM-Docs/data/docs/MiniMax/English/pricing/pay-as-you-go.md"
    )
    expectations = EXPECTATIONS
    page = INTERNATIONAL
    seller = "minimax"

    def parse(self, document: RawDocument) -> ParsedDocument:
        markdown = parse_markdown(decode_text(document))
        reader = CellReader(self.source_id, self.seller, document.location)
        (text,) = require_tables(
            markdown,
            document.location,
            heading=self.page.text_heading,
            columns=self.page.text_columns,
            count=1,
        )
        (image,) = require_tables(
            markdown,
            document.location,
            heading=self.page.image_heading,
            columns=self.page.image_columns,
            count=1,
        )
        observations = _text_prices(text, reader, self.page)
        observations += _image_prices(image, reader, self.page)
        return ParsedDocument(observations)


class MiniMaxPricingChinaCollector(MiniMaxPricingCollector):
    source_id = "minimax-pricing-cn"
    name = "MiniMax 按量计费 (CNY)"
    url = "https://platform.minimaxi.com/docs/pricing/pay-as-you-go"
    mirror_glob = (
        "pricing-pages/petehsu-LLM-Docs/data/docs/MiniMax/简体中文/pricing/pay-as-you-go.md"
    )
    page = CHINA
    seller = "minimax-cn"


def _text_prices(table: MarkdownTable, reader: CellReader, page: MiniMaxPage) -> list[Observation]:
    observations = []
    for number, row in enumerate(table.rows, start=1):
        path = f"table at line {table.line}, row {number}"
        model = _first_line(row[0], reader, path)
        for column, dimension in _TEXT_DIMENSIONS.items():
            observations.append(
                reader.cell(
                    model,
                    dimension,
                    row[column],
                    (row[0], table.header[column]),
                    f"{path}, column {table.header[column]!r}",
                    currency=page.currency,
                    unit=SourceUnit.PER_MTOK,
                )
            )
    return observations


def _image_prices(table: MarkdownTable, reader: CellReader, page: MiniMaxPage) -> list[Observation]:
    observations = []
    price_column = len(table.header) - 1
    for number, row in enumerate(table.rows, start=1):
        path = f"table at line {table.line}, row {number}"
        if page.image_models_per_line:
            models = [f"minimax/{line.strip()}" for line in row[0].split("\n") if line.strip()]
        else:
            models = [_first_line(row[0], reader, path)]
        for model in models:
            observations.append(
                reader.cell(
                    model,
                    "image",
                    row[price_column],
                    (row[0], table.header[price_column]),
                    f"{path}, column {table.header[price_column]!r}",
                    currency=page.currency,
                    unit=SourceUnit.PER_IMAGE,
                )
            )
    return observations


def _first_line(text: str, reader: CellReader, path: str) -> str:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines or " " in lines[0]:
        raise SourceFormatError(reader.location, path, text, "a model id on the first line")
    return f"minimax/{lines[0]}"
