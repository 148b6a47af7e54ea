"""Learners under load: N learners read, sign, autosave and submit for a fixed time; then the database is checked.

    .venv/bin/python -m bench.load [-n 200] [--duration 60] [--stages new=0.05,reading=0.05,read=0.2,quiz=0.7]

1. Creates a throwaway database (`sc_bench_load_<pid>`, dropped at the end, also on failure, SIGTERM or --timeout),
   migrates it and builds the starter course; then N learners enrolled on it, each logged in (a session opened by
   Django's `login()`, as the login form does; the password check is left out here because signing the code of
   conduct pays it again in the timed phase). As on a Monday morning, the learners start at different stages
   (--stages, set up through the product's services): `new` with nothing read; `reading` with the lessons before the
   code of conduct read; `read` with every lesson read and the code of conduct signed; `quiz` also with an attempt
   at the final quiz open and all but its last 0-3 questions answered and saved (for one learner in five, one answer
   not the one they will end with; the last one answered maybe only partly ticked), as someone who stopped on
   Friday left it.
2. Serves the app with gunicorn on 127.0.0.1 (production settings via `bench.settings`).
3. For --duration seconds, N client threads (stdlib `http.client`, one connection per request) play one learner
   each, as a browser does: my learning, then its "next step" button: the first lesson not read and every one after
   it, posting its completion form as the page has it (the code of conduct ticked and signed with the password), or
   straight to the final quiz (a `quiz` learner starts on the quiz page they left open). The quiz page opens an
   attempt or shows the open one, which must show every answer saved; every answer still to give is autosaved as it
   is given (`sequence` protocol; boxes ticked one at a time, now and then a first choice changed); then the submit
   and the result page. --double-submit-ratio of the submits (spread evenly: every tenth at 0.1) go twice at once (a
   double click); --abandon-ratio of the learners leave their first attempt after a few autosaves (or none, if it
   was open already) and never submit. A failed attempt is taken again while the quiz allows; a learner who
   completed the course goes round again, reading every lesson (nothing is left to post). After --duration gunicorn
   is stopped: requests being served finish, those still queued are cut.
4. Prints requests/s, completed journeys/s, p50/p95/p99 per kind of request, the errors (HTTP 5xx, timeouts,
   unexpected replies), how far the learners of each stage got, and the load average at the start and the end.
5. Checks the database against what the learners were told and what set-up stored: every lesson completion and every
   acknowledged autosave (set-up's included) is stored (unless a later save of the same question replaced it); every
   graded attempt holds the answers submitted and was graded once; attempt numbers run 1, 2, 3... per learner;
   abandoned attempts are still open with their saved answers; every completed enrolment has exactly one valid (not
   revoked, not superseded) certificate, with its PDF queued once, and no other enrolment has one; the audit trail's
   chain is intact. Exits 1 on any failure or error.

Requests cut at the end (or lost to an error) may or may not have reached the database: the checks accept either.
Only loopback traffic; every request has a timeout and the whole run stops after --timeout seconds.
"""

import argparse
import collections
import html
import json
import math
import os
import random
import re
import secrets
import sys
import threading
import time
from dataclasses import dataclass, field
from http.client import HTTPException
from pathlib import Path

from bench.certificates import machine
from bench.quiz_submit import (
    Learner,
    Reply,
    answer_key,
    answers_stored,
    arguments_add,
    bench_run,
    code_version,
    cpu_snapshot,
    cpu_used,
    gunicorn_stop,
    http,
    log_tail,
    outcome,
    pdfs_queued,
    percentile,
    postgres_version,
    questions_graded,
    starter_course,
    submit,
    users_create,
)

# The kinds of request, in the order of a journey.
KINDS = ["learn", "lesson", "complete", "sign", "quiz", "autosave", "submit", "double submit", "result", "course"]
# How journeys end: the first two start the next one, the others end the learner's run.
COMPLETED, REVISIT, ABANDONED, NO_ATTEMPTS_LEFT, CUT, ERROR = (
    "completed the course",
    "read again after completing",
    "abandoned the quiz",
    "no attempt left",
    "cut at the end",
    "stopped by an error",
)
CHANGE_OF_MIND = 0.2  # share of single-answer questions answered otherwise first, then corrected
# Where a learner stands when the load starts, set up through the services: (name, what it means).
STAGES = {
    "new": "nothing read",
    "reading": "read up to the code",
    "read": "lessons read, code signed",
    "quiz": "attempt open, most answers saved",
}
DEFAULT_STAGES = "new=0.05,reading=0.05,read=0.2,quiz=0.7"
LEFT_TO_ANSWER = (0, 3)  # questions a `quiz` learner has still to answer: at least, at most
# How far a learner got in the timed phase, in the order of a journey (the columns of the table per stage).
SIGNED, READ_ALL, QUIZ_SHOWN, AUTOSAVED, SUBMITTED, DOUBLE, FAILED, LEFT, PASSED = MILESTONES = (
    "signed",
    "read all",
    "quiz page",
    "autosaved",
    "submitted",
    "double",
    "failed",
    "abandoned",
    "passed",
)

FORM_RE = re.compile(r'<form\b[^>]*\baction="(/learn/lessons/\d+/complete/)"[^>]*>(.*?)</form>', re.S)
INPUT_RE = re.compile(r"<input\b([^>]*)>")
ATTRIBUTE_RE = re.compile(r'([\w-]+)="([^"]*)"')
ATTEMPT_RE = re.compile(r'action="/quiz/attempts/(\d+)/submit/"')
CHECKED_RE = re.compile(r"(?:^|\s)checked(?=\s|/|$)")
NEXT_STEP_RE = re.compile(r'<a class="button" href="([^"]*)">')
QUESTION_RE = re.compile(r"q(\d+)")


class Stopped(Exception):
    """The learner stops: the run is over or a request failed. `reason` is how their journey ends."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Lesson:
    id: int
    url: str


@dataclass(frozen=True)
class Course:
    id: int
    url: str
    quiz_url: str
    lessons: tuple[Lesson, ...]
    signed_lesson_ids: frozenset[int]  # code-of-conduct lessons: confirmed with a signature
    right: dict[int, list[int]]
    wrong: dict[int, int]


@dataclass
class Sent:
    """One answer autosaved: `stored` True once the server acknowledged it, None while nobody knows."""

    question_id: int
    choices: frozenset[int]
    stored: bool | None = None


@dataclass
class AttemptRecord:
    """One attempt as its learner saw it."""

    attempt_id: int
    passes: bool
    saves: list[Sent] = field(default_factory=list)
    submitted: dict[int, frozenset[int]] | None = None  # the answers of a submit sent
    graded: bool | None = None  # True: the submit's replies said graded; None: no clear answer
    abandoned: bool = False

    @property
    def open(self) -> bool:
        """Neither submitted nor left: the learner comes back to it (one opened in set-up)."""
        return self.submitted is None and not self.abandoned


@dataclass(frozen=True)
class Staged:
    """Where one learner stands when the load starts: their stage, the lessons read and the attempt left open."""

    stage: str
    lessons: frozenset[int] = frozenset()
    attempt: AttemptRecord | None = None


@dataclass
class Load:
    """What every simulated learner shares: the server, the course, the options, the clock and the figures."""

    port: int
    course: Course
    password: str
    request_timeout: float
    think: float
    double_ratio: float
    pass_ratio: float
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=lambda: collections.defaultdict(list))
    errors: collections.Counter = field(default_factory=collections.Counter)
    error_examples: list[str] = field(default_factory=list)
    journeys: collections.Counter = field(default_factory=collections.Counter)
    cut: int = 0
    submits: int = 0

    def double_click(self) -> bool:
        """Whether the next submit goes twice at once: spread evenly, `double_ratio` of the submits (every tenth
        at 0.1), so that a run with few submits still has its share."""
        with self.lock:
            self.submits += 1
            return math.floor(self.submits * self.double_ratio) > math.floor((self.submits - 1) * self.double_ratio)

    def took(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies[kind].append(seconds * 1000)

    def failed(self, kind: str, what: str, example: str) -> Stopped:
        with self.lock:
            if not self.errors[(kind, what)]:  # one example of each kind of error
                self.error_examples.append(example)
            self.errors[(kind, what)] += 1
        return Stopped(ERROR)

    def ended(self, how: str) -> None:
        with self.lock:
            self.journeys[how] += 1

    def totals(self) -> tuple[int, int]:
        """Replies received and courses completed so far."""
        with self.lock:
            return sum(len(values) for values in self.latencies.values()), self.journeys[COMPLETED]


class Player:
    """One simulated learner. `play()` runs journeys until the run ends, the learner leaves or an error stops them."""

    def __init__(self, *, load: Load, account: Learner, staged: Staged, abandons: bool, rng: random.Random):
        self.load = load
        self.account = account  # username, ids, session cookies, and the attempt being submitted
        self.stage = staged.stage
        self.abandons = abandons
        self.rng = rng
        self.lessons_done: set[int] = set(staged.lessons)  # completions the server confirmed (or set-up stored)
        self.lessons_sent: set[int] = set()  # completions posted, confirmed or not
        self.attempts: list[AttemptRecord] = [staged.attempt] if staged.attempt else []
        self.quiz_pending = False  # a quiz page asked for and never shown: it may have opened an attempt
        self.completed = False
        self.reached: set[str] = set()  # MILESTONES passed in the timed phase
        self.staged_saves = len(staged.attempt.saves) if staged.attempt else 0
        self.returning = staged.attempt is not None

    def play(self) -> None:
        try:
            while True:
                ending = self.journey()
                self.load.ended(ending)
                if ending not in (COMPLETED, REVISIT):
                    return
        except Stopped as stopped:
            self.load.ended(stopped.reason)

    # Requests

    def _before(self) -> None:
        if self.load.think:
            self.load.stop.wait(self.rng.expovariate(1 / self.load.think))
        if self.load.stop.is_set():
            raise Stopped(CUT)

    def _no_reply(self, kind: str, error: Exception) -> Stopped:
        if self.load.stop.is_set():
            with self.load.lock:
                self.load.cut += 1
            return Stopped(CUT)
        what = "timeout" if isinstance(error, TimeoutError) else f"no reply ({type(error).__name__})"
        return self.load.failed(kind, what, f"{kind} for {self.account.username}: {what}")

    def _received(self, kind: str, reply: Reply, path: str, expect) -> Reply:
        self.load.took(kind, reply.seconds)
        for name, value in reply.cookies.items():  # a cookie set empty is deleted
            if value:
                self.account.cookies[name] = value
            else:
                self.account.cookies.pop(name, None)
        if reply.status not in expect:
            what = "HTTP 5xx" if reply.status >= 500 else f"HTTP {reply.status}"
            raise self.load.failed(kind, what, f"{kind} {path} for {self.account.username}: HTTP {reply.status}")
        return reply

    def request(self, kind: str, method: str, path: str, *, form=None, expect=(200,)) -> Reply:
        self._before()
        try:
            reply = http(
                self.load.port, method, path, cookies=self.account.cookies, form=form, timeout=self.load.request_timeout
            )
        except (OSError, HTTPException) as error:
            raise self._no_reply(kind, error) from None
        return self._received(kind, reply, path, expect)

    # The journey

    def journey(self) -> str:
        if self.returning:  # back to the quiz page they left open on Friday, as the browser restores it
            self.returning = False
            return self.quiz()
        course = self.load.course
        learn = self.request("learn", "GET", "/learn/")
        step = next_step(learn.body)
        unread = [position for position, lesson in enumerate(course.lessons) if lesson.id not in self.lessons_done]
        expected = None if self.completed else course.lessons[unread[0]].url if unread else course.quiz_url
        if step != expected:
            raise self.load.failed(
                "learn", "wrong next step", f"{self.account.username}: next step {step}, expected {expected}"
            )
        first = unread[0] if unread else 0 if self.completed else len(course.lessons)
        for position, lesson in enumerate(course.lessons[first:], start=first):
            page = self.request("lesson", "GET", lesson.url)
            form = completion_form(page.body)
            if form is None:
                continue  # read already: the page leads on to the next step instead
            following = course.lessons[position + 1].url if position + 1 < len(course.lessons) else course.quiz_url
            self.lesson_complete(lesson, form, following)
        if unread:
            self.reached.add(READ_ALL)
        return self.quiz()

    def lesson_complete(self, lesson: Lesson, form: tuple[str, dict], following: str) -> None:
        action, fields = form
        signs = "password" in fields
        if signs:
            fields["password"] = self.load.password
        kind = "sign" if signs else "complete"
        self.lessons_sent.add(lesson.id)
        reply = self.request(kind, "POST", action, form=fields, expect=(302,))
        if reply.location != following:
            raise self.load.failed(
                kind, "not recorded", f"{self.account.username}: {lesson.url} sent them to {reply.location}"
            )
        self.lessons_done.add(lesson.id)
        if signs:
            self.reached.add(SIGNED)

    def quiz(self) -> str:
        course = self.load.course
        while True:
            self.quiz_pending = True
            page = self.request("quiz", "GET", course.quiz_url, expect=(200, 302))
            if page.status == 302:  # completed already, or no attempt left: the browser shows the course page
                self.quiz_pending = False
                self.request("course", "GET", page.location)
                return REVISIT if self.completed else NO_ATTEMPTS_LEFT
            shown = quiz_page(page.body)
            if shown is None:
                raise self.load.failed("quiz", "unexpected page", f"{self.account.username}: no attempt shown")
            attempt_id, sequence, csrf, questions, checked = shown
            resumed = self.attempts[-1] if self.attempts and self.attempts[-1].open else None
            if resumed is not None and attempt_id != resumed.attempt_id:
                raise self.load.failed(
                    "quiz", "open attempt not shown", f"{self.account.username}: {attempt_id}, not {resumed.attempt_id}"
                )
            if resumed is None and any(record.attempt_id == attempt_id for record in self.attempts):
                raise self.load.failed("quiz", "unexpected page", f"{self.account.username}: no new attempt shown")
            record = resumed or AttemptRecord(attempt_id, passes=self.rng.random() < self.load.pass_ratio)
            possible = answers_possible(record.saves)
            unshown = [qid for qid in questions if frozenset(checked.get(qid, ())) not in possible[qid]]
            if unshown:
                raise self.load.failed(
                    "quiz", "saved answer not shown", f"{self.account.username} attempt {attempt_id}: {unshown}"
                )
            if resumed is None:
                self.attempts.append(record)
            self.quiz_pending = False
            self.reached.add(QUIZ_SHOWN)
            self.account.attempt_id, self.account.sequence = attempt_id, sequence
            finals = {
                question_id: course.right[question_id] if record.passes else [course.wrong[question_id]]
                for question_id in questions
            }
            steps = [
                (question_id, choices)
                for question_id, (kind, options) in questions.items()
                for choices in self.answer_steps(finals[question_id], kind, options, checked.get(question_id, []))
            ]
            leave_after = None
            if self.abandons and len(self.attempts) == 1:
                # After a few autosaves; an attempt found open may be left again at once.
                first = 0 if resumed else 1
                leave_after = self.rng.randint(first, max(len(steps) - 1, first))
            for number in range(len(steps) + 1):
                if number == leave_after:
                    record.abandoned = True
                    self.reached.add(LEFT)
                    return ABANDONED
                if number < len(steps):
                    self.autosave(record, csrf, *steps[number])
            self.submit(record, finals)
            if record.passes:
                self.completed = True
                return COMPLETED

    def answer_steps(self, final: list[int], kind: str, options: list[int], shown: list[int]) -> list[list[int]]:
        """The autosaves that lead from what the page shows to `final`: boxes ticked one at a time; a radio button
        sometimes changed; an answer shown otherwise corrected at once."""
        if set(shown) == set(final):
            return []
        if kind == "checkbox" and set(shown) < set(final):
            ticks = list(shown) + [choice for choice in final if choice not in shown]
            return [ticks[: count + 1] for count in range(len(shown), len(ticks))]
        if shown:
            return [final]
        if kind == "checkbox":
            return [final[: count + 1] for count in range(len(final))]
        others = [option for option in options if option not in final]
        if others and self.rng.random() < CHANGE_OF_MIND:
            return [[self.rng.choice(others)], final]
        return [final]

    def autosave(self, record: AttemptRecord, csrf: str, question_id: int, choices: list[int]) -> None:
        sent = Sent(question_id, frozenset(choices))
        record.saves.append(sent)
        form = {
            "csrfmiddlewaretoken": csrf,
            "question": str(question_id),
            "choice": [str(choice) for choice in choices],
            "sequence": str(self.account.sequence),
        }
        reply = self.request("autosave", "POST", f"/quiz/attempts/{record.attempt_id}/save/", form=form)
        try:
            self.account.sequence = int(json.loads(reply.body)["sequence"])
        except (ValueError, KeyError, TypeError):
            raise self.load.failed(
                "autosave", "unreadable reply", f"{self.account.username}: {reply.body[:80]!r}"
            ) from None
        sent.stored = True
        self.reached.add(AUTOSAVED)

    def submit(self, record: AttemptRecord, finals: dict[int, list[int]]) -> None:
        self.account.answers = finals
        self.account.double = self.load.double_click()
        kind = "double submit" if self.account.double else "submit"
        self._before()
        record.submitted = {question_id: frozenset(choices) for question_id, choices in finals.items()}
        try:
            replies = submit(self.load.port, self.account, self.load.request_timeout)
        except (OSError, HTTPException) as error:
            raise self._no_reply(kind, error) from None
        path = f"/quiz/attempts/{record.attempt_id}/submit/"
        for reply in replies:
            self._received(kind, reply, path, expect=(302,))
        outcomes = sorted(outcome(self.account, reply) for reply in replies)
        if outcomes != (["already", "graded"] if self.account.double else ["graded"]):
            raise self.load.failed(kind, "not graded once", f"{self.account.username} {path}: {outcomes}")
        record.graded = True
        self.reached.update([SUBMITTED, PASSED if record.passes else FAILED] + [DOUBLE] * self.account.double)
        self.request("result", "GET", f"/quiz/attempts/{record.attempt_id}/")


# Reading pages as a browser does


def _attributes(tag: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in ATTRIBUTE_RE.findall(tag)}


def completion_form(body: bytes) -> tuple[str, dict] | None:
    """The lesson page's completion form, if it shows one: its action and what a browser posts once the learner
    ticked its boxes (a password field is left for the caller to fill)."""
    match = FORM_RE.search(body.decode("utf-8", "replace"))
    if match is None:
        return None
    fields = {}
    for tag in INPUT_RE.findall(match.group(2)):
        attributes = _attributes(tag)
        if "name" in attributes:
            fields[attributes["name"]] = attributes.get("value", "")
    return match.group(1), fields


def next_step(body: bytes) -> str | None:
    """Where the "next step" button of my learning leads (the bench's learners have one course), if it shows one."""
    match = NEXT_STEP_RE.search(body.decode("utf-8", "replace"))
    return html.unescape(match.group(1)) if match else None


def quiz_page(body: bytes) -> tuple[int, int, str, dict[int, tuple[str, list[int]]], dict[int, list[int]]] | None:
    """(attempt id, sequence, CSRF token, {question id: (input type, option ids)} in page order, {question id: the
    options shown ticked}) of a quiz page."""
    text = body.decode("utf-8", "replace")
    attempt = ATTEMPT_RE.search(text)
    fields: dict[str, str] = {}
    questions: dict[int, tuple[str, list[int]]] = {}
    checked: dict[int, list[int]] = collections.defaultdict(list)
    for tag in INPUT_RE.findall(text):
        attributes = _attributes(tag)
        question = QUESTION_RE.fullmatch(attributes.get("name", ""))
        if question and attributes.get("type") in ("radio", "checkbox"):
            question_id, choice_id = int(question.group(1)), int(attributes["value"])
            questions.setdefault(question_id, (attributes["type"], []))[1].append(choice_id)
            if CHECKED_RE.search(ATTRIBUTE_RE.sub("", tag)):
                checked[question_id].append(choice_id)
        elif "name" in attributes:
            fields.setdefault(attributes["name"], attributes.get("value", ""))
    if attempt is None or not fields.get("sequence", "").isdigit() or not fields.get("csrfmiddlewaretoken"):
        return None
    return int(attempt.group(1)), int(fields["sequence"]), fields["csrfmiddlewaretoken"], questions, dict(checked)


# Setting up


def course_read() -> Course:
    """The starter course (made on first use) as the learners will find it: addresses, lessons, the answer key."""
    from django.urls import reverse

    course = starter_course()
    lessons = list(course.lessons().specific())
    right, wrong = answer_key(course.quiz)
    return Course(
        id=course.pk,
        url=course.url,
        quiz_url=reverse("quizzes:take", kwargs={"course_id": course.pk}),
        lessons=tuple(Lesson(lesson.pk, lesson.url) for lesson in lessons),
        signed_lesson_ids=frozenset(lesson.pk for lesson in lessons if lesson.requires_acknowledgement),
        right=right,
        wrong=wrong,
    )


def stages_parse(text: str) -> dict[str, float]:
    """`new=0.1,read=0.3,quiz=0.6` as {stage: share}; the shares must add up to 1."""
    shares: dict[str, float] = {}
    for part in text.split(","):
        name, _, share = part.partition("=")
        name = name.strip()
        try:
            shares[name] = float(share)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{part!r}: expected stage=share") from None
        if name not in STAGES or shares[name] < 0:
            raise argparse.ArgumentTypeError(f"{part!r}: stages are {', '.join(STAGES)}, shares 0..1")
    if not math.isclose(sum(shares.values()), 1, abs_tol=1e-6):
        raise argparse.ArgumentTypeError(f"the shares add up to {sum(shares.values()):g}, not 1")
    return shares


def stages_assign(shares: dict[str, float], count: int, rng: random.Random) -> list[str]:
    """The stage of each of `count` learners, in a random order: the shares rounded to whole learners."""
    exact = {name: share * count for name, share in shares.items()}
    counts = {name: math.floor(value) for name, value in exact.items()}
    for name in sorted(exact, key=lambda name: counts[name] - exact[name])[: count - sum(counts.values())]:
        counts[name] += 1
    stages = [name for name in STAGES for _ in range(counts.get(name, 0))]
    rng.shuffle(stages)
    return stages


def attempt_stage(*, user, quiz, enrolment, course: Course, passes: bool, rng: random.Random) -> AttemptRecord:
    """An attempt opened and nearly answered before the load, as a learner who stopped on Friday left it: all but the
    last LEFT_TO_ANSWER questions answered as the learner will end, except that one learner in five answered one
    single-answer question otherwise (they correct it when they come back) and the last question answered, if it has
    several right answers, may be only partly ticked."""
    from quizzes.models import AttemptQuestion, Question
    from quizzes.services import Answer, attempt_save, attempt_start

    attempt = attempt_start(user=user, quiz=quiz, enrolment=enrolment, rng=rng)
    items = list(
        AttemptQuestion.objects.filter(attempt=attempt)
        .order_by("position")
        .values_list("question_id", "question__kind")
    )
    answered = items[: len(items) - rng.randint(*LEFT_TO_ANSWER)]
    singles = [question_id for question_id, kind in answered if kind != Question.Kind.MULTIPLE]
    changed = rng.choice(singles) if singles and rng.random() < CHANGE_OF_MIND else None
    record = AttemptRecord(attempt.pk, passes=passes)
    sequence = attempt.sequence
    for position, (question_id, kind) in enumerate(answered, start=1):
        choices = course.right[question_id] if passes else [course.wrong[question_id]]
        if question_id == changed:
            choices = [course.wrong[question_id]] if passes else course.right[question_id][:1]
        elif kind == Question.Kind.MULTIPLE and position == len(answered):
            choices = choices[: rng.randint(1, len(choices))]
        answer = Answer(choice_ids=frozenset(choices))
        sequence = attempt_save(
            user=user, attempt_id=attempt.pk, sequence=sequence, question_id=question_id, answer=answer
        ).sequence
        record.saves.append(Sent(question_id, frozenset(choices), stored=True))
    return record


def learners_enrol(
    *, stages: list[str], password: str, course: Course, pass_ratio: float, rng: random.Random
) -> list[tuple[Learner, Staged]]:
    """A learner per stage in `stages`, enrolled on the course and brought to that stage through the services, each
    with a session as the login view opens it."""
    from django.conf import settings
    from django.db import transaction
    from django.test import Client

    from cms.models import CoursePage
    from training.services import enrolment_create, lesson_complete

    page = CoursePage.objects.get(pk=course.id)
    lessons = list(page.lessons().specific())
    signed_at = next((n for n, lesson in enumerate(lessons) if lesson.requires_acknowledgement), len(lessons))
    learners = []
    for user, stage in zip(users_create(count=len(stages), password=password, prefix="learner"), stages, strict=True):
        read = {"new": [], "reading": lessons[:signed_at]}.get(stage, lessons)
        with transaction.atomic():
            enrolment = enrolment_create(user=user, course=page)
            for lesson in read:
                lesson_complete(user=user, lesson=lesson, acknowledged=True)
            attempt = None
            if stage == "quiz":
                passes = rng.random() < pass_ratio
                attempt = attempt_stage(
                    user=user, quiz=page.quiz, enrolment=enrolment, course=course, passes=passes, rng=rng
                )
        client = Client()
        client.force_login(user)
        cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
        account = Learner(user.username, user.pk, 0, 0, {}, False, cookies=cookies)
        learners.append((account, Staged(stage, frozenset(lesson.pk for lesson in read), attempt)))
    return learners


def signature_cpu_seconds(password: str) -> tuple[float, str]:
    """CPU seconds of one password check (what signing the code of conduct costs), and the hasher's name."""
    from django.contrib.auth.hashers import check_password, get_hasher, make_password

    encoded = make_password(password)
    started = time.process_time()
    check_password(password, encoded)
    hasher = get_hasher()
    return time.process_time() - started, f"{hasher.algorithm}, {getattr(hasher, 'iterations', '?'):,} iterations"


# Checking the outcome


def answers_possible(saves: list[Sent]) -> dict[int, set[frozenset[int]]]:
    """For each question, the answers it may hold now: the last one acknowledged (nothing before any), or one sent
    after it whose fate is unknown."""
    possible: dict[int, set[frozenset[int]]] = collections.defaultdict(lambda: {frozenset()})
    for sent in saves:
        if sent.stored:
            possible[sent.question_id] = {sent.choices}
        else:
            possible[sent.question_id] = possible[sent.question_id] | {sent.choices}
    return possible


@dataclass
class Stored:
    """What the database holds for the bench's learners, read in a few queries."""

    enrolments: dict
    lessons: dict
    signatures: collections.Counter
    attempts: dict
    selected: dict
    items: dict
    graded_events: collections.Counter
    completed_events: collections.Counter
    issued_events: collections.Counter
    certificates: dict
    queued: collections.Counter


def stored_read(user_ids: list[int]) -> Stored:
    from certificates.models import Certificate
    from quizzes.models import Attempt
    from training.models import Acknowledgement, AuditEvent, Enrolment, LessonProgress

    Action = AuditEvent.Action
    lessons = collections.defaultdict(set)
    for user_id, lesson_id in LessonProgress.objects.filter(enrolment__user_id__in=user_ids).values_list(
        "enrolment__user_id", "lesson_id"
    ):
        lessons[user_id].add(lesson_id)
    attempts = collections.defaultdict(list)
    for attempt in Attempt.objects.filter(user_id__in=user_ids).order_by("number"):
        attempts[attempt.user_id].append(attempt)
    certificates = collections.defaultdict(list)
    for certificate in Certificate.objects.filter(user_id__in=user_ids):
        certificates[certificate.user_id].append(certificate)
    events = AuditEvent.objects.filter(person_id__in=user_ids)
    attempt_events = events.filter(object_type=Attempt._meta.label_lower)
    return Stored(
        enrolments={enrolment.user_id: enrolment for enrolment in Enrolment.objects.filter(user_id__in=user_ids)},
        lessons=lessons,
        signatures=collections.Counter(
            Acknowledgement.objects.filter(user_id__in=user_ids).values_list("user_id", "lesson_id")
        ),
        attempts=attempts,
        selected=answers_stored(user_ids),
        items=questions_graded(user_ids),
        graded_events=collections.Counter(
            int(pk) for pk in attempt_events.filter(action=Action.ATTEMPT_GRADED).values_list("object_id", flat=True)
        ),
        completed_events=collections.Counter(
            events.filter(action=Action.COURSE_COMPLETED).values_list("person_id", flat=True)
        ),
        issued_events=collections.Counter(
            events.filter(action=Action.CERTIFICATE_ISSUED).values_list("person_id", flat=True)
        ),
        certificates=certificates,
        queued=pdfs_queued(),
    )


@dataclass
class Problems:
    lost: list[str] = field(default_factory=list)
    double: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)


def lessons_check(player: Player, stored: Stored, course: Course, problems: Problems) -> None:
    who = player.account.username
    done = stored.lessons.get(player.account.user_id, set())
    if player.lessons_done - done:
        problems.lost.append(f"{who}: lessons read but not recorded: {sorted(player.lessons_done - done)}")
    if done - player.lessons_done - player.lessons_sent:
        problems.other.append(f"{who}: lessons recorded that were never posted: {sorted(done - player.lessons_sent)}")
    for lesson_id in course.signed_lesson_ids:
        signed = stored.signatures[(player.account.user_id, lesson_id)]
        expected = {1} if lesson_id in player.lessons_done else {0, 1} if lesson_id in player.lessons_sent else {0}
        if signed not in expected:
            (problems.double if signed > 1 else problems.lost if signed == 0 else problems.other).append(
                f"{who}: {signed} signatures of lesson {lesson_id}, expected {sorted(expected)}"
            )


def attempt_check(player: Player, record: AttemptRecord, attempt, stored: Stored, problems: Problems) -> None:
    from quizzes.models import Attempt

    who = f"{player.account.username} (attempt {record.attempt_id})"
    held = {question_id: frozenset(choices) for question_id, choices in stored.selected[attempt.pk].items()}
    held = {question_id: choices for question_id, choices in held.items() if choices}
    graded_events = stored.graded_events[attempt.pk]
    if graded_events > 1:
        problems.double.append(f"{who}: graded {graded_events} times")
    submitted = attempt.status == Attempt.Status.SUBMITTED
    if record.graded or (record.submitted is not None and submitted):
        if not submitted or attempt.score is None or graded_events != 1:
            problems.lost.append(f"{who}: submitted but {attempt.status}, score {attempt.score}")
            return
        if held != record.submitted:
            problems.lost.append(f"{who}: the stored answers differ from the ones submitted")
        counts = stored.items.get(attempt.pk, {"n": 0, "graded": 0})
        if counts["graded"] != counts["n"] or counts["n"] != len(record.submitted):
            problems.lost.append(f"{who}: {counts['graded']} of {counts['n']} questions graded")
        if attempt.passed is not record.passes or attempt.score != (100 if record.passes else 0):
            problems.other.append(f"{who}: score {attempt.score}, passed {attempt.passed}; sent pass={record.passes}")
        return
    if attempt.status != Attempt.Status.IN_PROGRESS or graded_events:
        problems.other.append(f"{who}: never submitted, yet {attempt.status} ({graded_events} grading events)")
    possible = answers_possible(record.saves)
    for question_id in set(held) | set(possible):
        if held.get(question_id, frozenset()) not in possible[question_id]:
            problems.lost.append(
                f"{who}: question {question_id} holds {sorted(held.get(question_id, ()))}, saved "
                f"{[sorted(choices) for choices in possible[question_id]]}"
            )


def attempts_check(player: Player, stored: Stored, problems: Problems) -> None:
    who = player.account.username
    attempts = stored.attempts.get(player.account.user_id, [])
    if [attempt.number for attempt in attempts] != list(range(1, len(attempts) + 1)):
        problems.double.append(f"{who}: attempt numbers {[attempt.number for attempt in attempts]}")
    by_pk = {attempt.pk: attempt for attempt in attempts}
    known = {record.attempt_id for record in player.attempts}
    unknown = [attempt for attempt in attempts if attempt.pk not in known]
    # A quiz page cut at the end may have opened one attempt nobody saw, with nothing in it.
    if len(unknown) > int(player.quiz_pending) or any(stored.selected[attempt.pk] for attempt in unknown):
        problems.double.append(f"{who}: attempts never shown to them: {[attempt.pk for attempt in unknown]}")
    for record in player.attempts:
        if record.attempt_id not in by_pk:
            problems.lost.append(f"{who}: attempt {record.attempt_id} is missing")
        else:
            attempt_check(player, record, by_pk[record.attempt_id], stored, problems)


def certificates_check(player: Player, stored: Stored, problems: Problems) -> None:
    who = player.account.username
    user_id = player.account.user_id
    enrolment = stored.enrolments[user_id]
    passed = any(record.graded and record.passes for record in player.attempts)
    maybe = any(record.graded is None and record.submitted and record.passes for record in player.attempts)
    completed = enrolment.completed_at is not None
    if completed != passed and not (maybe and completed):
        (problems.lost if passed else problems.other).append(f"{who}: enrolment completed={completed}")
    if stored.completed_events[user_id] > 1 or stored.issued_events[user_id] > 1:
        problems.double.append(
            f"{who}: completed {stored.completed_events[user_id]} times, "
            f"{stored.issued_events[user_id]} certificates issued"
        )
    certificates = stored.certificates.get(user_id, [])
    if not completed:
        if certificates:
            problems.other.append(f"{who}: {len(certificates)} certificates for an incomplete enrolment")
        return
    valid = [
        certificate
        for certificate in certificates
        if certificate.enrolment_id == enrolment.pk and not certificate.revoked_at and not certificate.superseded_at
    ]
    if len(certificates) != 1 or len(valid) != 1:
        (problems.double if len(certificates) > 1 else problems.lost).append(
            f"{who}: completed with {len(certificates)} certificates, {len(valid)} valid"
        )
    for certificate in certificates:
        if stored.queued[certificate.pk] != 1:
            (problems.double if stored.queued[certificate.pk] > 1 else problems.lost).append(
                f"{who}: PDF of certificate {certificate.pk} queued {stored.queued[certificate.pk]} times"
            )


def verify(*, players: list[Player], course: Course, stored: Stored) -> tuple[str, Problems]:
    """(summary, problems): the database against what every learner was told and what set-up stored."""
    from training.audit import audit_trail_verify

    problems = Problems()
    for player in players:
        lessons_check(player, stored, course, problems)
        attempts_check(player, stored, problems)
        certificates_check(player, stored, problems)
    trail = audit_trail_verify()
    if trail.broken_at is not None:
        problems.other.append(f"audit trail broken at event {trail.broken_at}: {trail.problem}")
    attempts = [attempt for group in stored.attempts.values() for attempt in group]
    statuses = collections.Counter(attempt.status for attempt in attempts)
    certificates = [certificate for group in stored.certificates.values() for certificate in group]
    saves = sum(sent.stored is True for player in players for record in player.attempts for sent in record.saves)
    staged = sum(player.staged_saves for player in players)
    summary = (
        f"{sum(len(done) for done in stored.lessons.values())} lesson completions, "
        f"{sum(stored.signatures.values())} signatures, {saves} autosaves acknowledged ({staged} of them in set-up); "
        f"{len(attempts)} attempts ("
        + "".join(f"{status} {count}, " for status, count in sorted(statuses.items()))
        + f"{sum(record.abandoned for player in players for record in player.attempts)} abandoned); "
        f"{sum(enrolment.completed_at is not None for enrolment in stored.enrolments.values())} completed "
        f"enrolments, {len(certificates)} certificates, {sum(stored.queued[c.pk] for c in certificates)} PDFs queued; "
        f"audit trail: {trail.count} events, chain {'intact' if trail.broken_at is None else 'BROKEN'}"
    )
    return summary, problems


# Reporting


def report(load: Load, *, seconds: float, at_stop: tuple[int, int], stop_seconds: float) -> int:
    """Print throughput, latency per kind and errors; returns the number of errors."""
    requests, completed = at_stop
    print(
        f"load: {seconds:.1f} s, then gunicorn stopped in {stop_seconds:.1f} s ({load.cut} requests still queued "
        f"or being served were cut; {load.totals()[0] - requests} replies came during the stop)"
    )
    print(
        f"  throughput: {requests} replies in {seconds:.1f} s -> {requests / seconds:.1f} requests/s; "
        f"{completed} courses completed -> {completed / seconds:.2f} completed journeys/s"
    )
    print("  journeys: " + ", ".join(f"{how} {count}" for how, count in load.journeys.most_common()))
    print(f"  {'latency ms':<14} {'requests':>8} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}")
    for kind in KINDS:
        values = load.latencies.get(kind)
        if values:
            figures = [percentile(values, p) for p in (50, 95, 99)] + [max(values)]
            print(f"  {kind:<14} {len(values):>8} " + " ".join(f"{value:>7.0f}" for value in figures))
    errors = sum(load.errors.values())
    if errors:
        print(f"  errors: {errors}: " + ", ".join(f"{kind} {what} x {n}" for (kind, what), n in load.errors.items()))
        for example in load.error_examples:
            print(f"    {example}")
    else:
        print("  errors: 0 (no HTTP 5xx, no timeout, no unexpected reply)")
    return errors


def stages_report(players: list[Player], stored: Stored) -> None:
    """How many learners of each stage got at least so far in the timed phase, and hold a valid certificate now."""
    columns = [*MILESTONES, "certificate"]
    print(
        f"  {'how far, by stage':<40} {'learners':>8} "
        + " ".join(f"{column:>{max(len(column), 6)}}" for column in columns)
    )
    for stage, meaning in STAGES.items():
        group = [player for player in players if player.stage == stage]
        if not group:
            continue
        counts = [sum(milestone in player.reached for player in group) for milestone in MILESTONES]
        counts.append(
            sum(
                any(
                    not certificate.revoked_at and not certificate.superseded_at
                    for certificate in stored.certificates.get(player.account.user_id, [])
                )
                for player in group
            )
        )
        print(
            f"  {f'{stage} ({meaning})':<40} {len(group):>8} "
            + " ".join(f"{count:>{max(len(column), 6)}}" for column, count in zip(columns, counts, strict=True))
        )


def machine_cpu_seconds() -> float:
    """CPU seconds every process of the machine has used since it booted (the busy time in /proc/stat)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait


def loads(values: tuple[float, float, float]) -> str:
    return "/".join(f"{value:.1f}" for value in values)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--learners", type=int, default=200, help="learners at once (default 200)")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (default 60)")
    parser.add_argument(
        "--think", type=float, default=0, help="mean seconds a learner waits before each request (default 0)"
    )
    parser.add_argument("--double-submit-ratio", type=float, default=0.1, help="submits sent twice at once (0.1)")
    parser.add_argument("--abandon-ratio", type=float, default=0.1, help="learners who leave their attempt (0.1)")
    parser.add_argument("--pass-ratio", type=float, default=0.7, help="attempts answered right (the rest wrong)")
    parser.add_argument(
        "--stages",
        type=stages_parse,
        default=DEFAULT_STAGES,
        help="shares of learners starting with nothing read (new), the lessons before the code of conduct read "
        "(reading), every lesson read and the code signed (read), an attempt open with all but 0-3 answers saved "
        f"(quiz); default {DEFAULT_STAGES}",
    )
    arguments_add(parser, timeout=900, request_timeout=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    ratios = (args.double_submit_ratio, args.abandon_ratio, args.pass_ratio)
    if not 1 <= args.learners <= 2000 or not all(0 <= ratio <= 1 for ratio in ratios) or args.pass_ratio == 0:
        parser.error("--learners 1..2000; --double-submit-ratio, --abandon-ratio 0..1; --pass-ratio above 0, at most 1")
    if not 0 < args.duration <= args.timeout - 120 or args.think < 0:
        parser.error("--duration must be above 0 and leave --timeout at least 120 s for set-up and checks")

    load_at_start = os.getloadavg()
    with bench_run(prefix="sc_bench_load", admin_url=args.postgres, timeout=args.timeout) as run:
        rng = random.Random(args.seed)
        password = secrets.token_urlsafe(16)
        started = time.perf_counter()
        course = course_read()
        stages = stages_assign(args.stages, args.learners, rng)
        learners = learners_enrol(
            stages=stages, password=password, course=course, pass_ratio=args.pass_ratio, rng=random.Random(rng.random())
        )
        setup_seconds = time.perf_counter() - started
        signature_seconds, hasher = signature_cpu_seconds(password)
        pg_version = postgres_version()
        serve_seconds = run.serve(workers=args.workers, threads=args.threads)

        load = Load(
            port=run.port,
            course=course,
            password=password,
            request_timeout=args.request_timeout,
            think=args.think,
            double_ratio=args.double_submit_ratio,
            pass_ratio=args.pass_ratio,
        )
        leaving = set(rng.sample(range(args.learners), round(args.learners * args.abandon_ratio)))
        players = [
            Player(
                load=load, account=account, staged=staged, abandons=number in leaving, rng=random.Random(rng.random())
            )
            for number, (account, staged) in enumerate(learners)
        ]
        threads = [threading.Thread(target=player.play, daemon=True) for player in players]
        machine_before = machine()
        cpu_before = cpu_snapshot(server=run.server, admin_url=args.postgres, database=run.database)
        client_before = time.process_time()
        machine_before_seconds = machine_cpu_seconds()
        started = time.perf_counter()
        try:
            for thread in threads:
                thread.start()
            load.stop.wait(args.duration)
        finally:
            load.stop.set()
        seconds = time.perf_counter() - started
        at_stop = load.totals()
        cpu = cpu_used(cpu_before, cpu_snapshot(server=run.server, admin_url=args.postgres, database=run.database))
        others = machine_cpu_seconds() - machine_before_seconds - cpu["app"] - cpu["db"]
        others -= time.process_time() - client_before
        load_at_end = os.getloadavg()
        gunicorn_stop(run.server)  # requests being served finish; queued ones are refused
        for thread in threads:
            thread.join(timeout=max(run.deadline - time.monotonic(), 0))
        stop_seconds = time.perf_counter() - started - seconds
        client_cpu = time.process_time() - client_before
        if any(thread.is_alive() for thread in threads):
            raise RuntimeError("learners still waiting after gunicorn stopped")

        kind = "gthread" if args.threads > 1 else "sync"
        print(
            f"Learners under load: {args.learners} learners for {args.duration:g} s, think time {args.think:g} s, "
            f"gunicorn {args.workers} workers x {args.threads} threads ({kind}), PostgreSQL {pg_version}, "
            f"{machine_before} before the load, code {code_version()}"
        )
        stage_counts = collections.Counter(stages)
        print(
            f"set-up (not timed): migrate {run.migrate_seconds:.1f} s, course + learners at their stages + sessions "
            f"{setup_seconds:.1f} s ("
            + ", ".join(f"{stage_counts[stage]} {stage}: {meaning}" for stage, meaning in STAGES.items())
            + f"), gunicorn {serve_seconds:.1f} s"
        )
        errors = report(load, seconds=seconds, at_stop=at_stop, stop_seconds=stop_seconds)
        cores = os.cpu_count() or 1
        per_reply = (cpu["app"] + cpu["db"]) * 1000 / max(at_stop[0], 1)
        print(
            f"  CPU in the {seconds:.0f} s of load: gunicorn {cpu['app']:.1f} s + PostgreSQL {cpu['db']:.1f} s "
            f"(+ this client {client_cpu:.1f} s) of the {cores * seconds:.0f} s {cores} cores have: {per_reply:.0f} ms "
            f"per reply, i.e. at most {cores * 1000 / per_reply:.0f} requests/s of this mix on {cores} idle cores"
        )
        print(f"  one signature's password check: {signature_seconds * 1000:.0f} ms of CPU ({hasher})")
        shared = others > 0.1 * cores * seconds or load_at_start[0] > cores / 2
        print(
            f"  machine: load average (1/5/15 min) {loads(load_at_start)} at the start of the run, "
            f"{loads(load_at_end)} at the end of the load; other processes used {max(others, 0):.1f} s of CPU during it"
            + (": the machine was shared, the wall-clock figures are pessimistic" if shared else "")
        )
        server_errors = log_tail(run.log)
        if server_errors.strip():
            print(f"gunicorn error log:\n{server_errors}")

        stored = stored_read([player.account.user_id for player in players])
        stages_report(players, stored)
        summary, problems = verify(players=players, course=course, stored=stored)
        print(f"verification: {summary}")
        print(
            f"lost: {len(problems.lost)}, double-counted: {len(problems.double)}, "
            f"other problems: {len(problems.other)}, errors: {errors}"
        )
        for problem in (problems.lost + problems.double + problems.other)[:20]:
            print(f"  FAIL {problem}")
        return 1 if errors or problems.lost or problems.double or problems.other else 0


if __name__ == "__main__":
    sys.exit(main())
