"""The calculator page and its JSON twin: a request's usage priced from the published prices."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import Field, ValidationError

from harga.api.cost import CostQuery, CostRequest, CostResponse, ModelId
from harga.api.cost_routes import PricingFailed, price_or_raise
from harga.api.dependencies import Blank, CurrencyDep, PlainText, SessionDep, WholeNumber
from harga.domain.conditions import ServiceTier
from harga.pricing import Usage
from harga.views.currency import DisplayCurrency
from harga.web.rendering import render
from harga.web.routes import page_response

router = APIRouter(include_in_schema=False)

TokenCount = Annotated[
    Annotated[int, Field(ge=0, le=10**12)] | None, Blank, WholeNumber, Query(description="Tokens")
]
Text = Annotated[Annotated[str, Field(max_length=200), PlainText] | None, Blank, Query()]


@dataclass(frozen=True)
class CalculatorForm:
    """The calculator's fields, as the page's form submits them."""

    model: str | None
    seller: str | None
    variant: str | None
    tier: ServiceTier
    input: int
    cached: int
    cache_write: int
    cache_write_1h: int
    output: int
    reasoning: int
    web_searches: int
    at: date | None
    currency: DisplayCurrency
    allow_incomplete: bool

    def query(self) -> CostQuery | None:
        if not self.model:
            return None
        usage = Usage(
            input_tokens=self.input,
            cache_read_tokens=self.cached,
            cache_write_tokens=self.cache_write,
            cache_write_1h_tokens=self.cache_write_1h,
            output_tokens=self.output,
            reasoning_tokens=self.reasoning,
            web_searches=self.web_searches,
        )
        moment = datetime.combine(self.at, time(12), tzinfo=UTC) if self.at else None
        request = CostRequest(
            usage=usage,
            model=self.model,
            seller=self.seller,
            variant=self.variant or "",
            tier=self.tier,
            at=moment,
        )
        return CostQuery(
            requests=[request], currency=self.currency, allow_incomplete=self.allow_incomplete
        )


def calculator_form(
    currency: CurrencyDep = DisplayCurrency.USD,
    model: Annotated[ModelId | None, Blank, Query()] = None,
    seller: Text = None,
    variant: Text = None,
    tier: Annotated[ServiceTier, Query()] = ServiceTier.STANDARD,
    input: TokenCount = None,
    cached: TokenCount = None,
    cache_write: TokenCount = None,
    cache_write_1h: TokenCount = None,
    output: TokenCount = None,
    reasoning: TokenCount = None,
    web_searches: TokenCount = None,
    at: Annotated[date | None, Blank, Query(description="Date of the request")] = None,
    allow_incomplete: Annotated[bool, Query()] = False,
) -> CalculatorForm:
    return CalculatorForm(
        model=model,
        seller=seller,
        variant=variant,
        tier=tier,
        input=input or 0,
        cached=cached or 0,
        cache_write=cache_write or 0,
        cache_write_1h=cache_write_1h or 0,
        output=output or 0,
        reasoning=reasoning or 0,
        web_searches=web_searches or 0,
        at=at,
        currency=currency,
        allow_incomplete=allow_incomplete,
    )


FormDep = Annotated[CalculatorForm, Depends(calculator_form)]


def _cost_query(form: CalculatorForm) -> CostQuery | None:
    # The query parameters are validated one by one, so this is a safety net: a value the
    # cost models reject becomes a 422 instead of an unhandled ValidationError.
    try:
        return form.query()
    except ValidationError as error:
        raise RequestValidationError(error.errors(include_url=False)) from error


@router.get("/calculator", response_class=HTMLResponse)
def calculator_page(request: Request, session: SessionDep, form: FormDep) -> Response:
    query = _cost_query(form)
    result: CostResponse | None = None
    error: PricingFailed | None = None
    if query is not None:
        try:
            result = price_or_raise(request, session, query)
        except PricingFailed as failure:
            error = failure
    html = render(
        request,
        "calculator.html",
        form=form,
        result=result,
        error=error,
        tiers=[t.value for t in ServiceTier],
    )
    response = page_response(request, html)
    if error is not None:
        response.status_code = error.status
    return response


@router.get("/calculator.json")
def calculator_json(request: Request, session: SessionDep, form: FormDep) -> JSONResponse:
    query = _cost_query(form)
    if query is None:
        return JSONResponse(
            {
                "ok": False,
                "status": 422,
                "error": "missing model",
                "errors": [{"location": "query.model", "message": "Field required"}],
            },
            status_code=422,
        )
    result = price_or_raise(request, session, query)
    return JSONResponse(result.model_dump(mode="json"))
