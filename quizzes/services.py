"""Starting, saving, submitting and grading quiz attempts. Grading happens here, on the server, only.

Every write to an open attempt locks its row and checks the attempt's sequence number, so a stale tab, a
double click or two submits at once can never lose an answer or grade an attempt twice.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from training.audit import Action, audit_record
from training.trees import ids_below

from .grading import attempt_score, question_credit, quiz_grade
from .models import Attempt, AttemptQuestion, Category, Choice, Question, Quiz

MAX_ESSAY_CHARS = 20_000
# What storing an answer sets on an AttemptQuestion (besides its chosen options).
ANSWER_FIELDS = ["response_text", "answered_at"]


class QuizError(Exception):
    """A request the learner can fix or should be told about; the message is shown to them."""


class AttemptNotFound(QuizError):
    pass


class AttemptAlreadySubmitted(QuizError):
    pass


class QuizLocked(QuizError):
    """No attempt can be started now (draft quiz, attempts used up, cooling down, no questions)."""


class StaleAttempt(QuizError):
    """The change came from a page that no longer shows the attempt as it is (another tab saved since)."""


class TimeUp(QuizError):
    """The time limit ran out; the attempt was submitted with the answers saved before it did."""


@dataclass
class AnswerErrors(QuizError):
    """Per-question problems with a submission; nothing was saved."""

    errors: dict[int, str] = field(default_factory=dict)

    def __str__(self):
        return _("Some answers need your attention; nothing was submitted.")


class Option(NamedTuple):
    """What grading needs of an answer option (plain tuples: a submit reads dozens of them)."""

    pk: int
    is_correct: bool
    fraction: Decimal | None


@dataclass(frozen=True)
class Answer:
    choice_ids: frozenset[int] = frozenset()
    text: str = ""

    @property
    def given(self) -> bool:
        return bool(self.choice_ids) or bool(self.text.strip())


def as_answer(value) -> Answer:
    """An Answer as it is, or one from a plain collection of option ids."""
    return value if isinstance(value, Answer) else Answer(choice_ids=frozenset(value))


STALE_MESSAGE = gettext_lazy(
    "This attempt was changed in another window or tab, so this change was not saved. "
    "Reload the page to continue from your latest answers."
)


# Starting


def attempt_question_ids(*, quiz: Quiz, rng: random.Random) -> list[int]:
    """The questions one attempt gets: the quiz's own, then N drawn per category, ordered and capped."""
    chosen = list(quiz.quiz_questions.order_by("sort_order", "pk").values_list("question_id", flat=True))
    taken = set(chosen)
    for draw in quiz.category_draws.order_by("sort_order", "pk"):
        categories = ids_below(Category, draw.category_id) if draw.include_subcategories else {draw.category_id}
        pool = [
            pk
            for pk in Question.objects.filter(category_id__in=categories).order_by("pk").values_list("pk", flat=True)
            if pk not in taken
        ]
        picked = pool if draw.count is None else rng.sample(pool, min(draw.count, len(pool)))
        chosen.extend(picked)
        taken.update(picked)
    if quiz.question_order == Quiz.QuestionOrder.RANDOM:
        rng.shuffle(chosen)
    if quiz.max_questions:
        chosen = chosen[: quiz.max_questions]
    return chosen


def attempt_start(*, user, quiz: Quiz, enrolment=None, rng: random.Random | None = None, now=None) -> Attempt:
    """Return the learner's open attempt at `quiz`, or open a new one if the quiz's rules allow it."""
    now = now or timezone.now()
    rng = rng or random.Random()
    open_attempt = Attempt.objects.filter(user=user, quiz=quiz, status=Attempt.Status.IN_PROGRESS).first()
    if open_attempt:
        if not _time_is_up(open_attempt, quiz, now):
            return open_attempt
        attempt_close_if_time_is_up(attempt_id=open_attempt.pk, now=now)
    _check_can_start(user=user, quiz=quiz, enrolment=enrolment, now=now)
    question_ids = attempt_question_ids(quiz=quiz, rng=rng)
    if not question_ids:
        raise QuizLocked(_("This quiz has no questions yet."))
    choice_orders: dict[int, list[int]] = {}
    for question_id, choice_id in (
        Choice.objects.filter(question_id__in=question_ids)
        .order_by("question_id", "sort_order", "pk")
        .values_list("question_id", "pk")
    ):
        choice_orders.setdefault(question_id, []).append(choice_id)
    if quiz.shuffle_answers:
        for order in choice_orders.values():
            rng.shuffle(order)
    deadline = now + datetime.timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
    try:
        with transaction.atomic():
            last = Attempt.objects.filter(user=user, quiz=quiz).aggregate(n=Max("number"))["n"] or 0
            attempt = Attempt.objects.create(
                user=user, quiz=quiz, enrolment=enrolment, number=last + 1, deadline=deadline
            )
            AttemptQuestion.objects.bulk_create(
                AttemptQuestion(
                    attempt=attempt,
                    question_id=question_id,
                    position=position,
                    choice_order=choice_orders.get(question_id, []),
                )
                for position, question_id in enumerate(question_ids, start=1)
            )
    except IntegrityError:
        # Opened at the same moment in another tab: use that attempt.
        return Attempt.objects.get(user=user, quiz=quiz, status=Attempt.Status.IN_PROGRESS)
    return attempt


def attempts_left(*, user, quiz: Quiz, enrolment=None) -> int | None:
    """Attempts the learner may still start; counted per enrolment, so a recertification starts afresh."""
    if not quiz.max_attempts:
        return None
    finished = Attempt.objects.filter(user=user, quiz=quiz).exclude(status=Attempt.Status.IN_PROGRESS)
    if enrolment is not None:
        finished = finished.filter(enrolment=enrolment)
    finished = finished.count()
    return max(quiz.max_attempts - finished, 0)


def _check_can_start(*, user, quiz: Quiz, enrolment, now) -> None:
    if not quiz.is_published:
        raise QuizLocked(_("This quiz is not open yet."))
    if attempts_left(user=user, quiz=quiz, enrolment=enrolment) == 0:
        raise QuizLocked(
            ngettext(
                "You have used your %(count)d attempt at this quiz.",
                "You have used all %(count)d attempts at this quiz.",
                quiz.max_attempts,
            )
            % {"count": quiz.max_attempts}
        )
    if quiz.cooldown_minutes:
        last = (
            Attempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=False).order_by("-submitted_at").first()
        )
        if last:
            ready_at = last.submitted_at + datetime.timedelta(minutes=quiz.cooldown_minutes)
            if ready_at > now:
                raise QuizLocked(
                    _("You can start a new attempt from %(time)s.")
                    % {"time": date_format(timezone.localtime(ready_at), "DATETIME_FORMAT")}
                )


# Saving answers


def _time_is_up(attempt: Attempt, quiz: Quiz, now) -> bool:
    return bool(attempt.deadline and now > attempt.deadline + datetime.timedelta(seconds=quiz.grace_seconds))


def _locked_attempt(*, user, attempt_id: int) -> Attempt:
    try:
        attempt = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("quiz", "enrolment")
            .get(pk=attempt_id, user=user)
        )
    except Attempt.DoesNotExist:
        raise AttemptNotFound(_("This quiz attempt does not exist.")) from None
    attempt.user = user  # at hand: the audit trail names the learner without reading them again
    return attempt


def _open_attempt_for_change(*, user, attempt_id: int, sequence: int | None, now) -> tuple[Attempt, bool]:
    """Lock the attempt for a change. Returns (attempt, closed_by_clock)."""
    attempt = _locked_attempt(user=user, attempt_id=attempt_id)
    if not attempt.is_open:
        raise AttemptAlreadySubmitted(_("This attempt has already been submitted; your result is below."))
    if _time_is_up(attempt, attempt.quiz, now):
        _attempt_finalize(attempt=attempt, items=_items(attempt), now=now, automatic=True)
        return attempt, True
    if sequence is not None and sequence != attempt.sequence:
        raise StaleAttempt(str(STALE_MESSAGE))
    return attempt, False


def _items(attempt: Attempt) -> list[AttemptQuestion]:
    """The attempt's questions, each with `options`: its answer options, read for all questions in one query."""
    items = list(attempt.items.select_related("question"))
    options: dict[int, list[Option]] = defaultdict(list)
    for question_id, *option in (
        Choice.objects.filter(question_id__in={item.question_id for item in items})
        .order_by("sort_order", "pk")
        .values_list("question_id", "pk", "is_correct", "fraction")
    ):
        options[question_id].append(Option(*option))
    for item in items:
        item.options = options[item.question_id]
    return items


def _stored_choices(items: list[AttemptQuestion]) -> dict[int, set[int]]:
    """The option ids saved for each item, in one query."""
    chosen: dict[int, set[int]] = {item.pk: set() for item in items}
    through = AttemptQuestion.selected.through
    for item_id, choice_id in through.objects.filter(attemptquestion_id__in=list(chosen)).values_list(
        "attemptquestion_id", "choice_id"
    ):
        chosen[item_id].add(choice_id)
    return chosen


def _items_write(items: list[AttemptQuestion], fields: list[str]) -> None:
    """Write `fields` of many items with one UPDATE per distinct set of values: a submit's items mostly share
    their values (same credit, same time), and a plain UPDATE costs far less than a CASE per row."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for item in items:
        groups[tuple(getattr(item, name) for name in fields)].append(item.pk)
    for values, pks in groups.items():
        AttemptQuestion.objects.filter(pk__in=pks).update(**dict(zip(fields, values, strict=True)))


def _answer_error(item: AttemptQuestion, answer: Answer) -> str | None:
    question = item.question
    if question.kind == Question.Kind.ESSAY:
        if answer.choice_ids:
            return _("This question takes a written answer.")
        if len(answer.text) > MAX_ESSAY_CHARS:
            return _("Please keep your answer under %(limit)s characters.") % {
                "limit": number_format(MAX_ESSAY_CHARS, force_grouping=True)
            }
        return None
    if answer.text:
        return _("Choose from the options given.")
    valid = {choice.pk for choice in item.options}
    if not answer.choice_ids <= valid:
        return _("That answer is not one of this question's options.")
    if question.kind != Question.Kind.MULTIPLE and len(answer.choice_ids) > 1:
        return _("Choose one answer only.")
    return None


def _item_for(attempt: Attempt, items: list[AttemptQuestion], question_id: int) -> AttemptQuestion:
    for item in items:
        if item.question_id == question_id:
            return item
    raise QuizError(_("That question is not part of this attempt. Reload the page and try again."))


def _bump(attempt: Attempt) -> None:
    attempt.sequence += 1
    attempt.save(update_fields=["sequence"])


def attempt_save(*, user, attempt_id: int, sequence: int, question_id: int, answer: Answer, now=None) -> Attempt:
    """Autosave one answer. Returns the attempt with its new sequence number."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt, closed = _open_attempt_for_change(user=user, attempt_id=attempt_id, sequence=sequence, now=now)
        if not closed:
            item = _item_for(attempt, _items(attempt), question_id)
            if item.checked_at:
                raise QuizError(_("You have checked this answer already; it can no longer change."))
            error = _answer_error(item, answer)
            if error:
                raise AnswerErrors({question_id: error})
            _store_answers([item], {item.question_id: answer}, now)
            _items_write([item], ANSWER_FIELDS)
            _bump(attempt)
    if closed:
        raise TimeUp(_("Time is up: your attempt was submitted with the answers saved before the limit."))
    return attempt


def attempt_check(*, user, attempt_id: int, sequence: int | None, question_id: int, answer: Answer, now=None):
    """Save and lock one answer and grade it now (quizzes that review after each question)."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt, closed = _open_attempt_for_change(user=user, attempt_id=attempt_id, sequence=sequence, now=now)
        if not closed:
            if attempt.quiz.review_mode != Quiz.ReviewMode.AFTER_EACH:
                raise QuizError(_("This quiz shows the answers at the end."))
            item = _item_for(attempt, _items(attempt), question_id)
            if item.question.kind == Question.Kind.ESSAY:
                raise QuizError(_("Written answers are marked by a person after you submit."))
            if item.checked_at:
                raise QuizError(_("You have checked this answer already."))
            error = _answer_error(item, answer) or (None if answer.given else _("Answer the question before checking."))
            if error:
                raise AnswerErrors({question_id: error})
            _store_answers([item], {item.question_id: answer}, now)
            item.credit = _choice_credit(item, answer.choice_ids)
            item.checked_at = now
            _items_write([item], [*ANSWER_FIELDS, "credit", "checked_at"])
            _bump(attempt)
    if closed:
        raise TimeUp(_("Time is up: your attempt was submitted with the answers saved before the limit."))
    return attempt


# Submitting and grading


def attempt_submit(
    *, user, attempt_id: int, answers: dict[int, Answer], sequence: int | None = None, now=None
) -> Attempt:
    """Grade and close an attempt. Past the time limit (and its grace), only what was saved in time counts.

    `answers` maps question ids to an Answer (or simply to the chosen option ids).
    """
    now = now or timezone.now()
    answers = {question_id: as_answer(value) for question_id, value in answers.items()}
    with transaction.atomic():
        attempt, closed = _open_attempt_for_change(user=user, attempt_id=attempt_id, sequence=sequence, now=now)
        if closed:
            return attempt
        items = _items(attempt)
        if set(answers) - {item.question_id for item in items}:
            raise QuizError(_("The answers do not match this attempt's questions. Reload the page and try again."))
        # Once the time limit has passed (within the grace period) unanswered questions simply earn nothing.
        must_answer_all = not (attempt.deadline and now >= attempt.deadline)
        errors: dict[int, str] = {}
        for item in items:
            if item.checked_at:
                continue  # locked when the learner checked it
            answer = answers.get(item.question_id, Answer())
            error = _answer_error(item, answer)
            if not error and must_answer_all and not answer.given:
                error = _("Please answer this question.")
            if error:
                errors[item.question_id] = error
        if errors:
            raise AnswerErrors(errors)
        open_items = [item for item in items if not item.checked_at]
        chosen = _store_answers(open_items, answers, now)
        _attempt_finalize(attempt=attempt, items=items, now=now, automatic=False, chosen=chosen, answered=open_items)
    return attempt


def _store_answers(items: list[AttemptQuestion], answers: dict[int, Answer], now) -> dict[int, set[int]]:
    """Replace the chosen options of many questions in a fixed number of queries (a submit is the busiest moment)
    and set their ANSWER_FIELDS, which the caller writes. Returns the chosen option ids per item."""
    through = AttemptQuestion.selected.through
    chosen = {item.pk: set(answers.get(item.question_id, Answer()).choice_ids) for item in items}
    through.objects.filter(attemptquestion_id__in=list(chosen)).delete()
    through.objects.bulk_create(
        through(attemptquestion_id=item_id, choice_id=choice_id)
        for item_id, choice_ids in chosen.items()
        for choice_id in sorted(choice_ids)
    )
    for item in items:
        answer = answers.get(item.question_id, Answer())
        item.response_text = answer.text if item.question.kind == Question.Kind.ESSAY else ""
        item.answered_at = now if answer.given else None
    return chosen


def _choice_credit(item: AttemptQuestion, chosen_ids) -> object:
    question = item.question
    return question_credit(
        kind=question.kind, scoring=question.scoring, choices=item.options, chosen_ids=set(chosen_ids)
    )


def _attempt_finalize(
    *,
    attempt: Attempt,
    items: list[AttemptQuestion],
    now,
    automatic: bool,
    chosen: dict[int, set[int]] | None = None,
    answered: list[AttemptQuestion] = (),
) -> None:
    """Grade every question (essays wait for a marker) and close the attempt. `chosen` holds the option ids
    just stored for each item, `answered` the items whose ANSWER_FIELDS were just set; without `chosen` the
    stored selections are read."""
    if chosen is None:
        chosen = _stored_choices(items)
    awaiting = False
    for item in items:
        if item.question.kind == Question.Kind.ESSAY:
            if item.response_text.strip():
                awaiting = True
                continue
            item.credit = 0  # nothing written: nothing to mark
        elif not item.checked_at:
            item.credit = _choice_credit(item, chosen[item.pk])
    answered_ids = {item.pk for item in answered}
    _items_write([item for item in items if item.pk in answered_ids], [*ANSWER_FIELDS, "credit"])
    _items_write([item for item in items if item.pk not in answered_ids], ["credit"])
    attempt.submitted_at = now
    attempt.submitted_automatically = automatic
    # The learner submits; when the time ran out the system does.
    actor = None if automatic else attempt.user
    _attempt_audit(
        attempt,
        action=Action.ATTEMPT_SUBMITTED,
        actor=actor,
        old={"status": Attempt.Status.IN_PROGRESS},
        new={
            "status": Attempt.Status.AWAITING_MARKING if awaiting else Attempt.Status.SUBMITTED,
            "submitted_at": now,
            "submitted_automatically": automatic,
        },
    )
    if awaiting:
        attempt.status = Attempt.Status.AWAITING_MARKING
        attempt.save(update_fields=["status", "submitted_at", "submitted_automatically"])
        return
    _attempt_grade(attempt=attempt, items=items, actor=actor)


def _attempt_grade(*, attempt: Attempt, items: list[AttemptQuestion], actor=None) -> None:
    attempt.score = attempt_score([item.credit for item in items])
    attempt.passed = attempt.score >= attempt.quiz.pass_mark
    attempt.status = Attempt.Status.SUBMITTED
    # No full_clean() here: the attempt's invariants are database constraints (one graded score, unique numbers),
    # and its validation queries would cost a submit more than the grading itself.
    attempt.save(update_fields=["score", "passed", "status", "submitted_at", "submitted_automatically"])
    _attempt_audit(
        attempt,
        action=Action.ATTEMPT_GRADED,
        actor=actor,
        new={"score": attempt.score, "passed": attempt.passed, "pass_mark": attempt.quiz.pass_mark},
    )
    _enrolment_update(attempt)


def _attempt_audit(attempt: Attempt, *, action: str, actor, old=None, new=None) -> None:
    """An audit event about `attempt`, from what the submit has in hand: no query but the event's own. (The course's
    title is not at hand, so only its id is kept; the trail shows the course's title of today.)"""
    audit_record(
        action=action,
        actor=actor,
        person=attempt.user,
        course=attempt.enrolment.course_id if attempt.enrolment_id else None,
        subject=attempt,
        old=old,
        new={"quiz": attempt.quiz.title, "attempt": attempt.number, **(new or {})},
    )


def _enrolment_update(attempt: Attempt) -> None:
    """Complete the course when the learner's quiz grade (by the quiz's grading method) reaches the pass mark."""
    if not attempt.enrolment_id:
        return
    scores = list(
        Attempt.objects.filter(
            enrolment_id=attempt.enrolment_id, quiz_id=attempt.quiz_id, status=Attempt.Status.SUBMITTED
        )
        .order_by("number")
        .values_list("score", flat=True)
    )
    grade = quiz_grade(scores_in_order=scores, method=attempt.quiz.grading_method)
    if grade is not None and grade >= attempt.quiz.pass_mark:
        from training.services import enrolment_complete

        enrolment_complete(enrolment=attempt.enrolment, attempt=attempt, score=grade)


def attempt_close_if_time_is_up(*, attempt_id: int, now=None) -> bool:
    """Submit an abandoned timed attempt with what was saved. Returns whether it was closed."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update(of=("self",)).select_related("quiz", "enrolment").get(pk=attempt_id)
        if not attempt.is_open or not _time_is_up(attempt, attempt.quiz, now):
            return False
        _attempt_finalize(attempt=attempt, items=_items(attempt), now=now, automatic=True)
    return True


def attempts_close_overdue(*, now=None) -> int:
    """Close every open attempt whose time (and grace) has run out. Run it from the scheduler or cron."""
    now = now or timezone.now()
    candidates = Attempt.objects.filter(status=Attempt.Status.IN_PROGRESS, deadline__lt=now).values_list(
        "pk", flat=True
    )
    return sum(attempt_close_if_time_is_up(attempt_id=pk, now=now) for pk in list(candidates))


# Marking essays


@transaction.atomic
def essay_mark(*, marker, item_id: int, credit_percent, comment: str = "", now=None) -> AttemptQuestion:
    """Record a person's mark for one essay answer; when the last one is marked, the attempt is graded."""
    now = now or timezone.now()
    try:
        item = (
            AttemptQuestion.objects.select_for_update(of=("self",))
            .select_related("question", "attempt")
            .get(pk=item_id, question__kind=Question.Kind.ESSAY)
        )
    except AttemptQuestion.DoesNotExist:
        raise QuizError(_("There is no such essay answer.")) from None
    attempt = _locked_attempt(user=item.attempt.user, attempt_id=item.attempt_id)
    if attempt.status == Attempt.Status.IN_PROGRESS:
        raise QuizError(_("The learner has not submitted this attempt yet."))
    if item.credit is not None:
        raise QuizError(_("This answer has been marked already; marks are final."))
    if attempt.user_id == marker.pk:
        raise QuizError(_("You cannot mark your own answer."))
    try:
        percent = int(credit_percent)
    except (TypeError, ValueError):
        raise QuizError(_("Give the mark as a whole number from 0 to 100.")) from None
    if not 0 <= percent <= 100:
        raise QuizError(_("Give the mark as a whole number from 0 to 100."))
    item.credit = Decimal(percent) / 100
    item.marked_by = marker
    item.marked_at = now
    # A NUL character means nothing in a comment, and PostgreSQL cannot store one.
    item.marker_comment = comment.replace("\x00", "").strip()
    item.save(update_fields=["credit", "marked_by", "marked_at", "marker_comment"])
    audit_record(
        action=Action.ESSAY_MARKED,
        actor=marker,
        person=attempt.user,
        course=attempt.enrolment.course_id if attempt.enrolment_id else None,
        subject=item,
        old={"mark_percent": None},
        new={
            "quiz": attempt.quiz.title,
            "attempt": attempt.number,
            "mark_percent": percent,
            "comment": item.marker_comment,
        },
    )
    items = _items(attempt)
    if attempt.status == Attempt.Status.AWAITING_MARKING and all(i.credit is not None for i in items):
        _attempt_grade(attempt=attempt, items=items, actor=marker)
    item.refresh_from_db()
    return item


# Reading a form post


def parse_answers(post) -> dict[int, Answer]:
    """Answers from a form post: `q<question id>` → option ids, `t<question id>` → written text."""
    choices: dict[int, set[int]] = {}
    texts: dict[int, str] = {}
    try:
        for key in post:
            if key.startswith("q"):
                choices[int(key[1:])] = {int(value) for value in post.getlist(key)}
            elif key.startswith("t") and key[1:].isdigit():
                texts[int(key[1:])] = parse_text(post.get(key, ""))
    except ValueError:
        raise QuizError(_("The answers could not be read. Reload the page and try again.")) from None
    return {
        question_id: Answer(choice_ids=frozenset(choices.get(question_id, ())), text=texts.get(question_id, ""))
        for question_id in choices.keys() | texts.keys()
    }


def parse_text(raw: str) -> str:
    """A written answer as posted. ValueError for a NUL character: no browser sends one, and PostgreSQL cannot store
    it."""
    if "\x00" in raw:
        raise ValueError("NUL character in a written answer")
    return raw


def parse_question_id(raw: str) -> int:
    """The question id a button posts, or -1 (no question) when it is no number: "²" passes isdigit() but not int(),
    and int() refuses numbers of thousands of digits."""
    try:
        return int(raw)
    except ValueError:
        return -1


def parse_sequence(raw) -> int | None:
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise QuizError(_("The page is out of date. Reload it and try again.")) from None
