"""The change feed and discrepancy pages, with their JSON twins and the Atom feed."""

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from harga.api.dependencies import Limit, Offset, SessionDep
from harga.api.documents import source_list
from harga.api.feeds import change_list, discrepancy_list
from harga.web.atom import atom_feed
from harga.web.rendering import render
from harga.web.routes import page_response

router = APIRouter(include_in_schema=False)


@router.get("/changes", response_class=HTMLResponse)
def changes_page(
    request: Request, session: SessionDep, limit: Limit = 100, offset: Offset = 0
) -> Response:
    changes = change_list(session, limit, offset)
    return page_response(request, render(request, "changes.html", changes=changes))


@router.get("/changes.json")
def changes_json(session: SessionDep, limit: Limit = 100, offset: Offset = 0) -> JSONResponse:
    return JSONResponse(change_list(session, limit, offset).model_dump(mode="json"))


@router.get("/changes.atom")
def changes_atom(request: Request, session: SessionDep) -> Response:
    # With no change yet, the feed was last updated by the latest successful collection run.
    runs = [s.last_success_at for s in source_list(session).items if s.last_success_at]
    updated = max(runs, default=datetime(1970, 1, 1, tzinfo=UTC))
    body = atom_feed(change_list(session, 100, 0), request.app.state.base_url, updated)
    return Response(body, media_type="application/atom+xml")


@router.get("/discrepancies", response_class=HTMLResponse)
def discrepancies_page(
    request: Request, session: SessionDep, limit: Limit = 100, offset: Offset = 0
) -> Response:
    listing = discrepancy_list(session, limit, offset)
    return page_response(request, render(request, "discrepancies.html", listing=listing))


@router.get("/discrepancies.json")
def discrepancies_json(session: SessionDep, limit: Limit = 100, offset: Offset = 0) -> JSONResponse:
    return JSONResponse(discrepancy_list(session, limit, offset).model_dump(mode="json"))
