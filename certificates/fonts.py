"""The fonts a certificate embeds for Korean and Traditional Chinese text, made once at install or deploy time.

Noto Sans CJK covers both scripts, but each of its faces holds 65,000 glyphs for Japanese, Korean and both kinds of
Chinese: subsetting that for every PDF makes a Korean or Chinese certificate nearly twice as slow as a Latin one,
and its PDF up to four times larger. `certificate_fonts_build` cuts each face down to the characters its language
writes with (every Hangul syllable; every Han character of Big5) and renames it, as the SIL Open Font License asks
of a modified font. The files go to `CERTIFICATE_FONT_DIR` (not in the repository: they are made from the system's
fonts-noto-cjk package) and `certificate_font_faces` tells the PDF template which of them are there. When they are
missing, text in those scripts still gets real glyphs from fontconfig's fallback to the installed Noto Sans CJK,
only more slowly.
"""

import concurrent.futures
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# Debian and Ubuntu's fonts-noto-cjk. Each .ttc holds one face per language; the index picks the language's forms.
SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
SOURCE_FILES = {400: "NotoSansCJK-Regular.ttc", 700: "NotoSansCJK-Bold.ttc"}
STYLE_NAMES = {400: "Regular", 700: "Bold"}
LICENCE_FILE = "OFL.txt"
STAMP_FILE = "fonts.json"
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
# Bumped whenever the recipe below changes, so that `certificate_fonts` rebuilds fonts made by an older one.
RECIPE_VERSION = 2

ASCII_AND_LATIN_1 = [(0x20, 0x7E), (0xA0, 0xFF)]
PUNCTUATION = [(0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF)]
HANGUL = [(0xAC00, 0xD7A3), (0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xD7B0, 0xD7FF)]
BOPOMOFO = [(0x3100, 0x312F), (0x31A0, 0x31BF)]


@dataclass(frozen=True)
class CertificateFont:
    family: str
    face_index: int
    ranges: tuple[tuple[int, int], ...]
    with_big5: bool = False

    @property
    def file_stem(self) -> str:
        return self.family.replace(" ", "")

    def file_name(self, weight: int) -> str:
        return f"{self.file_stem}-{STYLE_NAMES[weight]}.otf"

    def codepoints(self) -> set[int]:
        points = {point for start, end in self.ranges for point in range(start, end + 1)}
        if self.with_big5:
            points |= big5_codepoints()
        return points


# The order is the CSS fallback order: Han characters in a Korean name (hanja) come from the Traditional Chinese
# face, since the Korean one keeps only Hangul.
FONTS = (
    CertificateFont("Cert Sans KR", 1, tuple(ASCII_AND_LATIN_1 + PUNCTUATION + HANGUL)),
    CertificateFont("Cert Sans TC", 3, tuple(ASCII_AND_LATIN_1 + PUNCTUATION + BOPOMOFO), with_big5=True),
)


# What the fetcher may serve under `font:`, and nothing else.
FONT_FILE_NAMES = frozenset(font.file_name(weight) for font in FONTS for weight in STYLE_NAMES)


def big5_codepoints() -> set[int]:
    """Every character of Big5 as Windows writes it (cp950): the Han characters of Taiwan and Hong Kong names."""
    points = set()
    trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    for lead in range(0x81, 0xFF):
        for trail in trails:
            try:
                text = bytes((lead, trail)).decode("cp950")
            except UnicodeDecodeError:
                continue
            points.update(ord(character) for character in text)
    return points


def font_dir() -> Path:
    return Path(settings.CERTIFICATE_FONT_DIR)


def font_path(name: str) -> Path | None:
    """The built font file called `name`, or None when the name is not one of ours or the file is not there."""
    if name not in FONT_FILE_NAMES:
        return None
    path = font_dir() / name
    return path if path.is_file() else None


def certificate_font_faces() -> list[dict]:
    """The @font-face rules for the fonts that have been built, in fallback order."""
    faces = []
    for font in FONTS:
        for weight in STYLE_NAMES:
            name = font.file_name(weight)
            if font_path(name):
                faces.append({"family": font.family, "weight": weight, "src": f"font:{name}"})
    return faces


# Building


class SourceFontsMissing(Exception):
    pass


def _sources(source_dir: Path) -> dict[int, Path]:
    sources = {weight: source_dir / name for weight, name in SOURCE_FILES.items()}
    missing = [str(path) for path in sources.values() if not path.is_file()]
    if missing:
        raise SourceFontsMissing(", ".join(missing))
    return sources


def _stamp(sources: dict[int, Path]) -> dict:
    """What the built files were made from: rebuilt when the package is upgraded or the recipe changes."""
    return {
        "recipe": RECIPE_VERSION,
        "sources": {str(path): [path.stat().st_size, path.stat().st_mtime_ns] for path in sources.values()},
    }


def certificate_fonts_up_to_date(*, source_dir: Path = SOURCE_DIR, target_dir: Path | None = None) -> bool:
    target_dir = target_dir or font_dir()
    try:
        stamp = json.loads((target_dir / STAMP_FILE).read_text())
        sources = _sources(source_dir)
    except (OSError, ValueError, SourceFontsMissing):
        return False
    names = [*FONT_FILE_NAMES, LICENCE_FILE]
    return stamp == _stamp(sources) and all((target_dir / name).is_file() for name in names)


def certificate_fonts_build(
    *, source_dir: Path = SOURCE_DIR, target_dir: Path | None = None, force: bool = False
) -> list[Path]:
    """Subset and rename the Noto Sans CJK faces into `target_dir`; returns the files written (none if up to date).

    Raises SourceFontsMissing when fonts-noto-cjk is not installed.
    """
    target_dir = target_dir or font_dir()
    sources = _sources(source_dir)
    if not force and certificate_fonts_up_to_date(source_dir=source_dir, target_dir=target_dir):
        return []
    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    # Up to half a minute of CPU per font: one process per core.
    with concurrent.futures.ProcessPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        jobs = {
            target_dir / font.file_name(weight): pool.submit(_subset, source, font=font, weight=weight)
            for font in FONTS
            for weight, source in sources.items()
        }
        for path, job in jobs.items():
            _write_atomically(path, job.result())
            written.append(path)
    licence = target_dir / LICENCE_FILE
    _write_atomically(licence, _licence_text(sources[400]).encode())
    written.append(licence)
    _write_atomically(target_dir / STAMP_FILE, json.dumps(_stamp(sources)).encode())
    return written


def _subset(source: Path, *, font: CertificateFont, weight: int) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # The original bounding boxes still hold for a subset; computing them again for 13,000 glyphs takes longer
    # than the subsetting itself.
    ttfont = TTFont(source, fontNumber=font.face_index, recalcBBoxes=False)
    options = subset.Options()
    # Every OpenType feature (vertical and proportional forms, Hangul jamo composition) but `locl`, which holds the
    # Japanese, Korean and Simplified Chinese shapes of the same characters: each face here writes one language, and
    # those would double the Chinese font, and with it the time every certificate spends embedding it.
    options.layout_features = sorted(
        {
            record.FeatureTag
            for tag in ("GSUB", "GPOS")
            if tag in ttfont
            for record in ttfont[tag].table.FeatureList.FeatureRecord
        }
        - {"locl"}
    )
    # No hinting (PDF viewers don't use it), and flat CFF charstrings, which HarfBuzz subsets faster at render time.
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    # Keep the copyright (0) and the licence (13, 14) with the names.
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14, 16, 17]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.codepoints())
    subsetter.subset(ttfont)
    _rename(ttfont, family=font.family, style=STYLE_NAMES[weight])
    buffer = io.BytesIO()
    ttfont.save(buffer)
    return buffer.getvalue()


def _rename(ttfont, *, family: str, style: str) -> None:
    """A modified font may not go by the original's name (SIL Open Font License, condition 3)."""
    postscript = f"{family.replace(' ', '')}-{style}"
    names = ttfont["name"]
    version = names.getDebugName(5) or ""
    for name_id, value in (
        (1, family),
        (3, f"{version};{postscript}"),
        (4, f"{family} {style}" if style != "Regular" else family),
        (6, postscript),
        (16, family),
    ):
        names.removeNames(nameID=name_id)
        names.setName(value, name_id, 3, 1, 0x409)
    if "CFF " in ttfont:
        cff = ttfont["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        top.FamilyName = family
        top.FullName = f"{family} {style}"


def _licence_text(source: Path) -> str:
    """The original copyright notice and the licence, which must travel with the fonts."""
    from fontTools.ttLib import TTFont

    names = TTFont(source, fontNumber=0, lazy=True)["name"]
    header = [
        "Cert Sans KR and Cert Sans TC are subsets of Noto Sans CJK, renamed as the licence asks of a modified font.",
        "",
        names.getDebugName(0) or "",
        "",
    ]
    return "\n".join(header) + (_debian_ofl_text() or f"{names.getDebugName(13)}\n{names.getDebugName(14)}\n")


def _debian_ofl_text() -> str | None:
    """The full SIL Open Font License 1.1 from the package's copyright file (Debian's format indents it)."""
    try:
        copyright_text = DEBIAN_COPYRIGHT.read_text()
    except OSError:
        return None
    match = re.search(r"^License: SIL-1\.1\n((?:[ \t].*\n?)+)", copyright_text, flags=re.MULTILINE)
    if not match:
        return None
    lines = [line[1:] for line in match.group(1).splitlines()]
    return "\n".join("" if line == "." else line for line in lines) + "\n"


def _write_atomically(path: Path, content: bytes) -> None:
    """Renderers in other processes may be reading the fonts: they see the old file or the new one, never half."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
