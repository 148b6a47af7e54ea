"""The test suite: fast hasher, locmem cache, immediate tasks. DATABASE_URL switches it to PostgreSQL."""

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
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = "http://testserver"
# Browser tests load CSS through the live server: serve it from the app folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
