"""A database on a PostgreSQL server (club mode): its URL, what it holds, its backup, its errors in our words.

Passwords are never stored or shown by us: libpq reads them from ~/.pgpass (or the file PGPASSFILE names),
so a URL needs none. A URL that carries one anyway works, and `redact` takes the password out before the
URL is logged, shown in the window or written to the settings.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit, urlunsplit

from planner.domain.errors import BadInput

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

SCHEMES = ("postgresql", "postgres")
DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_S = 10
BACKUPS_KEPT = 5
# pg_advisory_xact_lock key of the schema upgrade: "STRIDE" + 1. Two starts of a new version at once:
# the second waits for the first's transaction, then finds the schema current.
MIGRATION_LOCK = 0x535452494445_0001
_PASSWORD_IN_QUERY = re.compile(r"(?i)((?:^|&)password=)[^&]*")


def is_server_url(text: str) -> bool:
    """True for postgresql://, postgres:// and postgresql+driver:// URLs."""
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    return scheme.split("+", 1)[0] in SCHEMES


def sqlalchemy_url(text: str) -> str:
    """The URL SQLAlchemy opens with psycopg 3: postgresql://… and postgres://… become postgresql+psycopg://…"""
    scheme, rest = text.split("://", 1)
    base, _, driver = scheme.lower().partition("+")
    if driver and driver != "psycopg":
        raise BadInput(
            f"uses the driver {driver!r}; Stride Planner talks to PostgreSQL with psycopg: write postgresql://…",
            source=redact(text),
        )
    if base not in SCHEMES:
        raise BadInput("is not a PostgreSQL URL", source=redact(text))
    return f"{DRIVER}://{rest}"


def redact(url: str) -> str:
    """The URL to show or log: no password (in the user part or the query), no driver name."""
    if "://" not in url:
        return url
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.split(':', 1)[0]}@{host}"
    scheme = parts.scheme.split("+", 1)[0]
    query = _PASSWORD_IN_QUERY.sub(r"\1***", parts.query) if parts.query else parts.query
    return urlunsplit((scheme, netloc, parts.path, query, parts.fragment))


def has_password(url: str) -> bool:
    """Whether the URL carries a password (it is then kept out of settings and logs)."""
    if "://" not in url:
        return False
    parts = urlsplit(url)
    return parts.password is not None or bool(_PASSWORD_IN_QUERY.search(parts.query))


def database_name(url: str) -> str:
    return unquote(urlsplit(url).path.lstrip("/")) or "postgres"


def connect_args() -> dict[str, Any]:
    """psycopg connection options: a timeout (an unreachable server is said, not waited on for ever), our
    name in pg_stat_activity, and UTC for every timestamp the server computes."""
    return {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "stride-planner", "options": "-c timezone=UTC"}


# -- what the database holds ---------------------------------------------------------------------------------


def table_names(engine: Engine) -> list[str]:
    """Our schema's tables in the connection's current schema (public unless the role says otherwise)."""
    with engine.connect() as conn:
        return [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            )
        ]


def revision_in(conn: Any) -> str | None:
    """The Alembic revision stored in the database, or None when there is no alembic_version table."""
    if conn.exec_driver_sql("SELECT to_regclass('alembic_version')").scalar() is None:
        return None
    return conn.exec_driver_sql("SELECT max(version_num) FROM alembic_version").scalar()


def has_rows(engine: Engine, tables: list[str]) -> bool:
    with engine.connect() as conn:
        return any(
            conn.exec_driver_sql(f'SELECT EXISTS (SELECT 1 FROM "{t}")').scalar()
            for t in tables
            if t != "alembic_version"
        )


def current_user(engine: Engine) -> str:
    """The role the coach signed in as (session_user: a role that SETs ROLE to a shared owner keeps its name)."""
    with engine.connect() as conn:
        return str(conn.exec_driver_sql("SELECT session_user").scalar() or "")


# -- backups with pg_dump ------------------------------------------------------------------------------------


def find_pg_dump() -> str | None:
    """pg_dump on PATH, else Debian's newest versioned one; None when the client tools are not installed."""
    found = shutil.which("pg_dump")
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"), reverse=True)
    return str(candidates[0]) if candidates else None


def backup_folder() -> Path:
    from planner.paths import data_dir

    return data_dir() / "server-backups"


def pg_dump_backup(url: str, *, pg_dump: str, folder: Path | None = None, now: dt.datetime | None = None) -> Path:
    """Dump the database (pg_dump's custom format, for pg_restore) to a timestamped file in `folder`.

    Written under a hidden name and renamed when pg_dump succeeded; the newest BACKUPS_KEPT dumps of the
    database are kept. A password in the URL reaches pg_dump through PGPASSWORD, never its command line.
    BadInput (with pg_dump's reason) when it fails: the caller then leaves the database unchanged.
    """
    folder = folder or backup_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", database_name(url)) or "database"
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{name}.backup-{stamp}.dump"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{name}.backup-{stamp}-{n}.dump"
    partial = target.with_name(f".{target.name}.part")
    env = dict(os.environ, PGCONNECT_TIMEOUT=str(CONNECT_TIMEOUT_S))
    parts = urlsplit(url)
    if parts.password:
        env["PGPASSWORD"] = unquote(parts.password)
    command = [pg_dump, "--format=custom", "--no-owner", f"--file={partial}", f"--dbname={libpq_url(url)}"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=3600, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        partial.unlink(missing_ok=True)
        raise BadInput(f"could not be backed up before its upgrade ({exc})", source=redact(url)) from None
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        reason = " ".join(done.stderr.split())[:200] or f"pg_dump exited {done.returncode}"
        raise BadInput(
            f"could not be backed up with pg_dump before its upgrade ({reason}); the database was left unchanged. "
            "Fix the backup, or upgrade without one with --yes",
            source=redact(url),
        )
    partial.replace(target)
    dumps = sorted(folder.glob(f"{name}.backup-*.dump"), key=lambda p: p.stat().st_mtime)
    for old in dumps[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return target


def libpq_url(url: str) -> str:
    """The URL as libpq (pg_dump, psql) reads it: postgresql://user@host:port/db, without the password."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.split(':', 1)[0]}@{host}"
    query = _PASSWORD_IN_QUERY.sub("", parts.query).lstrip("&") if parts.query else ""
    return urlunsplit(("postgresql", netloc, parts.path, query, ""))


# -- errors --------------------------------------------------------------------------------------------------


def classify_server_error(exc: BaseException) -> tuple[str, str] | None:
    """(kind, message) of a psycopg failure a user can act on, or None when it is our bug.

    kind is one of busy, read_only, full, damaged, unavailable; planner.store.database turns it into its
    DatabaseUnavailable family (this module is below it and does not import it)."""
    try:
        import psycopg
        from psycopg import errors
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return None
    text = " ".join(str(exc).split())[:240]
    if isinstance(exc, errors.SerializationFailure | errors.DeadlockDetected | errors.LockNotAvailable):
        return "busy", "another coach was saving the same rows; try again"
    if isinstance(exc, errors.InsufficientPrivilege | errors.ReadOnlySqlTransaction):
        return "read_only", f"refuses this change ({text}); nothing was changed"
    if isinstance(exc, errors.DiskFull):
        return "full", "the server's disk is full; nothing was changed"
    if isinstance(exc, errors.UndefinedTable | errors.UndefinedColumn):
        return "damaged", f"is missing part of its schema ({text})"
    if isinstance(exc, psycopg.OperationalError):
        return "unavailable", f"cannot be reached ({_first_line(exc)})"
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    # libpq: 'connection to server at "h" (1.2.3.4), port 5432 failed: FATAL:  password authentication failed …'
    reason = text.split("failed:", 1)[-1] if "failed:" in text else text
    return " ".join(reason.split())[:200] or type(exc).__name__
