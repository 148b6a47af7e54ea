"""Certificates of completion. The record is the truth; the PDF is a rendering of it."""

import base64
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


def new_certificate_code() -> str:
    """160 random bits from `secrets`, base32 (A-Z, 2-7): unguessable, and easy to read out to an auditor."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


class CertificateQuerySet(models.QuerySet):
    def render_failed(self):
        """Current certificates without a PDF whose automatic attempts all failed."""
        return self.filter(
            rendered_at__isnull=True,
            superseded_at__isnull=True,
            render_attempts__gte=settings.CERTIFICATE_RENDER_ATTEMPTS,
        )


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", "Valid"
        EXPIRED = "expired", "Expired"
        REVOKED = "revoked", "Revoked"
        SUPERSEDED = "superseded", "Superseded"

    code = models.CharField(max_length=64, unique=True, default=new_certificate_code, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates")
    # The certification cycle this certificate was issued for: every certificate of it, re-issues included.
    issued_for = models.ForeignKey("training.Enrolment", on_delete=models.PROTECT, related_name="issued_certificates")
    # The cycle's current certificate only (empty once a re-issue superseded it): what reports and learners see.
    enrolment = models.OneToOneField(
        "training.Enrolment", null=True, blank=True, on_delete=models.PROTECT, related_name="certificate"
    )
    attempt = models.ForeignKey(
        "quizzes.Attempt", null=True, blank=True, on_delete=models.PROTECT, related_name="certificates"
    )
    # What the certificate says is frozen at issue time: later renames do not rewrite history.
    holder_name = models.CharField(max_length=300)
    course_title = models.CharField(max_length=300)
    score = models.DecimalField(max_digits=5, decimal_places=2)
    completed_at = models.DateTimeField()
    issued_at = models.DateTimeField(default=timezone.now)
    valid_until = models.DateField()
    # What was trained on: the course as published when the learner completed it, each lesson read with the
    # revision they read, and the "read and understood" confirmation where the course has one.
    course_revision_id = models.PositiveIntegerField(null=True, blank=True)
    course_published_at = models.DateTimeField(null=True, blank=True)
    lessons_read = models.JSONField(default=list, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledgement_statement = models.TextField(blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_reason = models.TextField(blank=True)
    superseded_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who re-issued it; empty when issued on completion.",
    )
    pdf = models.FileField(upload_to="certificates/", blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    # Failed renders, kept so that a certificate is never silently left without its PDF (retried, then reported).
    render_attempts = models.PositiveSmallIntegerField(default=0)
    render_error = models.TextField(blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at"]
        indexes = [
            # Certificates still without a PDF: a handful at any time, looked up on every HR report view.
            models.Index(
                fields=["render_attempts"], condition=models.Q(rendered_at__isnull=True), name="certificate_pdf_pending"
            )
        ]
        constraints = [
            # A certificate is its cycle's current one exactly until a re-issue supersedes it.
            models.CheckConstraint(
                condition=models.Q(enrolment__isnull=True, superseded_at__isnull=False)
                | models.Q(enrolment__isnull=False, superseded_at__isnull=True),
                name="certificate_current_or_superseded",
            ),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revoked_reason=""),
                name="certificate_revocation_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.course_title} — {self.holder_name} ({self.code})"

    def get_absolute_url(self):
        return reverse("certificates:verify", kwargs={"code": self.code})

    def get_pdf_url(self):
        return reverse("certificates:pdf", kwargs={"code": self.code})

    def status_on(self, day) -> str:
        if self.revoked_at:
            return self.Status.REVOKED
        if self.superseded_at:
            return self.Status.SUPERSEDED
        if self.valid_until < day:
            return self.Status.EXPIRED
        return self.Status.VALID

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def render_failed(self) -> bool:
        """No PDF, and every automatic attempt failed: HR is shown it and can try again."""
        return self.rendered_at is None and self.render_attempts >= settings.CERTIFICATE_RENDER_ATTEMPTS

    @property
    def status_label(self) -> str:
        return self.Status(self.status).label
