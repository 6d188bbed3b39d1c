"""Jinja environments, one per locale, with Babel formatting filters and gettext installed."""

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from fastapi import Request
from jinja2 import Environment, FileSystemLoader, select_autoescape

from harga.domain.dimensions import DIMENSIONS
from harga.domain.facts import FACTS
from harga.i18n import LOCALE_COOKIE, LOCALES, Formatter, negotiate_locale, translations
from harga.web import labels

if TYPE_CHECKING:
    from harga.api.errors import PageError

TEMPLATES = Path(__file__).parent / "templates"


def request_locale(request: Request) -> str:
    return negotiate_locale(
        request.query_params.get("lang"),
        request.cookies.get(LOCALE_COOKIE),
        request.headers.get("accept-language"),
    )


@cache
def environment(locale: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(locale), newstyle=True)  # type: ignore[attr-defined]
    formatter = Formatter(locale)
    env.filters.update(
        decimal=formatter.decimal,
        number_text=formatter.number_text,
        rate=formatter.rate,
        money=formatter.money,
        date=formatter.date,
        datetime=formatter.datetime,
    )
    gettext = translations(locale).gettext

    def fact_label(key: str) -> str:
        return FACTS[key].label(locale) if key in FACTS else key

    env.globals.update(
        state_label=lambda state: labels.state_label(gettext, state),
        status_label=lambda status: labels.status_label(gettext, status),
        unit_label=lambda unit: labels.unit_label(gettext, unit),
        scenario_label=lambda conditions: labels.scenario_label(gettext, formatter, conditions),
        use_case_label=lambda rule: labels.use_case_label(gettext, rule),
        tier_label=lambda tier: labels.tier_label(gettext, tier),
        source_kind_label=lambda kind: labels.source_kind_label(gettext, kind),
        modality_label=lambda modality: labels.modality_label(gettext, modality),
        benchmark_figure_label=lambda name: labels.benchmark_figure_label(gettext, name),
        use_case_fact_label=lambda key: labels.use_case_fact_label(gettext, fact_label, key),
        error_title=lambda status: labels.error_title(gettext, status),
        error_lead=lambda status: labels.error_lead(gettext, status),
        problem_message=lambda problem: labels.validation_message(
            gettext, problem.kind, problem.context, problem.message
        ),
        locale=locale,
        locales=LOCALES,
        dimension_label=lambda key: DIMENSIONS[key].label(locale) if key in DIMENSIONS else key,
        fact_label=fact_label,
    )
    return env


def render(request: Request, template: str, **context: Any) -> str:
    locale = request_locale(request)
    context.setdefault("request", request)
    context["url_with"] = lambda **changes: url_with(request, **changes)
    context["json_url"] = json_twin_url(request)
    return environment(locale).get_template(template).render(**context)


def url_with(request: Request, **changes: Any) -> str:
    """Return the current URL with some query parameters changed; None removes one."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return f"{request.url.path}?{query}" if query else request.url.path


def json_twin_url(request: Request) -> str:
    """Return the URL of the page's JSON twin, keeping the query string."""
    path = "/models" if request.url.path == "/" else request.url.path
    query = request.url.query
    return f"{path}.json?{query}" if query else f"{path}.json"


def render_error(request: Request, status: int, page: "PageError") -> str:
    return render(request, "error.html", status=status, page=page)
