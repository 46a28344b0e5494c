"""Every character prints in an embedded font, or the build says which one it could not print."""

from __future__ import annotations

import pytest

from planner.export.fonts import PrintWarnings, missing_glyphs, register_fonts
from planner.export.markup import markup


def test_latin_greek_cyrillic_need_no_fallback() -> None:
    assert missing_glyphs("Zoë Łukasiewicz Αλέξανδρος Дмитрий □") == []


def test_a_character_no_font_has_is_reported_once() -> None:
    assert missing_glyphs("𓀀 and 𓀀 again") == ["𓀀"]


def test_markup_replaces_it_visibly_and_warns() -> None:
    warnings = PrintWarnings()
    text = markup("Ra 𓀀 <b>", "athlete name", warnings)
    assert text == "Ra \ufffd &lt;b&gt;"
    assert warnings.messages == ["Cannot print '𓀀' (U+13000) in athlete name"]


def test_cjk_runs_switch_to_the_cjk_font_when_one_is_installed() -> None:
    fonts = register_fonts()
    if fonts.cjk is None:
        pytest.skip("no CJK system font (apt-get install fonts-wqy-microhei)")
    assert markup("Yuki 東京", "name", PrintWarnings()) == f'Yuki <font name="{fonts.cjk}">東京</font>'
