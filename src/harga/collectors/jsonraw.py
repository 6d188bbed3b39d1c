"""JSON reading that keeps every number's literal text, so evidence shows the file's own text.

`json.loads` hands number literals to `RawNumber`, a `str` subclass. Strict pydantic models then
accept only `RawNumber` where the upstream format has a number, so a quoted string is rejected.
"""

import json
from decimal import Decimal
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, PlainSerializer, PlainValidator, ValidationError

from harga.collectors.base import RawDocument, SourceFormatError
from harga.domain.money import InvalidAmount, parse_decimal


class RawNumber(str):
    """A JSON number literal exactly as written, such as `2e-07`."""

    __slots__ = ()

    @property
    def decimal(self) -> Decimal:
        return parse_decimal(self)


def _require_number(value: object) -> RawNumber:
    if isinstance(value, RawNumber):
        return value
    raise ValueError("expected a JSON number")


def _require_integer(value: object) -> int:
    number = _require_number(value)
    try:
        return int(number)
    except ValueError:
        raise ValueError("expected a JSON integer") from None


def _require_string(value: object) -> str:
    if isinstance(value, str) and not isinstance(value, RawNumber):
        return value
    raise ValueError("expected a JSON string")


def _require_boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError("expected a JSON boolean")


JsonNumber = Annotated[RawNumber, PlainValidator(_require_number), PlainSerializer(str)]
JsonInt = Annotated[int, PlainValidator(_require_integer)]
JsonStr = Annotated[str, PlainValidator(_require_string)]
JsonBool = Annotated[bool, PlainValidator(_require_boolean)]

ModelT = TypeVar("ModelT", bound=BaseModel)


def load_json(document: RawDocument) -> Any:
    """Decode a document as JSON, naming the line and column of any syntax error."""
    try:
        text = document.content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceFormatError(
            document.location,
            f"byte {error.start}",
            document.content[error.start : error.end],
            "UTF-8 text",
        ) from None
    try:
        return json.loads(text, parse_float=RawNumber, parse_int=RawNumber)
    except RecursionError:
        raise SourceFormatError(
            document.location, "$", text[:80], "JSON nested less deeply than Python's limit"
        ) from None
    except json.JSONDecodeError as error:
        snippet = text[max(0, error.pos - 40) : error.pos + 40]
        raise SourceFormatError(
            document.location,
            f"line {error.lineno} column {error.colno}",
            snippet,
            f"valid JSON ({error.msg})",
        ) from None


def validate_model(
    model: type[ModelT], data: Any, document: RawDocument, prefix: str = ""
) -> ModelT:
    """Validate data against a strict model; the error names the first failing path and value."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        path = prefix + _json_path(first["loc"], data)
        raise SourceFormatError(
            document.location, path or "$", first.get("input"), first["msg"]
        ) from None


def _json_path(loc: tuple[str | int, ...], data: Any) -> str:
    """Render a pydantic error location as a path into the document.

    Pydantic puts the tag of a union member (`function-plain[...]`, a model name) into the
    location. Walking the data alongside drops every part that is not a key or an index there.
    A key missing from an object is kept when it ends the location, because it names the
    missing field.
    """
    parts = []
    current = data
    for position, part in enumerate(loc):
        if _has_member(current, part):
            current = current[part]
        elif not (isinstance(current, dict) and position == len(loc) - 1):
            continue
        parts.append(_path_part(part))
    return "".join(parts)


def _has_member(value: Any, part: str | int) -> bool:
    if isinstance(value, list):
        return isinstance(part, int) and 0 <= part < len(value)
    return isinstance(value, dict) and part in value


def _path_part(part: str | int) -> str:
    return f"[{part}]" if isinstance(part, int) else f"[{json.dumps(part)}]"


def amount_of(number: RawNumber, document: RawDocument, path: str) -> Decimal:
    try:
        return number.decimal
    except InvalidAmount as error:
        raise SourceFormatError(document.location, path, str(number), str(error)) from None


def excerpt(*path: str, literal: str) -> str:
    """Render a JSON value with the keys that lead to it, as it reads in the document."""
    keys = " › ".join(json.dumps(part, ensure_ascii=False) for part in path)
    return f"{keys}: {literal}"
