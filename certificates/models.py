"""Certificates of completion. The record is the truth; the PDF is a rendering of it."""

import base64
import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import escape
from django.utils.translation import gettext, gettext_noop, ngettext, override
from django.utils.translation import gettext_lazy as _
from wagtail.models import PreviewableMixin

from cms.translated_texts import TranslatedTexts, translated


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
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")
        SUPERSEDED = "superseded", _("Superseded")

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
    # The language it is worded in: the holder's at issue (course title, labels and the template's texts).
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
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
        help_text=_("Who re-issued it; empty when issued on completion."),
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


PLACEHOLDERS = {
    "name": _("the holder's name"),
    "course": _("the course title"),
    "date": _("the completion date"),
    "expiry": _("the last day it is valid"),
    "score": _("the final quiz score, in percent"),
    "code": _("the certificate code"),
}
PLACEHOLDER_PATTERN = re.compile(r"\{([^{}]*)\}")
DEFAULT_TITLE = gettext_noop("Certificate of completion")
DEFAULT_STATEMENT = gettext_noop(
    "{name} completed {course} on {date} with a score of {score} %, and is certified until {expiry}."
)


def _statement_help() -> str:
    """The statement's help text, in the language of whoever reads the form."""
    placeholders = ", ".join(f"{{{key}}} ({meaning})" for key, meaning in PLACEHOLDERS.items())
    # Translators: help text of a certificate template's statement; "placeholders" lists {name} (the holder's
    # name), {course} (the course title) and so on.
    return _("Placeholders: %(placeholders)s") % {"placeholders": placeholders}


class CertificateTemplate(PreviewableMixin, TranslatedTexts):
    """How certificates look and what they say, edited in the admin (Settings → Certificate templates): one is the
    default, and a course may name its own. Texts are plain text, never HTML; the statement takes placeholders."""

    class Paper(models.TextChoices):
        A4 = "A4", "A4"
        LETTER = "letter", _("US Letter")

    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("Landscape")
        PORTRAIT = "portrait", _("Portrait")

    name = models.CharField(max_length=100, unique=True, help_text=_("For you: which template this is."))
    is_default = models.BooleanField(default=False, help_text=_("Used for every course that names no template."))
    organisation = models.CharField(max_length=120, default="Social Confidence", help_text=_("The line at the top."))
    title = models.CharField(max_length=120, default=DEFAULT_TITLE)
    statement = models.TextField(
        default=DEFAULT_STATEMENT,
        help_text=lazy(_statement_help, str)(),
    )
    accent_colour = models.CharField(
        max_length=7,
        default="#0f5c78",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("A colour as # and six hex digits, e.g. #0f5c78."))],
    )
    logo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    signatory_name = models.CharField(max_length=120, blank=True)
    signatory_title = models.CharField(max_length=120, blank=True)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An image of the signature, shown above the signatory's name."),
    )
    paper = models.CharField(max_length=10, choices=Paper.choices, default=Paper.A4)
    orientation = models.CharField(max_length=10, choices=Orientation.choices, default=Orientation.LANDSCAPE)

    translated_fields = {
        "organisation": (_("Organisation"), "line"),
        "title": (_("Title"), "line"),
        "statement": (_("Statement"), "text"),
        "signatory_title": (_("Signatory title"), "line"),
    }

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_certificate_template"
            )
        ]

    def __str__(self):
        return _("%(name)s (default)") % {"name": self.name} if self.is_default else self.name

    def texts(self, language: str) -> dict[str, str]:
        """The template's texts as a certificate in `language` prints them: the translation written for it, else
        the product's own translation of an unchanged default text, else the text as written."""
        texts = {}
        with override(language):
            for field in self.translated_fields:
                text = translated(self, field, language)
                texts[field] = gettext(text) if text in (DEFAULT_TITLE, DEFAULT_STATEMENT) else text
        return texts

    def clean(self):
        statements = [self.statement] + [texts.get("statement", "") for texts in (self.translations or {}).values()]
        used = {key for statement in statements for key in PLACEHOLDER_PATTERN.findall(statement)}
        unknown = sorted(key for key in used if key not in PLACEHOLDERS)
        if unknown:
            message = ngettext(
                "Unknown placeholder %(unknown)s. Use %(known)s.",
                "Unknown placeholders %(unknown)s. Use %(known)s.",
                len(unknown),
            ) % {
                "unknown": ", ".join(f"{{{key}}}" for key in unknown),
                "known": ", ".join(f"{{{key}}}" for key in PLACEHOLDERS),
            }
            raise ValidationError({"statement": message})
        if self.is_default and CertificateTemplate.objects.filter(is_default=True).exclude(pk=self.pk).exists():
            raise ValidationError({"is_default": _("Another template is the default; untick it there first.")})

    # Values that go into the PDF's style sheet, re-checked here: only the admin form validates, and CSS must never
    # receive anything but a colour or a page size (a stored "red; } @import ..." would otherwise be obeyed).
    @property
    def css_accent(self) -> str:
        return self.accent_colour if re.fullmatch(r"#[0-9a-fA-F]{6}", self.accent_colour or "") else "#0f5c78"

    @property
    def css_paper(self) -> str:
        return self.paper if self.paper in self.Paper.values else self.Paper.A4

    @property
    def portrait(self) -> bool:
        return self.orientation == self.Orientation.PORTRAIT

    def statement_html(self, values: dict, statement: str | None = None) -> str:
        """The statement (default: the template's own) with its placeholders filled in, every part escaped (names
        may hold markup)."""
        statement = self.statement if statement is None else statement
        parts, last = [], 0
        for match in PLACEHOLDER_PATTERN.finditer(statement):
            parts.append(escape(statement[last : match.start()]))
            key = match.group(1)
            parts.append(escape(values.get(key, match.group(0))))
            last = match.end()
        parts.append(escape(statement[last:]))
        return "".join(parts)

    # Preview in the admin: a sample certificate with this template, as the PDF learners get.
    @property
    def preview_modes(self):
        return [("", _("Certificate (PDF)"))]

    def serve_preview(self, request, mode_name):
        from django.http import HttpResponse

        from .rendering import render_sample_pdf

        response = HttpResponse(render_sample_pdf(template=self), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="certificate-preview.pdf"'
        return response

    @classmethod
    def for_certificate(cls, certificate) -> "CertificateTemplate":
        """The template of the certificate's course, else the default one, else the built-in design (unsaved)."""
        if not certificate.issued_for_id:
            return cls()
        from training.models import Enrolment

        template_id = (
            Enrolment.objects.filter(pk=certificate.issued_for_id)
            .values_list("course__certificate_template_id", flat=True)
            .first()
        )
        templates = cls.objects.select_related("logo", "signature")
        found = templates.filter(pk=template_id).first() if template_id else None
        return found or templates.filter(is_default=True).first() or cls()
