"""DeepSeek's "Models & Pricing" page, English (USD) and Simplified Chinese (CNY).

The page has one table with the models as columns and the properties as rows. The crawl
flattens the rendered table, so a row may start with a group label ("PRICING", "价格") before
its own label, and a value shared by both models is written once. Each pricing row carries one
value for the two model columns, which are both DeepSeek-V3.2; that value is read as the price
of both models. A pricing row that gains a second value is read per model.

The English page bills in USD and is the `deepseek` offering. The Chinese page bills in CNY
for DeepSeek's China platform, the `deepseek-cn` offering. Its yuan prices are published as
that offering's, converted to USD with the ECB rate of the day. They are never compared with
the USD prices as if the two were one statement.
"""

from dataclasses import dataclass

from harga.collectors.base import ParsedDocument, RawDocument, SourceFormatError
from harga.collectors.pages.layout import (
    CellReader,
    PageCollector,
    PageExpectations,
    fold,
    require_text,
)
from harga.collectors.pages.markdown import MarkdownTable, decode_text, parse_markdown
from harga.domain.money import SourceUnit
from harga.domain.observation import Observation

MODELS = ("deepseek-chat", "deepseek-reasoner")


@dataclass(frozen=True)
class DeepSeekLanguage:
    heading: str
    first_header: str
    unit_sentence: str
    rows: dict[str, str]  # row label -> dimension


ENGLISH = DeepSeekLanguage(
    heading="Model Details",
    first_header="MODEL",
    unit_sentence="The prices listed below are in units of per 1M tokens",
    rows={
        "1M INPUT TOKENS (CACHE HIT)": "cache_read",
        "1M INPUT TOKENS (CACHE MISS)": "input",
        "1M OUTPUT TOKENS": "output",
    },
)
CHINESE = DeepSeekLanguage(
    heading="模型细节",
    first_header="模型",
    unit_sentence="下表所列模型价格以“百万 tokens”为单位",
    rows={
        "百万tokens输入（缓存命中）": "cache_read",
        "百万tokens输入（缓存未命中）": "input",
        "百万tokens输出": "output",
    },
)
# Two model columns, deepseek-chat and deepseek-reasoner, in both language versions.
EXPECTATIONS = PageExpectations(
    min_models=2,
    counted_in="the 'Model Details' table's model columns",
    dimensions=frozenset({"input", "output", "cache_read"}),
)


class DeepSeekPricingCollector(PageCollector):
    source_id = "deepseek-pricing"
    name = "DeepSeek models and pricing (USD)"
    url = "https://api-docs.deepseek.com/quick_start/pricing"
    mirror_glob = "pricing-pages/petehsu-LLM-Docs/data/docs/DeepSeek/English/quick_start/pricing.md"
    expectations = EXPECTATIONS
    language = ENGLISH
    seller = "deepseek"
    currency = "USD"

    def parse(self, document: RawDocument) -> ParsedDocument:
        text = decode_text(document)
        require_text(
            text, document.location, self.language.unit_sentence, "it states the price unit"
        )
        page = parse_markdown(text)
        table = _details_table(page.tables, self.language, document.location)
        reader = CellReader(self.source_id, self.seller, document.location)
        return ParsedDocument(_prices(table, self.language, reader, self.currency))


class DeepSeekPricingChineseCollector(DeepSeekPricingCollector):
    source_id = "deepseek-pricing-cn"
    name = "DeepSeek 模型 & 价格 (CNY)"
    url = "https://api-docs.deepseek.com/zh-cn/quick_start/pricing"
    mirror_glob = (
        "pricing-pages/petehsu-LLM-Docs/data/docs/DeepSeek/简体中文/quick_start/pricing.md"
    )
    language = CHINESE
    seller = "deepseek-cn"
    currency = "CNY"


def _details_table(
    tables: list[MarkdownTable], language: DeepSeekLanguage, location: str
) -> MarkdownTable:
    for table in tables:
        if fold(language.heading) not in {fold(h) for h in table.headings}:
            continue
        models = tuple(cell.strip() for cell in table.header[1:])
        if fold(table.header[0].strip("* ")) == fold(language.first_header) and models == MODELS:
            return table
    found = [list(t.header) for t in tables]
    raise SourceFormatError(
        location,
        f"table under heading {language.heading!r}",
        found,
        f"a header row [{language.first_header!r}, 'deepseek-chat', 'deepseek-reasoner']",
    )


def _prices(
    table: MarkdownTable, language: DeepSeekLanguage, reader: CellReader, currency: str
) -> list[Observation]:
    labels = {fold(label): (label, dimension) for label, dimension in language.rows.items()}
    observations = []
    seen = set()
    for number, row in enumerate(table.rows, start=1):
        position = next((i for i, cell in enumerate(row) if fold(cell) in labels), None)
        if position is None:
            continue
        label, dimension = labels[fold(row[position])]
        seen.add(label)
        values = [cell for cell in row[position + 1 :] if cell]
        path = f"table at line {table.line}, row {number} ({label})"
        if len(values) == 1:
            values = values * len(MODELS)
        if len(values) != len(MODELS):
            raise SourceFormatError(
                reader.location, path, list(row), "one shared value or one value per model"
            )
        for model, value in zip(MODELS, values, strict=True):
            observations.append(
                reader.cell(
                    model,
                    dimension,
                    value,
                    (model, label),
                    path,
                    currency=currency,
                    unit=SourceUnit.PER_MTOK,
                )
            )
    missing = [label for label in language.rows if label not in seen]
    if missing:
        raise SourceFormatError(reader.location, f"table at line {table.line}", missing, "rows")
    return observations
