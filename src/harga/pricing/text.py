"""Plain-text rendering of a pricing result, as `harga calc` prints it."""

from harga.domain.money import format_plain
from harga.pricing.result import PriceResult
from harga.reconcile.fx import Conversion


def format_result(result: PriceResult, currency: str | None, conversion: Conversion | None) -> str:
    """Render the lines, the total and, when a conversion is given, the converted total."""
    lines = [_header(result)]
    if result.prompt_threshold_tokens is not None:
        lines.append(
            f"prompt of {result.prompt_tokens} tokens is above the "
            f"{result.prompt_threshold_tokens}-token threshold: long-context prices apply"
        )
    lines.extend(_table(result))

    notes = dict.fromkeys(basis for line in result.lines for basis in line.basis)
    lines.extend(f"note: {basis}" for basis in notes)
    for missing in result.missing:
        lines.append(f"missing: {missing.dimension} ({missing.reason}); not in the total")

    total = format_plain(result.total_usd)
    lines.append(f"total USD {total}{'' if result.complete else ' (incomplete)'}")
    if currency and conversion is not None:
        lines.append(
            f"total {currency} {format_plain(conversion.amount)} "
            f"(ECB reference rate {format_plain(conversion.rate)} {currency}/USD "
            f"of {conversion.rate_date.isoformat()})"
        )
    return "\n".join(lines)


def _header(result: PriceResult) -> str:
    variant = f" ({result.variant})" if result.variant else ""
    region = f", region {result.region}" if result.region else ""
    at = result.at.isoformat().replace("+00:00", "Z")
    seller = f"{result.seller_id}{variant}"
    return f"{result.model_id} sold by {seller}, tier {result.tier}{region}, at {at}"


def _table(result: PriceResult) -> list[str]:
    rows = [("dimension", "quantity", "USD per unit", "cost USD", "facts (evidence ids)")]
    for line in result.lines:
        name = f"{line.dimension} {line.cache_ttl}" if line.cache_ttl else line.dimension
        evidence = ", ".join(
            f"#{f.fact_id} ({' '.join(map(str, f.evidence_ids)) or '-'})" for f in line.facts
        )
        rows.append(
            (
                name,
                format_plain(line.quantity),
                f"{format_plain(line.unit_price_usd)} {line.unit}",
                format_plain(line.cost_usd),
                evidence,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return [
        "  ".join([*(row[i].ljust(widths[i]) for i in range(4)), row[4]]).rstrip() for row in rows
    ]
