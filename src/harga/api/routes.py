"""JSON API routes under /api/v1."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from harga.api.dependencies import (
    CreatorPath,
    CurrencyDep,
    Limit,
    ModelNamePath,
    Offset,
    SessionDep,
    model_filters,
)
from harga.api.documents import model_document, model_list, source_list
from harga.api.errors import ModelNotFound
from harga.api.feeds import change_list, discrepancy_list
from harga.api.schemas import (
    ChangeList,
    DiscrepancyList,
    ErrorEnvelope,
    ModelDocument,
    ModelList,
    SourceList,
)
from harga.storage.feeds import export_rows, model_limits
from harga.storage.queries import ModelFilters
from harga.views.currency import DisplayCurrency
from harga.views.exports import to_csv, to_json, to_litellm_map

router = APIRouter(
    prefix="/api/v1",
    responses={
        404: {"model": ErrorEnvelope, "description": "Not found"},
        422: {"model": ErrorEnvelope, "description": "Invalid parameters"},
    },
)


@router.get("/models", response_model=ModelList, tags=["models"])
def list_models(
    session: SessionDep, filters: Annotated[ModelFilters, Depends(model_filters)]
) -> ModelList:
    """List models with their headline prices; filter, sort and paginate."""
    return model_list(session, filters)


@router.get("/models/{creator}/{name}", response_model=ModelDocument, tags=["models"])
def get_model(
    session: SessionDep,
    creator: CreatorPath,
    name: ModelNamePath,
    currency: CurrencyDep = DisplayCurrency.USD,
) -> ModelDocument:
    """Return one model: facts, every offer's prices with evidence, discrepancies, history.

    With `currency` other than USD, each USD amount also carries a `converted` figure with the
    ECB rate and its date.
    """
    document = model_document(session, f"{creator}/{name}", currency)
    if document is None:
        raise ModelNotFound(f"{creator}/{name}")
    return document


@router.get("/sources", response_model=SourceList, tags=["sources"])
def get_sources(session: SessionDep) -> SourceList:
    """Return every source with its last run, last success, counts and stale state."""
    return source_list(session)


@router.get("/changes", response_model=ChangeList, tags=["feeds"])
def get_changes(session: SessionDep, limit: Limit = 100, offset: Offset = 0) -> ChangeList:
    """List published price changes, newest first, including those held for review."""
    return change_list(session, limit, offset)


@router.get("/discrepancies", response_model=DiscrepancyList, tags=["feeds"])
def get_discrepancies(
    session: SessionDep, limit: Limit = 100, offset: Offset = 0
) -> DiscrepancyList:
    """List every disagreement between sources, with each value and the sources stating it."""
    return discrepancy_list(session, limit, offset)


@router.get(
    "/export/prices.csv",
    tags=["exports"],
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def export_csv(session: SessionDep) -> Response:
    """Export every published price as CSV, one row per offering × dimension × scenario."""
    return Response(to_csv(export_rows(session)), media_type="text/csv; charset=utf-8")


@router.get(
    "/export/prices.json",
    tags=["exports"],
    response_class=Response,
    responses={200: {"content": {"application/json": {}}}},
)
def export_json(session: SessionDep) -> Response:
    """Export every published price as JSON, with amounts as exact decimal numbers."""
    generated_at = datetime.now(UTC).isoformat()
    return Response(to_json(export_rows(session), generated_at), media_type="application/json")


@router.get(
    "/export/litellm.json",
    tags=["exports"],
    response_class=Response,
    responses={200: {"content": {"application/json": {}}}},
)
def export_litellm(session: SessionDep) -> Response:
    """Export official standard prices in the shape of LiteLLM's price map (USD per token)."""
    body = to_litellm_map(export_rows(session), model_limits(session))
    return Response(body, media_type="application/json")
