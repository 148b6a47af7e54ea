"""The audit trail of training records: every event with who, what, when, old → new and why; append-only; a hash
chain that `verify_audit_trail` checks; /hr/audit/ and its CSV export for HR and auditors only."""

import csv
import datetime
import io
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import training.audit
from certificates.models import Certificate
from quizzes.models import Attempt, Question, QuizQuestion
from tests.factories import (
    EmployeeFactory,
    QuizFactory,
    add_question,
    enrol,
    make_course,
    manager_of,
    pass_course,
    read_all_lessons,
    right_answers,
    wrong_answers,
)
from training.audit import audit_record, audit_trail_verify
from training.models import Acknowledgement, AuditEvent, AuditTrailReadOnly, Department, Enrolment
from training.services import enrolment_due_date_change, enrolment_renew

pytestmark = pytest.mark.django_db

AUDIT = reverse("training:audit_trail")
AUDIT_CSV = reverse("training:audit_trail_csv")
Action = AuditEvent.Action


def trail(**filters) -> list[AuditEvent]:
    """The events, oldest first."""
    return list(AuditEvent.objects.filter(**filters).order_by("sequence"))


def one(action, **filters) -> AuditEvent:
    (event,) = trail(action=action, **filters)
    return event


def verify(*args) -> str:
    out = io.StringIO()
    call_command("verify_audit_trail", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def hr_client(client, hr_user):
    client.force_login(hr_user)
    return client


@pytest.fixture
def auditor(roles):
    user = EmployeeFactory(user__username="auditor", user__first_name="Audrey", user__last_name="Inspector").user
    user.groups.add(roles["Auditors"])
    return user


def take_and_submit(client, user, course, answers_for, **texts):
    """`user` opens the course's quiz and submits it with `answers_for(attempt)` (and written answers `texts`)."""
    client.force_login(user)
    client.get(reverse("quizzes:take", kwargs={"course_id": course.pk}))
    attempt = Attempt.objects.get(user=user, status=Attempt.Status.IN_PROGRESS)
    data = {"sequence": 0, **{f"q{q}": c for q, c in answers_for(attempt).items()}, **texts}
    response = client.post(reverse("quizzes:attempt_submit", kwargs={"attempt_id": attempt.pk}), data)
    assert response.status_code == 302
    return attempt


# What is recorded


def test_a_learner_passing_the_course_leaves_every_step_in_the_trail(client, employee, course, enrolment):
    read_all_lessons(employee, course)
    attempt = take_and_submit(client, employee, course, right_answers)

    lessons = trail(action=Action.LESSON_COMPLETED)
    assert [event.new_value["lesson"] for event in lessons] == ["Lesson 1", "Lesson 2", "Code of conduct"]
    acknowledgement = Acknowledgement.objects.get(enrolment=enrolment)
    acknowledged = one(Action.ACKNOWLEDGED)
    assert acknowledged.new_value["statement"] == acknowledgement.statement
    assert "I have read and understood the code." in acknowledgement.statement
    assert acknowledged.new_value["revision"] == course.lessons().get(title="Code of conduct").live_revision_id
    submitted, graded = one(Action.ATTEMPT_SUBMITTED), one(Action.ATTEMPT_GRADED)
    assert (submitted.old_value, submitted.new_value["status"]) == ({"status": "in_progress"}, "submitted")
    assert graded.new_value == {
        "quiz": course.quiz.title,
        "attempt": 1,
        "score": "100.00",
        "passed": True,
        "pass_mark": course.quiz.pass_mark,
    }
    completed, issued = one(Action.COURSE_COMPLETED), one(Action.CERTIFICATE_ISSUED)
    assert completed.new_value["score"] == "100.00" and completed.course_title == course.title
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert issued.new_value["code"] == certificate.code and issued.object_id == str(certificate.pk)
    in_order = [acknowledged, lessons[-1], submitted, graded, completed, issued]
    assert [event.sequence for event in in_order] == sorted(event.sequence for event in in_order)
    steps = [*lessons, acknowledged, submitted, graded, completed, issued]
    for event in steps:
        assert (event.person_id, event.person_name, event.course_id) == (employee.pk, "Lena Learner", course.pk)
    # The learner acted; completing the course and issuing the certificate is the system's doing.
    assert {event.actor_name for event in [*lessons, acknowledged, submitted, graded]} == {"Lena Learner"}
    assert completed.actor is None and issued.actor is None
    assert submitted.object_type == "quizzes.attempt" and submitted.object_id == str(attempt.pk)


def test_the_trail_page_shows_who_what_when_and_the_course_of_a_graded_attempt(client, hr_user, employee, course):
    enrol(employee, course)
    read_all_lessons(employee, course)
    take_and_submit(client, employee, course, wrong_answers)
    client.force_login(hr_user)

    page = client.get(AUDIT, {"person": employee.username}).content.decode()

    assert "Audit trail: Lena Learner" in page and f"{AuditEvent.objects.count()} events." in page
    assert "Quiz attempt submitted" in page and "Quiz attempt graded" in page
    assert "score: 0.00" in page and "passed: no" in page
    # Recorded with the course's id only (the submit does not read the course); the page shows its title.
    assert one(Action.ATTEMPT_GRADED).course_title == "" and course.title in page


def test_hr_moves_a_due_date_with_a_reason_and_the_trail_shows_old_new_and_why(hr_client, hr_user, employee, enrolment):
    old_date, new_date = enrolment.due_date, timezone.localdate() + datetime.timedelta(days=60)
    change = reverse("training:enrolment_due_date", kwargs={"enrolment_id": enrolment.pk})

    hr_client.post(change, {"due_date": new_date.isoformat(), "reason": "  Sick leave in March  "})

    event = one(Action.DUE_DATE_CHANGED)
    assert (event.actor, event.person, event.course_id) == (hr_user, employee, enrolment.course_id)
    assert event.old_value == {"due_date": old_date.isoformat()} and event.new_value == {
        "due_date": new_date.isoformat()
    }
    assert event.reason == "Sick leave in March"
    page = hr_client.get(AUDIT, {"person": employee.email}).content.decode()
    assert f"due_date: {old_date:%Y-%m-%d} → {new_date:%Y-%m-%d}" in page and "Sick leave in March" in page


def test_a_due_date_change_without_a_reason_is_refused_and_leaves_no_trace(hr_client, enrolment):
    change = reverse("training:enrolment_due_date", kwargs={"enrolment_id": enrolment.pk})
    record = hr_client.get(reverse("training:transcript", kwargs={"user_id": enrolment.user_id})).content.decode()
    assert 'name="reason" required' in record

    page = hr_client.post(change, {"due_date": "2099-01-01", "reason": "   "}, follow=True).content.decode()

    assert "Say why the due date changes" in page
    assert Enrolment.objects.get(pk=enrolment.pk).due_date == enrolment.due_date
    assert not AuditEvent.objects.filter(action=Action.DUE_DATE_CHANGED).exists()


def test_hr_revoking_and_reissuing_a_certificate_is_recorded_with_the_reason(client, hr_user, employee, enrolment):
    pass_course(employee, enrolment.course, enrolment)
    certificate = Certificate.objects.get(enrolment=enrolment)
    client.force_login(hr_user)

    client.post(reverse("certificates:reissue", kwargs={"code": certificate.code}), {"reason": "Surname corrected"})
    new = Certificate.objects.get(enrolment=enrolment)
    client.post(reverse("certificates:revoke", kwargs={"code": new.code}), {"reason": "Answers were shared"})

    reissued, revoked = one(Action.CERTIFICATE_REISSUED), one(Action.CERTIFICATE_REVOKED)
    assert reissued.actor == hr_user and reissued.reason == "Surname corrected"
    assert reissued.old_value["code"] == certificate.code and reissued.new_value["code"] == new.code
    assert revoked.actor == hr_user and revoked.reason == "Answers were shared"
    assert (revoked.old_value["status"], revoked.new_value["status"]) == ("valid", "revoked")
    assert revoked.course_id == enrolment.course_id and revoked.course_title == enrolment.course.title
    assert reissued.sequence < revoked.sequence


def test_a_staff_import_records_each_person_with_old_and_new_values_and_the_file(client, hr_user):
    nursing = Department.objects.create(name="Nursing")
    EmployeeFactory(
        user__username="sam",
        user__email="sam@example.org",
        user__first_name="Sam",
        user__last_name="Old",
        department=nursing,
        employee_id="E2",
    )
    EmployeeFactory(
        user__username="lea",
        user__email="lea@example.org",
        user__first_name="Lea",
        user__last_name="Leaver",
        department=nursing,
        employee_id="E3",
    )
    data = (
        b"employee_id,email,first_name,last_name,department,status\r\n"
        b"E1,new@example.org,Nina,New,Clinical/Pharmacy,active\r\n"
        b"E2,sam@example.org,Sam,Newname,Nursing,active\r\n"
        b"E3,lea@example.org,Lea,Leaver,Nursing,left\r\n"
    )
    client.force_login(hr_user)
    importer = reverse("training:staff_import")
    preview = client.post(importer, {"file": SimpleUploadedFile("march.csv", data, content_type="text/csv")})
    assert not AuditEvent.objects.exists(), "a preview changes nothing"

    client.post(importer, {"token": preview.context["token"]})

    created = one(Action.PERSON_CREATED)
    assert created.person_name == "Nina New" and created.old_value is None
    assert created.new_value == {
        "employee_id": "E1",
        "email": "new@example.org",
        "first_name": "Nina",
        "last_name": "New",
        "department": "Clinical/Pharmacy",
        "status": "active",
    }
    updated = one(Action.PERSON_UPDATED)
    assert (updated.old_value, updated.new_value) == ({"last_name": "Old"}, {"last_name": "Newname"})
    deactivated = one(Action.PERSON_DEACTIVATED)
    today = timezone.localdate()
    assert deactivated.old_value == {"status": "active"} and deactivated.new_value == {"status": f"left on {today}"}
    summary = one(Action.STAFF_IMPORTED)
    assert summary.new_value["file"] == "march.csv"
    assert [summary.new_value[key] for key in ("created", "updated", "deactivated", "unchanged")] == [1, 1, 1, 0]
    assert {event.actor for event in (created, updated, deactivated, summary)} == {hr_user}
    assert summary.sequence == AuditEvent.objects.order_by("-sequence").first().sequence


def test_the_import_command_records_the_file_name_and_the_system_as_actor(tmp_path, db):
    path = tmp_path / "hr-export.csv"
    path.write_text("employee_id,email,first_name,last_name,department,status\nE1,a@example.org,A,B,Nursing,active\n")

    call_command("import_staff", str(path), stdout=io.StringIO())

    summary = one(Action.STAFF_IMPORTED)
    assert summary.new_value["file"] == "hr-export.csv" and summary.actor is None and summary.actor_name == ""


def test_an_assignment_records_itself_and_each_enrolment(client, hr_user):
    course = make_course(lessons=1, code_of_conduct=False)
    nursing = Department.objects.create(name="Nursing")
    for name in ("ann", "bob"):
        EmployeeFactory(user__username=name, department=nursing)
    due = timezone.localdate() + datetime.timedelta(days=20)
    client.force_login(hr_user)

    client.post(
        reverse("training:assignments"),
        {"course": course.pk, "target": "department", "department": nursing.pk, "due_date": due, "mandatory": "on"},
    )

    assigned = one(Action.ASSIGNMENT_CREATED)
    assert assigned.actor == hr_user and assigned.course_title == course.title
    assert assigned.new_value["department"] == "Nursing" and assigned.new_value["enrolled"] == 2
    enrolments = trail(action=Action.ENROLMENT_CREATED)
    assert {event.person.username for event in enrolments} == {"ann", "bob"}
    assert {event.object_id for event in enrolments} == {
        str(pk) for pk in Enrolment.objects.values_list("pk", flat=True)
    }
    assert all(event.new_value["due_date"] == due.isoformat() and event.actor == hr_user for event in enrolments)


def test_marking_an_essay_records_the_mark_and_the_grade_by_the_marker(client, employee, hr_user):
    quiz = QuizFactory(pass_mark=50)
    essay = Question.objects.create(kind=Question.Kind.ESSAY, text="What do you do?")
    QuizQuestion.objects.create(quiz=quiz, question=essay, sort_order=1)
    course = make_course(quiz=quiz, lessons=1, code_of_conduct=False)
    enrol(employee, course)
    read_all_lessons(employee, course)
    take_and_submit(client, employee, course, lambda attempt: {}, **{f"t{essay.pk}": "Ask the press office."})
    item = Attempt.objects.get().items.get()
    client.force_login(hr_user)

    response = client.post(
        reverse("quizzes:marking_item", kwargs={"item_id": item.pk}), {"mark": "70", "comment": "Good"}
    )
    assert response.status_code == 302

    marked = one(Action.ESSAY_MARKED)
    assert marked.actor == hr_user and marked.person == employee
    assert (marked.old_value, marked.new_value["mark_percent"], marked.new_value["comment"]) == (
        {"mark_percent": None},
        70,
        "Good",
    )
    assert one(Action.ATTEMPT_SUBMITTED).new_value["status"] == "awaiting_marking"
    graded = one(Action.ATTEMPT_GRADED)
    assert graded.actor == hr_user and graded.new_value["score"] == "70.00"


def test_recertification_is_recorded_by_the_system(employee, course, enrolment):
    pass_course(employee, course, enrolment)

    renewal = enrolment_renew(enrolment=enrolment)

    event = one(Action.ENROLMENT_RENEWED)
    assert event.actor is None and event.person == employee and event.course_title == course.title
    assert event.old_value["enrolment"] == enrolment.pk and event.new_value["enrolment"] == renewal.pk
    assert event.new_value["due_date"] == renewal.due_date.isoformat()


# Append-only, in one transaction with the change


def test_the_app_refuses_to_change_or_delete_events(employee, enrolment):
    enrolment_due_date_change(enrolment=enrolment, due_date=timezone.localdate(), reason="Sick leave")
    event = AuditEvent.objects.get()
    event.reason = "Holiday"

    with pytest.raises(AuditTrailReadOnly):
        event.save()
    with pytest.raises(AuditTrailReadOnly):
        event.delete()
    with pytest.raises(AuditTrailReadOnly):
        AuditEvent.objects.filter(pk=event.pk).update(reason="Holiday")
    with pytest.raises(AuditTrailReadOnly):
        AuditEvent.objects.bulk_update([event], ["reason"])
    with pytest.raises(AuditTrailReadOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().reason == "Sick leave"


def test_a_rolled_back_change_leaves_no_event_and_the_chain_stays_whole(employee, enrolment):
    new_date = timezone.localdate() + datetime.timedelta(days=30)
    enrolment_due_date_change(enrolment=enrolment, due_date=new_date, reason="First")

    class Failed(Exception):
        pass

    with pytest.raises(Failed), transaction.atomic():
        enrolment_due_date_change(enrolment=enrolment, due_date=new_date + datetime.timedelta(days=1), reason="Lost")
        raise Failed
    enrolment_due_date_change(enrolment=enrolment, due_date=new_date + datetime.timedelta(days=2), reason="Third")

    assert [(event.sequence, event.reason) for event in trail()] == [(1, "First"), (2, "Third")]
    assert Enrolment.objects.get(pk=enrolment.pk).due_date == new_date + datetime.timedelta(days=2)
    assert "Audit trail OK: 2 events" in verify()


@pytest.mark.django_db(transaction=True)
def test_an_event_cannot_be_recorded_outside_a_transaction(employee):
    with pytest.raises(transaction.TransactionManagementError):
        audit_record(action=Action.ENROLMENT_CREATED, person=employee)
    assert not AuditEvent.objects.exists()


# The chain


@pytest.fixture
def five_events(employee, enrolment):
    start = timezone.localdate()
    for days in range(1, 6):
        enrolment_due_date_change(enrolment=enrolment, due_date=start + datetime.timedelta(days), reason=f"R{days}")
    return trail()


def tamper(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def broken() -> str:
    with pytest.raises(CommandError) as error:
        verify()
    assert error.value.returncode == 1
    return str(error.value)


def test_the_chain_verifies_then_points_at_a_row_edited_in_sql(five_events):
    head = five_events[-1]
    assert verify() == f"Audit trail OK: 5 events, last event 5, hash {head.hash}.\n"

    tamper("UPDATE training_auditevent SET reason = %s WHERE sequence = %s", "Holiday", 3)

    message = broken()
    assert message.startswith("Audit trail BROKEN at event 3: Event 3 was changed after it was recorded")
    assert "The 2 events before it are intact" in message


def test_a_row_deleted_in_sql_shows_as_a_gap(five_events):
    tamper("DELETE FROM training_auditevent WHERE sequence = %s", 2)

    assert broken().startswith("Audit trail BROKEN at event 2: Event 2 is missing: deleted from the trail")


def test_an_edit_that_recomputes_the_rows_hash_breaks_the_next_link(five_events):
    third = AuditEvent.objects.get(sequence=3)
    third.reason = "Holiday"
    forged = training.audit.audit_event_hash(third)
    tamper("UPDATE training_auditevent SET reason = %s, hash = %s WHERE sequence = %s", "Holiday", forged, 3)

    assert broken().startswith("Audit trail BROKEN at event 4: Event 4 does not follow event 3")


def test_rows_swapped_in_sql_are_found(five_events):
    tamper("UPDATE training_auditevent SET sequence = 99 WHERE sequence = 2")
    tamper("UPDATE training_auditevent SET sequence = 2 WHERE sequence = 4")
    tamper("UPDATE training_auditevent SET sequence = 4 WHERE sequence = 99")

    assert broken().startswith("Audit trail BROKEN at event 2: Event 2 was changed after it was recorded")


def test_verification_reads_the_trail_a_chunk_at_a_time(five_events, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(training.audit, "VERIFY_CHUNK", 2)

    with django_assert_num_queries(3):  # events 1-2, 3-4, 5 (a short chunk is the last)
        check = audit_trail_verify()

    assert check.ok and check.count == 5


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers need PostgreSQL; SQLite's shared in-memory test database cannot run them",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_chain_to_the_same_row():
    people = [EmployeeFactory().user for _ in range(2)]
    barrier = threading.Barrier(2)
    errors = []

    def write(person):
        try:
            barrier.wait(timeout=10)
            for _ in range(25):
                with transaction.atomic():
                    audit_record(action=Action.ENROLMENT_CREATED, person=person)
                    audit_record(action=Action.LESSON_COMPLETED, person=person)
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert AuditEvent.objects.count() == 100
    assert "Audit trail OK: 100 events" in verify()


# Query budget


@pytest.mark.parametrize("answers, events", [(wrong_answers, 2), (right_answers, 4)])
def test_the_quiz_submit_gains_an_insert_and_a_read_of_the_chain_per_event(client, employee, answers, events):
    quiz = QuizFactory(pass_mark=100)
    for _ in range(3):
        add_question(quiz, kind="multiple", right=("A", "B"), wrong=("C",))
    course = make_course(quiz=quiz, lessons=1, code_of_conduct=False)
    enrolment = enrol(employee, course)
    read_all_lessons(employee, course)
    client.force_login(employee)
    client.get(reverse("quizzes:take", kwargs={"course_id": course.pk}))
    attempt = Attempt.objects.get(user=employee)
    data = {"sequence": 0, **{f"q{q}": c for q, c in answers(attempt).items()}}

    with CaptureQueriesContext(connection) as queries:
        client.post(reverse("quizzes:attempt_submit", kwargs={"attempt_id": attempt.pk}), data)

    trail_queries = [q["sql"] for q in queries if "training_auditevent" in q["sql"] or "pg_advisory" in q["sql"]]
    inserts = [sql for sql in trail_queries if sql.startswith("INSERT")]
    chain = 2 if connection.vendor == "postgresql" else 1  # the lock (PostgreSQL), the last row's hash
    assert len(inserts) == events and len(trail_queries) == events * (1 + chain)
    assert (Enrolment.objects.get(pk=enrolment.pk).completed_at is not None) == (events == 4)


# The page and the export


@pytest.fixture
def events_of_two(employee, enrolment, outsider):
    other = enrol(outsider, make_course(title="Other course", lessons=1, code_of_conduct=False))
    enrolment_due_date_change(enrolment=enrolment, due_date=timezone.localdate(), reason='=HYPERLINK("x")')
    enrolment_due_date_change(enrolment=other, due_date=timezone.localdate(), reason="Outsider reason")
    return enrolment, other


def test_hr_and_auditors_see_the_trail_and_its_export_managers_and_employees_do_not(
    client, hr_user, auditor, employee, outsider, events_of_two
):
    boss = manager_of(employee)
    for user in (hr_user, auditor):
        client.force_login(user)
        page = client.get(AUDIT)
        assert page.status_code == 200 and "Outsider reason" in page.content.decode()
        assert f'href="{AUDIT}">Audit trail</a>' in page.content.decode(), "in the navigation"
        assert client.get(AUDIT_CSV).status_code == 200
    for user in (boss, employee):
        client.force_login(user)
        assert client.get(AUDIT).status_code == 403 and client.get(AUDIT_CSV).status_code == 403
        assert f'href="{AUDIT}"' not in client.get(reverse("training:learn")).content.decode()
    client.logout()
    assert client.get(AUDIT).status_code == 302


def test_auditors_see_names_but_cannot_open_training_records(client, auditor, employee, events_of_two):
    client.force_login(auditor)
    page = client.get(AUDIT).content.decode()

    assert "Lena Learner" in page
    assert reverse("training:transcript", kwargs={"user_id": employee.pk}) not in page
    assert client.get(reverse("training:transcript", kwargs={"user_id": employee.pk})).status_code == 404


def test_the_trail_filters_by_person_course_and_period(hr_client, employee, outsider, events_of_two):
    enrolment, other = events_of_two
    today = timezone.localdate()

    def reasons(**params):
        response = hr_client.get(AUDIT, params)
        assert response.status_code == 200
        return [row.event.reason for row in response.context["rows"]]

    assert reasons() == ["Outsider reason", '=HYPERLINK("x")'], "newest first"
    assert reasons(person=employee.username) == ['=HYPERLINK("x")']
    assert reasons(person=outsider.email.upper()) == ["Outsider reason"]
    assert reasons(course=other.course_id) == ["Outsider reason"]
    assert reasons(date_from=today, date_to=today) == ["Outsider reason", '=HYPERLINK("x")']
    assert reasons(date_to=today - datetime.timedelta(days=1)) == []
    assert reasons(date_from=today + datetime.timedelta(days=1)) == []


@pytest.mark.parametrize(
    "params, message",
    [
        ({"date_from": "01/03/2026"}, "From: Enter the date as YYYY-MM-DD, e.g. 2026-03-01."),
        ({"date_to": "2026-02-30"}, "To: Enter the date as YYYY-MM-DD, e.g. 2026-03-01."),
        ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "The “From” date is after the “To” date."),
        ({"person": "nobody@example.org"}, "No one has the user name or email “nobody@example.org”."),
        ({"course": "abc"}, "Course: Select a valid choice."),
    ],
)
def test_bad_filters_get_a_clear_message_and_no_events(hr_client, events_of_two, params, message):
    response = hr_client.get(AUDIT, params)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Outsider reason" not in page
    export = hr_client.get(AUDIT_CSV, params)
    assert export.status_code == 400 and message.split(": ")[-1] in export.content.decode()


def test_the_trail_is_paginated_newest_first(hr_client, employee, enrolment):
    for number in range(55):
        enrolment_due_date_change(enrolment=enrolment, due_date=timezone.localdate(), reason=f"Reason {number}")

    first = hr_client.get(AUDIT)
    second = hr_client.get(AUDIT, {"page": 2})

    assert [row.event.reason for row in first.context["rows"]][:2] == ["Reason 54", "Reason 53"]
    assert len(first.context["rows"]) == 50 and len(second.context["rows"]) == 5
    assert "Page 1 of 2" in first.content.decode() and 'page=2">Next' in first.content.decode()


def test_the_export_has_the_filtered_events_with_formula_safe_cells(hr_client, hr_user, employee, events_of_two):
    enrolment, _ = events_of_two

    response = hr_client.get(AUDIT_CSV, {"person": employee.username})

    assert response["Content-Disposition"] == f'attachment; filename="audit-trail-{timezone.localdate()}.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    row = rows[0]
    assert row["reason"] == '\'=HYPERLINK("x")'
    assert (row["action"], row["person"], row["course"]) == ("Due date changed", "Lena Learner", enrolment.course.title)
    assert row["new_value"] == f'{{"due_date": "{timezone.localdate()}"}}'
    assert row["hash"] == AuditEvent.objects.get(person=employee).hash


def test_the_export_reads_the_trail_a_chunk_at_a_time(hr_client, employee, enrolment, monkeypatch):
    for number in range(7):
        enrolment_due_date_change(enrolment=enrolment, due_date=timezone.localdate(), reason=f"Reason {number}")
    monkeypatch.setattr(training.audit, "VERIFY_CHUNK", 3)

    response = hr_client.get(AUDIT_CSV)
    with CaptureQueriesContext(connection) as queries:
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert [row[0] for row in rows[1:]] == ["7", "6", "5", "4", "3", "2", "1"]
    assert len([q for q in queries if q["sql"].startswith("SELECT") and "training_auditevent" in q["sql"]]) == 3


def test_a_training_record_and_the_hr_report_link_to_the_trail(hr_client, client, employee, enrolment):
    record = hr_client.get(reverse("training:transcript", kwargs={"user_id": employee.pk})).content.decode()
    assert f'href="{AUDIT}?person=learner">Audit trail for this person</a>' in record
    assert f'href="{AUDIT}">Audit trail</a>' in hr_client.get(reverse("training:hr_report")).content.decode()

    boss = manager_of(employee)
    client.force_login(boss)
    assert (
        "Audit trail for this person"
        not in client.get(reverse("training:transcript", kwargs={"user_id": employee.pk})).content.decode()
    )


def test_the_auditors_group_has_only_the_audit_trail(roles):
    permissions = {f"{p.content_type.app_label}.{p.codename}" for p in roles["Auditors"].permissions.all()}

    assert permissions == {"training.view_auditevent"}
    assert roles["HR"].permissions.filter(codename="view_auditevent").exists()
