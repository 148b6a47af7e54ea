"""Quizzes, their questions and the learners' attempts. Grading rules live in services.py."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

FEEDBACK_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class Quiz(ClusterableModel):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    description = RichTextField(features=FEEDBACK_FEATURES, blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Percentage of the total marks needed to pass.",
    )
    success_text = RichTextField(features=FEEDBACK_FEATURES, blank=True, help_text="Shown when a learner passes.")
    fail_text = RichTextField(features=FEEDBACK_FEATURES, blank=True, help_text="Shown when a learner fails.")

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("pass_mark"), FieldPanel("success_text"), FieldPanel("fail_text")], "Result"),
    ]

    class Meta:
        verbose_name_plural = "quizzes"
        ordering = ["title"]

    def __str__(self):
        return self.title


class Question(ClusterableModel):
    class Kind(models.TextChoices):
        SINGLE = "single", "Multiple choice, one answer"
        MULTIPLE = "multiple", "Multiple choice, several answers"
        TRUE_FALSE = "true_false", "True or false"

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SINGLE)
    text = models.TextField()
    explanation = models.TextField(blank=True, help_text="Shown after grading: why the right answer is right.")
    topic = models.CharField(max_length=200, blank=True, help_text="The lesson or rule it tests, for the reports.")
    sort_order = models.PositiveIntegerField(default=0)

    panels = [
        FieldPanel("quiz"),
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldPanel("topic"),
        FieldPanel("explanation"),
        FieldPanel("sort_order"),
        InlinePanel("choices", label="Answers", min_num=2),
    ]

    class Meta:
        ordering = ["quiz", "sort_order", "id"]

    def __str__(self):
        return self.text[:80]


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=500)
    is_correct = models.BooleanField(default=False)

    panels = [FieldPanel("text"), FieldPanel("is_correct")]

    def __str__(self):
        return self.text


class Attempt(models.Model):
    """One sitting of a quiz. Attempts are exam papers: never deleted, never regraded silently."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"

    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quiz_attempts")
    enrolment = models.ForeignKey(
        "training.Enrolment", null=True, blank=True, on_delete=models.PROTECT, related_name="attempts"
    )
    number = models.PositiveIntegerField(help_text="1 for the learner's first attempt at this quiz, then 2, 3...")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True, help_text="Percent.")
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
                condition=models.Q(status="in_progress") | models.Q(submitted_at__isnull=False, score__isnull=False),
                name="submitted_attempt_has_score",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.quiz} #{self.number}"


class AttemptQuestion(models.Model):
    """A question as it was put to the learner in one attempt, and what they answered."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="attempt_items")
    position = models.PositiveIntegerField()
    selected = models.ManyToManyField(Choice, blank=True, related_name="+")
    credit = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="attempt_question_unique"),
            models.UniqueConstraint(fields=["attempt", "position"], name="attempt_position_unique"),
        ]

    def __str__(self):
        return f"{self.attempt} · question {self.position}"
