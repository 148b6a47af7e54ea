"""The quiz engine in a real browser, as a learner meets it: answers saved as given and an attempt resumed in a new
browser, two tabs at once, the keyboard alone, a phone, the time limit, and right answers that stay on the server
until the review allows them."""

import datetime
import html
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Error, expect

from quizzes.models import Attempt, Question, Quiz
from tests.factories import QuizFactory, add_question, enrol, make_course, make_quiz, read_all_lessons

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED = "Answer saved."
STALE = "changed in another window or tab"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
PHOTO = "Who may see a photo of a patient?"
LEAK = "A colleague posts a photo of the ward. What do you do?"
POLICY = "https://intranet.example.org/policies/social-media-and-patient-confidentiality-2025.pdf"

# Keeps each text the page shows in #time-left and #save-status in sessionStorage, which outlives the page: the
# countdown's 0:00 and a refusal's message are on screen only until the browser moves on to the result page.
RECORDER = """
new MutationObserver(() => {
  for (const id of ["time-left", "save-status"]) {
    const element = document.getElementById(id);
    if (!element) continue;
    const seen = JSON.parse(sessionStorage.getItem(id) || "[]");
    if (seen[seen.length - 1] !== element.textContent) {
      seen.push(element.textContent);
      sessionStorage.setItem(id, JSON.stringify(seen));
    }
  }
}).observe(document, { childList: true, subtree: true, characterData: true });
"""


def quiz_page_for(user, quiz) -> str:
    """A course around `quiz` whose lessons `user` has read; returns the address of its quiz page."""
    course = make_course(quiz=quiz, lessons=1, code_of_conduct=False)
    enrol(user, course)
    read_all_lessons(user, course)
    return reverse("quizzes:take", kwargs={"course_id": course.pk})


def two_questions(quiz) -> Quiz:
    add_question(quiz, text=PHOTO, right=("Only the care team",), wrong=("Anyone on the ward",))
    add_question(quiz, text=LEAK, right=("Ask them to take it down",), wrong=("Share it",))
    return quiz


def question(page, text):
    """A question as a screen reader finds it: the fieldset (a group) named by its legend."""
    return page.get_by_role("group", name=text)


def choose(page, question_text: str, option: str, *, how: str = "click"):
    """Click (or tap) an option's label, as a learner does, and return the autosave's response."""
    with page.expect_response(re.compile(r"/save/$")) as saved:
        getattr(question(page, question_text).get_by_label(option, exact=True), how)()
    return saved.value


def answer(page, question_text: str, option: str, *, how: str = "click") -> None:
    """Choose an option and wait until the page says the answer is saved."""
    response = choose(page, question_text, option, how=how)
    assert response.ok, f"autosave refused: {response.status}"
    expect(page.locator("#save-status")).to_have_text(SAVED)


def submit(page) -> None:
    page.get_by_role("button", name="Submit my answers").click()


def shown(page, element_id: str) -> list[str]:
    """Every text the RECORDER saw in the element, oldest first, across the pages of this tab."""
    return page.evaluate("id => JSON.parse(sessionStorage.getItem(id) || '[]')", element_id)


def selected_texts(attempt, question_text: str) -> list[str]:
    item = attempt.items.get(question__text=question_text)
    return sorted(item.selected.values_list("text", flat=True))


def paper(page) -> tuple[list[str], list[list[str]]]:
    """The questions (legends, without their numbers) and each one's options, in the order the page shows them."""
    legends = [re.sub(r"^\d+\.\s*", "", text) for text in page.locator("fieldset.question > legend").all_inner_texts()]
    options = page.locator("fieldset.question").evaluate_all(
        "sets => sets.map(set => [...set.querySelectorAll('label')].map(label => label.textContent.trim()))"
    )
    return legends, options


def test_answers_are_saved_as_given_and_the_attempt_resumes_in_a_new_browser(new_context, login, employee):
    quiz = QuizFactory(question_order=Quiz.QuestionOrder.RANDOM, shuffle_answers=True)
    for case in "ABCDE":
        add_question(
            quiz,
            text=f"Case {case}: what do you do?",
            right=(f"{case}: ask first",),
            wrong=(f"{case}: post it", f"{case}: share it", f"{case}: ignore it"),
        )
    url = quiz_page_for(employee, quiz)

    first = new_context().new_page()
    login(first, "learner")
    first.goto(url)
    expect(first.locator(".eyebrow")).to_contain_text("Attempt 1")
    legends, options = paper(first)
    attempt = Attempt.objects.get(user=employee)
    items = list(attempt.items.select_related("question").prefetch_related("question__choices"))
    assert legends == [item.question.text for item in items], "questions in the order drawn for this attempt"
    authored = (
        [f"Case {case}: what do you do?" for case in "ABCDE"],
        [[f"{case}: ask first", f"{case}: post it", f"{case}: share it", f"{case}: ignore it"] for case in "ABCDE"],
    )
    # Drawn at random (the chance of drawing the authoring order of all of it is about 1 in 10^9), so that
    # seeing the same order again below means the attempt kept it, not that nothing was shuffled.
    assert (legends, options) != authored
    first_two = [legend.removeprefix("Case ")[0] for legend in legends[:2]]
    for case in first_two:
        answer(first, f"Case {case}: what do you do?", f"{case}: ask first")
    first.context.close()  # the learner closes the browser

    second = new_context().new_page()
    login(second, "learner")
    second.goto(url)

    expect(second.locator(".eyebrow")).to_contain_text("Attempt 1")
    assert paper(second) == (legends, options), "same questions and options, in the same order"
    expect(second.locator("#quiz-form input:checked")).to_have_count(2)
    for case in first_two:
        expect(question(second, f"Case {case}").get_by_label(f"{case}: ask first")).to_be_checked()
    for legend in legends[2:]:
        case = legend.removeprefix("Case ")[0]
        answer(second, legend, f"{case}: post it")
    submit(second)

    expect(second.get_by_role("heading", level=1)).to_have_text("Not passed yet")
    expect(second.locator(".score")).to_contain_text("Your score: 40 %")  # the two saved right answers of five
    attempt.refresh_from_db()
    assert Attempt.objects.filter(user=employee).count() == 1
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.score == 40


def test_a_second_tab_cannot_overwrite_newer_answers_or_submit_old_ones(new_context, login, employee):
    url = quiz_page_for(employee, two_questions(QuizFactory()))
    context = new_context()
    tab_a = context.new_page()
    login(tab_a, "learner")
    tab_a.goto(url)
    tab_b = context.new_page()
    tab_b.goto(url)
    for tab in (tab_a, tab_b):
        expect(tab.locator(".eyebrow")).to_contain_text("Attempt 1")
    attempt = Attempt.objects.get(user=employee)

    answer(tab_a, PHOTO, "Only the care team")
    refused = choose(tab_b, PHOTO, "Anyone on the ward")

    assert refused.status == 409
    expect(tab_b.locator("#save-status")).to_contain_text(STALE)
    assert selected_texts(attempt, PHOTO) == ["Only the care team"]

    # Tab B stops saving; its submit carries the old sequence number and is refused too.
    question(tab_b, LEAK).get_by_label("Ask them to take it down").click()
    with tab_b.expect_response(re.compile(r"/submit/$")) as submitted:
        submit(tab_b)
    assert submitted.value.status == 409
    expect(tab_b.get_by_role("alert")).to_contain_text(STALE)
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS and attempt.score is None
    assert selected_texts(attempt, PHOTO) == ["Only the care team"]

    # Reloading (the message asks for it; opening the quiz again, as reloading the refused post would post it
    # again) shows tab A's answer, and tab B carries on from there.
    tab_b.goto(url)
    expect(question(tab_b, PHOTO).get_by_label("Only the care team")).to_be_checked()
    expect(question(tab_b, PHOTO).get_by_label("Anyone on the ward")).not_to_be_checked()
    answer(tab_b, LEAK, "Ask them to take it down")
    submit(tab_b)
    expect(tab_b.get_by_role("heading", level=1)).to_have_text("You passed")


FOCUS = """() => {
  const element = document.activeElement;
  const set = element.closest("fieldset.question");
  const label = element.labels && element.labels.length ? element.labels[0].textContent : element.textContent;
  const style = getComputedStyle(element);
  return {
    question: set ? Number(set.id.replace("question-", "")) : null,
    label: label.trim(),
    checked: "checked" in element && element.type !== "submit" ? element.checked : null,
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
  };
}"""


def test_a_learner_takes_the_quiz_with_the_keyboard_alone(page, login, employee):
    url = quiz_page_for(employee, make_quiz(questions=3))  # one answer, several answers, true or false
    login(page, "learner")
    page.goto(url)

    # Each question is a fieldset with a legend, and every option has a label of its own.
    expect(page.locator("fieldset.question")).to_have_count(3)
    expect(page.locator("fieldset.question:not(:has(> legend:first-child))")).to_have_count(0)
    unlabelled = page.locator("#quiz-form").evaluate(
        """form => [...form.querySelectorAll("input:not([type=hidden]), textarea, select")]
             .filter(input => !input.id || !form.querySelector(`label[for="${input.id}"]`))
             .map(input => input.outerHTML)"""
    )
    assert unlabelled == []

    def press(key: str) -> tuple:
        page.keyboard.press(key)
        focus = page.evaluate(FOCUS)
        expect(page.locator(":focus")).to_be_in_viewport()
        assert focus["ring"], f"no visible focus ring on {focus['label']!r}"
        return focus["question"], focus["label"], focus["checked"]

    # From the top of the page, Tab goes through the header to the first option of question 1.
    for _ in range(15):
        if page.evaluate(FOCUS)["question"] == 1:
            break
        page.keyboard.press("Tab")
    assert page.evaluate(FOCUS)["label"] == "Right"

    steps = [
        ("ArrowDown", (1, "Wrong 1", True)),  # arrows move through a radio group and choose
        ("ArrowUp", (1, "Right", True)),
        ("Tab", (2, "Right A", False)),  # one Tab leaves the group for the next question
        ("Space", (2, "Right A", True)),  # each checkbox is its own stop, ticked with Space
        ("Tab", (2, "Right B", False)),
        ("Space", (2, "Right B", True)),
        ("Tab", (2, "Wrong C", False)),
        ("Tab", (3, "True", False)),
        ("Space", (3, "True", True)),
        ("Tab", (None, "Submit my answers", None)),
    ]
    assert [(key, press(key)) for key, _ in steps] == steps
    expect(page.locator("#save-status")).to_have_text(SAVED)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("You passed")
    expect(page.locator(".score")).to_contain_text("Your score: 100 %")


def assert_fits_the_screen(page, width: int) -> None:
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    # A phone zooms out to show content that is too wide, which widens innerWidth: hold it to the screen too.
    assert (scroll_width, inner_width) == (width, width)


def test_a_learner_takes_the_quiz_on_a_phone(new_context, login, employee):
    quiz = QuizFactory(title="Social media and patient confidentiality", time_limit_minutes=20)
    case = add_question(
        quiz,
        kind=Question.Kind.SCENARIO,
        text="A patient tags the ward in a photo. What do you do?",
        right=("Do not reply; tell your manager",),
        wrong=("Like the photo", "Thank them publicly"),
    )
    Question.objects.filter(pk=case.pk).update(
        scenario="<p>The post, on https://www.facebook.com/groups/ward-7-friends-and-family/posts/1234567890, "
        "shows a patient's bed.</p>"
    )
    add_question(
        quiz,
        kind=Question.Kind.MULTIPLE,
        text="Which of these may you post?",
        right=("A photo of the hospital garden", "A link to the trust's news page"),
        wrong=("A photo of the ward whiteboard",),
    )
    add_question(
        quiz,
        text="Where is the social media policy?",
        right=(POLICY,),
        wrong=("There is none",),
    )
    url = quiz_page_for(employee, quiz)
    page = new_context(**PHONE).new_page()
    login(page, "learner")
    page.goto(url)

    expect(page.get_by_role("timer")).to_be_visible()
    assert_fits_the_screen(page, 390)
    for question_text, option in [
        ("A patient tags the ward", "Do not reply; tell your manager"),
        ("Which of these may you post?", "A photo of the hospital garden"),
        ("Which of these may you post?", "A link to the trust's news page"),
        ("Where is the social media policy?", POLICY),
    ]:
        answer(page, question_text, option, how="tap")
        expect(question(page, question_text).get_by_label(option)).to_be_checked()
    page.get_by_role("button", name="Submit my answers").tap()

    expect(page.get_by_role("heading", level=1)).to_have_text("You passed")
    expect(page.locator(".score")).to_contain_text("Your score: 100 %")
    assert_fits_the_screen(page, 390)  # the review repeats the options


def set_deadline(*, user, seconds_from_now: float) -> Attempt:
    attempt = Attempt.objects.get(user=user, status=Attempt.Status.IN_PROGRESS)
    attempt.deadline = timezone.now() + datetime.timedelta(seconds=seconds_from_now)
    attempt.save(update_fields=["deadline"])
    return attempt


def test_at_zero_the_page_submits_itself_and_the_saved_answers_count(page, login, employee):
    url = quiz_page_for(employee, two_questions(QuizFactory(time_limit_minutes=1, grace_seconds=0)))
    page.add_init_script(RECORDER)
    login(page, "learner")
    page.goto(url)
    expect(page.get_by_role("timer")).to_contain_text(re.compile(r"Time left: (1:00|0:59)"))
    answer(page, PHOTO, "Only the care team")  # the other question is left unanswered
    attempt = set_deadline(user=employee, seconds_from_now=3)
    submits = []
    page.on("request", lambda request: submits.append(request.method) if "/submit/" in request.url else None)

    page.reload()  # the clock is the subject here: three real seconds
    expect(page.locator("#time-left")).to_have_text(re.compile(r"^0:0[1-3]$"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Not passed yet", timeout=8_000)
    assert shown(page, "time-left")[-3:] == ["0:02", "0:01", "0:00"]
    expect(page.locator(".messages")).to_contain_text("Time ran out")
    expect(page.locator(".score")).to_contain_text("Your score: 50 %")
    # One submit, after the deadline (not a burst refused for the unanswered question before it).
    assert submits == ["POST"]
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.score == 50
    # Without a grace period the server closed it, with what was saved in time.
    assert attempt.submitted_automatically


def test_answers_on_the_page_count_when_it_submits_within_the_grace_period(page, login, employee):
    url = quiz_page_for(employee, two_questions(QuizFactory(time_limit_minutes=1, grace_seconds=60)))
    login(page, "learner")
    page.goto(url)
    answer(page, PHOTO, "Only the care team")
    attempt = set_deadline(user=employee, seconds_from_now=4)
    page.reload()
    expect(page.locator("#time-left")).to_have_text(re.compile(r"^0:0[1-4]$"))

    # The connection drops for the last answer: the page keeps it and says so.
    page.context.set_offline(True)
    question(page, LEAK).get_by_label("Ask them to take it down").click()
    expect(page.locator("#save-status")).to_contain_text("offline")
    page.context.set_offline(False)
    assert selected_texts(attempt, LEAK) == []

    expect(page.get_by_role("heading", level=1)).to_have_text("You passed", timeout=8_000)
    expect(page.locator(".score")).to_contain_text("Your score: 100 %")
    attempt.refresh_from_db()
    assert selected_texts(attempt, LEAK) == ["Ask them to take it down"]
    assert attempt.score == 100 and not attempt.submitted_automatically


def test_an_answer_after_the_time_limit_is_refused_and_the_result_shown(page, login, employee):
    url = quiz_page_for(employee, two_questions(QuizFactory(time_limit_minutes=1, grace_seconds=0)))
    page.add_init_script(RECORDER)
    login(page, "learner")
    page.goto(url)
    answer(page, PHOTO, "Only the care team")
    attempt = set_deadline(user=employee, seconds_from_now=-5)

    refused = choose(page, LEAK, "Ask them to take it down")

    assert refused.status == 409
    expect(page).to_have_url(re.compile(rf"/quiz/attempts/{attempt.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Not passed yet")
    assert any(text.startswith("Time is up") for text in shown(page, "save-status"))
    expect(page.locator(".score")).to_contain_text("Your score: 50 %")
    attempt.refresh_from_db()
    assert attempt.submitted_automatically and attempt.score == 50
    assert selected_texts(attempt, LEAK) == []


def record_bodies(page) -> tuple[list[str], list[str]]:
    """The text of every page and JSON answer the site sends this tab, and the ones that could not be read."""
    bodies, unread = [], []

    def keep(response):
        if response.request.resource_type not in ("document", "fetch", "xhr") or 300 <= response.status < 400:
            return
        try:
            text = response.text()
        except Error as error:
            unread.append(f"{response.url}: {error}")
            return
        if "json" in response.headers.get("content-type", ""):
            bodies.append(json.dumps(json.loads(text), ensure_ascii=False))
        else:
            bodies.append(html.unescape(text))

    page.on("response", keep)
    return bodies, unread


def test_right_answers_stay_on_the_server_until_the_learner_checks(page, login, employee):
    quiz = QuizFactory(review_mode=Quiz.ReviewMode.AFTER_EACH, pass_mark=50)
    add_question(
        quiz,
        text=PHOTO,
        right=("Only the care team",),
        wrong=("Anyone on the ward",),
        explanation="A photo of a patient is part of their health record.",
    )
    leak = add_question(
        quiz,
        text=LEAK,
        right=("Ask them to take it down",),
        wrong=("Share it",),
        explanation="Ward photos show whiteboards, screens and faces.",
    )
    leak.choices.filter(is_correct=False).update(feedback="Sharing spreads the breach further.")
    url = quiz_page_for(employee, quiz)
    bodies, unread = record_bodies(page)
    secrets_of_question_1 = ["Right answer: “Only the care team”", "part of their health record"]
    secrets_of_question_2 = ["Right answer: “Ask them to take it down”", "whiteboards, screens", "spreads the breach"]

    login(page, "learner")
    page.goto(url)
    answer(page, PHOTO, "Anyone on the ward")
    answer(page, LEAK, "Share it")
    before_check = len(bodies)
    question(page, PHOTO).get_by_role("button", name="Check this answer").click()

    feedback = question(page, PHOTO).locator(".feedback")
    expect(feedback).to_contain_text("Not quite.")
    expect(feedback).to_contain_text("Right answer: “Only the care team”")
    expect(feedback).to_contain_text("part of their health record")
    expect(question(page, PHOTO).get_by_label("Anyone on the ward")).to_be_disabled()
    expect(question(page, LEAK).locator(".feedback")).to_have_count(0)
    assert not unread, unread
    json_bodies = [body for body in bodies if body.startswith("{")]
    assert len(json_bodies) == 2 and len(bodies) - len(json_bodies) >= 3  # login, quiz page, quiz page again
    assert all(json.loads(body).keys() == {"sequence", "saved_at"} for body in json_bodies)
    for number, body in enumerate(bodies):
        assert "is_correct" not in body and "data-correct" not in body
        assert not any(secret in body for secret in secrets_of_question_2)
        if number < before_check:
            assert not any(secret in body for secret in secrets_of_question_1)

    # Question 2's explanation and feedback come with checking question 2, and not before.
    question(page, LEAK).get_by_role("button", name="Check this answer").click()
    expect(question(page, LEAK).locator(".feedback")).to_contain_text("Ward photos show whiteboards, screens")
    expect(question(page, LEAK).locator(".feedback")).to_contain_text("Sharing spreads the breach further.")
    assert not unread, unread
    assert all(secret in bodies[-1] for secret in secrets_of_question_2)
