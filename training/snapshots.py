"""The HR dashboard's figures for the whole organisation, counted ahead of time.

Counting a million enrolments takes about a second, too long for a page. A background task counts them by
department, course and state into a `ReportSnapshot` (a few thousand `ReportCount` rows); HR's dashboard adds up
those rows for its filters in milliseconds and says when they were counted. The services that change enrolments
ask for a new count (`report_snapshot_request`); it runs once the change has committed, after a short delay so
that a burst of changes is counted once. Counts are for one day (whether an enrolment is overdue depends on the
date), so the first view of a day counts live and asks for that day's snapshot.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from .models import Department, Enrolment, EnrolmentStatus, ReportCount, ReportSnapshot
from .reports import (
    EXPIRING,
    ReportFilters,
    ReportSummary,
    completions_by_week,
    expiring_filter,
    status_groups,
    summary_from_counts,
    trend_start,
)
from .selectors import enrolment_status_expression
from .trees import ids_below

TREND_WEEKS = 12
STATUS_MEASURES = [
    ReportCount.Measure.NOT_STARTED,
    ReportCount.Measure.IN_PROGRESS,
    ReportCount.Measure.COMPLETED,
    ReportCount.Measure.OVERDUE,
]
QUEUED_KEY = "report-snapshot-queued"


def report_snapshot_build(*, today: datetime.date | None = None) -> ReportSnapshot:
    """Count every current enrolment by department, course and status for `today`, plus the certificates expiring
    soon and the completions per week of the trend, and keep them as the newest snapshot (older ones go)."""
    today = today or timezone.localdate()
    started_at = timezone.now()
    rows = Enrolment.objects.current().annotate(status=enrolment_status_expression(today))
    department = "user__employee__department_id"
    counts = [
        ReportCount(department_id=department_id, course_id=course_id, measure=status, count=count)
        for department_id, course_id, status, count in status_groups(rows)
    ]
    counts += [
        ReportCount(department_id=department_id, course_id=course_id, measure=ReportCount.Measure.EXPIRING, count=n)
        for department_id, course_id, n in _grouped_count(rows.filter(expiring_filter(today)), department)
    ]
    week_counts = completions_by_week(rows=rows, start=trend_start(today, TREND_WEEKS), by=(department, "course_id"))
    counts += [
        ReportCount(
            department_id=department_id,
            course_id=course_id,
            measure=ReportCount.Measure.COMPLETED_IN_WEEK,
            week=week,
            count=n,
        )
        for (department_id, course_id, week), n in week_counts.items()
    ]
    with transaction.atomic():
        snapshot = ReportSnapshot.objects.create(day=today, started_at=started_at, finished_at=timezone.now())
        for count in counts:
            count.snapshot = snapshot
        ReportCount.objects.bulk_create(counts, batch_size=2000)
    # Two counts running at once both finish; the one that started last holds the newer figures.
    newest = ReportSnapshot.objects.order_by("-started_at", "-pk").values_list("pk", flat=True).first()
    ReportSnapshot.objects.exclude(pk=newest).delete()
    return snapshot


def _grouped_count(rows, department: str):
    return rows.order_by().values_list(department, "course_id").annotate(Count("pk"))


def report_snapshot_refresh(*, requested_at: datetime.datetime | None = None) -> ReportSnapshot | None:
    """Count again, unless a snapshot of today started after `requested_at` (it already holds those changes)."""
    today = timezone.localdate()
    if requested_at and ReportSnapshot.objects.filter(day=today, started_at__gte=requested_at).exists():
        return None
    return report_snapshot_build(today=today)


def report_snapshot_exists(*, day: datetime.date) -> bool:
    return settings.REPORT_SNAPSHOTS and ReportSnapshot.objects.filter(day=day).exists()


def report_snapshot_request() -> None:
    """Enrolments changed: have the figures counted again once this transaction commits.

    With a task backend that can defer (django-tasks-db) the count runs REPORT_SNAPSHOT_DELAY_SECONDS later, and
    each process asks at most once in that time, so a burst of quiz submits is counted once. With the immediate
    backend (development) it runs at once.
    """
    if settings.REPORT_SNAPSHOTS:
        transaction.on_commit(_refresh_enqueue)


def _refresh_enqueue() -> None:
    from .tasks import report_snapshot_refresh_task

    requested_at = timezone.now()
    delay = settings.REPORT_SNAPSHOT_DELAY_SECONDS
    task = report_snapshot_refresh_task
    if delay > 0 and task.get_backend().supports_defer:
        if not cache.add(QUEUED_KEY, True, delay):
            return  # a count is already on its way and starts after this change
        task = task.using(run_after=requested_at + datetime.timedelta(seconds=delay))
    task.enqueue(requested_at=requested_at.isoformat())


def snapshot_summary(*, filters: ReportFilters, today: datetime.date) -> tuple[ReportSummary, ReportSnapshot] | None:
    """The dashboard figures for HR's view with `filters`, from today's snapshot; None when there is no snapshot
    of today, or when a filter is one the counts are not kept by (location, manager, completion dates, expiring):
    those views are counted live."""
    if not settings.REPORT_SNAPSHOTS or not snapshot_serves(filters):
        return None
    snapshot = ReportSnapshot.objects.filter(day=today).order_by("-started_at", "-pk").first()
    if snapshot is None:
        return None
    counts = ReportCount.objects.filter(snapshot=snapshot)
    if filters.department_id:
        counts = counts.filter(department_id__in=ids_below(Department, filters.department_id))
    if filters.course_id:
        counts = counts.filter(course_id=filters.course_id)
    measures = [filters.status] if filters.status else STATUS_MEASURES
    groups = (
        counts.filter(measure__in=measures)
        .values_list("department_id", "course_id", "measure")
        .annotate(total=Sum("count"))
        .order_by()
    )
    # Expiring certificates and completions belong to completed enrolments only.
    completed_shown = filters.status in (None, "", EnrolmentStatus.COMPLETED)
    expiring, week_counts = 0, {}
    if completed_shown:
        expiring = counts.filter(measure=ReportCount.Measure.EXPIRING).aggregate(n=Sum("count"))["n"] or 0
        week_counts = dict(
            counts.filter(measure=ReportCount.Measure.COMPLETED_IN_WEEK, week__gte=trend_start(today, TREND_WEEKS))
            .values_list("week")
            .annotate(total=Sum("count"))
            .order_by()
        )
    summary = summary_from_counts(
        groups=groups, expiring=expiring, week_counts=week_counts, today=today, weeks=TREND_WEEKS
    )
    return summary, snapshot


def snapshot_serves(filters: ReportFilters) -> bool:
    """Whether the kept counts can answer a view with `filters`: department, course and status only."""
    return not (
        filters.location_id
        or filters.manager_id
        or filters.completed_from
        or filters.completed_to
        or filters.status == EXPIRING
    )
