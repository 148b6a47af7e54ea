"""The audit trail of training records (21 CFR Part 11, EU GMP Annex 11): who did what, when, to whose record, the
values before and after, and why.

`audit_record(...)` appends one event, `audit_record_many(...)` many; both are called by the service that makes the
change, inside its transaction, so a change that is rolled back leaves no event. Events are chained: each row's
`hash` covers all its fields and the previous row's hash, and `audit_trail_verify()` (`manage.py verify_audit_trail`)
finds the first row that was edited, deleted or moved outside the app. `audit_events(...)` reads the trail for the
HR and auditor pages.
"""

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.contrib.auth.models import AbstractBaseUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import AuditEvent
from .names import display_name

GENESIS_HASH = "0" * 64  # the "previous hash" of the first event
# Held (pg_advisory_xact_lock) by the transaction that appends to the trail, until it ends: two writers can never
# chain to the same previous row. SQLite needs none: it lets one transaction write at a time.
CHAIN_LOCK_KEY = 7_305_118_240_416_901
VERIFY_CHUNK = 2000
BULK_BATCH = 1000  # rows per INSERT: PostgreSQL takes at most 65,535 parameters a statement

Action = AuditEvent.Action


class CourseRef(NamedTuple):
    """A course's id and title where the page itself is not at hand (its title frozen on a certificate, say)."""

    pk: int
    title: str


# Writing


def audit_record(
    *,
    action: str,
    actor: AbstractBaseUser | None = None,
    person: AbstractBaseUser | None = None,
    course: Page | CourseRef | int | None = None,
    subject: Model | None = None,
    old: object = None,
    new: object = None,
    reason: str = "",
) -> AuditEvent:
    """Append one event to the trail, in the caller's transaction.

    `actor` is the user who did it (None: the system); `person` the user whose training record it concerns;
    `course` a course page or a CourseRef (its id and title are kept) or only its id; `subject` the record that
    changed; `old` and `new` its values before and after (JSON-able: dates, decimals and the like are kept as text);
    `reason` why, where a person changes a record. Names and titles are frozen as they are now.
    """
    return audit_record_many(
        [
            {
                "action": action,
                "actor": actor,
                "person": person,
                "course": course,
                "subject": subject,
                "old": old,
                "new": new,
                "reason": reason,
            }
        ]
    )[0]


def audit_record_many(entries: Iterable[dict]) -> list[AuditEvent]:
    """Append several events (each a dict of `audit_record`'s keywords) with one lock, one read of the chain's last
    row and as few INSERTs as the database allows: a staff import records thousands."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        # On its own the event could be committed while the change it records is rolled back, or the other way round.
        raise transaction.TransactionManagementError(
            "Audit events are recorded inside the transaction of the change they record."
        )
    now = timezone.now()
    events = [_event(at=now, **entry) for entry in entries]
    if not events:
        return []
    sequence, previous_hash = _chain_head(connection)
    for event in events:
        sequence += 1
        event.sequence = sequence
        event.previous_hash = previous_hash
        event.hash = previous_hash = audit_event_hash(event)
    AuditEvent.objects.bulk_create(events, batch_size=BULK_BATCH)
    return events


def _event(*, at, action, actor=None, person=None, course=None, subject=None, old=None, new=None, reason=""):
    if actor is not None and not actor.is_authenticated:
        actor = None  # an anonymous request acts as no one
    if isinstance(course, int) or course is None:
        course_id, course_title = course, ""
    else:
        course_id, course_title = course.pk, course.title
    return AuditEvent(
        occurred_at=at,
        actor_id=actor.pk if actor else None,
        actor_name=display_name(actor) if actor else "",
        action=Action(action).value,
        person_id=person.pk if person else None,
        person_name=display_name(person) if person else "",
        course_id=course_id,
        course_title=course_title or "",
        object_type=subject._meta.label_lower if subject is not None else "",
        object_id=str(subject.pk) if subject is not None else "",
        old_value=_plain(old),
        new_value=_plain(new),
        reason=reason or "",
    )


def _plain(value):
    """`value` as the database will give it back: JSON types only, numbers other than integers as text (a float or a
    decimal could come back written differently, and the hash would no longer match)."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return str(value)  # a choice (a str subclass) as its plain value
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    if isinstance(value, float | Decimal):
        return str(value)
    if isinstance(value, Model):
        return value.pk
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _chain_head(connection) -> tuple[int, str]:
    """The number and hash of the trail's last event, read under the chain lock. Read again for every write (rather
    than remembered from this transaction's previous event): a savepoint rolled back since may have taken that event
    with it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s::bigint)", [CHAIN_LOCK_KEY])
    last = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    return last or (0, GENESIS_HASH)


# Hashing and verifying


def audit_event_hash(event: AuditEvent) -> str:
    """SHA-256 (hex) of a canonical serialisation of every field of `event` and the previous event's hash."""
    fields = {
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.astimezone(datetime.UTC).isoformat(),
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "action": event.action,
        "person_id": event.person_id,
        "person_name": event.person_name,
        "course_id": event.course_id,
        "course_title": event.course_title,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "old_value": event.old_value,
        "new_value": event.new_value,
        "reason": event.reason,
        "previous_hash": event.previous_hash,
    }
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AuditTrailCheck:
    count: int  # events checked
    last_sequence: int
    last_hash: str
    broken_at: int | None = None  # the sequence number of the first broken link
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def audit_trail_verify() -> AuditTrailCheck:
    """Walk the whole trail in sequence order, a chunk at a time (constant memory), and stop at the first row that
    was changed, is missing, or does not follow the row before it.

    Rows deleted from the end leave no trace in the chain itself: compare the last sequence number and hash with
    those of an earlier check."""
    expected, previous_hash, count = 1, GENESIS_HASH, 0
    while True:
        chunk = list(AuditEvent.objects.filter(sequence__gte=expected).order_by("sequence")[:VERIFY_CHUNK])
        for event in chunk:
            problem = _link_problem(event, expected=expected, previous_hash=previous_hash)
            if problem:
                return AuditTrailCheck(
                    count=count,
                    last_sequence=expected - 1,
                    last_hash=previous_hash,
                    broken_at=min(event.sequence, expected),
                    problem=problem,
                )
            count += 1
            expected, previous_hash = event.sequence + 1, event.hash
        if len(chunk) < VERIFY_CHUNK:
            return AuditTrailCheck(count=count, last_sequence=expected - 1, last_hash=previous_hash)


def _link_problem(event: AuditEvent, *, expected: int, previous_hash: str) -> str:
    if event.sequence != expected:
        missing = f"{expected}" if event.sequence == expected + 1 else f"{expected} to {event.sequence - 1}"
        return f"Event {missing} is missing: deleted from the trail (the next event is {event.sequence})."
    if audit_event_hash(event) != event.hash:
        return f"Event {event.sequence} was changed after it was recorded: its contents no longer match its hash."
    if event.previous_hash != previous_hash:
        return (
            f"Event {event.sequence} does not follow event {event.sequence - 1}: the hash it was chained to is not "
            f"event {event.sequence - 1}'s. Event {event.sequence - 1} was replaced, or events were moved or inserted."
        )
    return ""


# Reading


def audit_events(
    *,
    person_id: int | None = None,
    course_id: int | None = None,
    occurred_from: datetime.datetime | None = None,
    occurred_before: datetime.datetime | None = None,
):
    """The trail, newest first, filtered by the person whose record it is, the course and a time range
    [occurred_from, occurred_before)."""
    events = AuditEvent.objects.order_by("-sequence")
    if person_id is not None:
        events = events.filter(person_id=person_id)
    if course_id is not None:
        events = events.filter(course_id=course_id)
    if occurred_from is not None:
        events = events.filter(occurred_at__gte=occurred_from)
    if occurred_before is not None:
        events = events.filter(occurred_at__lt=occurred_before)
    return events


def audit_events_stream(events) -> Iterator[AuditEvent]:
    """The events of `audit_events(...)`, read VERIFY_CHUNK at a time by sequence number (newest first): an export
    of the whole trail holds one chunk in memory, whatever the database's cursors."""
    before = None
    while True:
        page = events if before is None else events.filter(sequence__lt=before)
        chunk = list(page[:VERIFY_CHUNK])
        yield from chunk
        if len(chunk) < VERIFY_CHUNK:
            return
        before = chunk[-1].sequence


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str
    has_old: bool  # False for a value that was set, not changed (a new record)


def audit_changes(event: AuditEvent) -> list[Change]:
    """The event's old → new values, one line per field, as text."""
    old, new = event.old_value, event.new_value
    if not isinstance(old, dict) and not isinstance(new, dict):
        if old is None and new is None:
            return []
        return [Change("", _text(old), _text(new), has_old=old is not None)]
    old = old if isinstance(old, dict) else {}
    new = new if isinstance(new, dict) else {}
    fields = list(dict.fromkeys([*old, *new]))
    return [Change(field, _text(old.get(field)), _text(new.get(field)), has_old=field in old) for field in fields]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str | int):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def audit_course_titles(events: Iterable[AuditEvent]) -> dict[int, str]:
    """Today's titles of the courses of events recorded with a course id only (on the quiz submit path the title is
    not at hand, and reading it would cost every submit a query)."""
    from cms.models import CoursePage

    ids = {event.course_id for event in events if event.course_id and not event.course_title}
    if not ids:
        return {}
    return dict(CoursePage.objects.filter(pk__in=ids).values_list("pk", "title"))


@dataclass(frozen=True)
class AuditRow:
    event: AuditEvent
    course_title: str  # frozen with the event, or today's title where only the course's id was kept
    changes: list[Change]


def audit_rows(events: Iterable[AuditEvent]) -> list[AuditRow]:
    """What the trail's page and export show of each event: one query for course titles, at most."""
    events = list(events)
    titles = audit_course_titles(events)
    return [
        AuditRow(
            event=event,
            course_title=event.course_title or titles.get(event.course_id, ""),
            changes=audit_changes(event),
        )
        for event in events
    ]
