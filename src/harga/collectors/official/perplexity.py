"""Perplexity's API pricing page, a reader capture (r.jina.ai style).

Read: the "Token Pricing" table of the Sonar models (input, output, citation, search query and
reasoning prices, the unit in each column header) and the "Search API Pricing" table, whose
one row is the Search API billed per 1,000 requests. The Search API is recorded as the model
`perplexity/search-api`, since it is sold and priced like one. A `-` cell is read as not
offered. The glossary below the table states that citation, search query and reasoning
tokens apply only to Sonar Deep Research.

NOTE: the capture lists a "Request Pricing" tab but holds only the token table, so the
per-request fees by search context size are not read.
"""

from harga.collectors.base import ParsedDocument, RawDocument, SourceFormatError
from harga.collectors.pages.layout import (
    CellReader,
    PageCollector,
    PageExpectations,
    fold,
    require_tables,
)
from harga.collectors.pages.markdown import decode_text, parse_markdown, read_reader_header
from harga.domain.money import SourceUnit
from harga.domain.observation import Observation

TOKEN_COLUMNS = (
    "Model",
    "Input Tokens ($/1M)",
    "Output Tokens ($/1M)",
    "Citation Tokens ($/1M)",
    "Search Queries ($/1K)",
    "Reasoning Tokens ($/1M)",
)
_TOKEN_DIMENSIONS = {
    1: ("input", SourceUnit.PER_MTOK),
    2: ("output", SourceUnit.PER_MTOK),
    3: ("citation", SourceUnit.PER_MTOK),
    4: ("web_search", SourceUnit.PER_KCALL),
    5: ("reasoning", SourceUnit.PER_MTOK),
}
SEARCH_COLUMNS = ("API", "Price per 1K requests", "Description")
MODEL_IDS = {
    "Sonar": "sonar",
    "Sonar Pro": "sonar-pro",
    "Sonar Reasoning": "sonar-reasoning",
    "Sonar Reasoning Pro": "sonar-reasoning-pro",
    "Sonar Deep Research": "sonar-deep-research",
    "Search API": "search-api",
}
_BY_FOLDED = {fold(name): model for name, model in MODEL_IDS.items()}


class PerplexityPricingCollector(PageCollector):
    source_id = "perplexity-pricing"
    name = "Perplexity API pricing"
    url = "https://docs.perplexity.ai/getting-started/pricing"
    mirror_glob = "pricing-pages/gfargo-token-tally/scripts/fixtures/perplexity/pricing.md"
    # Five Sonar models in the "Token Pricing" table of the capture of October 2025.
    expectations = PageExpectations(
        min_models=5,
        counted_in="the 'Token Pricing' table",
        dimensions=frozenset({"input", "output", "reasoning", "web_search", "request"}),
    )

    def parse(self, document: RawDocument) -> ParsedDocument:
        header = read_reader_header(document, decode_text(document))
        page = parse_markdown(header.body)
        reader = CellReader(
            self.source_id, "perplexity", document.location, cited_url=header.url_source
        )
        (tokens,) = require_tables(
            page, document.location, heading="Token Pricing", columns=TOKEN_COLUMNS, count=1
        )
        (search,) = require_tables(
            page, document.location, heading="Search API Pricing", columns=SEARCH_COLUMNS, count=1
        )
        observations: list[Observation] = []
        for number, row in enumerate(tokens.rows, start=1):
            path = f"table at line {tokens.line}, row {number}"
            model = _model_id(row[0], reader, path)
            for column, (dimension, unit) in _TOKEN_DIMENSIONS.items():
                observations.append(
                    reader.cell(
                        model,
                        dimension,
                        row[column],
                        (row[0], tokens.header[column]),
                        f"{path}, column {tokens.header[column]!r}",
                        currency="USD",
                        unit=unit,
                    )
                )
        for number, row in enumerate(search.rows, start=1):
            path = f"table at line {search.line}, row {number}"
            observations.append(
                reader.cell(
                    _model_id(row[0], reader, path),
                    "request",
                    row[1],
                    (row[0], search.header[1]),
                    f"{path}, column {search.header[1]!r}",
                    currency="USD",
                    unit=SourceUnit.PER_KREQUEST,
                )
            )
        return ParsedDocument(observations, stated_at=header.published_time)


def _model_id(name: str, reader: CellReader, path: str) -> str:
    try:
        return _BY_FOLDED[fold(name)]
    except KeyError:
        raise SourceFormatError(
            reader.location, path, name, "a model named in the page-name map"
        ) from None
