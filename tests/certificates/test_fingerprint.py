"""The PDF carries a SHA-256 fingerprint of what it certifies; anyone can upload a PDF on the verify page and learn
whether it is ours and unaltered."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from certificates.fingerprints import METADATA_CODE, METADATA_FINGERPRINT, certificate_fingerprint
from certificates.models import Certificate
from certificates.rendering import render_certificate_pdf
from tests.certificates.pdf_text import pdf_text

pytestmark = pytest.mark.django_db
CHECK = reverse("certificates:check")


def upload(client, content: bytes, name="certificate.pdf"):
    return client.post(CHECK, {"file": SimpleUploadedFile(name, content, content_type="application/pdf")})


def with_metadata(content: bytes, **entries) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content)))
    writer.add_metadata({f"/{key}": value for key, value in entries.items()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_pdf_carries_its_code_and_the_fingerprint_of_its_data(client, employee, certificate):
    client.force_login(employee)
    content = client.get(certificate.get_pdf_url()).content

    metadata = PdfReader(io.BytesIO(content)).metadata
    fingerprint = certificate_fingerprint(certificate)
    assert metadata[f"/{METADATA_CODE}"] == certificate.code
    assert metadata[f"/{METADATA_FINGERPRINT}"] == fingerprint and len(fingerprint) == 64
    assert fingerprint in pdf_text(content).replace("\n", "").replace(" ", "")


def test_the_fingerprint_changes_with_anything_certified(certificate):
    before = certificate_fingerprint(certificate)
    for field, value in (("holder_name", "Someone Else"), ("course_title", "Other"), ("score", 55)):
        changed = Certificate.objects.get(pk=certificate.pk)
        setattr(changed, field, value)
        assert certificate_fingerprint(changed) != before, field
    assert certificate_fingerprint(Certificate.objects.get(pk=certificate.pk)) == before


def test_an_unaltered_pdf_is_reported_authentic_with_its_status(client, certificate):
    content = render_certificate_pdf(certificate)

    page = upload(client, content).content.decode()

    assert "This file is authentic" in page and certificate.holder_name in page and "Valid until" in page


def test_an_authentic_pdf_of_a_revoked_certificate_says_so(client, hr_user, certificate):
    from certificates.services import certificate_revoke

    content = render_certificate_pdf(certificate)
    certificate_revoke(certificate=certificate, reason="Issued in error", revoked_by=hr_user)

    page = upload(client, content).content.decode()

    assert "This file is authentic" in page and "Revoked on" in page and "Issued in error" in page


def test_a_pdf_whose_printed_name_was_changed_is_reported_altered(client, certificate):
    genuine = render_certificate_pdf(certificate)
    forged_record = Certificate.objects.get(pk=certificate.pk)
    forged_record.holder_name = "Mallory Forger"
    # The forger copies the genuine fingerprint and code into a PDF that prints another name.
    forged = with_metadata(
        render_certificate_pdf(forged_record),
        **{METADATA_FINGERPRINT: PdfReader(io.BytesIO(genuine)).metadata[f"/{METADATA_FINGERPRINT}"]},
    )

    page = upload(client, forged).content.decode()

    assert "This file has been altered" in page and "authentic" not in page.split("altered")[0]
    assert certificate.holder_name in page  # the record, for comparison


def test_a_pdf_whose_fingerprint_was_edited_is_reported_altered(client, certificate):
    tampered = with_metadata(render_certificate_pdf(certificate), **{METADATA_FINGERPRINT: "0" * 64})

    assert "This file has been altered" in upload(client, tampered).content.decode()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not a pdf at all", "not a PDF we can read"),
        (b"%PDF-1.7\n%%EOF", "not a PDF we can read"),
    ],
)
def test_files_that_are_not_pdfs_get_a_clear_answer(client, certificate, content, message):
    response = upload(client, content)
    assert response.status_code == 200 and message in response.content.decode()


def test_a_pdf_from_elsewhere_is_not_ours(client, certificate):
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)

    page = upload(client, out.getvalue()).content.decode()

    assert "not a certificate from this site" in page and certificate.holder_name not in page


def test_no_file_or_a_huge_file_is_refused_with_a_message(client, certificate):
    assert "Choose the certificate&#x27;s PDF file first." in client.post(CHECK, {}).content.decode()
    huge = upload(client, b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024 + 1))
    assert huge.status_code == 400 and "too large" in huge.content.decode()


def test_a_code_typed_on_the_check_page_leads_to_its_verify_page(client, certificate):
    response = client.get(CHECK, {"code": certificate.code.lower()})
    assert response.status_code == 302 and response["Location"] == certificate.get_absolute_url()


def test_uploads_count_against_the_look_up_limit(client, settings, certificate):
    from django.core.cache import cache

    cache.clear()
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = 2
    content = render_certificate_pdf(certificate)
    statuses = [upload(client, content).status_code for _ in range(3)]
    cache.clear()
    assert statuses == [200, 200, 429]
