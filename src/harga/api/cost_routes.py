"""POST /api/v1/cost: price one request or a workload from the published prices."""

import logging

from fastapi import APIRouter, Request

from harga.api.cost import CostQuery, CostResponse, SingleCostQuery, price_query
from harga.api.dependencies import SessionDep
from harga.api.schemas import ErrorDetail, ErrorEnvelope
from harga.pricing import (
    InvalidUsage,
    MissingPrice,
    PricingError,
    UnknownModel,
    UnknownOffering,
)

log = logging.getLogger("harga.web")

router = APIRouter(prefix="/api/v1", tags=["cost"])


class PricingFailed(Exception):
    """A pricing error on its way to the error envelope, with the HTTP status it maps to."""

    def __init__(self, status: int, error: PricingError, details: list[ErrorDetail]) -> None:
        self.status = status
        self.error = error
        self.details = details
        super().__init__(str(error))


@router.post(
    "/cost",
    response_model=CostResponse,
    responses={
        400: {"model": ErrorEnvelope, "description": "A body that cannot be read as JSON"},
        404: {"model": ErrorEnvelope, "description": "Unknown model or offering"},
        422: {"model": ErrorEnvelope, "description": "Invalid usage or a needed price missing"},
    },
)
def post_cost(
    request: Request, session: SessionDep, body: CostQuery | SingleCostQuery
) -> CostResponse:
    """Price one request (give its fields directly) or a workload (`{"requests": [...]}`).

    Each request is priced with the prices in effect at its `at` time, under its seller's
    billing rules. Every line names the published facts and evidence it used.
    """
    query = body.as_query() if isinstance(body, SingleCostQuery) else body
    return price_or_raise(request, session, query)


def price_or_raise(request: Request, session: SessionDep, query: CostQuery) -> CostResponse:
    """Price a query with the app's cached price book, mapping pricing errors to statuses."""
    book = request.app.state.price_books.get(session)
    try:
        return price_query(query, book, session)
    except (UnknownModel, UnknownOffering) as error:
        raise PricingFailed(404, error, _close_matches(error)) from error
    except (MissingPrice, InvalidUsage) as error:
        raise PricingFailed(422, error, []) from error


def _close_matches(error: PricingError) -> list[ErrorDetail]:
    if isinstance(error, UnknownModel):
        return [
            ErrorDetail(location="model", message=f"close match: {m}") for m in error.close_matches
        ]
    return []
