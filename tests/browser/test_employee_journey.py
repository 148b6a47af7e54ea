"""An employee reads the course, takes the final quiz and downloads the certificate, in a real browser."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from certificates.models import Certificate
from quizzes.models import Attempt, Choice
from tests.factories import enrol, pass_course
from training.models import Acknowledgement, LessonProgress
from training.services import lesson_complete
from training.signatures import acknowledgement_verify

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_attempt(user) -> Attempt:
    return Attempt.objects.get(user=user, status=Attempt.Status.IN_PROGRESS)


def choices_of(attempt, *, correct: bool) -> list[Choice]:
    """Per question of `attempt`: every right choice, or the first wrong one."""
    chosen = []
    for item in attempt.items.order_by("position"):
        matching = list(item.question.choices.filter(is_correct=correct).order_by("sort_order"))
        chosen.extend(matching if correct else matching[:1])
    return chosen


def assert_quiz_page_hides_the_answers(page, attempt) -> None:
    """Right and wrong options must look the same in the HTML the learner receives."""
    html = page.content()
    assert "is_correct" not in html
    assert not re.search(r"correct", html, re.IGNORECASE)
    options = page.locator("form input[name^='q']").evaluate_all(
        "inputs => inputs.map(i => [i.value, i.getAttributeNames().sort(), i.parentElement.className])"
    )
    offered = Choice.objects.filter(question__attempt_items__attempt=attempt).values_list("pk", flat=True)
    assert {value for value, _names, _class in options} == {str(pk) for pk in offered}
    for _value, names, parent_class in options:
        assert names == ["id", "name", "type", "value"]
        assert parent_class == "choice"
    assert page.locator("form [data-correct], form [data-answer], form [data-right]").count() == 0


def answer(page, choices) -> None:
    for choice in choices:
        page.locator(f"#c{choice.pk}").check()
    page.get_by_role("button", name="Submit my answers").click()


def test_employee_reads_passes_and_downloads_the_certificate(page, login, employee, course):
    enrolment = enrol(employee, course)
    lessons = list(course.lessons().specific())
    code_of_conduct = lessons[-1]

    login(page, "learner")
    page.goto("/learn/")
    card = page.locator("article.course-card", has=page.get_by_role("link", name="Test course"))
    expect(card.locator(".progress-label strong")).to_have_text("0 %")
    expect(card).to_contain_text("0 of 3 lessons read")

    card.get_by_role("link", name="Test course").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Test course")
    page.get_by_role("link", name="Lesson 1").click()

    for lesson in lessons[:-1]:
        expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
        expect(page.locator(".lesson-body")).to_contain_text(f"Body of {lesson.title.lower()}.")
        page.get_by_role("button", name="I have read this lesson — continue").click()

    # Each completion button leads on to the next lesson; the last one is the code of conduct.
    expect(page.get_by_role("heading", level=1)).to_have_text("Code of conduct")
    checkbox = page.get_by_label("I have read and understood the code.")
    assert checkbox.evaluate("box => box.required && box.validity.valueMissing")

    # A browser that ignores `required` (or a crafted post) is refused by the server.
    checkbox.evaluate("box => box.removeAttribute('required')")
    page.get_by_label("Your password, to sign").fill("pass")
    page.get_by_role("button", name="Confirm and continue").click()
    expect(page.locator(".message.error")).to_contain_text("Tick “I have read and understood”")
    expect(page.get_by_role("heading", level=1)).to_have_text("Code of conduct")
    expect(page.get_by_label("I have read and understood the code.")).not_to_be_checked()
    assert not LessonProgress.objects.filter(enrolment=enrolment, lesson=code_of_conduct).exists()
    assert not Acknowledgement.objects.filter(enrolment=enrolment).exists()

    # Confirming is an electronic signature: the learner types their password again. A wrong one signs nothing.
    page.get_by_label("I have read and understood the code.").check()
    expect(page.locator(".lesson-complete")).to_contain_text("This is your electronic signature.")
    expect(page.locator(".lesson-complete")).to_contain_text("(Lena Learner)")
    page.get_by_label("Your password, to sign").fill("not-my-password")
    page.get_by_role("button", name="Confirm and continue").click()
    expect(page.locator(".message.error")).to_contain_text("That is not your password, so nothing was signed.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Code of conduct")
    assert not Acknowledgement.objects.filter(enrolment=enrolment).exists()

    page.get_by_label("I have read and understood the code.").check()
    page.get_by_label("Your password, to sign").fill("pass")
    page.get_by_role("button", name="Confirm and continue").click()

    # The last lesson leads to the final quiz.
    expect(page.get_by_role("heading", level=1)).to_have_text(course.quiz.title)
    assert LessonProgress.objects.filter(enrolment=enrolment).count() == 3
    acknowledgement = Acknowledgement.objects.get(enrolment=enrolment, lesson=code_of_conduct)
    assert acknowledgement.statement == "I have read and understood the code."
    assert (acknowledgement.printed_name, acknowledgement.meaning) == ("Lena Learner", "Read and understood")
    assert acknowledgement.method == Acknowledgement.Method.PASSWORD
    assert acknowledgement_verify(acknowledgement=acknowledgement).valid
    attempt = open_attempt(employee)
    assert_quiz_page_hides_the_answers(page, attempt)

    answer(page, choices_of(attempt, correct=True))

    expect(page.get_by_role("heading", level=1)).to_have_text("You passed")
    expect(page.locator(".score")).to_contain_text("Your score: 100 %")
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.score == Decimal("100.00")

    page.goto("/learn/")
    card = page.locator("article.course-card", has=page.get_by_role("link", name="Test course"))
    expect(card.locator(".progress-label strong")).to_have_text("100 %")
    expect(card).to_contain_text("final quiz passed")
    with page.expect_download() as download_info:
        card.get_by_role("link", name="Download certificate (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"certificate-{certificate.code}.pdf"

    text = "\n".join(pdf_page.extract_text() for pdf_page in PdfReader(download.path()).pages)
    assert "Lena Learner" in text
    assert "Test course" in text
    assert certificate.code in text
    assert "Valid until" in text
    assert f"{certificate.valid_until:%B} {certificate.valid_until.year}" in text


def test_wrong_answers_show_the_score_and_a_new_attempt(page, login, employee, course):
    enrolment = enrol(employee, course)
    for lesson in course.lessons().specific():
        lesson_complete(user=employee, lesson=lesson, acknowledged=True)

    login(page, "learner")
    page.goto(course.url)
    page.get_by_role("link", name="Take the final quiz").click()
    expect(page.locator(".eyebrow")).to_contain_text("Attempt 1")
    first = open_attempt(employee)
    assert_quiz_page_hides_the_answers(page, first)

    answer(page, choices_of(first, correct=False))

    expect(page.get_by_role("heading", level=1)).to_have_text("Not passed yet")
    expect(page.locator(".score")).to_contain_text("Your score: 0 %")
    expect(page.get_by_role("link", name="Download your certificate (PDF)")).to_have_count(0)

    page.get_by_role("link", name="Try again").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(course.quiz.title)
    expect(page.locator(".eyebrow")).to_contain_text("Attempt 2")
    # A fresh attempt: nothing from the failed one is ticked.
    expect(page.locator("form input[name^='q']:checked")).to_have_count(0)

    first.refresh_from_db()
    assert first.status == Attempt.Status.SUBMITTED and first.score == Decimal("0.00")
    second = open_attempt(employee)
    assert second.number == 2 and second.pk != first.pk
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert not Certificate.objects.exists()

    page.goto("/learn/")
    expect(page.get_by_role("link", name="Download certificate (PDF)")).to_have_count(0)


def test_a_changed_code_of_conduct_is_signed_again_and_the_course_stays_passed(page, login, employee, course):
    enrolment = enrol(employee, course)
    pass_course(employee, course, enrolment)
    conduct = course.lessons().specific().last()
    conduct.requires_reacknowledgement = True
    conduct.acknowledgement_text = "I will follow the updated code."
    conduct.save_revision().publish()

    login(page, "learner")
    page.goto("/learn/")
    card = page.locator("article.course-card", has=page.get_by_role("link", name="Test course"))
    expect(card).to_contain_text("Please confirm the updated code of conduct")
    expect(card).to_contain_text("final quiz passed")
    card.get_by_role("link", name="Code of conduct").click()

    expect(page.locator(".lesson-complete")).to_contain_text("Please confirm the updated code of conduct.")
    page.get_by_label("I will follow the updated code.").check()
    page.get_by_label("Your password, to sign").fill("pass")
    page.get_by_role("button", name="Confirm and continue").click()

    # Signed, the learner is back on the course page.
    expect(page.get_by_role("heading", level=1)).to_have_text("Test course")
    page.goto("/learn/")
    card = page.locator("article.course-card", has=page.get_by_role("link", name="Test course"))
    expect(card).to_contain_text("final quiz passed")
    expect(card).not_to_contain_text("Please confirm the updated code of conduct")
    statements = Acknowledgement.objects.filter(enrolment=enrolment).order_by("acknowledged_at")
    assert list(statements.values_list("statement", flat=True)) == [
        "I have read and understood the code.",
        "I will follow the updated code.",
    ]
