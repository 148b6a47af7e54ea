"""HR's dashboard figures counted ahead of time: the same figures as counting live, kept fresh as enrolments
change, and never served for a view or a day they do not describe."""

import datetime
import re

import pytest
from django.tasks import default_task_backend
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from tests.factories import UserFactory, enrol, make_course, read_all_lessons, right_answers
from tests.training.test_hr_report_views import report_rows
from training.models import Department, Employee, Enrolment, EnrolmentStatus, ReportSnapshot
from training.reports import EXPIRING, ReportFilters, completion_report_rows, report_summary
from training.snapshots import report_snapshot_build, report_snapshot_refresh, report_snapshot_request, snapshot_summary

pytestmark = pytest.mark.django_db
REPORT = reverse("training:hr_report")


@pytest.fixture
def snapshots(settings):
    settings.REPORT_SNAPSHOTS = True
    settings.REPORT_FIGURES_CACHE_SECONDS = 0
    return settings


@pytest.fixture
def hr_client(client, hr_user):
    client.force_login(hr_user)
    return client


@pytest.fixture
def organisation(staff, course):
    """`staff` (one person in each status) and more: a sub-department, a second course, completions weeks apart,
    a certificate about to expire, and a contractor without an HR record."""
    today = timezone.localdate()
    ward = Department.objects.create(name="Ward 7", parent=staff["nursing"])
    Employee.objects.filter(user=staff["ivan"]).update(department=ward)
    second = make_course(title="Second course")
    for person, days in ((staff["lena"], 10), (staff["olga"], -3), (staff["nora"], 5)):
        enrol(person, second, due_in_days=days)
    Enrolment.objects.filter(user=staff["nora"], course=second).update(
        started_at=timezone.now(), completed_at=timezone.now() - datetime.timedelta(weeks=3), score=90
    )
    Certificate.objects.update(valid_until=today + datetime.timedelta(days=12))
    enrol(UserFactory(username="contractor"), course, due_in_days=-2)
    return {**staff, "ward": ward, "second": second}


def test_kept_counts_give_the_same_figures_as_counting_live_for_every_view_they_serve(
    snapshots, hr_user, organisation, course
):
    today = timezone.localdate()
    report_snapshot_build(today=today)
    views = [
        ReportFilters(),
        ReportFilters(department_id=organisation["nursing"].pk),  # with its sub-department
        ReportFilters(department_id=organisation["ward"].pk),
        ReportFilters(course_id=organisation["second"].pk),
        ReportFilters(course_id=course.pk, department_id=organisation["pharmacy"].pk),
        *(ReportFilters(status=status) for status in EnrolmentStatus.values),
        ReportFilters(status=EnrolmentStatus.COMPLETED, course_id=course.pk),
    ]
    for filters in views:
        live = report_summary(rows=completion_report_rows(viewer=hr_user, filters=filters, today=today), today=today)
        kept, snapshot = snapshot_summary(filters=filters, today=today)
        assert kept == live, filters
    everything = snapshot_summary(filters=ReportFilters(), today=today)[0]
    assert everything.overview.total == 8 and everything.overview.expiring == 1
    assert sum(bar.completed for bar in everything.trend) == 2


@pytest.mark.parametrize(
    "filters",
    [
        ReportFilters(location_id=1),
        ReportFilters(manager_id=1),
        ReportFilters(status=EXPIRING),
        ReportFilters(completed_from=datetime.date(2026, 1, 1)),
        ReportFilters(completed_to=datetime.date(2026, 1, 1)),
    ],
)
def test_views_the_counts_are_not_kept_by_are_counted_live(snapshots, organisation, filters):
    report_snapshot_build()
    assert snapshot_summary(filters=filters, today=timezone.localdate()) is None


def overdue_on(page: str) -> int:
    return int(re.search(r"<strong>(\d+)</strong> overdue", page).group(1))


def test_dashboard_shows_the_kept_figures_with_their_time_and_a_live_table(snapshots, hr_client, organisation):
    report_snapshot_build()
    # A change the services did not make (as if made a moment ago and not yet counted).
    Enrolment.objects.filter(user=organisation["ivan"]).update(due_date=timezone.localdate() - datetime.timedelta(1))

    page = hr_client.get(REPORT).content.decode()

    assert overdue_on(page) == 3 and "counted again shortly after enrolments change" in page
    assert organisation["ivan"].email in report_rows(hr_client.get(REPORT, {"status": "overdue"}))


def test_count_again_now_counts_live_and_keeps_the_new_counts(
    snapshots, hr_client, organisation, django_capture_on_commit_callbacks
):
    report_snapshot_build()
    Enrolment.objects.filter(user=organisation["ivan"]).update(due_date=timezone.localdate() - datetime.timedelta(1))

    with django_capture_on_commit_callbacks(execute=True):
        page = hr_client.get(REPORT, {"refresh": "1"}).content.decode()

    assert overdue_on(page) == 4 and "counted again shortly" not in page
    assert overdue_on(hr_client.get(REPORT).content.decode()) == 4  # from the snapshot the refresh made
    assert ReportSnapshot.objects.count() == 1


def test_a_learner_passing_the_quiz_is_counted_once_the_submit_commits(
    snapshots, hr_client, organisation, course, django_capture_on_commit_callbacks
):
    report_snapshot_build()
    ivan = organisation["ivan"]
    read_all_lessons(ivan, course)
    client = Client()
    client.force_login(ivan)
    attempt = client.get(reverse("quizzes:take", kwargs={"course_id": course.pk})).context["attempt"]
    form = {f"q{question}": choices for question, choices in right_answers(attempt).items()}
    form["sequence"] = str(attempt.sequence)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("quizzes:attempt_submit", kwargs={"attempt_id": attempt.pk}), form)
    assert response.status_code == 302

    page = hr_client.get(REPORT, {"course": course.pk}).content.decode()
    assert "counted again shortly" in page
    assert re.search(r"<strong>(\d+) %</strong> completed", page).group(1) == "40"  # Lena and now Ivan, of 5


def test_yesterdays_counts_are_not_shown_the_first_view_of_the_day_counts_live_and_keeps_them(
    snapshots, hr_client, organisation, django_capture_on_commit_callbacks
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    report_snapshot_build(today=yesterday)  # Olga was not overdue yet, say
    ReportSnapshot.objects.update(started_at=timezone.now() - datetime.timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        page = hr_client.get(REPORT).content.decode()

    assert overdue_on(page) == 3 and "counted again shortly" not in page
    assert list(ReportSnapshot.objects.values_list("day", flat=True)) == [timezone.localdate()]


def test_managers_figures_are_always_their_own_teams(snapshots, client, organisation):
    report_snapshot_build()
    client.force_login(organisation["boss"])

    page = client.get(REPORT).content.decode()

    assert "counted again shortly" not in page
    # Lena, Ivan and Olga on the course, Lena and Olga on the second one: 5 of everyone's 9 enrolments.
    assert re.search(r"<small>(\d+) of (\d+)</small>", page).groups() == ("1", "5")


def test_a_count_already_started_after_a_change_is_not_repeated(snapshots, organisation):
    before = timezone.now()
    first = report_snapshot_build()

    assert report_snapshot_refresh(requested_at=before) is None
    second = report_snapshot_refresh(requested_at=timezone.now())

    assert second.pk != first.pk and list(ReportSnapshot.objects.values_list("pk", flat=True)) == [second.pk]


def test_a_burst_of_changes_asks_for_one_deferred_count(snapshots, organisation, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    cache.clear()
    snapshots.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    snapshots.REPORT_SNAPSHOT_DELAY_SECONDS = 30
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            report_snapshot_request()

    queued = [result for result in default_task_backend.results if result.task.name == "report_snapshot_refresh_task"]
    assert len(queued) == 1
    delay = queued[0].task.run_after - timezone.now()
    assert datetime.timedelta(seconds=25) < delay <= datetime.timedelta(seconds=30)
    cache.clear()


def test_nothing_is_asked_for_when_the_counts_are_off(settings, organisation, django_capture_on_commit_callbacks):
    settings.REPORT_SNAPSHOTS = False
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report_snapshot_request()
    assert callbacks == []


def test_dashboard_from_kept_counts_reads_a_fixed_number_of_queries(snapshots, hr_client, organisation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert "counted again shortly" in hr_client.get(REPORT).content.decode()
        return len(captured)

    report_snapshot_build()
    few = queries()
    for number in range(60):
        enrol(UserFactory(username=f"extra{number}"), organisation["second"])
    report_snapshot_build()
    assert queries() == few <= 16
