"""The collection run: every source in turn, then one publish."""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
from sqlalchemy.orm import Session, sessionmaker

from harga.collectors.base import Collector
from harga.pipeline.collect import SourceOutcome, collect_source
from harga.pipeline.lock import collection_lock
from harga.pipeline.store import store_outcome
from harga.reconcile.build import build_publication
from harga.storage.publish import load_evidence, load_fx, refresh_fx_rates, write_publication

log = logging.getLogger("harga.collect")


@dataclass
class SourceReport:
    source: str
    status: str  # ok, unchanged or failed
    items_seen: int
    items_changed: int
    error: str | None = None


@dataclass
class RunReport:
    sources: list[SourceReport] = field(default_factory=list)
    change_events: int = 0
    models: int = 0
    offerings: int = 0

    @property
    def failed(self) -> list[SourceReport]:
        return [s for s in self.sources if s.status == "failed"]


ProgressCallback = Callable[[str], None]


def run_collection(
    factory: sessionmaker[Session],
    collectors: Sequence[Collector],
    mirror: Path | None,
    *,
    today: date | None = None,
    on_source_done: ProgressCallback | None = None,
) -> RunReport:
    """Collect every source, store each run, then publish once; a failed source stays stale."""
    report = RunReport()
    with collection_lock(factory), httpx.Client(headers={"User-Agent": "harga"}) as client:
        for collector in collectors:
            outcome = collect_source(collector, mirror, client if mirror is None else None)
            report.sources.append(_store(factory, outcome))
            if on_source_done is not None:
                on_source_done(collector.source_id)
        _publish(factory, report, today or datetime.now(UTC).date())
    return report


def _store(factory: sessionmaker[Session], outcome: SourceOutcome) -> SourceReport:
    with factory() as session, session.begin():
        run = store_outcome(session, outcome, datetime.now(UTC))
        result = SourceReport(
            outcome.collector.source_id, run.status, run.items_seen, run.items_changed, run.error
        )
    errors = 0 if outcome.ok else 1
    log.info(
        "source=%s status=%s seen=%d changed=%d errors=%d",
        result.source,
        result.status,
        result.items_seen,
        result.items_changed,
        errors,
    )
    if not outcome.ok:
        log.error("source=%s failed and keeps its last good facts: %s", result.source, result.error)
    for document in outcome.documents:
        for note in document.notes:
            log.debug("source=%s note: %s", result.source, note)
    return result


def _publish(factory: sessionmaker[Session], report: RunReport, today: date) -> None:
    with factory() as session, session.begin():
        refresh_fx_rates(session)
        publication = build_publication(load_evidence(session), load_fx(session), today)
        report.change_events = write_publication(session, publication, datetime.now(UTC))
        report.models = len(publication.models)
        report.offerings = len(publication.offerings)
    log.info(
        "published models=%d offerings=%d change_events=%d",
        report.models,
        report.offerings,
        report.change_events,
    )
