"""The learner's home at /learn/: their courses, progress, next step and certificate."""

import pytest
from django.urls import reverse

from certificates.models import Certificate
from tests.factories import make_course, pass_course, read_all_lessons

LEARN = reverse("training:learn")


@pytest.mark.django_db
def test_nothing_assigned_says_so(client, employee, course):
    client.force_login(employee)

    page = client.get(LEARN).content.decode()

    assert "You have no courses assigned yet." in page
    assert course.title not in page


@pytest.mark.django_db
def test_shows_only_my_courses_with_progress_due_date_and_next_lesson(client, employee, course, enrolment):
    make_course(title="Someone else's course")
    client.force_login(employee)

    page = client.get(LEARN).content.decode()

    first = course.lessons().first()
    assert "Test course" in page and "Someone else&#x27;s course" not in page
    assert "<strong>0 %</strong>" in page and "Not started" in page
    assert f"due {enrolment.due_date:%-d %b %Y}" in page
    assert "0 of 3 lessons read, final quiz to do." in page
    assert f'href="{first.url}">Read “Lesson 1”</a>' in page


@pytest.mark.django_db
def test_after_reading_everything_the_next_step_is_the_quiz(client, employee, course, enrolment):
    read_all_lessons(employee, course)
    client.force_login(employee)

    page = client.get(LEARN).content.decode()

    assert "<strong>75 %</strong>" in page and "In progress" in page
    assert f'href="{reverse("quizzes:take", kwargs={"course_id": course.pk})}">Take the final quiz</a>' in page


@pytest.mark.django_db
def test_completed_course_offers_the_certificate(client, employee, course, enrolment):
    pass_course(employee, course, enrolment)
    certificate = Certificate.objects.get()
    client.force_login(employee)

    page = client.get(LEARN).content.decode()

    assert "<strong>100 %</strong>" in page and "Completed" in page
    assert "final quiz passed" in page
    assert f'href="{certificate.get_pdf_url()}"' in page and f'href="{certificate.get_absolute_url()}"' in page
    assert "Take the final quiz" not in page


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(LEARN)

    assert response.status_code == 302 and response["Location"] == f"{reverse('login')}?next={LEARN}"
