"""JSON API routes under /api/v1."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException

from harga.api.dependencies import CurrencyDep, SessionDep, model_filters
from harga.api.documents import model_document, model_list, source_list
from harga.api.schemas import ErrorEnvelope, ModelDocument, ModelList, SourceList
from harga.storage.queries import ModelFilters
from harga.views.currency import DisplayCurrency

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
    session: SessionDep, creator: str, name: str, currency: CurrencyDep = DisplayCurrency.USD
) -> ModelDocument:
    """Return one model: facts, every offer's prices with evidence, discrepancies, history.

    With `currency` other than USD, each USD amount also carries a `converted` figure with the
    ECB rate and its date.
    """
    document = model_document(session, f"{creator}/{name}", currency)
    if document is None:
        raise HTTPException(404, f"model {creator}/{name} not found")
    return document


@router.get("/sources", response_model=SourceList, tags=["sources"])
def get_sources(session: SessionDep) -> SourceList:
    """Return every source with its last run, last success, counts and stale state."""
    return source_list(session)
