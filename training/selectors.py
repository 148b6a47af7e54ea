"""Reads for the learner pages and the HR report. Templates render what these return."""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Case, CharField, Count, Exists, Max, Min, OuterRef, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.translations import shown_pages

from .models import Acknowledgement, Enrolment, EnrolmentStatus, LessonProgress

Status = EnrolmentStatus


def enrolment_status_expression(today=None):
    """The status of an enrolment as a database expression, so reports can filter and count on it."""
    today = today or timezone.localdate()
    return Case(
        When(completed_at__isnull=False, then=Value(Status.COMPLETED)),
        When(due_date__lt=today, then=Value(Status.OVERDUE)),
        When(started_at__isnull=False, then=Value(Status.IN_PROGRESS)),
        default=Value(Status.NOT_STARTED),
        output_field=CharField(),
    )


@dataclass
class LessonStep:
    lesson: object
    done: bool
    acknowledged: bool
    # Confirmed an earlier version of a code of conduct that editors have since changed materially.
    reacknowledge: bool = False


@dataclass
class CourseOutline:
    course: object
    enrolment: Enrolment | None
    lessons: list[LessonStep] = field(default_factory=list)
    certificate: object = None
    # The course as the learner reads it: its translation in their language, or the course itself.
    shown_course: object = None

    @property
    def lessons_done(self) -> int:
        return sum(step.done for step in self.lessons)

    @property
    def all_lessons_done(self) -> bool:
        return self.lessons_done == len(self.lessons)

    @property
    def completed(self) -> bool:
        return bool(self.enrolment and self.enrolment.completed_at)

    @property
    def quiz_available(self) -> bool:
        return bool(
            self.enrolment
            and self.course.quiz_id
            and self.course.quiz.is_published
            and self.all_lessons_done
            and not self.completed
        )

    @property
    def percent(self) -> int:
        total = len(self.lessons) + (1 if self.course.quiz_id else 0)
        if self.completed or total == 0:
            return 100 if self.completed else 0
        return round(100 * self.lessons_done / total)

    @property
    def status(self) -> str:
        if self.completed:
            return Status.COMPLETED
        if self.enrolment and self.enrolment.due_date and self.enrolment.due_date < timezone.localdate():
            return Status.OVERDUE
        if self.enrolment and self.enrolment.started_at:
            return Status.IN_PROGRESS
        return Status.NOT_STARTED

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def reacknowledgements(self) -> list:
        """Lessons whose updated code of conduct the learner must confirm again (also once the course is done)."""
        return [step.lesson for step in self.lessons if step.reacknowledge]

    @property
    def next_step(self) -> tuple[str, str] | None:
        """(label, url) of what the learner should do next, or None when there is nothing left."""
        from django.urls import reverse

        if self.completed:
            return None
        for step in self.lessons:
            if not step.done:
                # Translators: a button to the next lesson to read; %(title)s is the lesson's title.
                return (_("Read “%(title)s”") % {"title": step.lesson.title}, step.lesson.url)
        if self.quiz_available:
            return (_("Take the final quiz"), reverse("quizzes:take", kwargs={"course_id": self.course.pk}))
        return None


# Wagtail logs every publish (from the editor, a workflow approval or a scheduled go-live) with its revision.
PUBLISH_ACTION = "wagtail.publish"


def _material_publishes():
    """Publishes of code-of-conduct revisions that editors marked "Requires re-acknowledgement"."""
    from wagtail.models import PageLogEntry

    return PageLogEntry.objects.filter(action=PUBLISH_ACTION, revision__content__requires_reacknowledgement=True)


def acknowledgement_required_revisions(*, lesson_ids) -> dict[int, int]:
    """Per lesson, the latest published revision marked as a material change: confirmations of earlier revisions
    no longer count. Lessons never changed materially are left out (any confirmation counts)."""
    rows = (
        _material_publishes()
        .filter(page_id__in=list(lesson_ids))
        .values("page_id")
        .annotate(revision_id=Max("revision_id"))
        .values_list("page_id", "revision_id")
    )
    return dict(rows)


def required_revision_subquery(lesson_ref: str = "pk") -> Subquery:
    """`acknowledgement_required_revisions` for the lesson at `lesson_ref`, to annotate a query with."""
    return Subquery(
        _material_publishes().filter(page_id=OuterRef(lesson_ref)).order_by("-revision_id").values("revision_id")[:1]
    )


def _is_current(acknowledged_revision_id: int | None, required_revision_id: int | None) -> bool:
    return required_revision_id is None or (acknowledged_revision_id or 0) >= required_revision_id


def acknowledgement_current(*, enrolment, lesson) -> bool:
    """Whether `enrolment` confirmed `lesson` in a version that still counts."""
    required = acknowledgement_required_revisions(lesson_ids=[lesson.pk]).get(lesson.pk)
    acknowledgements = enrolment.acknowledgements.filter(lesson_id=lesson.pk)
    if required is not None:
        acknowledgements = acknowledgements.filter(revision_id__gte=required)
    return acknowledgements.exists()


def _outline(*, course, enrolment, lessons, done_ids, acknowledged, required, shown, certificate=None) -> CourseOutline:
    """`acknowledged`: the latest revision confirmed, per lesson; `required`: the revision that must be confirmed,
    per lesson changed materially; `shown`: the page the learner reads for each course and lesson (by pk). Steps
    hold the lessons as shown, so that names and links are in the learner's language."""
    return CourseOutline(
        course=course,
        shown_course=shown.get(course.pk, course),
        enrolment=enrolment,
        lessons=[
            LessonStep(
                lesson=shown.get(lesson.pk, lesson),
                done=lesson.pk in done_ids,
                acknowledged=lesson.pk in acknowledged,
                reacknowledge=lesson.pk in acknowledged
                and not _is_current(acknowledged[lesson.pk], required.get(lesson.pk)),
            )
            for lesson in lessons
        ],
        certificate=certificate,
    )


def _latest_acknowledged(rows) -> dict:
    """{key: highest revision confirmed} from (key, revision_id) pairs."""
    latest: dict = {}
    for key, revision_id in rows:
        latest[key] = max(latest.get(key) or 0, revision_id or 0)
    return latest


def enrolment_for(*, user, course) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.current().filter(user=user, course=course).select_related("certificate").first()


def course_outline(*, user, course) -> CourseOutline:
    enrolment = enrolment_for(user=user, course=course)
    lessons = list(course.lessons().specific())
    done_ids: set[int] = set()
    acknowledged: dict[int, int] = {}
    required: dict[int, int] = {}
    if enrolment:
        done_ids = set(enrolment.lesson_progress.values_list("lesson_id", flat=True))
        acknowledged = _latest_acknowledged(enrolment.acknowledgements.values_list("lesson_id", "revision_id"))
        if acknowledged:
            required = acknowledgement_required_revisions(lesson_ids=acknowledged)
    certificate = getattr(enrolment, "certificate", None) if enrolment else None
    return _outline(
        course=course,
        enrolment=enrolment,
        lessons=lessons,
        done_ids=done_ids,
        acknowledged=acknowledged,
        required=required,
        shown=shown_pages([course, *lessons]),
        certificate=certificate,
    )


def learner_courses(*, user) -> list[CourseOutline]:
    """Every course the user is enrolled on, with progress, in a fixed number of queries."""
    from cms.models import LessonPage

    enrolments = list(
        Enrolment.objects.current()
        .filter(user=user)
        .select_related("course__quiz", "certificate")
        .order_by("due_date", "pk")
    )
    if not enrolments:
        return []
    done = set(LessonProgress.objects.filter(enrolment__in=enrolments).values_list("enrolment_id", "lesson_id"))
    acknowledged = _latest_acknowledged(
        ((enrolment_id, lesson_id), revision_id)
        for enrolment_id, lesson_id, revision_id in Acknowledgement.objects.filter(
            enrolment__in=enrolments
        ).values_list("enrolment_id", "lesson_id", "revision_id")
    )
    lessons_by_course: dict[int, list] = {}
    course_paths = Q()
    for enrolment in enrolments:
        course_paths |= Q(path__startswith=enrolment.course.path, depth=enrolment.course.depth + 1)
    required: dict[int, int] = {}
    for lesson in (
        LessonPage.objects.live()
        .filter(course_paths)
        .annotate(required_revision_id=required_revision_subquery())
        .order_by("path")
    ):
        parent_path = lesson.path[: -LessonPage.steplen]
        lessons_by_course.setdefault(parent_path, []).append(lesson)
        if lesson.required_revision_id is not None:
            required[lesson.pk] = lesson.required_revision_id
    shown = shown_pages(
        [enrolment.course for enrolment in enrolments]
        + [lesson for group in lessons_by_course.values() for lesson in group]
    )
    outlines = []
    for enrolment in enrolments:
        lessons = lessons_by_course.get(enrolment.course.path, [])
        outlines.append(
            _outline(
                course=enrolment.course,
                enrolment=enrolment,
                lessons=lessons,
                done_ids={lesson_id for enr_id, lesson_id in done if enr_id == enrolment.pk},
                acknowledged={
                    lesson_id: revision_id
                    for (enr_id, lesson_id), revision_id in acknowledged.items()
                    if enr_id == enrolment.pk
                },
                required=required,
                shown=shown,
                certificate=getattr(enrolment, "certificate", None),
            )
        )
    return outlines


@dataclass
class LessonState:
    course: object
    enrolment: Enrolment | None
    done: bool
    acknowledgement: Acknowledgement | None
    # The learner confirmed an earlier version that editors have since changed materially: they sign again.
    reacknowledge: bool = False
    # The published revision on screen, which the learner finishes or signs.
    revision_id: int | None = None
    # How the learner re-authenticates to sign (training.signatures.signing_method), and the name they sign with.
    signing_method: str = ""
    printed_name: str = ""
    # While a minimum reading time runs: when it ends, and how long that is from now.
    ready_at: datetime.datetime | None = None
    ready_in: str = ""
    # The lesson (in the default language), for what comes after it.
    lesson: object = None

    @cached_property
    def next_step(self) -> tuple[str, str]:
        """(url, label) of the button after the lesson: the next lesson, else the final quiz or the course. Looked
        up only when asked for: the page shows the button once the lesson is read. The course's lessons come from
        the cache (cms.lesson_order), so this costs no query."""
        from cms.lesson_order import lesson_following

        course = self.course
        following = lesson_following(course=course, lesson=self.lesson)
        if following:
            return following.url, following.title
        if course.quiz_id and self.enrolment and not self.enrolment.completed_at:
            from django.urls import reverse

            # Translators: after "Next:" on the last lesson's button.
            return reverse("quizzes:take", kwargs={"course_id": course.pk}), _("Final quiz")
        # Translators: after "Next:" on the last lesson's button.
        return course.url, _("Back to the course")

    @property
    def next_url(self) -> str:
        return self.next_step[0]

    @property
    def next_label(self) -> str:
        return self.next_step[1]


def lesson_state(*, user, lesson) -> LessonState:
    """Where `user` stands on `lesson` (specific, in the default language). The lesson page reads it on every view:
    the enrolment, with whether the lesson is read, in one query; for a code of conduct, the confirmation; the next
    lesson only once the page shows the button to it. (The course is the parent page that serving the lesson
    found already.)"""
    from .names import display_name
    from .reading import duration_words, reading_ready_at
    from .signatures import signing_method

    course = lesson.get_parent().specific
    enrolment = None
    if user.is_authenticated:
        enrolment = (
            Enrolment.objects.current()
            .filter(user=user, course=course)
            .annotate(lesson_done=Exists(LessonProgress.objects.filter(enrolment=OuterRef("pk"), lesson=lesson)))
            .first()
        )
    done = False
    acknowledgement = None
    reacknowledge = False
    ready_at, ready_in = None, ""
    if enrolment:
        done = enrolment.lesson_done
        # Only codes of conduct are confirmed (training.services.lesson_complete): no need to look for the others.
        if lesson.requires_acknowledgement:
            acknowledgement = enrolment.acknowledgements.filter(lesson=lesson).order_by("-acknowledged_at").first()
        if acknowledgement is not None:
            reacknowledge = not acknowledgement_current(enrolment=enrolment, lesson=lesson)
        to_do = not done or reacknowledge or (lesson.requires_acknowledgement and acknowledgement is None)
        ready = reading_ready_at(enrolment=enrolment, lesson=lesson) if to_do else None
        if ready is not None and ready > timezone.now():
            ready_at, ready_in = ready, duration_words((ready - timezone.now()).total_seconds())
    return LessonState(
        course=course,
        enrolment=enrolment,
        done=done,
        acknowledgement=acknowledgement,
        reacknowledge=reacknowledge,
        revision_id=lesson.live_revision_id,
        signing_method=signing_method(user=user) if enrolment else "",
        printed_name=display_name(user) if enrolment else "",
        ready_at=ready_at,
        ready_in=ready_in,
        lesson=lesson,
    )


def assignment_rows():
    """Assignments with how many people each enrolled and how many of them are done."""
    from .models import Assignment

    return (
        Assignment.objects.select_related("course", "department", "location", "manager", "created_by")
        .annotate(
            enrolled=Count("enrolments", filter=Q(enrolments__replaced_at__isnull=True)),
            completed=Count(
                "enrolments",
                filter=Q(enrolments__replaced_at__isnull=True, enrolments__completed_at__isnull=False),
            ),
        )
        .order_by("-created_at")
    )


# Re-acknowledgement of changed codes of conduct, for HR


@dataclass
class ReacknowledgementLesson:
    """A code of conduct changed materially: who was asked to confirm it again, among the people a viewer sees."""

    lesson: object
    course: object
    revision_id: int
    changed_at: datetime.datetime | None
    pending: int
    confirmed: int


@dataclass
class ReacknowledgementRow:
    """Someone who confirmed an earlier version of a changed code of conduct and not yet the current one."""

    enrolment: Enrolment
    lesson: object
    changed_at: datetime.datetime | None

    @property
    def department(self) -> str:
        employee = getattr(self.enrolment.user, "employee", None)
        return employee.department.name if employee and employee.department else ""


def _acknowledged(*, lesson_id: int, revision_filter: Q) -> Exists:
    return Exists(Acknowledgement.objects.filter(Q(enrolment_id=OuterRef("pk"), lesson_id=lesson_id) & revision_filter))


def _asked_to_reacknowledge(*, viewer, lesson, revision_id: int):
    """Current enrolments on the lesson's course, of active people `viewer` may see, that confirmed an earlier
    version of it."""
    from .permissions import report_scope

    course_path = lesson.path[: -lesson.steplen]
    return (
        Enrolment.objects.current()
        .filter(report_scope(viewer), user__is_active=True, course__path=course_path)
        .filter(_acknowledged(lesson_id=lesson.pk, revision_filter=Q(revision_id__lt=revision_id)))
    )


def _changed_lessons() -> list[tuple[object, int, datetime.datetime | None]]:
    """(lesson, revision that must be confirmed, when it was published) for every live code of conduct whose
    editors marked a published version as a material change, in course and page order."""
    from wagtail.models import PageLogEntry

    from cms.models import CodeOfConductLessonPage

    lessons = list(
        CodeOfConductLessonPage.objects.live()
        .annotate(required_revision_id=required_revision_subquery())
        .filter(required_revision_id__isnull=False)
        .order_by("path")
    )
    published_at = dict(
        PageLogEntry.objects.filter(
            action=PUBLISH_ACTION, revision_id__in=[lesson.required_revision_id for lesson in lessons]
        )
        .values("revision_id")
        .annotate(first=Min("timestamp"))
        .values_list("revision_id", "first")
    )
    return [(lesson, lesson.required_revision_id, published_at.get(lesson.required_revision_id)) for lesson in lessons]


def reacknowledgement_lessons(*, viewer) -> list[ReacknowledgementLesson]:
    """Each changed code of conduct with how many people (that `viewer` may see) still have to confirm the new
    version, and how many already did."""
    from wagtail.models import Page

    changed = _changed_lessons()
    courses = Page.objects.in_bulk([lesson.path[: -lesson.steplen] for lesson, _, _ in changed], field_name="path")
    result = []
    for lesson, revision_id, changed_at in changed:
        asked = _asked_to_reacknowledge(viewer=viewer, lesson=lesson, revision_id=revision_id)
        counts = asked.aggregate(
            confirmed=Count(
                "pk", filter=Q(_acknowledged(lesson_id=lesson.pk, revision_filter=Q(revision_id__gte=revision_id)))
            ),
            asked=Count("pk"),
        )
        result.append(
            ReacknowledgementLesson(
                lesson=lesson,
                course=courses.get(lesson.path[: -lesson.steplen]),
                revision_id=revision_id,
                changed_at=changed_at,
                pending=counts["asked"] - counts["confirmed"],
                confirmed=counts["confirmed"],
            )
        )
    return result


def reacknowledgement_pending_rows(*, viewer, lesson_id: int | None = None) -> list[ReacknowledgementRow]:
    """The people (that `viewer` may see) who still have to confirm a changed code of conduct, by lesson then name;
    only for `lesson_id` when given."""
    rows = []
    for lesson, revision_id, changed_at in _changed_lessons():
        if lesson_id is not None and lesson.pk != lesson_id:
            continue
        pending = (
            _asked_to_reacknowledge(viewer=viewer, lesson=lesson, revision_id=revision_id)
            .exclude(_acknowledged(lesson_id=lesson.pk, revision_filter=Q(revision_id__gte=revision_id)))
            .select_related("user__employee__department", "course")
            .annotate(
                last_confirmed_at=Max("acknowledgements__acknowledged_at", filter=Q(acknowledgements__lesson=lesson))
            )
            .order_by("user__last_name", "user__first_name", "user__username")
        )
        rows.extend(
            ReacknowledgementRow(enrolment=enrolment, lesson=lesson, changed_at=changed_at) for enrolment in pending
        )
    return rows
