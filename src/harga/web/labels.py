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
    parts.append(_tier(_, tier) if tier else _("standard"))
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


def _tier(_: Gettext, tier: str) -> str:
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
