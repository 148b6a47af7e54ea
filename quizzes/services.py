"""Starting, submitting and grading quiz attempts. Grading happens here, on the server, only."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from .models import Attempt, AttemptQuestion, Choice, Question


class QuizError(Exception):
    """A request the learner can fix or should be told about; the message is shown to them."""


class AttemptNotFound(QuizError):
    pass


class AttemptAlreadySubmitted(QuizError):
    pass


class QuizLocked(QuizError):
    pass


@dataclass
class AnswerErrors(QuizError):
    """Per-question problems with a submission; nothing was saved."""

    errors: dict[int, str]

    def __str__(self):
        return "Some answers need your attention; nothing was submitted."


def attempt_start(*, user, quiz, enrolment=None) -> Attempt:
    """Return the learner's open attempt at `quiz`, or open a new one with its questions in order."""
    open_attempt = Attempt.objects.filter(user=user, quiz=quiz, status=Attempt.Status.IN_PROGRESS).first()
    if open_attempt:
        return open_attempt
    questions = list(quiz.quiz_questions.order_by("sort_order", "pk").values_list("question_id", flat=True))
    if not questions:
        raise QuizLocked("This quiz has no questions yet.")
    try:
        with transaction.atomic():
            last = Attempt.objects.filter(user=user, quiz=quiz).aggregate(n=Max("number"))["n"] or 0
            attempt = Attempt.objects.create(user=user, quiz=quiz, enrolment=enrolment, number=last + 1)
            AttemptQuestion.objects.bulk_create(
                AttemptQuestion(attempt=attempt, question_id=question_id, position=position)
                for position, question_id in enumerate(questions, start=1)
            )
    except IntegrityError:
        # Opened at the same moment in another tab: use that attempt.
        return Attempt.objects.get(user=user, quiz=quiz, status=Attempt.Status.IN_PROGRESS)
    return attempt


def _validate_answers(items, answers: dict[int, list[int]]) -> dict[int, set[int]]:
    choices_by_question: dict[int, dict[int, Choice]] = {}
    for choice in Choice.objects.filter(question_id__in=[item.question_id for item in items]):
        choices_by_question.setdefault(choice.question_id, {})[choice.pk] = choice
    known_questions = {item.question_id for item in items}
    unknown = set(answers) - known_questions
    if unknown:
        raise QuizError("The answers do not match this attempt's questions. Reload the page and try again.")
    errors: dict[int, str] = {}
    selections: dict[int, set[int]] = {}
    for item in items:
        chosen = set(answers.get(item.question_id) or [])
        valid = choices_by_question.get(item.question_id, {})
        if not chosen:
            errors[item.question_id] = "Please answer this question."
        elif not chosen <= set(valid):
            errors[item.question_id] = "That answer is not one of this question's options."
        elif item.question.kind != Question.Kind.MULTIPLE and len(chosen) > 1:
            errors[item.question_id] = "Choose one answer only."
        else:
            selections[item.question_id] = chosen
    if errors:
        raise AnswerErrors(errors)
    return selections


def question_credit(*, question, correct_ids: set[int], chosen_ids: set[int]) -> Decimal:
    """1 for a fully right answer, 0 otherwise: several-answer questions are all-or-nothing."""
    return Decimal(1) if chosen_ids == correct_ids else Decimal(0)


@transaction.atomic
def attempt_submit(*, user, attempt_id: int, answers: dict[int, list[int]]) -> Attempt:
    """Grade and close an attempt. The attempt row is locked, so a double submit grades once."""
    try:
        attempt = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("quiz", "enrolment")
            .get(pk=attempt_id, user=user)
        )
    except Attempt.DoesNotExist:
        raise AttemptNotFound("This quiz attempt does not exist.") from None
    if attempt.status != Attempt.Status.IN_PROGRESS:
        raise AttemptAlreadySubmitted("This attempt has already been submitted; your result is below.")
    items = list(attempt.items.select_related("question"))
    selections = _validate_answers(items, answers)
    correct = {}
    for choice_id, question_id in Choice.objects.filter(question_id__in=selections, is_correct=True).values_list(
        "pk", "question_id"
    ):
        correct.setdefault(question_id, set()).add(choice_id)
    total = Decimal(0)
    for item in items:
        chosen = selections[item.question_id]
        item.credit = question_credit(
            question=item.question, correct_ids=correct.get(item.question_id, set()), chosen_ids=chosen
        )
        item.save(update_fields=["credit"])
        item.selected.set(chosen)
        total += item.credit
    attempt.score = (total * 100 / len(items)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    attempt.passed = attempt.score >= attempt.quiz.pass_mark
    attempt.status = Attempt.Status.SUBMITTED
    attempt.submitted_at = timezone.now()
    attempt.full_clean()
    attempt.save()
    if attempt.passed and attempt.enrolment_id:
        from training.services import enrolment_complete

        enrolment_complete(enrolment=attempt.enrolment, attempt=attempt)
    return attempt


def parse_answers(post) -> dict[int, list[int]]:
    """Answers from a form post (`q<question id>` → choice ids). Anything malformed is a QuizError."""
    answers: dict[int, list[int]] = {}
    for key in post:
        if not key.startswith("q"):
            continue
        try:
            question_id = int(key[1:])
            answers[question_id] = [int(value) for value in post.getlist(key)]
        except ValueError:
            raise QuizError("The answers could not be read. Reload the page and try again.") from None
    return answers
