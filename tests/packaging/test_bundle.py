"""The PyInstaller bundle runs on its own: commands, migrations, PDF fonts and the window, from a clean HOME."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planner import __version__
from tests.export.pdf_reader import flat_text, fonts, needs_poppler, qpdf_check
from tests.packaging.conftest import REPO, clean_env

pytestmark = pytest.mark.bundle

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def run_bundle(bundle_dir: Path, home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the bundled executable from the home folder (not the checkout), as a user would."""
    return subprocess.run(
        [str(bundle_dir / "stride-planner"), *args],
        cwd=home,
        env=clean_env(home, **env),
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def bundle_demo(bundle_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(home, demo folder) after one `demo --out` run of the bundle."""
    home = tmp_path_factory.mktemp("bundle-demo-home")
    out = home / "demo"
    result = run_bundle(bundle_dir, home, "demo", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return home, out


def test_bundle_reports_its_version(bundle_dir: Path, user_home: Path) -> None:
    result = run_bundle(bundle_dir, user_home, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"stride-planner {__version__}"


def test_bundle_demo_writes_athlete_plan_and_pdf(bundle_demo: tuple[Path, Path]) -> None:
    _, out = bundle_demo
    assert sorted(p.name for p in out.iterdir()) == ["athlete.json", "plan.json", "plan.pdf"]


@needs_poppler
def test_bundle_demo_pdf_names_the_athlete(bundle_demo: tuple[Path, Path]) -> None:
    _, out = bundle_demo
    athlete = json.loads((out / "athlete.json").read_text(encoding="utf-8"))
    assert athlete["name"] in flat_text(out / "plan.pdf")


@needs_poppler
def test_bundle_demo_pdf_passes_qpdf_check(bundle_demo: tuple[Path, Path]) -> None:
    _, out = bundle_demo
    check = qpdf_check(out / "plan.pdf")
    assert check.returncode == 0, check.stdout + check.stderr


@needs_poppler
def test_bundle_demo_pdf_embeds_the_shipped_dejavu_fonts(bundle_demo: tuple[Path, Path]) -> None:
    _, out = bundle_demo
    rows = fonts(out / "plan.pdf")
    assert rows
    assert all(row["emb"] == "yes" for row in rows)
    assert any("DejaVuSans" in row["name"] for row in rows)


def test_bundle_keeps_the_database_in_the_user_data_folder(bundle_demo: tuple[Path, Path]) -> None:
    # No STRIDE_PLANNER_* variables: the bundle finds the platform's data folder under HOME, and the
    # migrations it carries created the schema there.
    home, _ = bundle_demo
    assert list(home.glob(".local/share/stride-planner/*.db"))


def test_bundle_carries_the_migrations_as_source_files(bundle_dir: Path) -> None:
    # migrate.py reads the revisions from the .py files as text and Alembic runs them from disk.
    shipped = bundle_dir / "_internal" / "planner" / "_db"
    assert (shipped / "env.py").is_file()
    assert (shipped / "script.py.mako").is_file()
    expected = {p.name for p in (REPO / "db" / "versions").glob("*.py")}
    assert {p.name for p in (shipped / "versions").glob("*.py")} == expected


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux plugin names")
def test_bundle_ships_only_the_chosen_qt_platform_plugins(bundle_dir: Path) -> None:
    plugins = bundle_dir / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms"
    assert {p.name for p in plugins.iterdir()} == {"libqoffscreen.so", "libqminimal.so", "libqxcb.so"}


def test_bundle_takes_a_screenshot_of_the_library_offscreen(bundle_dir: Path, user_home: Path) -> None:
    png = user_home / "out.png"
    result = run_bundle(
        bundle_dir, user_home, "--screenshot", str(png), "--view", "library", QT_QPA_PLATFORM="offscreen"
    )
    assert result.returncode == 0, result.stderr
    data = png.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert len(data) > 20_000  # a painted window, not an empty or blank image


def test_bundle_previews_the_pdf_with_its_own_pdfium(bundle_dir: Path, user_home: Path) -> None:
    # The Export view is ready only once the preview's first pages are rendered (pypdfium2's libpdfium).
    assert list((bundle_dir / "_internal" / "pypdfium2_raw").glob("*pdfium*"))
    png = user_home / "export.png"
    result = run_bundle(
        bundle_dir, user_home, "--screenshot", str(png), "--view", "export", QT_QPA_PLATFORM="offscreen"
    )
    assert result.returncode == 0, result.stderr
    assert png.read_bytes().startswith(PNG_SIGNATURE)


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb (apt-get install xvfb)")
def test_bundle_opens_an_x11_window_under_xvfb(bundle_dir: Path, user_home: Path) -> None:
    # The xcb plugin is what a Linux desktop uses: its libraries (xcb-cursor, icccm, keysyms...) must be
    # in the bundle or on the system, else Qt aborts before the first window.
    png = user_home / "x11.png"
    exe = bundle_dir / "stride-planner"
    command = f'exec "{exe}" --screenshot "{png}" --view plan'
    result = subprocess.run(
        ["xvfb-run", "-a", "sh", "-c", command],
        cwd=user_home,
        env=clean_env(user_home, QT_QPA_PLATFORM="xcb"),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert png.read_bytes().startswith(PNG_SIGNATURE)
