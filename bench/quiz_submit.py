"""Quiz submissions under load: N learners submit graded attempts through the real views, on PostgreSQL.

    .venv/bin/python -m bench.quiz_submit [-n 200] [--concurrency 16] [--workers 4] [--threads 1]

1. Creates a throwaway database (`sc_bench_quiz_<pid>`, dropped at the end, also on failure or timeout),
   migrates it and builds the starter course (its 14-question quiz) with the product's services.
2. Creates N learners, enrols them, reads every lesson and starts one attempt each (through the services).
3. Serves the app with gunicorn on 127.0.0.1 (production settings via `bench.settings`) and logs every learner in
   through the login form (not timed; the session cookies are reused).
4. Times N submits of the whole quiz (POST /quiz/attempts/<id>/submit/ with the CSRF token and the sequence), fired
   from a bounded thread pool: half with the right answers, half with wrong ones; a share of the learners send the
   same submit twice at once (a double click).
5. Checks in the database that every attempt was graded exactly once and nothing was lost; exits 1 if not.
6. Counts the queries of one submit (in-process, Django's test client) and prints what they are spent on.

Certificate PDFs are queued with django-tasks-db, as in production, and never rendered here.
Only loopback traffic; every request has a timeout and the whole run stops after --timeout seconds.
"""

import argparse
import collections
import contextlib
import math
import os
import random
import re
import secrets
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"
ALREADY_SUBMITTED = "already been submitted"
CERTIFICATE_TASK = "certificates.tasks.certificate_render_task"


class BenchTimeout(Exception):
    pass


@dataclass
class Learner:
    username: str
    user_id: int
    attempt_id: int
    sequence: int
    answers: dict[int, list[int]]
    passes: bool
    double: bool = False
    cookies: dict[str, str] = field(default_factory=dict)


@dataclass
class Reply:
    status: int
    location: str
    cookies: dict[str, str]
    seconds: float
    body: bytes = b""


# Setting up: database, course, learners


def admin_connect(admin_url: str):
    import psycopg

    return psycopg.connect(admin_url, autocommit=True, connect_timeout=10)


def database_create(admin_url: str, name: str) -> None:
    from psycopg import sql

    with admin_connect(admin_url) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def database_drop(admin_url: str, name: str) -> None:
    from psycopg import sql

    with admin_connect(admin_url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def database_url(admin_url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(admin_url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def starter_course():
    """The starter course (its lessons and 14-question quiz), made with the product's services on first use."""
    from cms.content.starter_course import COURSE
    from cms.models import CoursePage
    from cms.services import course_create_from_data, home_page_ensure

    course = CoursePage.objects.filter(slug=COURSE["slug"]).first()
    return course or course_create_from_data(parent=home_page_ensure(), data=COURSE)


def users_create(*, count: int, password: str, prefix: str) -> list:
    """`count` users named `<prefix>00000`..., all with `password`."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    # One hash for everyone: hashing 1.5 M PBKDF2 rounds per user would only slow the set-up down.
    password_hash = make_password(password)
    user_model = get_user_model()
    return user_model.objects.bulk_create(
        user_model(
            username=f"{prefix}{number:05d}",
            first_name="Learner",
            last_name=f"{prefix}{number}",
            email=f"{prefix}{number}@bench.invalid",
            password=password_hash,
        )
        for number in range(count)
    )


def answer_key(quiz) -> tuple[dict[int, list[int]], dict[int, int]]:
    """The right options of every question of `quiz`, and one wrong option of each."""
    from quizzes.models import Choice

    right: dict[int, list[int]] = collections.defaultdict(list)
    wrong: dict[int, int] = {}
    for question_id, choice_id, is_correct in (
        Choice.objects.filter(question__quiz_links__quiz=quiz)
        .order_by("question_id", "sort_order", "pk")
        .values_list("question_id", "pk", "is_correct")
    ):
        if is_correct:
            right[question_id].append(choice_id)
        else:
            wrong.setdefault(question_id, choice_id)
    return right, wrong


def learners_create(*, count: int, password: str, prefix: str, rng: random.Random) -> list[Learner]:
    """The starter course and `count` learners, each enrolled, with every lesson read and an attempt open."""
    from django.db import transaction

    from quizzes.models import AttemptQuestion
    from quizzes.services import attempt_start
    from training.services import enrolment_create, lesson_complete

    course = starter_course()
    quiz = course.quiz
    lessons = list(course.lessons().specific())
    users = users_create(count=count, password=password, prefix=prefix)
    attempts = []
    for user in users:
        with transaction.atomic():
            enrolment = enrolment_create(user=user, course=course)
            for lesson in lessons:
                lesson_complete(user=user, lesson=lesson, acknowledged=True)
            attempts.append(attempt_start(user=user, quiz=quiz, enrolment=enrolment, rng=random.Random(rng.random())))
    right, wrong = answer_key(quiz)
    questions: dict[int, list[int]] = collections.defaultdict(list)
    for attempt_id, question_id in AttemptQuestion.objects.filter(attempt__in=attempts).values_list(
        "attempt_id", "question_id"
    ):
        questions[attempt_id].append(question_id)
    learners = []
    for number, (user, attempt) in enumerate(zip(users, attempts, strict=True)):
        passes = number % 2 == 0
        answers = {qid: list(right[qid]) if passes else [wrong[qid]] for qid in questions[attempt.pk]}
        learners.append(Learner(user.username, user.pk, attempt.pk, attempt.sequence, answers, passes))
    return learners


# HTTP client (stdlib only)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def _reply(response, started: float) -> Reply:
    body = response.read()
    cookies = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        jar = SimpleCookie()
        jar.load(header)
        cookies.update({name: morsel.value for name, morsel in jar.items()})
    location = response.headers.get("Location", "")
    return Reply(response.status, location, cookies, time.perf_counter() - started, body)


def _request(connection: HTTPConnection, method: str, path: str, cookies: dict[str, str], form=None) -> None:
    headers = {"Cookie": _cookie_header(cookies), "Connection": "close"}
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form, doseq=True)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)


def http(port: int, method: str, path: str, *, cookies: dict[str, str], form=None, timeout: float) -> Reply:
    connection = HTTPConnection(HOST, port, timeout=timeout)
    try:
        started = time.perf_counter()
        _request(connection, method, path, cookies, form)
        return _reply(connection.getresponse(), started)
    finally:
        connection.close()


def http_twice(port: int, path: str, *, cookies: dict[str, str], form, timeout: float) -> list[Reply]:
    """The same POST on two connections at once (a double click); replies in the order they arrive."""
    connections = [HTTPConnection(HOST, port, timeout=timeout) for _ in range(2)]
    try:
        started = {}
        for connection in connections:
            started[connection] = time.perf_counter()
            _request(connection, "POST", path, cookies, form)
        replies = []
        with selectors.DefaultSelector() as selector:
            for connection in connections:
                selector.register(connection.sock, selectors.EVENT_READ, connection)
            while len(replies) < 2:
                ready = selector.select(timeout)
                if not ready:
                    raise TimeoutError("no reply to a double submit")
                for key, _ in ready:
                    selector.unregister(key.fileobj)
                    replies.append(_reply(key.data.getresponse(), started[key.data]))
        return replies
    finally:
        for connection in connections:
            connection.close()


def login(port: int, learner: Learner, password: str, timeout: float) -> None:
    page = http(port, "GET", "/accounts/login/", cookies={}, timeout=timeout)
    cookies = dict(page.cookies)
    form = {"username": learner.username, "password": password, "csrfmiddlewaretoken": cookies.get("csrftoken", "")}
    reply = http(port, "POST", "/accounts/login/", cookies=cookies, form=form, timeout=timeout)
    cookies.update(reply.cookies)
    if reply.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"login of {learner.username} failed: HTTP {reply.status}")
    learner.cookies = cookies


def submit_form(learner: Learner) -> dict:
    form = {f"q{question_id}": choices for question_id, choices in learner.answers.items()}
    form.update(csrfmiddlewaretoken=learner.cookies["csrftoken"], sequence=str(learner.sequence))
    return form


def submit(port: int, learner: Learner, timeout: float) -> list[Reply]:
    path = f"/quiz/attempts/{learner.attempt_id}/submit/"
    if learner.double:
        return http_twice(port, path, cookies=learner.cookies, form=submit_form(learner), timeout=timeout)
    return [http(port, "POST", path, cookies=learner.cookies, form=submit_form(learner), timeout=timeout)]


def outcome(learner: Learner, reply: Reply) -> str:
    """'graded', 'already' (the "already submitted" redirect) or what else came back."""
    from django.contrib.messages.storage.cookie import MessageSerializer
    from django.core import signing

    if reply.status != 302 or reply.location != f"/quiz/attempts/{learner.attempt_id}/":
        return f"HTTP {reply.status} {reply.location}".strip()
    if "messages" not in reply.cookies:
        return "graded"
    signer = signing.get_cookie_signer(salt="django.contrib.messages")
    try:
        messages = signer.unsign_object(reply.cookies["messages"], serializer=MessageSerializer)
    except signing.BadSignature:
        return "graded with an unreadable message"
    texts = " | ".join(str(message.message) for message in messages)
    return "already" if ALREADY_SUBMITTED in texts else f"graded with message: {texts}"


def run_pool(function, items, *, concurrency: int, deadline: float) -> list:
    """`function(item)` for every item on a bounded pool; the first error or the deadline stops the run."""
    pool = ThreadPoolExecutor(max_workers=concurrency)
    try:
        futures = [pool.submit(function, item) for item in items]
        done, pending = wait(futures, timeout=max(deadline - time.monotonic(), 0), return_when=FIRST_EXCEPTION)
        if pending:
            for future in done:
                future.result()  # raise the error that stopped the run
            raise BenchTimeout("the requests did not finish before --timeout")
        return [future.result() for future in futures]
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


# gunicorn


def gunicorn_start(*, port: int, workers: int, threads: int, env: dict, log: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--timeout=60",
        "--log-level=warning",
    ]
    with open(log, "ab") as output:  # Django logs errors to the console: keep them with gunicorn's
        return subprocess.Popen(
            command, cwd=ROOT, env=env, start_new_session=True, stdin=subprocess.DEVNULL, stdout=output, stderr=output
        )


def gunicorn_wait(process: subprocess.Popen, port: int, log: Path, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{log_tail(log)}")
        try:
            if http(port, "GET", "/accounts/login/", cookies={}, timeout=5).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchTimeout(f"gunicorn did not answer in time:\n{log_tail(log)}")


def gunicorn_stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)  # its own session: the master and its workers
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    except ProcessLookupError:
        pass


def log_tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# CPU accounting: wall-clock figures depend on what else runs on the machine, CPU time per submit does not


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process, all its threads (Linux /proc); 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def cpu_snapshot(*, server: subprocess.Popen, admin_url: str, database: str) -> dict[str, dict[int, float]]:
    """CPU seconds so far of the gunicorn processes and of the database's PostgreSQL backends, by pid."""
    with admin_connect(admin_url) as connection:
        backends = [
            row[0] for row in connection.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [database])
        ]
    app = [server.pid, *children(server.pid)]
    return {
        "app": {pid: process_cpu_seconds(pid) for pid in app},
        "db": {pid: process_cpu_seconds(pid) for pid in backends},
    }


def cpu_used(before: dict[str, dict[int, float]], after: dict[str, dict[int, float]]) -> dict[str, float]:
    """CPU seconds spent between two snapshots; processes that started in between count from zero."""
    return {
        group: sum(seconds - before[group].get(pid, 0.0) for pid, seconds in after[group].items()) for group in after
    }


# Checking the outcome


def questions_graded(user_ids: list[int]) -> dict[int, dict]:
    """For every attempt of these users: how many questions it has (`n`) and how many are credited (`graded`)."""
    from django.db.models import Count

    from quizzes.models import AttemptQuestion

    return {
        row["attempt_id"]: row
        for row in AttemptQuestion.objects.filter(attempt__user_id__in=user_ids)
        .values("attempt_id")
        .annotate(n=Count("pk"), graded=Count("credit"))
    }


def answers_stored(user_ids: list[int]) -> dict[int, dict[int, set[int]]]:
    """The options stored as chosen in every attempt of these users, by attempt and question."""
    from quizzes.models import AttemptQuestion

    selected: dict[int, dict[int, set[int]]] = collections.defaultdict(lambda: collections.defaultdict(set))
    through = AttemptQuestion.selected.through
    for attempt_id, question_id, choice_id in through.objects.filter(
        attemptquestion__attempt__user_id__in=user_ids
    ).values_list("attemptquestion__attempt_id", "attemptquestion__question_id", "choice_id"):
        selected[attempt_id][question_id].add(choice_id)
    return selected


def pdfs_queued() -> collections.Counter:
    """How many times the PDF of each certificate (by id) was queued for rendering."""
    from django_tasks_db.models import DBTaskResult

    return collections.Counter(
        args["kwargs"].get("certificate_id")
        for args in DBTaskResult.objects.filter(task_path=CERTIFICATE_TASK).values_list("args_kwargs", flat=True)
    )


def verify(*, learners: list[Learner], outcomes: dict[int, list[str]], questions_per_attempt: int):
    """(summary, lost, double_counted, other): what the database holds, and the problems found in it and the replies."""
    from certificates.models import Certificate
    from quizzes.models import Attempt
    from training.models import Enrolment

    graded = 0
    lost: list[str] = []
    double: list[str] = []
    other: list[str] = []
    user_ids = [learner.user_id for learner in learners]
    attempts: dict[int, list] = collections.defaultdict(list)
    for attempt in Attempt.objects.filter(user_id__in=user_ids):
        attempts[attempt.user_id].append(attempt)
    items = questions_graded(user_ids)
    selected = answers_stored(user_ids)
    enrolments = {enrolment.user_id: enrolment for enrolment in Enrolment.objects.filter(user_id__in=user_ids)}
    certificates = collections.Counter(
        Certificate.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True)
    )
    certificate_ids = set(Certificate.objects.filter(user_id__in=user_ids).values_list("pk", flat=True))
    queued = pdfs_queued()

    for learner in learners:
        who = f"{learner.username} (attempt {learner.attempt_id})"
        replies = outcomes.get(learner.user_id, [])
        graded_replies = sum(reply == "graded" for reply in replies)
        expected = ["already", "graded"] if learner.double else ["graded"]
        if graded_replies > 1:
            double.append(f"{who}: {graded_replies} submits graded it")
        elif sorted(replies) != expected:
            other.append(f"{who}: replies {sorted(replies)}, expected {expected}")
        own = attempts.get(learner.user_id, [])
        if len(own) != 1:
            (double if len(own) > 1 else lost).append(f"{who}: {len(own)} attempts")
            continue
        attempt = own[0]
        if attempt.status != Attempt.Status.SUBMITTED or attempt.score is None or attempt.submitted_at is None:
            lost.append(f"{who}: status {attempt.status}, score {attempt.score}")
            continue
        graded += 1
        counts = items.get(attempt.pk, {"n": 0, "graded": 0})
        if counts["n"] != questions_per_attempt or counts["graded"] != counts["n"]:
            lost.append(f"{who}: {counts['graded']} of {counts['n']} questions graded")
        sent = {question_id: set(choices) for question_id, choices in learner.answers.items()}
        if dict(selected.get(attempt.pk, {})) != sent:
            lost.append(f"{who}: the stored answers differ from the ones sent")
        if attempt.passed is not learner.passes or attempt.score != (100 if learner.passes else 0):
            other.append(f"{who}: score {attempt.score}, passed {attempt.passed}; expected pass={learner.passes}")
        enrolment = enrolments.get(learner.user_id)
        completed = bool(enrolment and enrolment.completed_at)
        if completed is not learner.passes:
            (lost if learner.passes else other).append(f"{who}: enrolment completed={completed}")
        issued = certificates.get(learner.user_id, 0)
        if issued != (1 if learner.passes else 0):
            (double if issued > 1 else lost if learner.passes else other).append(f"{who}: {issued} certificates")
    for certificate_id in certificate_ids:
        if queued.get(certificate_id, 0) != 1:
            (double if queued.get(certificate_id, 0) > 1 else lost).append(
                f"certificate {certificate_id}: PDF queued {queued.get(certificate_id, 0)} times"
            )
    summary = (
        f"{graded}/{len(learners)} attempts graded; {sum(bool(e.completed_at) for e in enrolments.values())} "
        f"completions, {sum(certificates.values())} certificates and {sum(queued[pk] for pk in certificate_ids)} "
        f"queued PDFs for {sum(learner.passes for learner in learners)} passing learners"
    )
    return summary, lost, double, other


# Counting the queries of one submit


def _query_label(sql: str) -> str:
    verb = sql.split(None, 1)[0].upper() if sql.strip() else "?"
    if verb in {"SAVEPOINT", "RELEASE", "ROLLBACK"}:
        return "SAVEPOINT/RELEASE"
    match = re.search(r'\b(?:FROM|INTO|UPDATE)\s+"?([\w.]+)"?', sql, re.IGNORECASE)
    return f"{verb} {match.group(1) if match else '?'}"


def queries_per_submit(
    probes: list[Learner], *, show: bool = False
) -> list[tuple[str, int, collections.Counter, float]]:
    """Queries (and in-process time) of a passing submit, a failing one and a repeated one, after a warm-up."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    rows = []
    for label, learner in [
        ("warm-up", probes[2]),  # the first request of a process imports and caches what the others reuse
        ("passing submit", probes[0]),
        ("failing submit", probes[1]),
        ("second submit (already submitted)", probes[0]),
    ]:
        client = Client()
        client.force_login(get_user_model().objects.get(pk=learner.user_id))
        form = {f"q{question_id}": choices for question_id, choices in learner.answers.items()}
        form["sequence"] = str(learner.sequence)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.post(f"/quiz/attempts/{learner.attempt_id}/submit/", form)
            seconds = time.perf_counter() - started
        if response.status_code != 302:
            raise RuntimeError(f"{label}: HTTP {response.status_code}")
        labels = collections.Counter(_query_label(query["sql"]) for query in captured.captured_queries)
        if show:
            print(f"--- {label}")
            for query in captured.captured_queries:
                print(f"  {query['time']}s  {query['sql'][:300]}")
        rows.append((label, len(captured), labels, seconds))
    return rows[1:]


# Reporting


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(math.ceil(p / 100 * len(ordered)) - 1, 0)]


def code_version() -> str:
    """The commit measured, with "-dirty" when the working tree has uncommitted changes."""
    try:
        return subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True, timeout=10
        ).stdout.strip()
    except OSError:
        return "unknown"


def postgres_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0].split()[0]


# Running a bench: bounded in time, on a throwaway database that is always dropped


def arguments_add(parser: argparse.ArgumentParser, *, timeout: float, request_timeout: float) -> None:
    """The options of the benches that serve the app with gunicorn."""
    # 4 sync workers (as in docs/deploy.md): same CPU per submit as 2x4, 3x2 or 2x8 gthread, the tightest p99.
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker; 1 = sync workers (default 1)")
    parser.add_argument(
        "--timeout", type=float, default=timeout, help=f"stop the run after this many seconds (default {timeout:g})"
    )
    parser.add_argument(
        "--request-timeout",
        type=float,
        default=request_timeout,
        help=f"seconds per HTTP request (default {request_timeout:g})",
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="an admin connection used to create and drop the throwaway database",
    )


@dataclass
class Run:
    """One bench run: its throwaway database, its working folder and, once `serve()` started it, gunicorn."""

    database: str
    workdir: Path
    deadline: float
    migrate_seconds: float = 0.0
    server: subprocess.Popen | None = None
    port: int = 0

    @property
    def log(self) -> Path:
        return self.workdir / "gunicorn.log"

    def serve(self, *, workers: int, threads: int) -> float:
        """Start gunicorn on a free loopback port and wait until it answers; returns the seconds that took."""
        from django.db import connections

        connections.close_all()  # gunicorn's workers open their own
        started = time.perf_counter()
        self.port = free_port()
        self.server = gunicorn_start(
            port=self.port, workers=workers, threads=threads, env=dict(os.environ), log=self.log
        )
        gunicorn_wait(self.server, self.port, self.log, self.deadline)
        return time.perf_counter() - started


@contextlib.contextmanager
def bench_run(*, prefix: str, admin_url: str, timeout: float):
    """Create the database `<prefix>_<pid>`, point this process (and the gunicorn it starts) at it with
    `bench.settings`, set Django up and migrate. The whole run stops after `timeout` seconds or on SIGTERM, and
    gunicorn is stopped, the database dropped and the folder removed however it ends."""

    def on_alarm(signum, frame):
        raise BenchTimeout(f"the run took longer than --timeout {timeout:g} s")

    def on_term(signum, frame):
        raise SystemExit(f"stopped by signal {signum}")

    signal.signal(signal.SIGALRM, on_alarm)
    signal.signal(signal.SIGTERM, on_term)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    workdir = tempfile.TemporaryDirectory(prefix="sc-bench-")
    run = Run(f"{prefix}_{os.getpid()}", Path(workdir.name), time.monotonic() + timeout)
    created = False
    try:
        (run.workdir / "static").mkdir()
        database_create(admin_url, run.database)
        created = True
        os.environ.update(
            {
                "DJANGO_SETTINGS_MODULE": "bench.settings",
                "DATABASE_URL": database_url(admin_url, run.database),
                "SECRET_KEY": secrets.token_urlsafe(50),
                "MEDIA_ROOT": str(run.workdir / "media"),
                "STATIC_ROOT": str(run.workdir / "static"),
                "LOG_LEVEL": "WARNING",
                # Keep each connection for the whole run (production: 60 s), so that the CPU of every PostgreSQL
                # backend is still there to be counted at the end of the timed phase.
                "DB_CONN_MAX_AGE": str(int(timeout) + 60),
            }
        )
        import django

        django.setup()
        from django.core.management import call_command

        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        run.migrate_seconds = time.perf_counter() - started
        yield run
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        gunicorn_stop(run.server)
        run_cleanup(admin_url=admin_url, database=run.database, created=created, workdir=workdir)


def run_cleanup(*, admin_url: str, database: str, created: bool, workdir) -> None:
    """What a bench does however it ends: the --timeout alarm off, Django's connections closed, the throwaway
    database dropped (if the bench made it) and the temporary folder removed."""
    signal.setitimer(signal.ITIMER_REAL, 0)
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()
    if created:
        database_drop(admin_url, database)
    workdir.cleanup()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--learners", type=int, default=200, help="learners submitting (default 200)")
    parser.add_argument("--concurrency", type=int, default=16, help="client threads (default 16)")
    parser.add_argument(
        "--double-submit-ratio", type=float, default=0.1, help="share of learners submitting twice at once"
    )
    arguments_add(parser, timeout=600, request_timeout=30)
    parser.add_argument("--show-queries", action="store_true", help="print the SQL of the probe submits")
    parser.add_argument("--seed", type=int, default=1, help="which learners pass and double-submit")
    args = parser.parse_args(argv)
    if not 1 <= args.learners <= 5000 or not 1 <= args.concurrency <= 256 or not 0 <= args.double_submit_ratio <= 1:
        parser.error("--learners 1..5000, --concurrency 1..256, --double-submit-ratio 0..1")

    with bench_run(prefix="sc_bench_quiz", admin_url=args.postgres, timeout=args.timeout) as run:
        rng = random.Random(args.seed)
        password = secrets.token_urlsafe(16)
        started = time.perf_counter()
        learners = learners_create(count=args.learners, password=password, prefix="learner", rng=rng)
        probes = learners_create(count=3, password=password, prefix="probe", rng=rng)
        setup_seconds = time.perf_counter() - started
        for learner in rng.sample(learners, round(args.learners * args.double_submit_ratio)):
            learner.double = True
        questions_per_attempt = len(learners[0].answers)
        pg_version = postgres_version()
        started_seconds = run.serve(workers=args.workers, threads=args.threads)
        port, log, server, deadline = run.port, run.log, run.server, run.deadline

        started = time.perf_counter()
        # Logging in runs the production password hasher (~0.5 s of CPU each): a few at a time is as fast.
        run_pool(
            lambda learner: login(port, learner, password, max(args.request_timeout, 120)),
            learners,
            concurrency=min(args.concurrency, 2 * (os.cpu_count() or 1)),
            deadline=deadline,
        )
        login_seconds = time.perf_counter() - started

        order = list(learners)
        rng.shuffle(order)
        load = os.getloadavg()[0]
        cpu_before = cpu_snapshot(server=server, admin_url=args.postgres, database=run.database)
        client_before = time.process_time()
        started = time.perf_counter()
        results = run_pool(
            lambda learner: submit(port, learner, args.request_timeout),
            order,
            concurrency=args.concurrency,
            deadline=deadline,
        )
        wall = time.perf_counter() - started
        client_cpu = time.process_time() - client_before
        cpu = cpu_used(cpu_before, cpu_snapshot(server=server, admin_url=args.postgres, database=run.database))
        gunicorn_stop(server)
        errors = log_tail(log)

        replies = [reply for batch in results for reply in batch]
        latencies = [reply.seconds * 1000 for reply in replies]
        outcomes = {
            learner.user_id: [outcome(learner, reply) for reply in batch]
            for learner, batch in zip(order, results, strict=True)
        }
        statuses = collections.Counter(reply.status for reply in replies)
        kinds = collections.Counter(kind for batch in outcomes.values() for kind in batch)
        doubles = sum(learner.double for learner in learners)
        kind = "gthread" if args.threads > 1 else "sync"
        rate = args.learners / wall

        print(
            f"Quiz submit bench: {args.learners} learners, concurrency {args.concurrency}, "
            f"gunicorn {args.workers} workers x {args.threads} threads ({kind}), PostgreSQL {pg_version}, "
            f"{os.cpu_count()} CPUs, code {code_version()}"
        )
        print(
            "Certificate PDFs: queued with django_tasks_db.DatabaseBackend as in production (a db_worker would "
            "render them; none runs here)"
        )
        print(
            f"set-up (not timed): migrate {run.migrate_seconds:.1f} s, course + learners {setup_seconds:.1f} s, "
            f"gunicorn {started_seconds:.1f} s, logins {login_seconds:.1f} s"
        )
        print(
            f"submits: {args.learners} learners ({doubles} double submits) -> {len(replies)} requests in {wall:.2f} s"
        )
        print(f"  submissions/s: {rate:.1f} (first submits; target >= 200)")
        print(
            f"  latency ms (all {len(replies)} requests): p50 {percentile(latencies, 50):.0f}  "
            f"p95 {percentile(latencies, 95):.0f}  p99 {percentile(latencies, 99):.0f}  "
            f"max {max(latencies):.0f} (target p99 < 150)"
        )
        per_submit = {group: seconds * 1000 / args.learners for group, seconds in cpu.items()}
        server_ms = per_submit["app"] + per_submit["db"]
        cores = os.cpu_count() or 1
        print(
            f"  CPU per submit: gunicorn {per_submit['app']:.1f} ms + PostgreSQL {per_submit['db']:.1f} ms "
            f"(+ this client {client_cpu * 1000 / args.learners:.1f} ms) -> at most "
            f"{cores * 1000 / server_ms:.0f} submissions/s on {cores} otherwise idle cores"
        )
        if load > cores / 4:
            print(
                f"  NOTE: load average {load:.1f} before the timed phase: other processes share the CPUs, so the "
                "wall-clock figures above are pessimistic (the CPU per submit is not)"
            )
        print("  HTTP status: " + ", ".join(f"{status} x {count}" for status, count in sorted(statuses.items())))
        print("  replies: " + ", ".join(f"{name} x {count}" for name, count in kinds.most_common()))
        if errors.strip():
            print(f"gunicorn error log:\n{errors}")

        summary, lost, double, other = verify(
            learners=learners, outcomes=outcomes, questions_per_attempt=questions_per_attempt
        )
        print(f"verification: {summary}")
        print(f"lost: {len(lost)}, double-counted: {len(double)}, other problems: {len(other)}")
        for problem in (lost + double + other)[:20]:
            print(f"  FAIL {problem}")

        print("queries per submit (in-process, Django test client, same settings and database):")
        for label, count, labels, seconds in queries_per_submit(probes, show=args.show_queries):
            top = ", ".join(f"{name} {n}" for name, n in labels.most_common(6))
            print(f"  {label}: {count} queries, {seconds * 1000:.0f} ms alone  [{top}]")
        return 1 if lost or double or other else 0


if __name__ == "__main__":
    sys.exit(main())
