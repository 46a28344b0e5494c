"""The built-in exercise library shipped in resources/exercises.json."""

from __future__ import annotations

import json
import zlib
from functools import cache

from planner.domain.exercise import Exercise
from planner.paths import resources_dir

BUILTIN_FILE = "exercises.json"
# Raise when the built-in rows a release writes change for the same shipped files (a new column, a new search
# text rule): the fingerprint then differs and every database syncs once more.
SYNC_FORMAT = 1


@cache
def builtin_fingerprint() -> int:
    """A 31-bit fingerprint of the shipped library: the exercises file, the drawings it gets and SYNC_FORMAT.

    Stored in a database after a sync (store.exercises.sync_builtin_library), it lets the next start skip one.
    Never 0, which a database that was never synced holds.
    """
    from planner.store.poses import POSES_FILE

    # CRC-32, not a cryptographic hash: it only tells one shipped file from the next, and hashlib would load
    # OpenSSL (~3 MiB) into every start for it.
    crc = zlib.crc32(f"stride-planner built-ins {SYNC_FORMAT}\n".encode())
    for name in (BUILTIN_FILE, POSES_FILE):
        crc = zlib.crc32((resources_dir() / name).read_bytes(), crc)
    return crc & 0x7FFFFFFF or 1


@cache
def builtin_exercises() -> tuple[Exercise, ...]:
    """Every built-in exercise, validated; a broken shipped file is our bug and raises.

    A built-in is drawn with the pose pair of its own id (resources/poses.json) when there is one.
    """
    from planner.store.poses import drawing_ids

    path = resources_dir() / BUILTIN_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    drawn = drawing_ids()
    return tuple(
        Exercise.from_dict(
            {"drawing": item["id"] if item.get("id") in drawn else None, **item, "builtin": True},
            where=f"{path.name}[{i}]",
        )
        for i, item in enumerate(data["exercises"])
    )
