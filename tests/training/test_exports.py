"""The report exports: /hr/export.xlsx beside /hr/export.csv, and large exports made in the background."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from tests.factories import EmployeeFactory, enrol
from tests.training.test_hr_report_views import HEADER, REPORT, _people, emails, report_rows
from training import exports
from training.models import ExportJob
from training.reports import ReportFilters
from training.tasks import export_job_run_task, export_jobs_cleanup_task

CSV = reverse("training:hr_export_csv")
XLSX = reverse("training:hr_export_xlsx")


@pytest.fixture
def hr_client(client, hr_user):
    client.force_login(hr_user)
    return client


def content(response) -> bytes:
    # Reading the stream to its end closes the response (and its temporary file) the way the test client expects;
    # an extra close() would fire request_finished and close the test's database connection on PostgreSQL.
    return b"".join(response.streaming_content)


def xlsx_sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    return openpyxl.load_workbook(io.BytesIO(content(response))).active


def xlsx_rows(response) -> list[list]:
    return [list(row) for row in xlsx_sheet(response).iter_rows(values_only=True)]


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


def job_url(job, name="export_job"):
    return reverse(f"training:{name}", kwargs={"job_id": job.pk})


# The XLSX file


@pytest.mark.django_db
def test_xlsx_has_the_csv_header_and_rows_with_real_dates_and_numbers(hr_client, staff):
    response = hr_client.get(XLSX)
    stamp = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="completion-{stamp}.xlsx"'
    sheet = xlsx_sheet(response)
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    csv_by_email = {line[0]: line for line in csv_rows(content(hr_client.get(CSV)))[1:]}

    assert rows[0] == HEADER
    by_email = {row[0]: row for row in rows[1:]}
    assert set(by_email) == set(csv_by_email) == emails(staff["lena"], staff["ivan"], staff["olga"], staff["nora"])
    lena = by_email["learner@example.org"]
    assert lena[1:5] == ["Lena Learner", "Nursing", "Test course", "completed"]
    completed = timezone.localtime(staff["completed"].completed_at).replace(tzinfo=None)
    assert isinstance(lena[5], datetime.datetime)
    assert abs(lena[5] - completed) < datetime.timedelta(seconds=1)
    assert lena[6] == 100 and isinstance(lena[6], int | float)
    assert lena[7] == Certificate.objects.get().code
    assert by_email["olga@example.org"][1:] == ["Olga Late", "Pharmacy", "Test course", "overdue", None, None, None]
    # The same text as the CSV, cell for cell; empty cells are empty in both.
    for email, row in by_email.items():
        line = csv_by_email[email]
        assert [cell or "" for cell in row[:5] + row[7:]] == line[:5] + line[7:]
    # Shown as ISO dates, a bold and frozen header, columns wide enough to read.
    completed_cells = [row[5] for row in sheet.iter_rows(min_row=2) if row[5].value is not None]
    assert [cell.number_format for cell in completed_cells] == ["yyyy-mm-dd hh:mm:ss"]
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == exports.XLSX_WIDTHS["email"]
    assert sheet.column_dimensions["D"].width == exports.XLSX_WIDTHS["course"]


@pytest.mark.django_db
@pytest.mark.parametrize("first_name", ['=HYPERLINK("x")', "+1", "-1", "@x", "=1+1", "\x01=1+1"])
def test_xlsx_text_cells_cannot_become_formulas(hr_client, course, first_name):
    user = EmployeeFactory(
        user__username="formula", user__first_name=first_name, user__last_name="Person", department__name="=cmd|x"
    ).user
    enrolment = enrol(user, course)
    enrolment.__class__.objects.filter(pk=enrolment.pk).update(completed_at=timezone.now(), score=-5)

    sheet = xlsx_sheet(hr_client.get(XLSX))
    (row,) = sheet.iter_rows(min_row=2)

    assert row[1].value == "'" + f"{first_name} Person".lstrip("\x01")
    assert row[2].value == "'=cmd|x"
    assert all(cell.data_type != "f" for cell in row)
    # A number stays a number, even a negative one.
    assert row[6].value == -5 and row[6].data_type == "n"
    assert row[0].value == "formula@example.org"


@pytest.mark.django_db
def test_xlsx_follows_the_report_filters(hr_client, staff):
    query = {"department": staff["pharmacy"].pk, "status": "overdue"}

    rows = xlsx_rows(hr_client.get(XLSX, query))

    assert [row[0] for row in rows[1:]] == list(report_rows(hr_client.get(REPORT, query))) == [staff["olga"].email]
    assert len(xlsx_rows(hr_client.get(XLSX, {"department": "abc", "status": "bogus"}))) == 1 + 4
    assert [row[0] for row in xlsx_rows(hr_client.get(XLSX, {"sort": "name"}))[1:]] == [
        staff[name].email for name in ("olga", "lena", "ivan", "nora")
    ]


@pytest.mark.django_db
def test_report_links_both_exports_with_the_current_filter(hr_client, staff):
    page = hr_client.get(REPORT, {"department": staff["pharmacy"].pk, "status": "overdue"}).content.decode()

    for url in (CSV, XLSX):
        assert f'href="{url}?department={staff["pharmacy"].pk}&amp;status=overdue"' in page


# Who may export


@pytest.mark.django_db
def test_manager_exports_their_team_only(client, staff):
    outside = EmployeeFactory(user__username="stranger", department__name="Finance").user
    enrol(outside, staff["completed"].course)
    client.force_login(staff["boss"])

    rows = xlsx_rows(client.get(XLSX, {"department": outside.employee.department_id}))

    assert {row[0] for row in rows[1:]} == emails(staff["lena"], staff["ivan"], staff["olga"])


@pytest.mark.django_db
def test_employees_are_refused_the_xlsx(client, staff):
    for who in ("lena", "nora"):
        client.force_login(staff[who])
        response = client.get(XLSX)
        assert response.status_code == 403
        assert b"learner@example.org" not in response.content


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, staff):
    response = client.get(XLSX)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={XLSX}"


# Large exports, in the background


@pytest.fixture
def background(settings):
    settings.EXPORT_INLINE_MAX_ROWS = 2


@pytest.mark.django_db
@pytest.mark.parametrize("url", [CSV, XLSX])
def test_large_export_is_made_in_the_background_and_downloaded_by_its_owner(
    hr_client, staff, hr_user, settings, background, url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = hr_client.get(url)

    job = ExportJob.objects.get()
    assert len(callbacks) == 1
    assert response.status_code == 302 and response["Location"] == job_url(job)
    assert job.requested_by == hr_user and job.format == url.rsplit(".", 1)[1]
    assert (job.status, job.rows_done, job.rows_total, job.error) == ("done", 4, 4, "")
    assert job.finished_at is not None and job.file.name.startswith("exports/")

    page = hr_client.get(job_url(job)).content.decode()
    assert "Ready" in page and "4 of 4 rows" in page
    assert f'href="{job_url(job, "export_job_download")}"' in page
    assert 'src="/static/js/export-job.js"' in page and "<script>" not in page

    download = hr_client.get(job_url(job, "export_job_download"))
    assert download.status_code == 200
    assert "no-store" in download["Cache-Control"]
    stamp = timezone.localdate().isoformat()
    assert download["Content-Disposition"] == f'attachment; filename="completion-{stamp}.{job.format}"'
    data = content(download)
    # The same file as the one sent at once for a smaller export.
    settings.EXPORT_INLINE_MAX_ROWS = 20_000
    inline = hr_client.get(url)
    if job.format == "csv":
        assert download["Content-Type"] == "text/csv; charset=utf-8"
        assert data == content(inline)
    else:
        read = openpyxl.load_workbook(io.BytesIO(data)).active
        assert [list(row) for row in read.iter_rows(values_only=True)] == xlsx_rows(inline)


@pytest.mark.django_db
def test_file_is_stored_on_disk_under_an_unguessable_name_and_sent_from_there(
    hr_client, staff, settings, tmp_path, background, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    with django_capture_on_commit_callbacks(execute=True):
        hr_client.get(XLSX)
    job = ExportJob.objects.get()
    path = tmp_path / job.file.name

    assert path.parent == tmp_path / "exports" and len(path.stem) > 30
    download = hr_client.get(job_url(job, "export_job_download"))
    assert download["Content-Length"] == str(path.stat().st_size)
    assert content(download) == path.read_bytes()
    path.unlink()
    assert hr_client.get(job_url(job, "export_job_download")).status_code == 404


@pytest.mark.django_db
def test_background_export_keeps_the_validated_filters_and_applies_them(
    hr_client, staff, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_MAX_ROWS = 0
    query = {"department": staff["nursing"].pk, "status": "bogus", "completed_from": "2000-01-31", "sort": "-name"}

    with django_capture_on_commit_callbacks(execute=True):
        hr_client.get(CSV, query)

    job = ExportJob.objects.get()
    # The status was not understood: left out, as on the report page.
    assert job.filters == {"department_id": staff["nursing"].pk, "completed_from": "2000-01-31", "sort": "-name"}
    download = csv_rows(content(hr_client.get(job_url(job, "export_job_download"))))
    assert [line[0] for line in download[1:]] == [staff["lena"].email]


@pytest.mark.django_db
def test_status_json_reports_progress_then_the_download_link(
    hr_client, staff, background, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        hr_client.get(XLSX)
    job = ExportJob.objects.get()

    queued = hr_client.get(job_url(job, "export_job_status"))
    assert queued["Content-Type"] == "application/json"
    assert "no-store" in queued["Cache-Control"]
    assert queued.json() == {
        "id": job.pk,
        "status": "queued",
        "status_label": "Waiting to start",
        "rows_done": 0,
        "rows_total": 4,
        "progress": "0 of 4 rows",
        "error": "",
        "download_url": None,
    }
    assert "Waiting to start" in hr_client.get(job_url(job)).content.decode()
    assert hr_client.get(job_url(job, "export_job_download")).status_code == 404

    callbacks[0]()

    done = hr_client.get(job_url(job, "export_job_status")).json()
    assert (done["status"], done["status_label"], done["progress"]) == ("done", "Ready", "4 of 4 rows")
    assert done["download_url"] == job_url(job, "export_job_download")


@pytest.mark.django_db
def test_progress_is_written_as_the_rows_go_by(hr_user, staff, monkeypatch):
    job = ExportJob.objects.create(requested_by=hr_user, format="csv")
    seen = []

    def writer(rows, out, progress):
        for row in exports.export_rows(rows):
            seen.append(ExportJob.objects.values_list("rows_done", "rows_total").get(pk=job.pk))
            out.write(row[0].encode())
            progress(1)

    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)
    monkeypatch.setitem(exports.WRITERS, "csv", writer)

    export_job_run_task.call(job_id=job.pk)

    assert seen == [(0, 4), (0, 4), (2, 4), (2, 4)]
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total) == ("done", 4, 4)


@pytest.mark.django_db
def test_only_the_owner_sees_an_export(client, hr_client, staff, roles, background, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        hr_client.get(CSV)
    job = ExportJob.objects.get()
    other_hr = EmployeeFactory(user__username="otherhr").user
    other_hr.groups.add(roles["HR"])

    for who in (other_hr, staff["boss"], staff["lena"]):
        client.force_login(who)
        for name in ("export_job", "export_job_status", "export_job_download"):
            assert client.get(job_url(job, name)).status_code == 404, (who, name)
    client.logout()
    assert client.get(job_url(job, "export_job_download"))["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_export_page_lists_the_users_recent_exports_only(client, hr_client, hr_user, staff, roles):
    mine = [ExportJob.objects.create(requested_by=hr_user, format=fmt) for fmt in ("csv", "xlsx")]
    other_hr = EmployeeFactory(user__username="otherhr").user
    other_hr.groups.add(roles["HR"])
    theirs = ExportJob.objects.create(requested_by=other_hr, format="csv")

    page = hr_client.get(job_url(mine[0])).content.decode()

    assert f'href="{job_url(mine[1])}"' in page and f'href="{job_url(mine[0])}"' in page
    assert job_url(theirs) not in page


# Failed exports


@pytest.mark.django_db
def test_export_fails_with_a_message_when_the_requester_lost_hr_rights(hr_client, hr_user, staff, roles):
    job = exports.export_job_create(requested_by=hr_user, format="xlsx", filters=ReportFilters(), rows_total=4)
    hr_user.groups.remove(roles["HR"])

    export_job_run_task.call(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == "failed" and job.finished_at is not None and not job.file
    assert job.error == "You may no longer see completion reports, so this export was not made."
    # They can still read why on the export's page, but there is nothing to download.
    assert hr_client.get(job_url(job, "export_job_status")).json()["error"] == job.error
    assert job.error in hr_client.get(job_url(job)).content.decode()
    assert hr_client.get(job_url(job, "export_job_download")).status_code == 404


@pytest.mark.django_db
def test_owner_who_lost_hr_rights_cannot_download_a_finished_export(
    hr_client, hr_user, staff, roles, background, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        hr_client.get(CSV)
    job = ExportJob.objects.get(status="done")
    hr_user.groups.remove(roles["HR"])

    assert hr_client.get(job_url(job, "export_job_download")).status_code == 404


@pytest.mark.django_db
def test_export_that_breaks_is_marked_failed_with_the_error(hr_client, hr_user, staff, monkeypatch):
    def broken(rows, out, progress):
        raise OSError("No space left on device")

    monkeypatch.setitem(exports.WRITERS, "csv", broken)
    job = ExportJob.objects.create(requested_by=hr_user, format="csv")

    export_job_run_task.call(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == "failed"
    assert "No space left on device" in job.error
    state = hr_client.get(job_url(job, "export_job_status")).json()
    assert state["status"] == "failed" and "No space left on device" in state["error"]
    assert "No space left on device" in hr_client.get(job_url(job)).content.decode()
    assert hr_client.get(job_url(job, "export_job_download")).status_code == 404


@pytest.mark.django_db
def test_running_a_job_again_changes_nothing(hr_user, staff):
    job = ExportJob.objects.create(requested_by=hr_user, format="csv")
    export_job_run_task.call(job_id=job.pk)
    job.refresh_from_db()

    export_job_run_task.call(job_id=job.pk)

    again = ExportJob.objects.get(pk=job.pk)
    assert (again.status, again.file.name, again.finished_at) == ("done", job.file.name, job.finished_at)


def test_filters_survive_the_round_trip_through_json():
    filters = ReportFilters(
        department_id=3, status="overdue", completed_from=datetime.date(2026, 1, 2), completed_to=None, sort="-due"
    )

    data = exports.filters_to_json(filters)

    assert json.loads(json.dumps(data)) == data
    assert data == {"department_id": 3, "status": "overdue", "completed_from": "2026-01-02", "sort": "-due"}
    assert exports.filters_from_json(data) == filters
    assert exports.filters_from_json({**data, "filter_that_was_removed": 1}) == filters


# Old exports are deleted


def aged(job, **delta):
    """`job` as it is when it last changed `delta` ago (timedelta arguments)."""
    ExportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - datetime.timedelta(**delta))


@pytest.fixture
def disk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return tmp_path


@pytest.mark.django_db
def test_cleanup_command_deletes_exports_older_than_the_keep_days_with_their_files(
    hr_client, hr_user, staff, settings, disk, background, django_capture_on_commit_callbacks
):
    settings.EXPORT_KEEP_DAYS = 7
    with django_capture_on_commit_callbacks(execute=True):
        for url in (CSV, XLSX, CSV):
            hr_client.get(url)
    old_done, old_xlsx, recent = ExportJob.objects.order_by("pk")
    old_failed = ExportJob.objects.create(requested_by=hr_user, format="csv", status="failed", error="Broken")
    old_queued = ExportJob.objects.create(requested_by=hr_user, format="xlsx")
    for job in (old_done, old_xlsx, old_failed, old_queued):
        aged(job, days=7, minutes=1)
    aged(recent, days=6, hours=23)
    files = {job.pk: disk / job.file.name for job in (old_done, old_xlsx, recent)}
    assert all(path.exists() for path in files.values())

    out = io.StringIO()
    call_command("export_jobs_cleanup", stdout=out)

    assert out.getvalue().splitlines() == [
        "Exports older than 7 days deleted, with their files: 4",
        "Stalled exports marked as failed: 0",
    ]
    assert list(ExportJob.objects.all()) == [recent]
    assert not files[old_done.pk].exists() and not files[old_xlsx.pk].exists()
    for job in (old_done, old_failed, old_queued):
        assert hr_client.get(job_url(job)).status_code == 404
    download = hr_client.get(job_url(recent, "export_job_download"))
    assert content(download) == files[recent.pk].read_bytes()
    # Nothing left to do: running it again deletes nothing.
    assert export_jobs_cleanup_task.call() == {"stalled": 0, "deleted": 0, "kept": 0}


@pytest.mark.django_db
def test_starting_an_export_also_deletes_old_ones(
    hr_client, hr_user, staff, settings, disk, background, django_capture_on_commit_callbacks
):
    settings.EXPORT_KEEP_DAYS = 3
    with django_capture_on_commit_callbacks(execute=True):
        hr_client.get(CSV)
    old = ExportJob.objects.get()
    aged(old, days=3, minutes=1)
    old_file = disk / old.file.name

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        hr_client.get(XLSX)

    assert len(callbacks) == 2  # the new export, and the clean-up
    new = ExportJob.objects.get()
    assert new.format == "xlsx" and new.status == "done"
    assert not old_file.exists()


# Exports whose worker died

STALLED = "The export stopped (the server doing it was restarted). Start it again."


@pytest.fixture
def queued_job(hr_client, staff, settings, django_capture_on_commit_callbacks):
    """A background CSV export of the Nursing department, asked for but not made yet."""
    settings.EXPORT_INLINE_MAX_ROWS = 0
    with django_capture_on_commit_callbacks(execute=False):
        hr_client.get(CSV, {"department": staff["nursing"].pk, "sort": "name"})
    return ExportJob.objects.get()


@pytest.mark.django_db
def test_running_export_whose_progress_stopped_is_shown_failed_and_can_be_started_again(
    hr_client, staff, settings, queued_job, django_capture_on_commit_callbacks
):
    settings.EXPORT_STALLED_MINUTES = 30
    # The worker took the job, wrote some progress, and was killed.
    ExportJob.objects.filter(pk=queued_job.pk).update(status="running", rows_done=1)
    aged(queued_job, minutes=29)
    assert hr_client.get(job_url(queued_job, "export_job_status")).json()["status"] == "running"
    aged(queued_job, minutes=31)

    state = hr_client.get(job_url(queued_job, "export_job_status")).json()

    assert (state["status"], state["status_label"], state["error"]) == ("failed", "Failed", STALLED)
    page = hr_client.get(job_url(queued_job)).content.decode()
    assert STALLED in page
    again_url = job_url(queued_job, "export_job_again")
    assert f'<form method="post" action="{again_url}" data-export="again">' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = hr_client.post(again_url)
    again = ExportJob.objects.latest("pk")
    assert again.pk != queued_job.pk and response["Location"] == job_url(again)
    assert (again.format, again.filters) == ("csv", queued_job.filters)
    assert (again.status, again.rows_total) == ("done", 2)
    lines = csv_rows(content(hr_client.get(job_url(again, "export_job_download"))))
    assert [line[0] for line in lines[1:]] == [staff["lena"].email, staff["ivan"].email]
    queued_job.refresh_from_db()
    assert (queued_job.status, queued_job.error) == ("failed", STALLED)


@pytest.mark.django_db
def test_export_never_started_is_failed_and_a_late_worker_leaves_it_so(hr_client, settings, queued_job):
    settings.EXPORT_STALLED_MINUTES = 30
    aged(queued_job, minutes=31)

    assert STALLED in hr_client.get(job_url(queued_job)).content.decode()
    export_job_run_task.call(job_id=queued_job.pk)

    queued_job.refresh_from_db()
    assert (queued_job.status, queued_job.error, bool(queued_job.file)) == ("failed", STALLED, False)


@pytest.mark.django_db
def test_cleanup_command_marks_stalled_exports_failed(hr_user, settings, queued_job):
    settings.EXPORT_STALLED_MINUTES = 30
    ExportJob.objects.filter(pk=queued_job.pk).update(status="running")
    aged(queued_job, minutes=31)
    fresh = ExportJob.objects.create(requested_by=hr_user, format="csv", status="running")

    out = io.StringIO()
    call_command("export_jobs_cleanup", stdout=out)

    assert "Stalled exports marked as failed: 1" in out.getvalue()
    assert ExportJob.objects.get(pk=queued_job.pk).error == STALLED
    assert ExportJob.objects.get(pk=fresh.pk).status == "running"


@pytest.mark.django_db
def test_slow_worker_whose_export_was_given_up_stops_and_keeps_no_file(hr_user, staff, monkeypatch):
    job = ExportJob.objects.create(requested_by=hr_user, format="csv")

    def writer(rows, out, progress):
        for row in exports.export_rows(rows):
            # Meanwhile the page, having heard nothing for too long, gave the job up.
            ExportJob.objects.filter(pk=job.pk).update(status="failed", error=STALLED)
            out.write(row[0].encode())
            progress(1)
        raise AssertionError("the worker should have stopped at its first progress write")

    monkeypatch.setattr(exports, "PROGRESS_EVERY", 1)
    monkeypatch.setitem(exports.WRITERS, "csv", writer)

    export_job_run_task.call(job_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.error, bool(job.file)) == ("failed", STALLED, False)


@pytest.mark.django_db
def test_only_failed_exports_of_ones_own_are_started_again(client, hr_client, staff, queued_job, roles):
    again_url = job_url(queued_job, "export_job_again")

    assert hr_client.get(again_url).status_code == 405
    assert hr_client.post(again_url)["Location"] == job_url(queued_job)  # not failed: nothing to start again
    other_hr = EmployeeFactory(user__username="otherhr").user
    other_hr.groups.add(roles["HR"])
    client.force_login(other_hr)
    ExportJob.objects.filter(pk=queued_job.pk).update(status="failed")
    assert client.post(again_url).status_code == 404
    assert ExportJob.objects.count() == 1


# Queries do not grow with the number of rows

# Session, user, the filter form, the count and the rows; on PostgreSQL also the transaction and the time zone
# (read, set, put back) around COPY.
EXPORT_QUERIES = 10


@pytest.mark.django_db
@pytest.mark.parametrize("url", [CSV, XLSX])
@pytest.mark.parametrize("count", [3, 30])
def test_export_queries_do_not_grow_with_rows(hr_client, course, url, count, django_assert_max_num_queries):
    _people(course, count)
    cache.clear()

    with django_assert_max_num_queries(EXPORT_QUERIES):
        data = content(hr_client.get(url))

    lines = csv_rows(data) if url == CSV else list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows())
    assert len(lines) == 1 + count


# The CSV written by PostgreSQL (COPY) is the CSV written by Python


@pytest.mark.django_db
def test_database_written_csv_is_byte_for_byte_the_python_one(hr_user, staff, course):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's; elsewhere the export is always written in Python")
    tricky = [
        ("=HYPERLINK(1)", "+Plus", "x@example.org"),
        ("@at", "-minus", ""),
        ("\tTab", 'Comma, "Quoted"', 'quote"@example.org'),
        ("김민준", "Müller", "kim@example.org"),
        ("", "", "=cmd@example.org"),
    ]
    for number, (first, last, email) in enumerate(tricky):
        user = EmployeeFactory(
            user__username=f"tricky{number}", user__first_name=first, user__last_name=last, user__email=email
        ).user
        enrol(user, course)
    # A completion on a whole second (no microseconds) and the others with microseconds, in a zone with an offset.
    staff["completed"].__class__.objects.filter(pk=staff["completed"].pk).update(
        completed_at=datetime.datetime(2026, 6, 1, 8, 30, tzinfo=datetime.UTC)
    )
    rows = completion_report_rows_for(hr_user)
    with timezone.override("Asia/Seoul"):
        database = b"".join(exports.csv_export_stream(rows))
        python = "".join(exports.csv_export_chunks(exports.export_rows(rows))).encode()

    assert database.decode().splitlines() == python.decode().splitlines()
    lines = csv_rows(database)
    assert len(lines) == 1 + 4 + len(tricky)
    assert ["'=HYPERLINK(1) +Plus", "'@at -minus"] == [row[1] for row in lines if row[1].startswith("'")][:2]
    assert "2026-06-01T17:30:00+09:00" in database.decode()


def completion_report_rows_for(viewer):
    from training.reports import completion_report_rows

    return completion_report_rows(viewer=viewer)
