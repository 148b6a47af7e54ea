"""Reading a lesson: POST /learn/lessons/<id>/complete/ and what the learner sees afterwards."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from training.models import Acknowledgement, Enrolment, LessonProgress


def complete_url(lesson):
    return reverse("training:lesson_complete", kwargs={"lesson_id": lesson.pk})


def lessons(course):
    guideline, second, conduct = course.lessons().specific()
    return guideline, second, conduct


def percent_on_learn_page(client) -> int:
    response = client.get(reverse("training:learn"))
    assert response.status_code == 200
    return int(re.search(r"<strong>(\d+) %</strong>", response.content.decode()).group(1))


@pytest.mark.django_db
def test_reading_a_lesson_records_it_once_and_moves_progress_by_one_step(client, employee, course, enrolment):
    guideline, second, _conduct = lessons(course)
    client.force_login(employee)
    assert percent_on_learn_page(client) == 0

    first = client.post(complete_url(guideline))
    again = client.post(complete_url(guideline))

    # Two guidelines, the code of conduct and the quiz: one lesson read is a quarter of the course.
    assert percent_on_learn_page(client) == 25
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == second.url
    progress = LessonProgress.objects.get(enrolment=enrolment)
    assert progress.lesson_id == guideline.pk
    assert progress.revision_id == guideline.live_revision_id is not None
    enrolment.refresh_from_db()
    assert enrolment.started_at is not None


@pytest.mark.django_db
def test_progress_keeps_the_revision_the_learner_read(client, employee, course, enrolment):
    guideline, *_ = lessons(course)
    client.force_login(employee)
    client.post(complete_url(guideline))
    read_revision = guideline.live_revision_id

    guideline.title = "Lesson 1, revised"
    guideline.save_revision().publish()
    client.post(complete_url(guideline))

    guideline.refresh_from_db()
    assert guideline.live_revision_id != read_revision
    assert LessonProgress.objects.get(enrolment=enrolment).revision_id == read_revision


@pytest.mark.django_db
def test_lesson_page_says_it_was_read(client, employee, course, enrolment):
    guideline, second, _conduct = lessons(course)
    client.force_login(employee)
    assert "I have read this lesson — continue" in client.get(guideline.url).content.decode()

    client.post(complete_url(guideline))

    page = client.get(guideline.url).content.decode()
    assert "You have read this lesson." in page
    assert f'href="{second.url}"' in page


@pytest.mark.django_db
def test_code_of_conduct_is_not_completed_without_the_confirmation(client, employee, course, enrolment):
    *_, conduct = lessons(course)
    client.force_login(employee)

    response = client.post(complete_url(conduct), {"acknowledged": "no"}, follow=True)

    assert response.redirect_chain == [(conduct.url, 302)]
    assert "Tick “I have read and understood” to confirm this code of conduct." in response.content.decode()
    assert not LessonProgress.objects.exists()
    assert not Acknowledgement.objects.exists()
    enrolment.refresh_from_db()
    assert enrolment.started_at is None


@pytest.mark.django_db
def test_code_of_conduct_confirmation_records_statement_time_and_revision(client, employee, course, enrolment):
    *_, conduct = lessons(course)
    client.force_login(employee)
    before = timezone.now()

    client.post(complete_url(conduct), {"acknowledged": "yes"})
    client.post(complete_url(conduct), {"acknowledged": "yes"})

    acknowledgement = Acknowledgement.objects.get()
    assert acknowledgement.user == employee
    assert acknowledgement.enrolment == enrolment
    assert acknowledgement.lesson_id == conduct.pk
    assert acknowledgement.statement == "I have read and understood the code."
    assert acknowledgement.revision_id == conduct.live_revision_id is not None
    assert before <= acknowledgement.acknowledged_at <= timezone.now()
    assert LessonProgress.objects.get(enrolment=enrolment).lesson_id == conduct.pk
    page = client.get(conduct.url).content.decode()
    assert "You confirmed “I have read and understood the code.”" in page
    assert 'name="acknowledged"' not in page


@pytest.mark.django_db
def test_statement_is_recorded_as_it_read_when_confirmed(client, employee, course, enrolment):
    *_, conduct = lessons(course)
    client.force_login(employee)
    client.post(complete_url(conduct), {"acknowledged": "yes"})

    conduct.acknowledgement_text = "A new statement."
    conduct.save_revision().publish()

    assert Acknowledgement.objects.get().statement == "I have read and understood the code."


@pytest.mark.django_db
def test_someone_not_enrolled_is_told_and_nothing_is_recorded(client, outsider, course, enrolment):
    guideline, *_ = lessons(course)
    client.force_login(outsider)

    response = client.post(complete_url(guideline), follow=True)

    assert response.redirect_chain == [(guideline.url, 302)]
    assert "You are not enrolled on this course." in response.content.decode()
    assert not LessonProgress.objects.exists()
    assert not Enrolment.objects.filter(user=outsider).exists()


@pytest.mark.django_db
def test_get_is_not_allowed(client, employee, course, enrolment):
    guideline, *_ = lessons(course)
    client.force_login(employee)

    response = client.get(complete_url(guideline))

    assert response.status_code == 405
    assert not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_anonymous_post_goes_to_login(client, course, enrolment):
    guideline, *_ = lessons(course)

    response = client.post(complete_url(guideline))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_unpublished_lesson_cannot_be_completed(client, employee, course, enrolment):
    guideline, *_ = lessons(course)
    guideline.unpublish()
    client.force_login(employee)

    response = client.post(complete_url(guideline))

    assert response.status_code == 404
    assert not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_course_page_is_not_a_lesson(client, employee, course, enrolment):
    client.force_login(employee)

    response = client.post(reverse("training:lesson_complete", kwargs={"lesson_id": course.pk}))

    assert response.status_code == 404


@pytest.mark.django_db
def test_overdue_learner_still_records_reading(client, employee, course):
    enrolment = Enrolment.objects.create(
        user=employee, course=course, due_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    guideline, *_ = lessons(course)
    client.force_login(employee)

    client.post(complete_url(guideline))

    assert LessonProgress.objects.filter(enrolment=enrolment).count() == 1
    assert "Overdue" in client.get(reverse("training:learn")).content.decode()
