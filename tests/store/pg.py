"""A throw-away PostgreSQL server for the tests: initdb + pg_ctl in a temporary folder, on a free port.

`postgres_server` (session scope) starts it once per run and stops it at the end. When the process runs as
root the server runs as the `nobody` user in a folder it owns (PostgreSQL refuses to run as root). Where
PostgreSQL is missing (no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin, Debian's `postgresql`
package from scripts/apt-packages.txt) or will not start, every test that asks for it is SKIPPED with a
message that says why, never silently.

`postgres_server.new_database()` gives each test its own database, copied from a template that is already
migrated and seeded, so a test costs one CREATE DATABASE.

With STRIDE_TEST_DB=postgresql the run asked for PostgreSQL: a server that cannot start ends the run with the
reason (exit code 1) instead of skipping.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import queue
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# STRIDE_TEST_DB=postgresql (scripts/test-pg.sh): the CLI and window tests run on this server too (tests/conftest.py),
# and a server that cannot start FAILS the run instead of skipping: PostgreSQL was asked for.
PG_MODE = os.environ.get("STRIDE_TEST_DB") == "postgresql"
TEMPLATE = "stride_template"
USER = "stride"  # the superuser initdb creates; trust authentication on 127.0.0.1 only
RUN_AS = "nobody"  # when the tests run as root
_counter = itertools.count(1)


def find_postgres_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: PATH first, then Debian's versioned folders (newest first)."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresServer:
    """A running test server: `url(dbname)` for the app, `admin_url` for making databases."""

    bindir: Path
    folder: Path
    port: int
    as_user: str | None
    template_ready: bool = field(default=False)
    template_error: str = field(default="")
    # STRIDE_TEST_DB=postgresql: copies of the template made ahead on a plain thread (no Qt), while a test runs.
    _ready: queue.Queue[str | Exception] | None = field(default=None, repr=False)
    _stopping: threading.Event = field(default_factory=threading.Event, repr=False)
    _copier: threading.Thread | None = field(default=None, repr=False)

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    def url(self, dbname: str) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{dbname}"

    @property
    def admin_url(self) -> str:
        return self.url("postgres")

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(a) for a in args]
        if self.as_user is not None:
            command = ["runuser", "-u", self.as_user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, cwd=self.folder)

    def start(self) -> None:
        initdb = self._run(
            str(self.bindir / "initdb"), "-D", str(self.data_dir), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-sync"
        )
        if initdb.returncode != 0:
            raise RuntimeError(f"initdb failed: {initdb.stderr.strip()[:300]}")
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
        )
        started = self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data_dir),
            "-l",
            str(self.folder / "server.log"),
            "-o",
            options,
            "-w",
            "start",
        )
        if started.returncode != 0:
            log = (
                (self.folder / "server.log").read_text(errors="replace")
                if (self.folder / "server.log").exists()
                else ""
            )
            raise RuntimeError(f"pg_ctl start failed: {(started.stderr or log).strip()[-300:]}")

    def stop(self) -> None:
        self._stopping.set()
        if self._copier is not None:
            self._copier.join(timeout=60)
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")

    def execute(self, sql: str, dbname: str = "postgres") -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={USER} dbname={dbname}", autocommit=True) as con:
            con.execute(sql)

    def empty_database(self, prefix: str = "t") -> str:
        """The URL of a new, empty database (no tables)."""
        name = f"{prefix}_{os.getpid()}_{next(_counter)}"
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.url(name)

    def new_database(self) -> str:
        """The URL of a new database at the current schema with the built-in library (copied from a template)."""
        if self.template_error:
            raise RuntimeError(self.template_error)
        if not self.template_ready:
            try:
                self._build_template()
            except Exception as exc:
                # Once is enough: every later test reports the same cause instead of "already exists".
                self.template_error = f"the test database template could not be built: {exc}"
                raise RuntimeError(self.template_error) from exc
        if self._ready is not None:
            made = self._ready.get(timeout=120)
            if isinstance(made, Exception):
                raise RuntimeError(f"copying the test database template failed: {made}") from made
            return made
        return self._copy_template()

    def copy_ahead(self, depth: int = 2) -> None:
        """Keep `depth` copies of the template ready, made while the tests run (one per test in PG mode)."""
        self.new_database()  # builds the template now, on this thread: its failure is the caller's to report
        self._ready = queue.Queue(maxsize=depth)
        self._copier = threading.Thread(target=self._keep_copies_ready, name="stride-pg-copies", daemon=True)
        self._copier.start()

    def _keep_copies_ready(self) -> None:
        assert self._ready is not None
        while not self._stopping.is_set():
            made: str | Exception
            try:
                made = self._copy_template()
            except Exception as exc:  # handed to the test that takes it, which fails saying why
                made = exc
            while not self._stopping.is_set():
                try:
                    self._ready.put(made, timeout=0.2)
                    break
                except queue.Full:
                    continue
            if isinstance(made, Exception):
                return

    def _copy_template(self) -> str:
        name = f"t_{os.getpid()}_{next(_counter)}"
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a test's database, cutting the connections the app left open (a pool not yet collected)."""
        name = url.rsplit("/", 1)[1]
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _build_template(self) -> None:
        # Migrated and seeded once per run; every test's database is a file copy of it (CREATE DATABASE ... TEMPLATE),
        # which PostgreSQL refuses while anyone is connected to the template: open_database().close() must leave no
        # connection behind, and afterwards nobody may connect to it at all.
        from planner.store.database import open_database

        self.execute(f'CREATE DATABASE "{TEMPLATE}" TEMPLATE template0')
        open_database(self.url(TEMPLATE)).close()
        # A closed connection's server process leaves pg_stat_activity a moment after the client has gone.
        deadline = time.monotonic() + 5
        while (left_open := self.connections_to(TEMPLATE)) and time.monotonic() < deadline:
            time.sleep(0.02)
        if left_open:
            raise RuntimeError(
                f"open_database(...).close() left {left_open} connection(s) open to {TEMPLATE}: "
                "databases cannot be copied from it"
            )
        self.execute(f'ALTER DATABASE "{TEMPLATE}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false')
        self.template_ready = True

    def connections_to(self, dbname: str) -> int:
        """How many sessions are connected to the database `dbname` now."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={USER} dbname=postgres", autocommit=True) as con:
            row = con.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (dbname,)).fetchone()
        return int(row[0]) if row else 0


def _start_server() -> tuple[PostgresServer | None, str]:
    bindir = find_postgres_bin()
    if bindir is None:
        return None, (
            "PostgreSQL is not installed (no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin); "
            "install Debian's `postgresql` package (scripts/apt-packages.txt lists it)"
        )
    as_user = None
    folder = Path(tempfile.mkdtemp(prefix="stride-pg-"))
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return None, "running as root and `runuser` is missing, so PostgreSQL cannot run as another user"
        import pwd

        entry = pwd.getpwnam(RUN_AS)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
        folder.chmod(0o700)
        as_user = RUN_AS
    server = PostgresServer(bindir=bindir, folder=folder, port=free_port(), as_user=as_user)
    try:
        server.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return None, f"the test PostgreSQL server did not start ({exc})"
    return server, ""


_session: tuple[PostgresServer | None, str] | None = None  # (server, why not) once asked for


def session_server() -> tuple[PostgresServer | None, str]:
    """The run's server, started on first use: (server, "") or (None, why it could not start)."""
    global _session
    if _session is None:
        _session = _start_server()
    return _session


def require_session_server() -> None:
    """STRIDE_TEST_DB=postgresql: start the server before the first test, or end the run saying why it cannot."""
    server, why = session_server()
    if server is None:
        pytest.exit(f"STRIDE_TEST_DB=postgresql asked for PostgreSQL, but {why}", returncode=1)
    try:
        server.copy_ahead()
    except Exception as exc:
        pytest.exit(f"STRIDE_TEST_DB=postgresql: {exc}", returncode=1)


def stop_session_server() -> None:
    """Stop the run's server and remove its folder (at the end of the run, if one was started)."""
    server = _session[0] if _session is not None else None
    if server is None:
        return
    server.stop()
    with contextlib.suppress(OSError):
        shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> PostgresServer:
    """A PostgreSQL server of our own for the whole run (skips, saying why, where there is none).

    Stopped by tests/conftest.py at the end of the run (pytest_sessionfinish).
    """
    server, why = session_server()
    if server is None:
        pytest.skip(f"PostgreSQL tests skipped: {why}")
    return server
