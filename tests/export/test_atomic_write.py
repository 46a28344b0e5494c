"""The PDF appears complete or not at all; a failed build leaves an earlier file untouched."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest

from planner import atomic
from planner.domain.errors import BadInput
from planner.export.document import build_plan_pdf
from tests.export import plan_factory as f


def _build(out: Path) -> None:
    build_plan_pdf(out, athlete=f.athlete(), plan=f.plan(1), library=f.library())


def test_read_only_folder_is_bad_input_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):  # root ignores permissions: make the folder refuse as it would

        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    try:
        with pytest.raises(BadInput, match=r"Cannot write .*plan\.pdf: permission denied"):
            _build(folder / "plan.pdf")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_full_disk_says_so_in_one_line_and_removes_the_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    out = tmp_path / "plan.pdf"
    with pytest.raises(BadInput) as caught:
        _build(out)
    assert str(caught.value) == f"Cannot write {out}: no space left on the disk"
    assert list(tmp_path.iterdir()) == []


def test_existing_file_is_untouched_when_the_build_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"the old PDF")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("layout bug")

    monkeypatch.setattr("planner.export.weekly.weekly_sheet", broken)
    with pytest.raises(RuntimeError):
        _build(out)
    assert out.read_bytes() == b"the old PDF"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_missing_folder_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="the folder does not exist"):
        _build(tmp_path / "nope" / "plan.pdf")


def test_unknown_content_names_the_allowed_ones(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="unknown content 'poster'; expected any of weekly, cards, overview"):
        build_plan_pdf(
            tmp_path / "x.pdf", athlete=f.athlete(), plan=f.plan(1), library=f.library(), content=("weekly", "poster")
        )
    assert not (tmp_path / "x.pdf").exists()
