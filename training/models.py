"""The organisation, who is enrolled on what, and the progress records an auditor asks for."""

from django.conf import settings
from django.db import models
from django.utils import timezone


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


class Location(models.Model):
    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Employee(models.Model):
    """HR facts about a user account: where they sit and who they report to."""

    class Language(models.TextChoices):
        EN = "en", "English"
        KO = "ko", "한국어 (Korean)"
        ZH_HANT = "zh-hant", "繁體中文 (Traditional Chinese)"
        DE = "de", "Deutsch (German)"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        LEFT = "left", "Left"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employee")
    employee_id = models.CharField(max_length=50, blank=True)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="employees"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    job_title = models.CharField(max_length=200, blank=True)
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.PROTECT, related_name="employees")
    language = models.CharField(max_length=10, choices=Language.choices, default=Language.EN)
    hire_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    left_on = models.DateField(null=True, blank=True)

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


class Assignment(models.Model):
    """HR's decision that a group of people must take a course, by a due date or within N days of joining.

    Applying it enrols everyone it covers; people who join the group later are enrolled when they arrive.
    """

    class Target(models.TextChoices):
        DEPARTMENT = "department", "A department (and its sub-departments)"
        LOCATION = "location", "A location"
        TEAM = "team", "A manager's team (direct and indirect reports)"
        PEOPLE = "people", "Named people"

    course = models.ForeignKey("cms.CoursePage", on_delete=models.PROTECT, related_name="assignments")
    target = models.CharField(max_length=20, choices=Target.choices)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    include_subdepartments = models.BooleanField(default=True)
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    people = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    due_date = models.DateField(null=True, blank=True)
    due_days_after_hire = models.PositiveSmallIntegerField(null=True, blank=True)
    mandatory = models.BooleanField(default=True, help_text="Mandatory training: reminders cannot be turned off.")
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_date__isnull=False, due_days_after_hire__isnull=True)
                | models.Q(due_date__isnull=True, due_days_after_hire__isnull=False),
                name="assignment_has_one_due_rule",
            ),
        ]

    def __str__(self):
        return f"{self.course} → {self.get_target_display()}"


class EnrolmentQuerySet(models.QuerySet):
    def current(self):
        """The enrolment each person is working on now (older cycles were replaced by recertification)."""
        return self.filter(replaced_at__isnull=True)


class Enrolment(models.Model):
    """A person assigned to a course, for one certification cycle. Completion is set once, by the completion
    service; recertification replaces the enrolment with a new one and keeps the old one as history."""

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
    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.SET_NULL, related_name="enrolments"
    )
    renewal_of = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="renewal")
    replaced_at = models.DateTimeField(null=True, blank=True, help_text="When a recertification replaced it.")

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assigned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=models.Q(replaced_at__isnull=True),
                name="one_current_enrolment_per_course",
            ),
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


class ReminderLog(models.Model):
    """One reminder sent. The unique key makes sending the same reminder twice impossible."""

    enrolment = models.ForeignKey(Enrolment, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=60, help_text="e.g. due-in-7, overdue, digest-2026-W47")
    # The due date the reminder was about: when HR moves it, the reminders for the new date go out again.
    # (Empty for digests, and for reminders logged before due dates were recorded: those count for any date.)
    due_date = models.DateField(null=True, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "enrolment", "key", "due_date"], name="reminder_sent_once_per_due_date"
            ),
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=models.Q(enrolment__isnull=True), name="digest_sent_once"
            ),
        ]

    def __str__(self):
        return f"{self.key} to {self.recipient} at {self.sent_at:%Y-%m-%d %H:%M}"


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


class ExportJob(models.Model):
    """A report export too large to make while the browser waits, made by a background task for whoever asked.

    `filters` keeps the validated report filters (the fields of `reports.ReportFilters`), so the task computes the
    rows itself, for what the requester may see when it runs.
    """

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel (XLSX)"
        ZIP = "zip", "Certificates (ZIP)"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "In progress"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs")
    format = models.CharField(max_length=4, choices=Format.choices)
    filters = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/", blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The last sign of life of the work: written with every change of status and progress the worker makes. A queued
    # or running job whose time stands still has lost its worker (`exports.export_jobs_fail_stalled`); jobs are
    # deleted EXPORT_KEEP_DAYS after it (`exports.export_jobs_cleanup`).
    updated_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="exportjob_requester_recent")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(format__in=["csv", "xlsx", "zip"]), name="exportjob_format_known"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "running", "done", "failed"]), name="exportjob_status_known"
            ),
        ]

    def __str__(self):
        return f"{self.get_format_display()} export #{self.pk} for {self.requested_by_id}: {self.status}"

    @property
    def progress_label(self) -> str:
        unit = "certificates" if self.format == self.Format.ZIP else "rows"
        return f"{self.rows_done:,} of {self.rows_total:,} {unit}"


class ReportSnapshot(models.Model):
    """The HR dashboard's figures for the whole organisation, counted by a background task (`training.snapshots`).

    At a million enrolments counting them takes a second; the dashboard reads these counts instead, a few thousand
    rows, and says how old they are. Counted again after enrolments change and on the first view of each day.
    """

    day = models.DateField(help_text="The day the statuses were counted for: whether an enrolment is overdue.")
    started_at = models.DateTimeField(help_text="Changes made after this time are not in the counts.")
    finished_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["day", "-started_at"], name="reportsnapshot_day_recent")]

    def __str__(self):
        return f"Report figures for {self.day}, counted at {self.started_at:%H:%M:%S}"


class ReportCount(models.Model):
    """How many current enrolments of one department and course are in one state (a status, or with a certificate
    expiring soon), or were completed in one week (`week`)."""

    class Measure(models.TextChoices):
        NOT_STARTED = EnrolmentStatus.NOT_STARTED.value, EnrolmentStatus.NOT_STARTED.label
        IN_PROGRESS = EnrolmentStatus.IN_PROGRESS.value, EnrolmentStatus.IN_PROGRESS.label
        COMPLETED = EnrolmentStatus.COMPLETED.value, EnrolmentStatus.COMPLETED.label
        OVERDUE = EnrolmentStatus.OVERDUE.value, EnrolmentStatus.OVERDUE.label
        EXPIRING = "expiring", "Certificate expiring soon"
        COMPLETED_IN_WEEK = "week", "Completed in the week"

    snapshot = models.ForeignKey(ReportSnapshot, on_delete=models.CASCADE, related_name="counts")
    # Plain ids, not foreign keys: the counts are a record of a moment and must not hold up deleting a department.
    department_id = models.IntegerField(null=True, blank=True)
    course_id = models.IntegerField()
    measure = models.CharField(max_length=12, choices=Measure.choices)
    week = models.DateField(null=True, blank=True)
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["snapshot", "measure"], name="reportcount_snapshot_measure")]

    def __str__(self):
        return f"{self.measure} {self.week or ''} department {self.department_id} course {self.course_id}: {self.count}"
