"""A price book: the compiled price tables of many offerings, and model id resolution."""

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from harga.normalize.model_ids import canonical_name
from harga.normalize.registry import is_official, seller_slug
from harga.pricing.errors import UnknownModel, UnknownOffering
from harga.pricing.points import PricePoint
from harga.pricing.rules import rules_for
from harga.pricing.table import PriceTable

OfferingKey = tuple[str, str, str]  # model id, seller, variant


@dataclass
class Offering:
    """The price points of one model as sold by one seller, before compilation."""

    model_id: str
    seller_id: str
    variant: str = ""
    official: bool = False
    points: list[PricePoint] = field(default_factory=list)


class PriceBook:
    """Price tables by offering; each table is compiled on first use and then kept."""

    def __init__(self, offerings: Iterable[Offering]) -> None:
        self._offerings: dict[OfferingKey, Offering] = {}
        for offering in offerings:
            key = (offering.model_id, offering.seller_id, offering.variant)
            self._offerings[key] = offering
        self._tables: dict[OfferingKey, PriceTable] = {}
        self._sellers: dict[str, list[Offering]] = {}
        for offering in self._offerings.values():
            self._sellers.setdefault(offering.model_id, []).append(offering)
        self._lookups: dict[tuple[str, str | None, str], PriceTable] = {}

    @classmethod
    def from_points(
        cls, model_id: str, seller_id: str, points: Iterable[PricePoint], *, variant: str = ""
    ) -> "PriceBook":
        """Build a book of one offering, as tests and the calculator's what-if prices do."""
        official = is_official(model_id.split("/")[0], seller_id)
        return cls([Offering(model_id, seller_id, variant, official, list(points))])

    @property
    def model_ids(self) -> list[str]:
        return sorted(self._sellers)

    def table(self, model: str, seller: str | None = None, variant: str = "") -> PriceTable:
        """Return the table of `model` sold by `seller` (the official seller when None).

        Raises `UnknownModel` with close matches, or `UnknownOffering` naming the sellers.
        """
        lookup = (model, seller, variant)
        table = self._lookups.get(lookup)
        if table is None:
            table = self._lookups[lookup] = self._find_table(model, seller, variant)
        return table

    def _find_table(self, model: str, seller: str | None, variant: str) -> PriceTable:
        seller_id = seller_slug(seller) if seller else None
        model_id = self._model_id(model, seller_id)
        offerings = [o for o in self._sellers[model_id] if o.variant == variant]
        if not offerings:
            variants = sorted({o.variant or "(none)" for o in self._sellers[model_id]})
            raise UnknownOffering(model_id, seller_id, [], variant=variant, variants=variants)
        if seller_id is None:
            chosen = [o for o in offerings if o.official] or offerings
            # The creator's own seller first: `deepseek` rather than its China platform
            # `deepseek-cn`, which is official too.
            creator = model_id.split("/")[0]
            own = [o for o in chosen if o.seller_id == creator]
            chosen = own or chosen
            if len(chosen) != 1:
                raise UnknownOffering(model_id, None, sorted({o.seller_id for o in offerings}))
            offering = chosen[0]
        else:
            matches = [o for o in offerings if o.seller_id == seller_id]
            if not matches:
                sellers = sorted({o.seller_id for o in self._sellers[model_id]})
                raise UnknownOffering(model_id, seller_id, sellers)
            offering = matches[0]
        return self._compiled(offering)

    def _model_id(self, model: str, seller_id: str | None) -> str:
        if model in self._sellers:
            return model
        try:
            canonical = canonical_name(model, seller_id or "").model_id
        except (ValueError, IndexError):
            # A blank or malformed id such as "/" names no model.
            raise UnknownModel(model, []) from None
        if canonical in self._sellers:
            return canonical
        known = list(self._sellers)
        names = {model_id.split("/", 1)[-1]: model_id for model_id in known}
        close = difflib.get_close_matches(model, known, n=5, cutoff=0.6)
        close += [
            names[name]
            for name in difflib.get_close_matches(model.split("/")[-1], list(names), n=5)
            if names[name] not in close
        ]
        raise UnknownModel(model, close[:5])

    def _compiled(self, offering: Offering) -> PriceTable:
        key = (offering.model_id, offering.seller_id, offering.variant)
        table = self._tables.get(key)
        if table is None:
            table = PriceTable(
                offering.model_id,
                offering.seller_id,
                offering.variant,
                offering.points,
                rules_for(offering.seller_id),
                official=offering.official,
            )
            self._tables[key] = table
        return table
