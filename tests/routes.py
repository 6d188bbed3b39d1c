"""The app's routes as one flat list, on every FastAPI version the project allows."""

from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import FastAPI, routing
from fastapi.routing import APIRoute
from starlette.routing import Route


@dataclass(frozen=True)
class RouteInfo:
    path: str
    methods: frozenset[str]
    is_path_operation: bool


def app_routes(app: FastAPI) -> Iterator[RouteInfo]:
    """Yield every HTTP route of the app with its full path and methods.

    FastAPI 0.137 and later keep an included router as one node of `app.routes`, which
    `routing.iter_route_contexts` (0.137.2 and later) expands. Older versions copy the
    router's routes into `app.routes`.
    """
    expand = getattr(routing, "iter_route_contexts", None)
    if expand is None:
        for route in app.routes:
            if isinstance(route, Route):
                methods = frozenset(route.methods or ())
                yield RouteInfo(route.path, methods, isinstance(route, APIRoute))
        return
    for context in expand(app.routes):
        route = context.original_route
        if isinstance(route, Route) and context.path:
            methods = frozenset(context.methods or ())
            yield RouteInfo(context.path, methods, isinstance(route, APIRoute))


def api_routes(app: FastAPI) -> Iterator[RouteInfo]:
    """Yield the app's path operations: the routes its endpoints declare, not the built-ins."""
    return (route for route in app_routes(app) if route.is_path_operation)
