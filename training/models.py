"""The organisation, who is enrolled on what, and the progress records an auditor asks for."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


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
        ACTIVE = "active", _("Active")
        # Translators: an employee who has left the organisation.
        LEFT = "left", _("Left")

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
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    OVERDUE = "overdue", _("Overdue")


class Assignment(models.Model):
    """HR's decision that a group of people must take a course, by a due date or within N days of joining.

    Applying it enrols everyone it covers; people who join the group later are enrolled when they arrive.
    """

    class Target(models.TextChoices):
        DEPARTMENT = "department", _("A department (and its sub-departments)")
        LOCATION = "location", _("A location")
        TEAM = "team", _("A manager's team (direct and indirect reports)")
        PEOPLE = "people", _("Named people")

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
    mandatory = models.BooleanField(default=True, help_text=_("Mandatory training: reminders cannot be turned off."))
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
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True, help_text=_("Percent."))
    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.SET_NULL, related_name="enrolments"
    )
    renewal_of = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="renewal")
    replaced_at = models.DateTimeField(null=True, blank=True, help_text=_("When a recertification replaced it."))

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
    key = models.CharField(max_length=60, help_text=_("e.g. due-in-7, overdue, digest-2026-W47"))
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
    """'I have read and understood', recorded with the exact statement and lesson revision confirmed.

    An electronic signature (training.signatures): the learner re-authenticated to make it, and `signature` seals
    who signed what, when and with which meaning, so a row edited or copied to another record no longer verifies.
    Rows recorded before signatures existed have an empty `signature`.
    """

    class Method(models.TextChoices):
        PASSWORD = "password", _("Password re-entered")
        SINGLE_SIGN_ON = "sso", _("Signed in again with the organisation account")
        # Written by code that calls the service directly (demo data, scripts), never by the lesson page.
        NONE = "none", _("Not re-authenticated")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="acknowledgements")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="acknowledgements")
    lesson = models.ForeignKey("cms.LessonPage", on_delete=models.PROTECT, related_name="acknowledgements")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Read in translation: the revision of the translated lesson the learner read and signed (`revision` is then the
    # course's lesson at the time, which the re-acknowledgement rules go by). Empty when read in the source language.
    shown_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    statement = models.TextField()
    # The time of signing.
    acknowledged_at = models.DateTimeField()
    printed_name = models.CharField(max_length=301, blank=True, help_text=_("The signer's name as on certificates."))
    meaning = models.CharField(max_length=100, blank=True, help_text=_("What the signature means."))
    content_sha256 = models.CharField(
        max_length=64,
        blank=True,
        help_text=_("SHA-256 of the content (canonical JSON) of the lesson revision read: the translation's, if any."),
    )
    method = models.CharField(max_length=10, choices=Method.choices, blank=True)
    signature = models.CharField(max_length=64, blank=True, help_text=_("HMAC-SHA256 over the signed facts."))

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson", "revision"], name="acknowledgement_unique")
        ]

    def __str__(self):
        return f"{self.user} acknowledged lesson {self.lesson_id} on {self.acknowledged_at:%Y-%m-%d %H:%M}"


class LessonVisit(models.Model):
    """When a learner first opened a published revision of a lesson that has a minimum reading time.

    Kept in the database rather than the session, so the time counts on whichever device the learner finishes on.
    """

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lesson_visits")
    lesson = models.ForeignKey("cms.LessonPage", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    first_opened_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "lesson", "revision"], name="lesson_visit_unique")]

    def __str__(self):
        return f"{self.enrolment} · lesson {self.lesson_id} first opened {self.first_opened_at:%Y-%m-%d %H:%M}"


class SignatureFailure(models.Model):
    """A wrong password given to sign. Kept as evidence of attempts to sign as someone else, and counted to refuse
    signing for a while after too many (training.signatures)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey("cms.LessonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    failed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "-failed_at"], name="signaturefailure_user_recent")]

    def __str__(self):
        return f"Wrong signing password for user {self.user_id} at {self.failed_at:%Y-%m-%d %H:%M:%S}"


class ExportJob(models.Model):
    """A report export too large to make while the browser waits, made by a background task for whoever asked.

    `filters` keeps the validated report filters (the fields of `reports.ReportFilters`), so the task computes the
    rows itself, for what the requester may see when it runs.
    """

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", _("Excel (XLSX)")
        ZIP = "zip", _("Certificates (ZIP)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("In progress")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

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
        if self.format == self.Format.ZIP:
            # Translators: progress of an export, e.g. "120 of 2,000 certificates".
            text = gettext("%(done)s of %(total)s certificates")
        else:
            # Translators: progress of an export, e.g. "1,000 of 25,000 rows" (rows of a spreadsheet).
            text = gettext("%(done)s of %(total)s rows")
        return text % {
            "done": number_format(self.rows_done, force_grouping=True),
            "total": number_format(self.rows_total, force_grouping=True),
        }


class ReportSnapshot(models.Model):
    """The HR dashboard's figures for the whole organisation, counted by a background task (`training.snapshots`).

    At a million enrolments counting them takes a second; the dashboard reads these counts instead, a few thousand
    rows, and says how old they are. Counted again after enrolments change and on the first view of each day.
    """

    day = models.DateField(help_text=_("The day the statuses were counted for: whether an enrolment is overdue."))
    started_at = models.DateTimeField(help_text=_("Changes made after this time are not in the counts."))
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
        EXPIRING = "expiring", _("Certificate expiring soon")
        COMPLETED_IN_WEEK = "week", _("Completed in the week")

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


class AuditTrailReadOnly(Exception):
    """An attempt to change or delete a recorded audit event."""


class AuditEventQuerySet(models.QuerySet):
    """The trail is append-only: rows are added by `training.audit`, never changed or removed through the app."""

    def update(self, **kwargs):
        raise AuditTrailReadOnly("Audit events cannot be changed.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditTrailReadOnly("Audit events cannot be changed.")

    def delete(self):
        raise AuditTrailReadOnly("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """One training-relevant event: who did what, when, to whose record, the values before and after, and why.

    Rows form a hash chain: `hash` is the SHA-256 of every field and `previous_hash`, the `hash` of the row before,
    so an edit, a deletion or a reordering made outside the app shows in `manage.py verify_audit_trail`. `sequence`
    has no gaps; rows are written by `training.audit.audit_record` only.
    """

    class Action(models.TextChoices):
        ASSIGNMENT_CREATED = "assignment_created", _("Course assigned")
        ENROLMENT_CREATED = "enrolment_created", _("Enrolled")
        DUE_DATE_CHANGED = "due_date_changed", _("Due date changed")
        LESSON_COMPLETED = "lesson_completed", _("Lesson read")
        ACKNOWLEDGED = "acknowledged", _("Read and understood")
        ATTEMPT_SUBMITTED = "attempt_submitted", _("Quiz attempt submitted")
        ATTEMPT_GRADED = "attempt_graded", _("Quiz attempt graded")
        ESSAY_MARKED = "essay_marked", _("Written answer marked")
        COURSE_COMPLETED = "course_completed", _("Course completed")
        CERTIFICATE_ISSUED = "certificate_issued", _("Certificate issued")
        CERTIFICATE_REVOKED = "certificate_revoked", _("Certificate revoked")
        CERTIFICATE_REISSUED = "certificate_reissued", _("Certificate re-issued")
        ENROLMENT_RENEWED = "enrolment_renewed", _("Recertification: enrolled again")
        PERSON_CREATED = "person_created", _("Person added by a staff import")
        PERSON_UPDATED = "person_updated", _("Person changed by a staff import")
        PERSON_DEACTIVATED = "person_deactivated", _("Person deactivated by a staff import")
        STAFF_IMPORTED = "staff_imported", _("Staff file imported")

    # Assigned by the recording service (the previous row's + 1, under a lock), so that a missing row is a gap.
    sequence = models.PositiveBigIntegerField(primary_key=True)
    occurred_at = models.DateTimeField()
    # Who did it (empty: the system, e.g. a scheduled job); names are frozen as they were, later renames aside.
    # PROTECT: people who have a trail are deactivated, never deleted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.TextField(blank=True)
    action = models.CharField(max_length=30, choices=Action.choices)
    # Whose training record it concerns.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the (person, sequence) index below serves it
    )
    person_name = models.TextField(blank=True)
    # A plain id, like the report counts: a record of a moment that must not hold up changes to the page tree.
    course_id = models.IntegerField(null=True, blank=True)
    course_title = models.TextField(blank=True)
    object_type = models.CharField(max_length=100, blank=True, help_text=_("e.g. training.enrolment"))
    object_id = models.CharField(max_length=64, blank=True)
    old_value = models.JSONField(null=True, blank=True)
    new_value = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-sequence"]
        # Only viewing is a permission: nobody may add, change or delete events by hand.
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["person", "-sequence"], name="auditevent_person_recent"),
            models.Index(fields=["course_id", "-sequence"], name="auditevent_course_recent"),
            models.Index(fields=["occurred_at"], name="auditevent_occurred_at"),
        ]

    def __str__(self):
        return f"#{self.sequence} {self.get_action_display()} at {self.occurred_at:%Y-%m-%d %H:%M:%S}"

    def save(self, *args, **kwargs):
        # Integrity demands this one rule in save(): an event, once written, is never written again.
        if not self._state.adding:
            raise AuditTrailReadOnly("Audit events cannot be changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailReadOnly("Audit events cannot be deleted.")
