"""The app's routes as one flat list, on every FastAPI version the project allows."""

from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import FastAPI, routing
from fastapi.routing import APIRoute


@dataclass(frozen=True)
class RouteInfo:
    path: str
    methods: frozenset[str]
    in_schema: bool


def api_routes(app: FastAPI) -> Iterator[RouteInfo]:
    """Yield every path operation of the app with its full path and methods.

    FastAPI 0.137 and later keep an included router as one node of `app.routes`, which
    `routing.iter_route_contexts` (0.137.2 and later) expands. Older versions copy the
    router's routes into `app.routes`.
    """
    expand = getattr(routing, "iter_route_contexts", None)
    if expand is None:
        for route in app.routes:
            if isinstance(route, APIRoute):
                yield RouteInfo(route.path, frozenset(route.methods), route.include_in_schema)
        return
    for context in expand(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and context.path:
            yield RouteInfo(context.path, frozenset(context.methods or ()), route.include_in_schema)
