"""xAI's "Models and Pricing" page: the server-side tool prices only.

The crawl keeps the "Model Pricing" heading but no table under it, so this collector reads
the "Tool Invocation Costs" table alone. Tool prices apply to every model that
calls the tools, and the page names no models, so they are recorded on one offering,
`xai/server-side-tools`, rather than copied onto models the page does not list.

Tools whose cost is "Token-based only" (View Image, View X Video, Remote MCP Tools) are not
recorded: the page states that their invocation itself is not charged, but they have no
dimension of their own. The collector checks that those rows still read "Token-based only".
"""

from harga.collectors.base import ParsedDocument, RawDocument, SourceFormatError
from harga.collectors.pages.layout import (
    CellReader,
    PageCollector,
    PageExpectations,
    fold,
    require_tables,
)
from harga.collectors.pages.markdown import decode_text, parse_markdown
from harga.domain.money import SourceUnit
from harga.domain.observation import Observation

TOOL_COLUMNS = ("Tool", "Cost per 1,000 calls", "Description")
MODEL_ID = "server-side-tools"
TOOL_DIMENSIONS = {
    "Web Search": "web_search",
    "X Search": "x_search",
    "Code Execution": "code_execution",
    "Document Search": "document_search",
    "Collections Search": "collections_search",
}
TOKEN_BASED_TOOLS = ("View Image", "View X Video", "Remote MCP Tools")
_TOKEN_BASED = "Token-based only"


class XaiModelsPageCollector(PageCollector):
    source_id = "xai-models-pricing"
    name = "xAI models and pricing (tool prices)"
    url = "https://docs.x.ai/docs/models"
    mirror_glob = "pricing-pages/petehsu-LLM-Docs/data/docs/X Grok/docs/models.md"
    # One offering: the five priced tools of "Tool Invocation Costs" (crawl of 2025-12-20).
    expectations = PageExpectations(
        min_models=1,
        counted_in="the 'Tool Invocation Costs' table",
        dimensions=frozenset(TOOL_DIMENSIONS.values()),
    )

    def parse(self, document: RawDocument) -> ParsedDocument:
        page = parse_markdown(decode_text(document))
        (table,) = require_tables(
            page,
            document.location,
            heading="Tool Invocation Costs",
            columns=TOOL_COLUMNS,
            count=1,
        )
        reader = CellReader(self.source_id, "xai", document.location)
        priced = {fold(name): dimension for name, dimension in TOOL_DIMENSIONS.items()}
        token_based = {fold(name) for name in TOKEN_BASED_TOOLS}
        observations: list[Observation] = []
        for number, row in enumerate(table.rows, start=1):
            path = f"table at line {table.line}, row {number}"
            tool = fold(row[0])
            if tool in token_based:
                if fold(row[1]) != fold(_TOKEN_BASED):
                    raise SourceFormatError(document.location, path, row[1], repr(_TOKEN_BASED))
                continue
            dimension = priced.get(tool)
            if dimension is None:
                raise SourceFormatError(
                    document.location, path, row[0], "a tool named in the tool map"
                )
            observations.append(
                reader.cell(
                    MODEL_ID,
                    dimension,
                    row[1],
                    (row[0], table.header[1]),
                    f"{path}, column {table.header[1]!r}",
                    currency="USD",
                    unit=SourceUnit.PER_KCALL,
                )
            )
        return ParsedDocument(observations)
