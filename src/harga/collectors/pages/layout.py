"""The base of every official-page collector: one page, its layout expectations, its cells.

Each collector states what its page must yield: the tables and columns it reads (checked while
parsing) and, in `PageExpectations`, the minimum number of models and the dimensions it must
find (checked in `validate`). A page that no longer yields them fails the whole run with a
message naming what was expected and what was found. A partial table is then never published
as if it were complete: the pipeline keeps the source's last good facts and marks it stale.
"""

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from harga.collectors.base import (
    Collector,
    DocumentRef,
    ParsedDocument,
    SourceFormatError,
    SourceKind,
)
from harga.collectors.pages.markdown import MarkdownPage, MarkdownTable
from harga.collectors.pages.price_text import (
    PriceCell,
    PricePart,
    PriceTextError,
    normalize_cell,
    parse_price_text,
)
from harga.domain.conditions import STANDARD, Conditions
from harga.domain.money import SourceUnit
from harga.domain.observation import Observation, ObservationKind, fact, price
from harga.domain.states import PriceState


@dataclass(frozen=True)
class PageExpectations:
    """The minimum yield of one page's run; `counted_in` names the tables counted by hand."""

    min_models: int
    counted_in: str
    dimensions: frozenset[str] = frozenset({"input", "output"})


class PageCollector(Collector):
    """An official pricing page read from one URL or its mirror copy.

    `url` is the page's own address, shown on the sources page and stored with the evidence.
    NOTE: the markdown collectors parse a markdown rendering of the page (a crawl or a reader
    capture). A live fetch of `url` returns what the site serves, usually HTML, which they
    reject as a layout change, so live runs of those sources need a markdown rendering step.
    """

    kind = SourceKind.OFFICIAL
    url: str
    mirror_glob: str
    expectations: PageExpectations

    @property
    def homepage(self) -> str:  # type: ignore[override]
        return self.url

    def documents(self) -> list[DocumentRef]:
        return [DocumentRef(self.url, self.mirror_glob)]

    def validate(self, parsed: list[ParsedDocument]) -> None:
        prices = [o for p in parsed for o in p.observations if o.kind is ObservationKind.PRICE]
        models = sorted({o.upstream_model_id for o in prices})
        expected = self.expectations
        if len(models) < expected.min_models:
            raise SourceFormatError(
                self.source_id,
                "(page)",
                models,
                f"at least {expected.min_models} models, as {expected.counted_in} listed "
                "when this collector was written",
            )
        missing = sorted(expected.dimensions - {o.field for o in prices})
        if missing:
            raise SourceFormatError(
                self.source_id, "(page)", missing, "prices for every expected dimension"
            )


@dataclass(frozen=True)
class CellReader:
    """Turns the cells of one page into observations, with the page's currency and labels."""

    source: str
    seller: str
    location: str
    cited_url: str | None = None
    decimal_mark: str | None = "."

    def parse(
        self,
        text: str,
        path: str,
        *,
        currency: str | None = None,
        unit: SourceUnit | None = None,
    ) -> PriceCell:
        try:
            return parse_price_text(
                text, currency=currency, unit=unit, decimal_mark=self.decimal_mark
            )
        except PriceTextError as error:
            raise SourceFormatError(
                self.location, path, text, f"a price cell ({error.reason})"
            ) from None

    def cell(
        self,
        model: str,
        dimension: str,
        text: str,
        labels: tuple[str, ...],
        path: str,
        *,
        currency: str,
        unit: SourceUnit,
        conditions: Conditions = STANDARD,
    ) -> Observation:
        """Read a cell that states one amount, `free` or `not offered`."""
        parsed = self.parse(text, path, currency=currency, unit=unit)
        if parsed.state is PriceState.PRICED:
            return self.priced(model, dimension, parsed, parsed.single(), labels, conditions)
        return self.unpriced(model, dimension, parsed, labels, conditions, currency, unit)

    def table_cell(
        self,
        model: str,
        dimension: str,
        table: MarkdownTable,
        row: tuple[str, ...],
        column: int,
        path: str,
        *,
        currency: str,
        conditions: Conditions = STANDARD,
    ) -> Observation:
        """Read the cell of `row` in `column`, labelled by the row's first cell and the header."""
        return self.cell(
            model,
            dimension,
            row[column],
            (row[0], table.header[column]),
            f"{path}, column {table.header[column]!r}",
            currency=currency,
            unit=SourceUnit.PER_MTOK,
            conditions=conditions,
        )

    def priced(
        self,
        model: str,
        dimension: str,
        cell: PriceCell,
        part: PricePart,
        labels: tuple[str, ...],
        conditions: Conditions = STANDARD,
    ) -> Observation:
        """Build the observation of one amount; its prompt tier, if any, joins `conditions`."""
        if part.prompt_above is not None:
            conditions = replace(
                conditions,
                prompt_threshold_tokens=part.prompt_above,
                prompt_boundary=part.prompt_boundary,
            )
        return price(
            self.source,
            model,
            self.seller,
            dimension,
            cell.text,
            part.amount,
            part.unit,
            excerpt(labels, cell.text),
            currency=part.currency,
            conditions=conditions,
            cited_url=self.cited_url,
        )

    def unpriced(
        self,
        model: str,
        dimension: str,
        cell: PriceCell,
        labels: tuple[str, ...],
        conditions: Conditions,
        currency: str,
        unit: SourceUnit,
    ) -> Observation:
        """Build the observation of a `free` or `not offered` cell."""
        if cell.state is PriceState.FREE:
            # An explicit zero: `price` turns it into the free state.
            return price(
                self.source,
                model,
                self.seller,
                dimension,
                cell.text,
                Decimal(0),
                unit,
                excerpt(labels, cell.text),
                currency=currency,
                conditions=conditions,
                cited_url=self.cited_url,
            )
        return Observation(
            source=self.source,
            upstream_model_id=model,
            upstream_seller=self.seller,
            kind=ObservationKind.PRICE,
            field=dimension,
            captured=cell.text,
            excerpt=excerpt(labels, cell.text),
            conditions=conditions,
            state=PriceState.NOT_OFFERED,
            cited_url=self.cited_url,
        )

    def fact(
        self, model: str, key: str, literal: str, value: int | str, labels: tuple[str, ...]
    ) -> Observation:
        return fact(
            self.source,
            model,
            self.seller,
            key,
            literal,
            value,
            excerpt(labels, literal),
            cited_url=self.cited_url,
        )


def excerpt(labels: tuple[str, ...], text: str) -> str:
    """Render a cell with its row and column labels: `Claude Sonnet 4.5 | Input: $3 / MTok`."""
    cell = " ".join(text.replace("\\$", "$").split())
    return f"{' | '.join(' '.join(label.split()) for label in labels)}: {cell}"


def fold(text: str) -> str:
    """Fold a label for comparison: case, spacing and full-width punctuation."""
    return re.sub(r"\s+", " ", normalize_cell(text)).strip().casefold()


def require_tables(
    page: MarkdownPage,
    location: str,
    *,
    columns: tuple[str, ...],
    heading: str | None = None,
    count: int | None = None,
) -> list[MarkdownTable]:
    """Return the tables (under `heading`, when given) whose header is exactly `columns`.

    Raises `SourceFormatError` naming the headers that were found when no table matches, or
    when `count` is set and a different number of tables matches.
    """
    under = page.tables
    if heading is not None:
        under = [t for t in under if fold(heading) in {fold(h) for h in t.headings}]
    expected = tuple(fold(c) for c in columns)
    matching = [t for t in under if tuple(fold(c) for c in t.header) == expected]
    if not matching or (count is not None and len(matching) != count):
        found: list[object] = [list(t.header) for t in under]
        if not found:
            found = [f"headings: {sorted(page.headings())}"]
        place = f"under heading {heading!r}" if heading is not None else "on the page"
        number = f"{count} table(s)" if count is not None else "a table"
        raise SourceFormatError(
            location,
            f"tables {place}",
            found,
            f"{number} with columns {list(columns)}, found {len(matching)}",
        )
    return matching


def require_text(text: str, location: str, phrase: str, reason: str) -> None:
    """Check that the page still states `phrase`, which the collector's reading rests on."""
    if fold(phrase) not in fold(text):
        raise SourceFormatError(
            location, "(page text)", "no match", f"the phrase {phrase!r} ({reason})"
        )
