"""One stated value of a discrepancy, as the API shows it."""

from typing import Any

from harga.domain.money import parse_decimal


def position_fields(kind: str, item: dict[str, Any]) -> dict[str, Any]:
    """Return a stored discrepancy position with `currency` as its own key.

    The reconciler compares a price's currency along with its amount, so a price position stores
    the currency in `value`, and newer publications also in `currency`. A price shows
    `value: null` and the currency under `currency`. A fact keeps its value and has no currency.
    """
    amount = item.get("amount")
    value = item.get("value")
    currency = item.get("currency")
    if kind == "price":
        if currency is None and isinstance(value, str) and amount is not None:
            currency = value
        value = None
    return {
        "state": item.get("state"),
        "amount": None if amount is None else parse_decimal(amount),
        "currency": currency,
        "value": value,
        "sources": item.get("sources", []),
        "observation_ids": item.get("observation_ids", []),
    }
