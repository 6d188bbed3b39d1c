"""Loading a price book from the published `price_facts` of a database."""

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from harga.domain.conditions import Conditions
from harga.domain.states import PriceState
from harga.pricing.book import Offering, OfferingKey, PriceBook
from harga.pricing.points import PricePoint
from harga.storage.tables import OfferingRow, PriceFactRow


def load_price_book(session: Session) -> PriceBook:
    """Read every published price fact into a book, one offering per (model, seller, variant).

    Facts in the `pending`, `unknown` and `not_offered` states are kept without an amount, so an
    error can state why a dimension has no price.
    """
    # NOTE: offerings that differ only in `region` are merged into one, because published facts
    # state their region in their conditions and publishing writes every offering's region as "".
    offerings: dict[OfferingKey, Offering] = {}
    for row in session.execute(select(OfferingRow).order_by(OfferingRow.id)).scalars():
        key = (row.model_id, row.seller_id, row.variant)
        if key not in offerings:
            offerings[key] = Offering(row.model_id, row.seller_id, row.variant, row.official)
    ids = {row_id: key for row_id, key in _offering_ids(session)}
    for offering_id, item in _points(session):
        offerings[ids[offering_id]].points.append(item)
    return PriceBook(offerings.values())


def _offering_ids(session: Session) -> Iterator[tuple[int, OfferingKey]]:
    query = select(OfferingRow.id, OfferingRow.model_id, OfferingRow.seller_id, OfferingRow.variant)
    for row in session.execute(query):
        yield row.id, (row.model_id, row.seller_id, row.variant)


def _points(session: Session) -> Iterator[tuple[int, PricePoint]]:
    query = select(
        PriceFactRow.id,
        PriceFactRow.offering_id,
        PriceFactRow.dimension,
        PriceFactRow.conditions_json,
        PriceFactRow.effective_from,
        PriceFactRow.effective_to,
        PriceFactRow.state,
        PriceFactRow.amount,
        PriceFactRow.stale,
        PriceFactRow.evidence_ids,
        PriceFactRow.status,
    ).order_by(PriceFactRow.id)
    for row in session.execute(query):
        state = PriceState(row.state)
        amount = row.amount if state is PriceState.PRICED else None
        if state is PriceState.FREE:
            amount = Decimal(0)
        if state is PriceState.PRICED and amount is None:
            # A priced fact in a currency without an ECB rate has no USD amount yet.
            state = PriceState.UNKNOWN
        conditions = _conditions(row.conditions_json, row.effective_from, row.effective_to)
        yield (
            row.offering_id,
            PricePoint(
                dimension=row.dimension,
                amount=amount,
                state=state,
                conditions=conditions,
                fact_id=row.id,
                evidence_ids=tuple(json.loads(row.evidence_ids)),
                stale=row.stale,
                official=row.status == "official",
            ),
        )


def _conditions(text: str, start: date | None, end: date | None) -> Conditions:
    # The date columns are the published range. The JSON carries the same dates, because a
    # current price keeps its start date there for the history view.
    conditions = Conditions.from_json(json.loads(text))
    return replace(conditions, effective_from=start, effective_to=end)
