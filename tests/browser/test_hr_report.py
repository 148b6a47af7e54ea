"""HR filters the completion report and exports it; an ordinary employee is kept out."""

import csv

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from certificates.models import Certificate
from quizzes.services import attempt_start, attempt_submit
from tests.factories import DepartmentFactory, EmployeeFactory, enrol, right_answers
from training.services import lesson_complete

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV_HEADER = ["email", "name", "department", "course", "status", "completed_at", "score", "certificate_code"]


def staff(username, first_name, last_name, department):
    return EmployeeFactory(
        user__username=username, user__first_name=first_name, user__last_name=last_name, department=department
    ).user


def complete_course(user, course):
    """Read every lesson and pass the quiz through the services, as the learner pages would."""
    enrolment = enrol(user, course)
    for lesson in course.lessons().specific():
        lesson_complete(user=user, lesson=lesson, acknowledged=True)
    attempt = attempt_start(user=user, quiz=course.quiz, enrolment=enrolment)
    attempt_submit(user=user, attempt_id=attempt.pk, answers=right_answers(attempt))
    enrolment.refresh_from_db()
    return enrolment


def report_emails(page) -> list[str]:
    return page.locator("table.report tbody tr td:first-child small").all_inner_texts()


def test_hr_filters_the_report_and_exports_what_it_shows(page, login, hr_user, course):
    nursing, pharmacy = DepartmentFactory(name="Nursing"), DepartmentFactory(name="Pharmacy")
    ada_done = complete_course(staff("ada", "Ada", "Ames", nursing), course)
    enrol(staff("ben", "Ben", "Byrne", nursing), course, due_in_days=-3)
    enrol(staff("cara", "Cara", "Cole", nursing), course, due_in_days=14)
    complete_course(staff("dev", "Dev", "Dutta", pharmacy), course)
    enrol(staff("eve", "Eve", "Ekström", pharmacy), course, due_in_days=-1)
    certificate = Certificate.objects.get(enrolment=ada_done)

    login(page, "hrperson")
    page.get_by_role("link", name="HR reports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Completion report")
    expect(page.locator("table.report tbody tr")).to_have_count(5)
    expect(page.get_by_text("5 rows.")).to_be_visible()
    # Departments come first, then surnames: Nursing before Pharmacy.
    assert report_emails(page) == [
        "ada@example.org",
        "ben@example.org",
        "cara@example.org",
        "dev@example.org",
        "eve@example.org",
    ]
    ben_row = page.locator("table.report tbody tr", has_text="ben@example.org")
    expect(ben_row.locator(".status")).to_have_text("Overdue")
    cara_row = page.locator("table.report tbody tr", has_text="cara@example.org")
    expect(cara_row.locator(".status")).to_have_text("Not started")

    page.locator("#id_department").select_option(label="Nursing")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("table.report tbody tr")).to_have_count(3)
    assert report_emails(page) == ["ada@example.org", "ben@example.org", "cara@example.org"]
    expect(page.locator("table.report tbody td:nth-child(2)")).to_have_text(["Nursing"] * 3)

    # The department choice survives the reload; the status narrows it further.
    expect(page.locator("#id_department")).to_have_value(str(nursing.pk))
    page.locator("#id_status").select_option(label="Completed")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("table.report tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Ada Ames")
    expect(rows.first.locator(".status")).to_have_text("Completed")
    expect(rows.first).to_contain_text("100 %")
    expect(rows.first.get_by_role("link", name=certificate.code)).to_be_visible()
    expect(page.get_by_text("1 row.")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    download = download_info.value
    assert download.suggested_filename == f"completion-{timezone.localdate().isoformat()}.csv"
    with open(download.path(), newline="", encoding="utf-8") as handle:
        lines = list(csv.reader(handle))

    assert lines[0] == CSV_HEADER
    assert lines[1:] == [
        [
            "ada@example.org",
            "Ada Ames",
            "Nursing",
            "Test course",
            "completed",
            timezone.localtime(ada_done.completed_at).isoformat(),
            "100.00",
            certificate.code,
        ]
    ]


def test_employee_gets_the_not_allowed_page(page, login, employee):
    login(page, "learner")
    expect(page.get_by_role("link", name="HR reports")).to_have_count(0)

    response = page.goto("/hr/")

    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Not allowed")
    expect(page.locator("main")).to_contain_text("Only HR and managers can see completion reports.")
    expect(page.locator("table.report")).to_have_count(0)

    response = page.goto("/hr/export.csv")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Not allowed")
