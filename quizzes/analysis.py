"""Item analysis: how each question of a quiz performed in everyone's graded attempts. Reads only.

Three queries fetch every (attempt, question, credit) row, the pick count of every option and the questions with
their options, whatever the number of attempts; the statistics are then worked out in Python. That is fine up to
about 10^5 attempt questions per quiz; beyond that the sums (n, Σx, Σy, Σx², Σy², Σxy per question) would move
to SQL aggregates.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from .models import Attempt, AttemptQuestion, Choice, Question, Quiz


@dataclass(frozen=True)
class OptionStats:
    choice_id: int
    text: str
    is_correct: bool
    picks: int
    percent: float | None
    """Share of the attempts that had the question in which this option was picked; None without attempts."""


@dataclass(frozen=True)
class ItemStats:
    question_id: int
    text: str
    kind: str
    kind_label: str
    topic: str
    attempts: int
    """Graded attempts that included the question."""
    facility: float | None
    """Percent correct: the mean credit × 100. None without attempts."""
    discrimination: float | None
    """Pearson correlation of the question's credit with the rest of the attempt's score (the attempt's total
    credit minus this question's). None with fewer than two attempts or when either side never varies."""
    options: list[OptionStats] = field(default_factory=list)

    @property
    def has_options(self) -> bool:
        return self.kind != Question.Kind.ESSAY


def _correlation(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 2:
        return None
    try:
        return statistics.correlation(xs, ys)
    except statistics.StatisticsError:  # one side is constant
        return None


def _sort_key(item: ItemStats):
    """Most misunderstood first: lowest facility, then lowest discrimination; unanswered questions last."""
    return (
        item.facility is None,
        item.facility if item.facility is not None else 0.0,
        item.discrimination is None,
        item.discrimination if item.discrimination is not None else 0.0,
    )


def item_analysis(*, quiz: Quiz) -> list[ItemStats]:
    """One ItemStats per question put to a graded attempt of `quiz` or listed on it now, most misunderstood first.

    Only graded attempts (status "submitted") count: open ones and essays awaiting marking have no final credit.
    """
    graded = Q(attempt__quiz=quiz, attempt__status=Attempt.Status.SUBMITTED, credit__isnull=False)
    rows = list(AttemptQuestion.objects.filter(graded).values_list("attempt_id", "question_id", "credit"))
    picks = dict(
        AttemptQuestion.selected.through.objects.filter(
            attemptquestion__in=AttemptQuestion.objects.filter(graded).values("pk")
        )
        .values("choice_id")
        .annotate(n=Count("pk"))
        .values_list("choice_id", "n")
    )
    attempt_totals: dict[int, float] = defaultdict(float)
    credits_by_question: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for attempt_id, question_id, credit in rows:
        attempt_totals[attempt_id] += float(credit)
        credits_by_question[question_id].append((attempt_id, float(credit)))

    question_ids = set(credits_by_question) | set(quiz.quiz_questions.values_list("question_id", flat=True))
    questions = Question.objects.filter(pk__in=question_ids).prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("sort_order", "pk"))
    )
    items = []
    for question in questions:
        answered = credits_by_question.get(question.pk, [])
        attempts = len(answered)
        credits = [credit for _attempt_id, credit in answered]
        rest = [attempt_totals[attempt_id] - credit for attempt_id, credit in answered]
        options = [
            OptionStats(
                choice_id=choice.pk,
                text=choice.text,
                is_correct=choice.is_correct,
                picks=picks.get(choice.pk, 0),
                percent=picks.get(choice.pk, 0) * 100 / attempts if attempts else None,
            )
            for choice in question.choices.all()
        ]
        items.append(
            ItemStats(
                question_id=question.pk,
                text=question.text,
                kind=question.kind,
                kind_label=question.get_kind_display(),
                topic=question.topic,
                attempts=attempts,
                facility=statistics.fmean(credits) * 100 if credits else None,
                discrimination=_correlation(credits, rest),
                options=options,
            )
        )
    return sorted(items, key=lambda item: (_sort_key(item), item.question_id))


def item_analysis_quizzes():
    """Every quiz with its number of graded attempts (`graded_attempts`), for the quiz picker."""
    return Quiz.objects.annotate(
        graded_attempts=Count("attempts", filter=Q(attempts__status=Attempt.Status.SUBMITTED))
    ).order_by("title", "pk")


def graded_attempt_count(*, quiz: Quiz) -> int:
    return quiz.attempts.filter(status=Attempt.Status.SUBMITTED).count()
