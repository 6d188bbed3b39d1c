"""Bulk exports: CSV and JSON of every published price, and a LiteLLM-compatible map.

JSON is written by hand so that every amount is an exact decimal literal: the standard
encoder would have to route a `Decimal` through a binary float to write it as a number.
"""

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import astuple, fields
from datetime import date
from decimal import Decimal
from typing import Any

from harga.domain.money import format_plain
from harga.normalize.registry import primary_seller
from harga.storage.feeds import ExportRow

EXPORT_COLUMNS = [f.name for f in fields(ExportRow)]
_MTOK = Decimal(1_000_000)

# Published dimension (standard tier, no other condition) → LiteLLM's per-token cost key.
LITELLM_KEYS = {
    "input": "input_cost_per_token",
    "output": "output_cost_per_token",
    "cache_read": "cache_read_input_token_cost",
    "reasoning": "output_cost_per_reasoning_token",
    "input_audio": "input_cost_per_audio_token",
    "output_audio": "output_cost_per_audio_token",
}


def to_csv(rows: Iterable[ExportRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in astuple(row)])
    return buffer.getvalue()


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_plain(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_json(rows: Iterable[ExportRow], generated_at: str) -> str:
    items = [dict(zip(EXPORT_COLUMNS, astuple(row), strict=True)) for row in rows]
    return dump_exact(
        {"generated_at": generated_at, "unit_note": "amounts in USD per unit", "prices": items}
    )


def to_litellm_map(rows: Iterable[ExportRow], limits: dict[str, dict[str, str | None]]) -> str:
    """Build LiteLLM's `model_prices_and_context_window.json` shape from official offers.

    Keys are the model name without the creator, as LiteLLM keys its own providers' models.
    Only priced or free standard-tier values are written, so a pending price is absent rather
    than zero.
    """
    entries: dict[str, dict[str, Any]] = {}
    for row in _one_official_seller(rows):
        key = LITELLM_KEYS.get(row.dimension)
        if row.variant or row.scenario or key is None:
            continue
        if row.state not in ("priced", "free") or row.amount is None or row.unit != "per_mtok":
            continue
        entry = entries.setdefault(row.model_id.split("/", 1)[1], {"litellm_provider": row.seller})
        entry[key] = row.amount / _MTOK
        _add_limits(entry, limits.get(row.model_id, {}))
    return dump_exact(dict(sorted(entries.items())))


def _one_official_seller(rows: Iterable[ExportRow]) -> list[ExportRow]:
    """Select the official rows of one seller per model, because the map has room for one
    price per model."""
    by_model: dict[str, dict[str, list[ExportRow]]] = {}
    for row in rows:
        if row.official:
            by_model.setdefault(row.model_id, {}).setdefault(row.seller, []).append(row)
    kept = []
    for model_id, sellers in by_model.items():
        kept.extend(sellers[primary_seller(model_id.split("/", 1)[0], sellers)])
    return kept


def _add_limits(entry: dict[str, Any], limits: dict[str, str | None]) -> None:
    context = limits.get("context_window")
    output = limits.get("max_output_tokens")
    if context is not None:
        entry["max_input_tokens"] = json.loads(context)
    if output is not None:
        entry["max_output_tokens"] = json.loads(output)
    mode = limits.get("mode")
    if mode is not None:
        entry["mode"] = json.loads(mode)


def dump_exact(value: Any, indent: int = 0) -> str:
    """Serialise to JSON, writing `Decimal` as an exact number literal."""
    pad = "  " * (indent + 1)
    end = "  " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = [
            f"{pad}{json.dumps(str(k))}: {dump_exact(v, indent + 1)}" for k, v in value.items()
        ]
        return "{\n" + ",\n".join(parts) + "\n" + end + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        parts = [pad + dump_exact(v, indent + 1) for v in value]
        return "[\n" + ",\n".join(parts) + "\n" + end + "]"
    if isinstance(value, Decimal):
        return format_plain(value)
    if isinstance(value, date):
        return json.dumps(value.isoformat())
    return json.dumps(value, ensure_ascii=False)
