"""Writes for enrolments and progress. Each service validates, then saves inside one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Acknowledgement, Enrolment, LessonProgress


def enrolment_create(*, user, course, due_date=None, assigned_by=None) -> Enrolment:
    """Assign `course` to `user`; assigning twice keeps the first assignment."""
    enrolment, _ = Enrolment.objects.get_or_create(
        user=user, course=course, defaults={"due_date": due_date, "assigned_by": assigned_by}
    )
    return enrolment


def _enrolment_for_lesson(*, user, lesson) -> Enrolment:
    course = lesson.get_parent()
    enrolment = Enrolment.objects.filter(user=user, course_id=course.pk).first()
    if enrolment is None:
        raise PermissionDenied("You are not enrolled on this course.")
    return enrolment


@transaction.atomic
def lesson_complete(*, user, lesson, acknowledged: bool = False) -> LessonProgress:
    """Mark `lesson` as read by `user`. Idempotent: a second call returns the first record.

    A code-of-conduct lesson is only complete with the learner's "read and understood" confirmation,
    which is recorded with the exact statement, the time and the lesson revision they read.
    """
    if not lesson.live:
        raise ValidationError("This lesson is not published.")
    enrolment = _enrolment_for_lesson(user=user, lesson=lesson)
    lesson = lesson.specific
    now = timezone.now()
    if lesson.requires_acknowledgement:
        if not acknowledged:
            raise ValidationError("Tick “I have read and understood” to confirm this code of conduct.")
        _acknowledgement_record(user=user, enrolment=enrolment, lesson=lesson, at=now)
    progress = LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).first()
    if progress is None:
        try:
            with transaction.atomic():
                progress = LessonProgress.objects.create(
                    enrolment=enrolment, lesson=lesson, revision_id=lesson.live_revision_id, completed_at=now
                )
        except IntegrityError:
            # A second tab or a double click got there first; that record is the one that counts.
            progress = LessonProgress.objects.get(enrolment=enrolment, lesson=lesson)
    enrolment_mark_started(enrolment=enrolment, at=now)
    return progress


def _acknowledgement_record(*, user, enrolment, lesson, at) -> Acknowledgement:
    acknowledgement, _ = Acknowledgement.objects.get_or_create(
        enrolment=enrolment,
        lesson=lesson,
        revision_id=lesson.live_revision_id,
        defaults={"user": user, "statement": lesson.acknowledgement_text, "acknowledged_at": at},
    )
    return acknowledgement


def enrolment_mark_started(*, enrolment, at=None) -> None:
    if enrolment.started_at is None:
        at = at or timezone.now()
        Enrolment.objects.filter(pk=enrolment.pk, started_at__isnull=True).update(started_at=at)
        enrolment.started_at = at


def enrolment_complete(*, enrolment, attempt, score=None):
    """Complete the course from a passed attempt and issue its certificate. Completing twice is a no-op.

    `score` is the learner's quiz grade (by the quiz's grading method); it defaults to the attempt's score.
    """
    from certificates.services import certificate_issue

    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.completed_at:
        return enrolment
    enrolment.completed_at = attempt.submitted_at
    enrolment.score = attempt.score if score is None else score
    enrolment.started_at = enrolment.started_at or attempt.started_at
    enrolment.full_clean()
    enrolment.save(update_fields=["completed_at", "score", "started_at"])
    certificate_issue(enrolment=enrolment, attempt=attempt)
    return enrolment
