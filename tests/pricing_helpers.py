"""Price books for pricing tests, built from prices given in each test."""

from collections.abc import Iterable

from harga.pricing import PriceBook, PricePoint


def book_of(
    model_id: str, seller: str, points: Iterable[PricePoint], variant: str = ""
) -> PriceBook:
    return PriceBook.from_points(model_id, seller, points, variant=variant)
