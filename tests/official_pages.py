"""Helpers for the official-page tests: collect one page and look its observations up."""

import shutil
from pathlib import Path

from harga.collectors.base import Collector
from harga.normalize.observations import NormalizedObservation
from harga.pipeline.collect import SourceOutcome, collect_source

PriceKey = tuple[str, str, str, str]  # model id, seller, dimension, conditions key


def collected(collector: Collector, mirror: Path) -> SourceOutcome:
    outcome = collect_source(collector, mirror, None)
    assert outcome.error is None, outcome.error
    return outcome


def observations(outcome: SourceOutcome) -> list[NormalizedObservation]:
    return [o for d in outcome.documents for o in d.observations]


def prices(outcome: SourceOutcome) -> dict[PriceKey, NormalizedObservation]:
    """Index price observations; fails when one key is stated twice with different values."""
    found: dict[PriceKey, NormalizedObservation] = {}
    for item in observations(outcome):
        if item.observation.kind != "price":
            continue
        key = (item.model_id, item.seller, item.observation.field, item.conditions_key)
        if key in found:
            assert found[key].observation.amount == item.observation.amount, key
            continue
        found[key] = item
    return found


def models(outcome: SourceOutcome) -> set[str]:
    return {o.model_id for o in observations(outcome) if o.observation.kind == "price"}


def copy_page(mirror: Path, glob: str, target: Path) -> Path:
    """Copy the mirror file a collector reads into `target`, at the same relative path."""
    source = sorted(mirror.glob(glob))[-1]
    destination = target / source.relative_to(mirror)
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, destination)
    destination.chmod(0o644)
    return destination


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` in a copied page, checking it occurs exactly `count` times."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, (old, text.count(old))
    path.write_text(text.replace(old, new), encoding="utf-8")
