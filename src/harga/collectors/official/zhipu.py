"""Zhipu AI's (BigModel) product billing page: billing rules, and no per-model price table.

The page explains billing units, billing scope and how fees are deducted, and sends readers to
a separate pricing page ("Product Pricing: See Product Pricing") that the crawl does not hold.
It states no amount for any model, so this collector yields no observations. Its runs still
show on the sources page. Its expectations fail the run when the rule tables or the pointer to
the pricing page disappear. They also fail it when a table with a price column appears, since
this collector would then have to read it.
"""

from harga.collectors.base import ParsedDocument, RawDocument, SourceFormatError
from harga.collectors.pages.layout import (
    PageCollector,
    PageExpectations,
    fold,
    require_tables,
)
from harga.collectors.pages.markdown import decode_text, parse_markdown

RULE_TABLES = (
    ("1. Billing Units", ("Billing Unit", "Definition")),
    ("3. Deduction Methods", ("Method", "Description")),
)
POINTER_HEADING = "Product Pricing"
POINTER_TEXT = "See Product Pricing"
_PRICE_WORDS = ("price", "cost", "价格", "单价", "元")


class ZhipuBillingCollector(PageCollector):
    source_id = "zhipu-billing"
    name = "Zhipu AI (BigModel) product billing rules"
    url = "https://bigmodel.cn/dev/api/product-billing"
    mirror_glob = (
        "pricing-pages/petehsu-LLM-Docs/data/docs/BigModel Zhipu/English/api/product-billing.md"
    )
    # The page has no price table, so a run is complete with no prices at all.
    expectations = PageExpectations(
        min_models=0, counted_in="the page (it has no price table)", dimensions=frozenset()
    )

    def parse(self, document: RawDocument) -> ParsedDocument:
        page = parse_markdown(decode_text(document))
        for heading, columns in RULE_TABLES:
            require_tables(page, document.location, heading=heading, columns=columns, count=1)
        pointer = [
            b.text
            for b in page.blocks
            if b.headings and fold(b.headings[-1]) == fold(POINTER_HEADING)
        ]
        if fold(POINTER_TEXT) not in [fold(text) for text in pointer]:
            raise SourceFormatError(
                document.location,
                f"section {POINTER_HEADING!r}",
                pointer,
                f"the pointer {POINTER_TEXT!r} to the separate pricing page",
            )
        for table in page.tables:
            priced = [c for c in table.header if any(w in fold(c) for w in _PRICE_WORDS)]
            if priced:
                raise SourceFormatError(
                    document.location,
                    f"table at line {table.line}",
                    list(table.header),
                    "no price table (this collector reads none; extend it to read this one)",
                )
        return ParsedDocument([], notes=["billing rules only; the page states no prices"])
