"""Request dependencies: the database session and validated list filters."""

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
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
CONTROL_RANGES = r"\x00-\x1f\x7f-\x9f"
# The rule as the parameters' documented JSON Schema pattern. The check below applies it with
# re.search, as JSON Schema validators in Python do, so the OpenAPI document and the server
# accept the same strings (a trailing newline included, which `$` allows).
PLAIN_TEXT_PATTERN = rf"^[^{CONTROL_RANGES}]*$"
PLAIN_TEXT_SCHEMA = {"pattern": PLAIN_TEXT_PATTERN}


def reject_control_characters(value: str | None) -> str | None:
    if value is not None and re.search(PLAIN_TEXT_PATTERN, value) is None:
        raise PydanticCustomError(
            "control_characters",
            "must not contain control characters (U+0000 to U+001F or U+007F to U+009F), "
            "so remove them and retry",
        )
    return value


# Text from a URL, checked to contain no control characters before it reaches a query.
PlainText = AfterValidator(reject_control_characters)


def _integer_text(value: object) -> object:
    # pydantic's lax int also takes "0.0", "+5" and "5_0", which are not integers in the
    # OpenAPI document's terms, so a query value must be digits with an optional minus sign.
    if isinstance(value, str) and value != "" and re.search(r"^-?[0-9]+$", value) is None:
        raise PydanticCustomError("int_parsing", "must be a whole number, such as 50")
    return value


WholeNumber = BeforeValidator(_integer_text)

# A non-negative decimal number as text (0.2, .5, 1e-7), or empty for no filter. pydantic
# rejects an exponent beyond Decimal's range (18 digits), so the pattern allows at most 9.
DECIMAL_PATTERN = r"^(?:(?:[0-9]+(?:[.][0-9]*)?|[.][0-9]+)(?:[eE][+-]?[0-9]{1,9})?)?$"


def _decimal_text(value: object) -> object:
    if not isinstance(value, str):
        return value
    if re.search(DECIMAL_PATTERN, value) is None:
        raise PydanticCustomError(
            "decimal_parsing", "must be a non-negative decimal number, such as 0.2 or 1e-7"
        )
    return _blank_to_none(value.strip())


DecimalQuery = Annotated[
    Annotated[Decimal, Field(ge=0)] | None,
    BeforeValidator(_decimal_text),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": DECIMAL_PATTERN}, {"type": "null"}]}),
]


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def model_filters(
    q: Annotated[
        str | None,
        PlainText,
        Query(
            max_length=200,
            description="Words in the id or name",
            json_schema_extra=PLAIN_TEXT_SCHEMA,
        ),
    ] = None,
    creator: Annotated[
        str | None,
        PlainText,
        Query(
            max_length=100,
            description="Creator id, e.g. openai",
            json_schema_extra=PLAIN_TEXT_SCHEMA,
        ),
    ] = None,
    capability: Annotated[
        str | None,
        PlainText,
        Query(
            max_length=50,
            description="A capability fact, e.g. tool_call or vision",
            json_schema_extra=PLAIN_TEXT_SCHEMA,
        ),
    ] = None,
    modality: Annotated[
        str | None,
        PlainText,
        Query(
            max_length=50,
            description="An input modality, e.g. image or audio",
            json_schema_extra=PLAIN_TEXT_SCHEMA,
        ),
    ] = None,
    max_input_mtok: Annotated[
        DecimalQuery, Query(description="Highest headline input price, USD per 1M tokens")
    ] = None,
    min_context: Annotated[
        Annotated[int, Field(ge=0, le=100_000_000)] | None,
        Blank,
        WholeNumber,
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "integer", "minimum": 0, "maximum": 100_000_000},
                    {"type": "string", "maxLength": 0},
                    {"type": "null"},
                ]
            }
        ),
        Query(description="Smallest context window, tokens; empty for no filter"),
    ] = None,
    sort: Annotated[SortKey, Query(description="Column to sort by")] = SortKey.NAME,
    order: Annotated[SortOrder, Query(description="Sort direction")] = SortOrder.ASC,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Page size"), WholeNumber] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip"), WholeNumber] = 0,
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

CreatorPath = Annotated[
    str,
    PlainText,
    Path(
        max_length=100, description="Creator id, e.g. openai", json_schema_extra=PLAIN_TEXT_SCHEMA
    ),
]
ModelNamePath = Annotated[
    str,
    PlainText,
    Path(
        max_length=200,
        description="Model name, e.g. gpt-5.4-nano",
        json_schema_extra=PLAIN_TEXT_SCHEMA,
    ),
]

# Query() comes before the validator, or FastAPI writes `ge` and `le` into the OpenAPI document
# as they are instead of as `minimum` and `maximum`.
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Page size"), WholeNumber]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip"), WholeNumber]
