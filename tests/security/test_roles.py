"""The roles table of docs/roles.md, tried cell by cell: every page and action of the product, as every role.

The table is read from the document itself, so what it promises is what is tested. Each role walks every row with
the employee's ids (their lesson, attempt, certificate, transcript...); every request runs in a savepoint that is
rolled back, so a revoke or a submit in one row does not change what the next row sees.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.documents import get_document_model

from certificates.credentials import key_thumbprint, published_public_keys
from certificates.models import Certificate
from quizzes.models import Question, QuizQuestion
from quizzes.services import attempt_start
from tests.factories import (
    EmployeeFactory,
    UserFactory,
    enrol,
    make_course,
    make_quiz,
    manager_of,
    pass_course,
    read_all_lessons,
)
from training.models import ExportJob

ROLES_DOC = Path(settings.BASE_DIR) / "docs" / "roles.md"
ROLES = [
    "anonymous",
    "employee",
    "colleague",
    "manager",
    "HR",
    "editor",
    "legal reviewer",
    "medical reviewer",
    "auditor",
    "admin",
]
LOGIN_PAGES = ("/accounts/login/", "/admin/login/")


@dataclass(frozen=True)
class Row:
    what: str
    method: str
    path: str
    expected: dict[str, str]


def roles_table() -> list[Row]:
    rows = []
    header = None
    for line in ROLES_DOC.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[:2] == ["What", "Request"]:
            header = cells[2:]
            assert header == ROLES, f"docs/roles.md: the table's columns must be {ROLES}, not {header}"
            continue
        if header is None or len(cells) != 2 + len(ROLES) or set(cells[0]) <= {"-"}:
            continue
        method, path = cells[1].strip("`").split(" ", 1)
        expected = dict(zip(ROLES, cells[2:], strict=True))
        assert set(expected.values()) <= {"yes", "no", "login"}, f"docs/roles.md, {cells[0]}: cells are yes/no/login"
        rows.append(Row(what=cells[0], method=method, path=path, expected=expected))
    return rows


ROWS = roles_table()


def _essay_quiz():
    quiz = make_quiz(questions=1, pass_mark=50)
    essay = Question.objects.create(kind=Question.Kind.ESSAY, text="A patient asks for advice online: what do you do?")
    QuizQuestion.objects.create(quiz=quiz, question=essay, sort_order=2)
    return quiz


@pytest.fixture
def organisation(roles, settings, tmp_path):
    """A small organisation: an employee who has passed one course (certificate issued) and is half-way through a
    quiz in another, their manager, a colleague, and one person in each other role."""
    # Documents are sent from files on disk, as in production.
    settings.STORAGES = settings.STORAGES | {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}}
    }
    employee = EmployeeFactory(user__username="lena", user__first_name="Lena", user__last_name="Learner").user
    course = make_course(title="Speaking online", lessons=1)
    enrolment = enrol(employee, course)
    graded = pass_course(employee, course, enrolment)
    second = make_course(title="Patients online", lessons=1, quiz=_essay_quiz())
    second_enrolment = enrol(employee, second)
    read_all_lessons(employee, second)
    open_attempt = attempt_start(user=employee, quiz=second.quiz, enrolment=second_enrolment)
    manager = manager_of(employee)
    job = ExportJob.objects.create(requested_by=manager, format="csv", status=ExportJob.Status.DONE)
    job.file.save("report.csv", ContentFile(b"name\r\nLena Learner\r\n"))
    document = get_document_model().objects.create(
        title="Policy", file=ContentFile(b"Policy text\n", name="policy.txt")
    )
    people = {
        "anonymous": None,
        "employee": employee,
        "colleague": EmployeeFactory(user__username="colleague").user,
        "manager": manager,
        "admin": UserFactory(username="admin", is_superuser=True),
    }
    for role, group in [
        ("HR", "HR"),
        ("editor", "Editors"),
        ("legal reviewer", "Legal reviewers"),
        ("medical reviewer", "Medical reviewers"),
        ("auditor", "Auditors"),
    ]:
        people[role] = UserFactory(username=group.lower().replace(" ", "-"))
        people[role].groups.add(roles[group])
    lesson = course.lessons().first()
    ids = {
        "course_url": course.url,
        "lesson_url": lesson.url,
        "lesson": lesson.pk,
        "course": second.pk,
        "attempt": graded.pk,
        "open_attempt": open_attempt.pk,
        "essay_item": open_attempt.items.get(question__kind="essay").pk,
        "job": job.pk,
        "employee": employee.pk,
        "enrolment": second_enrolment.pk,
        "code": Certificate.objects.get(user=employee).code,
        "thumbprint": key_thumbprint(public_key=published_public_keys()[0]),
        "document_url": document.url,
        "quiz": course.quiz_id,
    }
    question = open_attempt.items.exclude(question__kind="essay").first().question
    forms = {
        "/language/": {"language": "de", "next": "/learn/"},
        "/learn/lessons/{lesson}/complete/": {},
        "/quiz/attempts/{open_attempt}/save/": {
            "question": question.pk,
            "sequence": open_attempt.sequence,
            "choice": question.choices.first().pk,
        },
        "/quiz/attempts/{open_attempt}/submit/": {"sequence": open_attempt.sequence},
        "/hr/export.zip": {},
        "/hr/enrolments/{enrolment}/due-date/": {"due_date": "2031-01-31", "reason": "Back from leave"},
        "/certificates/{code}/revoke/": {"reason": "Issued in error"},
        "/certificates/{code}/reissue/": {"reason": "Name corrected"},
    }
    return people, ids, forms


def outcome(response) -> str:
    """What a person sees: allowed, refused, or sent to log in."""
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        if location.startswith(LOGIN_PAGES):
            return "login"
        # The admin sends those it refuses to its dashboard with "You do not have permission"; the site sends them
        # back where they came from with the reason.
        refused = any(message.level >= messages.ERROR for message in messages.get_messages(response.wsgi_request))
        if location in ("/admin/", "/admin") or refused:
            return "no"
        return "yes"
    if response.status_code in (403, 404):
        return "no"
    if response.status_code < 300 or response.status_code in (400, 409):
        # 400/409: the action was reached and refused the data, not the person (e.g. a quiz with nothing answered).
        return "yes"
    return f"HTTP {response.status_code}"


@pytest.mark.parametrize("role", ROLES)
def test_every_page_and_action_is_open_only_to_the_roles_the_table_names(role, organisation, client):
    people, ids, forms = organisation
    if people[role] is not None:
        client.force_login(people[role])
    mismatches = []
    for row in ROWS:
        path = row.path.format(**ids)
        with transaction.atomic():
            if row.method == "POST":
                response = client.post(path, forms.get(row.path, {}))
            else:
                response = client.get(path)
            transaction.set_rollback(True)
        seen = outcome(response)
        if role != "anonymous" and seen == "login" and row.expected[role] == "no":
            # A logged-in person the admin does not let in is sent to its login page: refused all the same.
            seen = "no" if path.startswith("/admin/") else seen
        if seen != row.expected[role]:
            where = response.get("Location", "")
            mismatches.append(
                f"{row.what} ({row.method} {path}): table says {row.expected[role]}, got {seen} "
                f"(HTTP {response.status_code}{' → ' + where if where else ''})"
            )
    assert not mismatches, f"As {role}:\n" + "\n".join(mismatches)


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback.__module__


# Addresses of the product tested elsewhere, each for the reason docs/roles.md gives under the table.
NOT_IN_TABLE = {
    "accounts/logout/",
    "accounts/password_change/done/",
    "accounts/password_reset/done/",
    "accounts/reset/<uidb64>/<token>/",
    "accounts/reset/done/",
    "learn/signature/sso/callback/",
    "documents/authenticate_with_password/<int:restriction_id>/",
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
    "_util/login/",
    "^((?:[\\w\\-]+/)*)$",
}


def _as_route(path: str) -> str:
    """`/hr/people/{employee}/` as the URL pattern writes it, for matching: every placeholder becomes `<>`."""
    return re.sub(r"\{[a-z_]+\}", "<>", path.lstrip("/"))


def test_every_address_of_the_product_has_a_row_in_the_table():
    in_table = {_as_route(row.path) for row in ROWS}
    ours = ("training", "quizzes", "certificates", "cms", "django.contrib.auth", "wagtail.documents")
    missing = []
    for route, module in _routes(get_resolver().url_patterns):
        if route in NOT_IN_TABLE or not module.startswith(ours):
            continue
        if route.startswith("admin/") and not module.startswith(("training", "quizzes", "certificates", "cms")):
            continue
        if route.startswith("documents/"):
            route = "{document_url}"
        if re.sub(r"<[^>]+>", "<>", route) not in in_table and route != "{document_url}":
            missing.append(route)
    assert not missing, "docs/roles.md has no row for: " + ", ".join(missing)


def test_no_role_can_change_people_or_groups(roles):
    """Whoever may change a user may make themselves a superuser: no group holds those rights."""
    dangerous = Permission.objects.filter(
        content_type__app_label="auth", codename__regex=r"^(add|change|delete)_(user|group)$"
    )
    holders = {group.name for group in roles.values() if group.permissions.filter(pk__in=dangerous).exists()}
    assert holders == set()


def test_guessing_ids_tells_a_colleague_nothing_about_what_exists(organisation, client):
    """Where a colleague is refused someone else's attempt, certificate, transcript or export, an id that does not
    exist is refused in exactly the same way, so trying ids shows nothing."""
    people, ids, forms = organisation
    client.force_login(people["colleague"])
    unknown = {name: (value + 10_000 if isinstance(value, int) else value) for name, value in ids.items()}
    unknown["code"] = "ZZZZ-ZZZZ-ZZZZ"
    compared = 0
    for row in ROWS:
        # Lessons are no secret: every member of staff may read them.
        private = "{" in row.path and "{lesson}" not in row.path and not row.path.startswith("/admin/")
        if row.expected["colleague"] != "no" or not private:
            continue
        statuses = []
        for values in (ids, unknown):
            with transaction.atomic():
                if row.method == "POST":
                    response = client.post(row.path.format(**values), forms.get(row.path, {}))
                else:
                    response = client.get(row.path.format(**values))
                transaction.set_rollback(True)
            statuses.append(response.status_code)
        assert statuses[0] == statuses[1], f"{row.what}: {statuses[0]} for the employee's, {statuses[1]} for none"
        compared += 1
    assert compared >= 10
