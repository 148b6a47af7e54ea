"""Course and lesson pages as a learner sees them, and courses built from structured data."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from certificates.models import Certificate
from cms.models import CaseStudyPage, CodeOfConductLessonPage, GuidelineLessonPage
from cms.services import course_create_from_data, home_page_ensure
from tests.factories import pass_course, read_all_lessons

COURSE_DATA = {
    "title": "Posting with care",
    "slug": "posting-with-care",
    "intro": "<p>An hour well spent.</p>",
    "validity_months": 6,
    "lessons": [
        {"kind": "guideline", "title": "Why post", "slug": "why-post", "body": []},
        {
            "kind": "code_of_conduct",
            "title": "Our rules",
            "slug": "our-rules",
            "acknowledgement_text": "I will follow our rules.",
            "body": [{"type": "rich_text", "value": "<p>Be kind.</p>"}],
        },
        {
            "kind": "case_study",
            "title": "A post gone wrong",
            "slug": "a-post-gone-wrong",
            "situation": "<p>A nurse posted a photo.</p>",
            "what_happened": "<p>A patient was visible.</p>",
            "what_to_learn": "<p>Check the background.</p>",
        },
    ],
    "quiz": {
        "title": "Posting quiz",
        "slug": "posting-quiz",
        "pass_mark": 75,
        "questions": [
            {
                "kind": "single",
                "text": "May you post a patient's photo?",
                "lesson": "our-rules",
                "choices": [{"text": "Never without consent", "correct": True}, {"text": "Yes", "correct": False}],
            },
            {
                "kind": "true_false",
                "text": "Backgrounds matter.",
                "lesson": "a-post-gone-wrong",
                "choices": [{"text": "True", "correct": True}, {"text": "False", "correct": False}],
            },
        ],
    },
}


@pytest.mark.django_db
def test_course_from_data_is_published_in_order_behind_a_login(client):
    course = course_create_from_data(parent=home_page_ensure(), data=COURSE_DATA)

    lessons = list(course.lessons().specific())
    assert [type(lesson) for lesson in lessons] == [GuidelineLessonPage, CodeOfConductLessonPage, CaseStudyPage]
    assert [lesson.title for lesson in lessons] == ["Why post", "Our rules", "A post gone wrong"]
    assert all(lesson.live and lesson.live_revision_id for lesson in lessons)
    assert lessons[1].acknowledgement_text == "I will follow our rules."
    assert course.validity_months == 6
    assert course.quiz.pass_mark == 75
    questions = course.quiz.questions.order_by("quiz_links__sort_order")
    assert list(questions.values_list("topic", flat=True)) == ["Our rules", "A post gone wrong"]
    assert PageViewRestriction.objects.filter(page=course, restriction_type=PageViewRestriction.LOGIN).exists()
    for page in [course, *lessons]:
        response = client.get(page.url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_case_study_page_shows_its_three_parts(client, employee):
    course = course_create_from_data(parent=home_page_ensure(), data=COURSE_DATA)
    client.force_login(employee)

    page = client.get(course.lessons().last().url).content.decode()

    for heading, text in [
        ("The situation", "A nurse posted a photo."),
        ("What happened", "A patient was visible."),
        ("What to learn", "Check the background."),
    ]:
        assert heading in page and text in page


@pytest.mark.django_db
def test_course_page_opens_the_quiz_only_when_every_lesson_is_read(client, employee, course, enrolment):
    client.force_login(employee)
    quiz_link = f'href="{reverse("quizzes:take", kwargs={"course_id": course.pk})}"'

    before = client.get(course.url).content.decode()
    read_all_lessons(employee, course)
    after = client.get(course.url).content.decode()

    assert "The quiz opens when you have read every lesson." in before and quiz_link not in before
    assert "Take the final quiz" in after and quiz_link in after
    assert after.count("✓ Read") == 3


@pytest.mark.django_db
def test_course_page_offers_the_certificate_once_passed(client, employee, course, enrolment):
    pass_course(employee, course, enrolment)
    client.force_login(employee)

    page = client.get(course.url).content.decode()

    assert "Passed with 100 %." in page
    assert f'href="{Certificate.objects.get().get_pdf_url()}"' in page
    assert "Take the final quiz" not in page


@pytest.mark.django_db
def test_pages_tell_someone_not_enrolled_that_reading_is_not_recorded(client, outsider, course):
    client.force_login(outsider)
    guideline = course.lessons().first()

    for page in (course, guideline):
        content = client.get(page.url).content.decode()
        assert "This course is not assigned to you, so your reading is not recorded." in content
        assert reverse("training:lesson_complete", kwargs={"lesson_id": guideline.pk}) not in content


@pytest.mark.django_db
def test_code_of_conduct_page_asks_for_the_statement(client, employee, course, enrolment):
    conduct = course.lessons().last()
    client.force_login(employee)

    page = client.get(conduct.url).content.decode()

    assert 'name="acknowledged" value="yes"' in page
    assert "I have read and understood the code." in page
    assert f'action="{reverse("training:lesson_complete", kwargs={"lesson_id": conduct.pk})}"' in page


@pytest.mark.django_db
def test_last_lesson_leads_to_the_quiz(client, employee, course, enrolment):
    conduct = course.lessons().last()
    client.force_login(employee)

    response = client.post(
        reverse("training:lesson_complete", kwargs={"lesson_id": conduct.pk}),
        {"acknowledged": "yes", "password": "pass"},
    )

    assert response["Location"] == reverse("quizzes:take", kwargs={"course_id": course.pk})
