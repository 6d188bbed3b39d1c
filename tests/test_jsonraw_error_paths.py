"""Error paths from `validate_model`: places in the document, without pydantic's union tags."""

from typing import Annotated, Any

import pytest
from pydantic import BaseModel, ConfigDict, Discriminator, Tag

from harga.collectors.base import SourceFormatError
from harga.collectors.jsonraw import JsonNumber, load_json, validate_model
from tests.helpers import document_of


class Tiered(BaseModel):
    model_config = ConfigDict(extra="forbid")
    base: JsonNumber


def _kind(value: Any) -> str:
    return "tiered" if isinstance(value, dict) else "number"


class Prices(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    prices: dict[
        str,
        Annotated[
            Annotated[JsonNumber, Tag("number")] | Annotated[Tiered, Tag("tiered")],
            Discriminator(_kind),
        ],
    ]
    plain: list[JsonNumber | Tiered] = []


def _error(text: str) -> str:
    document = document_of(text.encode(), "test", "prices.json")
    with pytest.raises(SourceFormatError) as error:
        validate_model(Prices, load_json(document), document, prefix="$")
    return str(error.value)


def test_discriminated_union_path() -> None:
    message = _error('{"name": "a", "prices": {"input": {"base": "1"}}}')

    assert 'at $["prices"]["input"]["base"]:' in message
    assert "got '1'" in message


def test_plain_union_path() -> None:
    message = _error('{"name": "a", "prices": {}, "plain": [1, "2"]}')

    assert 'at $["plain"][1]:' in message


def test_missing_key_path() -> None:
    message = _error('{"prices": {}}')

    assert 'at $["name"]: Field required' in message


def test_extra_key_path() -> None:
    message = _error('{"name": "a", "prices": {}, "extra": true}')

    assert 'at $["extra"]: Extra inputs are not permitted, got True' in message
