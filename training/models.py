"""The organisation, who is enrolled on what, and the progress records an auditor asks for."""

from django.conf import settings
from django.db import models


class Department(models.Model):
    name = models.CharField(max_length=200)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="department_name_unique_in_parent"),
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(parent__isnull=True), name="top_department_name_unique"
            ),
        ]
        permissions = [("view_reports", "Can see completion reports and everyone's certificates")]

    def __str__(self):
        return self.name


class Employee(models.Model):
    """HR facts about a user account: where they sit and who they report to."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employee")
    employee_id = models.CharField(max_length=50, blank=True)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="employees"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    job_title = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["employee_id"], condition=~models.Q(employee_id=""), name="employee_id_unique"
            )
        ]

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()


class EnrolmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    OVERDUE = "overdue", "Overdue"


class Enrolment(models.Model):
    """A person assigned to a course. Completion is set once, by the completion service."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrolments")
    course = models.ForeignKey("cms.CoursePage", on_delete=models.PROTECT, related_name="enrolments")
    assigned_at = models.DateTimeField(auto_now_add=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_date = models.DateField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True, help_text="Percent.")

    class Meta:
        ordering = ["-assigned_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="enrolment_unique_per_course"),
            models.CheckConstraint(
                condition=models.Q(completed_at__isnull=True) | models.Q(score__isnull=False),
                name="completed_enrolment_has_score",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.course}"

    @property
    def status_label(self) -> str:
        """Label of the `status` that report selectors annotate on each row."""
        return EnrolmentStatus(self.status).label


class LessonProgress(models.Model):
    """A lesson read to the end, and which published revision of it the learner read."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey("cms.LessonPage", on_delete=models.PROTECT, related_name="progress")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    completed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "lesson"], name="lesson_progress_unique")]

    def __str__(self):
        return f"{self.enrolment} · {self.lesson_id} read {self.completed_at:%Y-%m-%d}"


class Acknowledgement(models.Model):
    """'I have read and understood', recorded with the exact statement and lesson revision confirmed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="acknowledgements")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="acknowledgements")
    lesson = models.ForeignKey("cms.LessonPage", on_delete=models.PROTECT, related_name="acknowledgements")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    statement = models.TextField()
    acknowledged_at = models.DateTimeField()

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson", "revision"], name="acknowledgement_unique")
        ]

    def __str__(self):
        return f"{self.user} acknowledged lesson {self.lesson_id} on {self.acknowledged_at:%Y-%m-%d %H:%M}"
