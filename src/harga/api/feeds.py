"""Builders of the change feed and the discrepancy list, shared by pages and the API."""

import json

from sqlalchemy.orm import Session

from harga.api.schemas import (
    ChangeEvent,
    ChangeList,
    DiscrepancyList,
    DiscrepancyPosition,
    DiscrepancySummary,
)
from harga.storage.feeds import list_changes, list_discrepancies
from harga.views.discrepancies import position_fields


def change_list(session: Session, limit: int, offset: int) -> ChangeList:
    rows, total = list_changes(session, limit, offset)
    items = [
        ChangeEvent(
            id=row.id,
            detected_at=row.detected_at,
            model_id=row.model_id,
            seller=row.seller_id,
            dimension=row.dimension,
            conditions_key=row.conditions_key,
            before_state=row.before_state,
            before_amount=row.before_amount,
            after_state=row.after_state,
            after_amount=row.after_amount,
            held_for_review=row.held_for_review,
            url=f"/models/{row.model_id}",
        )
        for row in rows
    ]
    return ChangeList(total=total, limit=limit, offset=offset, items=items)


def discrepancy_list(session: Session, limit: int, offset: int) -> DiscrepancyList:
    rows, total = list_discrepancies(session, limit, offset)
    items = [
        DiscrepancySummary(
            model_id=row.model_id,
            kind=row.kind,
            field=row.field,
            seller=seller,
            conditions_key=row.conditions_key,
            published=json.loads(row.published_json or "{}"),
            values=[
                DiscrepancyPosition(**position_fields(row.kind, item))
                for item in json.loads(row.values_json)
            ],
            detected_at=row.detected_at,
            url=f"/models/{row.model_id}#discrepancies",
        )
        for row, seller in rows
    ]
    return DiscrepancyList(total=total, limit=limit, offset=offset, items=items)
