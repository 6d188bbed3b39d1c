"""Page routes. Each page and its `.json` twin call the same builder."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from sqlalchemy.orm import Session

from harga.api.compare import MAX_COMPARED, compare_models
from harga.api.dependencies import (
    CreatorPath,
    CurrencyDep,
    ModelNamePath,
    PlainText,
    SessionDep,
    model_filters,
)
from harga.api.documents import model_document, model_list, source_list
from harga.api.errors import ModelNotFound
from harga.api.schemas import ModelDocument
from harga.domain.facts import CAPABILITY_FACTS
from harga.i18n import LOCALE_COOKIE, LOCALES
from harga.storage.queries import ModelFilters, creator_choices
from harga.views.currency import DisplayCurrency
from harga.views.model_document import all_evidence
from harga.web.rendering import TEMPLATES, render

router = APIRouter(include_in_schema=False)

FiltersDep = Annotated[ModelFilters, Depends(model_filters)]
FAVICON = TEMPLATES.parent / "static" / "favicon.svg"


def page_response(request: Request, html: str) -> HTMLResponse:
    response = HTMLResponse(html)
    lang = request.query_params.get("lang")
    if lang in LOCALES:
        response.set_cookie(LOCALE_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response


@router.get("/", response_class=HTMLResponse)
@router.get("/models", response_class=HTMLResponse)
def models_page(request: Request, session: SessionDep, filters: FiltersDep) -> Response:
    listing = model_list(session, filters)
    html = render(
        request,
        "models.html",
        listing=listing,
        filters=filters,
        creators=creator_choices(session),
        capabilities=CAPABILITY_FACTS,
    )
    return page_response(request, html)


@router.get("/models.json")
def models_json(session: SessionDep, filters: FiltersDep) -> JSONResponse:
    return JSONResponse(model_list(session, filters).model_dump(mode="json"))


@router.get("/models/{creator}/{name}", response_model=None)
def model_page(
    request: Request,
    session: SessionDep,
    creator: CreatorPath,
    name: ModelNamePath,
    currency: CurrencyDep = DisplayCurrency.USD,
) -> Response:
    if name.endswith(".json"):
        document = _document_or_404(session, creator, name.removesuffix(".json"), currency)
        return JSONResponse(document.model_dump(mode="json"))
    document = _document_or_404(session, creator, name, currency)
    html = render(request, "model.html", doc=document, evidence_rows=all_evidence(document))
    return page_response(request, html)


def _document_or_404(
    session: Session, creator: str, name: str, currency: DisplayCurrency
) -> ModelDocument:
    document = model_document(session, f"{creator}/{name}", currency)
    if document is None:
        raise ModelNotFound(f"{creator}/{name}")
    return document


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    # Pages name the SVG icon, but some browsers and crawlers still request /favicon.ico.
    return FileResponse(FAVICON, media_type="image/svg+xml")


@router.get("/methodology", response_class=HTMLResponse)
def methodology_page(request: Request) -> Response:
    return page_response(request, render(request, "methodology.html"))


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, session: SessionDep) -> Response:
    return page_response(request, render(request, "sources.html", sources=source_list(session)))


@router.get("/sources.json")
def sources_json(session: SessionDep) -> JSONResponse:
    return JSONResponse(source_list(session).model_dump(mode="json"))


def _model_ids(models: str) -> list[str]:
    return [m.strip() for m in models.split(",") if m.strip()]


ModelsParam = Annotated[
    str, PlainText, Query(max_length=1000, description="Comma-separated model ids, e.g. openai/o3")
]


@router.get("/compare", response_class=HTMLResponse)
def compare_page(
    request: Request,
    session: SessionDep,
    models: ModelsParam = "",
    currency: CurrencyDep = DisplayCurrency.USD,
) -> Response:
    comparison = compare_models(session, _model_ids(models), currency)
    html = render(
        request,
        "compare.html",
        comparison=comparison,
        models=models,
        currency=currency,
        max_compared=MAX_COMPARED,
    )
    return page_response(request, html)


@router.get("/compare.json")
def compare_json(
    session: SessionDep, models: ModelsParam = "", currency: CurrencyDep = DisplayCurrency.USD
) -> JSONResponse:
    comparison = compare_models(session, _model_ids(models), currency)
    return JSONResponse(comparison.model_dump(mode="json"))
