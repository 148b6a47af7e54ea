"""Moodle XML: read a question file into ParsedQuestions, write ParsedQuestions back.

The file is read with expat into an ElementTree (the standard library), remembering the line of each element for
the report. A document type declaration is refused outright, so no entity can be declared: no entity expansion
bombs and no external files (what defusedxml guards against).
"""

import re
import xml.etree.ElementTree as ET
from xml.parsers import expat

from django.utils.translation import gettext, gettext_lazy

from .base import (
    ImportFileError,
    ParsedChoice,
    ParsedFile,
    ParsedQuestion,
    category_path_join,
    category_path_split,
    fraction_parse,
    fraction_percent,
    html_to_text,
    text_decode,
)

# Translators: the reason a question is not imported, e.g. "Social Confidence has no matching questions".
UNSUPPORTED = gettext_lazy("Social Confidence has no %(label)s questions")
EMBEDDED_FILES = gettext_lazy("it uses embedded files (images, audio...), which cannot be imported")


class _DoctypeRefused(Exception):
    pass


def _xml_read(data: bytes) -> tuple[ET.Element, dict[ET.Element, int]]:
    """The root element and the line on which each element starts."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(encoding="utf-8")  # text_decode() has checked that the file is UTF-8
    lines: dict[ET.Element, int] = {}

    def start(tag, attributes):
        lines[builder.start(tag, attributes)] = parser.CurrentLineNumber

    def refuse(*args):
        raise _DoctypeRefused

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except _DoctypeRefused:
        raise ImportFileError(
            gettext(
                "The file declares a document type (<!DOCTYPE>) on line %(line)d: "
                "Moodle XML has none, and it is refused for safety."
            )
            % {"line": parser.CurrentLineNumber}
        ) from None
    except expat.ExpatError as error:
        raise ImportFileError(
            # Translators: %(problem)s is the XML parser's own message, in English (e.g. "mismatched tag").
            gettext("This is not valid XML: %(problem)s (line %(line)d, column %(column)d). Is it a Moodle XML file?")
            % {"problem": expat.errors.messages[error.code], "line": error.lineno, "column": error.offset + 1}
        ) from None
    return builder.close(), lines


def _text(element: ET.Element | None, default_format: str = "moodle_auto_format") -> str:
    """The <text> of a Moodle text element (questiontext, feedback...), as plain text."""
    if element is None:
        return ""
    text = element.findtext("text") or ""
    return html_to_text(text) if element.get("format", default_format) == "html" else text.strip()


def parse(data: bytes) -> ParsedFile:
    """Every question of a Moodle XML file, in order; those we cannot import carry a `problem`."""
    text_decode(data)
    root, lines = _xml_read(data)
    if root.tag != "quiz":
        raise ImportFileError(
            gettext("This XML file is not a Moodle question file: it starts with <%(tag)s>, not <quiz>.")
            % {"tag": root.tag}
        )
    parsed = ParsedFile(questions=[])
    category = None
    for element in root.findall("question"):
        qtype = (element.get("type") or "").strip() or "unknown"
        if qtype == "category":
            category = category_path_split(element.findtext("category/text") or "") or None
            if category and category not in parsed.category_descriptions:
                parsed.category_descriptions[category] = _text(element.find("info"))
            continue
        question = _question_parse(element, qtype, line=lines.get(element, 0))
        question.category = category
        parsed.questions.append(question)
    if not parsed.questions:
        raise ImportFileError(gettext("No question found in this file: it has no <question> other than categories."))
    return parsed


def _question_parse(element: ET.Element, qtype: str, *, line: int) -> ParsedQuestion:
    question = ParsedQuestion(
        line=line,
        qtype=qtype,
        name=(element.findtext("name/text") or "").strip(),
        text=_text(element.find("questiontext")),
        explanation=_text(element.find("generalfeedback")),
    )
    if qtype not in {"multichoice", "truefalse", "essay"}:
        question.problem = UNSUPPORTED % {"label": question.type_label}
    elif element.find(".//file") is not None or "@@PLUGINFILE@@" in "".join(element.itertext()):
        question.problem = str(EMBEDDED_FILES)
    elif qtype == "essay":
        question.kind = "essay"
    elif qtype == "multichoice":
        single = (element.findtext("single") or "true").strip().lower() in {"true", "1"}
        question.kind = "single" if single else "multiple"
        _answers_parse(question, element)
    else:
        question.kind = "true_false"
        _answers_parse(question, element)
        if not question.problem:
            _true_false_check(question)
    return question


def _answers_parse(question: ParsedQuestion, element: ET.Element) -> None:
    for answer in element.findall("answer"):
        try:
            fraction = fraction_parse(answer.get("fraction", "0"))
        except ValueError as error:
            question.problem = gettext("an answer's weight is wrong: %(error)s") % {"error": error}
            return
        question.choices.append(
            ParsedChoice(
                text=_text(answer, default_format="moodle_auto_format"),
                fraction=fraction,
                feedback=_text(answer.find("feedback")),
            )
        )


def _true_false_check(question: ParsedQuestion) -> None:
    """Moodle's true/false answers are "true" and "false"; ours are "True" and "False", in that order."""
    by_text = {choice.text.lower(): choice for choice in question.choices}
    if len(question.choices) != 2 or set(by_text) != {"true", "false"}:
        question.problem = gettext('a true/false question needs exactly the answers "true" and "false"')
        return
    question.choices = [by_text["true"], by_text["false"]]
    for choice in question.choices:
        choice.text = choice.text.capitalize()


# Writing.


# What XML 1.0 cannot hold, even as a character reference: control characters (but tab and line ends) and two
# non-characters. Left in, they would make the file unreadable, here and in Moodle.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _text_element(parent: ET.Element, tag: str, text: str, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": "plain_text", **attributes})
    ET.SubElement(element, "text").text = _xml_text(text)
    return element


def _question_element(root: ET.Element, question: ParsedQuestion) -> None:
    qtype = {"essay": "essay", "true_false": "truefalse"}.get(question.kind, "multichoice")
    element = ET.SubElement(root, "question", {"type": qtype})
    ET.SubElement(ET.SubElement(element, "name"), "text").text = _xml_text(question.name)  # blank: Moodle names it
    _text_element(element, "questiontext", question.text)
    _text_element(element, "generalfeedback", question.explanation)
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "hidden").text = "0"
    if qtype == "essay":
        ET.SubElement(element, "responseformat").text = "plain"
        ET.SubElement(element, "responserequired").text = "1"
        ET.SubElement(element, "responsefieldlines").text = "10"
        ET.SubElement(element, "attachments").text = "0"
        return
    if qtype == "multichoice":
        ET.SubElement(element, "single").text = "true" if question.kind == "single" else "false"
        ET.SubElement(element, "shuffleanswers").text = "true"
        ET.SubElement(element, "answernumbering").text = "abc"
    for choice in question.choices:
        text = choice.text.lower() if qtype == "truefalse" else choice.text
        answer = _text_element(element, "answer", text, fraction=fraction_percent(choice.fraction))
        _text_element(answer, "feedback", choice.feedback)


def serialize(questions: list[ParsedQuestion], category_descriptions: dict | None = None) -> str:
    """Moodle XML for `questions` (single, multiple, true_false and essay kinds), with a category entry whenever
    the category changes; `category_descriptions` (path → text) fills the categories' info."""
    category_descriptions = category_descriptions or {}
    root = ET.Element("quiz")
    current = None
    for question in questions:
        if question.category != current:
            current = question.category
            category = ET.SubElement(root, "question", {"type": "category"})
            path = ET.SubElement(ET.SubElement(category, "category"), "text")
            path.text = _xml_text(category_path_join(current or ()))
            _text_element(category, "info", category_descriptions.get(current, ""))
        _question_element(root, question)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
