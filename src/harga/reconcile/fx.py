"""Currency conversion with dated ECB reference rates (EUR base), exact to the last digit."""

import bisect
from dataclasses import dataclass
from datetime import date
from decimal import Context, Decimal, localcontext

# Enough digits that a CNY price converts to USD without visible rounding; the rate itself
# has at most 6 significant digits.
_QUOTIENT_PRECISION = Decimal("1e-12")


@dataclass(frozen=True)
class Conversion:
    amount: Decimal
    rate: Decimal  # target currency units per 1 unit of the source currency
    rate_date: date


class FxTable:
    """EUR-based rates by currency and date, as the ECB publishes them."""

    def __init__(self, rates: dict[str, dict[date, Decimal]]) -> None:
        self._rates = {currency: sorted(by_date.items()) for currency, by_date in rates.items()}

    def rate_on(self, currency: str, on: date) -> tuple[date, Decimal] | None:
        """Return the EUR→currency rate of the latest ECB day on or before `on`."""
        if currency == "EUR":
            return (on, Decimal(1))
        series = self._rates.get(currency)
        if not series:
            return None
        index = bisect.bisect_right(series, (on, Decimal("Infinity"))) - 1
        if index < 0:
            return None
        return series[index]

    def to_usd(self, amount: Decimal, currency: str, on: date) -> Conversion | None:
        return self.convert(amount, currency, "USD", on)

    def convert(self, amount: Decimal, source: str, target: str, on: date) -> Conversion | None:
        """Convert through EUR with the rates of the same ECB day; None when a rate is missing."""
        if source == target:
            return Conversion(amount, Decimal(1), on)
        source_rate = self.rate_on(source, on)
        target_rate = self.rate_on(target, on)
        if source_rate is None or target_rate is None:
            return None
        rate_date = min(source_rate[0], target_rate[0])
        # Enough digits for the integer part plus the 12 kept decimals, and a guard digit.
        digits = max(28, amount.adjusted() + target_rate[1].adjusted() + 20)
        with localcontext(Context(prec=digits)):
            converted = amount * target_rate[1] / source_rate[1]
            rate = target_rate[1] / source_rate[1]
        return Conversion(_rounded(converted), _rounded(rate), rate_date)


def _rounded(value: Decimal) -> Decimal:
    # A context wide enough for any amount's integer digits, so `quantize` cannot overflow.
    context = Context(prec=max(28, value.adjusted() + 20))
    return value.quantize(_QUOTIENT_PRECISION, context=context).normalize(context)
