"""Hostile quiz answers, posted as the learner's browser posts them (autosave and submit): never a server error and
never half a write. What is accepted is stored exactly as it was said; what is refused leaves the attempt as it was
and says why."""

from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from certificates.models import Certificate
from quizzes.models import Attempt, AttemptQuestion, Choice, Quiz
from quizzes.services import MAX_ESSAY_CHARS, Answer, attempt_start, attempt_submit
from tests.factories import EmployeeFactory, QuizFactory, add_question, enrol, make_course, make_quiz, read_all_lessons
from tests.properties import HOSTILE_NUMBERS, examples, form_values, hostile_text, rolled_back
from training.models import AuditEvent, Enrolment

pytestmark = pytest.mark.django_db

FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
# Ways of writing the number n that Python's int() reads as n; a browser sends only the first.
SPELLINGS = [str, lambda n: f" {n} ", lambda n: f"+{n}", lambda n: f"0{n}", lambda n: str(n).translate(FULLWIDTH)]


# What the quiz page says when it refuses a post (the specific reason follows).
REFUSALS = ["nothing was submitted", "Reload", "You have checked this answer", "Written answers are marked"]
FORM = "application/x-www-form-urlencoded"
# The site's answer to a body Django cannot read at all (a field name over 1 KB): no browser sends one.
UNREADABLE = "Request not understood"


def as_int(value: str) -> int | None:
    """What the number `value` says, or None when it is no whole number."""
    try:
        return int(value)
    except ValueError:
        return None


@dataclass
class Sitting:
    """A learner in the middle of an attempt at a four-question quiz (one question of each kind)."""

    attempt: Attempt
    kinds: dict[int, str]  # question id → kind
    options: dict[int, set[int]]  # question id → its option ids
    foreign_questions: list[int]  # another quiz's questions
    foreign_options: list[int]
    other_attempt: Attempt  # another learner's

    def url(self, name, attempt_id=None):
        return reverse(f"quizzes:{name}", kwargs={"attempt_id": attempt_id or self.attempt.pk})

    @property
    def all_options(self) -> list[int]:
        return sorted({pk for options in self.options.values() for pk in options})


@pytest.fixture
def sitting(client, employee):
    quiz = QuizFactory(review_mode=Quiz.ReviewMode.AFTER_EACH)
    add_question(quiz, kind="single", right=("Right",), wrong=("Wrong 1", "Wrong 2"))
    add_question(quiz, kind="multiple", right=("Right A", "Right B"), wrong=("Wrong C",))
    add_question(quiz, kind="true_false", right=("True",), wrong=("False",))
    add_question(quiz, kind="essay", right=(), wrong=())
    course = make_course(quiz=quiz, lessons=1, code_of_conduct=False)
    enrolment = enrol(employee, course)
    read_all_lessons(employee, course)
    attempt = attempt_start(user=employee, quiz=quiz, enrolment=enrolment)
    other = make_quiz(questions=3)
    someone = EmployeeFactory(user__username="someone").user
    other_attempt = attempt_start(user=someone, quiz=quiz, enrolment=enrol(someone, course))
    client.force_login(employee)
    questions = list(quiz.questions.all())
    return Sitting(
        attempt=attempt,
        kinds={question.pk: question.kind for question in questions},
        options={question.pk: set(question.choices.values_list("pk", flat=True)) for question in questions},
        foreign_questions=list(other.questions.values_list("pk", flat=True)),
        foreign_options=list(Choice.objects.filter(question__in=other.questions.all()).values_list("pk", flat=True)),
        other_attempt=other_attempt,
    )


def state(attempt_id: int) -> dict:
    """Everything a submit or an autosave may change, as plain values."""
    attempt = Attempt.objects.get(pk=attempt_id)
    items = AttemptQuestion.objects.filter(attempt_id=attempt_id).prefetch_related("selected").order_by("pk")
    return {
        "attempt": (attempt.status, attempt.sequence, attempt.score, attempt.passed, attempt.submitted_at),
        "items": {
            item.question_id: (
                sorted(choice.pk for choice in item.selected.all()),
                item.response_text,
                item.answered_at is not None,
                item.checked_at is not None,
                item.credit,
            )
            for item in items
        },
        "completed": list(Enrolment.objects.order_by("pk").values_list("completed_at", flat=True)),
        "certificates": Certificate.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def messages_of(response) -> str:
    return response.content.decode()


# Strategies


@st.composite
def spelled_id(draw, ids):
    return draw(st.sampled_from(SPELLINGS))(draw(st.sampled_from(ids)))


@st.composite
def submission(draw, sitting: Sitting):
    """A submit's form data: often a valid set of answers, else one with hostile parts mixed in."""
    clean = draw(st.booleans())
    data: dict[str, list[str]] = {}
    for question_id, kind in sitting.kinds.items():
        own = sorted(sitting.options[question_id])
        if kind == "essay":
            if clean or draw(st.booleans()):
                essay = st.one_of(st.text(min_size=1, max_size=60).filter(str.strip), st.just("Fine\x00text"))
                data[f"t{question_id}"] = [draw(essay)]
            else:
                data[f"t{question_id}"] = [
                    draw(st.one_of(hostile_text, st.just("x" * (MAX_ESSAY_CHARS + 1)), st.just("Fine\x00text")))
                ]
                if draw(st.booleans()):
                    data[f"q{question_id}"] = [str(draw(st.sampled_from(sitting.all_options)))]
            continue
        if clean:
            size = draw(st.integers(1, len(own))) if kind == "multiple" else 1
            data[f"q{question_id}"] = [
                draw(st.sampled_from(SPELLINGS))(pk) for pk in draw(st.permutations(own))[:size]
            ]
            continue
        anything = st.one_of(
            spelled_id(own),
            spelled_id(sitting.all_options),
            spelled_id(sitting.foreign_options),
            st.sampled_from(HOSTILE_NUMBERS),
            hostile_text,
        )
        choice = draw(st.sampled_from(["omit", "choices", "text", "both"]))
        if choice in ("choices", "both"):
            data[f"q{question_id}"] = draw(form_values(anything))
        if choice in ("text", "both"):
            data[f"t{question_id}"] = [draw(hostile_text)]
    if not clean:
        extra = draw(
            st.dictionaries(
                st.one_of(
                    st.builds(lambda pk: f"q{pk}", st.sampled_from(sitting.foreign_questions)),
                    st.builds(lambda pk: f"t{pk}", st.sampled_from(sitting.foreign_questions)),
                    st.builds(lambda text: f"q{text}", st.sampled_from(HOSTILE_NUMBERS)),
                    st.text(max_size=15).filter(lambda key: key[:1] not in ("q", "t", "s", "c")),
                ),
                form_values(),
                max_size=3,
            )
        )
        data.update(extra)
    sequence = draw(st.sampled_from([None, "0", " 0", "٠", "", "1", "-1", "x", "9" * 5000, "0.0"]))
    if sequence is not None:
        data["sequence"] = [sequence]
    return data


def submit_expected(data: dict[str, list[str]], sitting: Sitting) -> dict | None:
    """What a correct server stores for this submit: the answer per question, or None when it must refuse it."""
    sequence = data.get("sequence", [""])[-1]
    if sequence != "" and as_int(sequence) != 0:  # none given, or the attempt's: 0
        return None
    choices, texts = {}, {}
    for key, values in data.items():
        if key.startswith("q"):
            question_id = as_int(key[1:])
            numbers = [as_int(value) for value in values]
            if question_id is None or None in numbers:
                return None
            choices[question_id] = set(numbers)
        elif key.startswith("t") and key[1:].isdigit():
            question_id = as_int(key[1:])
            if question_id is None:
                return None
            texts[question_id] = values[-1]
    if (choices.keys() | texts.keys()) - sitting.kinds.keys():
        return None
    expected = {}
    for question_id, kind in sitting.kinds.items():
        chosen, text = choices.get(question_id, set()), texts.get(question_id, "")
        if kind == "essay":
            # A NUL character: no browser sends one (and PostgreSQL cannot store it).
            if chosen or len(text) > MAX_ESSAY_CHARS or not text.strip() or "\x00" in text:
                return None
        elif text or not chosen or not chosen <= sitting.options[question_id]:
            return None
        elif kind != "multiple" and len(chosen) > 1:
            return None
        expected[question_id] = (sorted(chosen), text if kind == "essay" else "")
    return expected


# Submitting


@given(data=st.data())
@examples(80)
def test_a_submit_stores_exactly_a_valid_answer_set_and_refuses_anything_else_whole(client, sitting, data):
    form = data.draw(submission(sitting))
    expected = submit_expected(form, sitting)
    with rolled_back():
        before = state(sitting.attempt.pk)

        # Encoded as the quiz page's form sends it (the autosave sends multipart data).
        response = client.post(sitting.url("attempt_submit"), urlencode(form, doseq=True), content_type=FORM)

        after = state(sitting.attempt.pk)
        if expected is None:
            assert response.status_code in (400, 409), response.status_code
            assert any(phrase in messages_of(response) for phrase in REFUSALS)
            assert after == before
        else:
            assert response.status_code == 302 and response.url == sitting.url("attempt_result")
            assert after["attempt"][0] == Attempt.Status.AWAITING_MARKING  # the essay waits for a marker
            stored = {question_id: (item[0], item[1]) for question_id, item in after["items"].items()}
            assert stored == expected


@st.composite
def anything_posted(draw, sitting: Sitting):
    """Form data of any shape: any keys (some looking like answers), any values, and the `check` button."""
    keys = st.one_of(
        st.text(max_size=12),
        st.sampled_from(["sequence", "check", "question", "choice", "text", "csrfmiddlewaretoken"]),
        st.builds(lambda prefix, pk: f"{prefix}{pk}", st.sampled_from("qt"), st.sampled_from(list(sitting.kinds))),
        st.builds(lambda prefix, text: f"{prefix}{text}", st.sampled_from("qt"), hostile_text),
    )
    values = st.one_of(
        hostile_text,
        spelled_id(sitting.all_options),
        spelled_id(list(sitting.kinds)),
        spelled_id(sitting.foreign_options),
    )
    data = draw(st.dictionaries(keys, form_values(values), max_size=8))
    if draw(st.booleans()):
        # Checking one answer (this quiz reviews each question): often a valid one, so that some checks succeed.
        question_id = draw(st.sampled_from([pk for pk, kind in sitting.kinds.items() if kind != "essay"]))
        data[f"q{question_id}"] = [str(draw(st.sampled_from(sorted(sitting.options[question_id]))))]
        data["check"] = [draw(st.one_of(spelled_id([question_id]), st.sampled_from(HOSTILE_NUMBERS)))]
    return data


@given(data=st.data())
@examples(60)
def test_any_post_to_submit_is_answered_without_error_and_leaves_no_half_written_attempt(client, sitting, data):
    form = data.draw(anything_posted(sitting))
    attempt_id = data.draw(st.sampled_from([sitting.attempt.pk, sitting.other_attempt.pk, 10**12]))
    with rolled_back():
        before, others_before = state(sitting.attempt.pk), state(sitting.other_attempt.pk)

        response = client.post(sitting.url("attempt_submit", attempt_id), form)

        after = state(sitting.attempt.pk)
        assert response.status_code < 500
        assert state(sitting.other_attempt.pk) == others_before
        if attempt_id != sitting.attempt.pk:
            # Not found; or refused before that when the body cannot be read at all.
            assert response.status_code in (400, 404) and after == before
        elif after != before:
            assert_consistent_change(before, after, sitting)
        else:
            assert response.status_code in (400, 409)
            assert any(phrase in messages_of(response) for phrase in [*REFUSALS, UNREADABLE])


def assert_consistent_change(before: dict, after: dict, sitting: Sitting) -> None:
    """A change is a whole submit (every question validly answered) or one whole checked answer."""
    status = after["attempt"][0]
    for question_id, (selected, text, *_) in after["items"].items():
        kind = sitting.kinds[question_id]
        assert set(selected) <= sitting.options[question_id]
        assert kind == "multiple" or len(selected) <= 1
        assert kind == "essay" or text == ""
    if status != Attempt.Status.IN_PROGRESS:
        assert all(item[2] for item in after["items"].values()), "a submit answers every question"
        return
    assert after["attempt"][1] == before["attempt"][1] + 1
    changed = [question_id for question_id, item in after["items"].items() if item != before["items"][question_id]]
    assert len(changed) == 1
    selected, _text, answered, checked, credit = after["items"][changed[0]]
    assert checked and answered and selected and credit is not None


@given(data=st.data())
@examples(40)
def test_the_check_button_with_any_value_checks_that_question_or_changes_nothing(client, sitting, data):
    question_id = data.draw(st.sampled_from([pk for pk, kind in sitting.kinds.items() if kind != "essay"]))
    choice_id = data.draw(st.sampled_from(sorted(sitting.options[question_id])))
    check = data.draw(
        st.one_of(
            spelled_id([question_id]), spelled_id(list(sitting.kinds)), st.sampled_from(HOSTILE_NUMBERS), hostile_text
        )
    )
    with rolled_back():
        before = state(sitting.attempt.pk)

        response = client.post(sitting.url("attempt_submit"), {f"q{question_id}": [str(choice_id)], "check": check})

        after = state(sitting.attempt.pk)
        if as_int(check) == question_id:
            assert response.status_code == 302
            selected, _text, answered, checked, credit = after["items"][question_id]
            assert (selected, answered, checked) == ([choice_id], True, True) and credit is not None
            assert after["attempt"][:2] == (Attempt.Status.IN_PROGRESS, 1)
        else:
            assert response.status_code == 400
            assert any(phrase in messages_of(response) for phrase in REFUSALS)
            assert after == before


# Autosave


@st.composite
def autosave(draw, sitting: Sitting):
    data: dict[str, list[str]] = {}
    question = draw(
        st.one_of(
            spelled_id(list(sitting.kinds)),
            spelled_id(sitting.foreign_questions),
            st.sampled_from(HOSTILE_NUMBERS),
            hostile_text,
        )
    )
    if draw(st.integers(0, 9)):
        data["question"] = [question]
    if draw(st.integers(0, 9)):
        data["sequence"] = [draw(st.sampled_from(["0", "+0", "٠", "1", "-1", "", "x", "9" * 5000]))]
    data["choice"] = draw(
        st.lists(
            st.one_of(
                spelled_id(sitting.all_options),
                spelled_id(sitting.foreign_options),
                st.sampled_from(HOSTILE_NUMBERS),
            ),
            max_size=3,
        )
    )
    if draw(st.booleans()):
        data["text"] = [draw(st.one_of(hostile_text, st.just("y" * (MAX_ESSAY_CHARS + 1))))]
    if draw(st.booleans()):
        data.update(draw(st.dictionaries(st.text(max_size=10), form_values(), max_size=3)))
    return data


def autosave_expected(data: dict[str, list[str]], sitting: Sitting) -> tuple[int, list[int], str] | None:
    """(question id, option ids, text) that a correct server stores for this autosave, or None if it must refuse."""
    question_id = as_int(data.get("question", [""])[-1])
    sequence = as_int(data.get("sequence", [""])[-1])
    choices = [as_int(value) for value in data.get("choice", [])]
    text = data.get("text", [""])[-1]
    if question_id is None or sequence is None or None in choices or "\x00" in text:
        return None
    if sequence != 0 or question_id not in sitting.kinds:
        return None
    kind, chosen = sitting.kinds[question_id], set(choices)
    if kind == "essay":
        if chosen or len(text) > MAX_ESSAY_CHARS:
            return None
        return question_id, [], text
    if text or not chosen <= sitting.options[question_id] or (kind != "multiple" and len(chosen) > 1):
        return None
    return question_id, sorted(chosen), ""


@given(data=st.data())
@examples(80)
def test_an_autosave_stores_exactly_one_valid_answer_and_refuses_anything_else_in_json(client, sitting, data):
    form = data.draw(autosave(sitting))
    expected = autosave_expected(form, sitting)
    with rolled_back():
        before = state(sitting.attempt.pk)

        response = client.post(sitting.url("attempt_save"), form)

        after = state(sitting.attempt.pk)
        assert response["Content-Type"] == "application/json"
        if expected is None:
            assert response.status_code in (400, 409)
            assert isinstance(response.json()["error"], str) and response.json()["error"]
            assert after == before
        else:
            assert response.status_code == 200 and response.json()["sequence"] == 1
            question_id, choices, text = expected
            selected, response_text, answered, *_ = after["items"][question_id]
            assert (selected, response_text, answered) == (choices, text, bool(choices or text.strip()))
            assert {pk: item for pk, item in after["items"].items() if pk != question_id} == {
                pk: item for pk, item in before["items"].items() if pk != question_id
            }
            assert after["attempt"][0] == Attempt.Status.IN_PROGRESS and after["attempt"][1] == 1


# Marking a written answer


@pytest.fixture
def essay_to_mark(client, sitting, hr_user):
    """The sitting's attempt submitted with every answer given, its essay waiting for HR's mark."""
    essay_id = next(question_id for question_id, kind in sitting.kinds.items() if kind == "essay")
    answers = {
        question_id: Answer(choice_ids=frozenset(sorted(sitting.options[question_id])[:1]))
        for question_id in sitting.kinds
        if question_id != essay_id
    }
    answers[essay_id] = Answer(text="I would not answer a patient online.")
    attempt_submit(user=sitting.attempt.user, attempt_id=sitting.attempt.pk, answers=answers)
    client.force_login(hr_user)
    return AttemptQuestion.objects.get(attempt=sitting.attempt, question_id=essay_id)


@given(data=st.data())
@examples(40)
def test_a_mark_is_a_whole_percentage_or_refused_with_nothing_marked(client, sitting, essay_to_mark, data):
    item_id = data.draw(st.sampled_from([essay_to_mark.pk] * 4 + [essay_to_mark.pk - 1, 10**12]))
    form = {}
    if data.draw(st.integers(0, 9)):
        form["mark"] = data.draw(
            st.one_of(st.integers(-5, 105).map(str), st.sampled_from(HOSTILE_NUMBERS), spelled_id([0, 55, 100]))
        )
    if data.draw(st.booleans()):
        form["comment"] = data.draw(st.one_of(hostile_text, st.just("Good\x00answer")))
    url = reverse("quizzes:marking_item", kwargs={"item_id": item_id})
    with rolled_back():
        before = state(sitting.attempt.pk)

        response = client.post(url, form)

        after = state(sitting.attempt.pk)
        mark = as_int(form.get("mark", ""))
        if item_id != essay_to_mark.pk:
            assert response.status_code == 404 and after == before
        elif mark is None or not 0 <= mark <= 100:
            assert response.status_code == 400
            assert "Give the mark as a whole number from 0 to 100." in messages_of(response)
            assert after == before
        else:
            assert response.status_code == 302 and response.url == reverse("quizzes:marking_queue")
            item = AttemptQuestion.objects.get(pk=item_id)
            assert item.credit * 100 == mark
            assert item.marker_comment == form.get("comment", "").replace("\x00", "").strip()
            assert after["attempt"][0] == Attempt.Status.SUBMITTED
