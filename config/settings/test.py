"""The test suite: fast hasher, locmem cache, immediate tasks. DATABASE_URL switches it to PostgreSQL."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
DEMO_DATA_ALLOWED = True
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Figures counted on every view, so a test sees the data it just changed (caching has a test of its own).
REPORT_FIGURES_CACHE_SECONDS = 0
# Figures are counted live in tests; the snapshot tests turn this on.
REPORT_SNAPSHOTS = False
# Every test's client comes from 127.0.0.1 within the same minute; the limit has a test of its own.
CERTIFICATE_VERIFY_RATE_LIMIT = 0
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
# Badges are signed with a key generated for this test run in a temporary folder, never one from var/.
CERTIFICATE_SIGNING_KEY_FILE = None
CERTIFICATE_RETIRED_PUBLIC_KEY_FILES = []
CERTIFICATE_SIGNING_KEY_GENERATE = True
CERTIFICATE_SIGNING_KEY_DEV_FILE = Path(tempfile.mkdtemp(prefix="sc-test-keys-")) / "certificate-signing-key.pem"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = "http://testserver"
# Browser tests load CSS through the live server: serve it from the app folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
