"""harga: public LLM API prices with the evidence behind every number."""

from harga.pricing import (
    MissingPrice,
    PriceBook,
    PricedRequest,
    PriceResult,
    Usage,
    extract_usage,
    price_usage,
    price_workload,
)

__version__ = "0.1.0"

__all__ = [
    "MissingPrice",
    "PriceBook",
    "PriceResult",
    "PricedRequest",
    "Usage",
    "__version__",
    "extract_usage",
    "price_usage",
    "price_workload",
]
