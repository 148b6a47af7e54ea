"""Issuing certificates: unguessable codes, validity, and the PDF rendered once the grade is committed."""

import base64
import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate, new_certificate_code
from certificates.services import add_months, certificate_issue
from tests.certificates.pdf_text import pdf_text
from tests.factories import EmployeeFactory, enrol, pass_course, read_all_lessons, right_answers
from training.models import Enrolment

BASE32 = re.compile(r"[A-Z2-7]+")


def code_bits(code: str) -> int:
    return len(base64.b32decode(code)) * 8


def test_codes_carry_at_least_128_random_bits_and_never_repeat():
    codes = [new_certificate_code() for _ in range(2000)]

    assert all(BASE32.fullmatch(code) for code in codes)
    assert min(code_bits(code) for code in codes) >= 128
    assert len(set(codes)) == len(codes)
    # Not a counter: no two codes share a long prefix, and consecutive codes are far apart.
    assert len({code[:8] for code in codes}) == len(codes)
    values = [int.from_bytes(base64.b32decode(code)) for code in codes]
    assert min(abs(later - earlier) for earlier, later in zip(values, values[1:], strict=False)) > 2**64


@pytest.mark.django_db
def test_issued_certificates_get_distinct_random_codes(course):
    certificates = []
    for number in range(12):
        user = EmployeeFactory(user__username=f"holder{number}").user
        enrolment = enrol(user, course)
        Enrolment.objects.filter(pk=enrolment.pk).update(
            completed_at=datetime.datetime(2026, 1, 31, 12, tzinfo=datetime.UTC), score=90
        )
        enrolment.refresh_from_db()
        certificates.append(certificate_issue(enrolment=enrolment, attempt=None))

    codes = [certificate.code for certificate in certificates]
    assert len(set(codes)) == len(codes)
    assert all(len(code) == 32 and BASE32.fullmatch(code) and code_bits(code) >= 128 for code in codes)
    assert len({code[:8] for code in codes}) == len(codes)
    assert {Certificate.objects.get(pk=certificate.pk).code for certificate in certificates} == set(codes)


@pytest.mark.django_db
def test_issuing_twice_keeps_the_first_certificate(employee, course, enrolment):
    attempt = pass_course(employee, course, enrolment)
    enrolment.refresh_from_db()
    first = Certificate.objects.get()

    again = certificate_issue(enrolment=enrolment, attempt=attempt)

    assert again.pk == first.pk and again.code == first.code
    assert Certificate.objects.count() == 1


@pytest.mark.django_db
def test_certificate_freezes_holder_course_score_and_validity(employee, course, enrolment):
    attempt = pass_course(employee, course, enrolment)
    certificate = Certificate.objects.get()

    employee.first_name = "Renamed"
    employee.save()
    course.title = "Renamed course"
    course.save_revision().publish()

    certificate.refresh_from_db()
    assert certificate.holder_name == "Lena Learner" and certificate.course_title == "Test course"
    assert certificate.user == employee and certificate.attempt == attempt
    assert certificate.score == attempt.score
    assert certificate.completed_at == attempt.submitted_at
    assert certificate.valid_until == add_months(timezone.localdate(certificate.completed_at), course.validity_months)


@pytest.mark.django_db
def test_certificate_records_the_course_version_lessons_and_acknowledgement_trained_on(employee, course, enrolment):
    from training.models import Acknowledgement

    published = course.live_revision_id
    pass_course(employee, course, enrolment)
    certificate = Certificate.objects.get()
    course.save_revision().publish()  # a later version does not change what was certified

    certificate.refresh_from_db()
    lessons = list(course.lessons())
    assert certificate.course_revision_id == published and certificate.course_published_at is not None
    assert [(entry["title"], entry["revision"]) for entry in certificate.lessons_read] == [
        (lesson.title, lesson.live_revision_id) for lesson in lessons
    ]
    acknowledgement = Acknowledgement.objects.get(enrolment=enrolment)
    assert certificate.acknowledged_at == acknowledgement.acknowledged_at
    assert certificate.acknowledgement_statement == acknowledgement.statement != ""


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 3, 15), 12, datetime.date(2027, 3, 15)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2028, 2, 29), 12, datetime.date(2029, 2, 28)),
        (datetime.date(2026, 11, 30), 3, datetime.date(2027, 2, 28)),
        (datetime.date(2026, 12, 1), 24, datetime.date(2028, 12, 1)),
    ],
)
def test_validity_is_counted_in_calendar_months(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.django_db
def test_pdf_is_rendered_and_stored_when_the_passing_grade_commits(
    client, employee, course, enrolment, django_capture_on_commit_callbacks
):
    read_all_lessons(employee, course)
    client.force_login(employee)
    client.get(reverse("quizzes:take", kwargs={"course_id": course.pk}))
    attempt = enrolment.attempts.get()
    answers = {f"q{question}": choices for question, choices in right_answers(attempt).items()}

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(reverse("quizzes:attempt_submit", kwargs={"attempt_id": attempt.pk}), answers)

    assert len(callbacks) == 1
    certificate = Certificate.objects.get()
    assert certificate.rendered_at is not None
    assert certificate.pdf.name
    with certificate.pdf.open("rb") as stored:
        content = stored.read()
    assert content.startswith(b"%PDF")
    assert certificate.code in pdf_text(content)


@pytest.mark.django_db
def test_pdf_is_not_rendered_before_the_grade_commits(employee, course, enrolment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pass_course(employee, course, enrolment)

    assert len(callbacks) == 1
    certificate = Certificate.objects.get()
    assert not certificate.pdf and certificate.rendered_at is None


@pytest.mark.django_db
def test_a_learner_without_an_hr_record_who_passes_completes_and_gets_a_certificate(client, course):
    # Accounts made in the admin or by single sign-on may have no Employee row: passing must still complete.
    from tests.factories import UserFactory

    user = UserFactory(username="no-hr-record", first_name="Sam", last_name="Solo")
    enrolment = enrol(user, course)
    read_all_lessons(user, course)
    client.force_login(user)
    attempt = client.get(reverse("quizzes:take", kwargs={"course_id": course.pk})).context["attempt"]
    form = {f"q{question_id}": choices for question_id, choices in right_answers(attempt).items()}
    form["sequence"] = str(attempt.sequence)

    response = client.post(reverse("quizzes:attempt_submit", kwargs={"attempt_id": attempt.pk}), form)

    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert Certificate.objects.get(enrolment=enrolment).holder_name == "Sam Solo"
