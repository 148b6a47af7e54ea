"""Reading a lesson: POST /learn/lessons/<id>/complete/ and what the learner sees afterwards."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from training.models import Acknowledgement, Enrolment, LessonProgress, LessonVisit, SignatureFailure


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

    client.post(complete_url(conduct), {"acknowledged": "yes", "password": "pass"})
    client.post(complete_url(conduct), {"acknowledged": "yes", "password": "pass"})

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
    client.post(complete_url(conduct), {"acknowledged": "yes", "password": "pass"})

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


# Minimum reading time


def with_minimum_reading_time(lesson, seconds: int):
    lesson.minimum_reading_seconds = seconds
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return lesson


def opened_seconds_ago(enrolment, lesson, seconds: int) -> None:
    """Move the learner's first opening of the lesson's published version back in time, instead of waiting."""
    visits = LessonVisit.objects.filter(enrolment=enrolment, lesson_id=lesson.pk, revision_id=lesson.live_revision_id)
    assert visits.update(first_opened_at=timezone.now() - datetime.timedelta(seconds=seconds)) == 1


@pytest.mark.django_db
def test_a_lesson_cannot_be_finished_before_its_minimum_reading_time(client, employee, course, enrolment):
    guideline, second, _conduct = lessons(course)
    guideline = with_minimum_reading_time(guideline, 120)
    client.force_login(employee)

    page = client.get(guideline.url).content.decode()
    response = client.post(complete_url(guideline), {"revision": guideline.live_revision_id}, follow=True)

    assert "Take your time with this lesson: you can continue from" in page
    assert response.redirect_chain == [(guideline.url, 302)]
    assert re.search(r"you can continue in (2 minutes|1 minute \d+ seconds)\.", response.content.decode())
    assert not LessonProgress.objects.exists()

    opened_seconds_ago(enrolment, guideline, 100)
    response = client.post(complete_url(guideline), {"revision": guideline.live_revision_id}, follow=True)
    assert re.search(r"you can continue in (20|19) seconds\.", response.content.decode())

    opened_seconds_ago(enrolment, guideline, 121)
    assert "Take your time" not in client.get(guideline.url).content.decode()
    response = client.post(complete_url(guideline), {"revision": guideline.live_revision_id})
    assert response["Location"] == second.url
    assert LessonProgress.objects.get().lesson_id == guideline.pk


@pytest.mark.django_db
def test_reading_time_counts_from_the_first_opening_on_any_device(client, employee, course, enrolment):
    guideline, second, _conduct = lessons(course)
    guideline = with_minimum_reading_time(guideline, 60)
    client.force_login(employee)
    client.get(guideline.url)
    opened_seconds_ago(enrolment, guideline, 61)

    phone = Client()
    phone.force_login(employee)
    phone.get(guideline.url)  # opening it again does not restart the time
    response = phone.post(complete_url(guideline), {"revision": guideline.live_revision_id})

    assert response["Location"] == second.url
    assert LessonVisit.objects.count() == 1


@pytest.mark.django_db
def test_a_lesson_never_opened_still_has_its_whole_minimum_ahead(client, employee, course, enrolment):
    guideline, *_ = lessons(course)
    guideline = with_minimum_reading_time(guideline, 90)
    client.force_login(employee)

    response = client.post(complete_url(guideline), follow=True)

    assert "you can continue in 1 minute 30 seconds." in response.content.decode()
    assert not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_a_new_version_starts_the_reading_time_again(client, employee, course, enrolment):
    guideline, *_ = lessons(course)
    guideline = with_minimum_reading_time(guideline, 60)
    client.force_login(employee)
    client.get(guideline.url)
    opened_seconds_ago(enrolment, guideline, 61)

    guideline.title = "Lesson 1, revised"
    guideline.save_revision().publish()
    guideline.refresh_from_db()
    client.get(guideline.url)
    response = client.post(complete_url(guideline), {"revision": guideline.live_revision_id}, follow=True)

    assert "Please take the time to read this lesson" in response.content.decode()
    assert not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_a_code_of_conduct_cannot_be_signed_before_its_minimum_reading_time(client, employee, course, enrolment):
    *_, conduct = lessons(course)
    conduct = with_minimum_reading_time(conduct, 60)
    client.force_login(employee)
    client.get(conduct.url)
    data = {"acknowledged": "yes", "password": "pass", "revision": conduct.live_revision_id}

    early = client.post(complete_url(conduct), data, follow=True)

    assert "Please take the time to read this lesson" in early.content.decode()
    assert not Acknowledgement.objects.exists()
    assert not SignatureFailure.objects.exists()

    opened_seconds_ago(enrolment, conduct, 61)
    client.post(complete_url(conduct), data)
    assert Acknowledgement.objects.get().user == employee


@pytest.mark.django_db
def test_only_enrolled_learners_opening_a_lesson_are_recorded(client, outsider, course, enrolment):
    guideline, *_ = lessons(course)
    guideline = with_minimum_reading_time(guideline, 60)
    client.force_login(outsider)

    client.get(guideline.url)

    assert not LessonVisit.objects.exists()
