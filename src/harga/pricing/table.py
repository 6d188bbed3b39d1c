"""The price table of one offering, compiled once and queried per request.

A request selects prices by service tier, region, API surface, date, time of day and prompt
size. The table turns those into a rate card key. Each card resolves a dimension once and keeps
the result, so pricing many requests of the same kind costs a dictionary lookup per dimension.

Resolution of one dimension, first match wins:
1. a fact at exactly these conditions and the request's prompt-size band; a fact stating
   `not_offered` ends the search;
2. a seller rule deriving a service tier from the standard tier (Anthropic's 50% batch);
3. a seller rule deriving it from another dimension (Anthropic's 0.1 × input cache read);
4. a fact at a lower prompt-size band, for a dimension whose price does not change with size;
5. otherwise the dimension is unavailable, with the reason.
"""

import bisect
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from harga.domain.conditions import Boundary, ServiceTier
from harga.domain.dimensions import Unit, get_dimension
from harga.domain.states import PriceState
from harga.pricing.points import PricePoint
from harga.pricing.rules import SellerRules
from harga.pricing.windows import TimeWindow, parse_window

GLOBAL_REGION = "global"


@dataclass(frozen=True, slots=True)
class Resolved:
    """The price of one dimension for one rate card, or the reason it has none."""

    dimension: str
    cache_ttl: str | None
    amount: Decimal | None
    points: tuple[PricePoint, ...] = ()
    basis: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True, slots=True)
class _Candidate:
    point: PricePoint
    tier: ServiceTier
    region: str | None
    cache_ttl: str | None
    api_surface: str | None
    window: int  # index into the table's windows, -1 for all day
    band: int  # 0 for no prompt threshold, else 1 + index into the table's thresholds
    effective_from: date | None
    effective_to: date | None


@dataclass(frozen=True, slots=True)
class CardKey:
    tier: ServiceTier
    region: str | None
    api_surface: str | None
    on: date
    windows: tuple[bool, ...]
    band: int


@dataclass
class RateCard:
    """The prices of one offering for one kind of request; dimensions resolve on first use."""

    table: "PriceTable"
    key: CardKey
    resolved: dict[tuple[str, str | None], Resolved] = field(default_factory=dict)
    # What callers derive from a resolved price once per card, such as the engine's line parts.
    memo: dict[tuple[str, str | None], Any] = field(default_factory=dict)

    def price(self, dimension: str, cache_ttl: str | None = None) -> Resolved:
        found = self.resolved.get((dimension, cache_ttl))
        if found is None:
            key = self.key
            found = self.table.resolve(dimension, cache_ttl, key.tier, key.region, key)
            self.resolved[(dimension, cache_ttl)] = found
        return found

    @property
    def band_threshold(self) -> tuple[int, Boundary] | None:
        if self.key.band == 0:
            return None
        return self.table.thresholds[self.key.band - 1]


class PriceTable:
    """Every price point of one offering (model × seller × variant), indexed for lookup."""

    def __init__(
        self,
        model_id: str,
        seller_id: str,
        variant: str,
        points: list[PricePoint],
        rules: SellerRules,
        *,
        official: bool = False,
    ) -> None:
        self.model_id = model_id
        self.seller_id = seller_id
        self.variant = variant
        self.rules = rules
        self.official = official
        self.points = tuple(points)
        self.thresholds = _thresholds(points)
        self.windows = _windows(points)
        self._threshold_keys = [_threshold_order(t) for t in self.thresholds]
        self._by_dimension: dict[str, list[_Candidate]] = {}
        for item in points:
            candidate = self._candidate(item)
            self._by_dimension.setdefault(item.dimension, []).append(candidate)
        self._cards: dict[tuple[Any, ...], RateCard] = {}

    def card(
        self,
        tier: ServiceTier,
        region: str | None,
        api_surface: str | None,
        at: datetime,
        prompt_tokens: int,
    ) -> RateCard:
        """Return the rate card for a request of this kind at time `at` (UTC)."""
        windows = tuple(w.contains(at) for w in self.windows) if self.windows else ()
        band = self.band(prompt_tokens) if self.thresholds else 0
        day = at.date()
        lookup = (tier, region, api_surface, day, windows, band)
        card = self._cards.get(lookup)
        if card is None:
            key = CardKey(tier, region, api_surface, day, windows, band)
            card = self._cards[lookup] = RateCard(self, key)
        return card

    def band(self, prompt_tokens: int) -> int:
        """Return how many prompt-size thresholds `prompt_tokens` crosses."""
        if not self.thresholds:
            return 0
        # A `ge` threshold t is crossed at t tokens, a `gt` one at t + 1.
        return bisect.bisect_right(self._threshold_keys, prompt_tokens)

    def resolve(
        self,
        dimension: str,
        cache_ttl: str | None,
        tier: ServiceTier,
        region: str | None,
        key: CardKey,
    ) -> Resolved:
        """Resolve one dimension for the card `key` at `tier` and `region` (see module doc)."""
        if region is not None and region != GLOBAL_REGION:
            uplifted = self._regional_uplift(dimension, cache_ttl, tier, region, key)
            if uplifted is not None:
                return uplifted
        candidates = self._matching(dimension, cache_ttl, tier, region, key)
        exact = [c for c in candidates if c.band == key.band]
        if exact:
            best = _most_specific(exact, region, key.api_surface)
            if best.point.usable:
                return _found(dimension, cache_ttl, best.point)
            if best.point.state is PriceState.NOT_OFFERED:
                return Resolved(dimension, cache_ttl, None, (best.point,), (), "not offered")
        # The tier rule comes first, so a stated standard price (Claude Haiku 3's $0.03 cache
        # read) wins over a price derived at the tier from another dimension.
        from_tier = self._from_standard_tier(dimension, cache_ttl, tier, region, key)
        if from_tier is not None:
            return from_tier
        derived = self._derived(dimension, cache_ttl, tier, region, key)
        if derived is not None:
            return derived
        lower = [c for c in candidates if c.band < key.band and c.point.usable]
        if lower:
            top = max(c.band for c in lower)
            best = _most_specific([c for c in lower if c.band == top], region, key.api_surface)
            return _found(dimension, cache_ttl, best.point)
        return Resolved(dimension, cache_ttl, None, reason=self._missing_reason(candidates, key))

    def _matching(
        self,
        dimension: str,
        cache_ttl: str | None,
        tier: ServiceTier,
        region: str | None,
        key: CardKey,
    ) -> list[_Candidate]:
        default_ttl = self.rules.default_cache_ttl
        matches = []
        for c in self._by_dimension.get(dimension, ()):
            if c.tier is not tier or c.band > key.band:
                continue
            if c.region is not None and c.region != region:
                continue
            if c.api_surface is not None and c.api_surface != key.api_surface:
                continue
            if c.cache_ttl != cache_ttl and not (c.cache_ttl is None and cache_ttl == default_ttl):
                continue
            if c.window >= 0 and not key.windows[c.window]:
                continue
            if c.effective_from is not None and key.on < c.effective_from:
                continue
            if c.effective_to is not None and key.on >= c.effective_to:
                continue
            matches.append(c)
        return matches

    def _derived(
        self,
        dimension: str,
        cache_ttl: str | None,
        tier: ServiceTier,
        region: str | None,
        key: CardKey,
    ) -> Resolved | None:
        derived = self.rules.derived
        rule = derived.get(f"{dimension}@{cache_ttl}") if cache_ttl else None
        rule = rule or derived.get(dimension)
        if rule is None:
            return None
        base = self.resolve(rule.base, None, tier, region, key)
        if base.amount is None:
            return None
        return Resolved(
            dimension,
            cache_ttl,
            base.amount * rule.factor,
            base.points,
            (f"{dimension} = {rule.factor} × {rule.base}: {rule.source}", *base.basis),
        )

    def _from_standard_tier(
        self,
        dimension: str,
        cache_ttl: str | None,
        tier: ServiceTier,
        region: str | None,
        key: CardKey,
    ) -> Resolved | None:
        rule = self.rules.tier_factors.get(tier)
        if rule is None or get_dimension(dimension).unit is not Unit.PER_MTOK:
            return None
        standard = self.resolve(dimension, cache_ttl, ServiceTier.STANDARD, region, key)
        if standard.amount is None:
            return None
        return Resolved(
            dimension,
            cache_ttl,
            standard.amount * rule.factor,
            standard.points,
            (f"{tier.value} = {rule.factor} × standard: {rule.source}", *standard.basis),
        )

    def _regional_uplift(
        self,
        dimension: str,
        cache_ttl: str | None,
        tier: ServiceTier,
        region: str,
        key: CardKey,
    ) -> Resolved | None:
        uplift = self.rules.regional_uplift
        if uplift is None or self.model_id not in uplift.models:
            return None
        if any(c.region == region for c in self._by_dimension.get(dimension, ())):
            return None
        global_price = self.resolve(dimension, cache_ttl, tier, None, key)
        if global_price.amount is None:
            return global_price
        return Resolved(
            dimension,
            cache_ttl,
            global_price.amount * uplift.factor,
            global_price.points,
            (f"region {region} = {uplift.factor} × global: {uplift.source}", *global_price.basis),
        )

    def _missing_reason(self, candidates: list[_Candidate], key: CardKey) -> str:
        states = sorted({c.point.state.value for c in candidates if not c.point.usable})
        if states:
            return f"state {', '.join(states)}"
        if self._by_dimension:
            return f"no fact for these conditions (tier {key.tier.value}, on {key.on})"
        return "the offering has no facts"

    def _candidate(self, item: PricePoint) -> _Candidate:
        conditions = item.conditions
        band = 0
        if conditions.prompt_threshold_tokens is not None:
            threshold = (conditions.prompt_threshold_tokens, conditions.prompt_boundary)
            band = self.thresholds.index(threshold) + 1
        window = -1
        if conditions.time_window is not None:
            window = [w.text for w in self.windows].index(conditions.time_window)
        return _Candidate(
            point=item,
            tier=conditions.tier,
            region=None if conditions.region == GLOBAL_REGION else conditions.region,
            cache_ttl=conditions.cache_ttl,
            api_surface=conditions.api_surface,
            window=window,
            band=band,
            effective_from=conditions.effective_from,
            effective_to=conditions.effective_to,
        )


def _found(dimension: str, cache_ttl: str | None, item: PricePoint) -> Resolved:
    assert item.amount is not None
    return Resolved(dimension, cache_ttl, item.amount, (item,))


def _most_specific(
    candidates: list[_Candidate], region: str | None, api_surface: str | None
) -> _Candidate:
    """Prefer a stated region and API surface, then the seller's own word, then a stated time
    window and TTL, then the latest start date.

    The seller's own word comes before a time window because an aggregator can keep a window
    the seller has dropped: genai-prices still lists DeepSeek's off-peak prices, which
    DeepSeek's own pricing page no longer states.
    """

    def specificity(c: _Candidate) -> tuple[bool, bool, bool, bool, bool, date]:
        return (
            c.region is not None and c.region == region,
            c.api_surface is not None and c.api_surface == api_surface,
            c.point.official,
            c.window >= 0,
            c.cache_ttl is not None,
            c.effective_from or date.min,
        )

    return max(candidates, key=specificity)


def _thresholds(points: list[PricePoint]) -> tuple[tuple[int, Boundary], ...]:
    found: set[tuple[int, Boundary]] = set()
    for item in points:
        tokens = item.conditions.prompt_threshold_tokens
        if tokens is not None:
            found.add((tokens, item.conditions.prompt_boundary))
    return tuple(sorted(found, key=_threshold_order))


def _threshold_order(threshold: tuple[int, Boundary]) -> int:
    """Return the smallest prompt size that crosses the threshold."""
    tokens, boundary = threshold
    return tokens if boundary is Boundary.AT_OR_ABOVE else tokens + 1


def _windows(points: list[PricePoint]) -> tuple[TimeWindow, ...]:
    texts = sorted({p.conditions.time_window for p in points if p.conditions.time_window})
    return tuple(parse_window(text) for text in texts)
