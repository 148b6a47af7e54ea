"""A task worker killed mid-render (out of memory, a deployment, its machine gone): once recovered, the certificate is
still made exactly once. Real `manage.py db_worker` processes on the test database, killed with SIGKILL."""

import contextlib
import datetime
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from certificates.fingerprints import certificate_pdf_check
from certificates.models import Certificate
from tests.factories import pass_course
from training.models import AuditEvent

RENDER_TASK = "certificates.tasks.certificate_render_task"
WAIT_SECONDS = 90  # a worker's start and a first render (fonts loaded), on a busy machine


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """The test database, reachable from other processes: yields its connection settings. PostgreSQL's test
    database is as it is; SQLite's lives in this process's memory, so it is copied to a file which this process
    then uses too, until the test ends."""
    keys = ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS")
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield {key: connection.settings_dict[key] for key in keys}
        return
    path = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    with contextlib.closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)
    in_memory, name = connection.connection, connection.settings_dict["NAME"]
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    try:
        yield {key: connection.settings_dict[key] for key in keys}
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = in_memory


class Workers:
    """Starts `manage.py db_worker` processes on the shared database; this process queues to the same database and
    stores PDFs in the same folder."""

    def __init__(self, database: dict, folder):
        self.database = database
        self.folder = folder
        self.media = folder / "media"
        self.started: list[subprocess.Popen] = []

    def start(self, *, hold_at: str | None = None) -> subprocess.Popen:
        """A worker; with `hold_at` ("rendering", "storing") it stops there in its first render (worker_hold.py)."""
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.certificates.worker_settings",
            "WORKER_TEST_DATABASE": json.dumps(self.database, default=str),
            "WORKER_TEST_MEDIA": str(self.media),
            "WORKER_HOLD_DIR": str(self.folder),
        }
        env.pop("WORKER_HOLD_AT", None)
        if hold_at:
            env["WORKER_HOLD_AT"] = hold_at
        log = self.folder / f"worker-{len(self.started) + 1}.log"
        with open(log, "wb") as output:
            process = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--no-reload", "--no-startup-delay"]
                + ["--interval", "0.2"],
                cwd=django_settings.BASE_DIR,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        process.log = log
        self.started.append(process)
        return process

    def held(self) -> bool:
        return (self.folder / "held").exists()

    def release(self) -> None:
        (self.folder / "release").touch()

    def pdf_files(self) -> list[str]:
        folder = self.media / "certificates"
        return sorted(path.name for path in folder.iterdir()) if folder.exists() else []

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)


@pytest.fixture
def workers(shared_database, tmp_path, settings):
    """Task workers on the test database; whatever happens, none outlives the test."""
    workers = Workers(shared_database, tmp_path)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(workers.media)},
        },
    }
    try:
        yield workers
    finally:
        workers.stop_all()


def wait_until(condition, *, what: str, worker: subprocess.Popen, seconds: float = WAIT_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if worker.poll() is not None:
            pytest.fail(f"the worker exited ({worker.returncode}) before {what}:\n{worker.log.read_text()}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} after {seconds} s; the worker's output:\n{worker.log.read_text()}")
        time.sleep(0.1)


def render_jobs():
    return DBTaskResult.objects.filter(task_path=RENDER_TASK).order_by("enqueued_at")


def sweep(*args) -> str:
    """What cron runs (docs/deploy.md)."""
    output = io.StringIO()
    call_command("certificates_render_pending", *args, stdout=output)
    return output.getvalue().strip()


def assert_made_once(workers, client, certificate, enrolment, employee) -> bytes:
    """The certificate is rendered, with one PDF stored, which the holder downloads and which checks as authentic;
    one certificate and one issue event for the course."""
    certificate.refresh_from_db()
    assert certificate.rendered_at is not None and certificate.render_error == ""
    assert workers.pdf_files() == [f"{certificate.code}.pdf"]
    assert certificate.pdf.name == f"certificates/{certificate.code}.pdf"
    stored = (workers.media / certificate.pdf.name).read_bytes()
    client.force_login(employee)
    assert client.get(certificate.get_pdf_url()).content == stored
    check = certificate_pdf_check(stored)
    assert check.authentic and check.certificate == certificate
    assert list(Certificate.objects.filter(issued_for=enrolment)) == [certificate]
    issued = AuditEvent.objects.filter(action=AuditEvent.Action.CERTIFICATE_ISSUED, person=employee)
    assert issued.count() == 1
    return stored


@pytest.mark.parametrize("stopped_while", ["rendering", "storing"])
def test_a_worker_killed_mid_render_is_recovered_and_the_certificate_is_made_once(
    stopped_while, employee, course, enrolment, workers, settings, client
):
    # How long a live render may take: the sweep judges a job that has been running for twice that lost its worker.
    # (The workers keep the default limit, so that their real renders never run out of time.)
    settings.CERTIFICATE_RENDER_SECONDS = 3
    pass_course(employee, course, enrolment)
    certificate = Certificate.objects.get(enrolment=enrolment)
    killed_job = render_jobs().get()

    first = workers.start(hold_at=stopped_while)
    wait_until(workers.held, what=f"render reaching {stopped_while!r}", worker=first)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    second = workers.start()  # restarted by its supervisor

    killed_job.refresh_from_db()
    lost_at = killed_job.started_at + datetime.timedelta(seconds=2 * settings.CERTIFICATE_RENDER_SECONDS)
    time.sleep(max(0.0, (lost_at - timezone.now()).total_seconds()) + 0.2)
    killed_job.refresh_from_db()
    assert killed_job.status == TaskResultStatus.RUNNING  # django-tasks-db never hands it to another worker
    certificate.refresh_from_db()
    assert certificate.rendered_at is None
    assert sweep("--skip-failed") == "1 certificate PDF(s) queued."  # what cron runs every few minutes
    wait_until(
        lambda: render_jobs().filter(status=TaskResultStatus.SUCCESSFUL).exists(), what="rendered PDF", worker=second
    )

    assert_made_once(workers, client, certificate, enrolment, employee)
    killed_job.refresh_from_db()
    assert killed_job.status == TaskResultStatus.FAILED and "the worker stopped" in killed_job.traceback
    assert render_jobs().exclude(pk=killed_job.pk).get().status == TaskResultStatus.SUCCESSFUL
    assert sweep("--skip-failed") == "0 certificate PDF(s) queued."
    second.send_signal(signal.SIGTERM)
    assert second.wait(timeout=30) == 0


def test_a_render_in_progress_is_not_queued_again_and_a_download_meanwhile_stores_the_only_pdf(
    employee, course, enrolment, workers, client
):
    pass_course(employee, course, enrolment)
    certificate = Certificate.objects.get(enrolment=enrolment)
    worker = workers.start(hold_at="rendering")
    wait_until(workers.held, what="render in progress", worker=worker)

    assert sweep() == "0 certificate PDF(s) queued."  # its job is running, and recently started
    client.force_login(employee)
    downloaded = client.get(certificate.get_pdf_url()).content  # made and stored now, while the worker renders
    certificate.refresh_from_db()
    rendered_at = certificate.rendered_at

    workers.release()
    wait_until(
        lambda: render_jobs().filter(status=TaskResultStatus.SUCCESSFUL).exists(), what="finished render", worker=worker
    )

    assert assert_made_once(workers, client, certificate, enrolment, employee) == downloaded
    assert certificate.rendered_at == rendered_at
    assert render_jobs().count() == 1


def test_a_certificate_that_keeps_losing_its_worker_is_shown_to_hr_instead_of_retried_for_ever(
    settings, employee, course, enrolment, hr_user, client, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.CERTIFICATE_RENDER_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        pass_course(employee, course, enrolment)
    certificate = Certificate.objects.get(enrolment=enrolment)
    long_ago = timezone.now() - datetime.timedelta(hours=1)

    for queued in ("1 certificate PDF(s) queued.", "0 certificate PDF(s) queued."):
        job = render_jobs().get(status=TaskResultStatus.READY)
        job.claim("a worker that was killed an hour ago")
        DBTaskResult.objects.filter(pk=job.pk).update(started_at=long_ago)
        assert sweep("--skip-failed") == queued

    certificate.refresh_from_db()
    assert certificate.render_attempts == 2 and certificate.render_failed
    assert "the worker stopped while rendering" in certificate.render_error
    client.force_login(hr_user)
    assert "1 certificate PDF could not be prepared" in client.get(reverse("training:hr_report")).content.decode()
    assert sweep() == "1 certificate PDF(s) queued."  # the daily run, or HR's "Try again", starts it again
