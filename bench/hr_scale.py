"""The HR report at scale: 100,000 employees x 10 courses (1 M enrolments) on PostgreSQL, timed in-process.

    .venv/bin/python -m bench.hr_scale [--employees 100000] [--courses 10]

1. Creates a throwaway database (`sc_bench_hr_<pid>`, dropped at the end, also on failure or timeout) and migrates
   it; makes the courses with `cms.services` (real Wagtail pages, one lesson each).
2. Loads the organisation and the progress records with PostgreSQL COPY (not the ORM): 200 departments (20 parents
   x 10 children), 10 locations, the users and their employee records (a manager per department), one current
   enrolment per employee and course in mixed states (not started, in progress, completed with a score within the
   last 6 months, overdue) and a certificate for every completed one; then ANALYZE.
3. Counts the dashboard figures ahead, as the background task does after changes (timed). Then times, with Django's
   test client against that database (`bench.settings`, an HR superuser logged in with `force_login`): GET /hr/
   (dashboard and first table page), the same for one department, the figures counted live ("Count again now",
   for comparison) and a filtered table page, median of 5 after a warm-up, each with its query count; the full CSV
   export once untraced (rows/s, max RSS growth) and once under tracemalloc (peak Python memory). For the slowest
   page it prints the 3 slowest SQL statements and EXPLAIN ANALYZE of the slowest one.

The export is measured inline: EXPORT_INLINE_MAX_ROWS is raised for the run, since above it (20,000 rows in
production) the view hands the export to a background task that writes the same rows with the same code.
"""

import argparse
import base64
import datetime
import io
import os
import random
import resource
import secrets
import signal
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.quiz_submit import (
    BenchTimeout,
    code_version,
    database_create,
    database_url,
    postgres_version,
    run_cleanup,
)

PARENTS = 20
CHILDREN = 10
LOCATIONS = 10
TARGET_DASHBOARD = 0.5
TARGET_TABLE = 0.3
TARGET_EXPORT_RATE = 100_000
TARGET_EXPORT_MIB = 150
# Enrolment states, in shares of the enrolments.
STATES = (("completed", 0.5), ("in_progress", 0.2), ("not_started", 0.15), ("overdue", 0.15))


# Data


def courses_create(count: int) -> list:
    """`count` published courses with one lesson each, through the product's service."""
    from cms.services import course_create_from_data, home_page_ensure

    home = home_page_ensure()
    courses = []
    for number in range(1, count + 1):
        data = {
            "title": f"Bench course {number:02d}",
            "slug": f"bench-course-{number:02d}",
            "intro": "<p>A course made by the HR scale bench.</p>",
            "lessons": [
                {
                    "kind": "guideline",
                    "title": f"Lesson of course {number:02d}",
                    "slug": f"bench-lesson-{number:02d}",
                    "body": [{"type": "rich_text", "value": "<p>Read me.</p>"}],
                }
            ],
        }
        courses.append(course_create_from_data(parent=home, data=data))
    return courses


def _text(value) -> str:
    """A value in COPY's text format."""
    if value is None:
        return r"\N"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _copy(cursor, table: str, columns: tuple[str, ...], rows, batch: int = 20_000) -> int:
    """COPY `rows` into `table`, formatted here in batches (psycopg's per-row adaptation is the slow part)."""
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        buffer = io.StringIO()
        for row in rows:
            buffer.write("\t".join(map(_text, row)))
            buffer.write("\n")
            count += 1
            if count % batch == 0:
                copy.write(buffer.getvalue())
                buffer = io.StringIO()
        copy.write(buffer.getvalue())
    return count


def _sequence_reset(cursor, table: str) -> None:
    cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")


def organisation_load(*, url: str, employees: int, courses: list, rng: random.Random) -> dict[str, int]:
    """Departments, locations, users, employees, enrolments and certificates, by COPY in one transaction."""
    import psycopg

    now = datetime.datetime.now(datetime.UTC)
    today = now.date()
    stamp = now.isoformat()
    departments = []  # (id, name, parent_id)
    for parent in range(1, PARENTS + 1):
        departments.append((parent, f"Division {parent:02d}", None))
    for parent in range(1, PARENTS + 1):
        for child in range(1, CHILDREN + 1):
            departments.append((len(departments) + 1, f"Team {parent:02d}-{child:02d}", parent))
    department_ids = [row[0] for row in departments]
    # Each employee's department and the department's manager (its first employee).
    employee_department = [department_ids[number % len(department_ids)] for number in range(employees)]
    manager_of: dict[int, int] = {}
    for number, department in enumerate(employee_department):
        manager_of.setdefault(department, number + 1)
    states, weights = zip(*STATES, strict=True)
    counts = {}
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        counts["departments"] = _copy(cursor, "training_department", ("id", "name", "parent_id"), departments)
        counts["locations"] = _copy(
            cursor, "training_location", ("id", "name"), ((n, f"Site {n:02d}") for n in range(1, LOCATIONS + 1))
        )
        counts["users"] = _copy(
            cursor,
            "auth_user",
            (
                "id",
                "password",
                "is_superuser",
                "username",
                "first_name",
                "last_name",
                "email",
                "is_staff",
                "is_active",
                "date_joined",
            ),
            (
                (
                    n,
                    "!",
                    "f",
                    f"emp{n:06d}",
                    f"First{n % 997}",
                    f"Last{n:06d}",
                    f"emp{n:06d}@bench.invalid",
                    "f",
                    "t",
                    stamp,
                )
                for n in range(1, employees + 1)
            ),
        )
        counts["employees"] = _copy(
            cursor,
            "training_employee",
            (
                "user_id",
                "employee_id",
                "department_id",
                "manager_id",
                "job_title",
                "location_id",
                "language",
                "hire_date",
                "status",
                "left_on",
            ),
            (
                (
                    n,
                    f"E{n:06d}",
                    employee_department[n - 1],
                    None if manager_of[employee_department[n - 1]] == n else manager_of[employee_department[n - 1]],
                    "Nurse" if n % 3 else "Physician",
                    1 + n % LOCATIONS,
                    "en",
                    today - datetime.timedelta(days=30 + n % 3000),
                    "active",
                    None,
                )
                for n in range(1, employees + 1)
            ),
        )

        course_ids = [course.pk for course in courses]
        titles = {course.pk: course.title for course in courses}
        completed = []  # (enrolment id, user id, course id, score, completed_at)

        def enrolments():
            enrolment_id = 0
            for user_id in range(1, employees + 1):
                for course_id in course_ids:
                    enrolment_id += 1
                    state = rng.choices(states, weights)[0]
                    assigned = now - datetime.timedelta(days=200 + rng.random() * 100)
                    started = completed_at = score = None
                    if state == "overdue":
                        due = today - datetime.timedelta(days=rng.randint(1, 120))
                        if rng.random() < 0.5:
                            started = assigned + datetime.timedelta(days=rng.randint(1, 30))
                    else:
                        due = today + datetime.timedelta(days=rng.randint(-150, 120))
                        if state == "completed":
                            completed_at = now - datetime.timedelta(seconds=rng.randint(0, 182 * 86400))
                            started = completed_at - datetime.timedelta(days=rng.randint(0, 14))
                            score = f"{rng.randint(60, 100)}.00"
                            completed.append((enrolment_id, user_id, course_id, score, completed_at))
                        else:
                            due = today + datetime.timedelta(days=rng.randint(1, 120))
                            if state == "in_progress":
                                started = now - datetime.timedelta(days=rng.randint(0, 60))
                    yield (enrolment_id, user_id, course_id, assigned.isoformat(), due, started, completed_at, score)

        counts["enrolments"] = _copy(
            cursor,
            "training_enrolment",
            ("id", "user_id", "course_id", "assigned_at", "due_date", "started_at", "completed_at", "score"),
            ((*row[:5], *(value.isoformat() if value else None for value in row[5:7]), row[7]) for row in enrolments()),
        )
        counts["certificates"] = _copy(
            cursor,
            "certificates_certificate",
            (
                "code",
                "user_id",
                "enrolment_id",
                "issued_for_id",
                "holder_name",
                "course_title",
                "score",
                "completed_at",
                "issued_at",
                "valid_until",
                "revoked_reason",
                "pdf",
                "superseded_reason",
                "render_attempts",
                "render_error",
                "lessons_read",
                "acknowledgement_statement",
                "language",
            ),
            (
                (
                    base64.b32encode(secrets.token_bytes(20)).decode("ascii"),
                    user_id,
                    enrolment_id,
                    enrolment_id,
                    f"First{user_id % 997} Last{user_id:06d}",
                    titles[course_id],
                    score,
                    completed_at.isoformat(),
                    completed_at.isoformat(),
                    (completed_at + datetime.timedelta(days=365)).date(),
                    "",
                    "",
                    "",
                    0,
                    "",
                    "[]",
                    "",
                    "en",
                )
                for enrolment_id, user_id, course_id, score, completed_at in completed
            ),
        )
        for table in ("training_department", "training_location", "auth_user", "training_employee"):
            _sequence_reset(cursor, table)
        _sequence_reset(cursor, "training_enrolment")
        _sequence_reset(cursor, "certificates_certificate")
        connection.commit()
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    return counts


# Timing


def _get(client, path: str):
    started = time.perf_counter()
    response = client.get(path)
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"GET {path}: HTTP {response.status_code} {response.get('Location', '')}")
    return seconds


def page_time(client, path: str, runs: int = 5) -> tuple[float, list]:
    """Median of `runs` GETs after a warm-up, and the queries of one more (captured apart, not timed)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _get(client, path)
    median = statistics.median(_get(client, path) for _ in range(runs))
    with CaptureQueriesContext(connection) as captured:
        _get(client, path)
    return median, list(captured.captured_queries)


def export_run(client, path: str, *, traced: bool, limit: int | None = None) -> dict:
    """One CSV export, the streamed body consumed line by line (the first `limit` rows, or all): rows, seconds,
    peak memory. The stream holds one chunk of rows at a time, so a prefix shows the same peak as the whole."""
    import gc

    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get(path)
    if response.status_code != 200 or not response.streaming:
        raise RuntimeError(f"GET {path}: HTTP {response.status_code} {response.get('Location', '')}")
    lines = 0
    size = 0
    for chunk in response.streaming_content:
        lines += chunk.count(b"\n")
        size += len(chunk)
        if limit and lines > limit:
            break
    response.close()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if traced else None
    if traced:
        tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rows = lines - 1  # the header
    return {
        "rows": rows,
        "seconds": seconds,
        "rate": rows / seconds,
        "mib": size / 2**20,
        "rss_delta": (rss_after - rss_before) / 1024,  # ru_maxrss is in KiB on Linux
        "rss_max": rss_after / 1024,
        "peak": peak / 2**20 if peak is not None else None,
    }


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=100_000, help="employees (default 100000)")
    parser.add_argument("--courses", type=int, default=10, help="courses, each assigned to everyone (default 10)")
    parser.add_argument("--timeout", type=float, default=1800, help="stop the whole run after this many seconds")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="an admin connection used to create and drop the throwaway database",
    )
    parser.add_argument(
        "--traced-rows", type=int, default=100_000, help="rows of the export run under tracemalloc (default 100000)"
    )
    parser.add_argument("--no-explain", action="store_true", help="skip EXPLAIN ANALYZE of the slowest query")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not 200 <= args.employees <= 1_000_000 or not 1 <= args.courses <= 50:
        parser.error("--employees 200..1000000, --courses 1..50")

    def on_alarm(signum, frame):
        raise BenchTimeout(f"the run took longer than --timeout {args.timeout:g} s")

    def on_term(signum, frame):
        raise SystemExit(f"stopped by signal {signum}")

    signal.signal(signal.SIGALRM, on_alarm)
    signal.signal(signal.SIGTERM, on_term)
    signal.setitimer(signal.ITIMER_REAL, args.timeout)
    database = f"sc_bench_hr_{os.getpid()}"
    created = False
    workdir = tempfile.TemporaryDirectory(prefix="sc-bench-hr-")
    try:
        database_create(args.postgres, database)
        created = True
        url = database_url(args.postgres, database)
        os.environ.update(
            {
                "DJANGO_SETTINGS_MODULE": "bench.settings",
                "DATABASE_URL": url,
                "SECRET_KEY": secrets.token_urlsafe(50),
                "MEDIA_ROOT": str(Path(workdir.name) / "media"),
                "STATIC_ROOT": str(Path(workdir.name) / "static"),
                "LOG_LEVEL": "WARNING",
            }
        )
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.db import connection, connections
        from django.test import Client, override_settings

        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        migrate_seconds = time.perf_counter() - started

        started = time.perf_counter()
        courses = courses_create(args.courses)
        courses_seconds = time.perf_counter() - started
        connections.close_all()
        started = time.perf_counter()
        counts = organisation_load(url=url, employees=args.employees, courses=courses, rng=random.Random(args.seed))
        load_seconds = time.perf_counter() - started

        hr = get_user_model().objects.create(
            username="hr-bench", email="hr@bench.invalid", is_superuser=True, is_staff=True, password="!"
        )
        client = Client()
        client.force_login(hr)
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM training_department WHERE parent_id IS NULL ORDER BY id LIMIT 1")
            parent_id = cursor.fetchone()[0]
        pg_version = postgres_version()

        print(
            f"HR report at scale: {args.employees:,} employees x {args.courses} courses, PostgreSQL {pg_version}, "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, code {code_version()}"
        )
        print(
            f"generation: migrate {migrate_seconds:.1f} s (not counted), {args.courses} courses via cms.services "
            f"{courses_seconds:.1f} s, COPY + VACUUM ANALYZE {load_seconds:.1f} s -> "
            f"{courses_seconds + load_seconds:.1f} s"
        )
        print("  rows: " + ", ".join(f"{name} {count:,}" for name, count in counts.items()))

        from training.snapshots import report_snapshot_build

        started = time.perf_counter()
        snapshot = report_snapshot_build()
        print(
            f"figures counted ahead (the background task after changes, and once a day): "
            f"{time.perf_counter() - started:.2f} s, {snapshot.counts.count():,} count rows"
        )

        pages = {
            # Any HR view of the dashboard by department, course or status: today's counts, added up.
            "dashboard": ("/hr/", TARGET_DASHBOARD),
            "dashboard, one department": (f"/hr/?department={parent_id}", TARGET_DASHBOARD),
            # What "Count again now" costs (and a view the counts don't answer, the first time in a few minutes).
            "dashboard, figures counted live": ("/hr/?refresh=1", None),
            "filtered table": (f"/hr/?department={parent_id}&status=overdue&sort=-due", TARGET_TABLE),
        }
        results = {}
        for name, (path, target) in pages.items():
            median, queries = page_time(client, path)
            results[name] = (median, queries)
            goal = f"(target < {target * 1000:.0f} ms) {verdict(median < target)}" if target else "(for comparison)"
            print(f"{name}: GET {path}  median of 5 {median * 1000:.0f} ms, {len(queries)} queries {goal}")

        slowest = max(results, key=lambda name: results[name][0])
        top = sorted(results[slowest][1], key=lambda query: float(query["time"]), reverse=True)[:3]
        print(f"slowest page: {slowest}; its 3 slowest SQL statements:")
        for query in top:
            print(f"  {float(query['time']) * 1000:.0f} ms  {query['sql'][:400]}")

        with override_settings(EXPORT_INLINE_MAX_ROWS=10**9):
            plain = export_run(client, "/hr/export.csv", traced=False)
            traced = export_run(client, "/hr/export.csv", traced=True, limit=args.traced_rows)
        memory_ok = traced["peak"] < TARGET_EXPORT_MIB and plain["rss_delta"] < TARGET_EXPORT_MIB
        print(
            f"export: GET /hr/export.csv  {plain['rows']:,} rows, {plain['mib']:.0f} MiB of CSV in "
            f"{plain['seconds']:.1f} s -> {plain['rate']:,.0f} rows/s (target >= {TARGET_EXPORT_RATE:,}) "
            f"{verdict(plain['rate'] >= TARGET_EXPORT_RATE)}"
        )
        print(
            f"  memory: tracemalloc peak {traced['peak']:.1f} MiB (over the first {traced['rows']:,} rows, at "
            f"{traced['rate']:,.0f} rows/s under tracemalloc), "
            f"max RSS growth {plain['rss_delta']:.0f} MiB (max RSS {plain['rss_max']:.0f} MiB) "
            f"(target < {TARGET_EXPORT_MIB} MiB) {verdict(memory_ok)}"
        )
        if not args.no_explain and top:
            print(f"EXPLAIN ANALYZE of the slowest statement of the {slowest} page:")
            print(explain(top[0]["sql"]))
        return 0
    finally:
        run_cleanup(admin_url=args.postgres, database=database, created=created, workdir=workdir)


if __name__ == "__main__":
    sys.exit(main())
