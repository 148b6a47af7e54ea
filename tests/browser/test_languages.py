"""A learner takes the starter course in their own language, in a real browser: the interface, the lessons, the quiz
and the certificate are all in that language."""

import io
import re

import pytest
from django.utils import translation
from django.utils.html import strip_tags
from playwright.sync_api import expect
from pypdf import PdfReader

from certificates.models import Certificate
from cms.content import COURSE, COURSE_TRANSLATIONS
from cms.services import course_create_from_data, course_translation_create_from_data, home_page_ensure
from quizzes.models import Attempt
from tests.factories import EmployeeFactory, enrol
from training.models import Acknowledgement, LessonProgress

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNERS = {
    "en": ("Lena", "Learner"),
    "ko": ("민준", "김"),
    "zh-hant": ("怡君", "陳"),
    "de": ("Jürgen", "Weber"),
}


def _compact(text: str) -> str:
    """Without white space: PDF text wraps long titles, and Chinese and Korean lines break between any letters."""
    return re.sub(r"\s+", "", text)


def _first_words(html: str, count: int = 6) -> str:
    words = strip_tags(html).split()
    return " ".join(words[:count])


def _in(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


@pytest.fixture
def starter_course(db):
    course = course_create_from_data(parent=home_page_ensure(), data=COURSE)
    for language, data in COURSE_TRANSLATIONS.items():
        course_translation_create_from_data(course=course, language=language, data=data)
    return course


@pytest.mark.parametrize("language", ["ko", "zh-hant", "de", "en"])
def test_learner_takes_the_course_in_their_language(page, starter_course, language):
    data = COURSE_TRANSLATIONS.get(language, COURSE)
    first, last = LEARNERS[language]
    learner = EmployeeFactory(
        user__username="learner", user__first_name=first, user__last_name=last, language=language
    ).user
    enrolment = enrol(learner, starter_course)

    page.goto("/accounts/login/")
    page.locator("#id_username").fill("learner")
    page.locator("#id_password").fill("pass")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/learn/$"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(_in(language, "My learning"))

    page.get_by_role("link", name=data["title"]).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(data["title"])
    page.get_by_role("link", name=data["lessons"][0]["title"], exact=True).click()

    for lesson in data["lessons"]:
        expect(page.get_by_role("heading", level=1)).to_have_text(lesson["title"])
        expect(page.locator("article.lesson")).to_contain_text(_first_words(lesson["summary"]))
        completion = page.locator(".lesson-complete")
        if lesson["kind"] == "code_of_conduct":
            expect(completion).to_contain_text(lesson.get("acknowledgement_text") or "")
            completion.locator("#acknowledged").check()
            completion.locator("#signature-password").fill("pass")
        completion.locator("button[type=submit]").click()

    quiz = data["quiz"]
    expect(page.get_by_role("heading", level=1)).to_have_text(quiz["title"])
    attempt = Attempt.objects.get(user=learner, status=Attempt.Status.IN_PROGRESS)
    first_item = attempt.items.order_by("position").select_related("question").first()
    position = [question["text"] for question in COURSE["quiz"]["questions"]].index(first_item.question.text)
    expect(page.locator("#quiz-form")).to_contain_text(_first_words(quiz["questions"][position]["text"]))
    for item in attempt.items.all():
        for choice in item.question.choices.filter(is_correct=True):
            page.locator(f"#c{choice.pk}").check()
    page.locator("#submit-quiz").click()
    expect(page.locator("main")).to_contain_text(_first_words(quiz["success_text"], 4))

    assert LessonProgress.objects.filter(enrolment=enrolment).count() == len(COURSE["lessons"])
    signature = Acknowledgement.objects.get(enrolment=enrolment)
    assert signature.statement == next(
        lesson["acknowledgement_text"] for lesson in data["lessons"] if lesson["kind"] == "code_of_conduct"
    )
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.language == language

    page.goto("/learn/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=_in(language, "Download certificate (PDF)")).click()
    pdf = PdfReader(io.BytesIO(open(download_info.value.path(), "rb").read()))
    text = _compact("\n".join(pdf_page.extract_text() for pdf_page in pdf.pages))
    assert _compact(data["title"]) in text
    assert _compact(first) in text and _compact(last) in text
    for label in ("Completed on", "Valid until", "Verify at"):
        assert _compact(_in(language, label)) in text, label
    if language != "en":
        assert _in(language, "Completed on") != "Completed on"
