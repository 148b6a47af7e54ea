"""A certificate's PDF is made in the background: the learner sees it being prepared, a failed render is retried
and then reported to HR, and nothing is lost."""

import datetime

import pytest
from django.core.management import call_command
from django.tasks import default_task_backend
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certificates import rendering
from certificates.models import Certificate
from tests.factories import pass_course

pytestmark = pytest.mark.django_db
LEARN = reverse("training:learn")


@pytest.fixture
def broken_renderer(monkeypatch):
    """The PDF renderer failing, as when a font file is missing on a worker."""

    def fail(certificate):
        raise RuntimeError("font file missing on this worker")

    monkeypatch.setattr(rendering, "render_certificate_pdf", fail)
    return monkeypatch


def passed(employee, course, enrolment, capture) -> Certificate:
    with capture(execute=True):
        pass_course(employee, course, enrolment)
    return Certificate.objects.get(enrolment=enrolment)


def test_a_learner_sees_the_pdf_being_prepared_and_the_link_once_it_is_ready(
    client, employee, course, enrolment, django_capture_on_commit_callbacks
):
    pass_course(employee, course, enrolment)  # its render job is queued for after the commit: not run yet
    certificate = Certificate.objects.get(enrolment=enrolment)
    client.force_login(employee)
    status = reverse("certificates:pdf_status", kwargs={"code": certificate.code})

    page = client.get(LEARN).content.decode()
    assert "Your certificate is being prepared" in page and f'data-certificate-status="{status}"' in page
    assert client.get(status).json()["state"] == "preparing"

    call_command("certificates_render_pending")  # what the background job does

    assert client.get(status).json() == {"state": "ready", "url": certificate.get_pdf_url()}
    page = client.get(LEARN).content.decode()
    assert "being prepared" not in page and f'href="{certificate.get_pdf_url()}"' in page


def test_a_failed_render_is_recorded_and_retried_later_by_the_workers(
    settings, broken_renderer, employee, course, enrolment, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    certificate = Certificate.objects.get(pk=passed(employee, course, enrolment, django_capture_on_commit_callbacks).pk)
    from certificates.services import certificate_render_attempt

    with pytest.raises(RuntimeError):
        certificate_render_attempt(certificate_id=certificate.pk)

    certificate.refresh_from_db()
    assert certificate.render_attempts == 1 and "font file missing" in certificate.render_error
    retry = [r for r in default_task_backend.results if r.task.name == "certificate_render_task" and r.task.run_after]
    assert len(retry) == 1 and retry[0].kwargs == {"certificate_id": certificate.pk}
    wait = retry[0].task.run_after - timezone.now()
    assert datetime.timedelta(minutes=1) < wait <= datetime.timedelta(minutes=2)


def test_after_the_last_attempt_hr_is_told_and_trying_again_makes_the_pdf(
    settings, broken_renderer, client, hr_user, employee, course, enrolment, django_capture_on_commit_callbacks
):
    settings.CERTIFICATE_RENDER_ATTEMPTS = 1
    certificate = passed(employee, course, enrolment, django_capture_on_commit_callbacks)
    certificate.refresh_from_db()
    assert certificate.rendered_at is None and certificate.render_attempts == 1
    learner = Client()
    learner.force_login(employee)
    assert "could not be prepared yet" in learner.get(LEARN).content.decode()

    client.force_login(hr_user)
    report = client.get(reverse("training:hr_report")).content.decode()
    assert "1 certificate PDF could not be prepared" in report

    broken_renderer.undo()  # the worker's font is back
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("certificates:render_retry"), follow=True).content.decode()

    assert "1 certificate PDF(s) are being prepared again." in page and "could not be prepared after" not in page
    certificate.refresh_from_db()
    assert certificate.rendered_at is not None and certificate.render_error == ""
    assert f'href="{certificate.get_pdf_url()}"' in learner.get(LEARN).content.decode()


def test_only_hr_may_ask_for_renders_again_and_only_the_holder_and_hr_see_the_state(
    client, employee, outsider, certificate
):
    status = reverse("certificates:pdf_status", kwargs={"code": certificate.code})
    client.force_login(outsider)
    assert client.get(status).status_code == 404
    assert client.post(reverse("certificates:render_retry")).status_code == 403
    client.force_login(employee)
    assert client.post(reverse("certificates:render_retry")).status_code == 403
    assert client.get(status).json()["state"] == "preparing"


def test_the_sweep_skips_superseded_and_rendered_certificates(employee, course, enrolment, hr_user):
    from certificates.services import certificate_reissue

    pass_course(employee, course, enrolment)
    old = Certificate.objects.get(enrolment=enrolment)
    new = certificate_reissue(certificate=old, reason="Name corrected", reissued_by=hr_user)

    call_command("certificates_render_pending")
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.rendered_at is None and new.rendered_at is not None

    rendered_at = new.rendered_at
    call_command("certificates_render_pending")
    new.refresh_from_db()
    assert new.rendered_at == rendered_at
