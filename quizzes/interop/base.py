"""What the GIFT and Moodle XML readers produce and the writers consume: plain dataclasses, no database."""

import html
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext, gettext_lazy

from quizzes.grading import choice_fractions

FRACTION_PLACES = Decimal("0.00001")  # Choice.fraction has five decimal places
ONE, ZERO = Decimal(1), Decimal(0)

# The Moodle question types we map to a Question.Kind, and readable names for the report (Moodle's own names of
# its question types, as its admin shows them).
TYPE_LABELS = {
    "multichoice": gettext_lazy("multiple choice"),
    "truefalse": gettext_lazy("true/false"),
    "essay": gettext_lazy("essay"),
    "match": gettext_lazy("matching"),
    "numerical": gettext_lazy("numerical"),
    "shortanswer": gettext_lazy("short answer"),
    # Translators: Moodle's "embedded answers" question type (gaps to fill in a text).
    "multianswer": gettext_lazy("cloze"),
    "description": gettext_lazy("description"),
    "calculated": gettext_lazy("calculated"),
    "calculatedsimple": gettext_lazy("calculated"),
    "calculatedmulti": gettext_lazy("calculated multiple choice"),
    "ddwtos": gettext_lazy("drag and drop into text"),
    "ddimageortext": gettext_lazy("drag and drop onto image"),
    "ddmarker": gettext_lazy("drag and drop markers"),
    "gapselect": gettext_lazy("select missing words"),
    "randomsamatch": gettext_lazy("random short-answer matching"),
    "random": gettext_lazy("random"),
}
KIND_LABELS = {
    "single": gettext_lazy("multiple choice, one answer"),
    "multiple": gettext_lazy("multiple choice, several answers"),
    "true_false": gettext_lazy("true/false"),
    "essay": gettext_lazy("essay"),
}
# Moodle prefixes a category path with its context ($course$, $system$...) and the context's "top" category.
CONTEXT_PREFIXES = {"$system$", "$course$", "$coursecategory$", "$module$", "$cat1$", "$cat2$", "$cat3$", "$cat4$"}


class ImportFileError(Exception):
    """The whole file is refused (not UTF-8, not XML, no question...); the message says why."""


@dataclass
class ParsedChoice:
    text: str
    fraction: Decimal
    feedback: str = ""

    @property
    def is_correct(self) -> bool:
        return self.fraction > 0


@dataclass
class ParsedQuestion:
    """One question read from a file. `kind` is None when we cannot import it; `problem` then says why."""

    line: int
    qtype: str  # the Moodle type name ("multichoice", "match"...), used in reports
    name: str = ""
    text: str = ""
    kind: str | None = None
    choices: list[ParsedChoice] = field(default_factory=list)
    explanation: str = ""
    category: tuple[str, ...] | None = None  # None: the file names no category for it
    problem: str = ""

    @property
    def type_label(self) -> str:
        return TYPE_LABELS.get(self.qtype, self.qtype)

    @property
    def kind_label(self) -> str:
        """What it becomes in the bank."""
        label = KIND_LABELS.get(self.kind, self.type_label)
        if self.scoring == "partial":
            # Translators: a question type, e.g. "multiple choice, several answers, partial credit".
            return gettext("%(kind)s, partial credit") % {"kind": label}
        return label

    @property
    def label(self) -> str:
        """The name, or the start of the text for an unnamed question."""
        if self.name:
            return self.name
        text = " ".join(self.text.split())
        return text if len(text) <= 40 else text[:39] + "…"

    @property
    def scoring(self) -> str:
        """Partial credit when some answer is worth more than nothing but less than everything."""
        if self.kind == "multiple" and any(ZERO < abs(choice.fraction) < ONE for choice in self.choices):
            return "partial"
        return "all_or_nothing"

    def report_line(self, reason: str | None = None) -> str:
        # Printed by the import_questions command only: command output stays English.
        return f'line {self.line}: {self.type_label} "{self.label}": {reason or self.problem}'


@dataclass
class Skipped:
    """A question left out of an import or an export, and why."""

    question: ParsedQuestion
    reason: str

    def __str__(self):
        return self.question.report_line(self.reason)


@dataclass
class ParsedFile:
    questions: list[ParsedQuestion]  # in file order, those we cannot import included (with `problem` set)
    category_descriptions: dict[tuple[str, ...], str] = field(default_factory=dict)


def text_decode(data: bytes) -> str:
    """The file as text. Question files are UTF-8 (Moodle writes nothing else); a byte-order mark is allowed. A NUL
    character is refused too: text files hold none (UTF-16 files and binary ones do), and PostgreSQL cannot store it."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            gettext(
                "The file is not UTF-8 text (byte %(position)d is not valid UTF-8). Save it as UTF-8 and try again."
            )
            % {"position": error.start + 1}
        ) from None
    if b"\x00" in data:
        raise ImportFileError(
            gettext(
                "The file is not UTF-8 text: byte %(position)d is a NUL character, as in a binary or UTF-16 file. "
                "Save it as UTF-8 and try again."
            )
            % {"position": data.index(b"\x00") + 1}
        )
    return text


def category_path_split(path: str) -> tuple[str, ...]:
    """`$course$/top/Code of conduct/Privacy` → ("Code of conduct", "Privacy"). Moodle writes "/" in a name as "//"."""
    parts = [part.replace("\0", "/").strip() for part in path.strip().replace("//", "\0").split("/")]
    parts = [part for part in parts if part]
    if parts and parts[0] in CONTEXT_PREFIXES:
        parts = parts[1:]
    if parts and parts[0] == "top":
        parts = parts[1:]
    return tuple(parts)


def category_path_join(names) -> str:
    """The path Moodle reads back into the course's question bank: `$course$/top/A/B`."""
    return "/".join(["$course$", "top", *(name.replace("/", "//") for name in names)])


def fraction_parse(percent: str) -> Decimal:
    """A Moodle weight in percent ("50", "-33.33333") as a Choice.fraction (0.5, -0.33333)."""
    try:
        value = Decimal(percent.strip()) / 100
    except InvalidOperation:
        raise ValueError(gettext("%(value)s is not a percentage") % {"value": repr(percent)}) from None
    if not value.is_finite() or not -ONE <= value <= ONE:
        raise ValueError(gettext("the weight %(weight)s%% is not between -100%% and 100%%") % {"weight": percent})
    return value.quantize(FRACTION_PLACES, rounding=ROUND_HALF_UP)


def fraction_percent(fraction: Decimal) -> str:
    """0.5 → "50", -0.33333 → "-33.333", 1 → "100"."""
    text = f"{Decimal(fraction) * 100:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def html_to_text(value: str) -> str:
    """Our question texts and feedback are plain text: keep the words of an HTML text, one paragraph a line."""
    value = re.sub(r"(?i)<br\s*/?>", "\n", value)
    value = re.sub(r"(?i)</(p|div|li|h[1-6])\s*>", "\n", value)
    value = re.sub(r"<[^>]*>", "", value)
    value = html.unescape(value).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in value.splitlines()]
    return "\n".join(line for line in lines if line).strip()


def export_fractions(question, choices) -> list[Decimal]:
    """The weight each option carries in an export, in the order of `choices`.

    A blank fraction means "from 'correct'": the right option of a one-answer question is worth everything. A
    several-answer question with partial credit shares one mark between its right options and takes the same
    share away for each wrong one (as grading does); the shares are rounded so that they still add up to 1.
    Moodle has no all-or-nothing several-answer type, so those export each right option at 100% and each wrong
    one at -100%: read back, they are all-or-nothing again (no weight between 0 and 1).
    """
    if question.kind != "multiple":
        return [
            Decimal(choice.fraction) if choice.fraction is not None else (ONE if choice.is_correct else ZERO)
            for choice in choices
        ]
    if question.scoring != "partial":
        return [ONE if choice.is_correct else -ONE for choice in choices]
    choices = list(choices)
    rounded = {
        pk: fraction.quantize(FRACTION_PLACES, rounding=ROUND_HALF_UP)
        for pk, fraction in choice_fractions(choices).items()  # the grading rule
    }
    right = [choice for choice in choices if choice.is_correct]
    if right and all(choice.fraction is None for choice in right):
        # Rounded shares of one mark (1/3 → 0.33333) must still add up to exactly one mark.
        rounded[right[-1].pk] += ONE - sum((rounded[choice.pk] for choice in right), ZERO)
    return [rounded[choice.pk] for choice in choices]
