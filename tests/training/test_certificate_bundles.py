"""HR downloads the certificates of a report filter as one ZIP file (/hr/export.zip), made in the background."""

import csv
import datetime
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from certificates import rendering
from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_pdf_bytes
from tests.factories import EmployeeFactory, enrol
from tests.training.test_hr_report_views import REPORT
from training import exports
from training.models import Enrolment, ExportJob
from training.reports import ReportFilters
from training.tasks import export_job_run_task

ZIP = reverse("training:hr_export_zip")
MANIFEST_HEADER = ["code", "holder", "course", "completed", "valid_until", "status", "file"]


@pytest.fixture
def hr_client(client, hr_user):
    client.force_login(hr_user)
    return client


def job_url(job, name="export_job"):
    return reverse(f"training:{name}", kwargs={"job_id": job.pk})


def certified(course, username, first="", last="", department="Nursing", *, days_ago=1, pdf=None) -> Certificate:
    """Someone who completed `course` `days_ago` days ago and holds its certificate; its PDF stored already when
    `pdf` is given (as the background rendering leaves it), else never rendered."""
    user = EmployeeFactory(
        user__username=username, user__first_name=first, user__last_name=last, department__name=department
    ).user
    enrolment = enrol(user, course)
    done = timezone.now() - datetime.timedelta(days=days_ago)
    Enrolment.objects.filter(pk=enrolment.pk).update(started_at=done, completed_at=done, score=90)
    enrolment.refresh_from_db()
    certificate = certificate_issue(enrolment=enrolment, attempt=None)
    if pdf is not None:
        certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(pdf))
    return certificate


@pytest.fixture
def rendered_pdf(staff):
    """A real certificate PDF (Lena's, rendered now), to store for others whose rendering is not the point."""
    return certificate_pdf_bytes(certificate=Certificate.objects.get(user=staff["lena"]))


def bundle_of(client, query: dict, django_capture_on_commit_callbacks):
    """Ask for the ZIP of the report filtered by `query`, as the button does, let the task run, and return the job."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{ZIP}?{'&'.join(f'{key}={value}' for key, value in query.items())}")
    job = ExportJob.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == job_url(job)
    return job


def download(client, job) -> zipfile.ZipFile:
    response = client.get(job_url(job, "export_job_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    stamp = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="certificates-{stamp}.zip"'
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def manifest(bundle: zipfile.ZipFile) -> list[list[str]]:
    return list(csv.reader(io.StringIO(bundle.read("certificates.csv").decode("utf-8-sig"))))


# What HR gets


@pytest.mark.django_db
def test_hr_downloads_the_certificates_of_the_filtered_rows_as_one_zip(
    hr_client, staff, course, django_capture_on_commit_callbacks
):
    lena = Certificate.objects.get(user=staff["lena"])
    anna = certified(course, "anna", "Anna", "Berg", "Nursing", days_ago=400)  # expired since
    certified(course, "paul", "Paul", "Pharma", "Pharmacy")  # another department: not in the bundle

    job = bundle_of(hr_client, {"department": staff["nursing"].pk}, django_capture_on_commit_callbacks)

    assert (job.format, job.status, job.error) == ("zip", "done", "")
    page = hr_client.get(job_url(job)).content.decode()
    assert "Certificates (ZIP)" in page and "Ready" in page and "2 of 2 certificates" in page
    bundle = download(hr_client, job)
    lena_file = f"Nursing/Learner-Lena-Test course-{lena.code}.pdf"
    anna_file = f"Nursing/Berg-Anna-Test course-{anna.code}.pdf"
    assert sorted(bundle.namelist()) == sorted([lena_file, anna_file, "certificates.csv"])
    assert bundle.testzip() is None
    for name in (lena_file, anna_file):
        assert bundle.read(name).startswith(b"%PDF-")
        assert bundle.getinfo(name).compress_type == zipfile.ZIP_STORED
    # Never rendered before: rendered for the bundle, and stored for the next download.
    anna.refresh_from_db()
    assert anna.rendered_at is not None and bundle.read(anna_file) == certificate_pdf_bytes(certificate=anna)

    lines = manifest(bundle)
    assert lines[0] == MANIFEST_HEADER
    by_code = {line[0]: line for line in lines[1:]}
    assert set(by_code) == {lena.code, anna.code}
    completed = timezone.localdate(anna.completed_at).isoformat()
    valid_until = anna.valid_until.isoformat()
    assert by_code[anna.code] == [anna.code, "Anna Berg", "Test course", completed, valid_until, "expired", anna_file]
    assert by_code[lena.code][1:3] == ["Lena Learner", "Test course"]
    assert by_code[lena.code][5:] == ["valid", lena_file]


@pytest.mark.django_db
def test_report_shows_hr_the_zip_button_with_the_current_filter(hr_client, client, staff):
    query = {"department": staff["pharmacy"].pk, "status": "completed"}

    page = hr_client.get(REPORT, query).content.decode()

    action = f"{ZIP}?department={staff['pharmacy'].pk}&amp;status=completed"
    assert f'<form method="post" id="certificate-bundle" class="inline" action="{action}">' in page
    assert 'form="certificate-bundle">Download certificates (ZIP)</button>' in page
    # Managers see their team's certificate codes, not their PDFs: no button.
    client.force_login(staff["boss"])
    assert "Download certificates (ZIP)" not in client.get(REPORT).content.decode()


@pytest.mark.django_db
def test_bundle_is_made_in_the_background_even_for_one_certificate(
    hr_client, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = hr_client.post(f"{ZIP}?status=completed")

    job = ExportJob.objects.get()
    assert response["Location"] == job_url(job)
    assert hr_client.get(job_url(job, "export_job_status")).json()["progress"] == "0 of 1 certificates"
    assert hr_client.get(job_url(job, "export_job_download")).status_code == 404
    assert "Certificates are gathered in the background" in hr_client.get(job_url(job)).content.decode()

    callbacks[0]()

    state = hr_client.get(job_url(job, "export_job_status")).json()
    assert (state["status"], state["progress"]) == ("done", "1 of 1 certificates")
    assert len(download(hr_client, job).namelist()) == 2


@pytest.mark.django_db
def test_a_filter_without_certificates_starts_nothing_and_says_so(hr_client, staff):
    response = hr_client.post(f"{ZIP}?status=overdue", follow=True)

    assert response.redirect_chain == [(f"{REPORT}?status=overdue", 302)]
    assert "None of these rows has a certificate: there is nothing to download." in response.content.decode()
    assert not ExportJob.objects.exists()


# Who may have them


@pytest.mark.django_db
def test_managers_and_employees_are_refused(client, staff):
    for who in ("boss", "lena", "nora"):
        client.force_login(staff[who])
        response = client.post(ZIP)
        assert response.status_code == 403, who
    assert not ExportJob.objects.exists()
    client.logout()
    assert client.post(ZIP)["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_starting_a_bundle_takes_a_post(hr_client, staff):
    assert hr_client.get(ZIP).status_code == 405
    assert not ExportJob.objects.exists()


@pytest.mark.django_db
def test_nobody_else_sees_or_downloads_a_bundle(client, hr_client, staff, roles, django_capture_on_commit_callbacks):
    job = bundle_of(hr_client, {}, django_capture_on_commit_callbacks)
    other_hr = EmployeeFactory(user__username="otherhr").user
    other_hr.groups.add(roles["HR"])

    for who in (other_hr, staff["boss"], staff["lena"]):
        client.force_login(who)
        for name in ("export_job", "export_job_status", "export_job_download"):
            assert client.get(job_url(job, name)).status_code == 404, (who, name)
        assert client.post(job_url(job, "export_job_again")).status_code == 404
    assert ExportJob.objects.count() == 1


@pytest.mark.django_db
def test_hr_who_became_a_manager_gets_no_bundle(hr_client, hr_user, staff, roles, django_capture_on_commit_callbacks):
    made_before = bundle_of(hr_client, {}, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        hr_client.post(ZIP)
    queued = ExportJob.objects.latest("pk")
    # No longer HR, but a manager: they still see their team's report, not everyone's certificates.
    hr_user.groups.remove(roles["HR"])
    staff["nora"].employee.manager = hr_user
    staff["nora"].employee.save()

    callbacks[0]()

    assert hr_client.get(job_url(made_before, "export_job_download")).status_code == 404
    queued.refresh_from_db()
    assert queued.status == "failed" and not queued.file
    assert queued.error == "You may no longer download other people's certificates, so this export was not made."
    assert hr_client.post(job_url(queued, "export_job_again")).status_code == 403
    assert hr_client.post(ZIP).status_code == 403


# Certificates that cannot be had


def failing_for(monkeypatch, *codes):
    """Rendering the certificates with these codes fails, as it does when a rendering runs out of time."""
    real = rendering.render_certificate_pdf

    def render(certificate):
        if certificate.code in codes:
            raise rendering.CertificateRenderTimeout("rendering the certificate took longer than 60 s")
        return real(certificate)

    monkeypatch.setattr(rendering, "render_certificate_pdf", render)


@pytest.mark.django_db
def test_a_certificate_that_fails_to_render_is_listed_and_the_others_are_included(
    hr_client, staff, course, rendered_pdf, monkeypatch, django_capture_on_commit_callbacks
):
    lena = Certificate.objects.get(user=staff["lena"])
    broken = certified(course, "kai", "Kai", "Broken", "Nursing")
    fresh = certified(course, "mia", "Mia", "Fresh", "Pharmacy")
    failing_for(monkeypatch, broken.code)

    job = bundle_of(hr_client, {}, django_capture_on_commit_callbacks)

    assert (job.status, job.rows_done, job.rows_total) == ("done", 3, 3)
    bundle = download(hr_client, job)
    assert sorted(bundle.namelist()) == sorted(
        [
            f"Nursing/Learner-Lena-Test course-{lena.code}.pdf",
            f"Pharmacy/Fresh-Mia-Test course-{fresh.code}.pdf",
            "certificates.csv",
        ]
    )
    files = {line[0]: line[-1] for line in manifest(bundle)[1:]}
    assert files[broken.code] == "not included: rendering the certificate took longer than 60 s"
    assert files[fresh.code] == f"Pharmacy/Fresh-Mia-Test course-{fresh.code}.pdf"


@pytest.mark.django_db
def test_a_bundle_where_every_certificate_failed_is_a_failed_export_with_the_reason(
    hr_client, staff, course, monkeypatch, django_capture_on_commit_callbacks
):
    lena = Certificate.objects.get(user=staff["lena"])
    other = certified(course, "kai", "Kai", "Broken", "Nursing")
    failing_for(monkeypatch, lena.code, other.code)

    job = bundle_of(hr_client, {}, django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert (job.status, bool(job.file)) == ("failed", False)
    error = "None of the 2 certificates could be included: rendering the certificate took longer than 60 s"
    assert job.error == error
    page = hr_client.get(job_url(job)).content.decode()
    assert error in page and ">Start again</button>" in page
    assert hr_client.get(job_url(job, "export_job_download")).status_code == 404


@pytest.mark.django_db
def test_progress_is_written_as_the_certificates_are_rendered(
    hr_user, staff, course, monkeypatch, django_capture_on_commit_callbacks
):
    for name in ("kai", "mia"):
        certified(course, name, name.title(), "Fresh")
    job = exports.export_job_create(requested_by=hr_user, format="zip", filters=ReportFilters())
    seen = []
    real = rendering.render_certificate_pdf

    def render(certificate):
        seen.append(ExportJob.objects.values_list("status", "rows_done", "rows_total").get(pk=job.pk))
        return real(certificate)

    monkeypatch.setattr(rendering, "render_certificate_pdf", render)
    # Each certificate that renders takes a while: its progress is written as soon as it is done.
    monkeypatch.setattr(exports, "PROGRESS_SECONDS", 0)

    export_job_run_task.call(job_id=job.pk)

    assert seen == [("running", 0, 3), ("running", 1, 3), ("running", 2, 3)]
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total) == ("done", 3, 3)


# File names


@pytest.mark.django_db
def test_names_in_korean_chinese_and_german_survive_and_unsafe_characters_do_not(
    hr_client, staff, course, rendered_pdf, django_capture_on_commit_callbacks
):
    kim = certified(course, "kim", "민준", "김", "간호부", pdf=rendered_pdf)
    wang = certified(course, "wang", "小明", "王", "藥劑部", pdf=rendered_pdf)
    mueller = certified(course, "mueller", "Jürgen", "Müller", "Pflege Süd", pdf=rendered_pdf)
    # A name with characters no file system takes, a right-to-left override and a formula; a department Windows
    # keeps for a device.
    tricky = certified(course, "tricky", "=cmd|x", 'O"Brien/../\u202etxt.exe', "CON", pdf=rendered_pdf)

    job = bundle_of(hr_client, {"status": "completed"}, django_capture_on_commit_callbacks)

    bundle = download(hr_client, job)
    names = set(bundle.namelist())
    assert {
        f"간호부/김-민준-Test course-{kim.code}.pdf",
        f"藥劑部/王-小明-Test course-{wang.code}.pdf",
        f"Pflege Süd/Müller-Jürgen-Test course-{mueller.code}.pdf",
        f"_CON/O_Brien_..__txt.exe-=cmd_x-Test course-{tricky.code}.pdf",
    } < names
    # Marked as UTF-8 in the ZIP file, so that every unzip tool shows them as written.
    assert all(info.flag_bits & 0x800 for info in bundle.infolist() if not info.filename.isascii())
    holders = {line[0]: line[1] for line in manifest(bundle)[1:]}
    # The holder as the certificate prints them.
    assert holders[kim.code] == kim.holder_name and "민준" in kim.holder_name
    assert holders[wang.code] == wang.holder_name and "小明" in wang.holder_name
    assert holders[mueller.code] == mueller.holder_name == "Jürgen Müller"
    assert holders[tricky.code] == "'" + tricky.holder_name  # a spreadsheet shows it, rather than running it


def test_file_name_parts_fit_every_file_system():
    # Cut by UTF-8 bytes at a character boundary: a Hangul syllable takes three.
    assert exports.file_name_part("가" * 40, 48) == "가" * 16
    assert exports.file_name_part("  Ward 7. ", 48) == "Ward 7"
    assert exports.file_name_part("nul.txt", 48) == "_nul.txt"
    assert exports.file_name_part("a\tb\nc", 48) == "a b c"
    # Composed as one character, as every system shows it: "ü" written as "u" and a combining diaeresis.
    assert exports.file_name_part("Mu\u0308ller", 48) == "Müller"


# Queries do not grow with the number of certificates

# Claim, job and requester, permissions (2), count, total, the certificates, finish; and one progress write, should
# the machine be slow enough to take a second over them.
BUNDLE_QUERIES = 9


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 30])
def test_bundle_queries_do_not_grow_with_certificates(
    hr_user, staff, course, rendered_pdf, count, django_assert_max_num_queries
):
    for number in range(count):
        certified(course, f"person{number}", "Person", f"Number {number}", f"Dept {number % 3}", pdf=rendered_pdf)
    job = exports.export_job_create(requested_by=hr_user, format="zip", filters=ReportFilters(status="completed"))

    with django_assert_max_num_queries(BUNDLE_QUERIES):
        export_job_run_task.call(job_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.rows_done) == ("done", count + 1)
    with job.file.open("rb") as handle:
        assert len(zipfile.ZipFile(handle).namelist()) == count + 1 + 1
