"""A database lock so that two collection runs never overlap, even from different hosts."""

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from harga.storage.tables import RunLockRow

LOCK_NAME = "collect"
# A lock older than this is taken to belong to a run that died without releasing it.
LOCK_EXPIRY = timedelta(hours=2)


class RunLocked(Exception):
    """Another collection run holds the lock."""


@contextmanager
def collection_lock(factory: sessionmaker[Session]) -> Iterator[None]:
    holder = f"{socket.gethostname()}:{os.getpid()}"
    _acquire(factory, holder)
    try:
        yield
    finally:
        with factory() as session, session.begin():
            session.execute(
                delete(RunLockRow).where(RunLockRow.name == LOCK_NAME, RunLockRow.holder == holder)
            )


def _acquire(factory: sessionmaker[Session], holder: str) -> None:
    now = datetime.now(UTC)
    with factory() as session, session.begin():
        session.execute(
            delete(RunLockRow).where(
                RunLockRow.name == LOCK_NAME, RunLockRow.acquired_at < now - LOCK_EXPIRY
            )
        )
    try:
        with factory() as session, session.begin():
            session.add(RunLockRow(name=LOCK_NAME, holder=holder, acquired_at=now))
    except IntegrityError:
        with factory() as session:
            current = session.get(RunLockRow, LOCK_NAME)
        owner = (
            f"{current.holder} since {current.acquired_at:%Y-%m-%d %H:%M} UTC" if current else "?"
        )
        raise RunLocked(
            f"another collection run holds the lock ({owner}); wait for it to finish"
        ) from None
