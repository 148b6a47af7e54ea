"""Reminder e-mails: before a due date, once training is overdue, and a weekly overdue digest to each manager.

The selectors decide what is due on a given day; `reminders_send` sends each reminder once. ReminderLog records
what went out, and its unique keys (``due-in-7``, ``overdue``, ``digest-2026-W07``) make a second send impossible,
across repeated runs and across workers running at the same time.

Messages are plain-text templates, one per kind and language, each with a ``subject`` and a ``body`` partial:
``templates/training/email/reminder_<kind>.<language>.txt`` (English when a language has none).
"""

import datetime
import logging
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.template.loader import select_template
from django.urls import reverse
from django.utils import timezone, translation

from cms.translations import title_in

from .languages import user_language
from .models import Employee, Enrolment, ReminderLog
from .permissions import team_user_ids

logger = logging.getLogger(__name__)

# The kinds of reminder; each has its templates and its count in ReminderReport.
DUE = "due"
OVERDUE = "overdue"
DIGEST = "digest"

DUE_KEY_PREFIX = "due-in-"
OVERDUE_KEY = "overdue"


# Settings


def reminder_days_before_due() -> list[int]:
    """REMINDER_DAYS_BEFORE_DUE, smallest first. A bad value stops the run rather than send odd reminders."""
    days = getattr(settings, "REMINDER_DAYS_BEFORE_DUE", [14, 7, 1])
    if not all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in days):
        raise ImproperlyConfigured(
            f"REMINDER_DAYS_BEFORE_DUE must list whole numbers of days above 0, e.g. [14, 7, 1], not {days!r}."
        )
    return sorted(set(days))


def reminder_digest_weekday() -> int:
    """REMINDER_DIGEST_WEEKDAY: the digest goes out from this weekday on (0 = Monday … 6 = Sunday)."""
    weekday = getattr(settings, "REMINDER_DIGEST_WEEKDAY", 0)
    if isinstance(weekday, bool) or weekday not in range(7):
        raise ImproperlyConfigured(f"REMINDER_DIGEST_WEEKDAY must be 0 (Monday) to 6 (Sunday), not {weekday!r}.")
    return weekday


# Keys


def due_key(days: int) -> str:
    return f"{DUE_KEY_PREFIX}{days}"


def digest_key(day: datetime.date) -> str:
    """One digest per manager per ISO week, e.g. ``digest-2026-W07``."""
    iso = day.isocalendar()
    return f"digest-{iso.year}-W{iso.week:02d}"


def due_key_to_send(*, days_left: int, sent_keys, schedule: list[int]) -> str | None:
    """The one ``due-in-N`` reminder to send with `days_left` days to go, or None.

    N is the smallest scheduled number of days that is still at least `days_left`, and it is sent only if no
    reminder for N or fewer days went out before. So a missed run, or someone enrolled three days before the due
    date, gets one reminder (``due-in-7``), never ``due-in-14`` and ``due-in-7`` at once.
    """
    applicable = [n for n in schedule if days_left <= n]
    if days_left < 0 or not applicable:
        return None
    days = min(applicable)
    sent = {
        int(key.removeprefix(DUE_KEY_PREFIX))
        for key in sent_keys
        if key.startswith(DUE_KEY_PREFIX) and key.removeprefix(DUE_KEY_PREFIX).isdigit()
    }
    if any(n <= days for n in sent):
        return None
    return due_key(days)


# Selectors


@dataclass
class Reminder:
    """One e-mail to send. (`recipient`, `enrolment_id`, `key`) is what ReminderLog keeps unique."""

    kind: str
    key: str
    recipient: object
    language: str
    context: dict = field(default_factory=dict)
    enrolment_id: int | None = None
    due_date: datetime.date | None = None


@dataclass
class OverdueRow:
    person: str
    course_title: str
    due_date: datetime.date


def reminder_enrolments() -> QuerySet[Enrolment]:
    """What people can be reminded about: current, unfinished enrolments with a due date on a published course,
    of active employees whose account is active and has an e-mail address."""
    return (
        Enrolment.objects.current()
        .filter(
            completed_at__isnull=True,
            due_date__isnull=False,
            course__live=True,
            user__is_active=True,
            user__employee__status=Employee.Status.ACTIVE,
        )
        .exclude(user__email="")
        .select_related("user__employee", "course", "assignment")
        .order_by("due_date", "pk")
    )


def due_reminders(*, today: datetime.date) -> list[Reminder]:
    """The ``due-in-N`` reminders to send on `today`, at most one per enrolment."""
    schedule = reminder_days_before_due()
    if not schedule:
        return []
    enrolments = reminder_enrolments().filter(
        due_date__gte=today, due_date__lte=today + datetime.timedelta(days=schedule[-1])
    )
    sent: dict[int, set[str]] = {}
    for enrolment_id, key in (
        ReminderLog.objects.filter(enrolment__in=enrolments.values("pk"), key__startswith=DUE_KEY_PREFIX)
        .filter(_for_current_due_date(F("enrolment__due_date")))
        .values_list("enrolment_id", "key")
    ):
        sent.setdefault(enrolment_id, set()).add(key)
    reminders = []
    for enrolment in enrolments:
        key = due_key_to_send(
            days_left=(enrolment.due_date - today).days, sent_keys=sent.get(enrolment.pk, ()), schedule=schedule
        )
        if key:
            reminders.append(_enrolment_reminder(kind=DUE, key=key, enrolment=enrolment))
    return reminders


def overdue_reminders(*, today: datetime.date) -> list[Reminder]:
    """One ``overdue`` reminder per enrolment whose due date has passed, the first run after it passed."""
    already = ReminderLog.objects.filter(enrolment=OuterRef("pk"), key=OVERDUE_KEY).filter(
        _for_current_due_date(OuterRef("due_date"))
    )
    enrolments = reminder_enrolments().filter(due_date__lt=today).exclude(Exists(already))
    return [_enrolment_reminder(kind=OVERDUE, key=OVERDUE_KEY, enrolment=enrolment) for enrolment in enrolments]


def _for_current_due_date(due_date) -> Q:
    """Reminders logged for the enrolment's due date as it is now (or logged without a date, before dates were
    kept): after HR moves a due date, the reminders for the new date go out again."""
    return Q(due_date=due_date) | Q(due_date__isnull=True)


def digest_reminders(*, today: datetime.date) -> list[Reminder]:
    """This ISO week's digest for each manager with someone overdue among their direct or indirect reports.

    Nothing before the configured weekday; later in the week (a missed run), only managers who have not had
    this week's digest yet.
    """
    if today.weekday() < reminder_digest_weekday():
        return []
    overdue = list(
        reminder_enrolments()
        .filter(due_date__lt=today)
        .order_by("user__last_name", "user__first_name", "user__username", "due_date", "pk")
    )
    if not overdue:
        return []
    key = digest_key(today)
    managers = (
        get_user_model()
        .objects.filter(is_active=True, pk__in=Employee.objects.filter(manager__isnull=False).values("manager_id"))
        .exclude(email="")
        .exclude(employee__status=Employee.Status.LEFT)
        .exclude(pk__in=ReminderLog.objects.filter(key=key, enrolment__isnull=True).values("recipient_id"))
        .select_related("employee")
        .order_by("pk")
    )
    iso = today.isocalendar()
    reminders = []
    for manager in managers:
        team = team_user_ids(manager)
        rows = [
            OverdueRow(
                person=_full_name(enrolment.user), course_title=enrolment.course.title, due_date=enrolment.due_date
            )
            for enrolment in overdue
            if enrolment.user_id in team
        ]
        if rows:
            context = {
                "name": _first_name(manager),
                "rows": rows,
                "year": iso.year,
                "week": iso.week,
                "report_url": absolute_url(reverse("training:hr_report")),
            }
            reminders.append(
                Reminder(kind=DIGEST, key=key, recipient=manager, language=user_language(manager), context=context)
            )
    return reminders


def _enrolment_reminder(*, kind: str, key: str, enrolment: Enrolment) -> Reminder:
    user = enrolment.user
    language = user_language(user)
    context = {
        "name": _first_name(user),
        "course_title": title_in(enrolment.course, language),
        "course_url": absolute_url(enrolment.course.url),
        "due_date": enrolment.due_date,
        # Enrolments made one by one, outside an assignment, are not claimed to be mandatory for the role.
        "mandatory": bool(enrolment.assignment and enrolment.assignment.mandatory),
    }
    return Reminder(
        kind=kind,
        key=key,
        recipient=user,
        language=language,
        context=context,
        enrolment_id=enrolment.pk,
        due_date=enrolment.due_date,
    )


def absolute_url(path: str) -> str:
    """SITE_URL + `path`. Wagtail already returns a full address when several sites are configured."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + path


def _first_name(user) -> str:
    return user.first_name or _full_name(user)


def _full_name(user) -> str:
    return user.get_full_name() or user.get_username()


# Messages


def reminder_message(reminder: Reminder) -> EmailMessage:
    """The e-mail for `reminder` in the recipient's language. Dates are formatted for that language too."""
    names = [
        f"training/email/reminder_{reminder.kind}.{reminder.language}.txt",
        f"training/email/reminder_{reminder.kind}.en.txt",
    ]
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **reminder.context}
    with translation.override(reminder.language):
        subject = select_template([f"{name}#subject" for name in names]).render(context)
        body = select_template([f"{name}#body" for name in names]).render(context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body.strip() + "\n",
        to=[reminder.recipient.email],
        # Tells mail servers and out-of-office responders that nobody is waiting for a reply (RFC 3834).
        headers={"Auto-Submitted": "auto-generated"},
    )


# Service


@dataclass
class ReminderReport:
    """How many reminders of each kind one run sent; `failed` ones are tried again on the next run."""

    due: int = 0
    overdue: int = 0
    digest: int = 0
    failed: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def reminder_send_once(reminder: Reminder) -> bool:
    """Send `reminder` unless it went out before. True when this call sent it.

    The ReminderLog row and the e-mail share one transaction. The row is inserted first, so its unique key acts
    as a lock: a second worker sending the same reminder waits on its own insert, which then fails, and skips.
    The row commits only once the mail backend has accepted the message; a failed send rolls it back, so the
    reminder is tried again on the next run. We chose this over sending after the commit (`on_commit`), which
    loses a reminder for good when the process dies between the commit and the send: here the only way to send
    one twice is a database commit failing just after the mail server accepted the message.
    """
    message = reminder_message(reminder)
    try:
        with transaction.atomic():
            ReminderLog.objects.create(
                recipient=reminder.recipient,
                enrolment_id=reminder.enrolment_id,
                key=reminder.key,
                due_date=reminder.due_date,
            )
            message.send()
    except IntegrityError:
        return False
    return True


def reminders_send(*, today: datetime.date | None = None) -> ReminderReport:
    """Send every reminder due on `today` (default: today in TIME_ZONE). Safe to run any number of times a day."""
    today = today or timezone.localdate()
    report = ReminderReport()
    reminders = due_reminders(today=today) + overdue_reminders(today=today) + digest_reminders(today=today)
    for reminder in reminders:
        try:
            sent = reminder_send_once(reminder)
        except Exception:
            # A refused address or an unreachable mail server must not hold back everyone else's reminders.
            logger.exception(
                "Reminder %s to user %s was not sent; the next run tries again.", reminder.key, reminder.recipient.pk
            )
            report.failed += 1
            continue
        if sent:
            setattr(report, reminder.kind, getattr(report, reminder.kind) + 1)
    return report
