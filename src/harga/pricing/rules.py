"""Seller billing rules, read once from `rules.toml` beside this module.

The rules state how a seller's API counts usage (cached tokens inside the prompt count or
separate, reasoning inside the completion count or on top) and which prices the seller defines
as multiples of others. Every seller's entry names the page or dataset it comes from.
"""

import tomllib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from harga.domain.conditions import Boundary, ServiceTier
from harga.domain.dimensions import get_dimension

DEFAULT_SELLER = "default"


@dataclass(frozen=True)
class Derivation:
    """A price defined as `factor` times the price of `base` under the same conditions."""

    base: str
    factor: Decimal
    source: str


@dataclass(frozen=True)
class RegionalUplift:
    """Regional endpoints cost `factor` times the global price for the listed models."""

    factor: Decimal
    models: frozenset[str]
    source: str


@dataclass(frozen=True)
class SellerRules:
    """Billing rules of one seller: how its API counts usage and which prices it derives."""

    seller: str
    source: str
    cache_in_input: bool
    reasoning_in_output: bool
    default_cache_ttl: str | None
    prompt_boundary: Boundary
    # Keyed by "dimension" or "dimension@ttl", such as "cache_write@1h".
    derived: dict[str, Derivation] = field(default_factory=dict)
    tier_factors: dict[ServiceTier, Derivation] = field(default_factory=dict)
    regional_uplift: RegionalUplift | None = None
    surfaces: dict[str, dict[str, bool]] = field(default_factory=dict)

    def for_surface(self, api_surface: str | None) -> "SellerRules":
        """Return the rules with the overrides of one API surface applied."""
        overrides = self.surfaces.get(api_surface or "")
        if not overrides:
            return self
        return replace(self, **overrides)  # type: ignore[arg-type]


class InvalidRules(ValueError):
    """The rules file names an unknown dimension, tier or key."""


def rules_for(seller: str, api_surface: str | None = None) -> SellerRules:
    """Return the rules of `seller`, or the OpenAI-compatible default for unlisted sellers."""
    table = all_rules()
    rules = table.get(seller)
    if rules is None:
        rules = replace(table[DEFAULT_SELLER], seller=seller)
    return rules.for_surface(api_surface)


@cache
def all_rules() -> dict[str, SellerRules]:
    text = resources.files("harga.pricing").joinpath("rules.toml").read_text(encoding="utf-8")
    return parse_rules(tomllib.loads(text))


def parse_rules(data: dict[str, Any]) -> dict[str, SellerRules]:
    """Build the rules of every seller from the parsed TOML document."""
    return {seller: _seller_rules(seller, entry) for seller, entry in data.items()}


_SURFACE_KEYS = frozenset({"cache_in_input", "reasoning_in_output"})


def _seller_rules(seller: str, entry: dict[str, Any]) -> SellerRules:
    ttl = entry["default_cache_ttl"]
    surfaces = entry.get("surfaces", {})
    for name, overrides in surfaces.items():
        unknown = set(overrides) - _SURFACE_KEYS
        if unknown:
            raise InvalidRules(f"{seller}.surfaces.{name}: unknown keys {sorted(unknown)}")
    uplift = entry.get("regional_uplift")
    return SellerRules(
        seller=seller,
        source=entry["source"],
        cache_in_input=bool(entry["cache_in_input"]),
        reasoning_in_output=bool(entry["reasoning_in_output"]),
        default_cache_ttl=ttl or None,
        prompt_boundary=Boundary(entry["prompt_boundary"]),
        derived={
            key: _derivation(f"{seller}.derived.{key}", value)
            for key, value in entry.get("derived", {}).items()
        },
        tier_factors={
            ServiceTier(tier): _factor(f"{seller}.tier_factors.{tier}", value)
            for tier, value in entry.get("tier_factors", {}).items()
        },
        regional_uplift=(
            RegionalUplift(Decimal(uplift["factor"]), frozenset(uplift["models"]), uplift["source"])
            if uplift
            else None
        ),
        surfaces={name: dict(overrides) for name, overrides in surfaces.items()},
    )


def _derivation(path: str, value: dict[str, str]) -> Derivation:
    dimension = path.rsplit(".", 1)[1].split("@", 1)[0]
    get_dimension(dimension)
    get_dimension(value["base"])
    if not isinstance(value["factor"], str):
        raise InvalidRules(f"{path}: factor must be a decimal string, got {value['factor']!r}")
    return Derivation(value["base"], Decimal(value["factor"]), value["source"])


def _factor(path: str, value: dict[str, str]) -> Derivation:
    if not isinstance(value["factor"], str):
        raise InvalidRules(f"{path}: factor must be a decimal string, got {value['factor']!r}")
    return Derivation("", Decimal(value["factor"]), value["source"])
