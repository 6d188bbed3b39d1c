"""A per-process cache of the price book, so pricing a request does not reload every fact.

Loading the whole book reads every published price fact, which takes about a second on a
full database (measured on the mirror data, SQLite, 2 vCPU). The cache is dropped when a
collection run has finished since it was built, and after `MAX_AGE` in any case, so a worker
never prices with a publication older than that.
"""

import threading
import time
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from harga.pricing.book import PriceBook
from harga.pricing.load import load_price_book
from harga.storage.tables import SourceRunRow

MAX_AGE_SECONDS = 60.0


@dataclass
class _Entry:
    marker: object
    loaded_at: float
    book: PriceBook


class PriceBookCache:
    def __init__(self) -> None:
        self._entry: _Entry | None = None
        self._lock = threading.Lock()

    def get(self, session: Session) -> PriceBook:
        marker = _publication_marker(session)
        with self._lock:
            entry = self._entry
            fresh = entry is not None and entry.marker == marker
            if fresh and entry is not None and time.monotonic() - entry.loaded_at < MAX_AGE_SECONDS:
                return entry.book
            book = load_price_book(session)
            self._entry = _Entry(marker, time.monotonic(), book)
            return book


def _publication_marker(session: Session) -> object:
    row = session.execute(
        select(func.count(SourceRunRow.id), func.max(SourceRunRow.finished_at))
    ).one()
    return tuple(row)
