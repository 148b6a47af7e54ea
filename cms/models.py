"""Editorial content: home page, courses and lessons. Progress and grading live in training/, quizzes/."""

from django.contrib.auth.views import redirect_to_login
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .blocks import RICH_TEXT_FEATURES, LessonStreamBlock
from .forms import CodeOfConductLessonForm
from .panels import TranslationStatusPanel
from .permissions import can_read_training_content
from .translations import shown_page, source_of


class FallbackRouteMixin:
    """A page in a translated tree finds what it has no translation of yet in the default language's tree, so every
    address works in every language (the learner reads that page in the default language)."""

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            source = source_of(self) if path_components else self
            if source.pk == self.pk:
                raise
            return source.route(request, path_components)


class ShownInOwnLanguageMixin:
    """Served to logged-in staff only (`can_read_training_content`), in the learner's language: a page reached at
    the address of another language's copy (a translation with another slug, or one published after the learner's
    link was made) sends the learner to their own."""

    def serve(self, request, *args, **kwargs):
        if not can_read_training_content(request.user):
            return redirect_to_login(request.get_full_path())
        shown = shown_page(self)
        if shown.pk != self.pk:
            url = shown.get_url(request)
            if url and url != request.path:
                return redirect(url)
        return super().serve(request, *args, **kwargs)


class HomePage(FallbackRouteMixin, Page):
    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.CoursePage"]
    max_count = 1


class CoursePage(FallbackRouteMixin, ShownInOwnLanguageMixin, Page):
    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    validity_months = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("How long a certificate for this course stays valid."),
    )
    quiz = models.ForeignKey(
        "quizzes.Quiz",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="courses",
        help_text=_("The final quiz. Passing it completes the course and issues the certificate."),
    )

    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("How this course's certificates look; empty for the default template."),
    )

    content_panels = (
        [TranslationStatusPanel()]
        + Page.content_panels
        + [
            FieldPanel("intro"),
            MultiFieldPanel(
                [FieldPanel("quiz"), FieldPanel("validity_months"), FieldPanel("certificate_template")],
                heading=_("Completion"),
            ),
        ]
    )
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.GuidelineLessonPage", "cms.CodeOfConductLessonPage", "cms.CaseStudyPage"]

    def lessons(self):
        """The course's live lessons, in the order editors arranged them in the page tree."""
        return LessonPage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        from training.selectors import course_outline

        context = super().get_context(request, *args, **kwargs)
        # Progress belongs to the course in the default language, whichever language it is read in.
        context["outline"] = course_outline(user=request.user, course=source_of(self))
        return context


class LessonPage(ShownInOwnLanguageMixin, Page):
    """Fields every lesson kind shares. Concrete kinds add their own structure."""

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown in the course outline.")
    )
    body = StreamField(LessonStreamBlock(), blank=True)
    minimum_reading_seconds = models.PositiveIntegerField(
        _("minimum reading time (seconds)"),
        default=0,
        validators=[MaxValueValidator(3600)],
        help_text=_(
            "Learners can mark the lesson as read (or confirm it) only this long after they first opened this "
            "version of it. 0 for no minimum."
        ),
    )

    content_panels = (
        [TranslationStatusPanel()]
        + Page.content_panels
        + [
            FieldPanel("summary"),
            FieldPanel("body"),
            FieldPanel("minimum_reading_seconds"),
        ]
    )
    parent_page_types = ["cms.CoursePage"]
    subpage_types: list[str] = []
    is_creatable = False
    requires_acknowledgement = False
    # Whether the page has a case study's parts (situation, what happened, what to learn) to show.
    is_case_study = False
    kind_label = _("Lesson")

    def get_template(self, request, *args, **kwargs):
        return "cms/lesson_page.html"

    def get_context(self, request, *args, **kwargs):
        from training.selectors import lesson_state

        context = super().get_context(request, *args, **kwargs)
        source = source_of(self)
        context["source"] = source
        context["state"] = lesson_state(user=request.user, lesson=source)
        context["course"] = shown_page(context["state"].course)
        # A translation: the learner reads (and signs) this page's revision, recorded with the source's.
        context["shown_revision_id"] = self.live_revision_id if source.pk != self.pk else None
        return context


class GuidelineLessonPage(LessonPage):
    kind_label = _("Guideline")

    class Meta:
        verbose_name = _("guideline lesson")


class CodeOfConductLessonPage(LessonPage):
    acknowledgement_text = models.TextField(
        _("acknowledgement text"),
        default="I have read and understood this code of conduct and I will follow it.",
        help_text=_("The statement the learner confirms. It is recorded with the time and the lesson revision."),
    )

    # Each revision keeps its own tick; the edit form starts unticked after a publish (cms.forms).
    requires_reacknowledgement = models.BooleanField(
        _("requires re-acknowledgement"),
        default=False,
        help_text=_(
            "Tick when this change is material: once this version is published, everyone who confirmed an "
            "earlier version is asked to confirm it again. Starts unticked at the next edit."
        ),
    )

    content_panels = LessonPage.content_panels + [
        FieldPanel("acknowledgement_text"),
        FieldPanel("requires_reacknowledgement"),
    ]
    base_form_class = CodeOfConductLessonForm
    requires_acknowledgement = True
    kind_label = _("Code of conduct")

    class Meta:
        verbose_name = _("code-of-conduct lesson")


class CaseStudyPage(LessonPage):
    situation = RichTextField(features=RICH_TEXT_FEATURES)
    what_happened = RichTextField(features=RICH_TEXT_FEATURES)
    what_to_learn = RichTextField(features=RICH_TEXT_FEATURES)

    content_panels = (
        [TranslationStatusPanel()]
        + Page.content_panels
        + [
            FieldPanel("summary"),
            FieldPanel("situation"),
            FieldPanel("what_happened"),
            FieldPanel("what_to_learn"),
            FieldPanel("body", heading=_("More")),
            FieldPanel("minimum_reading_seconds"),
        ]
    )
    is_case_study = True
    kind_label = _("Case study")

    class Meta:
        verbose_name = _("case study")
