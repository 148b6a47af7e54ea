"""The completion report at /hr/ and its CSV export at /hr/export.csv."""

import csv
import datetime
import html
import io
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from tests.factories import DepartmentFactory, EmployeeFactory, enrol, make_course, pass_course, read_all_lessons
from training.models import Enrolment
from training.views import REPORT_PAGE_SIZE

REPORT = reverse("training:hr_report")
EXPORT = reverse("training:hr_export_csv")
HEADER = ["email", "name", "department", "course", "status", "completed_at", "score", "certificate_code"]


def report_rows(response) -> dict[str, list[str]]:
    """The report table as {email: [cells as text]}."""
    assert response.status_code == 200
    table = response.content.decode().split('<table class="report">', 1)[1]
    body = table.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [
            html.unescape(re.sub(r"<[^>]+>", " ", cell)).split()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        if len(cells) == 8:
            rows[cells[0][-1]] = [" ".join(cell) for cell in cells]
    return rows


def export_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))


def emails(*users) -> set[str]:
    return {user.email for user in users}


@pytest.fixture
def hr_client(client, hr_user):
    client.force_login(hr_user)
    return client


# What HR sees


@pytest.mark.django_db
def test_hr_sees_everyone_with_department_status_completion_score_and_certificate(hr_client, staff):
    certificate = Certificate.objects.get()
    completed_on = timezone.localdate(staff["completed"].completed_at).isoformat()

    rows = report_rows(hr_client.get(REPORT))

    assert set(rows) == emails(staff["lena"], staff["ivan"], staff["olga"], staff["nora"])
    # Employee, department, course, status, due, completed, score, certificate.
    assert rows["learner@example.org"][1:4] == ["Nursing", "Test course", "Completed"]
    assert rows["learner@example.org"][5:] == [completed_on, "100 %", certificate.code]
    assert rows["ivan@example.org"][1:4] == ["Nursing", "Test course", "In progress"]
    assert rows["ivan@example.org"][5:] == ["—", "—", "—"]
    assert rows["olga@example.org"][1:5] == ["Pharmacy", "Test course", "Overdue", staff["yesterday"].isoformat()]
    assert rows["nora@example.org"][1:4] == ["Pharmacy", "Test course", "Not started"]
    assert rows["learner@example.org"][0] == "Lena Learner learner@example.org"
    assert "4 rows." in hr_client.get(REPORT).content.decode()


@pytest.mark.django_db
def test_certificate_code_links_to_its_pdf_for_hr(hr_client, staff):
    certificate = Certificate.objects.get()

    page = hr_client.get(REPORT).content.decode()

    assert f'<a href="{certificate.get_pdf_url()}">{certificate.code}</a>' in page
    assert hr_client.get(certificate.get_pdf_url()).status_code == 200


@pytest.mark.django_db
def test_filter_by_department(hr_client, staff):
    rows = report_rows(hr_client.get(REPORT, {"department": staff["pharmacy"].pk}))

    assert set(rows) == emails(staff["olga"], staff["nora"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "who"),
    [("completed", "lena"), ("in_progress", "ivan"), ("overdue", "olga"), ("not_started", "nora")],
)
def test_filter_by_status(hr_client, staff, status, who):
    rows = report_rows(hr_client.get(REPORT, {"status": status}))

    assert set(rows) == emails(staff[who])


@pytest.mark.django_db
def test_completed_after_the_due_date_counts_as_completed_not_overdue(client, hr_client, staff):
    Enrolment.objects.filter(pk=staff["completed"].pk).update(due_date=staff["yesterday"])

    assert report_rows(hr_client.get(REPORT))["learner@example.org"][3] == "Completed"
    assert set(report_rows(hr_client.get(REPORT, {"status": "overdue"}))) == emails(staff["olga"])
    assert export_rows(hr_client.get(EXPORT, {"status": "completed"}))[1][0] == "learner@example.org"
    client.force_login(staff["lena"])
    assert "Completed" in client.get(reverse("training:learn")).content.decode()


@pytest.mark.django_db
def test_filters_combine(hr_client, staff):
    rows = report_rows(hr_client.get(REPORT, {"department": staff["nursing"].pk, "status": "in_progress"}))

    assert set(rows) == emails(staff["ivan"])
    assert (
        "No one matches these filters."
        in hr_client.get(REPORT, {"department": staff["nursing"].pk, "status": "overdue"}).content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"department": "abc"},
        {"department": "999999"},
        {"department": "1.5"},
        {"status": "bogus"},
        {"status": "COMPLETED"},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "999"},
        {"department": "abc", "status": "bogus", "page": "x"},
    ],
    ids=lambda query: "&".join(f"{key}={value}" for key, value in query.items()),
)
def test_invalid_filters_show_the_unfiltered_report(hr_client, staff, query):
    rows = report_rows(hr_client.get(REPORT, query))

    assert set(rows) == emails(staff["lena"], staff["ivan"], staff["olga"], staff["nora"])


@pytest.mark.django_db
def test_one_bad_filter_is_ignored_with_a_message_and_the_others_still_apply(hr_client, staff):
    response = hr_client.get(REPORT, {"department": "abc", "status": "completed"})

    assert set(report_rows(response)) == emails(staff["lena"])
    assert "Ignored a filter that was not understood" in response.content.decode()
    assert "Ignored a filter" not in hr_client.get(REPORT, {"status": "completed"}).content.decode()


@pytest.mark.django_db
def test_invalid_filter_in_the_export_exports_everything(hr_client, staff):
    assert len(export_rows(hr_client.get(EXPORT, {"department": "abc", "status": "bogus"}))) == 1 + 4


@pytest.mark.django_db
def test_people_without_a_department_or_employee_record_are_still_listed(hr_client, course, editor):
    homeless = EmployeeFactory(user__username="homeless", department=None).user
    enrol(homeless, course)
    enrol(editor, course)

    rows = report_rows(hr_client.get(REPORT))
    export = {line[0]: line for line in export_rows(hr_client.get(EXPORT))[1:]}

    assert rows["homeless@example.org"][1] == rows["editor@example.org"][1] == "—"
    assert export["homeless@example.org"][2] == export["editor@example.org"][2] == ""


@pytest.mark.django_db
def test_department_filter_offers_hr_every_department_and_a_manager_their_teams(hr_client, client, staff):
    DepartmentFactory(name="Empty department")

    page = hr_client.get(REPORT).content.decode()
    client.force_login(staff["boss"])
    managers_page = client.get(REPORT).content.decode()

    assert f'<option value="{staff["nursing"].pk}">Nursing</option>' in page
    assert f'<option value="{staff["pharmacy"].pk}">Pharmacy</option>' in page
    assert "Empty department" in page, "HR may filter by any department, even one with nobody enrolled yet"
    # The boss's team: Lena and Ivan (Nursing) and Olga (Pharmacy, through Ivan).
    assert f'<option value="{staff["pharmacy"].pk}">Pharmacy</option>' in managers_page
    assert "Empty department" not in managers_page


# Pagination


@pytest.mark.django_db
def test_report_is_paginated_and_pages_keep_the_filter(hr_client, course):
    department = DepartmentFactory(name="Big")
    for number in range(REPORT_PAGE_SIZE + 1):
        enrol(EmployeeFactory(user__username=f"p{number:03}", department=department).user, course)

    first = hr_client.get(REPORT, {"status": "not_started"})
    second = hr_client.get(REPORT, {"status": "not_started", "page": 2})

    assert len(report_rows(first)) == REPORT_PAGE_SIZE
    assert len(report_rows(second)) == 1
    assert set(report_rows(first)).isdisjoint(report_rows(second))
    first_page = first.content.decode()
    assert f"{REPORT_PAGE_SIZE + 1} rows." in first_page
    assert "Page 1 of 2" in first_page
    assert 'href="?status=not_started&amp;page=2">Next</a>' in first_page
    assert 'href="?status=not_started&amp;page=1">Previous</a>' in second.content.decode()
    # The export is not paginated.
    assert len(export_rows(hr_client.get(EXPORT, {"status": "not_started"}))) == 1 + REPORT_PAGE_SIZE + 1


# The CSV export


@pytest.mark.django_db
def test_export_has_the_agreed_header_and_the_report_rows(hr_client, staff):
    response = hr_client.get(EXPORT)

    lines = export_rows(response)
    assert lines[0] == HEADER
    assert b"".join(hr_client.get(EXPORT).streaming_content).startswith(",".join(HEADER).encode() + b"\r\n")
    stamp = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="completion-{stamp}.csv"'
    by_email = {line[0]: line for line in lines[1:]}
    assert set(by_email) == emails(staff["lena"], staff["ivan"], staff["olga"], staff["nora"])
    certificate = Certificate.objects.get()
    lena = by_email["learner@example.org"]
    assert lena[1:5] == ["Lena Learner", "Nursing", "Test course", "completed"]
    assert datetime.datetime.fromisoformat(lena[5]) == staff["completed"].completed_at
    assert Decimal(lena[6]) == Decimal("100")
    assert lena[7] == certificate.code
    assert by_email["olga@example.org"][1:] == ["Olga Late", "Pharmacy", "Test course", "overdue", "", "", ""]
    assert by_email["ivan@example.org"][4] == "in_progress"
    assert by_email["nora@example.org"][4] == "not_started"


@pytest.mark.django_db
def test_export_follows_the_filter(hr_client, staff):
    page_rows = report_rows(hr_client.get(REPORT, {"department": staff["pharmacy"].pk, "status": "overdue"}))
    export = export_rows(hr_client.get(EXPORT, {"department": staff["pharmacy"].pk, "status": "overdue"}))

    assert [line[0] for line in export[1:]] == list(page_rows) == [staff["olga"].email]


@pytest.mark.django_db
def test_report_links_the_export_with_the_current_filter(hr_client, staff):
    page = hr_client.get(REPORT, {"department": staff["pharmacy"].pk, "status": "overdue"}).content.decode()

    assert f'href="{EXPORT}?department={staff["pharmacy"].pk}&amp;status=overdue"' in page


@pytest.mark.django_db
@pytest.mark.parametrize("first_name", ['=HYPERLINK("x")', "+1", "-1", "@x", "=1+1"])
def test_export_cells_cannot_become_spreadsheet_formulas(hr_client, course, first_name):
    user = EmployeeFactory(
        user__username="formula", user__first_name=first_name, user__last_name="Person", department__name="=cmd|x"
    ).user
    enrol(user, course)

    (line,) = export_rows(hr_client.get(EXPORT))[1:]

    assert line[1] == "'" + f"{first_name} Person"
    assert line[2] == "'=cmd|x"
    assert line[0] == "formula@example.org"


# Who may see the report


@pytest.mark.django_db
@pytest.mark.parametrize("url", [REPORT, EXPORT])
def test_employees_are_refused(client, staff, url):
    for who in ("lena", "nora"):
        client.force_login(staff[who])
        response = client.get(url)
        assert response.status_code == 403
        assert b"Olga" not in response.content and b"learner@example.org" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("url", [REPORT, EXPORT])
def test_anonymous_is_sent_to_login(client, staff, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.django_db
def test_manager_sees_direct_and_indirect_reports_only(client, staff):
    client.force_login(staff["boss"])

    rows = report_rows(client.get(REPORT))
    export = export_rows(client.get(EXPORT))

    team = emails(staff["lena"], staff["ivan"], staff["olga"])
    assert set(rows) == team
    assert {line[0] for line in export[1:]} == team


@pytest.mark.django_db
def test_manager_sees_team_certificate_codes_without_a_link_they_cannot_open(client, staff):
    certificate = Certificate.objects.get()
    client.force_login(staff["boss"])

    rows = report_rows(client.get(REPORT))
    page = client.get(REPORT).content.decode()

    assert rows["learner@example.org"][7] == certificate.code
    assert client.get(certificate.get_pdf_url()).status_code == 404
    assert certificate.get_pdf_url() not in page


@pytest.mark.django_db
def test_middle_manager_sees_only_their_own_report(client, staff):
    client.force_login(staff["ivan"])

    assert set(report_rows(client.get(REPORT))) == emails(staff["olga"])
    assert 'href="/hr/"' in client.get(reverse("training:learn")).content.decode()


@pytest.mark.django_db
def test_manager_cannot_widen_the_report_with_another_department(client, staff):
    outside = EmployeeFactory(user__username="stranger", department__name="Finance").user
    enrol(outside, staff["completed"].course)
    client.force_login(staff["boss"])

    page = client.get(REPORT, {"department": outside.employee.department_id})
    export = export_rows(client.get(EXPORT, {"department": outside.employee.department_id}))

    assert outside.email not in report_rows(page)
    assert "Finance" not in page.content.decode()
    assert outside.email not in {line[0] for line in export[1:]}


@pytest.mark.django_db
def test_manager_filtering_by_status_stays_within_the_team(client, staff):
    client.force_login(staff["boss"])

    assert set(report_rows(client.get(REPORT, {"status": "not_started"}))) == set()
    assert set(report_rows(client.get(REPORT, {"status": "overdue"}))) == emails(staff["olga"])


@pytest.mark.django_db
def test_inactive_hr_account_is_refused(client, hr_user, staff):
    hr_user.is_active = False
    hr_user.save()
    client.force_login(hr_user)

    response = client.get(REPORT)

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# Queries do not grow with the number of rows


def _people(course, count):
    departments = [DepartmentFactory(name=f"Dept {number}") for number in range(3)]
    for number in range(count):
        user = EmployeeFactory(user__username=f"e{number}", department=departments[number % 3]).user
        enrolment = enrol(user, course, due_in_days=-1 if number % 3 == 1 else 14)
        if number % 3 == 0:
            done = timezone.now() - datetime.timedelta(days=number)
            Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=done, score=90, started_at=done)
            Certificate.objects.create(
                user=user,
                enrolment=enrolment,
                issued_for=enrolment,
                holder_name=user.get_full_name(),
                course_title=course.title,
                score=90,
                completed_at=done,
                valid_until=timezone.localdate() + datetime.timedelta(days=300),
            )


# Session, user, permissions (2); filter choices (departments, locations, managers, courses); count, rows;
# overview and expiring count, by department, by course, weekly trend. (No Wagtail user bar outside content pages.)
HR_REPORT_QUERIES = 15


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 30])
def test_report_queries_do_not_grow_with_rows(hr_client, course, count, django_assert_max_num_queries):
    _people(course, count)
    cache.clear()

    with django_assert_max_num_queries(HR_REPORT_QUERIES):
        response = hr_client.get(REPORT)

    assert len(report_rows(response)) == count


# Session, user, enrolments, lessons read, acknowledgements, lessons, permissions (2), team check, site; and for the
# learner's language: the active locale (courses and lessons as translated) and the home page's translations (links).
LEARN_QUERIES = 12


@pytest.mark.django_db
@pytest.mark.parametrize("courses", [1, 4])
def test_learn_page_queries_do_not_grow_with_courses(client, employee, courses, django_assert_max_num_queries):
    for number in range(courses):
        course = make_course(title=f"Course {number}")
        enrolment = enrol(employee, course)
        if number % 2:
            pass_course(employee, course, enrolment)
        else:
            read_all_lessons(employee, course)
    client.force_login(employee)
    cache.clear()

    with django_assert_max_num_queries(LEARN_QUERIES):
        response = client.get(reverse("training:learn"))

    assert response.content.decode().count('class="card course-card"') == courses
