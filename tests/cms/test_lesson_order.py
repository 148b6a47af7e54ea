"""The "Next" button of a lesson already read follows what editors publish, although a course's lessons are kept in
the cache between page views (cms.lesson_order)."""

import re

import pytest
from django.urls import reverse

from cms.models import GuidelineLessonPage
from cms.services import course_translation_create_from_data
from quizzes.models import AttemptQuestion
from tests.factories import EmployeeFactory, enrol, pass_course, read_all_lessons

pytestmark = pytest.mark.django_db


def next_button(client, lesson) -> tuple[str, str]:
    """(address, label) of the button after `lesson`, as the learner sees it."""
    page = client.get(lesson.url).content.decode()
    found = re.search(r'<a class="button" href="([^"]+)">\s*(.*?)\s*</a>', page)
    assert found, f"no button on {lesson.url}"
    return found[1], found[2]


@pytest.fixture
def reader(client, employee, course, enrolment):
    read_all_lessons(employee, course)
    client.force_login(employee)
    return client


def test_next_lesson_follows_titles_unpublishing_and_new_lessons(reader, course):
    first, second, conduct = course.lessons().specific()
    assert next_button(reader, first) == (second.url, "Next: Lesson 2")

    second.title = "Lesson 2, revised"
    second.save_revision().publish()
    assert next_button(reader, first) == (second.url, "Next: Lesson 2, revised")

    second.unpublish()
    assert next_button(reader, first) == (conduct.url, "Next: Code of conduct")

    # A lesson drafted at the end, moved to follow the first one, then published.
    added = course.add_child(instance=GuidelineLessonPage(title="Lesson 1b", slug="lesson-1b", summary="S", live=False))
    assert next_button(reader, first) == (conduct.url, "Next: Code of conduct")
    added.move(conduct, pos="left")
    added = GuidelineLessonPage.objects.get(pk=added.pk)
    added.save_revision().publish()
    assert next_button(reader, first) == (added.url, "Next: Lesson 1b")

    added.delete()
    assert next_button(reader, first) == (conduct.url, "Next: Code of conduct")


def test_reordered_lessons_lead_on_in_the_new_order(reader, course):
    first, second, conduct = course.lessons().specific()
    assert next_button(reader, second) == (conduct.url, "Next: Code of conduct")

    second.move(first, pos="left")

    assert next_button(reader, second) == (first.url, "Next: Lesson 1")
    assert next_button(reader, first) == (conduct.url, "Next: Code of conduct")


def test_a_renamed_course_sends_learners_to_its_new_address(reader, course):
    first, second, _ = course.lessons().specific()
    assert next_button(reader, first)[0] == f"/{course.slug}/{second.slug}/"

    course.slug = "renamed-course"
    course.save_revision().publish()

    first.refresh_from_db()
    assert first.url == f"/renamed-course/{first.slug}/"
    assert next_button(reader, first)[0] == f"/renamed-course/{second.slug}/"


def test_a_translation_published_later_is_what_the_next_button_shows(client, course):
    learner = EmployeeFactory(user__username="leser", language="de").user
    enrol(learner, course)
    read_all_lessons(learner, course)
    client.force_login(learner)
    first, second, _ = course.lessons().specific()
    assert next_button(client, first)[1] == "Weiter: Lesson 2"

    lessons = [{"slug": lesson.slug, "title": f"{lesson.title} (de)", "body": []} for lesson in (first, second)]
    course_translation_create_from_data(course=course, language="de", data={"title": "Kurs", "lessons": lessons})

    assert next_button(client, first) == (second.url, "Weiter: Lesson 2 (de)")


def test_the_last_lesson_leads_to_the_quiz_until_a_lesson_is_added_after_it(reader, course):
    *_, conduct = course.lessons().specific()
    quiz = reverse("quizzes:take", kwargs={"course_id": course.pk})
    assert next_button(reader, conduct) == (quiz, "Next: Final quiz")

    added = course.add_child(instance=GuidelineLessonPage(title="Afterword", slug="afterword", summary="S"))
    added.save_revision().publish()

    assert next_button(reader, conduct) == (added.url, "Next: Afterword")


def test_listening_for_page_changes_costs_other_deletes_nothing(employee, course, enrolment, django_assert_num_queries):
    """Django reads rows before deleting them when someone listens to their deletion; a quiz submit replaces its
    chosen answers with one DELETE, and must stay so."""
    pass_course(employee, course, enrolment)
    chosen = AttemptQuestion.selected.through.objects.all()
    assert chosen.exists()

    with django_assert_num_queries(1):
        chosen.delete()
