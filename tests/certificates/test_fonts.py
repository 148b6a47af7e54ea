"""The Korean and Traditional Chinese certificate fonts that `manage.py certificate_fonts` makes from Noto Sans CJK."""

import io

import pytest
from django.core.management import CommandError, call_command
from fontTools.ttLib import TTFont

from certificates.fonts import (
    FONTS,
    LICENCE_FILE,
    big5_codepoints,
    certificate_font_faces,
    certificate_fonts_build,
    font_dir,
)

HANGUL_SYLLABLES = range(0xAC00, 0xD7A4)
BOPOMOFO = range(0x3105, 0x3130)


@pytest.fixture(scope="module", autouse=True)
def certificate_fonts():
    """The fonts `make install` builds; built here when missing (a minute), a no-op when up to date."""
    certificate_fonts_build()


def built(file_name: str) -> TTFont:
    return TTFont(font_dir() / file_name, lazy=True)


def font_file_names() -> list[str]:
    return [font.file_name(weight) for font in FONTS for weight in (400, 700)]


@pytest.mark.parametrize("weight", ["Regular", "Bold"])
def test_the_korean_font_has_every_hangul_syllable(weight):
    cmap = built(f"CertSansKR-{weight}.otf").getBestCmap()

    assert len(HANGUL_SYLLABLES) == 11_172
    assert all(point in cmap for point in HANGUL_SYLLABLES)
    assert all(ord(character) in cmap for character in "김민지 소셜 미디어")


@pytest.mark.parametrize("weight", ["Regular", "Bold"])
def test_the_chinese_font_has_every_big5_character_and_bopomofo(weight):
    cmap = built(f"CertSansTC-{weight}.otf").getBestCmap()
    big5_han = {point for point in big5_codepoints() if 0x4E00 <= point <= 0x9FFF}

    assert len(big5_han) > 13_000
    assert big5_han <= set(cmap)
    assert all(point in cmap for point in BOPOMOFO)
    assert all(ord(character) in cmap for character in "陳怡君 社群媒體合規，「」")


def test_the_fonts_go_by_their_own_names_as_the_open_font_license_asks():
    for file_name in font_file_names():
        font = built(file_name)
        family = "Cert Sans KR" if "KR" in file_name else "Cert Sans TC"
        names = {record.nameID: record.toUnicode() for record in font["name"].names if record.nameID in (1, 4, 6, 16)}

        assert names[1] == names[16] == family
        assert names[4].startswith(family)
        assert names[6] == file_name.removesuffix(".otf")
        assert font["CFF "].cff.fontNames == [names[6]]
        assert not any("Noto" in name or "Source" in name for name in names.values())


def test_the_licence_and_copyright_travel_with_the_fonts():
    licence = (font_dir() / LICENCE_FILE).read_text()

    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Adobe" in licence  # the original copyright notice
    assert "Noto Sans CJK" in licence and "Cert Sans KR" in licence


def test_the_certificate_template_is_offered_every_built_font():
    faces = certificate_font_faces()

    assert [(face["family"], face["weight"]) for face in faces] == [
        ("Cert Sans KR", 400),
        ("Cert Sans KR", 700),
        ("Cert Sans TC", 400),
        ("Cert Sans TC", 700),
    ]
    assert {face["src"] for face in faces} == {f"font:{name}" for name in font_file_names()}


def test_running_the_command_again_leaves_the_fonts_as_they_are():
    before = {name: (font_dir() / name).stat().st_mtime_ns for name in font_file_names()}
    output = io.StringIO()

    call_command("certificate_fonts", stdout=output)

    assert "up to date" in output.getvalue()
    assert {name: (font_dir() / name).stat().st_mtime_ns for name in font_file_names()} == before


def test_without_noto_sans_cjk_the_command_says_what_to_install_and_keeps_what_it_had(tmp_path):
    before = {name: (font_dir() / name).stat().st_mtime_ns for name in font_file_names()}

    with pytest.raises(CommandError) as error:
        call_command("certificate_fonts", source_dir=tmp_path, force=True)

    message = str(error.value)
    assert "apt-get install fonts-noto-cjk" in message and "NotoSansCJK-Regular.ttc" in message
    assert "--source-dir" in message
    assert {name: (font_dir() / name).stat().st_mtime_ns for name in font_file_names()} == before
