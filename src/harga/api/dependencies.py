"""Request dependencies: the database session and validated list filters."""

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError
from sqlalchemy.orm import Session

from harga.storage.queries import ModelFilters, SortKey, SortOrder
from harga.views.currency import DisplayCurrency

MAX_PAGE_SIZE = 500


def _blank_to_none(value: object) -> object:
    # An HTML form without JavaScript submits every field, so an empty one means "no filter".
    return None if value == "" else value


Blank = BeforeValidator(_blank_to_none)

# C0 and C1 control characters, DEL included. PostgreSQL rejects NUL in text parameters, and
# SQLite ends a LIKE pattern at NUL, so `q=%00abc` matched every model.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _reject_control_characters(value: str | None) -> str | None:
    if value is not None and CONTROL_CHARACTERS.search(value):
        raise PydanticCustomError(
            "control_characters",
            "must not contain control characters (U+0000 to U+001F or U+007F to U+009F), "
            "so remove them and retry",
        )
    return value


# Text from a URL, checked to contain no control characters before it reaches a query.
PlainText = AfterValidator(_reject_control_characters)


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def model_filters(
    q: Annotated[
        str | None, PlainText, Query(max_length=200, description="Words in the id or name")
    ] = None,
    creator: Annotated[
        str | None, PlainText, Query(max_length=100, description="Creator id, e.g. openai")
    ] = None,
    capability: Annotated[
        str | None,
        PlainText,
        Query(max_length=50, description="A capability fact, e.g. tool_call or vision"),
    ] = None,
    modality: Annotated[
        str | None,
        PlainText,
        Query(max_length=50, description="An input modality, e.g. image or audio"),
    ] = None,
    max_input_mtok: Annotated[
        Annotated[Decimal, Field(ge=0)] | None,
        Blank,
        Query(description="Highest headline input price, USD per 1M tokens"),
    ] = None,
    min_context: Annotated[
        Annotated[int, Field(ge=0, le=100_000_000)] | None,
        Blank,
        Query(description="Smallest context window, tokens"),
    ] = None,
    sort: Annotated[SortKey, Query(description="Column to sort by")] = SortKey.NAME,
    order: Annotated[SortOrder, Query(description="Sort direction")] = SortOrder.ASC,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Page size")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")] = 0,
) -> ModelFilters:
    return ModelFilters(
        q=q or None,
        creator=creator or None,
        capability=capability or None,
        modality=modality or None,
        max_input_mtok=max_input_mtok,
        min_context=min_context,
        sort=sort,
        order=order,
        limit=limit,
        offset=offset,
    )


CurrencyDep = Annotated[
    DisplayCurrency,
    Query(description="Also show every USD amount in this currency, at the ECB rate"),
]

CreatorPath = Annotated[str, PlainText, Path(max_length=100, description="Creator id, e.g. openai")]
ModelNamePath = Annotated[
    str, PlainText, Path(max_length=200, description="Model name, e.g. gpt-5.4-nano")
]
