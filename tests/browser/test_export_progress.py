"""A large export's page follows the background job until its file is ready, under a policy without inline scripts."""

import csv

import pytest
from playwright.sync_api import expect

from tests.factories import EmployeeFactory, enrol
from training.exports import export_job_run
from training.models import ExportJob

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'"


def with_strict_csp(route):
    response = route.fetch()
    route.fulfill(response=response, headers={**response.headers, "content-security-policy": STRICT_CSP})


def test_export_page_shows_progress_then_the_download_link(page, login, hr_user, course):
    for name in ("ada", "ben", "cara"):
        enrol(EmployeeFactory(user__username=name).user, course)
    job = ExportJob.objects.create(requested_by=hr_user, format="csv", rows_total=3)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.route("**/hr/exports/**", with_strict_csp)

    login(page, "hrperson")
    assert page.goto(f"/hr/exports/{job.pk}/").headers["content-security-policy"] == STRICT_CSP
    expect(page.get_by_role("status")).to_contain_text("Waiting to start — 0 of 3 rows")
    download_link = page.get_by_role("link", name="Download the CSV file")
    expect(download_link).to_be_hidden()

    export_job_run(job_id=job.pk)  # what the worker does

    expect(page.get_by_role("status")).to_contain_text("Ready — 3 of 3 rows")
    expect(download_link).to_be_visible()
    with page.expect_download() as download:
        download_link.click()
    with open(download.value.path(), encoding="utf-8") as file:
        lines = list(csv.reader(file))
    assert [line[0] for line in lines[1:]] == ["ada@example.org", "ben@example.org", "cara@example.org"]
    assert not errors, errors
