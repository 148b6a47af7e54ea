"""Minimum reading time: a lesson with `minimum_reading_seconds` can be marked as read, or confirmed, only that long
after the learner first opened the version they finish.

The first opening is stored per enrolment and lesson revision (`LessonVisit`), so the time counts across devices and
starts again when a new version is published.
"""

import datetime
import math

from django.utils import timezone
from django.utils.translation import gettext, ngettext

from .models import Enrolment, LessonVisit


def duration_words(seconds: float) -> str:
    """'45 seconds', '1 minute', '2 minutes 5 seconds': a wait as a learner reads it, rounded up to the second."""
    seconds = max(1, math.ceil(seconds))
    minutes, seconds = divmod(seconds, 60)
    minutes_text = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    seconds_text = ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    if minutes and seconds:
        # Translators: a wait of minutes and seconds, e.g. "2 minutes 5 seconds".
        return gettext("%(minutes)s %(seconds)s") % {"minutes": minutes_text, "seconds": seconds_text}
    return minutes_text if minutes else seconds_text


def _current_enrolment(*, user, lesson) -> Enrolment | None:
    # The lesson's course is its parent page: matched by tree path, without loading the parent.
    course_path = lesson.path[: -lesson.steplen]
    return Enrolment.objects.current().filter(user=user, course__path=course_path).first()


def lesson_open(*, user, lesson, now=None) -> LessonVisit | None:
    """Remember when `user` first opened the published revision of `lesson`, when the lesson has a minimum reading
    time and they are enrolled on its course. Opening it again changes nothing."""
    if not (user.is_authenticated and lesson.minimum_reading_seconds and lesson.live_revision_id):
        return None
    enrolment = _current_enrolment(user=user, lesson=lesson)
    if enrolment is None:
        return None
    visit, _ = LessonVisit.objects.get_or_create(
        enrolment=enrolment,
        lesson_id=lesson.pk,
        revision_id=lesson.live_revision_id,
        defaults={"first_opened_at": now or timezone.now()},
    )
    return visit


def reading_ready_at(*, enrolment, lesson) -> datetime.datetime | None:
    """When the minimum reading time of the published revision of `lesson` has passed for `enrolment`: None when
    the lesson has no minimum, or they never opened this revision (the whole minimum is still ahead)."""
    if not lesson.minimum_reading_seconds:
        return None
    first_opened_at = (
        LessonVisit.objects.filter(enrolment=enrolment, lesson_id=lesson.pk, revision_id=lesson.live_revision_id)
        .values_list("first_opened_at", flat=True)
        .first()
    )
    if first_opened_at is None:
        return None
    return first_opened_at + datetime.timedelta(seconds=lesson.minimum_reading_seconds)


def reading_time_left(*, enrolment, lesson, now=None) -> float:
    """Seconds the learner must still spend on the lesson before finishing it; 0 when they may finish now."""
    if not lesson.minimum_reading_seconds:
        return 0
    ready_at = reading_ready_at(enrolment=enrolment, lesson=lesson)
    if ready_at is None:
        return lesson.minimum_reading_seconds
    return max(0.0, (ready_at - (now or timezone.now())).total_seconds())
