"""Published states of a value, and how well each value is supported."""

from enum import StrEnum


class PriceState(StrEnum):
    PRICED = "priced"
    FREE = "free"  # a source states an explicit zero
    NOT_OFFERED = "not_offered"  # a source states it is not available
    PENDING = "pending"  # reserved row, no evidence yet
    UNKNOWN = "unknown"  # sources disagree and none is authoritative


class SupportStatus(StrEnum):
    OFFICIAL = "official"  # read from the seller's own page
    CORROBORATED = "corroborated"  # several independent sources agree
    SINGLE_SOURCE = "single_source"
    CONFLICT = "conflict"  # sources disagree and no majority exists
    NONE = "none"  # pending: nothing supports it yet
