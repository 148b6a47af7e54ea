"""An editor translates a lesson in the admin; the translation reaches learners only after the Medical-Legal review."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from cms.models import LessonPage
from tests.cms.test_review_workflow import act, current_task, edit_and_submit
from tests.factories import EmployeeFactory, UserFactory, enrol

pytestmark = pytest.mark.django_db

KOREAN = "건강 이야기에 댓글을 달기 전에 소속을 밝히십시오."


@pytest.fixture
def translator(roles):
    user = UserFactory(username="eddie.editor")
    user.groups.add(roles["Editors"])
    return user


def test_a_translation_is_a_draft_until_legal_and_medical_approve_it(client, roles, course, translator):
    legal, medical = UserFactory(username="lena.legal"), UserFactory(username="max.medical")
    legal.groups.add(roles["Legal reviewers"])
    medical.groups.add(roles["Medical reviewers"])
    learner = EmployeeFactory(user__username="minjun", language="ko").user
    enrol(learner, course)
    lesson = course.lessons().specific().first()
    korean_locale = Locale.objects.get(language_code="ko")

    client.force_login(translator)
    response = client.post(
        reverse("simple_translation:submit_page_translation", args=[course.pk]),
        {"locales": [korean_locale.pk], "include_subtree": "on"},
    )
    assert response.status_code == 302
    korean = LessonPage.objects.get(translation_key=lesson.translation_key, locale=korean_locale).specific
    assert not korean.live  # a copy to rewrite, not yet anything learners see

    edit_and_submit(client, korean, KOREAN)
    assert current_task(korean) == "Legal review"
    client.force_login(learner)
    assert KOREAN not in client.get(lesson.url).content.decode()

    client.force_login(legal)
    act(client, korean, "approve")
    assert current_task(korean) == "Medical review"
    client.force_login(learner)
    assert KOREAN not in client.get(lesson.url).content.decode()

    client.force_login(medical)
    act(client, korean, "approve")
    client.force_login(learner)
    assert KOREAN in client.get(lesson.url).content.decode()
