"""Every piece of interface text is translatable, and translated in Korean, Traditional Chinese and German."""

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
CATALOG_LANGUAGES = ["ko", "zh_Hant", "de"]
SOURCES = ["config", "training", "quizzes", "certificates", "cms", "templates", "locale", "manage.py"]

# Text that is the same in every language: the product's name and file formats.
SAME_IN_EVERY_LANGUAGE = re.compile(r"Social Confidence|\b(CSV|PDF|ZIP|JSON|SHA-256|GIFT|Moodle XML)\b")
VISIBLE_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description"}
LETTERS = re.compile(r"[^\W\d_]{2,}")
# One language's own text in its own file (e-mails written per language), not a template to translate.
PER_LANGUAGE_FILE = re.compile(r"\.(en|ko|zh-hant|de)\.(txt|html)$")


def _untranslatable_source(text: str) -> str:
    """`text` with everything Django handles removed: translated blocks, comments, tags; variables become a
    placeholder character, so that what is left is the text a person reads as written."""
    kept, skip_until = [], None
    for token in Lexer(text).tokenize():
        if skip_until:
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] in skip_until:
                skip_until = None
            continue
        if token.token_type == TokenType.TEXT:
            kept.append(token.contents)
            continue
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0]
            if name in {"blocktranslate", "blocktrans"}:
                skip_until = {"endblocktranslate", "endblocktrans"}
            elif name == "block" and token.contents.split()[1].endswith("_class"):
                skip_until = {"endblock"}  # a CSS class name, e.g. {% block main_class %}wide{% endblock %}
            elif name == "comment":
                skip_until = {"endcomment"}
            # A tag may sit inside an HTML tag (<p{% if error %} class="error"{% endif %}>): a space keeps it valid.
            kept.append(" ")
            continue
        kept.append("\x00")
    return "".join(kept)


class _TextFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._hidden += 1
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value:
                self._check(value)

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self._check(data)

    def _check(self, text):
        text = SAME_IN_EVERY_LANGUAGE.sub("", text)
        if LETTERS.search(text):
            self.found.append(" ".join(text.replace("\x00", "…").split()))


def untranslated_texts(path: Path) -> list[str]:
    source = _untranslatable_source(path.read_text(encoding="utf-8"))
    if path.suffix == ".txt":
        return [" ".join(line.replace("\x00", "…").split()) for line in source.splitlines() if LETTERS.search(line)]
    finder = _TextFinder()
    finder.feed(source)
    finder.close()
    return finder.found


def test_the_checker_finds_text_left_in_english(tmp_path):
    template = tmp_path / "example.html"
    template.write_text(
        '{% load i18n %}<h1>{% translate "Done" %}</h1><p title="Left out">{{ name }} has {{ n }} lessons</p>'
        "{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}<script>var a = 'words here';</script>"
        "{% comment %}Not shown to anyone{% endcomment %}<span>Social Confidence · CSV</span>",
        encoding="utf-8",
    )
    assert untranslated_texts(template) == ["Left out", "… has … lessons"]


def test_no_template_text_is_left_untranslated():
    left = {
        str(path.relative_to(ROOT)): texts
        for path in sorted(TEMPLATES.rglob("*"))
        if path.suffix in {".html", ".txt"} and not PER_LANGUAGE_FILE.search(path.name)
        if (texts := untranslated_texts(path))
    }
    assert left == {}, "Wrap these in {% translate %} or {% blocktranslate %}"


def _msgattrib(po: Path, flag: str) -> str:
    return subprocess.run(["msgattrib", flag, str(po)], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (make install installs it)")
def test_catalogs_translate_every_message(tmp_path):
    """The committed catalogs, refreshed from today's sources, have a translation for every message, none fuzzy."""
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, tmp_path / name)
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete"]
    command += [argument for language in CATALOG_LANGUAGES for argument in ("-l", language)]
    subprocess.run(command, cwd=tmp_path, check=True, capture_output=True)
    problems = {}
    for language in CATALOG_LANGUAGES:
        po = tmp_path / "locale" / language / "LC_MESSAGES" / "django.po"
        untranslated = re.findall(r'^msgid "(.+)"$', _msgattrib(po, "--untranslated"), flags=re.MULTILINE)
        fuzzy = re.findall(r'^msgid "(.+)"$', _msgattrib(po, "--only-fuzzy"), flags=re.MULTILINE)
        if untranslated or fuzzy:
            problems[language] = {"untranslated": untranslated[:20], "fuzzy": fuzzy[:20]}
    assert problems == {}
