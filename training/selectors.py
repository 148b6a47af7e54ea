"""Reads for the learner pages and the HR report. Templates render what these return."""

from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, Q, Value, When
from django.utils import timezone

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


@dataclass
class CourseOutline:
    course: object
    enrolment: Enrolment | None
    lessons: list[LessonStep] = field(default_factory=list)
    certificate: object = None

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
    def next_step(self) -> tuple[str, str] | None:
        """(label, url) of what the learner should do next, or None when there is nothing left."""
        from django.urls import reverse

        if self.completed:
            return None
        for step in self.lessons:
            if not step.done:
                return (f"Read “{step.lesson.title}”", step.lesson.url)
        if self.quiz_available:
            return ("Take the final quiz", reverse("quizzes:take", kwargs={"course_id": self.course.pk}))
        return None


def _outline(*, course, enrolment, lessons, done_ids, acknowledged_ids, certificate=None) -> CourseOutline:
    return CourseOutline(
        course=course,
        enrolment=enrolment,
        lessons=[
            LessonStep(lesson=lesson, done=lesson.pk in done_ids, acknowledged=lesson.pk in acknowledged_ids)
            for lesson in lessons
        ],
        certificate=certificate,
    )


def enrolment_for(*, user, course) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.current().filter(user=user, course=course).select_related("certificate").first()


def course_outline(*, user, course) -> CourseOutline:
    enrolment = enrolment_for(user=user, course=course)
    lessons = list(course.lessons().specific())
    done_ids: set[int] = set()
    acknowledged_ids: set[int] = set()
    if enrolment:
        done_ids = set(enrolment.lesson_progress.values_list("lesson_id", flat=True))
        acknowledged_ids = set(enrolment.acknowledgements.values_list("lesson_id", flat=True))
    certificate = getattr(enrolment, "certificate", None) if enrolment else None
    return _outline(
        course=course,
        enrolment=enrolment,
        lessons=lessons,
        done_ids=done_ids,
        acknowledged_ids=acknowledged_ids,
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
    acknowledged = set(
        Acknowledgement.objects.filter(enrolment__in=enrolments).values_list("enrolment_id", "lesson_id")
    )
    lessons_by_course: dict[int, list] = {}
    course_paths = Q()
    for enrolment in enrolments:
        course_paths |= Q(path__startswith=enrolment.course.path, depth=enrolment.course.depth + 1)
    for lesson in LessonPage.objects.live().filter(course_paths).order_by("path"):
        parent_path = lesson.path[: -LessonPage.steplen]
        lessons_by_course.setdefault(parent_path, []).append(lesson)
    outlines = []
    for enrolment in enrolments:
        lessons = lessons_by_course.get(enrolment.course.path, [])
        outlines.append(
            _outline(
                course=enrolment.course,
                enrolment=enrolment,
                lessons=lessons,
                done_ids={lesson_id for enr_id, lesson_id in done if enr_id == enrolment.pk},
                acknowledged_ids={lesson_id for enr_id, lesson_id in acknowledged if enr_id == enrolment.pk},
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
    next_url: str | None
    next_label: str | None


def lesson_state(*, user, lesson) -> LessonState:
    course = lesson.get_parent().specific
    enrolment = enrolment_for(user=user, course=course)
    done = False
    acknowledgement = None
    if enrolment:
        done = enrolment.lesson_progress.filter(lesson=lesson).exists()
        acknowledgement = enrolment.acknowledgements.filter(lesson=lesson).order_by("-acknowledged_at").first()
    following = course.lessons().filter(path__gt=lesson.path).first()
    if following:
        next_url, next_label = following.url, following.title
    else:
        from django.urls import reverse

        next_url, next_label = course.url, "Back to the course"
        if course.quiz_id and enrolment and not enrolment.completed_at:
            next_url, next_label = reverse("quizzes:take", kwargs={"course_id": course.pk}), "Final quiz"
    return LessonState(
        course=course,
        enrolment=enrolment,
        done=done,
        acknowledgement=acknowledgement,
        next_url=next_url,
        next_label=next_label,
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
