"""A database on a PostgreSQL server: opened, migrated behind a lock, backed up with pg_dump, refused when too new,
copied to and from a file with every row compared, and passwords never shown."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from planner.cli import main
from planner.domain.athlete import Athlete
from planner.domain.errors import BadInput
from planner.store import athletes, migrate, server
from planner.store.copy import copy_database, database_digests
from planner.store.database import (
    BackupUnavailable,
    create_engine_for,
    open_database,
    resolve_target,
    upgrades_without_backup,
)
from planner.store.exercises import get_exercise
from tests.store.pg import PostgresServer

SCHEMAS = Path(__file__).parent / "schemas"


def engine_of(url: str):
    return create_engine_for(resolve_target(url)[0])


def revision_of(url: str) -> str | None:
    engine = engine_of(url)
    try:
        with engine.connect() as conn:
            return server.revision_in(conn)
    finally:
        engine.dispose()


def at_revision(postgres_server: PostgresServer, revision: str) -> str:
    """A server database at an older schema holding one athlete (what a club had before this version)."""
    url = postgres_server.empty_database()
    engine = engine_of(url)
    try:
        migrate.upgrade(engine, revision=revision)
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO athlete (name, level, equipment, week, note, created_at, updated_at) "
                    "VALUES ('Maya', 'intermediate', '[]', '{}', '', now(), now())"
                )
            )
    finally:
        engine.dispose()
    return url


# -- opening and migrating --------------------------------------------------------------------------------


def test_a_postgresql_url_opens_with_psycopg() -> None:
    url, path = resolve_target("postgresql://anna@club.example:5433/stride")
    assert (url, path) == ("postgresql+psycopg://anna@club.example:5433/stride", None)


def test_an_empty_server_database_is_set_up_with_the_library(postgres_server: PostgresServer) -> None:
    db = open_database(postgres_server.empty_database())
    try:
        assert db.is_server and db.who == "stride"
        assert get_exercise(db, "side-lying-clamshell") is not None
    finally:
        db.close()
    assert revision_of(db.url) == migrate.head_revision()


def test_two_coaches_starting_a_new_version_at_once_migrate_it_once(postgres_server: PostgresServer) -> None:
    url = at_revision(postgres_server, "0003")
    engines = [engine_of(url), engine_of(url)]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def start(engine) -> None:
        barrier.wait()
        try:
            migrate.upgrade(engine)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for e in engines:
        e.dispose()
    assert errors == []
    engine = engine_of(url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [
                migrate.head_revision()
            ]
            assert conn.execute(text("SELECT count(*) FROM athlete")).scalar() == 1
    finally:
        engine.dispose()


def test_an_older_server_schema_is_backed_up_with_pg_dump_then_upgraded(
    postgres_server: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server, "backup_folder", lambda: tmp_path / "backups")
    url = at_revision(postgres_server, "0002")
    db = open_database(url)
    try:
        assert db.backup is not None and db.backup.parent == tmp_path / "backups"
        assert db.backup.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format, for pg_restore
        assert [a.athlete.name for a in athletes.list_athletes(db)] == ["Maya"]
    finally:
        db.close()


def test_without_pg_dump_the_upgrade_is_refused_unless_agreed(
    postgres_server: PostgresServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server, "find_pg_dump", lambda: None)
    url = at_revision(postgres_server, "0003")
    with pytest.raises(BackupUnavailable, match="cannot be backed up first: pg_dump is not installed"):
        open_database(url)
    assert revision_of(url) == "0003"  # left unchanged
    with upgrades_without_backup():
        open_database(url).close()
    assert revision_of(url) == migrate.head_revision()


def test_the_command_line_needs_yes_to_upgrade_without_a_backup(
    postgres_server: PostgresServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(server, "find_pg_dump", lambda: None)
    url = at_revision(postgres_server, "0003")
    assert main(["--db", url, "library", "list"]) == 2
    assert "--yes" in capsys.readouterr().err
    assert main(["--db", url, "--yes", "library", "list"]) == 0


def test_a_newer_server_schema_is_refused_and_left_unchanged(postgres_server: PostgresServer) -> None:
    url = postgres_server.new_database()
    engine = engine_of(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(BadInput, match=r"newer version of Stride Planner \(schema 9999.*the database was left"):
        open_database(url)
    assert revision_of(url) == "9999"


def test_another_programs_database_is_refused(postgres_server: PostgresServer) -> None:
    url = postgres_server.empty_database()
    engine = engine_of(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id int)"))
    engine.dispose()
    with pytest.raises(BadInput, match="another program"):
        open_database(url)


# -- passwords and unreachable servers ------------------------------------------------------------------------


def test_a_password_in_a_url_is_never_shown() -> None:
    assert server.redact("postgresql+psycopg://anna:s3cret@club:5432/stride") == "postgresql://anna@club:5432/stride"
    assert "s3cret" not in server.redact("postgresql://anna@club/stride?password=s3cret&sslmode=require")
    assert server.libpq_url("postgresql+psycopg://anna:s3cret@club/stride") == "postgresql://anna@club/stride"


def test_an_unreachable_server_is_one_line_without_the_password(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.store.pg import free_port

    url = f"postgresql://anna:s3cret@127.0.0.1:{free_port()}/stride"
    assert main(["--db", url, "library", "list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("stride-planner: postgresql://anna@127.0.0.1:") and "cannot be reached" in err
    assert "s3cret" not in err and err.count("\n") == 1


# -- db copy --------------------------------------------------------------------------------------------------


def digests_of(target: str | Path, leave_out: frozenset[str] = frozenset()) -> dict[str, str]:
    db = open_database(target, seed=False)
    try:
        return database_digests(db, leave_out=leave_out)
    finally:
        db.close()


def sha256_of(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("revision", migrate.known_revisions())
def test_db_copy_file_to_server_to_file_gives_back_every_row(
    postgres_server: PostgresServer, tmp_path: Path, revision: str
) -> None:
    """From a file of every schema this app has had: the source is not changed (not even upgraded), the copies
    are at this app's schema and hold the rows the source would have after its own upgrade."""
    import shutil

    source = tmp_path / "coach.db"
    shutil.copy(SCHEMAS / f"{revision}.db", source)  # one of everything (a log entry too, from 0003)
    if revision == migrate.head_revision():
        open_database(source).close()  # the built-ins synced, as in a coach's own file
    before, beside = sha256_of(source), sorted(tmp_path.iterdir())
    club = postgres_server.empty_database()
    back = tmp_path / "back.db"

    there = copy_database(source, club)
    copy_database(club, back)

    assert sha256_of(source) == before
    assert sorted(p for p in tmp_path.iterdir() if p != back) == beside  # no backup or side file of the source
    assert revision_of(club) == migrate.read_schema_state(back).revision == migrate.head_revision()
    assert all(there.rows[t] >= 1 for t in ("athlete", "race", "plan", "dose_edit", "exercise"))
    assert digests_of(club) == digests_of(back)  # ids and UUIDs kept both ways
    upgraded = tmp_path / "upgraded-in-place.db"
    shutil.copy(source, upgraded)
    open_database(upgraded, seed=False).close()  # what the source would hold after this app upgraded it
    uuids_made_by_the_upgrade = frozenset({"uuid"}) if revision < "0004" else frozenset()
    assert digests_of(upgraded, uuids_made_by_the_upgrade) == digests_of(back, uuids_made_by_the_upgrade)


def test_db_copy_of_an_older_server_leaves_the_server_as_it_was(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    old = at_revision(postgres_server, "0003")
    back = tmp_path / "back.db"
    copy_database(old, back)
    assert revision_of(old) == "0003"  # not upgraded: a copy only reads its source
    assert migrate.read_schema_state(back).revision == migrate.head_revision()
    db = open_database(back, seed=False)
    try:
        assert [a.athlete.name for a in athletes.list_athletes(db)] == ["Maya"]
    finally:
        db.close()


def test_after_a_copy_the_server_gives_new_rows_fresh_ids(postgres_server: PostgresServer, tmp_path: Path) -> None:
    import shutil

    source = tmp_path / "coach.db"
    shutil.copy(SCHEMAS / f"{migrate.head_revision()}.db", source)
    club = postgres_server.empty_database()
    copy_database(source, club)
    db = open_database(club)
    try:
        new_id = athletes.add_athlete(db, Athlete(name="New runner"))
        assert new_id > max(a.id for a in athletes.list_athletes(db) if a.athlete.name != "New runner")
    finally:
        db.close()


def test_db_copy_refuses_a_target_that_holds_rows(postgres_server: PostgresServer, tmp_path: Path) -> None:
    target = postgres_server.new_database()  # has the built-in library
    with pytest.raises(BadInput, match="is not empty"):
        copy_database(SCHEMAS / f"{migrate.head_revision()}.db", target)


def test_a_copy_that_fails_leaves_no_half_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import planner.store.copy as copying

    monkeypatch.setattr(copying, "_reset_sequences", lambda conn: None)
    monkeypatch.setattr(copying, "row_digests", lambda conn: {"x": str(id(conn))})  # never the same twice
    source = tmp_path / "coach.db"
    open_database(source).close()
    with pytest.raises(BadInput, match="did not read back the same"):
        copy_database(source, tmp_path / "copy.db")
    assert not (tmp_path / "copy.db").exists()


def test_db_copy_on_the_command_line(
    postgres_server: PostgresServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    source = tmp_path / "coach.db"
    shutil.copy(SCHEMAS / f"{migrate.head_revision()}.db", source)
    club = postgres_server.empty_database()
    assert main(["db", "copy", "--from", str(source), "--to", club]) == 0
    assert "every row checked" in capsys.readouterr().out
    assert main(["db", "copy", "--from", str(source), "--to", club]) == 2
    assert "is not empty" in capsys.readouterr().err


def test_a_pg_dump_that_fails_is_asked_about_like_a_missing_one(
    postgres_server: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "pg_dump"
    broken.write_text("#!/bin/sh\necho 'pg_dump: error: aborting because of server version mismatch' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setattr(server, "find_pg_dump", lambda: str(broken))
    monkeypatch.setattr(server, "backup_folder", lambda: tmp_path / "backups")
    url = at_revision(postgres_server, "0003")
    with pytest.raises(BackupUnavailable, match="server version mismatch"):
        open_database(url)
    assert revision_of(url) == "0003"
    with upgrades_without_backup():
        open_database(url).close()
    assert revision_of(url) == migrate.head_revision()
