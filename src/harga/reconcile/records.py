"""The evidence rows reconciliation reads, loaded lean for speed."""

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from harga.domain.conditions import Conditions
from harga.domain.states import PriceState


@dataclass(frozen=True, slots=True)
class EvidenceRecord:
    """One current observation, with only the columns reconciliation reads."""

    id: int
    source: str
    official_source: bool
    stale_source: bool
    model_id: str
    seller: str
    variant: str
    kind: str
    field: str
    conditions_json: str
    state: PriceState | None
    amount: Decimal | None  # in the dimension's unit, in `currency`
    currency: str | None
    value_json: str | None
    observed_at: datetime

    @property
    def conditions(self) -> Conditions:
        return Conditions.from_json(json.loads(self.conditions_json))

    @property
    def value(self) -> Any:
        return None if self.value_json is None else json.loads(self.value_json)

    def group_key(self, today: date) -> str:
        """Return the conditions key it is compared under.

        A price in effect today is compared with undated prices. A past or future one is kept
        apart with its dates, as history or an announced change.
        """
        conditions = self.conditions
        if conditions.is_current(today):
            return conditions.without_dates().key()
        return conditions.key()
