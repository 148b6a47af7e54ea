"""The JSON endpoints fuzzed with Schemathesis against their description, docs/api/openapi.yaml (see docs/api.md).

Requests go through the site's WSGI application with the cookies of a real login (the login form, then its session
and CSRF cookies). The fuzzer often draws the ids and codes of real objects (an attempt in progress, export jobs,
certificates), so it gets past the 404s into the views. Every response must be no server error, with a documented
status code and media type and a body that matches its schema. Each request is rolled back, so each one meets the
same attempt and nothing depends on the order the fuzzer chose.
"""

import contextlib
import copy
from dataclasses import dataclass
from pathlib import Path

import pytest
import schemathesis
import yaml
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client

from certificates.credentials import key_thumbprint, published_public_keys
from certificates.models import Certificate
from certificates.services import certificate_revoke
from quizzes.models import Attempt
from quizzes.services import attempt_start
from tests.factories import EmployeeFactory, add_question, enrol, make_course, pass_course, read_all_lessons
from training import exports
from training.models import Employee, ExportJob
from training.reports import ReportFilters

SCHEMA_PATH = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.yaml"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Per operation, for the fuzzing phase (the examples and coverage phases send their own fixed sets).
MAX_EXAMPLES = 25
# How often the fuzzer takes one of the seed values below rather than a value it made up.
SEED_PROBABILITY = 0.7
# PostgreSQL refuses text with a NUL character outright (SQLite stores it).
NUL = "\x00"

SAVE = "/quiz/attempts/{attempt_id}/save/"
EXPORT_STATUS = "/hr/exports/{job_id}/status.json"
CERTIFICATE_STATUS = "/certificates/{code}/status.json"
PUBLIC_KEY = "/certificates/keys/{thumbprint}.json"


@pytest.fixture
def wsgi_app(db):
    """The site's WSGI application, answering in the test's thread on the test's database connection.

    Django closes the connection when a request starts and ends, which would end the test's transaction (and lose its
    data on PostgreSQL); as its own test client does, the test keeps the connection open while it makes requests."""
    from config.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield application
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@dataclass
class Session:
    """Someone logged in: the cookies their browser holds (the session, and the CSRF token their pages carry)."""

    cookies: dict[str, str]

    @property
    def csrf_token(self) -> str:
        return self.cookies[settings.CSRF_COOKIE_NAME]


def log_in(app, user) -> Session:
    """Log `user` in through the login form, as a browser does."""
    browser = Client(app)
    browser.get("/accounts/login/")
    response = browser.post(
        "/accounts/login/",
        data={
            "username": user.username,
            "password": "pass",
            "csrfmiddlewaretoken": browser.get_cookie(settings.CSRF_COOKIE_NAME).value,
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    names = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    return Session(cookies={name: browser.get_cookie(name).value for name in names})


@dataclass
class World:
    learner: Session
    attempt: Attempt
    question_ids: list[int]
    essay_id: int
    choice_ids: list[int]
    job_ids: list[int]
    own_code: str
    others_code: str
    thumbprint: str


@pytest.fixture
def world(wsgi_app, employee, outsider, hr_user) -> World:
    """The learner (Lena) is in the middle of a quiz with an essay question, holds the certificate of another course
    and asked for two exports of her team's report (she manages a nurse); the outsider's certificate was revoked."""
    quiz_course = make_course(title="Quiz in progress")
    essay = add_question(quiz_course.quiz, kind="essay", right=(), wrong=())
    enrolment = enrol(employee, quiz_course)
    read_all_lessons(employee, quiz_course)
    attempt = attempt_start(user=employee, quiz=quiz_course.quiz, enrolment=enrolment)

    passed_course = make_course(title="Passed course", lessons=1, code_of_conduct=False)
    pass_course(employee, passed_course, enrol(employee, passed_course))
    pass_course(outsider, passed_course, enrol(outsider, passed_course))
    own, others = (Certificate.objects.get(user=user) for user in (employee, outsider))
    certificate_revoke(certificate=others, reason="Issued in error.", revoked_by=hr_user)

    nurse = EmployeeFactory(user__username="nurse").user
    Employee.objects.filter(user=nurse).update(manager=employee)
    queued = exports.export_job_create(requested_by=employee, format="csv", filters=ReportFilters(), rows_total=1)
    done = ExportJob.objects.create(requested_by=employee, format="xlsx", status="done", rows_done=1, rows_total=1)

    items = list(attempt.items.select_related("question").prefetch_related("question__choices"))
    return World(
        learner=log_in(wsgi_app, employee),
        attempt=attempt,
        question_ids=[item.question_id for item in items],
        essay_id=essay.pk,
        choice_ids=[choice.pk for item in items for choice in item.question.choices.all()],
        job_ids=[queued.pk, done.pk],
        own_code=own.code,
        others_code=others.code,
        thumbprint=key_thumbprint(public_key=published_public_keys()[0]),
    )


def with_examples(raw: dict, world: World) -> dict:
    """The description with the real objects as its examples, which the fuzzer's first phase sends as they are."""
    raw = copy.deepcopy(raw)
    parameters = raw["components"]["parameters"]
    parameters["AttemptId"]["example"] = world.attempt.pk
    parameters["CertificateCode"]["example"] = world.own_code
    raw["paths"][EXPORT_STATUS]["get"]["parameters"][0]["example"] = world.job_ids[0]
    raw["paths"][PUBLIC_KEY]["get"]["parameters"][0]["example"] = world.thumbprint
    answer = raw["components"]["schemas"]["AnswerForm"]["properties"]
    answer["question"]["example"] = world.question_ids[0]
    answer["sequence"]["example"] = world.attempt.sequence
    return raw


@pytest.fixture
def api_schema(request, wsgi_app, world):
    """The description, sent to the site with the learner's cookies and CSRF token, and the values the fuzzer seeds
    its parameters with: the real objects' ids and codes, and an essay with a NUL character."""
    if not hasattr(request.node, "_nodeid"):
        # Schemathesis 4.32 labels each operation's report through an attribute of pytest's test item that pytest 9.2
        # no longer has: give it one to write to.
        request.node._nodeid = request.node.nodeid
    often = {"probability": SEED_PROBABILITY}
    config = {
        "generation": {"max-examples": MAX_EXAMPLES, "database": "none"},
        "auth": {
            "openapi": {
                "session": {"api_key": world.learner.cookies[settings.SESSION_COOKIE_NAME]},
                "csrfCookie": {"api_key": world.learner.csrf_token},
                "csrfHeader": {"api_key": world.learner.csrf_token},
            }
        },
        "dictionaries": {
            "attempts": {"values": [world.attempt.pk]},
            "jobs": {"values": world.job_ids},
            # Schemathesis keeps control characters out of paths: a NUL in a code has a test of its own below.
            "codes": {"values": [world.own_code, world.own_code.lower(), world.others_code]},
            "thumbprints": {"values": [world.thumbprint]},
            # The essay twice: the only question that takes text.
            "questions": {"values": [*world.question_ids, world.essay_id]},
            "choices": {"values": world.choice_ids},
            # The attempt's sequence number: each request is rolled back, so it stays the one the page shows.
            "sequences": {"values": [world.attempt.sequence]},
            "texts": {"values": ["Disclose who you work for.", f"Disclose{NUL}who you work for."]},
        },
        "parameters": {
            "path.attempt_id": {"dictionary": "attempts", **often},
            "path.job_id": {"dictionary": "jobs", **often},
            "path.code": {"dictionary": "codes", **often},
            "path.thumbprint": {"dictionary": "thumbprints", **often},
            "body.question": {"dictionary": "questions", **often},
            "body.choice[*]": {"dictionary": "choices", **often},
            "body.sequence": {"dictionary": "sequences", **often},
            "body.text": {"dictionary": "texts", "probability": 0.5},
        },
    }
    raw = with_examples(yaml.safe_load(SCHEMA_PATH.read_text()), world)
    schema = schemathesis.openapi.from_dict(raw, config=schemathesis.Config.from_dict(config))
    schema.app = wsgi_app
    return schema


@contextlib.contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


fuzzed = schemathesis.pytest.from_fixture("api_schema")


@fuzzed.parametrize()
def test_json_endpoints_answer_as_described(case):
    with rolled_back():
        case.call_and_validate(checks=CHECKS)


# What the fuzzer may not reach by chance, as a page (or someone else) would send it: each answer must be the one
# expected, and conform to the description too.


@pytest.fixture
def described(wsgi_app):
    """The description as it is, sent to the site with no cookies unless a test gives some."""
    schema = schemathesis.openapi.from_dict(yaml.safe_load(SCHEMA_PATH.read_text()))
    schema.app = wsgi_app
    return schema


def send(schema, path: str, method: str = "GET", *, session: Session | None = None, **case):
    operation = schema[path][method]
    if "body" in case:
        case.setdefault("media_type", "application/x-www-form-urlencoded")
    case = operation.Case(**case)
    if session is None:
        response = case.call()
    else:
        response = case.call(cookies=session.cookies, headers={"X-CSRFToken": session.csrf_token})
    case.validate_response(response, checks=CHECKS)
    return response


def test_autosave_saves_an_answer_then_refuses_a_page_that_is_out_of_date(described, world):
    attempt = world.attempt
    answer = {"question": world.question_ids[0], "sequence": attempt.sequence, "choice": [world.choice_ids[0]]}
    save = {"path_parameters": {"attempt_id": attempt.pk}, "body": answer, "session": world.learner}

    saved = send(described, SAVE, "POST", **save)
    assert saved.status_code == 200
    assert saved.json()["sequence"] == attempt.sequence + 1

    stale = send(described, SAVE, "POST", **save)
    assert stale.status_code == 409
    assert stale.json()["reload"] is True


def test_a_nul_character_is_refused_rather_than_a_server_error(described, world):
    attempt = world.attempt
    essay = {"question": world.essay_id, "sequence": attempt.sequence}

    refused = send(
        described,
        SAVE,
        "POST",
        path_parameters={"attempt_id": attempt.pk},
        body={**essay, "text": f"Disclose{NUL}who you work for."},
        session=world.learner,
    )
    assert refused.status_code == 400
    assert refused.json()["error"] == "The answer could not be read. Reload the page."
    attempt.refresh_from_db()
    assert attempt.sequence == essay["sequence"]
    saved = send(
        described,
        SAVE,
        "POST",
        path_parameters={"attempt_id": attempt.pk},
        body={**essay, "text": "Disclose who you work for."},
        session=world.learner,
    )
    assert saved.status_code == 200

    for code in (world.own_code + NUL, NUL):
        response = send(described, CERTIFICATE_STATUS, path_parameters={"code": code}, session=world.learner)
        assert response.status_code == 404
    lower_case = {"code": world.own_code.lower()}
    found = send(described, CERTIFICATE_STATUS, path_parameters=lower_case, session=world.learner)
    assert found.json()["url"] == f"/certificates/{world.own_code}.pdf"


def test_other_employees_get_the_same_404_as_for_nothing(wsgi_app, described, world, outsider):
    """Another logged-in employee learns nothing of the learner's attempt, exports or certificate PDF."""
    session = log_in(wsgi_app, outsider)
    attempt = world.attempt
    answer = {"question": world.question_ids[0], "sequence": attempt.sequence, "choice": [world.choice_ids[0]]}

    saved = send(described, SAVE, "POST", path_parameters={"attempt_id": attempt.pk}, body=answer, session=session)
    assert saved.status_code == 404
    attempt.refresh_from_db()
    assert attempt.sequence == answer["sequence"]
    for job_id in world.job_ids:
        assert send(described, EXPORT_STATUS, path_parameters={"job_id": job_id}, session=session).status_code == 404
    own = send(described, CERTIFICATE_STATUS, path_parameters={"code": world.own_code}, session=session)
    assert own.status_code == 404
    # The outsider's own certificate, revoked: still theirs to ask about.
    theirs = send(described, CERTIFICATE_STATUS, path_parameters={"code": world.others_code}, session=session)
    assert theirs.status_code == 200


def test_without_a_session_the_learner_endpoints_send_to_the_login_page(described, world):
    for path, parameters in [
        (EXPORT_STATUS, {"job_id": world.job_ids[0]}),
        (CERTIFICATE_STATUS, {"code": world.own_code}),
    ]:
        response = send(described, path, path_parameters=parameters)
        assert response.status_code == 302
        assert response.headers["location"][0].startswith("/accounts/login/?next=")


def test_autosave_without_the_csrf_token_is_refused(described, world):
    answer = {"question": world.question_ids[0], "sequence": world.attempt.sequence}
    only_the_session = {settings.SESSION_COOKIE_NAME: world.learner.cookies[settings.SESSION_COOKIE_NAME]}

    refused = send(
        described, SAVE, "POST", path_parameters={"attempt_id": world.attempt.pk}, body=answer, cookies=only_the_session
    )
    assert refused.status_code == 403
    world.attempt.refresh_from_db()
    assert world.attempt.sequence == answer["sequence"]
