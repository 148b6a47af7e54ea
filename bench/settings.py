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
    # Production requires the badge signing key; a throwaway run signs with a throwaway key, in a private folder that
    # the process that made it removes when it exits (the gunicorn it starts inherits the path and makes none).
    import atexit
    import shutil
    import tempfile

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    def _key_folder_remove(folder: str, owner: int) -> None:
        if os.getpid() == owner:  # not in a forked child, which inherits this handler
            shutil.rmtree(folder, ignore_errors=True)

    _folder = tempfile.mkdtemp(prefix="sc-bench-key-")
    atexit.register(_key_folder_remove, _folder, os.getpid())
    _key_file = os.path.join(_folder, "certificate-signing-key.pem")
    with open(os.open(_key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as _file:
        _file.write(
            Ed25519PrivateKey.generate().private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    os.environ["CERTIFICATE_SIGNING_KEY_FILE"] = _key_file

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
