"""Reads for the quiz pages. Nothing a learner receives says which answer is right until the review allows it."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from .models import Attempt, AttemptQuestion, Question, Quiz


@dataclass
class ChoiceReview:
    text: str
    chosen: bool
    correct: bool
    feedback: str


@dataclass
class QuestionView:
    item_id: int
    question_id: int
    position: int
    kind: str
    scenario: str
    text: str
    choices: list[tuple[int, str]]
    selected: set[int] = field(default_factory=set)
    response_text: str = ""
    error: str = ""
    checked: bool = False
    # Filled only once the learner has checked this question (review after each question).
    correct: bool | None = None
    review: list[ChoiceReview] = field(default_factory=list)
    explanation: str = ""

    @property
    def is_essay(self) -> bool:
        return self.kind == Question.Kind.ESSAY

    @property
    def right_texts(self) -> list[str]:
        return [choice.text for choice in self.review if choice.correct]

    @property
    def input_type(self) -> str:
        return "checkbox" if self.kind == Question.Kind.MULTIPLE else "radio"


def _ordered_choices(item: AttemptQuestion) -> list:
    choices = {choice.pk: choice for choice in item.question.choices.all()}
    ordered = [choices.pop(pk) for pk in item.choice_order if pk in choices]
    return ordered + sorted(choices.values(), key=lambda choice: (choice.sort_order, choice.pk))


def _choice_review(choices, chosen_ids: set[int]) -> list[ChoiceReview]:
    return [
        ChoiceReview(
            text=choice.translated("text"),
            chosen=choice.pk in chosen_ids,
            correct=choice.is_correct,
            feedback=choice.translated("feedback") if choice.pk in chosen_ids else "",
        )
        for choice in choices
    ]


def attempt_questions(*, attempt: Attempt, answers=None, errors=None) -> list[QuestionView]:
    """The attempt's questions as put to the learner, with their saved answers (or `answers` being re-shown)."""
    items = attempt.items.select_related("question").prefetch_related("question__choices", "selected")
    errors = errors or {}
    views = []
    for item in items:
        choices = _ordered_choices(item)
        if answers is not None and not item.checked_at:
            posted = answers.get(item.question_id)
            selected = set(posted.choice_ids) if posted else set()
            response_text = posted.text if posted else ""
        else:
            selected = {choice.pk for choice in item.selected.all()}
            response_text = item.response_text
        view = QuestionView(
            item_id=item.pk,
            question_id=item.question_id,
            position=item.position,
            kind=item.question.kind,
            scenario=item.question.translated("scenario"),
            text=item.question.translated("text"),
            choices=[(choice.pk, choice.translated("text")) for choice in choices],
            selected=selected,
            response_text=response_text,
            error=errors.get(item.question_id, ""),
            checked=bool(item.checked_at),
        )
        if item.checked_at:
            view.correct = item.credit == 1
            view.review = _choice_review(choices, selected)
            view.explanation = item.question.translated("explanation")
        views.append(view)
    return views


@dataclass
class ReviewItem:
    position: int
    kind: str
    scenario: str
    text: str
    topic: str
    credit: Decimal | None
    choices: list[ChoiceReview]
    response_text: str
    marker_comment: str
    explanation: str

    @property
    def correct(self) -> bool:
        return self.credit == 1

    @property
    def percent(self) -> int | None:
        return None if self.credit is None else round(self.credit * 100)


def review_allowed(attempt: Attempt) -> bool:
    return attempt.status != Attempt.Status.IN_PROGRESS and attempt.quiz.review_mode != Quiz.ReviewMode.NEVER


def attempt_review(*, attempt: Attempt) -> list[ReviewItem]:
    """Question-by-question outcome of a submitted attempt, as far as the quiz's review option allows."""
    if not review_allowed(attempt):
        return []
    items = attempt.items.select_related("question").prefetch_related("question__choices", "selected")
    review = []
    for item in items:
        chosen = {choice.pk for choice in item.selected.all()}
        review.append(
            ReviewItem(
                position=item.position,
                kind=item.question.kind,
                scenario=item.question.translated("scenario"),
                text=item.question.translated("text"),
                topic=item.question.topic,
                credit=item.credit,
                choices=_choice_review(_ordered_choices(item), chosen),
                response_text=item.response_text,
                marker_comment=item.marker_comment,
                explanation=item.question.translated("explanation"),
            )
        )
    return review


def wrong_topics(*, attempt: Attempt) -> list[str]:
    """Topics of the questions the learner got wrong: what to read again (shown even when answers are not)."""
    return sorted(
        set(attempt.items.filter(credit__lt=1).exclude(question__topic="").values_list("question__topic", flat=True))
    )


@dataclass
class CategoryProgress:
    category: str
    questions_answered: int
    percent: int


def learner_category_progress(*, user) -> list[CategoryProgress]:
    """Score per question category across all the learner's graded answers (django-quiz's progress page)."""
    rows = (
        AttemptQuestion.objects.filter(attempt__user=user, credit__isnull=False)
        .exclude(attempt__status=Attempt.Status.IN_PROGRESS)
        .values("question__category_id", "question__category__name")
        .annotate(answered=Count("pk"), earned=Sum("credit"))
        .order_by("question__category__name")
    )
    return [
        CategoryProgress(
            # Translators: the category of questions that are in no question-bank category.
            category=row["question__category__name"] or _("Uncategorised"),
            questions_answered=row["answered"],
            percent=round(100 * row["earned"] / row["answered"]),
        )
        for row in rows
    ]


def learner_attempt_history(*, user):
    return (
        Attempt.objects.filter(user=user)
        .exclude(status=Attempt.Status.IN_PROGRESS)
        .select_related("quiz")
        .order_by("-submitted_at")
    )


def essays_to_mark():
    """Written answers in submitted attempts that nobody has marked yet, oldest first."""
    return (
        AttemptQuestion.objects.filter(
            question__kind=Question.Kind.ESSAY, credit__isnull=True, attempt__status=Attempt.Status.AWAITING_MARKING
        )
        .select_related("question", "attempt__quiz", "attempt__user")
        .order_by("attempt__submitted_at", "position")
    )
