"""Writing one source run: its raw documents, its run record and its observations."""

import json
from datetime import UTC, datetime
from urllib.parse import urlsplit

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from harga.collectors.base import Collector
from harga.pipeline.collect import DocumentResult, SourceOutcome
from harga.storage.tables import (
    ObservationRow,
    RawDocumentRow,
    RunDocumentRow,
    SourceRow,
    SourceRunRow,
)

_INSERT_BATCH = 5_000


def store_outcome(session: Session, outcome: SourceOutcome, now: datetime) -> SourceRunRow:
    """Record one source run. A failed run marks the source stale and writes no observations."""
    source = _ensure_source(session, outcome.collector)
    run = SourceRunRow(source_id=source.id, started_at=now, status="failed")
    session.add(run)
    source.last_run_at = now
    if not outcome.ok:
        return _record_failure(session, source, run, outcome.error or "unknown error", now)

    hashes = sorted(d.document.sha256 for d in outcome.documents)
    run.observed_at = _observed_at(outcome.documents)
    run.items_seen = outcome.observation_count
    session.flush()
    if hashes == _current_hashes(session, source):
        run.status = "unchanged"
    else:
        previous = _signatures(session, source.current_run_id)
        _store_documents(session, run, outcome.documents)
        _store_observations(session, run, outcome.documents)
        run.items_changed = len(_signatures(session, run.id) ^ previous)
        run.status = "ok"
        source.current_run_id = run.id
    run.finished_at = datetime.now(UTC)
    source.last_success_at = now
    source.stale = False
    source.last_error = None
    source.items_seen = run.items_seen
    source.items_changed = run.items_changed
    source.items_failed = 0
    return run


def _record_failure(
    session: Session, source: SourceRow, run: SourceRunRow, error: str, now: datetime
) -> SourceRunRow:
    run.error = error
    run.items_failed = 1
    run.finished_at = datetime.now(UTC)
    # Stale: its last good facts, if any, stay published but are no longer confirmed.
    source.stale = True
    source.last_error = error
    source.items_failed = 1
    source.items_changed = 0
    source.items_seen = 0
    session.flush()
    return run


def _ensure_source(session: Session, collector: Collector) -> SourceRow:
    source = session.get(SourceRow, collector.source_id)
    if source is None:
        source = SourceRow(
            id=collector.source_id,
            name=collector.name,
            kind=collector.kind.value,
            url=collector.homepage,
            stale=False,
            items_seen=0,
            items_changed=0,
            items_failed=0,
        )
        session.add(source)
    source.name = collector.name
    source.kind = collector.kind.value
    source.url = collector.homepage
    source.own_seller = collector.own_seller
    return source


def _observed_at(documents: list[DocumentResult]) -> datetime:
    stated = [d.stated_at for d in documents if d.stated_at is not None]
    if stated:
        return max(stated)
    return max(d.document.fetched_at for d in documents)


def _current_hashes(session: Session, source: SourceRow) -> list[str] | None:
    if source.current_run_id is None:
        return None
    rows = session.scalars(
        select(RunDocumentRow.sha256).where(RunDocumentRow.run_id == source.current_run_id)
    ).all()
    return sorted(rows) if rows else None


def _store_documents(session: Session, run: SourceRunRow, documents: list[DocumentResult]) -> None:
    for result in documents:
        document = result.document
        if session.get(RawDocumentRow, document.sha256) is None:
            session.add(
                RawDocumentRow(
                    sha256=document.sha256,
                    source_id=document.source,
                    url=document.url,
                    fetched_at=document.fetched_at,
                    size_bytes=len(document.content),
                    content=document.content,
                )
            )
        session.flush()
        exists = session.get(RunDocumentRow, (run.id, document.sha256))
        if exists is None:
            session.add(RunDocumentRow(run_id=run.id, sha256=document.sha256))
    session.flush()


def _store_observations(
    session: Session, run: SourceRunRow, documents: list[DocumentResult]
) -> None:
    rows = []
    for result in documents:
        observed_at = result.stated_at or result.document.fetched_at
        url = result.document.url
        sha256 = result.document.sha256
        domain = urlsplit(url).hostname or ""
        for item in result.observations:
            o = item.observation
            rows.append(
                {
                    "run_id": run.id,
                    "source_id": o.source,
                    "raw_sha256": sha256,
                    "url": url,
                    "cited_url": o.cited_url,
                    "domain": domain,
                    "observed_at": observed_at,
                    "upstream_model_id": o.upstream_model_id,
                    "upstream_seller": o.upstream_seller,
                    "model_id": item.model_id,
                    "seller_id": item.seller,
                    "variant": item.variant,
                    "kind": o.kind.value,
                    "field": o.field,
                    "conditions_key": item.conditions_key,
                    "conditions_json": json.dumps(o.conditions.to_json(), sort_keys=True),
                    "state": o.state.value if o.state else None,
                    "captured": o.captured,
                    "value_json": item.value_json(),
                    "amount": o.amount,
                    "source_unit": o.source_unit.value if o.source_unit else None,
                    "currency": o.currency,
                    "amount_published": item.amount_published,
                    "excerpt": o.excerpt,
                }
            )
    for start in range(0, len(rows), _INSERT_BATCH):
        session.execute(insert(ObservationRow), rows[start : start + _INSERT_BATCH])


def _signatures(session: Session, run_id: int | None) -> set[tuple[object, ...]]:
    """Return what a run stated, without evidence details, to count changed items."""
    if run_id is None:
        return set()
    rows = session.execute(
        select(
            ObservationRow.model_id,
            ObservationRow.seller_id,
            ObservationRow.variant,
            ObservationRow.kind,
            ObservationRow.field,
            ObservationRow.conditions_key,
            ObservationRow.state,
            ObservationRow.amount_published,
            ObservationRow.value_json,
        ).where(ObservationRow.run_id == run_id)
    ).all()
    return {tuple(row) for row in rows}
