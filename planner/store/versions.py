"""Saving over another coach's change: the version check every save path of the store shares.

A save names what it started from: the row's version (`expected_version`) or, where the window holds the
value rather than the row, the value itself (`expected`). When the row says otherwise, the save is refused
with EditConflict (planner.domain.conflict) before anything is written. The ORM's version_id_col guards the
moment between that check and the write: a save that another one overtook there fails with StaleDataError,
which becomes the same EditConflict.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from planner.domain.conflict import ChangedBy, EditConflict


def changed_by(row: Any) -> ChangedBy:
    """Who saved `row` last, when, and its version."""
    when = getattr(row, "updated_at", None) or getattr(row, "generated_at", None)
    return ChangedBy(who=getattr(row, "updated_by", "") or "", when=when, version=int(getattr(row, "version", 0)))


def check_version(row: Any, expected_version: int | None, *, kind: str, key: object, what: str) -> None:
    """EditConflict when the row is gone or its version is not the one the save started from."""
    if row is None:
        raise EditConflict(kind, key, what, None)
    if expected_version is not None and int(row.version) != int(expected_version):
        raise EditConflict(kind, key, what, changed_by(row))


@contextlib.contextmanager
def stale_is_conflict(kind: str, key: object, what: str) -> Iterator[None]:
    """Turn the ORM's StaleDataError (another save overtook this one) into EditConflict."""
    from sqlalchemy.orm.exc import StaleDataError

    try:
        yield
    except StaleDataError:
        raise EditConflict(kind, key, what, ChangedBy(who="", when=None, version=0)) from None
