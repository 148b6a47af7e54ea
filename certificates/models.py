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


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", "Valid"
        EXPIRED = "expired", "Expired"
        REVOKED = "revoked", "Revoked"

    code = models.CharField(max_length=64, unique=True, default=new_certificate_code, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates")
    enrolment = models.OneToOneField("training.Enrolment", on_delete=models.PROTECT, related_name="certificate")
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
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(blank=True)
    pdf = models.FileField(upload_to="certificates/", blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self):
        return f"{self.course_title} — {self.holder_name} ({self.code})"

    def get_absolute_url(self):
        return reverse("certificates:verify", kwargs={"code": self.code})

    def get_pdf_url(self):
        return reverse("certificates:pdf", kwargs={"code": self.code})

    def status_on(self, day) -> str:
        if self.revoked_at:
            return self.Status.REVOKED
        if self.valid_until < day:
            return self.Status.EXPIRED
        return self.Status.VALID

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())
