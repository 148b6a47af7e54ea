"""The web layer: production settings, headers, login throttling, sessions and passwords (docs/deploy.md)."""

import datetime
import os
import subprocess
import sys
import time

import pytest
from axes.models import AccessAttempt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.utils import timezone

from config.security import client_address
from tests.factories import EmployeeFactory, pass_course
from training.staff_import import staff_file_read, staff_import

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def test_production_settings_pass_djangos_deployment_checks_without_a_warning(tmp_path):
    key = tmp_path / "badge-key.pem"
    key.write_bytes(
        Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    # The test run's own switch for Playwright (tests/conftest.py) is not part of a deployment.
    env = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"} | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k7!Qz" * 12,
        "ALLOWED_HOSTS": "training.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SITE_URL": "https://training.example.org",
        "CERTIFICATE_SIGNING_KEY_FILE": str(key),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_pages_forbid_inline_script_and_framing_by_other_sites(client, enrolment, employee):
    client.force_login(employee)
    response = client.get("/learn/")
    policy = dict(
        directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";") if directive
    )
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_admin_alone_allows_the_inline_scripts_its_own_pages_carry(client, editor):
    client.force_login(editor)
    admin_policy = client.get("/admin/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in admin_policy
    assert "object-src 'none'" in admin_policy
    assert "'unsafe-inline'" not in client.get("/learn/")["Content-Security-Policy"]


@pytest.mark.django_db
def test_reports_exports_transcripts_and_certificates_are_never_stored_by_browsers_or_proxies(
    client, hr_user, employee, course, enrolment
):
    pass_course(employee, course, enrolment)
    certificate = employee.certificates.get()
    client.force_login(hr_user)
    for path in [
        "/hr/",
        "/hr/export.csv",
        "/hr/export.xlsx",
        f"/hr/people/{employee.pk}/",
        "/hr/audit/",
        f"/certificates/{certificate.code}.pdf",
        f"/certificates/verify/{certificate.code}/",
        "/learn/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path


@pytest.mark.django_db
def test_public_keys_may_be_cached(client):
    assert "public" in client.get("/.well-known/jwks.json")["Cache-Control"]


def _log_in(client, username, password, path=LOGIN):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR="203.0.113.7")


@pytest.mark.django_db
def test_after_five_wrong_passwords_logging_in_is_paused_for_that_account_from_that_address(client, employee):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _log_in(client, "learner", "guess").status_code == 200
    locked = _log_in(client, "learner", "guess")
    assert locked.status_code == 429
    assert "logging in is paused: try again in 15 minutes" in locked.content.decode()

    # Not even the right password gets through now, on the site's or the admin's login page...
    assert _log_in(client, "learner", "pass").status_code == 429
    assert _log_in(client, "learner", "pass", ADMIN_LOGIN).status_code == 429
    assert "_auth_user_id" not in client.session
    # ...while a colleague at the same computer still logs in.
    EmployeeFactory(user__username="colleague")
    assert _log_in(client, "colleague", "pass").status_code == 302

    # Once the pause is over, the right password works again, and the count starts afresh.
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(1))
    client.logout()
    assert _log_in(client, "learner", "pass").status_code == 302
    assert client.session["_auth_user_id"] == str(employee.pk)


@pytest.mark.django_db
def test_the_admin_login_counts_wrong_passwords_too(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, "editor", "guess", ADMIN_LOGIN)
    assert _log_in(client, "editor", "pass", ADMIN_LOGIN).status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "10.0.0.2"),  # no proxy trusted: the header is whatever the client wrote
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "192.0.2.66, 198.51.100.1", "198.51.100.1"),  # the client's own entry on the left is not believed
        (2, "192.0.2.66, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
        (1, "", "10.0.0.2"),
        (1, "not-an-address", "10.0.0.2"),
    ],
)
def test_the_client_address_is_read_behind_as_many_proxies_as_are_trusted(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


@pytest.mark.django_db
def test_someone_who_leaves_is_logged_out_at_once_everywhere(client, employee, hr_user):
    client.force_login(employee)
    assert client.get("/learn/").status_code == 200
    staff = staff_file_read(
        b"employee_id,email,first_name,last_name,department,status\r\n"
        + f",{employee.email},Lena,Learner,Clinical,left\r\n".encode()
    )
    result = staff_import(rows=staff.rows, dry_run=False, actor=hr_user)
    assert len(result.deactivated) == 1

    response = client.get("/learn/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_a_login_session_ends_with_the_browser_and_after_a_working_day_at_most(client, employee):
    response = _log_in(client, "learner", "pass")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # gone when the browser closes
    assert cookie["httponly"]
    assert client.session.get_expiry_age() == 8 * 3600


@pytest.mark.django_db
def test_a_new_password_is_checked_and_a_weak_one_refused_with_the_reason(client, employee):
    client.force_login(employee)
    weak = client.post(
        "/accounts/password_change/",
        {"old_password": "pass", "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert weak.status_code == 200
    assert "This password is too common." in weak.content.decode()
    employee.refresh_from_db()
    assert employee.check_password("pass")

    strong = client.post(
        "/accounts/password_change/",
        {"old_password": "pass", "new_password1": "ward7-tea-kettle", "new_password2": "ward7-tea-kettle"},
    )
    assert strong.status_code == 302
    assert "Your other sessions have been logged out." in client.get(strong["Location"]).content.decode()
    employee.refresh_from_db()
    assert employee.check_password("ward7-tea-kettle")


@pytest.mark.django_db
def test_an_id_too_long_for_the_database_is_simply_not_found(client, employee):
    client.force_login(employee)
    huge = "9223372036854775808"  # one past the largest 64-bit integer
    assert client.get(f"/learn/courses/{huge}/quiz/").status_code == 404
    assert client.post(f"/learn/lessons/{huge}/complete/").status_code == 404
    assert client.get(f"/hr/people/{huge}0/").status_code == 404


@pytest.mark.django_db
def test_a_body_that_cannot_be_read_gets_the_sites_own_page_in_the_learners_language(client, employee):
    employee.employee.language = "de"
    employee.employee.save()
    client.force_login(employee)
    # A field name over 1 KB: Django refuses the whole body before any view runs.
    response = client.post("/language/", {"x" * 2000: "1", "language": "en"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Anfrage nicht verstanden" in page and "nichts gespeichert" in page
    assert '<html lang="de">' in page and "/static/css/site.css" in page
    employee.employee.refresh_from_db()
    assert employee.employee.language == "de"


@pytest.mark.django_db
def test_a_server_error_gets_the_sites_own_page_in_the_learners_language(client, employee, monkeypatch):
    from training import selectors

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(selectors, "learner_courses", broken)
    employee.employee.language = "ko"
    employee.employee.save()
    client.force_login(employee)
    client.raise_request_exception = False

    response = client.get("/learn/")

    page = response.content.decode()
    assert response.status_code == 500
    assert "문제가 발생했습니다" in page and "교육 담당 팀" in page
    assert "the database went away" not in page
    assert '<html lang="ko">' in page and "/static/css/site.css" in page


def test_cache_url_shares_the_cache_through_redis_and_refuses_anything_else(monkeypatch):
    from config.settings.base import cache_from_env

    monkeypatch.delenv("CACHE_URL", raising=False)
    assert cache_from_env()["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    for url in ("redis://cache.internal:6379/1", "rediss://:secret@cache.internal:6380/0", "unix:///run/redis.sock"):
        monkeypatch.setenv("CACHE_URL", url)
        redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        assert cache_from_env()["default"] == redis
    monkeypatch.setenv("CACHE_URL", "memcached://cache:11211")
    with pytest.raises(ImproperlyConfigured, match=r"CACHE_URL must be a Redis address .*'memcached://cache:11211'"):
        cache_from_env()


def _redis_reachable() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.django_db
@pytest.mark.skipif(not _redis_reachable(), reason="no Redis at 127.0.0.1:6379")
def test_lesson_pages_keep_the_page_tree_in_a_shared_redis_cache(client, settings, employee, course, enrolment):
    from django.core.cache import cache

    from tests.factories import read_all_lessons

    prefix = f"sc-test-{os.getpid()}-{time.time_ns()}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": prefix,
        }
    }
    read_all_lessons(employee, course)
    client.force_login(employee)
    first, second, _ = course.lessons().specific()
    try:
        assert "Next: Lesson 2" in client.get(first.url).content.decode()
        assert cache.get("page-tree:generation")  # kept in Redis, where every process reads it

        second.title = "Lesson 2, revised"
        second.save_revision().publish()

        assert "Next: Lesson 2, revised" in client.get(first.url).content.decode()
    finally:
        # Only this test's keys: clearing the cache would empty the whole Redis database.
        redis = cache._cache.get_client()
        redis.delete(*redis.scan_iter(f"{prefix}:*"))
