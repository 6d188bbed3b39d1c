"""The pricing engine: exact cost of real requests under each seller's billing rules."""

from harga.pricing.book import Offering, PriceBook
from harga.pricing.engine import price_usage, price_workload
from harga.pricing.errors import (
    InvalidUsage,
    MissingPrice,
    PricingError,
    UnknownModel,
    UnknownOffering,
)
from harga.pricing.extract import ExtractedUsage, UnrecognisedResponse, extract_usage
from harga.pricing.points import PricePoint, point
from harga.pricing.result import PricedRequest, PriceResult, WorkloadResult
from harga.pricing.usage import Usage

__all__ = [
    "ExtractedUsage",
    "InvalidUsage",
    "MissingPrice",
    "Offering",
    "PriceBook",
    "PricePoint",
    "PriceResult",
    "PricedRequest",
    "PricingError",
    "UnknownModel",
    "UnknownOffering",
    "UnrecognisedResponse",
    "Usage",
    "WorkloadResult",
    "extract_usage",
    "point",
    "price_usage",
    "price_workload",
]
