"""Moodle's GIFT text format: read a file into ParsedQuestions, write ParsedQuestions back.

The reader follows Moodle's own importer (question/format/gift/format.php) so that a file means the same here
as it does in Moodle: questions are separated by blank lines, a line starting with // is a comment, the first
{ ... } holds the answers and its content decides the question type.
"""

import re

from django.utils.translation import gettext, gettext_lazy

from .base import (
    ONE,
    ZERO,
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

# While parsing, an escaped control character (\: \~ \= \# \{ \}) stands in as a private-use character so that
# it is never taken for syntax; it becomes the plain character again in the finished text.
_PLACEHOLDERS = {char: chr(0xE000 + index) for index, char in enumerate(":~=#{}")}
_RESTORE = str.maketrans({placeholder: char for char, placeholder in _PLACEHOLDERS.items()})
_ESCAPE = re.compile(r"\\([\\:~=#{}n])")
_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]")
_WEIGHT = re.compile(r"^%([^%]*)%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
# Translators: the reason a question is not imported, e.g. "Social Confidence has no matching questions".
UNSUPPORTED = gettext_lazy("Social Confidence has no %(label)s questions")


def _protect(text: str) -> str:
    def replace(match):
        char = match.group(1)
        if char == "n":
            return "\n"
        return "\\" if char == "\\" else _PLACEHOLDERS[char]

    return _ESCAPE.sub(replace, text)


def _format_split(text: str, default: str) -> tuple[str, str]:
    """`[html]<b>Hi</b>` → ("html", "<b>Hi</b>"). Without a marker the text has the `default` format."""
    text = text.strip()
    match = _FORMAT.match(text)
    if match:
        return match.group(1), text[match.end() :]
    return default, text


def _finish(text: str, text_format: str) -> str:
    text = text.translate(_RESTORE)
    return html_to_text(text) if text_format == "html" else text.strip()


def _text(text: str, default_format: str) -> str:
    """A finished text: its own format marker (or `default_format`) decides whether it is HTML."""
    text_format, text = _format_split(text, default_format)
    return _finish(text, text_format)


def _blocks(text: str):
    """(first line number, lines) for each run of non-blank lines, comment lines left out."""
    lines, start = [], None
    # Lines end at line ends only, as in Moodle: splitlines() would also end them at a vertical tab, a form feed or
    # a Unicode line separator, which can stand in a question's text (and then start a comment, or a new question).
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            if lines:
                yield start, lines
            lines, start = [], None
        elif not stripped.startswith("//"):
            if start is None:
                start = number
            lines.append(line)
    if lines:
        yield start, lines


def parse(data: bytes) -> ParsedFile:
    """Every question of a GIFT file, in order; those we cannot import carry a `problem`."""
    text = text_decode(data)
    questions: list[ParsedQuestion] = []
    category = None
    for line, lines in _blocks(text):
        if lines[0].strip().startswith("$CATEGORY:"):
            category = category_path_split(lines[0].strip()[len("$CATEGORY:") :]) or None
            lines, line = lines[1:], line + 1
            if not lines:
                continue
        question = _question_parse(_protect("\n".join(lines).strip()), line=line)
        question.category = category
        questions.append(question)
    if not questions or all(question.qtype == "description" for question in questions):
        raise ImportFileError(
            gettext(
                "No question found in this file. GIFT questions put their answers in braces: "
                "What is 2 + 2? {=4 ~5}. Is the format right?"
            )
        )
    return ParsedFile(questions=questions)


def _question_parse(text: str, *, line: int) -> ParsedQuestion:
    name = ""
    if text.startswith("::"):
        text = text[2:]
        end = text.find("::")
        if end != -1:
            name, text = _finish(text[:end], "plain"), text[end + 2 :].strip()
    question = ParsedQuestion(line=line, qtype="multichoice", name=name)
    start, end = text.find("{"), text.find("}")
    if start == -1 and end == -1:
        question.qtype = "description"
        question.text = _text(text, "moodle")
        question.problem = gettext("it has no answers in { }: a description is not a question")
        return question
    if start == -1 or end == -1 or end < start:
        question.text = _finish(text, "plain")
        question.qtype = "question"
        question.problem = gettext("its answers are not enclosed in { and }")
        return question
    before, answers, after = text[:start], text[start + 1 : end], text[end + 1 :]
    if "{" in after or "}" in after:
        question.text = _finish(before, "plain")
        question.qtype = "question"
        question.problem = gettext("it has more than one { } answer block: separate questions with a blank line")
        return question
    # Text after the answers makes a "missing word" question: the answers fill the blank, as in Moodle.
    text_format, question_text = _format_split(before + "_____" + after if after.strip() else before, "moodle")
    question.text = _finish(question_text, text_format)
    general_feedback = ""
    if "####" in answers:
        answers, _, general_feedback = answers.rpartition("####")
    question.explanation = _text(general_feedback, text_format)
    answers = answers.strip()
    question.qtype = _question_type(answers)
    if question.qtype == "essay":
        question.kind = "essay"
    elif question.qtype == "multichoice":
        _multichoice_parse(question, answers, text_format)
    elif question.qtype == "truefalse":
        _true_false_parse(question, answers, text_format)
    else:
        question.problem = UNSUPPORTED % {"label": question.type_label}
    return question


def _question_type(answers: str) -> str:
    """Moodle's rules, in Moodle's order."""
    if not answers:
        return "essay"
    if answers.startswith("#"):
        return "numerical"
    if "~" in answers:
        return "multichoice"
    if "=" in answers and "->" in answers:
        return "match"
    if answers.split("#", 1)[0].strip() in _TRUE_FALSE:
        return "truefalse"
    return "shortanswer"


def _multichoice_parse(question: ParsedQuestion, answers: str, text_format: str) -> None:
    # One right answer written with "=" makes a one-answer question; weights alone make a several-answer one.
    question.kind = "single" if "=" in answers else "multiple"
    for answer in answers.replace("=", "~=").split("~"):
        answer = answer.strip()
        if not answer and not question.choices:
            continue  # the text before the first ~ or =
        fraction = ZERO
        if answer.startswith("="):
            fraction, answer = ONE, answer[1:]
        elif match := _WEIGHT.match(answer):
            try:
                fraction = fraction_parse(match.group(1))
            except ValueError as error:
                question.problem = gettext("an answer's weight is wrong: %(error)s") % {"error": error}
                return
            answer = answer[match.end() :]
        answer, _, feedback = answer.partition("#")
        question.choices.append(
            ParsedChoice(
                text=_text(answer, text_format),
                fraction=fraction,
                feedback=_text(feedback, text_format),
            )
        )


def _true_false_parse(question: ParsedQuestion, answers: str, text_format: str) -> None:
    # {TRUE#feedback when wrong#feedback when right}: Moodle's order.
    answer, wrong, right = ([*answers.split("#", 2), "", ""])[:3]
    is_true = _TRUE_FALSE[answer.strip()]
    wrong, right = _text(wrong, text_format), _text(right, text_format)
    question.kind = "true_false"
    question.choices = [
        ParsedChoice(text="True", fraction=ONE if is_true else ZERO, feedback=right if is_true else wrong),
        ParsedChoice(text="False", fraction=ZERO if is_true else ONE, feedback=wrong if is_true else right),
    ]


# Writing.

_RESERVED = str.maketrans({"\\": "\\\\", "#": "\\#", "=": "\\=", "~": "\\~", "{": "\\{", "}": "\\}", ":": "\\:"})


def _escape(text: str, *, marked: bool = True) -> str:
    """`text` with GIFT's reserved characters escaped, on one line. A `marked` text (any but a question's name) may
    start with a format marker, which the reader strips."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_RESERVED).replace("\n", "\\n")
    # A text that itself starts like a format marker keeps it: the reader strips one marker only.
    return f"[moodle]{text}" if marked and _FORMAT.match(text) else text


def _choice_line(choice: ParsedChoice, *, single: bool) -> str:
    if single and choice.fraction == ONE:
        prefix = "="
    elif choice.fraction == ZERO and not choice.text.startswith("%"):
        prefix = "~"
    else:
        prefix = f"~%{fraction_percent(choice.fraction)}%"
    feedback = f"#{_escape(choice.feedback)}" if choice.feedback else ""
    return f"\t{prefix}{_escape(choice.text)}{feedback}\n"


def _question_write(question: ParsedQuestion) -> str:
    head = f"::{_escape(question.name, marked=False)}::" if question.name else ""
    text = _escape(question.text)
    # A line starting with // is a comment: a question text that starts so is kept behind a format marker.
    head += f"[moodle]{text}" if not head and text.startswith("//") else text
    general = f"####{_escape(question.explanation)}" if question.explanation else ""
    if question.kind == "essay":
        return f"{head}{{{general}}}\n"
    if question.kind == "true_false":
        by_text = {choice.text.strip().lower(): choice for choice in question.choices}
        is_true = by_text["true"].fraction > 0
        right, wrong = (by_text["true"], by_text["false"]) if is_true else (by_text["false"], by_text["true"])
        feedback = ""
        if wrong.feedback or right.feedback:
            feedback = f"#{_escape(wrong.feedback)}"
        if right.feedback:
            feedback += f"#{_escape(right.feedback)}"
        return f"{head}{{{'TRUE' if is_true else 'FALSE'}{feedback}{general}}}\n"
    single = question.kind == "single"
    body = "".join(_choice_line(choice, single=single) for choice in question.choices)
    if general:
        body += f"\t{general}\n"
    return f"{head}{{\n{body}}}\n"


def serialize(questions: list[ParsedQuestion], category_descriptions: dict | None = None) -> str:
    """GIFT text for `questions` (single, multiple, true_false and essay kinds), with a $CATEGORY line whenever
    the category changes. GIFT has no place for category descriptions; `category_descriptions` is ignored."""
    parts, current = [], None
    for question in questions:
        if question.category != current:
            current = question.category
            parts.append(f"$CATEGORY: {category_path_join(current or ())}\n")
        parts.append(_question_write(question))
    return "\n".join(parts)
