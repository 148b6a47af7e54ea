"""The HR dashboard: figures, charts, the wider filters, sorting, drill-down and a person's transcript."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from tests.factories import make_course
from tests.training.test_hr_report_views import report_rows
from training.models import Department, Employee, Enrolment, Location
from training.reports import completion_report_rows, report_summary

pytestmark = pytest.mark.django_db
REPORT = reverse("training:hr_report")


@pytest.fixture
def hr_client(client, hr_user):
    client.force_login(hr_user)
    return client


def test_overview_counts_each_status_and_expiring_certificates(hr_user, staff):
    Certificate.objects.update(valid_until=timezone.localdate() + datetime.timedelta(days=10))

    overview = report_summary(rows=completion_report_rows(viewer=hr_user)).overview

    assert (overview.total, overview.completed, overview.in_progress, overview.not_started, overview.overdue) == (
        4,
        1,
        1,
        1,
        1,
    )
    assert overview.expiring == 1 and overview.completion_rate == 25


def test_completion_by_department_puts_the_weakest_first(hr_user, staff):
    bars = report_summary(rows=completion_report_rows(viewer=hr_user)).by_department

    assert [(bar.label, bar.completed, bar.total, bar.percent) for bar in bars] == [
        ("Pharmacy", 0, 2, 0),
        ("Nursing", 1, 2, 50),
    ]


def test_completion_by_course_puts_the_weakest_first_and_the_counts_add_up(hr_user, staff, course):
    from tests.factories import enrol

    other_course = make_course(title="Other course")
    enrol(staff["nora"], other_course)

    summary = report_summary(rows=completion_report_rows(viewer=hr_user))

    assert [(bar.label, bar.completed, bar.total) for bar in summary.by_course] == [
        ("Other course", 0, 1),
        (course.title, 1, 4),
    ]
    assert sum(bar.total for bar in summary.by_department) == summary.overview.total == 5
    assert [bar.completed for bar in summary.trend] == [0] * 11 + [1]  # completed this week


def test_trend_counts_completions_by_week_and_leaves_out_older_ones(hr_user, staff):
    today = timezone.localdate()
    staff["completed"].__class__.objects.filter(pk=staff["completed"].pk).update(
        completed_at=timezone.now() - datetime.timedelta(weeks=2)
    )

    trend = report_summary(rows=completion_report_rows(viewer=hr_user), today=today).trend
    assert [bar.completed for bar in trend] == [0] * 9 + [1, 0, 0]

    staff["completed"].__class__.objects.filter(pk=staff["completed"].pk).update(
        completed_at=timezone.now() - datetime.timedelta(weeks=20)
    )
    trend = report_summary(rows=completion_report_rows(viewer=hr_user), today=today).trend
    assert sum(bar.completed for bar in trend) == 0


def test_dashboard_shows_figures_and_drill_down_links(hr_client, staff):
    page = hr_client.get(REPORT).content.decode()

    assert "<strong>25 %</strong> completed" in page and "<strong>1</strong> overdue" in page
    assert f'href="?department={staff["pharmacy"].pk}">Pharmacy</a>' in page
    assert 'role="img" aria-label="Completions per week over the last 12 weeks"' in page
    assert reverse("training:transcript", kwargs={"user_id": staff["olga"].pk}) in page


def test_department_filter_includes_sub_departments(hr_client, staff):
    ward = Department.objects.create(name="Ward 7", parent=staff["nursing"])
    Employee.objects.filter(user=staff["ivan"]).update(department=ward)

    rows = report_rows(hr_client.get(REPORT, {"department": staff["nursing"].pk}))

    assert set(rows) == {staff["lena"].email, staff["ivan"].email}


def test_location_manager_course_expiring_and_date_filters(hr_client, hr_user, staff):
    seoul = Location.objects.create(name="Seoul")
    Employee.objects.filter(user__in=[staff["olga"], staff["nora"]]).update(location=seoul)
    other_course = make_course(title="Other course")
    from tests.factories import enrol

    enrol(staff["nora"], other_course)
    completed_on = timezone.localdate(staff["completed"].completed_at)

    def emails(**query):
        return set(report_rows(hr_client.get(REPORT, query)))

    assert emails(location=seoul.pk) == {staff["olga"].email, staff["nora"].email}
    # The boss's team: Lena and Ivan directly, Olga through Ivan.
    assert emails(manager=staff["boss"].pk) == {staff["lena"].email, staff["ivan"].email, staff["olga"].email}
    assert emails(course=other_course.pk) == {staff["nora"].email}
    assert emails(completed_from=completed_on.isoformat(), completed_to=completed_on.isoformat()) == {
        staff["lena"].email
    }
    assert emails(completed_from=(completed_on + datetime.timedelta(days=1)).isoformat()) == set()
    Certificate.objects.update(valid_until=timezone.localdate() + datetime.timedelta(days=40))
    assert emails(status="expiring") == set()
    Certificate.objects.update(valid_until=timezone.localdate() + datetime.timedelta(days=20))
    assert emails(status="expiring") == {staff["lena"].email}


def test_sorting_uses_only_known_columns(hr_client, staff):
    def order(sort):
        page = hr_client.get(REPORT, {"sort": sort}).content.decode()
        table = page.split('<table class="report">', 1)[1]
        return re.findall(r"<small>([^<]+@example\.org)</small>", table)

    assert order("due")[0] == staff["olga"].email, "overdue (yesterday) first"
    assert order("-score")[0] == order("score")[0] == staff["lena"].email, "people with no score yet come last"
    assert order("name") == [staff[name].email for name in ("olga", "lena", "ivan", "nora")]  # Late, Learner, …
    assert order("-name") == [staff[name].email for name in ("nora", "ivan", "lena", "olga")]
    page = hr_client.get(REPORT, {"sort": "user__password"})
    assert page.status_code == 200 and "Ignored a filter that was not understood" in page.content.decode()
    assert 'aria-sort="ascending"' in hr_client.get(REPORT, {"sort": "due"}).content.decode()


def test_report_filters_ignore_ids_outside_the_viewers_scope(client, staff):
    """A manager who puts another department's id in the URL or the export still sees only their team."""
    client.force_login(staff["boss"])
    rows = report_rows(client.get(REPORT, {"department": staff["pharmacy"].pk}))
    export = b"".join(client.get(reverse("training:hr_export_csv"), {"manager": staff["ivan"].pk}).streaming_content)

    assert set(rows) <= {staff["lena"].email, staff["ivan"].email, staff["olga"].email}
    assert staff["nora"].email.encode() not in export


def test_transcript_shows_every_cycle_attempt_lesson_and_certificate(hr_client, staff):
    page = hr_client.get(reverse("training:transcript", kwargs={"user_id": staff["lena"].pk})).content.decode()
    certificate = Certificate.objects.get()

    assert "Training record: Lena Learner" in page
    assert certificate.code in page
    assert "I have read and understood the code." in page
    assert "100 % — passed" in page
    assert "Lesson 1" in page and "revision" in page


def test_transcript_access_for_self_manager_hr_and_nobody_else(client, staff, outsider):
    url = reverse("training:transcript", kwargs={"user_id": staff["olga"].pk})
    for user, status in [
        (staff["olga"], 200),
        (staff["boss"], 200),
        (staff["ivan"], 200),
        (staff["nora"], 404),
        (outsider, 404),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == status, user.username
    client.force_login(staff["olga"])
    assert client.get(reverse("training:my_transcript"))["Location"] == url


def test_people_without_employee_records_do_not_break_the_dashboard(hr_client, course):
    from tests.factories import UserFactory, enrol

    enrol(UserFactory(username="contractor"), course)
    page = hr_client.get(REPORT).content.decode()
    assert "contractor@example.org" in page and "No department" in page


@pytest.fixture
def cached_figures(settings):
    from django.core.cache import cache

    settings.REPORT_FIGURES_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_figures_are_reused_for_a_while_and_counted_again_on_request(cached_figures, hr_client, staff):
    assert "<strong>1</strong> overdue" in hr_client.get(REPORT).content.decode()
    Enrolment.objects.filter(user=staff["ivan"]).update(due_date=timezone.localdate() - datetime.timedelta(days=3))

    page = hr_client.get(REPORT).content.decode()
    assert "<strong>1</strong> overdue" in page and "counted again every few minutes" in page
    # The table is live even while the figures are reused.
    assert set(report_rows(hr_client.get(REPORT, {"status": "overdue"}))) == {staff["olga"].email, staff["ivan"].email}

    page = hr_client.get(REPORT, {"refresh": "1"}).content.decode()
    assert "<strong>2</strong> overdue" in page
    assert "refresh=1&amp;" not in page and "&amp;refresh=1&amp;page" not in page


def test_cached_figures_are_not_shared_between_viewers_who_see_different_rows(cached_figures, client, hr_user, staff):
    def totals():
        return re.search(r"<small>(\d+) of (\d+)</small>", client.get(REPORT).content.decode()).groups()

    client.force_login(hr_user)
    assert totals() == ("1", "4")
    client.force_login(staff["boss"])  # manages Lena and Ivan (and, through Ivan, Olga)
    assert totals() == ("1", "3")
    client.force_login(hr_user)
    assert totals() == ("1", "4")


def test_hr_moves_a_due_date_from_the_training_record_and_the_person_is_no_longer_overdue(hr_client, staff):
    olga_enrolment = Enrolment.objects.get(user=staff["olga"])
    record = reverse("training:transcript", kwargs={"user_id": staff["olga"].pk})
    change = reverse("training:enrolment_due_date", kwargs={"enrolment_id": olga_enrolment.pk})
    assert f'action="{change}"' in hr_client.get(record).content.decode()
    new_date = timezone.localdate() + datetime.timedelta(days=10)

    page = hr_client.post(
        change, {"due_date": new_date.isoformat(), "reason": "Sick leave"}, follow=True
    ).content.decode()

    assert f"is now due {new_date:%Y-%m-%d}" in page and f"due {new_date:%Y-%m-%d}" in page
    assert staff["olga"].email not in report_rows(hr_client.get(REPORT, {"status": "overdue"}))


@pytest.mark.parametrize(
    "value, message",
    [
        ("yesterday", "Enter the new due date as a date"),
        ("2020-01-01", "A new due date must be today or later."),
    ],
)
def test_a_due_date_that_is_not_a_date_or_in_the_past_is_refused_and_nothing_changes(hr_client, staff, value, message):
    enrolment = Enrolment.objects.get(user=staff["olga"])
    change = reverse("training:enrolment_due_date", kwargs={"enrolment_id": enrolment.pk})

    page = hr_client.post(change, {"due_date": value, "reason": "Sick leave"}, follow=True).content.decode()

    assert message in page
    assert Enrolment.objects.get(pk=enrolment.pk).due_date == enrolment.due_date


def test_a_completed_trainings_due_date_stays_and_the_form_is_not_offered(hr_client, staff):
    completed = staff["completed"]
    record = hr_client.get(reverse("training:transcript", kwargs={"user_id": staff["lena"].pk})).content.decode()
    change = reverse("training:enrolment_due_date", kwargs={"enrolment_id": completed.pk})
    assert change not in record

    page = hr_client.post(change, {"due_date": "2099-01-01", "reason": "Sick leave"}, follow=True).content.decode()

    assert "its due date can no longer change" in page
    assert Enrolment.objects.get(pk=completed.pk).due_date == completed.due_date


def test_only_hr_may_move_due_dates(client, staff):
    enrolment = Enrolment.objects.get(user=staff["ivan"])
    change = reverse("training:enrolment_due_date", kwargs={"enrolment_id": enrolment.pk})
    for person in (staff["boss"], staff["ivan"]):  # his manager, and Ivan himself
        client.force_login(person)
        record = client.get(reverse("training:transcript", kwargs={"user_id": staff["ivan"].pk})).content.decode()
        assert change not in record
        assert client.post(change, {"due_date": "2099-01-01", "reason": "Sick leave"}).status_code == 403
    assert Enrolment.objects.get(pk=enrolment.pk).due_date == enrolment.due_date
