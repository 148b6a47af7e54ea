"""Question bank, quizzes and the learners' attempts. Grading rules live in grading.py and services.py."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from cms.translated_texts import TranslatedTexts, translations_panel

from .forms import QuestionAdminForm

FEEDBACK_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class Category(models.Model):
    """A folder of the question bank. Categories nest: "Code of conduct / Privacy"."""

    name = models.CharField(max_length=200)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("parent"), FieldPanel("description")]

    class Meta:
        verbose_name_plural = _("categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="category_name_unique_in_parent"),
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(parent__isnull=True), name="top_category_name_unique"
            ),
        ]

    def __str__(self):
        return " / ".join(self.path_names())

    def path_names(self) -> list[str]:
        names, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            names.append(node.name)
            node = node.parent
        return names[::-1]

    def clean(self):
        node = self.parent
        while node is not None:
            if node.pk == self.pk:
                raise ValidationError({"parent": _("A category cannot sit inside itself.")})
            node = node.parent


class Quiz(TranslatedTexts, ClusterableModel):
    class QuestionOrder(models.TextChoices):
        FIXED = "fixed", _("As listed")
        RANDOM = "random", _("Random for each attempt")

    class GradingMethod(models.TextChoices):
        HIGHEST = "highest", _("Highest attempt")
        LAST = "last", _("Last attempt")
        FIRST = "first", _("First attempt")
        AVERAGE = "average", _("Average of all attempts")

    class ReviewMode(models.TextChoices):
        AFTER_EACH = "after_each", _("After each question (learner checks each answer)")
        AT_END = "at_end", _("At the end of the attempt")
        NEVER = "never", _("Never (score only)")

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    description = RichTextField(features=FEEDBACK_FEATURES, blank=True)
    is_published = models.BooleanField(
        default=True, verbose_name=_("published"), help_text=_("Draft quizzes are hidden from learners.")
    )
    pass_mark = models.PositiveSmallIntegerField(
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Percentage of the total marks needed to pass."),
    )
    success_text = RichTextField(features=FEEDBACK_FEATURES, blank=True, help_text=_("Shown when a learner passes."))
    fail_text = RichTextField(features=FEEDBACK_FEATURES, blank=True, help_text=_("Shown when a learner fails."))
    question_order = models.CharField(max_length=10, choices=QuestionOrder.choices, default=QuestionOrder.FIXED)
    shuffle_answers = models.BooleanField(default=False, help_text=_("Show each question's options in random order."))
    max_questions = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Put at most this many questions to each attempt (blank: all).")
    )
    max_attempts = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("1 for a single attempt; blank for no limit.")
    )
    cooldown_minutes = models.PositiveIntegerField(default=0, help_text=_("Wait between two attempts, in minutes."))
    grading_method = models.CharField(max_length=10, choices=GradingMethod.choices, default=GradingMethod.HIGHEST)
    time_limit_minutes = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("Blank: no time limit."))
    grace_seconds = models.PositiveSmallIntegerField(
        default=60, help_text=_("After the time limit, a submit within this many seconds still counts.")
    )
    review_mode = models.CharField(max_length=12, choices=ReviewMode.choices, default=ReviewMode.AT_END)
    questions = models.ManyToManyField("Question", through="QuizQuestion", related_name="quizzes", blank=True)

    translated_fields = {
        "title": (_("Title"), "line"),
        "description": (_("Description"), "rich"),
        "success_text": (_("Shown when a learner passes"), "rich"),
        "fail_text": (_("Shown when a learner fails"), "rich"),
    }
    rich_text_features = FEEDBACK_FEATURES

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("is_published"),
        InlinePanel("quiz_questions", heading=_("Questions"), label=_("Question")),
        InlinePanel(
            "category_draws",
            heading=_("Random questions from the bank"),
            # Translators: a rule that draws questions at random from a bank category.
            label=_("Draw"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("question_order"), FieldPanel("shuffle_answers")]),
                FieldPanel("max_questions"),
            ],
            heading=_("Questions put to each attempt"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("max_attempts"), FieldPanel("cooldown_minutes")]),
                FieldRowPanel([FieldPanel("time_limit_minutes"), FieldPanel("grace_seconds")]),
                FieldPanel("grading_method"),
            ],
            heading=_("Attempts"),
        ),
        MultiFieldPanel(
            [FieldPanel("pass_mark"), FieldPanel("review_mode"), FieldPanel("success_text"), FieldPanel("fail_text")],
            heading=_("Result and review"),
        ),
        translations_panel(translated_fields),
    ]

    class Meta:
        verbose_name_plural = _("quizzes")
        ordering = ["title"]
        permissions = [
            ("mark_essays", "Can mark written quiz answers"),
            ("view_item_analysis", "Can see quiz item analysis"),
        ]

    def __str__(self):
        return self.title


class Question(TranslatedTexts, ClusterableModel):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Multiple choice, one answer")
        MULTIPLE = "multiple", _("Multiple choice, several answers")
        TRUE_FALSE = "true_false", _("True or false")
        SCENARIO = "scenario", _("Scenario (a case, then a multiple-choice question)")
        ESSAY = "essay", _("Essay (marked by a person)")

    class Scoring(models.TextChoices):
        ALL_OR_NOTHING = "all_or_nothing", _("All or nothing")
        PARTIAL = "partial", _("Partial credit")

    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.PROTECT, related_name="questions")
    name = models.CharField(max_length=255, blank=True, help_text=_("A short name for reports and the bank."))
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SINGLE)
    scenario = RichTextField(
        features=FEEDBACK_FEATURES, blank=True, help_text=_("The case the learner reads before the question.")
    )
    text = models.TextField()
    scoring = models.CharField(
        max_length=20,
        choices=Scoring.choices,
        default=Scoring.ALL_OR_NOTHING,
        help_text=_("For several-answer questions: all or nothing, or credit for each right option."),
    )
    explanation = models.TextField(
        blank=True,
        verbose_name=_("general feedback"),
        help_text=_("Shown in the review: why the right answer is right."),
    )
    topic = models.CharField(max_length=200, blank=True, help_text=_("The lesson or rule it tests, for the reports."))

    translated_fields = {
        "scenario": (_("Scenario"), "rich"),
        "text": (_("Question"), "text"),
        "explanation": (_("General feedback"), "text"),
    }
    rich_text_features = FEEDBACK_FEATURES

    panels = [
        FieldPanel("category"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("scenario"),
        FieldPanel("text"),
        FieldPanel("scoring"),
        FieldPanel("topic"),
        FieldPanel("explanation"),
        InlinePanel("choices", label=_("Answer"), heading=_("Answers (none for an essay)")),
        translations_panel(translated_fields),
    ]
    base_form_class = QuestionAdminForm

    class Meta:
        ordering = ["category__name", "pk"]

    def __str__(self):
        return self.name or self.text[:80]

    @property
    def has_choices(self) -> bool:
        return self.kind != self.Kind.ESSAY


class Choice(Orderable, TranslatedTexts):  # Orderable first: its Meta (ordering) is the one kept
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=1000)
    is_correct = models.BooleanField(default=False)
    fraction = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-1)), MaxValueValidator(Decimal(1))],
        help_text=_("Optional credit for this answer from -1 to 1 (0.5 = half marks). Blank: from 'correct'."),
    )
    feedback = models.TextField(blank=True, help_text=_("Shown in the review to learners who chose this answer."))

    translated_fields = {"text": (_("Answer"), "line"), "feedback": (_("Feedback"), "text")}

    panels = [
        FieldPanel("text"),
        FieldPanel("is_correct"),
        FieldPanel("fraction"),
        FieldPanel("feedback"),
        translations_panel(translated_fields),
    ]

    def __str__(self):
        return self.text


class QuizQuestion(Orderable):
    """A question put to every attempt of a quiz."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="quiz_questions")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="quiz_links")

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["quiz", "question"], name="quiz_question_unique")]

    def __str__(self):
        return f"{self.quiz} · {self.question}"


class QuizCategoryDraw(Orderable):
    """N questions drawn at random from a bank category for each attempt (all of them when N is blank)."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="category_draws")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("Blank: every question in it."))
    include_subcategories = models.BooleanField(default=True)

    panels = [FieldPanel("category"), FieldPanel("count"), FieldPanel("include_subcategories")]

    def __str__(self):
        if self.count:
            # Translators: e.g. "5 from Code of conduct / Privacy": questions drawn from a bank category.
            return _("%(count)s from %(category)s") % {"count": self.count, "category": self.category}
        # Translators: every question of a bank category, e.g. "all from Code of conduct / Privacy".
        return _("all from %(category)s") % {"category": self.category}


class Attempt(models.Model):
    """One sitting of a quiz. Attempts are exam papers: never deleted, never regraded silently."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        AWAITING_MARKING = "awaiting_marking", _("Awaiting marking")
        SUBMITTED = "submitted", _("Graded")

    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quiz_attempts")
    enrolment = models.ForeignKey(
        "training.Enrolment", null=True, blank=True, on_delete=models.PROTECT, related_name="attempts"
    )
    number = models.PositiveIntegerField(help_text=_("1 for the learner's first attempt at this quiz, then 2, 3..."))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    sequence = models.PositiveIntegerField(
        default=0, help_text=_("Goes up with every saved change; a save that carries an older number is refused.")
    )
    started_at = models.DateTimeField(auto_now_add=True)
    deadline = models.DateTimeField(null=True, blank=True, help_text=_("When the time limit runs out."))
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_automatically = models.BooleanField(default=False, help_text=_("Closed by the clock, not the learner."))
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True, help_text=_("Percent."))
    passed = models.BooleanField(null=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "user", "number"], name="attempt_number_unique"),
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=models.Q(status="in_progress"),
                name="one_open_attempt_per_quiz",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="submitted") | models.Q(submitted_at__isnull=False, score__isnull=False),
                name="graded_attempt_has_score",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.quiz} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.IN_PROGRESS


class AttemptQuestion(models.Model):
    """A question as it was put to the learner in one attempt, and what they answered."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="attempt_items")
    position = models.PositiveIntegerField()
    choice_order = models.JSONField(default=list, blank=True, help_text=_("Option ids in the order shown."))
    selected = models.ManyToManyField(Choice, blank=True, related_name="+")
    response_text = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True, help_text=_("Answer checked and locked by the learner."))
    credit = models.DecimalField(max_digits=6, decimal_places=5, null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField(null=True, blank=True)
    marker_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="attempt_question_unique"),
            models.UniqueConstraint(fields=["attempt", "position"], name="attempt_position_unique"),
        ]

    def __str__(self):
        return _("%(attempt)s · question %(position)s") % {"attempt": self.attempt, "position": self.position}
