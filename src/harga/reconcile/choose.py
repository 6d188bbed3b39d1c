"""The choice of one published value from many observations of the same thing.

Each source gets one vote, so a source that states a value twice (a dated and an undated id)
does not corroborate itself. Official sources win outright. Otherwise a strict majority of
sources decides; with no majority the state is `unknown` and the status `conflict`. Every
disagreement is returned as a discrepancy, whatever was published.
"""

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from harga.domain.states import PriceState, SupportStatus

# Relative difference under which two prices count as the same value; it absorbs binary float
# artefacts some upstreams write (0.30000000000000004) and nothing larger.
PRICE_TOLERANCE = Decimal("0.001")


@dataclass(frozen=True)
class Vote:
    """One observation's statement: a state and, for priced values, an exact amount."""

    source: str
    official: bool
    observation_id: int
    state: PriceState | None
    amount: Decimal | None = None
    value: Hashable = None  # facts: the JSON value, made hashable


@dataclass(frozen=True)
class Position:
    """A distinct value and the sources stating it."""

    state: PriceState | None
    amount: Decimal | None
    value: Hashable
    sources: tuple[str, ...]
    observation_ids: tuple[int, ...]


@dataclass(frozen=True)
class Choice:
    state: PriceState
    status: SupportStatus
    amount: Decimal | None
    value: Hashable
    evidence_ids: tuple[int, ...]
    positions: tuple[Position, ...] = field(default=())

    @property
    def disputed(self) -> bool:
        """Tell whether two sources back different values.

        A source that states several values, such as one per reseller it lists, backs only its
        most common one. That alone is not a disagreement between sources.
        """
        return sum(1 for p in self.positions if p.sources) > 1


def choose(votes: Sequence[Vote]) -> Choice:
    """Choose the published value for one offering × dimension × conditions, or one fact."""
    if not votes:
        return Choice(PriceState.PENDING, SupportStatus.NONE, None, None, ())
    positions = _positions(votes)
    backed = [p for p in positions if p.sources]
    official = [p for p in backed if _has_official(p, votes)]
    if official:
        winner = max(official, key=lambda p: len(p.sources))
        return _choice(winner, SupportStatus.OFFICIAL, positions)
    ranked = sorted(backed, key=lambda p: len(p.sources), reverse=True)
    if len(ranked) > 1 and len(ranked[0].sources) == len(ranked[1].sources):
        evidence = tuple(i for p in positions for i in p.observation_ids)
        return Choice(
            PriceState.UNKNOWN, SupportStatus.CONFLICT, None, None, evidence, tuple(positions)
        )
    winner = ranked[0]
    status = SupportStatus.CORROBORATED if len(winner.sources) > 1 else SupportStatus.SINGLE_SOURCE
    return _choice(winner, status, positions)


def _choice(winner: Position, status: SupportStatus, positions: list[Position]) -> Choice:
    state = winner.state or PriceState.PRICED
    disputed = tuple(positions) if len(positions) > 1 else ()
    return Choice(state, status, winner.amount, winner.value, winner.observation_ids, disputed)


def _has_official(position: Position, votes: Sequence[Vote]) -> bool:
    ids = set(position.observation_ids)
    return any(v.official and v.observation_id in ids for v in votes)


def _positions(votes: Sequence[Vote]) -> list[Position]:
    """Group votes into distinct values; each source backs the value it states most often.

    A value that its source states less often than another stays a position with no backers,
    so it is still shown as a discrepancy but cannot win. Positions come most-backed first.
    Votes are grouped in value order, not arrival order, so the same statements always give
    the same positions. A source's tie between two values goes to the lower one.
    """
    groups: list[list[Vote]] = []
    for vote in sorted(votes, key=_value_order):
        for group in groups:
            if _same(group[0], vote):
                group.append(vote)
                break
        else:
            groups.append([vote])
    backing = _source_preferences(groups)
    positions = []
    for index, group in enumerate(groups):
        sources = tuple(sorted(s for s, chosen in backing.items() if chosen == index))
        positions.append(_position(group, sources))
    # Most-backed value first, so a discrepancy lists the published value before the others.
    return [p for _, p in sorted(enumerate(positions), key=lambda x: (-len(x[1].sources), x[0]))]


def _value_order(vote: Vote) -> tuple[object, ...]:
    state = vote.state.value if vote.state else ""
    amount = vote.amount if vote.amount is not None else Decimal(-1)
    return (state, repr(vote.value), amount, vote.source, vote.observation_id)


def _position(group: list[Vote], sources: tuple[str, ...]) -> Position:
    """Represent a group by the exact amount most of its votes state, the lower on a tie."""
    counts = Counter(v.amount for v in group)
    amount = min(counts, key=lambda a: (-counts[a], Decimal(-1) if a is None else a))
    first = group[0]
    ids = tuple(sorted(v.observation_id for v in group))
    return Position(first.state, amount, first.value, sources, ids)


def _source_preferences(groups: list[list[Vote]]) -> dict[str, int]:
    counts: dict[str, Counter[int]] = {}
    for index, group in enumerate(groups):
        for vote in group:
            counts.setdefault(vote.source, Counter())[index] += 1
    return {source: counter.most_common(1)[0][0] for source, counter in counts.items()}


def _same(a: Vote, b: Vote) -> bool:
    if a.state != b.state or a.value != b.value:
        return False
    if a.amount is None or b.amount is None:
        return a.amount == b.amount
    largest = max(abs(a.amount), abs(b.amount))
    return abs(a.amount - b.amount) <= PRICE_TOLERANCE * largest
