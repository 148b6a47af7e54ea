"""Question import and export in Moodle's formats: GIFT (text) and Moodle XML.

Reading and writing are pure (bytes in, dataclasses out, and back); services.py is where the database is touched.
"""

from django.utils.translation import gettext

from . import gift, moodle_xml
from .base import ImportFileError, ParsedChoice, ParsedFile, ParsedQuestion, Skipped

FORMATS = {"gift": gift, "moodle-xml": moodle_xml}
FORMAT_CHOICES = [("gift", "GIFT"), ("moodle-xml", "Moodle XML")]
# Questions one file uploaded in the admin may hold: a larger bank is imported in parts, each previewed on one page.
MAX_QUESTIONS = 1000

__all__ = [
    "FORMATS",
    "FORMAT_CHOICES",
    "MAX_QUESTIONS",
    "ImportFileError",
    "ParsedChoice",
    "ParsedFile",
    "ParsedQuestion",
    "Skipped",
    "format_guess",
    "parse",
    "serialize",
]


def format_guess(filename: str) -> str:
    """Moodle XML for a .xml file, GIFT for anything else (Moodle names GIFT files .txt or .gift)."""
    return "moodle-xml" if str(filename).lower().endswith(".xml") else "gift"


def parse(data: bytes, file_format: str, *, max_questions: int | None = None) -> ParsedFile:
    """The questions of a file in `file_format`; ImportFileError when the file as a whole cannot be read, or holds
    more than `max_questions` questions."""
    parsed = FORMATS[file_format].parse(data)
    if max_questions is not None and len(parsed.questions) > max_questions:
        raise ImportFileError(
            gettext("It holds %(count)d questions; at most %(max)d can be imported at once. Split it into parts.")
            % {"count": len(parsed.questions), "max": max_questions}
        )
    return parsed


def serialize(questions: list[ParsedQuestion], file_format: str, category_descriptions: dict | None = None) -> str:
    return FORMATS[file_format].serialize(questions, category_descriptions)
