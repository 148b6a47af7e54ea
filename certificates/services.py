"""Issuing certificates and producing their PDFs."""

import calendar
import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.translations import title_in
from training.audit import Action, CourseRef, audit_record
from training.languages import user_language
from training.names import display_name
from training.validation import fields_clean, reason_clean

from .models import Certificate

logger = logging.getLogger(__name__)

# The facts a certificate certifies, checked before it is saved (on issue and on re-issue).
CHECKED_FIELDS = ["holder_name", "course_title", "score", "completed_at", "valid_until"]


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
    course = CoursePage.objects.only(
        "title", "validity_months", "live_revision_id", "last_published_at", "translation_key"
    ).get(pk=enrolment.course_id)
    language = user_language(user)
    completed_on = timezone.localdate(enrolment.completed_at)
    certificate = Certificate(
        user=user,
        enrolment=enrolment,
        issued_for=enrolment,
        attempt=attempt,
        holder_name=display_name(user),
        course_title=title_in(course, language),
        language=language,
        score=enrolment.score,
        completed_at=enrolment.completed_at,
        valid_until=add_months(completed_on, course.validity_months),
        course_revision_id=course.live_revision_id,
        course_published_at=course.last_published_at,
        **_training_record(enrolment),
    )
    fields_clean(certificate, CHECKED_FIELDS)
    certificate.save()
    audit_record(
        action=Action.CERTIFICATE_ISSUED,
        person=user,
        course=course,
        subject=certificate,
        new={
            "code": certificate.code,
            "holder_name": certificate.holder_name,
            "score": certificate.score,
            "valid_until": certificate.valid_until,
        },
    )
    transaction.on_commit(lambda: _queue_render(certificate.pk))
    return certificate


def _training_record(enrolment) -> dict:
    """The lessons read (with the revision read) and the latest "read and understood" confirmation, frozen onto
    the certificate as what was certified."""
    from training.models import Acknowledgement, LessonProgress

    lessons = [
        {
            "title": title,
            "revision": revision_id,
            "read_at": read_at.isoformat(),
        }
        for title, revision_id, read_at in LessonProgress.objects.filter(enrolment=enrolment)
        .order_by("lesson__path")
        .values_list("lesson__title", "revision_id", "completed_at")
    ]
    acknowledgement = (
        Acknowledgement.objects.filter(enrolment=enrolment)
        .order_by("-acknowledged_at")
        .values_list("acknowledged_at", "statement")
        .first()
    )
    return {
        "lessons_read": lessons,
        "acknowledged_at": acknowledgement[0] if acknowledgement else None,
        "acknowledgement_statement": acknowledgement[1] if acknowledgement else "",
    }


def certificate_revoke(*, certificate: Certificate, reason: str, revoked_by) -> Certificate:
    """Withdraw a certificate (issued in error, obtained dishonestly, ...). Its verify page says "revoked" with the
    reason and the date from now on; the record and its history stay. Revoking twice is refused."""
    from training.snapshots import report_snapshot_request

    reason = reason_clean(
        reason, missing=_("Say why the certificate is revoked: the reason is shown on its verification page.")
    )
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked_at:
            raise ValidationError(_("This certificate was already revoked."))
        if certificate.superseded_at:
            raise ValidationError(_("This certificate was replaced by a newer one; revoke that one instead."))
        status_before = certificate.status
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason
        certificate.revoked_by = revoked_by
        certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
        audit_record(
            action=Action.CERTIFICATE_REVOKED,
            actor=revoked_by,
            person=certificate.user,
            course=CourseRef(certificate.issued_for.course_id, certificate.course_title),
            subject=certificate,
            old={"code": certificate.code, "status": status_before},
            new={"code": certificate.code, "status": certificate.status, "revoked_at": certificate.revoked_at},
            reason=reason,
        )
        report_snapshot_request()  # a revoked certificate is no longer counted as expiring
    return certificate


def certificate_reissue(*, certificate: Certificate, reason: str, reissued_by) -> Certificate:
    """Replace the current certificate of a cycle with a new one: a new code, the holder's name as it is now (a
    corrected spelling, a new surname), the same course, score, completion and validity. The old certificate stays,
    marked superseded (its verify page says so, without revealing the new code)."""
    reason = reason_clean(
        reason, missing=_("Say why the certificate is re-issued: the reason is shown on its verification page.")
    )
    with transaction.atomic():
        old = Certificate.objects.select_for_update().select_related("user").get(pk=certificate.pk)
        if old.superseded_at:
            raise ValidationError(_("This certificate was already replaced by a newer one."))
        now = timezone.now()
        cycle_id = old.enrolment_id
        old.enrolment = None
        old.superseded_at = now
        old.superseded_reason = reason
        old.save(update_fields=["enrolment", "superseded_at", "superseded_reason"])
        new = Certificate(
            user=old.user,
            enrolment_id=cycle_id,
            issued_for_id=old.issued_for_id,
            attempt_id=old.attempt_id,
            holder_name=display_name(old.user),
            course_title=title_in(old.issued_for.course, user_language(old.user)),
            language=user_language(old.user),
            score=old.score,
            completed_at=old.completed_at,
            issued_at=now,
            valid_until=old.valid_until,
            course_revision_id=old.course_revision_id,
            course_published_at=old.course_published_at,
            lessons_read=old.lessons_read,
            acknowledged_at=old.acknowledged_at,
            acknowledgement_statement=old.acknowledgement_statement,
            issued_by=reissued_by,
        )
        fields_clean(new, CHECKED_FIELDS)
        new.save()
        old.superseded_by = new
        old.save(update_fields=["superseded_by"])
        audit_record(
            action=Action.CERTIFICATE_REISSUED,
            actor=reissued_by,
            person=old.user,
            course=CourseRef(old.issued_for.course_id, old.course_title),
            subject=new,
            old={"code": old.code, "holder_name": old.holder_name},
            new={"code": new.code, "holder_name": new.holder_name},
            reason=reason,
        )
        transaction.on_commit(lambda: _queue_render(new.pk))
    return new


def _queue_render(certificate_id: int) -> None:
    from .tasks import certificate_render_task

    certificate_render_task.enqueue(certificate_id=certificate_id)


def certificate_render_attempt(*, certificate_id: int) -> Certificate | None:
    """One background attempt at a certificate's PDF. A failure is recorded on the certificate and, while attempts
    are left and the task backend can defer, tried again 2, 4, 8... minutes later; then the exception is raised so
    that the task's own result records it too. After the last attempt HR sees the certificate as failed."""
    from .tasks import certificate_render_task

    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None or certificate.rendered_at is not None:
        return certificate  # gone, or made meanwhile (by a download, or another attempt)
    try:
        return certificate_render(certificate_id=certificate_id)
    except Exception as error:
        Certificate.objects.filter(pk=certificate_id).update(
            render_attempts=F("render_attempts") + 1, render_error=f"{type(error).__name__}: {error}"[:2000]
        )
        attempts = Certificate.objects.values_list("render_attempts", flat=True).get(pk=certificate_id)
        logger.exception(
            "Certificate %s: PDF attempt %s of %s failed",
            certificate_id,
            attempts,
            settings.CERTIFICATE_RENDER_ATTEMPTS,
        )
        task = certificate_render_task
        if attempts < settings.CERTIFICATE_RENDER_ATTEMPTS and task.get_backend().supports_defer:
            later = timezone.now() + datetime.timedelta(minutes=2**attempts)
            task.using(run_after=later).enqueue(certificate_id=certificate_id)
        raise


def certificates_render_pending(*, include_failed: bool = True) -> int:
    """Queue a render for every current certificate without a PDF and without a render on its way (the sweep that
    makes sure none is lost: a worker killed mid-render, a queue that was cleared). With `include_failed`, those
    whose attempts ran out start again. Returns how many were queued."""
    on_their_way = _render_jobs_in_flight()
    pending = Certificate.objects.filter(rendered_at__isnull=True, superseded_at__isnull=True)
    if not include_failed:
        pending = pending.filter(render_attempts__lt=settings.CERTIFICATE_RENDER_ATTEMPTS)
    ids = [pk for pk in pending.values_list("pk", flat=True) if pk not in on_their_way]
    if include_failed:
        Certificate.objects.filter(pk__in=ids).update(render_attempts=0)
    for certificate_id in ids:
        _queue_render(certificate_id)
    return len(ids)


def _render_jobs_in_flight() -> set[int]:
    """The certificates whose render job is waiting or running in the task database (django-tasks-db), once the
    jobs whose worker is gone are given up.

    django-tasks-db hands a job to one worker and never again: a worker killed mid-render (out of memory, a
    deployment, its machine gone) leaves its job "running" for good. A live render is stopped after
    CERTIFICATE_RENDER_SECONDS, so a job running for twice as long has lost its worker: it is marked failed and
    counted as a failed attempt at its certificate (one that kills every worker that renders it ends up reported
    to HR, not retried for ever). Were the worker alive after all, the render that finishes first is stored and
    the other stores nothing (`certificate_render`)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from .tasks import CertificateRenderLost, certificate_render_task

    backend = certificate_render_task.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return set()  # the other backends run a job as it is queued (immediate) or never (dummy)
    jobs = DBTaskResult.objects.filter(backend_name=backend.alias, task_path=certificate_render_task.module_path)
    now = timezone.now()
    lost = f"{CertificateRenderLost.__name__}: the worker stopped while rendering (killed, or its machine went down)"
    stale = jobs.filter(
        status=TaskResultStatus.RUNNING,
        started_at__lt=now - datetime.timedelta(seconds=2 * settings.CERTIFICATE_RENDER_SECONDS),
    )
    for job_id, arguments in stale.values_list("pk", "args_kwargs"):
        # Conditional, so that of two sweeps at once only one counts the attempt.
        if stale.filter(pk=job_id).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=f"{CertificateRenderLost.__module__}.{CertificateRenderLost.__qualname__}",
            traceback=lost,
        ):
            Certificate.objects.filter(pk=arguments["kwargs"]["certificate_id"], rendered_at__isnull=True).update(
                render_attempts=F("render_attempts") + 1, render_error=lost
            )
    waiting = jobs.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
    return {arguments["kwargs"]["certificate_id"] for arguments in waiting.values_list("args_kwargs", flat=True)}


def certificate_render(*, certificate_id: int) -> Certificate:
    """Render and store the PDF of a certificate, once: of renders that overlap (two workers, a download meanwhile)
    the first to finish stores its PDF and the others store nothing. A PDF whose file went missing is stored again;
    the record never changes."""
    from .rendering import render_certificate_pdf

    certificate = Certificate.objects.select_related("user").get(pk=certificate_id)
    pdf = render_certificate_pdf(certificate)
    with transaction.atomic():
        # The row lock (on SQLite, the write transaction) makes checking and storing one step.
        stored = Certificate.objects.select_for_update().get(pk=certificate_id)
        if stored.rendered_at and stored.pdf and stored.pdf.storage.exists(stored.pdf.name):
            return stored
        name = certificate.pdf.field.generate_filename(certificate, f"{certificate.code}.pdf")
        if certificate.pdf.storage.exists(name):
            # Written by a render stopped before it could record it: replaced, not kept beside the new one.
            certificate.pdf.storage.delete(name)
        certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(pdf), save=False)
        certificate.rendered_at = timezone.now()
        certificate.render_error = ""
        Certificate.objects.filter(pk=certificate.pk).update(
            pdf=certificate.pdf.name, rendered_at=certificate.rendered_at, render_error=""
        )
    return certificate


def certificate_pdf_bytes(*, certificate) -> bytes:
    """The stored PDF, rendered now if the background job has not produced it yet. A revoked or superseded
    certificate is rendered afresh with a notice across it (and not stored): a copy downloaded after that day must
    not look valid."""
    if certificate.revoked_at or certificate.superseded_at:
        from .rendering import render_certificate_pdf

        return render_certificate_pdf(certificate)
    if certificate.pdf and certificate.pdf.storage.exists(certificate.pdf.name):
        with certificate.pdf.open("rb") as handle:
            return handle.read()
    certificate = certificate_render(certificate_id=certificate.pk)
    with certificate.pdf.open("rb") as handle:
        return handle.read()
