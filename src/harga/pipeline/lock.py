"""A database lock so that two collection runs never overlap, even from different hosts."""

import logging
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from harga.storage.tables import RunLockRow

log = logging.getLogger("harga.collect")

LOCK_NAME = "collect"
# A lock older than this is taken to belong to a run that died without releasing it. A holder
# on the same host whose process has exited is released at once.
LOCK_EXPIRY = timedelta(hours=2)


def _holder_is_dead(holder: str) -> bool:
    """Tell whether a lock holder on this host has exited; a holder elsewhere counts as alive."""
    host, _, pid_text = holder.rpartition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


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
        current = session.get(RunLockRow, LOCK_NAME)
        if current is not None and _holder_is_dead(current.holder):
            log.warning("releasing the lock of %s, a process that no longer runs", current.holder)
            session.delete(current)
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
            f"the collection lock is taken by another run ({owner}); wait for it to finish"
        ) from None
