"""Conditions: the independent keys a price depends on, and their canonical text key."""

from dataclasses import dataclass, fields, replace
from datetime import date, time
from enum import StrEnum
from typing import Any


class ServiceTier(StrEnum):
    STANDARD = "standard"
    BATCH = "batch"
    FLEX = "flex"
    PRIORITY = "priority"
    FAST = "fast"


class Boundary(StrEnum):
    """Whether a prompt-size tier starts above the threshold or at it."""

    ABOVE = "gt"
    AT_OR_ABOVE = "ge"


@dataclass(frozen=True)
class Conditions:
    """The keys a price depends on. The defaults describe the plain standard price.

    `time_window` is text in the form that `format_time_window` writes.
    """

    tier: ServiceTier = ServiceTier.STANDARD
    prompt_threshold_tokens: int | None = None
    prompt_boundary: Boundary = Boundary.ABOVE
    cache_ttl: str | None = None
    region: str | None = None
    time_window: str | None = None
    api_surface: str | None = None
    effective_from: date | None = None
    effective_to: date | None = None

    def key(self) -> str:
        """Return the canonical key, empty for the plain standard price."""
        parts = []
        if self.tier is not ServiceTier.STANDARD:
            parts.append(f"tier={self.tier.value}")
        if self.prompt_threshold_tokens is not None:
            parts.append(f"prompt{self._boundary_sign()}{self.prompt_threshold_tokens}")
        for name in ("cache_ttl", "region", "time_window", "api_surface"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name}={value}")
        if self.effective_from is not None:
            parts.append(f"from={self.effective_from.isoformat()}")
        if self.effective_to is not None:
            parts.append(f"to={self.effective_to.isoformat()}")
        return ";".join(parts)

    def without_dates(self) -> "Conditions":
        return replace(self, effective_from=None, effective_to=None)

    def is_current(self, today: date) -> bool:
        """Tell whether the date range contains `today`: start inclusive, end exclusive."""
        if self.effective_from is not None and today < self.effective_from:
            return False
        return self.effective_to is None or today < self.effective_to

    def to_json(self) -> dict[str, Any]:
        """Return the non-default keys as JSON-ready values."""
        default = Conditions()
        result: dict[str, Any] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value == getattr(default, field.name):
                continue
            result[field.name] = value.isoformat() if isinstance(value, date) else str(value)
        if self.prompt_threshold_tokens is not None:
            result["prompt_threshold_tokens"] = self.prompt_threshold_tokens
            result["prompt_boundary"] = self.prompt_boundary.value
        return result

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Conditions":
        values: dict[str, Any] = dict(data)
        if "tier" in values:
            values["tier"] = ServiceTier(values["tier"])
        if "prompt_boundary" in values:
            values["prompt_boundary"] = Boundary(values["prompt_boundary"])
        for name in ("effective_from", "effective_to"):
            if values.get(name) is not None:
                values[name] = date.fromisoformat(values[name])
        return cls(**values)

    def _boundary_sign(self) -> str:
        return ">" if self.prompt_boundary is Boundary.ABOVE else ">="


def format_time_window(start: time, end: time, days: str = "daily") -> str:
    """Format a recurring UTC window as `<days> <start>-<end> UTC`, e.g. `daily 16:30-00:30 UTC`.

    `start` and `end` are UTC times of day. The start is inclusive and the end exclusive, and an
    end at or before the start means the window runs past midnight. `days` is `daily` or a
    weekday range such as `mon-fri`. Seconds are written only when they are not zero.
    """
    return f"{days} {_clock(start)}-{_clock(end)} UTC"


def _clock(moment: time) -> str:
    return moment.strftime("%H:%M:%S" if moment.second else "%H:%M")


STANDARD = Conditions()
BATCH = Conditions(tier=ServiceTier.BATCH)
