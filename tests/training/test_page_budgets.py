"""Every page a learner or HR reaches costs a fixed number of queries, however long the course, however much a
person has done and however many people there are.

Each test measures its pages at a small and at a larger size of the same data, in the same state (every page
visited once before, so that what a process reads once is not counted; the cache emptied before each visit), and
asserts that each count is within the page's budget and that the larger size costs exactly as many queries.
Budgets that other tests already hold (the report, its export, "My learning" and a quiz submit by number of rows,
courses or questions) are imported from them; here the same pages are measured by other sizes.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from cms.models import CodeOfConductLessonPage
from cms.services import course_translation_create_from_data
from quizzes.services import attempt_start, attempt_submit
from tests.factories import (
    DepartmentFactory,
    EmployeeFactory,
    enrol,
    make_course,
    make_quiz,
    read_all_lessons,
    right_answers,
    wrong_answers,
)
from tests.training.test_exports import EXPORT_QUERIES
from tests.training.test_hr_report_views import HR_REPORT_QUERIES, LEARN_QUERIES
from training.models import Assignment
from training.services import assignment_create, enrolment_due_date_change

pytestmark = pytest.mark.django_db


@dataclass
class Visit:
    """A page: its query budget; how a user opens it, `open(client, prepared)`; what is done first and not counted,
    `prepared = prepare()`; and the HTTP status it answers with."""

    budget: int
    open: Callable
    prepare: Callable = lambda: None
    status: int = 200


def get(url: str, data=None) -> Callable:
    return lambda client, _: client.get(url, data)


def get_prepared(client, url: str):
    return client.get(url)


def visit_queries(client, visits: dict[str, Visit], assert_max_queries) -> dict[str, int]:
    """The queries of each page, each within its budget; the body is read in full (an export streams its rows and
    runs its queries as they are read)."""
    counts = {}
    for name, visit in visits.items():
        prepared = visit.prepare()
        cache.clear()
        with assert_max_queries(visit.budget, info=name) as captured:
            response = visit.open(client, prepared)
            body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == visit.status, f"{name}: HTTP {response.status_code}"
        assert body or visit.status != 200, f"{name}: an empty page"
        counts[name] = len(captured)
    return counts


def sizes_compared(client, grow: Callable, visits: dict[str, Visit], assert_max_queries, sizes) -> list[dict]:
    """The queries of each page at each of `sizes`, `grow(size)` bringing the data to that size first; every page
    is visited once, uncounted, before the first count."""
    counted = []
    for number, size in enumerate(sizes):
        grow(size)
        if number == 0:
            visit_queries(client, visits, assert_max_queries)
        counted.append(visit_queries(client, visits, assert_max_queries))
    return counted


# Learner pages, as the course grows from 2 lessons to 12 (and a code of conduct), read in English and in Korean

# Budgets count what a visit costs with the cache empty: the site's root paths (2 queries) are read again, where
# a process keeps them between requests. Every logged-in page: session, user, permissions (2), team check.
SITE_ROOT_PATHS_QUERIES = 2

# "My learning" in English (LEARN_QUERIES), and read in translation: the courses and lessons in the learner's
# language, one query per kind of page among them (here the course, guideline lessons and the code of conduct).
MY_LEARNING_QUERIES = LEARN_QUERIES + 3
# 23 in English: Wagtail's site, routing (the locale, the home page, the course and its fields) and view restrictions
# (2); the locale; the enrolment with its certificate; the lessons (their ids, then their fields by kind: 2); lessons
# read, confirmations and changed codes of conduct; the quiz. Read in Korean, 7 more: the Korean home page on the
# way, the default language's locale and course (which records are kept against) and its quiz, and the translated
# course and lessons, one query per kind of page (3).
COURSE_QUERIES = 30
# 19 in English for a lesson read: site, routing (locale, home, course and its fields, lesson and its fields) and
# view restrictions (2); the locale; the enrolment with whether the lesson is read; the course's lessons (kept in the
# cache after the first view: then none, see LESSON_CACHED_QUERIES); a code of conduct also its confirmation and
# whether it still counts (2 + 1). Read in Korean, 9 more: the Korean home page on the way, the default language's
# locale, lesson and course (the course in 2), the Korean course, and the course's lessons in Korean, one query per
# kind of lesson (here guideline lessons and the code of conduct: 2).
LESSON_QUERIES = 30
# What a lesson page reads of the page tree while it is not in the cache, and no longer once it is: the course's
# lessons (in Korean 3 queries, see above) and the locales (the learner's, and in Korean the default one too).
PAGE_TREE_UNCACHED_QUERIES = {"en": 1 + 1, "ko": 3 + 2}


def _translated(course, language: str) -> None:
    """`course` and every lesson of it published in `language`."""
    lessons = [
        {"slug": lesson.slug, "title": f"{lesson.title} ({language})", "body": [], "acknowledgement_text": "OK."}
        for lesson in course.lessons().specific()
    ]
    data = {"title": f"{course.title} ({language})", "lessons": lessons}
    course_translation_create_from_data(course=course, language=language, data=data)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_learner_pages_cost_the_same_however_many_lessons(
    client, language, django_assert_max_num_queries, django_assert_num_queries
):
    learner = EmployeeFactory(user__username="reader", language=language).user
    client.force_login(learner)
    courses = []

    def grow(lessons):
        course = make_course(title=f"Course of {lessons}", lessons=lessons)
        if language != "en":
            _translated(course, language)
        enrol(learner, course)
        read_all_lessons(learner, course)
        courses.append(course)

    def lesson_url(position):
        return lambda: list(courses[-1].lessons())[position].url

    visits = {
        "my learning": Visit(MY_LEARNING_QUERIES, get(reverse("training:learn"))),
        "course": Visit(COURSE_QUERIES, get_prepared, lambda: courses[-1].url),
        "lesson": Visit(LESSON_QUERIES, get_prepared, lesson_url(0)),
        "code of conduct": Visit(LESSON_QUERIES, get_prepared, lesson_url(-1)),
    }
    small, large = sizes_compared(client, grow, visits, django_assert_max_num_queries, (2, 12))

    assert large == small
    # Once the page tree is in the cache (the first lesson page viewed since editors last changed a page puts it
    # there), a lesson read costs the queries of its own state only (and the site's root paths are cached too).
    for name in ("lesson", "code of conduct"):
        url = visits[name].prepare()
        client.get(url)
        cached = large[name] - SITE_ROOT_PATHS_QUERIES - PAGE_TREE_UNCACHED_QUERIES[language]
        with django_assert_num_queries(cached, info=name):
            assert client.get(url).status_code == 200
    # What the measured pages show: a lesson read leads on to the next one, in the learner's language; the code of
    # conduct, the last lesson, to the final quiz.
    first, second, *_, conduct = courses[-1].lessons()
    title = second.title if language == "en" else f"{second.title} ({language})"
    assert title in client.get(first.url).content.decode()
    quiz = reverse("quizzes:take", kwargs={"course_id": courses[-1].pk})
    assert f'href="{quiz}"' in client.get(conduct.url).content.decode()


# A person's training record, as their history grows: 1 attempt at the quiz, then 8 (and another course)

# Session, user (twice: the learner's own address redirects to the record); the person; permissions (2) and team
# check; their enrolments, attempts, lessons read, confirmations and certificates.
RECORD_QUERIES = 13


def _history(user, attempts: int) -> None:
    """`user` on a new course: every lesson read, `attempts` - 1 failed attempts then a passed one."""
    course = make_course(title=f"Course tried {attempts} times", quiz=make_quiz(questions=3))
    enrolment = enrol(user, course)
    read_all_lessons(user, course)
    for number in range(attempts):
        attempt = attempt_start(user=user, quiz=course.quiz, enrolment=enrolment)
        answers = right_answers(attempt) if number == attempts - 1 else wrong_answers(attempt)
        attempt_submit(user=user, attempt_id=attempt.pk, answers=answers)


@pytest.mark.parametrize("viewer", ["self", "HR"])
def test_training_record_costs_the_same_however_long_the_history(
    client, employee, hr_user, viewer, django_assert_max_num_queries
):
    client.force_login(employee if viewer == "self" else hr_user)
    url = reverse("training:my_transcript") if viewer == "self" else reverse("training:transcript", args=[employee.pk])
    visits = {"training record": Visit(RECORD_QUERIES, lambda client, _: client.get(url, follow=True))}

    def grow(attempts):
        _history(employee, attempts)

    small, large = sizes_compared(client, grow, visits, django_assert_max_num_queries, (1, 8))

    assert large == small


# HR pages, as the organisation grows from 3 people to 40 (with their enrolments, certificates and audit events)

# Beside session, user and permissions (2): the form's choices (courses: 2, departments, locations, people) and the
# assignments with their counts.
ASSIGNMENTS_QUERIES = 10
# The count and a page of events (the export: the events a chunk at a time), today's course titles, the course filter.
AUDIT_QUERIES = 8
# Changed codes of conduct (the lessons, when each change was published), their courses, one count per changed lesson
# (not per person); for one lesson, the changed lessons again and the people still to confirm it, in one query.
REACKNOWLEDGEMENT_QUERIES = 11
# The certificate, and the viewer's permissions (2) for what the page offers them.
VERIFY_QUERIES = 5
PDF_QUERIES = 5

PDF = b"%PDF-1.7\n% a certificate rendered before\n%%EOF\n"


@dataclass
class Organisation:
    course: object
    people: list
    certificate: Certificate | None = None


def _staff_grow(organisation: Organisation, hr_user, count: int) -> None:
    """Bring the staff to `count` people, each assigned the course by HR on their own, with every lesson read (the
    code of conduct signed) and the due date moved; every third one passed, with the certificate's PDF stored. Then
    editors publish a material change to the code of conduct: everyone has to confirm it again."""
    course = organisation.course
    department = DepartmentFactory(name=f"Department of {count}")
    while len(organisation.people) < count:
        number = len(organisation.people)
        person = EmployeeFactory(user__username=f"person{number}", department=department).user
        assignment = assignment_create(
            created_by=hr_user,
            course=course,
            target=Assignment.Target.PEOPLE,
            people=[person],
            due_date=timezone.localdate() + datetime.timedelta(days=30),
        )
        enrolment = assignment.enrolments.get()
        read_all_lessons(person, course)
        enrolment_due_date_change(
            enrolment=enrolment,
            due_date=timezone.localdate() + datetime.timedelta(days=40),
            reason="Back from leave",
            changed_by=hr_user,
        )
        if number % 3 == 0:
            attempt = attempt_start(user=person, quiz=course.quiz, enrolment=enrolment)
            attempt_submit(user=person, attempt_id=attempt.pk, answers=right_answers(attempt))
            certificate = Certificate.objects.get(enrolment=enrolment)
            certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(PDF))
            organisation.certificate = certificate
        organisation.people.append(person)
    conduct = CodeOfConductLessonPage.objects.get(pk=course.lessons().last().pk)
    conduct.requires_reacknowledgement = True
    conduct.save_revision().publish()


def test_hr_pages_cost_the_same_however_many_people(client, hr_user, course, django_assert_max_num_queries):
    client.force_login(hr_user)
    organisation = Organisation(course=course, people=[])
    conduct = course.lessons().last()

    def certificate_url(name):
        return lambda: reverse(f"certificates:{name}", args=[organisation.certificate.code])

    visits = {
        "report": Visit(HR_REPORT_QUERIES, get(reverse("training:hr_report"))),
        "report CSV": Visit(EXPORT_QUERIES, get(reverse("training:hr_export_csv"))),
        "assignments": Visit(ASSIGNMENTS_QUERIES, get(reverse("training:assignments"))),
        "audit trail": Visit(AUDIT_QUERIES, get(reverse("training:audit_trail"))),
        "audit trail CSV": Visit(AUDIT_QUERIES, get(reverse("training:audit_trail_csv"))),
        "re-acknowledgement": Visit(REACKNOWLEDGEMENT_QUERIES, get(reverse("training:reacknowledgement"))),
        "re-acknowledgement of a lesson": Visit(
            REACKNOWLEDGEMENT_QUERIES, get(reverse("training:reacknowledgement"), {"lesson": conduct.pk})
        ),
        "re-acknowledgement CSV": Visit(REACKNOWLEDGEMENT_QUERIES, get(reverse("training:reacknowledgement_csv"))),
        "certificate verification": Visit(VERIFY_QUERIES, get_prepared, certificate_url("verify")),
        "certificate PDF": Visit(PDF_QUERIES, get_prepared, certificate_url("pdf")),
    }

    def grow(people):
        _staff_grow(organisation, hr_user, people)

    small, large = sizes_compared(client, grow, visits, django_assert_max_num_queries, (3, 40))

    assert large == small
    assert len(organisation.people) == 40
    assert client.get(certificate_url("pdf")()).content == PDF
