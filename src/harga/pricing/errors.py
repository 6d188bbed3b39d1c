"""Errors raised while pricing usage; each names what failed and what to do next."""

from collections.abc import Sequence


class PricingError(Exception):
    """Usage could not be priced."""


class UnknownModel(PricingError):
    """The model id matches no offering; `close_matches` lists similar known ids."""

    def __init__(self, model: str, close_matches: Sequence[str]) -> None:
        self.model = model
        self.close_matches = tuple(close_matches)
        hint = (
            f"; close matches: {', '.join(self.close_matches)}"
            if self.close_matches
            else "; no close match is known"
        )
        super().__init__(f"unknown model {model!r}{hint}")


class UnknownOffering(PricingError):
    """The model is known, but not as sold by the requested seller or variant."""

    def __init__(
        self,
        model: str,
        seller: str | None,
        sellers: Sequence[str],
        *,
        variant: str = "",
        variants: Sequence[str] = (),
    ) -> None:
        self.model = model
        self.seller = seller
        self.sellers = tuple(sellers)
        if variants:
            message = (
                f"model {model!r} has no offering with variant {variant!r}; "
                f"variants with prices: {', '.join(variants)}"
            )
        elif seller is None:
            message = (
                f"model {model!r} is sold by several sellers ({', '.join(self.sellers)}) "
                "and none is its creator; pass a seller"
            )
        else:
            message = (
                f"model {model!r} has no offering from seller {seller!r}; "
                f"sellers with prices: {', '.join(self.sellers) or 'none'}"
            )
        super().__init__(message)


class MissingPrice(PricingError):
    """The usage needs a dimension that has no usable price for this request."""

    def __init__(self, model: str, seller: str, dimensions: Sequence[str], details: str) -> None:
        self.model = model
        self.seller = seller
        self.dimensions = tuple(dimensions)
        super().__init__(
            f"no price for {', '.join(self.dimensions)} of model {model!r} from seller "
            f"{seller!r} ({details}); the usage needs it, so the cost is not computed. "
            "Pass allow_incomplete=True (CLI: --allow-incomplete) to get the priced part"
        )


class InvalidUsage(PricingError, ValueError):
    """Usage counts that contradict each other, such as more cached tokens than prompt tokens."""
