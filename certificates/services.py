"""Issuing certificates and producing their PDFs."""

import calendar
import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from training.validation import fields_clean

from .models import Certificate


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or that month's last day when it is shorter (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def certificate_issue(*, enrolment, attempt) -> Certificate:
    """Issue the certificate for a completed enrolment (once) and queue its PDF."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing:
        return existing
    from cms.models import CoursePage

    user = enrolment.user
    course = CoursePage.objects.only("title", "validity_months").get(pk=enrolment.course_id)
    completed_on = timezone.localdate(enrolment.completed_at)
    certificate = Certificate(
        user=user,
        enrolment=enrolment,
        attempt=attempt,
        holder_name=user.get_full_name() or user.get_username(),
        course_title=course.title,
        score=enrolment.score,
        completed_at=enrolment.completed_at,
        valid_until=add_months(completed_on, course.validity_months),
    )
    fields_clean(certificate, ["holder_name", "course_title", "score", "completed_at", "valid_until"])
    certificate.save()
    transaction.on_commit(lambda: _queue_render(certificate.pk))
    return certificate


def _queue_render(certificate_id: int) -> None:
    from .tasks import certificate_render_task

    certificate_render_task.enqueue(certificate_id=certificate_id)


def certificate_render(*, certificate_id: int) -> Certificate:
    """Render and store the PDF of a certificate. Rendering again replaces the file, never the record."""
    from .rendering import render_certificate_pdf

    certificate = Certificate.objects.select_related("user").get(pk=certificate_id)
    pdf = render_certificate_pdf(certificate)
    certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(pdf), save=False)
    certificate.rendered_at = timezone.now()
    Certificate.objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name, rendered_at=certificate.rendered_at)
    return certificate


def certificate_pdf_bytes(*, certificate) -> bytes:
    """The stored PDF, rendered now if the background job has not produced it yet."""
    if certificate.pdf and certificate.pdf.storage.exists(certificate.pdf.name):
        with certificate.pdf.open("rb") as handle:
            return handle.read()
    certificate = certificate_render(certificate_id=certificate.pk)
    with certificate.pdf.open("rb") as handle:
        return handle.read()
