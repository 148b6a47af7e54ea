"""Courses and lessons in the learner's language, the source language where a translation is missing, and one set of
training records whatever language a course is read in."""

import json

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from cms.content import COURSE, COURSE_TRANSLATIONS
from cms.models import CoursePage, LessonPage
from cms.services import course_create_from_data, course_translation_create_from_data, home_page_ensure
from tests.factories import EmployeeFactory, UserFactory, enrol
from training.models import Acknowledgement, LessonProgress
from training.services import lesson_complete
from training.signatures import acknowledgement_verify

pytestmark = pytest.mark.django_db


def translate(course, language, *, titles: dict[str, str], skip: tuple[str, ...] = ()) -> CoursePage:
    """`course` published in `language`: each lesson titled from `titles` (by source title) with a body saying
    which language it is in; lessons named in `skip` left untranslated."""
    lessons = [
        {
            "slug": lesson.slug,
            "title": titles[lesson.title],
            "summary": f"{language} summary",
            "body": [{"type": "rich_text", "value": f"<p>{language} body of {lesson.slug}.</p>"}],
            "acknowledgement_text": f"{language}: I confirm.",
        }
        for lesson in course.lessons().specific()
        if lesson.title not in skip
    ]
    data = {"title": titles[course.title], "intro": f"<p>{language} intro</p>", "lessons": lessons}
    return course_translation_create_from_data(course=course, language=language, data=data)


TITLES_KO = {"Test course": "시험 과정", "Lesson 1": "1과", "Lesson 2": "2과", "Code of conduct": "행동 강령"}


@pytest.fixture
def korean_learner(db):
    return EmployeeFactory(user__username="minjun", language="ko").user


def test_learner_reads_lessons_in_their_language_at_the_same_addresses(client, korean_learner, course):
    translate(course, "ko", titles=TITLES_KO)
    enrol(korean_learner, course)
    client.force_login(korean_learner)
    lesson = course.lessons().first()

    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>1과</h1>" in html
    assert "ko body of lesson-1." in html
    assert '<html lang="ko">' in html
    assert response["Content-Language"] == "ko"

    outline = client.get(course.url).content.decode()
    assert "<h1>시험 과정</h1>" in outline
    assert "행동 강령" in outline and "Code of conduct</a>" not in outline


def test_a_lesson_not_yet_translated_is_shown_in_the_source_language(client, korean_learner, course):
    translate(course, "ko", titles=TITLES_KO, skip=("Lesson 2",))
    enrol(korean_learner, course)
    client.force_login(korean_learner)
    untranslated = course.lessons().get(title="Lesson 2")

    response = client.get(untranslated.url)
    assert response.status_code == 200
    assert "<h1>Lesson 2</h1>" in response.content.decode()
    # The rest of the page is still in the learner's language; the lesson says it is in English (screen readers).
    assert '<html lang="ko">' in response.content.decode()
    assert '<article class="lesson" lang="en">' in response.content.decode()
    outline = client.get(course.url).content.decode()
    assert "1과" in outline and "Lesson 2" in outline


def test_a_translation_under_review_is_not_shown_yet(client, korean_learner, course):
    translated = translate(course, "ko", titles=TITLES_KO)
    lesson = course.lessons().first()
    korean = LessonPage.objects.get(translation_key=lesson.translation_key, locale=translated.locale).specific
    korean.title = "1과 (개정)"
    korean.save_revision()  # a draft, waiting for the Medical-Legal review
    enrol(korean_learner, course)
    client.force_login(korean_learner)
    html = client.get(lesson.url).content.decode()
    assert "<h1>1과</h1>" in html and "개정" not in html

    korean.unpublish()
    assert "<h1>Lesson 1</h1>" in client.get(lesson.url).content.decode()


def test_a_translation_with_its_own_address_is_reached_from_the_source_address(client, korean_learner, course):
    translated = translate(course, "ko", titles=TITLES_KO)
    lesson = course.lessons().first()
    korean = LessonPage.objects.get(translation_key=lesson.translation_key, locale=translated.locale).specific
    korean.slug = "1-gwa"
    korean.save_revision().publish()
    korean.refresh_from_db()
    client.force_login(korean_learner)

    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"] == korean.url == "/test-course/1-gwa/"
    # English readers keep the English page at the English address.
    english = EmployeeFactory(user__username="reader", language="en").user
    client.force_login(english)
    assert "<h1>Lesson 1</h1>" in client.get(lesson.url).content.decode()


def test_progress_and_signature_read_in_korean_count_for_the_course(client, korean_learner, course):
    translated = translate(course, "ko", titles=TITLES_KO)
    enrolment = enrol(korean_learner, course)
    client.force_login(korean_learner)
    lessons = list(course.lessons().specific())
    for lesson in lessons[:-1]:
        page = client.get(lesson.url).content.decode()
        assert "ko body" in page
        response = client.post(
            reverse("training:lesson_complete", kwargs={"lesson_id": lesson.pk}),
            {"revision": lesson.live_revision_id},
        )
        assert response.status_code == 302
    code = lessons[-1]
    korean_code = LessonPage.objects.get(translation_key=code.translation_key, locale=translated.locale).specific
    page = client.get(code.url).content.decode()
    assert "ko: I confirm." in page
    response = client.post(
        reverse("training:lesson_complete", kwargs={"lesson_id": code.pk}),
        {
            "revision": code.live_revision_id,
            "shown_revision": korean_code.live_revision_id,
            "acknowledged": "yes",
            "password": "pass",
        },
    )
    assert response.status_code == 302

    assert set(LessonProgress.objects.filter(enrolment=enrolment).values_list("lesson_id", flat=True)) == {
        lesson.pk for lesson in lessons
    }
    signature = Acknowledgement.objects.get(enrolment=enrolment)
    # Signed against the course's lesson, recording the Korean text the learner read and confirmed.
    assert signature.lesson_id == code.pk
    assert signature.revision_id == code.live_revision_id
    assert signature.shown_revision_id == korean_code.live_revision_id
    assert signature.statement == "ko: I confirm."
    assert acknowledgement_verify(acknowledgement=signature).valid


def test_assignment_lists_each_course_once(client, hr_user, course):
    translate(course, "ko", titles=TITLES_KO)
    client.force_login(hr_user)
    html = client.get(reverse("training:assignments")).content.decode()
    assert html.count(">Test course<") == 1
    assert "시험 과정" not in html


def test_the_starter_course_is_written_in_every_language():
    course = course_create_from_data(parent=home_page_ensure(), data=COURSE)
    for language, data in COURSE_TRANSLATIONS.items():
        translated = course_translation_create_from_data(course=course, language=language, data=data)
        assert translated.live and translated.title == data["title"] != COURSE["title"]
        lessons = list(LessonPage.objects.child_of(translated).live().specific())
        assert [lesson.slug for lesson in lessons] == [lesson["slug"] for lesson in COURSE["lessons"]]
        for lesson, source in zip(lessons, data["lessons"], strict=True):
            assert lesson.title == source["title"]
            assert json.loads(json.dumps(lesson.body.get_prep_value()))[0]["value"] == source["body"][0]["value"]
        assert Locale.objects.get(language_code=language) == translated.locale


def test_my_learning_names_courses_and_next_steps_in_the_learners_language(client, korean_learner, course):
    translate(course, "ko", titles=TITLES_KO)
    enrol(korean_learner, course)
    client.force_login(korean_learner)
    html = client.get(reverse("training:learn")).content.decode()
    assert "시험 과정" in html and "1과" in html
    assert "Test course" not in html


def test_a_translation_behind_its_source_says_so_in_the_admin(client, course):
    translated = translate(course, "ko", titles=TITLES_KO)
    lesson = course.lessons().specific().first()
    korean = LessonPage.objects.get(translation_key=lesson.translation_key, locale=translated.locale)
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    edit = reverse("wagtailadmin_pages:edit", args=[korean.pk])
    assert "was published again" not in client.get(edit).content.decode()

    lesson.title = "Lesson 1, revised"
    lesson.save_revision().publish()
    html = client.get(edit).content.decode()
    assert "The source page was published again on" in html
    assert reverse("wagtailadmin_pages:edit", args=[lesson.pk]) in html
    # The English page itself has nothing to catch up with.
    assert (
        "was published again" not in client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).content.decode()
    )


def test_a_signature_cannot_claim_a_text_that_is_not_this_lessons_translation(client, korean_learner, course):
    translated = translate(course, "ko", titles=TITLES_KO)
    enrolment = enrol(korean_learner, course)
    lessons = list(course.lessons().specific())
    for lesson in lessons[:-1]:
        lesson_complete(user=korean_learner, lesson=lesson)
    code = lessons[-1]
    # The revision of another lesson's translation, posted as if it were the text read.
    other = LessonPage.objects.get(translation_key=lessons[0].translation_key, locale=translated.locale)
    client.force_login(korean_learner)
    response = client.post(
        reverse("training:lesson_complete", kwargs={"lesson_id": code.pk}),
        {
            "revision": code.live_revision_id,
            "shown_revision": other.live_revision_id,
            "acknowledged": "yes",
            "password": "pass",
        },
        follow=True,
    )
    with translation.override("ko"):
        refused = translation.gettext(
            "This lesson was updated while you had it open. Read the current version, then continue."
        )
    assert refused != "This lesson was updated while you had it open. Read the current version, then continue."
    assert refused in response.content.decode()
    assert not Acknowledgement.objects.filter(enrolment=enrolment).exists()
