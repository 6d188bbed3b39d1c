"""The API reference page at /api/v1/docs, rendered on the server from the OpenAPI document.

It replaces Swagger UI, which loads its scripts from a CDN and so shows a blank page offline.
"""

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from harga.web.rendering import render
from harga.web.routes import page_response

router = APIRouter(include_in_schema=False)

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class FieldRow:
    """A parameter or a schema property, with its type in words."""

    name: str
    location: str
    type: str
    required: bool
    default: str
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    parameters: list[FieldRow]
    body: str
    responses: list[tuple[str, str, str]]


@dataclass(frozen=True)
class Schema:
    name: str
    description: str
    properties: list[FieldRow]


@router.get("/api/v1/docs", response_class=HTMLResponse)
def api_docs_page(request: Request) -> Response:
    spec = request.app.openapi()
    html = render(
        request,
        "api_docs.html",
        info=spec.get("info", {}),
        operations=operations(spec),
        schemas=schemas(spec),
    )
    return page_response(request, html)


def operations(spec: dict[str, Any]) -> list[Operation]:
    """List every operation of the OpenAPI document in its path order."""
    result = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            summary, details = _summary_and_details(operation)
            result.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    anchor=operation.get("operationId", f"{method}-{path}"),
                    summary=summary,
                    description=details,
                    parameters=[_parameter(p) for p in operation.get("parameters", [])],
                    body=_body(operation.get("requestBody")),
                    responses=[
                        (status, response.get("description", ""), _content_type(response))
                        for status, response in operation.get("responses", {}).items()
                    ],
                )
            )
    return result


def schemas(spec: dict[str, Any]) -> list[Schema]:
    """List every component schema with its properties, or its values for an enum."""
    result = []
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        required = set(schema.get("required", []))
        properties = [
            FieldRow(
                name=key,
                location="",
                type=type_text(value),
                required=key in required,
                default=_default(value),
                description=value.get("description", ""),
            )
            for key, value in schema.get("properties", {}).items()
        ]
        description = schema.get("description", "")
        if "enum" in schema:
            description = f"{description} {type_text(schema)}".strip()
        result.append(Schema(name, description, properties))
    return result


def type_text(schema: dict[str, Any]) -> str:
    """Describe a JSON Schema's type briefly: `string`, `list of Price`, `integer, ≥ 1`."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema or "oneOf" in schema:
        options = [type_text(s) for s in schema.get("anyOf", schema.get("oneOf", []))]
        return " | ".join(dict.fromkeys(options))
    if "enum" in schema:
        return "one of " + ", ".join(f"`{v}`" for v in schema["enum"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {type_text(schema.get('items', {}))}"
    if kind == "object" and "additionalProperties" in schema:
        values = schema["additionalProperties"]
        if isinstance(values, dict) and values:
            return f"object of {type_text(values)}"
    text = f"{kind} ({schema['format']})" if "format" in schema else str(kind)
    bounds = [
        f"{sign} {schema[key]}"
        for key, sign in (("minimum", "≥"), ("maximum", "≤"), ("maxLength", "length ≤"))
        if key in schema
    ]
    return ", ".join([text, *bounds])


def _summary_and_details(operation: dict[str, Any]) -> tuple[str, str]:
    """Split the endpoint's docstring into its first paragraph and the rest.

    FastAPI's own `summary` is the function name in title case, so the docstring reads better.
    """
    description = str(operation.get("description", ""))
    if not description:
        return str(operation.get("summary", "")), ""
    summary, _, details = description.partition("\n\n")
    return summary, details


def _parameter(parameter: dict[str, Any]) -> FieldRow:
    schema = parameter.get("schema", {})
    return FieldRow(
        name=parameter["name"],
        location=parameter.get("in", ""),
        type=type_text(schema),
        required=bool(parameter.get("required")),
        default=_default(schema),
        description=parameter.get("description", schema.get("description", "")),
    )


def _body(body: dict[str, Any] | None) -> str:
    if not body:
        return ""
    content = body.get("content", {})
    return "; ".join(f"{media}: {type_text(c.get('schema', {}))}" for media, c in content.items())


def _content_type(response: dict[str, Any]) -> str:
    content = response.get("content", {})
    return ", ".join(
        f"{media}: {type_text(c['schema'])}" if c.get("schema") else media
        for media, c in content.items()
    )


def _default(schema: dict[str, Any]) -> str:
    if "default" not in schema:
        return ""
    value = schema["default"]
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
