"""Production settings for the benchmarks, pointed at a throwaway database and served over plain HTTP on loopback.

Everything comes from `config.settings.production` (DEBUG off, the production password hasher, persistent
database connections, django-tasks-db for background work); only what a loopback bench cannot provide is changed.
DATABASE_URL must be set by the caller (the bench script sets it to the database it created).
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("SITE_URL", "http://127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
if not os.environ.get("CERTIFICATE_SIGNING_KEY_FILE"):
    # Production requires the badge signing key; a throwaway run signs with a throwaway key.
    import tempfile

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    _key = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with tempfile.NamedTemporaryFile("wb", prefix="sc-bench-key-", suffix=".pem", delete=False) as _file:
        _file.write(_key)
    os.environ["CERTIFICATE_SIGNING_KEY_FILE"] = _file.name

from config.settings.production import *  # noqa: E402, F403

# Plain HTTP on loopback: cookies without the Secure flag and no HSTS.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0

# No `collectstatic` manifest in a throwaway run; the bench never fetches static files.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# As in production: certificate PDFs are queued as rows for `db_worker`, not rendered inside the request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
