"""Lesson page vs a bare Wagtail page with the same StreamField body: server time of each, measured in one run.

    .venv/bin/python -m bench.pages [--runs 400] [--warm-up 50] [--lesson SLUG] [--postgres [ADMIN_URL]]

1. Makes a throwaway database: SQLite in a temporary folder (SC_VAR_DIR and DATABASE_URL point there), or with
   `--postgres` a PostgreSQL database `sc_bench_pages_<pid>` created and dropped as `bench.quiz_submit` does;
   migrates it (`bench.settings`: the production settings) and builds the starter course with
   `cms.services.course_create_from_data`. Two learners are enrolled on it: one has not read the lesson yet, the
   other has.
2. Serves the lesson (default: the first one) by calling Django's WSGI handler in-process, as a WSGI server would,
   with the learner's session and CSRF cookies, three ways:
   (a) the product, as the learner who has not read it yet sees it (the "I have read this lesson" button), and
   (a') as the learner who has read it sees it (the button to the next lesson): `LessonPage.serve` with its
       context (enrolment and progress, confirmation, next lesson, how to sign, reading time, the page in the
       learner's language) and `cms/lesson_page.html`;
   (b) a bare Wagtail page: the same page object served by Wagtail's own `Page.serve` (a TemplateResponse of
       `Page.get_context`: page, self, request) with a template that is the site's `base.html` with the title and
       `{% include_block page.body %}` as its content, and nothing else.
3. Times RUNS requests of each after WARM-UP requests of each, interleaved in a rotating order so that whatever
   else the machine does slows all alike; prints median and p95 of wall-clock ms, median CPU ms, the queries of
   each and the ratios of the medians (target: the lesson page within 1.2x the bare page). `--profile` adds a
   cProfile of the lesson page as read, `--show-queries` the SQL of each.

What makes the comparison fair: both requests take the very same path up to the page's `serve()`: the same URL,
every middleware (session, login, CSRF, language, messages, redirects), Wagtail's routing through the page tree, its
view restriction check and the product's `before_serve_page` hooks (a no-op here: the starter lessons have no
minimum reading time). Both render the same StreamField value with the same block templates, inside the same base
layout, whose header asks the same context processors (the navigation's permission checks). The bare page is switched
on by a key in the WSGI environ that an `on_serve_page` hook registered by this script reads, and that hook runs for
both. The difference is therefore exactly what a lesson adds on top of Wagtail: the lesson's `serve()` and
`get_context()`, and its template (course link, completion form, user bar).
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
import wsgiref.util
from pathlib import Path

from bench.certificates import machine
from bench.quiz_submit import (
    BenchTimeout,
    code_version,
    database_create,
    database_url,
    percentile,
    postgres_version,
    run_cleanup,
)

TARGET_RATIO = 1.2
BARE_KEY = "bench.bare_page"
UNREAD = "(a) lesson page, not read yet"
READ = "(a') lesson page, read"
BARE = "(b) bare Wagtail page, same body"
BARE_TEMPLATE = (
    '{% extends "base.html" %}{% load wagtailcore_tags %}'
    '{% block content %}<article class="lesson"><h1>{{ page.title }}</h1>'
    '<div class="lesson-body">{% include_block page.body %}</div></article>{% endblock %}'
)
HOST = "127.0.0.1"


def django_setup(*, workdir: Path, database: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": database,
            "SC_VAR_DIR": str(workdir),
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "LOG_LEVEL": "WARNING",
        }
    )
    (workdir / "static").mkdir(exist_ok=True)
    import django

    django.setup()


def bare_serving_register() -> None:
    """An `on_serve_page` hook that serves the page the Wagtail way, with the bare template, when the WSGI environ
    asks for it; otherwise it hands over to the page's own `serve()`."""
    from django.template import engines
    from django.template.response import TemplateResponse
    from wagtail import hooks
    from wagtail.models import Page

    template = engines["django"].from_string(BARE_TEMPLATE)

    def bare_serving(next_serve):
        def serve(page, request, args, kwargs):
            if request.META.get(BARE_KEY):
                request.is_preview = False
                return TemplateResponse(request, template, Page.get_context(page, request, *args, **kwargs))
            return next_serve(page, request, args, kwargs)

        return serve

    hooks.register("on_serve_page", bare_serving)


def course_create(lesson_slug: str | None):
    """The starter course and the lesson to show (by slug, else the first)."""
    from cms.content.starter_course import COURSE
    from cms.services import course_create_from_data, home_page_ensure

    course = course_create_from_data(parent=home_page_ensure(), data=COURSE)
    lessons = list(course.lessons().specific())
    lesson = next((page for page in lessons if page.slug == lesson_slug), None) if lesson_slug else lessons[0]
    if lesson is None:
        raise SystemExit(f"no lesson {lesson_slug!r}; the starter course has: {', '.join(p.slug for p in lessons)}")
    return course, lesson


def learner_create(username: str, course, *, read: list) -> object:
    """A learner with an employee record, enrolled on `course`, who has read the lessons in `read`."""
    from django.contrib.auth import get_user_model

    from training.models import Employee
    from training.services import enrolment_create, lesson_complete

    user = get_user_model().objects.create_user(
        username=username, first_name="Bench", last_name=username.title(), email=f"{username}@bench.invalid"
    )
    Employee.objects.create(user=user)
    enrolment_create(user=user, course=course)
    for lesson in read:
        lesson_complete(user=user, lesson=lesson, acknowledged=True)
    return user


class Server:
    """Django's WSGI handler called in-process with a fixed set of cookies."""

    def __init__(self, cookies: dict[str, str]):
        from django.core.handlers.wsgi import WSGIHandler

        self.handler = WSGIHandler()
        self.cookies = cookies

    def environ(self, path: str, *, bare: bool) -> dict:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "HTTP_HOST": HOST,
            "SERVER_NAME": HOST,
            "REMOTE_ADDR": HOST,
            "HTTP_ACCEPT_LANGUAGE": "en",
            "HTTP_COOKIE": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
        }
        if bare:
            environ[BARE_KEY] = True
        wsgiref.util.setup_testing_defaults(environ)
        return environ

    def get(self, path: str, *, bare: bool = False) -> tuple[str, dict, bytes]:
        reply = {}

        def start_response(status, headers, exc_info=None):
            reply["status"], reply["headers"] = status, headers

        response = self.handler(self.environ(path, bare=bare), start_response)
        try:
            body = b"".join(response)
        finally:
            response.close()
        return reply["status"], reply["headers"], body


def cookies_for(user) -> dict[str, str]:
    """The session cookie of `user` logged in, as a browser has it."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def csrf_cookie(server: Server, path: str) -> None:
    """Take the CSRF cookie the first page sets (the completion form needs one), as a browser keeps it."""
    from http.cookies import SimpleCookie

    from django.conf import settings

    _, headers, _ = server.get(path)
    for name, value in headers:
        if name.lower() == "set-cookie":
            jar = SimpleCookie()
            jar.load(value)
            if settings.CSRF_COOKIE_NAME in jar:
                server.cookies[settings.CSRF_COOKIE_NAME] = jar[settings.CSRF_COOKIE_NAME].value


def check(variants: dict, path: str, lesson) -> dict[str, bytes]:
    """Every variant answers 200 with the lesson's body; the lesson pages show the learner's own next step."""
    bodies = {}
    for name, (server, bare) in variants.items():
        status, _, body = server.get(path, bare=bare)
        if not status.startswith("200"):
            raise SystemExit(f"{name}: HTTP {status}")
        bodies[name] = body
    first_block = str(lesson.body[0].render()).strip()[:200].encode()
    for name, body in bodies.items():
        if first_block not in body:
            raise SystemExit(f"{name}: the lesson's body is missing from the page")
    expected = {UNREAD: b'action="/learn/lessons/', READ: b"You have read this lesson.", BARE: None}
    for name, marker in expected.items():
        if marker is not None and marker not in bodies[name]:
            raise SystemExit(f"{name}: {marker.decode()!r} is missing from the page")
    if b'class="lesson-complete' in bodies[BARE]:
        raise SystemExit("the bare page shows the lesson's completion section")
    return bodies


def queries(server: Server, path: str, *, bare: bool) -> list[dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        server.get(path, bare=bare)
    return captured.captured_queries


def timed(variants: dict, path: str, *, runs: int, warm_up: int) -> dict[str, dict[str, list[float]]]:
    """Wall-clock and CPU ms per request of each variant, in an order that rotates from one round to the next."""
    names = list(variants)
    figures = {name: {"wall": [], "cpu": []} for name in names}
    for number in range(warm_up + runs):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            server, bare = variants[name]
            wall, cpu = time.perf_counter(), time.process_time()
            server.get(path, bare=bare)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if number >= warm_up:
                figures[name]["wall"].append(wall * 1000)
                figures[name]["cpu"].append(cpu * 1000)
    return figures


def profile(server: Server, path: str, runs: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        server.get(path)
    profiler.disable()
    output = io.StringIO()
    pstats.Stats(profiler, stream=output).sort_stats("cumulative").print_stats(35)
    return output.getvalue()


def product_parts(lesson, newcomer, reader, runs: int) -> dict[str, float]:
    """Median CPU ms of what the lesson page adds to the bare one, each timed alone, as within a request (the
    page tree, that is the course's lessons and the locales, in the cache as between requests): where the
    difference goes."""
    from django.core.signals import request_finished, request_started
    from django.utils import translation

    from cms.models import LessonPage
    from cms.translations import _request_locales_start, active_locale
    from training.selectors import lesson_state

    page = LessonPage.objects.get(pk=lesson.pk).specific
    page.get_parent()  # as serving the page leaves it known
    translation.activate("en")

    def alone(function):
        started = time.process_time()
        function()
        return time.process_time() - started

    def next_step():
        state = lesson_state(user=reader, lesson=page)
        return alone(lambda: state.next_step)

    def locale():
        _request_locales_start()  # as a new request starts: its locales not looked up yet
        return alone(active_locale)

    parts = {
        "the learner's enrolment and progress (lesson_state)": lambda: alone(
            lambda: lesson_state(user=newcomer, lesson=page)
        ),
        "the next lesson, once read (LessonState.next_step)": next_step,
        "the learner's locale, once per request (LessonPage.get_context)": locale,
    }
    request_started.send(sender=None)
    try:
        active_locale()
        return {name: statistics.median(function() for _ in range(runs)) * 1000 for name, function in parts.items()}
    finally:
        request_finished.send(sender=None)


def versions(postgres: bool) -> str:
    import django
    import wagtail

    database = f"PostgreSQL {postgres_version()}" if postgres else f"SQLite {sqlite3.sqlite_version}"
    return f"Python {sys.version.split()[0]}, Django {django.__version__}, Wagtail {wagtail.__version__}, {database}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=400, help="timed requests of each page (default 400)")
    parser.add_argument("--warm-up", type=int, default=50, help="untimed requests of each page first (default 50)")
    parser.add_argument("--lesson", help="slug of the starter course's lesson to show (default: the first)")
    parser.add_argument(
        "--postgres",
        nargs="?",
        const=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="use a throwaway PostgreSQL database, made through this admin connection (default: SQLite)",
    )
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the lesson page as read")
    parser.add_argument("--show-queries", action="store_true", help="print the SQL of each page")
    parser.add_argument("--timeout", type=float, default=600, help="stop the whole run after this many seconds")
    args = parser.parse_args(argv)
    if args.runs < 10 or args.warm_up < 1:
        parser.error("--runs 10 or more, --warm-up 1 or more")

    def on_alarm(signum, frame):
        raise BenchTimeout(f"the run took longer than --timeout {args.timeout:g} s")

    def on_term(signum, frame):
        raise SystemExit(f"stopped by signal {signum}")

    signal.signal(signal.SIGALRM, on_alarm)
    signal.signal(signal.SIGTERM, on_term)
    signal.setitimer(signal.ITIMER_REAL, args.timeout)
    workdir_handle = tempfile.TemporaryDirectory(prefix="sc-bench-pages-")
    workdir = Path(workdir_handle.name)
    database = f"sc_bench_pages_{os.getpid()}"
    created = False
    try:
        if args.postgres:
            database_create(args.postgres, database)
            created = True
            django_setup(workdir=workdir, database=database_url(args.postgres, database))
        else:
            django_setup(workdir=workdir, database=f"sqlite:///{workdir / 'db.sqlite3'}")
        from django.core.management import call_command

        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        course, lesson = course_create(args.lesson)
        newcomer = learner_create("newcomer", course, read=[])
        reader = learner_create("reader", course, read=[lesson])
        setup_seconds = time.perf_counter() - started
        bare_serving_register()

        path = lesson.url
        servers = {user: Server(cookies_for(user)) for user in (newcomer, reader)}
        for server in servers.values():
            csrf_cookie(server, path)
        variants = {UNREAD: (servers[newcomer], False), READ: (servers[reader], False), BARE: (servers[newcomer], True)}
        bodies = check(variants, path, lesson)
        counted = {name: queries(server, path, bare=bare) for name, (server, bare) in variants.items()}

        print(
            f"Lesson page vs bare Wagtail page: {machine()}, {versions(bool(args.postgres))}, commit {code_version()}"
        )
        print(
            f"set-up (not timed): migrate + starter course {setup_seconds:.1f} s; lesson {path} "
            f"({len(lesson.body)} blocks); {args.warm_up} warm-up + {args.runs} timed requests of each, "
            "interleaved, in-process WSGI"
        )
        figures = timed(variants, path, runs=args.runs, warm_up=args.warm_up)
        print(f"{'page':<36}{'median ms':>10}{'p95 ms':>8}{'CPU ms':>8}{'queries':>9}{'KB':>6}")
        for name in variants:
            wall, cpu = figures[name]["wall"], figures[name]["cpu"]
            print(
                f"{name:<36}{statistics.median(wall):>10.2f}{percentile(wall, 95):>8.2f}"
                f"{statistics.median(cpu):>8.2f}{len(counted[name]):>9}{len(bodies[name]) / 1024:>6.1f}"
            )
        met = True
        for name in (UNREAD, READ):
            ratio = statistics.median(figures[name]["wall"]) / statistics.median(figures[BARE]["wall"])
            cpu_ratio = statistics.median(figures[name]["cpu"]) / statistics.median(figures[BARE]["cpu"])
            met = met and ratio <= TARGET_RATIO
            print(
                f"{name.split(' ', 1)[0]} / (b): {ratio:.2f} wall-clock, {cpu_ratio:.2f} CPU "
                f"(target <= {TARGET_RATIO}): {'met' if ratio <= TARGET_RATIO else 'MISSED'}"
            )
        print("what the lesson page adds, each part timed alone (median CPU ms):")
        for name, ms in product_parts(lesson, newcomer, reader, args.runs).items():
            print(f"  {name}: {ms:.2f}")
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
        if args.show_queries:
            for name in variants:
                print(f"--- queries of {name}")
                for query in counted[name]:
                    print(f"  {query['sql'][:300]}")
        if args.profile:
            print(profile(servers[reader], path, max(args.runs // 4, 10)))
        return 0
    finally:
        run_cleanup(admin_url=args.postgres, database=database, created=created, workdir=workdir_handle)


if __name__ == "__main__":
    sys.exit(main())
