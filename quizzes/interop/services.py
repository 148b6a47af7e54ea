"""Writing imported questions into the bank, and reading the bank out for an export."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext

from ..models import Category, Choice, Question, Quiz, QuizQuestion
from . import serialize
from .base import ParsedChoice, ParsedFile, ParsedQuestion, Skipped, category_path_split, export_fractions, html_to_text

CATEGORY_NAME_MAX = Category._meta.get_field("name").max_length
# Answers one imported question may have: more is no question a learner could read.
MAX_CHOICES = 100


@dataclass
class ImportResult:
    imported: list[Question] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class ImportCheck:
    """What an import would do: the questions it would write (with their categories) and those it would skip."""

    importable: list[tuple[ParsedQuestion, tuple[str, ...]]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class ExportResult:
    text: str
    exported: int = 0
    skipped: list[str] = field(default_factory=list)


def _choices_problem(parsed: ParsedQuestion) -> str:
    if parsed.kind == "essay":
        return ""
    if len(parsed.choices) < 2:
        return gettext("it needs at least two answers")
    if len(parsed.choices) > MAX_CHOICES:
        return gettext("it has %(count)d answers; a question may have at most %(max)d") % {
            "count": len(parsed.choices),
            "max": MAX_CHOICES,
        }
    if any(not choice.text for choice in parsed.choices):
        return gettext("an answer has no text")
    if not any(choice.is_correct for choice in parsed.choices):
        return gettext("no answer is right (none has a weight above 0%)")
    return ""


def _question_build(parsed: ParsedQuestion) -> tuple[Question, list[Choice]]:
    """Unsaved rows for `parsed`, validated; ValidationError when one would not fit the bank."""
    question = Question(
        name=parsed.name,
        kind=parsed.kind,
        text=parsed.text,
        scoring=parsed.scoring,
        explanation=parsed.explanation,
    )
    question.full_clean(exclude=["category"])
    choices = [
        Choice(text=choice.text, is_correct=choice.is_correct, fraction=choice.fraction, feedback=choice.feedback)
        for choice in parsed.choices
    ]
    for choice in choices:
        choice.full_clean(exclude=["question"])
    return question, choices


def _validation_text(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    return " ".join(error.messages)


def _target_category(category: Category | str | None) -> tuple[str, ...]:
    if isinstance(category, Category):
        return tuple(category.path_names())
    return category_path_split(category or "")


def questions_check(*, parsed: ParsedFile, category: Category | str | None = None) -> ImportCheck:
    """What questions_import() would write and skip, without writing anything: the admin's preview.

    `category` (a Category or a path such as "Code of conduct/Privacy") is where questions go when the file names
    no category for them.
    """
    default_path = _target_category(category)
    check = ImportCheck()
    for question in parsed.questions:
        problem = question.problem or _choices_problem(question)
        path = question.category if question.category is not None else default_path
        if not problem and any(len(name) > CATEGORY_NAME_MAX for name in path):
            problem = gettext("a category name is longer than %(max)d characters") % {"max": CATEGORY_NAME_MAX}
        if not problem:
            try:
                _question_build(question)
            except ValidationError as error:
                problem = _validation_text(error)
        if problem:
            check.skipped.append(Skipped(question=question, reason=problem))
        else:
            check.importable.append((question, path))
    return check


def category_ensure(path: tuple[str, ...], *, descriptions: dict | None = None) -> Category | None:
    """The category at `path` ("A", "B" is B inside A), made where missing. None for an empty path."""
    descriptions = descriptions or {}
    category = None
    for depth in range(1, len(path) + 1):
        category, _ = Category.objects.get_or_create(
            parent=category, name=path[depth - 1], defaults={"description": descriptions.get(path[:depth], "")}
        )
    return category


def category_find(path: str) -> Category | None:
    """The existing category at `path` ("A/B"), or None."""
    category = None
    for name in category_path_split(path):
        category = Category.objects.filter(parent=category, name=name).first()
        if category is None:
            return None
    return category


@transaction.atomic
def questions_import(
    *, parsed: ParsedFile, category: Category | str | None = None, quiz: Quiz | None = None
) -> ImportResult:
    """Write every question of `parsed` that fits the bank, each with all its answers, in one transaction.

    Questions go into the category the file names (made where missing, reused where it exists), else into
    `category`. With a `quiz`, every imported question is also appended to it, in file order. The others are
    returned as skipped, with the reason.
    """
    check = questions_check(parsed=parsed, category=category)
    result = ImportResult(skipped=check.skipped)
    categories: dict[tuple[str, ...], Category | None] = {}
    position = 0
    if quiz is not None:
        position = quiz.quiz_questions.aggregate(last=Max("sort_order"))["last"] or 0
    for parsed_question, path in check.importable:
        if path not in categories:
            categories[path] = category_ensure(path, descriptions=parsed.category_descriptions)
        question, choices = _question_build(parsed_question)
        question.category = categories[path]
        question.full_clean()
        question.save()
        for sort_order, choice in enumerate(choices):
            choice.question = question
            choice.sort_order = sort_order
            choice.save()
        if quiz is not None:
            position += 1
            QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=position)
        result.imported.append(question)
    return result


def _question_for_export(question: Question, paths: dict) -> ParsedQuestion:
    choices = list(question.choices.all())
    text, kind = question.text, question.kind
    if kind == Question.Kind.SCENARIO:
        # Moodle has no scenario type: the case is exported as a one-answer multiple-choice question whose text
        # starts with the case. Read back, it is a "single" question.
        text, kind = f"{html_to_text(question.scenario)}\n\n{text}".strip(), Question.Kind.SINGLE
    answers = sorted(choice.text.strip().lower() for choice in choices)
    if kind == Question.Kind.TRUE_FALSE and answers != ["false", "true"]:
        # GIFT and Moodle XML true/false answers are "true" and "false": other wording stays multiple choice.
        kind = Question.Kind.SINGLE
    fractions = export_fractions(question, choices) if kind != Question.Kind.ESSAY else []
    return ParsedQuestion(
        line=0,
        qtype=question.get_kind_display(),
        name=question.name,
        text=text,
        kind=kind,
        choices=[
            ParsedChoice(text=choice.text, fraction=fraction, feedback=choice.feedback)
            for choice, fraction in zip(choices, fractions, strict=True)
        ],
        explanation=question.explanation,
        category=paths[question.category_id] if question.category_id else None,
    )


def _category_paths() -> tuple[dict[int, tuple[str, ...]], dict[tuple[str, ...], str]]:
    """Every category's path, and every path's description, from one query."""
    rows = {row["pk"]: row for row in Category.objects.values("pk", "name", "parent_id", "description")}
    paths: dict[int, tuple[str, ...]] = {}
    for pk in rows:
        names, node, seen = [], rows.get(pk), set()
        while node is not None and node["pk"] not in seen:
            seen.add(node["pk"])
            names.append(node["name"])
            node = rows.get(node["parent_id"])
        paths[pk] = tuple(reversed(names))
    return paths, {paths[pk]: rows[pk]["description"] for pk in rows}


def questions_export(*, file_format: str, quiz: Quiz | None = None, category: Category | None = None) -> ExportResult:
    """The questions of `quiz` (in its order) and/or of `category` and the categories inside it, or the whole
    bank when neither is given, as GIFT or Moodle XML text. A question that cannot be written is reported."""
    paths, descriptions = _category_paths()
    questions = Question.objects.prefetch_related("choices")
    if category is not None:
        inside = tuple(category.path_names())
        within = [pk for pk, path in paths.items() if path[: len(inside)] == inside]
        questions = questions.filter(category_id__in=within)
    if quiz is not None:
        order = {link.question_id: link.sort_order or 0 for link in quiz.quiz_questions.all()}
        questions = sorted(questions.filter(pk__in=order), key=lambda question: (order[question.pk], question.pk))
    else:
        questions = sorted(questions, key=lambda question: (paths.get(question.category_id, ()), question.pk))
    exported, skipped = [], []
    for question in questions:
        parsed = _question_for_export(question, paths)
        problem = _choices_problem(parsed)
        if problem:
            # Printed by the export_questions command only: command output stays English.
            skipped.append(f'question {question.pk} "{parsed.label}": {problem}')
        else:
            exported.append(parsed)
    return ExportResult(text=serialize(exported, file_format, descriptions), exported=len(exported), skipped=skipped)
