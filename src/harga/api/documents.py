"""Builders of the documents that pages and API responses share."""

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from harga.api.schemas import ModelDocument, ModelList, ModelSummary, SourceHealth, SourceList
from harga.storage.queries import ModelFilters, get_model_records, list_models, list_sources
from harga.views.currency import DisplayCurrency, converter_for
from harga.views.model_document import build_model_document


def model_document(
    session: Session, model_id: str, currency: DisplayCurrency = DisplayCurrency.USD
) -> ModelDocument | None:
    records = get_model_records(session, model_id)
    if records is None:
        return None
    converter = converter_for(session, currency, datetime.now(UTC).date())
    return build_model_document(records, converter)


def model_list(session: Session, filters: ModelFilters) -> ModelList:
    page = list_models(session, filters)
    items = [
        ModelSummary(
            id=row.id,
            creator=row.creator_id,
            creator_name=page.creators.get(row.creator_id, row.creator_id),
            name=row.display_name,
            input_mtok=row.input_mtok,
            output_mtok=row.output_mtok,
            context_window=row.context_window,
            offer_count=row.offer_count,
            confirmed_at=row.confirmed_at,
            url=f"/models/{row.id}",
        )
        for row in page.items
    ]
    return ModelList(total=page.total, limit=filters.limit, offset=filters.offset, items=items)


def source_list(session: Session) -> SourceList:
    return SourceList(
        items=[
            SourceHealth(
                id=row.id,
                name=row.name,
                kind=row.kind,
                url=row.url,
                last_run_at=row.last_run_at,
                last_success_at=row.last_success_at,
                stale=row.stale,
                last_error=row.last_error,
                items_seen=row.items_seen,
                items_changed=row.items_changed,
                items_failed=row.items_failed,
            )
            for row in list_sources(session)
        ]
    )
