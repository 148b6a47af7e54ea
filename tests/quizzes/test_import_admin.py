"""Importing questions in the Wagtail admin: upload, preview (nothing written), confirm; and who may do it."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quizzes.interop import MAX_QUESTIONS
from quizzes.interop.services import MAX_CHOICES
from quizzes.interop.views import MAX_UPLOAD_BYTES
from quizzes.models import Category, Question, QuizQuestion
from tests.factories import QuizFactory, UserFactory

MOODLE_FIXTURES = Path(settings.BASE_DIR).parent / "shared" / "interop" / "moodle"
needs_fixtures = pytest.mark.skipif(
    not MOODLE_FIXTURES.is_dir(), reason=f"Moodle fixtures not found in {MOODLE_FIXTURES} (shared/ beside the clone)"
)

URL = "/admin/quizzes/import-questions/"


def upload(name: str, content: bytes | str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_url_and_menu_item_for_editors(editor_client):
    assert reverse("quizzes_question_import") == URL
    assert editor_client.get(URL).status_code == 200
    assert URL in editor_client.get("/admin/").content.decode()


def test_employees_and_admin_users_without_question_rights_get_nothing(client, employee, roles):
    client.force_login(employee)
    response = client.post(URL, {"file": upload("q.txt", "Q? {T}")})
    assert response.status_code == 302 and "/login/" in response.url

    moderator = UserFactory(username="moderator")
    moderator.groups.add(roles["Moderators"])
    client.force_login(moderator)
    # Wagtail turns the view's PermissionDenied into a redirect to the dashboard with a message.
    for response in (client.get(URL), client.post(URL, {"file": upload("q.txt", "Q? {T}")})):
        assert response.status_code == 302 and response.url == "/admin/"
    assert URL not in client.get("/admin/").content.decode()
    assert not Question.objects.exists()


@needs_fixtures
def test_preview_writes_nothing_and_confirm_imports_exactly_that_file(editor_client):
    data = (MOODLE_FIXTURES / "questions.gift.txt").read_bytes()

    response = editor_client.post(URL, {"file": upload("questions.gift.txt", data), "category": "Moodle/GIFT"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "6 questions to import" in page and "3 questions that cannot be imported" in page
    assert "Social Confidence has no numerical questions" in page and "<td>31</td>" in page
    assert "multiple choice, several answers, partial credit" in page
    assert "Moodle / GIFT" in page
    assert not Question.objects.exists() and not Category.objects.exists()
    token = response.context["token"]

    response = editor_client.post(URL, {"token": token})

    assert response.status_code == 302 and response.url == reverse("wagtailsnippets_quizzes_question:list")
    assert Question.objects.count() == 6
    assert set(Question.objects.values_list("category__name", flat=True)) == {"GIFT"}
    (message,) = response.wsgi_request._messages
    assert str(message).strip() == "6 question(s) imported from questions.gift.txt; 3 skipped, as the preview listed."

    response = editor_client.post(URL, {"token": token}, follow=True)  # a second click imports nothing
    assert "Nothing to import" in response.content.decode()
    assert Question.objects.count() == 6


@needs_fixtures
def test_moodle_xml_into_a_quiz(editor_client):
    quiz = QuizFactory(title="Final quiz")
    data = (MOODLE_FIXTURES / "nested_categories_with_questions.xml").read_bytes()

    response = editor_client.post(URL, {"file": upload("nested.xml", data), "quiz": quiz.pk})
    page = response.content.decode()
    assert "5 questions to import" in page and "Iota / Kappa / Lambda" in page and "Final quiz" in page

    editor_client.post(URL, {"token": response.context["token"]})

    assert QuizQuestion.objects.filter(quiz=quiz).count() == 5
    assert Category.objects.count() == 4


@pytest.mark.parametrize(
    ("name", "content", "fields", "message"),
    [
        ("q.txt", b"Caf\xe9 {T}", {}, "not UTF-8"),
        ("q.xml", b"<quiz>", {}, "not valid XML"),
        ("q.txt", b"<quiz></quiz>", {"file_format": "moodle-xml"}, "No question found"),
        ("big.txt", b"x" * (MAX_UPLOAD_BYTES + 1), {}, "larger than 2 MB"),
        (
            "bank.txt",
            "".join(f"Question {number}? {{T}}\n\n" for number in range(MAX_QUESTIONS + 1)),
            {},
            f"It holds {MAX_QUESTIONS + 1} questions; at most {MAX_QUESTIONS} can be imported at once.",
        ),
    ],
)
def test_rejected_files_are_explained_and_nothing_is_kept(editor_client, name, content, fields, message):
    response = editor_client.post(URL, {"file": upload(name, content), **fields})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "token" not in response.context
    assert editor_client.post(URL, {"token": "anything"}).status_code == 302
    assert not Question.objects.exists()


def test_a_question_with_more_answers_than_anyone_could_read_is_skipped_with_the_reason(editor_client):
    wrong = " ".join(f"~Answer {number}" for number in range(MAX_CHOICES))
    data = f"Which one? {{=Right {wrong}}}\n\nAnd this one? {{=Right ~Wrong}}\n"

    response = editor_client.post(URL, {"file": upload("answers.txt", data)})

    page = response.content.decode()
    assert "1 question to import" in page and "1 question that cannot be imported" in page
    assert f"it has {MAX_CHOICES + 1} answers; a question may have at most {MAX_CHOICES}" in page
    editor_client.post(URL, {"token": response.context["token"]})
    assert list(Question.objects.values_list("text", flat=True)) == ["And this one?"]


def test_adding_to_a_quiz_needs_the_right_to_change_quizzes(client, roles):
    group = Group.objects.create(name="Question writers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="add_question")
    )
    writer = UserFactory(username="writer")
    writer.groups.add(group)
    client.force_login(writer)
    quiz = QuizFactory()

    assert 'name="quiz"' not in client.get(URL).content.decode()
    response = client.post(URL, {"file": upload("q.txt", "Q? {T}"), "quiz": quiz.pk})
    client.post(URL, {"token": response.context["token"]})

    assert Question.objects.count() == 1 and not QuizQuestion.objects.exists()
