"""Selectors for the HR reports: the filters, the completion table, the dashboard figures and a transcript.

Every query starts from `report_scope(viewer)`, so a filter value guessed in the URL can only narrow what the
viewer may already see. Sorting takes names from a fixed list, never from the request.
"""

import dataclasses
import datetime
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from cms.models import CoursePage

from .models import Department, Enrolment, EnrolmentStatus
from .permissions import can_view_all_reports, report_scope, team_user_ids
from .selectors import enrolment_status_expression
from .trees import ids_below

EXPIRING_DAYS = 30
EXPIRING = "expiring"


def _expiring_label() -> str:
    return ngettext(
        "Certificate expires within %(days)d day", "Certificate expires within %(days)d days", EXPIRING_DAYS
    ) % {"days": EXPIRING_DAYS}


STATUS_FILTER_CHOICES = [*EnrolmentStatus.choices, (EXPIRING, lazy(_expiring_label, str)())]
SORTS = {
    "name": ("user__last_name", "user__first_name", "user__username"),
    "department": ("user__employee__department__name",),
    "course": ("course__title",),
    "status": ("status",),
    "due": ("due_date",),
    "completed": ("completed_at",),
    "score": ("score",),
}
DEFAULT_ORDER = ("user__employee__department__name", "user__last_name", "user__first_name", "user__username")


@dataclass(frozen=True)
class ReportFilters:
    department_id: int | None = None
    location_id: int | None = None
    manager_id: int | None = None
    course_id: int | None = None
    status: str | None = None
    completed_from: datetime.date | None = None
    completed_to: datetime.date | None = None
    sort: str = ""


def sort_fields(sort: str) -> tuple:
    """Order-by expressions for a sort key like "due" or "-score"; unknown keys give the default order.
    Empty values (no due date, no score yet) sort last either way, on every database."""
    descending = sort.startswith("-")
    names = SORTS.get(sort.lstrip("-"))
    if not names:
        return (*DEFAULT_ORDER, "pk")
    return (
        *(F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True) for name in names),
        "pk",
    )


def completion_report_rows(*, viewer, filters: ReportFilters | None = None, today=None) -> QuerySet:
    """Current enrolments `viewer` may see, filtered, with the columns of the HR table and its exports."""
    filters = filters or ReportFilters()
    today = today or timezone.localdate()
    rows = (
        Enrolment.objects.current()
        .filter(report_scope(viewer))
        .select_related("user", "user__employee__department", "user__employee__location", "course", "certificate")
        .annotate(status=enrolment_status_expression(today))
    )
    if filters.department_id:
        rows = rows.filter(user__employee__department_id__in=ids_below(Department, filters.department_id))
    if filters.location_id:
        rows = rows.filter(user__employee__location_id=filters.location_id)
    if filters.manager_id:
        rows = rows.filter(user_id__in=team_user_ids_for(filters.manager_id))
    if filters.course_id:
        rows = rows.filter(course_id=filters.course_id)
    if filters.status == EXPIRING:
        rows = rows.filter(expiring_filter(today))
    elif filters.status:
        rows = rows.filter(status=filters.status)
    if filters.completed_from:
        rows = rows.filter(completed_at__date__gte=filters.completed_from)
    if filters.completed_to:
        rows = rows.filter(completed_at__date__lte=filters.completed_to)
    return rows.order_by(*sort_fields(filters.sort))


def team_user_ids_for(manager_id: int) -> set[int]:
    from django.contrib.auth import get_user_model

    manager = get_user_model()(pk=manager_id)
    return team_user_ids(manager)


def expiring_filter(today) -> Q:
    return Q(
        completed_at__isnull=False,
        certificate__revoked_at__isnull=True,
        certificate__valid_until__gte=today,
        certificate__valid_until__lte=today + datetime.timedelta(days=EXPIRING_DAYS),
    )


def report_departments(*, viewer):
    """Departments to filter by: all of them for HR; for a manager, those their team sits in.
    (Not derived from the enrolments: at a million rows that DISTINCT cost a second per page.)"""
    if can_view_all_reports(viewer):
        return Department.objects.order_by("name")
    return Department.objects.filter(employees__user_id__in=team_user_ids(viewer)).distinct().order_by("name")


@dataclass
class Overview:
    total: int
    completed: int
    in_progress: int
    not_started: int
    overdue: int
    expiring: int

    @property
    def completion_rate(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0


@dataclass
class Bar:
    label: str
    total: int
    completed: int
    filter_value: object = None
    extra: dict = field(default_factory=dict)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0

    @property
    def remainder(self) -> int:
        return 100 - self.percent


@dataclass
class ReportSummary:
    overview: Overview
    by_department: list[Bar]
    by_course: list[Bar]
    trend: list[Bar]


def report_summary(*, rows: QuerySet, today=None, limit: int = 12, weeks: int = 12) -> ReportSummary:
    """The dashboard's figures: counts by status; the completion rate per department and per course, lowest first
    (where help is needed; `limit` bars each); completions per week over the last `weeks` weeks, oldest first.

    One pass over the filtered rows, grouped by department, course and status (a few thousand groups at most),
    added up here; one over the recent completions for the trend; the names of the departments and courses shown;
    and a count of expiring certificates kept apart so that the join to certificates stays out of the pass. At a
    million enrolments, an aggregate per figure meant a full scan per figure.
    """
    today = today or timezone.localdate()
    return summary_from_counts(
        groups=status_groups(rows),
        expiring=lambda: rows.order_by().filter(expiring_filter(today)).count(),
        week_counts=completions_by_week(rows=rows, start=trend_start(today, weeks)),
        today=today,
        limit=limit,
        weeks=weeks,
    )


def status_groups(rows: QuerySet) -> QuerySet:
    """(department id, course id, status, count) of the rows: what every dashboard figure but two is made of."""
    return rows.order_by().values_list("user__employee__department_id", "course_id", "status").annotate(Count("pk"))


def summary_from_counts(
    *, groups, expiring, week_counts: dict, today: datetime.date, limit: int = 12, weeks: int = 12
) -> ReportSummary:
    """The figures from counts grouped by department, course and status (counted now or ahead of time);
    `expiring` is the number of certificates expiring soon, or a function counting it (only asked when there are
    rows); `week_counts` the completions per week, keyed by the week's Monday."""
    statuses: Counter = Counter()
    departments: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
    courses: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for department_id, course_id, status, count in groups:
        done = count if status == EnrolmentStatus.COMPLETED else 0
        statuses[status] += count
        for totals in (departments[department_id], courses[course_id]):
            totals[0] += count
            totals[1] += done
    if not statuses:
        expiring = 0
    elif callable(expiring):
        expiring = expiring()
    overview = Overview(
        total=sum(statuses.values()),
        completed=statuses[EnrolmentStatus.COMPLETED],
        in_progress=statuses[EnrolmentStatus.IN_PROGRESS],
        not_started=statuses[EnrolmentStatus.NOT_STARTED],
        overdue=statuses[EnrolmentStatus.OVERDUE],
        expiring=expiring,
    )
    return ReportSummary(
        overview=overview,
        by_department=_weakest_first(departments, Department.objects.all(), "name", limit, _("No department")),
        by_course=_weakest_first(courses, CoursePage.objects.all(), "title", limit, ""),
        trend=trend_bars(week_counts, start=trend_start(today, weeks), weeks=weeks),
    )


@dataclass
class DashboardFigures:
    summary: ReportSummary
    as_of: datetime.datetime
    cached: bool
    # Counted ahead of time for everyone (`training.snapshots`), not for this view.
    snapshot: bool = False


def dashboard_figures(*, viewer, filters: ReportFilters, rows: QuerySet, refresh: bool = False) -> DashboardFigures:
    """`report_summary` of the rows, from the counts kept ahead of time where they answer the view, else counted
    and kept for REPORT_FIGURES_CACHE_SECONDS per scope and filters.

    At a million enrolments the figures take a pass over all of them. HR's views by department, course and status
    add up today's snapshot (`training.snapshots`); other views, and HR opening them again or paging through the
    table, get the same figures until they are that old (the page says how old) or until `refresh`, which counts
    live and asks for a new snapshot. Viewers share figures only when they see the same rows: HR one set, each
    manager their own.
    """
    from .snapshots import report_snapshot_exists, report_snapshot_request, snapshot_summary

    today = timezone.localdate()
    everyone = can_view_all_reports(viewer)
    if everyone and not refresh:
        if served := snapshot_summary(filters=filters, today=today):
            summary, snapshot = served
            return DashboardFigures(summary=summary, as_of=snapshot.started_at, cached=True, snapshot=True)
    if everyone and (refresh or not report_snapshot_exists(day=today)):
        report_snapshot_request()
    seconds = settings.REPORT_FIGURES_CACHE_SECONDS
    if seconds <= 0:
        return DashboardFigures(summary=report_summary(rows=rows, today=today), as_of=timezone.now(), cached=False)
    scope = "all" if everyone else f"team-{viewer.pk}"
    identity = repr((scope, today.isoformat(), dataclasses.replace(filters, sort="")))
    key = "hr-figures:" + hashlib.sha256(identity.encode()).hexdigest()
    if not refresh and (stored := cache.get(key)) is not None:
        summary, as_of = stored
        return DashboardFigures(summary=summary, as_of=as_of, cached=True)
    summary, as_of = report_summary(rows=rows, today=today), timezone.now()
    cache.set(key, (summary, as_of), seconds)
    return DashboardFigures(summary=summary, as_of=as_of, cached=False)


def trend_start(today: datetime.date, weeks: int) -> datetime.date:
    """The Monday of the first week of a `weeks`-week trend ending with the current week."""
    return today - datetime.timedelta(days=today.weekday(), weeks=weeks - 1)


def completions_by_week(*, rows: QuerySet, start: datetime.date, by=()) -> dict:
    """Completions per week since `start` (a Monday), keyed by the week's Monday, or by (*`by` fields, Monday).
    (Kept out of the grouped pass: grouping a million rows by week as well made that pass slower than the two
    queries.)"""
    counts = {}
    for row in (
        rows.order_by()
        # A plain comparison with the local midnight (not `__date`, which converts every row's time first).
        .filter(completed_at__gte=timezone.make_aware(datetime.datetime.combine(start, datetime.time.min)))
        .annotate(week=TruncWeek("completed_at"))
        .values_list(*by, "week")
        .annotate(n=Count("pk"))
    ):
        *keys, week, count = row
        week = week.date() if isinstance(week, datetime.datetime) else week
        counts[(*keys, week) if by else week] = count
    return counts


_lazy_date_format = lazy(formats.date_format, str)


def trend_bars(week_counts: dict, *, start: datetime.date, weeks: int) -> list[Bar]:
    """One bar per week from `start`, oldest first, scaled to the busiest week."""
    most = max(week_counts.values(), default=0)
    bars = []
    for index in range(weeks):
        week = start + datetime.timedelta(weeks=index)
        # Formatted when shown, in the viewer's language: the figures are cached and shared between viewers.
        label = _lazy_date_format(week, "MONTH_DAY_FORMAT")
        bars.append(Bar(label=label, total=most, completed=week_counts.get(week, 0)))
    return bars


def _weakest_first(totals: dict, model_rows: QuerySet, label: str, limit: int, no_label: str) -> list[Bar]:
    """The `limit` groups with the lowest completion rate (then the largest), as labelled bars."""
    names = dict(model_rows.filter(pk__in=[key for key in totals if key is not None]).values_list("pk", label))
    bars = [
        Bar(label=names.get(key) or no_label, total=total, completed=done, filter_value=key)
        for key, (total, done) in totals.items()
    ]
    bars.sort(key=lambda bar: (bar.percent, -bar.total, bar.label))
    return bars[:limit]


# A person's transcript


@dataclass
class TranscriptCycle:
    enrolment: Enrolment
    attempts: list
    lessons: list
    acknowledgements: list
    certificate: object
    # Every certificate issued for the cycle, newest first: the current one and those it superseded.
    certificates: list = field(default_factory=list)


def transcript(*, user) -> list[TranscriptCycle]:
    """Every enrolment of `user` (current and replaced), with all attempts, lessons read, acknowledgements and
    certificates: what an auditor asks for. A fixed number of queries whatever the history."""
    from certificates.models import Certificate
    from quizzes.models import Attempt

    from .models import Acknowledgement, LessonProgress

    enrolments = list(
        Enrolment.objects.filter(user=user)
        .select_related("course", "certificate", "assignment")
        .annotate(status=enrolment_status_expression())
        .order_by("course__title", "-assigned_at")
    )
    ids = [enrolment.pk for enrolment in enrolments]
    attempts, lessons, acknowledgements = {}, {}, {}
    for attempt in Attempt.objects.filter(enrolment_id__in=ids).select_related("quiz").order_by("number"):
        attempts.setdefault(attempt.enrolment_id, []).append(attempt)
    for progress in (
        LessonProgress.objects.filter(enrolment_id__in=ids)
        .select_related("lesson", "revision")
        .order_by("completed_at")
    ):
        lessons.setdefault(progress.enrolment_id, []).append(progress)
    for ack in Acknowledgement.objects.filter(enrolment_id__in=ids).select_related("lesson", "revision"):
        acknowledgements.setdefault(ack.enrolment_id, []).append(ack)
    certificates = {}
    for certificate in (
        Certificate.objects.filter(issued_for_id__in=ids).select_related("issued_by").order_by("-issued_at", "-pk")
    ):
        certificates.setdefault(certificate.issued_for_id, []).append(certificate)
    return [
        TranscriptCycle(
            enrolment=enrolment,
            attempts=attempts.get(enrolment.pk, []),
            lessons=lessons.get(enrolment.pk, []),
            acknowledgements=acknowledgements.get(enrolment.pk, []),
            certificate=getattr(enrolment, "certificate", None),
            certificates=certificates.get(enrolment.pk, []),
        )
        for enrolment in enrolments
    ]


@dataclass
class Column:
    label: str
    key: str | None
    next_sort: str | None
    aria_sort: str | None


TABLE_COLUMNS = [
    (_("Employee"), "name"),
    (_("Department"), "department"),
    (_("Course"), "course"),
    (_("Status"), "status"),
    # Translators: column heading of the due date.
    (_("Due"), "due"),
    (pgettext_lazy("column heading of the completion date", "Completed"), "completed"),
    (_("Score"), "score"),
    (_("Certificate"), None),
]


def table_columns(current_sort: str) -> list[Column]:
    """Headers of the HR table: each sortable one links to its ascending sort, or descending when already so."""
    columns = []
    for label, key in TABLE_COLUMNS:
        aria = "ascending" if current_sort == key else "descending" if current_sort == f"-{key}" else None
        next_sort = (f"-{key}" if current_sort == key else key) if key else None
        columns.append(Column(label=label, key=key, next_sort=next_sort, aria_sort=aria))
    return columns
