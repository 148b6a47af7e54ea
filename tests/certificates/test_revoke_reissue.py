"""HR revokes and re-issues certificates from a person's training record; the public verify page tells the truth
about each code, shows little about the holder, and gives nothing away to someone guessing codes."""

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from certificates.models import Certificate
from tests.factories import manager_of

pytestmark = pytest.mark.django_db


def verify(client, code):
    return client.get(reverse("certificates:verify", kwargs={"code": code}))


def record_url(user):
    return reverse("training:transcript", kwargs={"user_id": user.pk})


def revoke(client, certificate, reason):
    return client.post(
        reverse("certificates:revoke", kwargs={"code": certificate.code}), {"reason": reason}, follow=True
    )


def reissue(client, certificate, reason):
    return client.post(
        reverse("certificates:reissue", kwargs={"code": certificate.code}), {"reason": reason}, follow=True
    )


def today_long() -> str:
    return dateformat.format(timezone.localdate(), "j F Y")


def test_hr_revokes_with_a_reason_that_the_public_verify_page_then_shows(client, hr_user, certificate):
    client.force_login(hr_user)
    record = client.get(record_url(certificate.user)).content.decode()
    assert reverse("certificates:revoke", kwargs={"code": certificate.code}) in record

    page = revoke(client, certificate, "Quiz answers were shared before the attempt.").content.decode()

    assert f"Certificate {certificate.code} is revoked" in page
    client.logout()
    public = verify(client, certificate.code).content.decode()
    assert "Certificate revoked" in public and f"Revoked on {today_long()}" in public
    assert "Quiz answers were shared before the attempt." in public
    assert reverse("certificates:credential", kwargs={"code": certificate.code}) not in public
    certificate.refresh_from_db()
    assert certificate.revoked_by == hr_user


@pytest.mark.parametrize("reason", ["", "   ", "x" * 1001])
def test_revoking_without_a_usable_reason_is_refused_and_nothing_changes(client, hr_user, certificate, reason):
    client.force_login(hr_user)

    page = revoke(client, certificate, reason).content.decode()

    assert "Say why the certificate is revoked" in page or "Keep the reason under 1000 characters" in page
    certificate.refresh_from_db()
    assert certificate.revoked_at is None and certificate.status == Certificate.Status.VALID


def test_revoking_twice_is_refused_and_keeps_the_first_reason(client, hr_user, certificate):
    client.force_login(hr_user)
    revoke(client, certificate, "First reason")

    page = revoke(client, certificate, "Second reason").content.decode()

    assert "already revoked" in page
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "First reason"


def test_reissue_gives_a_new_code_with_the_corrected_name_and_the_old_code_shows_superseded(
    client, hr_user, certificate, employee
):
    employee.last_name = "Lernerin"
    employee.save()
    client.force_login(hr_user)

    page = reissue(client, certificate, "Surname corrected").content.decode()

    new = Certificate.objects.get(enrolment=certificate.issued_for)
    assert new.code != certificate.code and f"Certificate {new.code} replaces {certificate.code}" in page
    assert new.holder_name == "Lena Lernerin" and new.issued_by == hr_user
    assert (new.course_title, new.score, new.completed_at, new.valid_until) == (
        certificate.course_title,
        certificate.score,
        certificate.completed_at,
        certificate.valid_until,
    )
    client.logout()
    old_page = verify(client, certificate.code).content.decode()
    assert "Certificate superseded" in old_page and f"Superseded on {today_long()}" in old_page
    assert new.code not in old_page and "Surname corrected" not in old_page  # no new code, no private reason
    assert "Certificate valid" in verify(client, new.code).content.decode()
    assert client.get(reverse("certificates:credential", kwargs={"code": certificate.code})).status_code == 410


def test_the_training_record_keeps_every_certificate_of_the_cycle_and_reports_show_the_current_one(
    client, hr_user, certificate
):
    client.force_login(hr_user)
    reissue(client, certificate, "Name corrected")
    new = Certificate.objects.get(enrolment=certificate.issued_for)

    record = client.get(record_url(certificate.user)).content.decode()
    report = client.get(reverse("training:hr_report")).content.decode()

    assert certificate.code in record and new.code in record and "superseded" in record and "Name corrected" in record
    assert new.code in report and certificate.code not in report


def test_a_superseded_certificate_cannot_be_revoked_or_reissued_again(client, hr_user, certificate):
    client.force_login(hr_user)
    reissue(client, certificate, "Name corrected")

    assert "replaced by a newer one" in revoke(client, certificate, "Too late").content.decode()
    assert "already replaced" in reissue(client, certificate, "Again").content.decode()
    assert Certificate.objects.filter(issued_for=certificate.issued_for).count() == 2


def test_only_hr_may_revoke_or_reissue(client, employee, outsider, certificate):
    manager = manager_of(employee)
    for person in (employee, manager, outsider):
        client.force_login(person)
        assert reverse("certificates:revoke", kwargs={"code": certificate.code}) not in (
            client.get(record_url(employee)).content.decode()
        )
        for action in ("revoke", "reissue"):
            response = client.post(
                reverse(f"certificates:{action}", kwargs={"code": certificate.code}), {"reason": "x"}
            )
            assert response.status_code == 403
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    assert Certificate.objects.count() == 1


def test_the_verify_page_shows_minimal_personal_data(client, certificate, employee):
    page = verify(client, certificate.code).content.decode()

    assert "Lena Learner" in page and certificate.course_title in page and "Completed on" in page
    assert employee.email not in page and "Score" not in page and employee.username not in page


def test_unknown_and_malformed_codes_get_the_same_answer(client, certificate):
    answers = set()
    for code in ("B" * 32, "NOT-A-CODE", "1" * 32, "%27%20OR%201=1", "A" * 80):
        response = verify(client, code)
        assert response.status_code == 404
        answers.add(response.content.decode().replace(code, "CODE").replace("&#x27; OR 1=1", "CODE"))
    assert len(answers) == 1


def test_a_code_typed_with_spaces_dashes_or_lower_case_finds_the_certificate(client, certificate):
    typed = " ".join(certificate.code[i : i + 4] for i in range(0, 32, 4)).lower().replace(" ", "-", 3)

    assert "Certificate valid" in verify(client, typed).content.decode()


def test_look_ups_are_limited_per_address_and_minute(client, settings, certificate):
    from django.core.cache import cache

    cache.clear()
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = 5
    statuses = [verify(client, "B" * 32).status_code for _ in range(5)]
    blocked = verify(client, certificate.code)
    badge = client.get(reverse("certificates:credential", kwargs={"code": certificate.code}))
    other_address = client.get(
        reverse("certificates:verify", kwargs={"code": certificate.code}), REMOTE_ADDR="10.0.0.9"
    )
    cache.clear()

    assert statuses == [404] * 5
    assert blocked.status_code == badge.status_code == 429 and blocked["Retry-After"] == "60"
    assert "Too many look-ups" in blocked.content.decode() and certificate.holder_name not in blocked.content.decode()
    assert other_address.status_code == 200


def test_a_revoked_certificate_downloads_only_with_the_revocation_across_it(client, hr_user, employee, certificate):
    from tests.certificates.pdf_text import pdf_text

    client.force_login(hr_user)
    revoke(client, certificate, "Issued in error")
    client.force_login(employee)

    text = "".join(pdf_text(client.get(certificate.get_pdf_url()).content).split())

    assert "".join(f"Revoked on {today_long()}: this certificate is no longer valid.".split()) in text
    certificate.refresh_from_db()
    assert not certificate.pdf  # rendered for the download, never stored over the issued file


def test_a_superseded_certificate_says_it_was_replaced(client, hr_user, certificate):
    from tests.certificates.pdf_text import pdf_text

    client.force_login(hr_user)
    reissue(client, certificate, "Name corrected")

    text = "".join(pdf_text(client.get(certificate.get_pdf_url()).content).split())

    assert "byanewercertificate:thisoneisnolongervalid." in text
