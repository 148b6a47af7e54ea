"""Downloading a certificate PDF and the public verification page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from certificates.models import Certificate
from tests.certificates.pdf_text import pdf_text
from tests.factories import manager_of


def long_date(day) -> str:
    return dateformat.format(day, "j F Y")


def verify_url(code):
    return reverse("certificates:verify", kwargs={"code": code})


def pdf_url(code):
    return reverse("certificates:pdf", kwargs={"code": code})


# The PDF


@pytest.mark.django_db
def test_owner_downloads_a_pdf_that_says_who_what_when_and_until_when(client, employee, certificate):
    client.force_login(employee)

    response = client.get(certificate.get_pdf_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="certificate-{certificate.code}.pdf"'
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert "Lena Learner" in text
    assert "Test course" in text
    assert certificate.code in text
    assert f"Completed on {long_date(timezone.localdate(certificate.completed_at))}" in text
    assert f"Valid until {long_date(certificate.valid_until)}" in text


@pytest.mark.django_db
def test_download_renders_the_pdf_when_the_background_job_has_not(client, employee, certificate):
    assert not certificate.pdf and certificate.rendered_at is None
    client.force_login(employee)

    response = client.get(certificate.get_pdf_url())

    assert response.content.startswith(b"%PDF")
    certificate.refresh_from_db()
    assert certificate.rendered_at is not None
    assert certificate.pdf.storage.exists(certificate.pdf.name)
    with certificate.pdf.open("rb") as stored:
        assert stored.read() == response.content
    # The next download serves the stored file rather than rendering again.
    rendered_at = certificate.rendered_at
    assert client.get(certificate.get_pdf_url()).content == response.content
    certificate.refresh_from_db()
    assert certificate.rendered_at == rendered_at


@pytest.mark.django_db
def test_download_renders_again_when_the_stored_file_is_gone(client, employee, certificate):
    client.force_login(employee)
    client.get(certificate.get_pdf_url())
    certificate.refresh_from_db()
    certificate.pdf.storage.delete(certificate.pdf.name)

    response = client.get(certificate.get_pdf_url())

    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    certificate.refresh_from_db()
    assert certificate.pdf.storage.exists(certificate.pdf.name)


@pytest.mark.django_db
def test_hr_downloads_anyones_certificate(client, hr_user, certificate):
    client.force_login(hr_user)

    response = client.get(certificate.get_pdf_url())

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Lena Learner" in pdf_text(response.content)


@pytest.mark.django_db
def test_outsider_and_manager_get_not_found(client, employee, outsider, certificate):
    manager = manager_of(employee)
    for user in (outsider, manager):
        client.force_login(user)
        response = client.get(certificate.get_pdf_url())
        assert response.status_code == 404
        assert b"%PDF" not in response.content


@pytest.mark.django_db
def test_anonymous_is_sent_to_login_without_a_pdf(client, certificate):
    response = client.get(certificate.get_pdf_url())

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={certificate.get_pdf_url()}"
    assert b"%PDF" not in response.content
    certificate.refresh_from_db()
    assert certificate.rendered_at is None


@pytest.mark.django_db
def test_unknown_code_is_not_found(client, hr_user, certificate):
    client.force_login(hr_user)

    assert client.get(pdf_url("A" * 32)).status_code == 404


@pytest.mark.django_db
def test_a_code_typed_in_lower_case_finds_the_certificate(client, hr_user, certificate):
    """People copy codes from paper: base32 has one case, so the case they type in does not matter."""
    assert client.get(verify_url(certificate.code.lower())).status_code == 200
    client.force_login(hr_user)
    assert client.get(pdf_url(certificate.code.lower()))["Content-Type"] == "application/pdf"


# The verification page


@pytest.mark.django_db
def test_verify_page_is_public_and_shows_holder_course_and_validity(client, employee, certificate):
    response = client.get(verify_url(certificate.code))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Certificate valid" in page
    assert "Lena Learner" in page and "Test course" in page
    assert f"Valid until {long_date(certificate.valid_until)}" in page
    assert certificate.code in page
    assert employee.email not in page
    assert "Score" not in page and "100" not in page
    assert certificate.get_pdf_url() not in page


@pytest.mark.django_db
def test_verify_page_shows_an_expired_certificate(client, certificate):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=yesterday)

    page = client.get(verify_url(certificate.code)).content.decode()

    assert "Certificate expired" in page and "Certificate valid" not in page
    assert f"Expired on {long_date(yesterday)}" in page
    assert "Lena Learner" in page


@pytest.mark.django_db
def test_verify_page_shows_a_revoked_certificate(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now(), revoked_reason="Cheated")

    page = client.get(verify_url(certificate.code)).content.decode()

    assert "Certificate revoked" in page and "Certificate valid" not in page
    assert f"Revoked on {long_date(timezone.localdate())}" in page
    assert "Lena Learner" in page and "Test course" in page


@pytest.mark.django_db
def test_verify_unknown_code_is_not_found(client, certificate):
    assert client.get(verify_url("B" * 32)).status_code == 404


@pytest.mark.django_db
def test_only_hr_sees_the_download_link_on_the_verify_page(client, employee, outsider, hr_user, certificate):
    manager = manager_of(employee)
    link = f'href="{certificate.get_pdf_url()}"'

    client.force_login(hr_user)
    assert link in client.get(verify_url(certificate.code)).content.decode()
    for user in (employee, outsider, manager):
        client.force_login(user)
        assert link not in client.get(verify_url(certificate.code)).content.decode()
