"""Evidence rows as the API and pages show them."""

import json

from harga.api.schemas import Evidence
from harga.domain.money import format_plain
from harga.storage.tables import ObservationRow, SourceRow


def evidence_of(
    ids: list[int], observations: dict[int, ObservationRow], sources: dict[str, SourceRow]
) -> list[Evidence]:
    return [to_evidence(observations[i], sources) for i in ids if i in observations]


def to_evidence(row: ObservationRow, sources: dict[str, SourceRow]) -> Evidence:
    source = sources.get(row.source_id)
    return Evidence(
        id=row.id,
        source=row.source_id,
        source_name=source.name if source else row.source_id,
        url=row.url,
        cited_url=row.cited_url,
        domain=row.domain,
        observed_at=row.observed_at,
        field=row.field,
        scenario=row.conditions_key,
        seller=row.seller_id,
        upstream_model_id=row.upstream_model_id,
        captured=row.captured,
        value=_parsed_value(row),
        unit=row.source_unit,
        currency=row.currency,
        excerpt=row.excerpt,
        raw_sha256=row.raw_sha256,
    )


def _parsed_value(row: ObservationRow) -> str | None:
    if row.amount is not None:
        return format_plain(row.amount)
    if row.value_json is not None:
        value = json.loads(row.value_json)
        return ", ".join(value) if isinstance(value, list) else str(value)
    return row.state
