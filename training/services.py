"""Writes for enrolments and progress. Each service validates, then saves inside one transaction."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import Action, CourseRef, audit_record, audit_record_many
from .models import Acknowledgement, Enrolment, LessonProgress
from .names import display_name
from .snapshots import report_snapshot_request
from .validation import fields_clean, reason_clean


@transaction.atomic
def enrolment_create(*, user, course, due_date=None, assigned_by=None) -> Enrolment:
    """Assign `course` to `user`; assigning twice keeps the first assignment."""
    enrolment, created = Enrolment.objects.current().get_or_create(
        user=user, course=course, defaults={"due_date": due_date, "assigned_by": assigned_by}
    )
    if created:
        report_snapshot_request()
        audit_record(
            action=Action.ENROLMENT_CREATED,
            actor=assigned_by,
            person=user,
            course=course,
            subject=enrolment,
            new={"due_date": due_date},
        )
    return enrolment


def _enrolment_for_lesson(*, user, lesson) -> Enrolment:
    course = lesson.get_parent()
    enrolment = Enrolment.objects.current().filter(user=user, course_id=course.pk).first()
    if enrolment is None:
        raise PermissionDenied(_("You are not enrolled on this course."))
    return enrolment


def _lesson_finished(*, enrolment, lesson) -> bool:
    """Read, and for a code of conduct confirmed in a version that still counts: nothing is left to record."""
    from .selectors import acknowledgement_current

    if not LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).exists():
        return False
    return not lesson.requires_acknowledgement or acknowledgement_current(enrolment=enrolment, lesson=lesson)


def _shown_translation(*, lesson, shown_revision_id: int | None):
    """The translation of `lesson` whose published revision is `shown_revision_id` (what the learner had on screen),
    None for the lesson itself; refused when that translation has been changed or withdrawn since."""
    from wagtail.models import Page

    if shown_revision_id is None or shown_revision_id == lesson.live_revision_id:
        return None
    shown = (
        Page.objects.live()
        .filter(translation_key=lesson.translation_key, live_revision_id=shown_revision_id)
        .exclude(pk=lesson.pk)
        .specific()
        .first()
    )
    if shown is None:
        raise ValidationError(
            _("This lesson was updated while you had it open. Read the current version, then continue.")
        )
    return shown


def _lesson_completion_check(
    *, user, lesson, acknowledged: bool, revision_id: int | None, shown_revision_id: int | None = None
) -> tuple[Enrolment, bool, object]:
    """(enrolment, whether there is nothing left to record, the translation read or None); raises what is refused."""
    from .reading import duration_words, reading_time_left

    if not lesson.live:
        raise ValidationError(_("This lesson is not published."))
    enrolment = _enrolment_for_lesson(user=user, lesson=lesson)
    lesson = lesson.specific
    if _lesson_finished(enrolment=enrolment, lesson=lesson):
        return enrolment, True, None
    # The learner finishes, or signs, the version they had on screen, or nothing.
    if revision_id is not None and revision_id != lesson.live_revision_id:
        raise ValidationError(
            _("This lesson was updated while you had it open. Read the current version, then continue.")
        )
    shown = _shown_translation(lesson=lesson, shown_revision_id=shown_revision_id)
    if lesson.requires_acknowledgement and not acknowledged:
        raise ValidationError(_("Tick “I have read and understood” to confirm this code of conduct."))
    left = reading_time_left(enrolment=enrolment, lesson=lesson)
    if left:
        raise ValidationError(
            # Translators: %(duration)s is a wait such as "2 minutes 5 seconds".
            _("Please take the time to read this lesson: you can continue in %(duration)s.")
            % {"duration": duration_words(left)}
        )
    return enrolment, False, shown


def lesson_complete_check(
    *,
    user,
    lesson,
    acknowledged: bool = False,
    revision_id: int | None = None,
    shown_revision_id: int | None = None,
) -> bool:
    """Raise what `lesson_complete` would refuse (not enrolled, not ticked, another version, minimum reading time not
    over), recording nothing; False when there is nothing left to record. The lesson view asks for a signature only
    when this returns True."""
    _enrolment, finished, _shown = _lesson_completion_check(
        user=user,
        lesson=lesson,
        acknowledged=acknowledged,
        revision_id=revision_id,
        shown_revision_id=shown_revision_id,
    )
    return not finished


@transaction.atomic
def lesson_complete(
    *,
    user,
    lesson,
    acknowledged: bool = False,
    revision_id: int | None = None,
    shown_revision_id: int | None = None,
    reauthentication=None,
) -> LessonProgress:
    """Mark `lesson` as read by `user`. Idempotent: a second call returns the first record.

    A code-of-conduct lesson is only complete with the learner's "read and understood" confirmation, an electronic
    signature of the published revision (training.signatures), signed with `reauthentication`, the proof the view got
    that `user` just authenticated again (none: recorded as not re-authenticated). When editors marked a later
    version as a material change, the learner signs again; the first reading and the course's completion stay.
    `revision_id`, when given, is the revision the learner had on screen: another one is refused. Read in
    translation, `shown_revision_id` is the translation's revision on screen: that text is what is signed.
    """
    enrolment, finished, shown = _lesson_completion_check(
        user=user,
        lesson=lesson,
        acknowledged=acknowledged,
        revision_id=revision_id,
        shown_revision_id=shown_revision_id,
    )
    lesson = lesson.specific
    now = timezone.now()
    if not finished and lesson.requires_acknowledgement:
        _acknowledgement_record(
            user=user,
            enrolment=enrolment,
            lesson=lesson,
            shown=shown,
            at=now,
            reauthentication=reauthentication,
        )
    progress = LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).first()
    if progress is None:
        try:
            with transaction.atomic():
                progress = LessonProgress.objects.create(
                    enrolment=enrolment, lesson=lesson, revision_id=lesson.live_revision_id, completed_at=now
                )
                audit_record(
                    action=Action.LESSON_COMPLETED,
                    actor=user,
                    person=user,
                    course=enrolment.course_id,
                    subject=progress,
                    new={"lesson": lesson.title, "revision": progress.revision_id},
                )
        except IntegrityError:
            # A second tab or a double click got there first; that record is the one that counts.
            progress = LessonProgress.objects.get(enrolment=enrolment, lesson=lesson)
    enrolment_mark_started(enrolment=enrolment, at=now)
    return progress


def _acknowledgement_record(*, user, enrolment, lesson, shown, at, reauthentication) -> Acknowledgement:
    """Sign the published revision of `lesson` (as read in `shown`, its translation, if any); one signature per
    enrolment and revision, however often asked."""
    from wagtail.models import Revision

    from .signatures import acknowledgement_build

    existing = Acknowledgement.objects.filter(
        enrolment=enrolment, lesson=lesson, revision_id=lesson.live_revision_id
    ).first()
    if existing:
        return existing
    acknowledgement = acknowledgement_build(
        user=user,
        enrolment=enrolment,
        lesson=lesson,
        revision=Revision.objects.get(pk=lesson.live_revision_id),
        at=at,
        reauthentication=reauthentication,
        shown=shown,
        shown_revision=Revision.objects.get(pk=shown.live_revision_id) if shown else None,
    )
    fields_clean(acknowledgement, ["statement", "printed_name", "meaning", "content_sha256", "method", "signature"])
    try:
        with transaction.atomic():
            acknowledgement.save()
            audit_record(
                action=Action.ACKNOWLEDGED,
                actor=user,
                person=user,
                course=enrolment.course_id,
                subject=acknowledgement,
                new={
                    "statement": acknowledgement.statement,
                    "lesson": lesson.title,
                    "revision": acknowledgement.revision_id,
                    "acknowledged_at": acknowledgement.acknowledged_at,
                }
                | ({"read_in_revision": acknowledgement.shown_revision_id} if shown else {}),
            )
    except IntegrityError:
        # The same form sent twice at once: the first signature stands, no second one is made.
        return Acknowledgement.objects.get(enrolment=enrolment, lesson=lesson, revision_id=lesson.live_revision_id)
    return acknowledgement


def enrolment_mark_started(*, enrolment, at=None) -> None:
    if enrolment.started_at is None:
        at = at or timezone.now()
        if Enrolment.objects.filter(pk=enrolment.pk, started_at__isnull=True).update(started_at=at):
            report_snapshot_request()
        enrolment.started_at = at


def enrolment_complete(*, enrolment, attempt, score=None):
    """Complete the course from a passed attempt and issue its certificate. Completing twice is a no-op.

    `score` is the learner's quiz grade (by the quiz's grading method); it defaults to the attempt's score.
    """
    from certificates.services import certificate_issue

    enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related("user", "course").get(pk=enrolment.pk)
    if enrolment.completed_at:
        return enrolment
    enrolment.completed_at = attempt.submitted_at
    enrolment.score = attempt.score if score is None else score
    enrolment.started_at = enrolment.started_at or attempt.started_at
    changed = ["completed_at", "score", "started_at"]
    fields_clean(enrolment, changed)
    enrolment.save(update_fields=changed)
    audit_record(
        action=Action.COURSE_COMPLETED,
        person=enrolment.user,
        course=enrolment.course,
        subject=enrolment,
        old={"completed_at": None},
        new={"completed_at": enrolment.completed_at, "score": enrolment.score, "attempt": attempt.number},
    )
    certificate_issue(enrolment=enrolment, attempt=attempt)
    report_snapshot_request()
    return enrolment


def enrolment_due_date_change(
    *, enrolment, due_date: datetime.date, reason: str, changed_by=None, today=None
) -> Enrolment:
    """Move the due date of a current, unfinished enrolment (an extension, or an earlier deadline). Reminders
    start again for the new date; the dashboard counts the change. The reason is kept in the audit trail."""
    today = today or timezone.localdate()
    reason = reason_clean(reason, missing=_("Say why the due date changes: the reason is kept in the audit trail."))
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update(of=("self",)).select_related("user", "course").get(pk=enrolment.pk)
        )
        if enrolment.replaced_at is not None or enrolment.completed_at is not None:
            raise ValidationError(_("This training is finished or was replaced; its due date can no longer change."))
        if due_date < today:
            raise ValidationError(_("A new due date must be today or later."))
        old_due_date = enrolment.due_date
        enrolment.due_date = due_date
        fields_clean(enrolment, ["due_date"])
        enrolment.save(update_fields=["due_date"])
        report_snapshot_request()
        audit_record(
            action=Action.DUE_DATE_CHANGED,
            actor=changed_by,
            person=enrolment.user,
            course=enrolment.course,
            subject=enrolment,
            old={"due_date": old_due_date},
            new={"due_date": due_date},
            reason=reason,
        )
    return enrolment


# Assignments


def _active_employees():
    from .models import Employee

    return Employee.objects.filter(status=Employee.Status.ACTIVE, user__is_active=True)


def assignment_member_ids(*, assignment) -> set[int]:
    """User ids of the active employees an assignment covers today."""
    from .models import Assignment, Department
    from .permissions import team_user_ids
    from .trees import ids_below

    employees = _active_employees()
    match assignment.target:
        case Assignment.Target.DEPARTMENT:
            departments = (
                ids_below(Department, assignment.department_id)
                if assignment.include_subdepartments
                else {assignment.department_id}
            )
            employees = employees.filter(department_id__in=departments)
        case Assignment.Target.LOCATION:
            employees = employees.filter(location_id=assignment.location_id)
        case Assignment.Target.TEAM:
            employees = employees.filter(user_id__in=team_user_ids(assignment.manager))
        case _:
            employees = employees.filter(user__in=assignment.people.all())
    return set(employees.values_list("user_id", flat=True))


def assignment_due_date(*, assignment, hire_date, today=None):
    """The fixed due date, or N days after joining (counted from today for people whose hire date is unknown)."""
    if assignment.due_date:
        return assignment.due_date
    start = hire_date or today or timezone.localdate()
    try:
        return start + datetime.timedelta(days=assignment.due_days_after_hire)
    except OverflowError:  # a hire date at the calendar's end (a typing error): due then, rather than no import
        return datetime.date.max


@transaction.atomic
def assignment_apply(*, assignment, user_ids=None, actor=None) -> int:
    """Enrol everyone the assignment covers (or the given users among them) who has no current enrolment on the
    course. Returns how many were enrolled; applying again enrols nobody twice. `actor` is who made it happen, for
    the audit trail (None: the system)."""
    from .models import Employee

    members = assignment_member_ids(assignment=assignment)
    if user_ids is not None:
        members &= set(user_ids)
    already = set(
        Enrolment.objects.current()
        .filter(course_id=assignment.course_id, user_id__in=members)
        .values_list("user_id", flat=True)
    )
    hire_dates = dict(Employee.objects.filter(user_id__in=members - already).values_list("user_id", "hire_date"))
    new = [
        Enrolment(
            user_id=user_id,
            course_id=assignment.course_id,
            assignment=assignment,
            assigned_by_id=assignment.created_by_id,
            due_date=assignment_due_date(assignment=assignment, hire_date=hire_dates.get(user_id)),
        )
        for user_id in sorted(members - already)
    ]
    # ignore_conflicts: a concurrent run that enrolled the same person first wins; nobody is enrolled twice.
    Enrolment.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        report_snapshot_request()
        _enrolments_audit(assignment=assignment, user_ids={enrolment.user_id for enrolment in new}, actor=actor)
    return len(new)


def _enrolments_audit(*, assignment, user_ids: set[int], actor) -> None:
    """One audit event per enrolment an assignment made, read back in one query (bulk_create with ignore_conflicts
    gives no ids)."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    username = f"user__{user_model.USERNAME_FIELD}"
    rows = (
        Enrolment.objects.current()
        .filter(assignment=assignment, course_id=assignment.course_id, user_id__in=user_ids)
        .order_by("user_id")
        .values_list("pk", "due_date", "user_id", "user__first_name", "user__last_name", username)
    )
    audit_record_many(
        {
            "action": Action.ENROLMENT_CREATED,
            "actor": actor,
            "person": user_model(
                pk=user_id, first_name=first, last_name=last, **{user_model.USERNAME_FIELD: user_name}
            ),
            "course": assignment.course,
            "subject": Enrolment(pk=pk),
            "new": {"due_date": due_date, "assignment": assignment.pk},
        }
        for pk, due_date, user_id, first, last, user_name in rows
    )


def assignment_create(*, created_by, course, target, due_date=None, due_days_after_hire=None, people=(), **fields):
    """Create an assignment (validated) and enrol everyone it covers."""
    from .models import Assignment

    assignment = Assignment(
        created_by=created_by,
        course=course,
        target=target,
        due_date=due_date,
        due_days_after_hire=due_days_after_hire,
        **fields,
    )
    problems = {}
    required = {
        Assignment.Target.DEPARTMENT: "department",
        Assignment.Target.LOCATION: "location",
        Assignment.Target.TEAM: "manager",
    }.get(target)
    if required and not getattr(assignment, f"{required}_id"):
        problems[required] = _("Choose who this assignment is for.")
    if target == Assignment.Target.PEOPLE and not people:
        problems["people"] = _("Choose at least one person.")
    if (due_date is None) == (due_days_after_hire is None):
        problems["due_date"] = _("Give either a due date or a number of days after joining, not both.")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        assignment.full_clean()
        assignment.save()
        if people:
            assignment.people.set(people)
        enrolled = assignment_apply(assignment=assignment, actor=created_by)
        audit_record(
            action=Action.ASSIGNMENT_CREATED,
            actor=created_by,
            course=course,
            subject=assignment,
            new=_assignment_values(assignment, people=people, enrolled=enrolled),
        )
    return assignment


def _assignment_values(assignment, *, people, enrolled: int) -> dict:
    """What the audit trail shows of a new assignment: who it is for (by name), when it is due, how many it enrolled."""
    values = {
        "target": assignment.target,
        "department": str(assignment.department) if assignment.department_id else None,
        "include_subdepartments": assignment.include_subdepartments if assignment.department_id else None,
        "location": str(assignment.location) if assignment.location_id else None,
        "manager": display_name(assignment.manager) if assignment.manager_id else None,
        "people": sorted(display_name(person) for person in people) or None,
        "due_date": assignment.due_date,
        "due_days_after_hire": assignment.due_days_after_hire,
        "mandatory": assignment.mandatory,
        "enrolled": enrolled,
    }
    return {name: value for name, value in values.items() if value is not None}


def assignments_apply_for_users(*, user_ids, actor=None) -> int:
    """Enrol new joiners (or people who moved) in every active assignment that now covers them: one pass per
    active assignment, however many people (a staff import)."""
    from .models import Assignment

    user_ids = set(user_ids)
    if not user_ids:
        return 0
    return sum(
        assignment_apply(assignment=assignment, user_ids=user_ids, actor=actor)
        for assignment in Assignment.objects.filter(is_active=True).select_related("course")
    )


def assignments_apply_for_user(*, user) -> int:
    return assignments_apply_for_users(user_ids={user.pk})


# Recertification


def enrolments_due_for_renewal(*, today=None, lead_days: int = 30):
    """Completed, current enrolments whose certificate expires within `lead_days` (or already has)."""
    today = today or timezone.localdate()
    return Enrolment.objects.current().filter(
        completed_at__isnull=False, certificate__valid_until__lte=today + datetime.timedelta(days=lead_days)
    )


@transaction.atomic
def enrolment_renew(*, enrolment) -> Enrolment:
    """Start the next certification cycle: the old enrolment, its attempts and certificate stay as history;
    the new one is due when the old certificate expires."""
    old = Enrolment.objects.select_for_update(of=("self",)).select_related("certificate").get(pk=enrolment.pk)
    if old.replaced_at is not None:
        return old.renewal
    old.replaced_at = timezone.now()
    old.save(update_fields=["replaced_at"])
    report_snapshot_request()
    renewal = Enrolment.objects.create(
        user_id=old.user_id,
        course_id=old.course_id,
        assignment_id=old.assignment_id,
        assigned_by_id=old.assigned_by_id,
        renewal_of=old,
        due_date=old.certificate.valid_until,
    )
    audit_record(
        action=Action.ENROLMENT_RENEWED,
        person=old.user,
        course=CourseRef(old.course_id, old.certificate.course_title),
        subject=renewal,
        old={"enrolment": old.pk, "certificate": old.certificate.code, "valid_until": old.certificate.valid_until},
        new={"enrolment": renewal.pk, "due_date": renewal.due_date},
    )
    return renewal


def recertifications_run(*, today=None, lead_days: int = 30) -> int:
    """Re-assign everyone whose certificate expires within `lead_days`. Safe to run daily: renews each once."""
    due = list(enrolments_due_for_renewal(today=today, lead_days=lead_days))
    for enrolment in due:
        enrolment_renew(enrolment=enrolment)
    return len(due)
