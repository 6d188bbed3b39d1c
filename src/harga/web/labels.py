"""Human labels for states, statuses, scenarios and use-case rules, in each locale."""

from collections.abc import Callable
from typing import Any

from harga.i18n import Formatter

Gettext = Callable[[str], str]


def state_label(_: Gettext, state: str) -> str:
    labels = {
        "priced": _("priced"),
        "free": _("free"),
        "not_offered": _("not offered"),
        "pending": _("pending"),
        "unknown": _("unknown: sources disagree"),
    }
    return labels.get(state, state)


def status_label(_: Gettext, status: str) -> str:
    labels = {
        "official": _("official"),
        "corroborated": _("corroborated"),
        "single_source": _("single source"),
        "conflict": _("in conflict"),
        "none": _("no evidence yet"),
    }
    return labels.get(status, status)


def unit_label(_: Gettext, unit: str) -> str:
    labels = {
        "per_mtok": _("per 1M tokens"),
        "per_krequest": _("per 1K requests"),
        "per_kcall": _("per 1K calls"),
        "per_image": _("per image"),
        "per_second": _("per second"),
        "per_gb_hour": _("per GB-hour"),
        "per_mtok_hour": _("per 1M tokens per hour"),
        "per_token": _("per token"),
        "per_ktok": _("per 1K tokens"),
        "per_request": _("per request"),
        "per_call": _("per call"),
        "per_minute": _("per minute"),
    }
    return labels.get(unit, unit)


def scenario_label(_: Gettext, formatter: Formatter, conditions: dict[str, Any]) -> str:
    """Describe a price's conditions in words: tier, prompt size, cache TTL, region, dates."""
    parts = []
    tier = conditions.get("tier")
    parts.append(tier_label(_, tier) if tier else _("standard"))
    threshold = conditions.get("prompt_threshold_tokens")
    if threshold is not None:
        sign = ">" if conditions.get("prompt_boundary", "gt") == "gt" else "≥"
        parts.append(
            _("prompt %(sign)s %(tokens)s tokens")
            % {
                "sign": sign,
                "tokens": formatter.decimal(int(threshold)),
            }
        )
    if conditions.get("cache_ttl"):
        parts.append(_("cache TTL %(ttl)s") % {"ttl": conditions["cache_ttl"]})
    if conditions.get("region"):
        parts.append(_("region %(region)s") % {"region": conditions["region"]})
    if conditions.get("time_window"):
        parts.append(_("time %(window)s") % {"window": conditions["time_window"]})
    if conditions.get("api_surface"):
        parts.append(str(conditions["api_surface"]))
    if conditions.get("effective_from"):
        parts.append(_("from %(date)s") % {"date": conditions["effective_from"]})
    if conditions.get("effective_to"):
        parts.append(_("until %(date)s") % {"date": conditions["effective_to"]})
    return " · ".join(parts)


def tier_label(_: Gettext, tier: str) -> str:
    labels = {
        "batch": _("batch"),
        "flex": _("flex"),
        "priority": _("priority"),
        "fast": _("fast"),
        "standard": _("standard"),
    }
    return labels.get(tier, tier)


def use_case_label(_: Gettext, rule: str) -> str:
    labels = {
        "long_documents": _("long documents and large codebases"),
        "high_volume": _("high-volume, low-cost tasks"),
        "image_understanding": _("understanding images"),
        "agents_tools": _("agents and tool calling"),
        "complex_reasoning": _("multi-step reasoning"),
        "tight_budgets": _("tight output budgets"),
        "structured_extraction": _("structured extraction (JSON output)"),
    }
    return labels.get(rule, rule)


def source_kind_label(_: Gettext, kind: str) -> str:
    labels = {
        "aggregator": _("aggregator"),
        "official": _("official"),
        "benchmark": _("benchmark"),
        "fx": _("exchange rates"),
    }
    return labels.get(kind, kind)


def modality_label(_: Gettext, modality: str) -> str:
    labels = {
        "text": _("text"),
        "image": _("image"),
        "audio": _("audio"),
        "video": _("video"),
        "file": _("file"),
    }
    return labels.get(modality, modality)


def benchmark_figure_label(_: Gettext, figure: str) -> str:
    """Name a benchmark snapshot's figure, such as Artificial Analysis's `intelligence_index`."""
    labels = {
        "intelligence_index": _("intelligence index"),
        "coding_index": _("coding index"),
        "agentic_index": _("agentic index"),
    }
    return labels.get(figure, figure.replace("_", " "))


def use_case_fact_label(_: Gettext, fact_label: Callable[[str], str], key: str) -> str:
    """Name a fact that a use-case rule rests on: a model fact, or a headline price."""
    labels = {
        "input_mtok": _("input price"),
        "output_mtok": _("output price"),
    }
    return labels.get(key) or fact_label(key)


def error_title(_: Gettext, status: int) -> str:
    labels = {
        400: _("Bad request"),
        404: _("Not found"),
        405: _("Method not allowed"),
        422: _("Invalid request parameters"),
        500: _("Internal error"),
    }
    return labels.get(status, _("Error"))


def error_lead(_: Gettext, status: int) -> str:
    labels = {
        400: _("The server could not read this request."),
        404: _("There is no page or model at this address."),
        405: _("This address does not accept that request method."),
        422: _("Some parameters of the request are invalid. Correct them and try again."),
        500: _("The server failed to complete this request. The error was logged."),
    }
    return labels.get(status, _("The request failed."))


def validation_message(_: Gettext, error_type: str, context: dict[str, Any], message: str) -> str:
    """Translate a pydantic validation error by its type, or return pydantic's English message."""
    templates = {
        "missing": _("required"),
        "int_parsing": _("must be a whole number"),
        "int_from_float": _("must be a whole number"),
        "decimal_parsing": _("must be a decimal number"),
        "finite_number": _("must be a finite number"),
        "bool_parsing": _("must be true or false"),
        "date_parsing": _("must be a date such as 2026-04-13"),
        "date_from_datetime_parsing": _("must be a date such as 2026-04-13"),
        "greater_than_equal": _("must be at least %(ge)s"),
        "less_than_equal": _("must be at most %(le)s"),
        "greater_than": _("must be more than %(gt)s"),
        "less_than": _("must be less than %(lt)s"),
        "string_too_long": _("must be at most %(max_length)s characters long"),
        "enum": _("must be one of %(expected)s"),
        "control_characters": _("must not contain control characters"),
        "model_id": _("must be a model id with a name, such as openai/gpt-5.4-nano"),
        "string_too_short": _("must not be empty"),
    }
    template = templates.get(error_type)
    if template is None:
        return message
    try:
        return template % {key: str(value) for key, value in context.items()}
    except (KeyError, ValueError, TypeError):
        return message
