"""Where the floor scripts are: the team's shared copies beside the repo, else the copies in bench/floors."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED_FLOORS = REPO.parent / "shared" / "floors"
LOCAL_FLOORS = Path(__file__).resolve().parent / "floors"


def floor_script(name: str) -> Path:
    """`<repo>/../shared/floors/<name>` when it exists, else `bench/floors/<name>`."""
    shared = SHARED_FLOORS / name
    return shared if shared.is_file() else LOCAL_FLOORS / name
