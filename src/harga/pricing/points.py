"""Price points: published facts as the pricing engine reads them."""

from dataclasses import dataclass
from decimal import Decimal

from harga.domain.conditions import STANDARD, Conditions
from harga.domain.dimensions import Unit, get_dimension
from harga.domain.states import PriceState

# How many usage units one published price covers, per published unit.
UNIT_SIZE: dict[Unit, int] = {
    Unit.PER_MTOK: 1_000_000,
    Unit.PER_KREQUEST: 1_000,
    Unit.PER_KCALL: 1_000,
    Unit.PER_IMAGE: 1,
    Unit.PER_SECOND: 1,
    Unit.PER_GB_HOUR: 1,
}


@dataclass(frozen=True, slots=True)
class PricePoint:
    """One price of one offering: a dimension under conditions, in USD per the dimension unit.

    `amount` is None unless the state is `priced` or `free`; a `free` point has amount 0
    because a source states the zero.
    """

    dimension: str
    amount: Decimal | None
    state: PriceState = PriceState.PRICED
    conditions: Conditions = STANDARD
    fact_id: int | None = None
    evidence_ids: tuple[int, ...] = ()
    stale: bool = False
    official: bool = False  # the seller's own page or catalogue states it

    def __post_init__(self) -> None:
        get_dimension(self.dimension)
        usable = self.state in (PriceState.PRICED, PriceState.FREE)
        if usable and self.amount is None:
            raise ValueError(f"{self.dimension}: a {self.state.value} price needs an amount")
        if self.amount is not None and not isinstance(self.amount, Decimal):
            raise TypeError(f"{self.dimension}: amounts are Decimal, got {type(self.amount)}")
        if self.amount is not None and (not self.amount.is_finite() or self.amount < 0):
            raise ValueError(f"{self.dimension}: invalid amount {self.amount!r}")

    @property
    def usable(self) -> bool:
        return self.amount is not None and self.state in (PriceState.PRICED, PriceState.FREE)


def point(
    dimension: str,
    amount: str | Decimal,
    conditions: Conditions = STANDARD,
    *,
    fact_id: int | None = None,
    evidence_ids: tuple[int, ...] = (),
) -> PricePoint:
    """Build a priced point from a decimal string or `Decimal`, as tests and adapters do."""
    value = Decimal(amount) if isinstance(amount, str) else amount
    state = PriceState.FREE if value == 0 else PriceState.PRICED
    return PricePoint(dimension, value, state, conditions, fact_id, evidence_ids)
