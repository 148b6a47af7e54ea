"""The demo data command: the starter course, the demo logins and a realistic organisation, loaded once."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q
from django.test import override_settings
from wagtail.models import Page, Revision

from certificates.models import Certificate
from cms.models import CoursePage, LessonPage
from quizzes.models import Attempt, Choice, Question, Quiz
from tests.certificates.pdf_text import pdf_text
from tests.factories import authenticated
from training.models import Acknowledgement, Department, Employee, Enrolment, LessonProgress
from training.permissions import can_view_all_reports, can_view_reports
from training.reports import completion_report_rows

DEMO_LOGINS = ["employee", "manager", "hr", "editor", "legal", "medical", "admin"]
COUNTED = [
    get_user_model(),
    Employee,
    Department,
    Page,
    Revision,
    Quiz,
    Question,
    Choice,
    Enrolment,
    LessonProgress,
    Acknowledgement,
    Attempt,
    Certificate,
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.mark.django_db
def test_seed_demo_builds_the_demo_once(client):
    call_command("seed_demo", stdout=io.StringIO())
    first = counts()
    call_command("seed_demo", stdout=io.StringIO())

    assert counts() == first

    # The starter course: 8 lessons and a quiz of at least 12 questions with an 80 % pass mark, in four languages.
    course = CoursePage.objects.get(locale__language_code="en")
    assert course.lessons().count() == 8
    translations = course.get_translations().live()
    assert sorted(translations.values_list("locale__language_code", flat=True)) == ["de", "ko", "zh-hant"]
    for translation in translations:
        assert LessonPage.objects.child_of(translation).live().count() == 8
    assert set(course.quiz.translations) == {"ko", "zh-hant", "de"}
    assert course.quiz.questions.count() >= 12
    assert course.quiz.pass_mark == 80
    assert Quiz.objects.count() == 1
    for question in course.quiz.questions.annotate(right=Count("choices", filter=Q(choices__is_correct=True))):
        assert question.right >= 1

    # The demo logins work with their documented passwords.
    User = get_user_model()
    for username in DEMO_LOGINS:
        assert authenticated(username=username, password=username) == User.objects.get(username=username)
    assert authenticated(username="employee", password="wrong") is None
    assert User.objects.get(username="admin").is_superuser
    hr, manager, editor = (User.objects.get(username=name) for name in ("hr", "manager", "editor"))
    assert can_view_all_reports(hr)
    assert can_view_reports(manager) and not can_view_all_reports(manager)
    assert editor.has_perm("wagtailadmin.access_admin") and not can_view_reports(editor)
    assert Employee.objects.get(user__username="employee").manager == manager

    # About thirty more staff in at least four departments, with every status represented.
    staff = User.objects.exclude(username__in=DEMO_LOGINS)
    assert 25 <= staff.count() <= 40
    assert all(not user.has_usable_password() for user in staff)
    assert Department.objects.filter(employees__user__in=staff).distinct().count() >= 4
    rows = completion_report_rows(viewer=hr)
    statuses = {row.user.username: row.status for row in rows}
    assert {"completed", "overdue", "in_progress", "not_started"} <= set(statuses.values())
    completed = [name for name, status in statuses.items() if status == "completed"]
    assert len(completed) >= 5
    assert set(Certificate.objects.values_list("user__username", flat=True)) == set(completed)
    for certificate in Certificate.objects.select_related("enrolment"):
        assert certificate.score >= 80
        assert certificate.completed_at == certificate.enrolment.completed_at
        assert certificate.valid_until > certificate.completed_at.date()
    assert sum(status == "overdue" for status in statuses.values()) >= 3

    # Completed demo staff have names in Hangul, Traditional Chinese and German with umlauts, and their
    # certificates print them with real glyphs, family name first where that is how the name is written.
    client.force_login(hr)
    for username, printed in (("noah.muller", "Noah Müller"), ("minjun.kim", "김민준"), ("yijun.chen", "陳怡君")):
        certificate = Certificate.objects.get(user__username=username)
        assert certificate.holder_name == printed
        response = client.get(certificate.get_pdf_url())
        assert response["Content-Type"] == "application/pdf"
        assert printed.replace(" ", "") in pdf_text(response.content).replace(" ", "")
    assert Certificate.objects.filter(user__username="jurgen.weber", holder_name="Jürgen Weber").exists()


@pytest.mark.django_db
@override_settings(DEMO_DATA_ALLOWED=False)
def test_seed_demo_is_refused_where_demo_data_is_not_allowed():
    with pytest.raises(CommandError):
        call_command("seed_demo")

    assert not get_user_model().objects.filter(username__in=DEMO_LOGINS).exists()
