"""Settings shared by every environment. Environment-specific files import from here."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from wagtail.embeds.oembed_providers import vimeo, youtube

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("SC_VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    """Read an environment variable; fail loudly when a required one is missing or empty."""
    value = os.environ.get(name, default)
    if required and not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (os.environ.get(name) or default).split(",") if item.strip()]


def database_from_env() -> dict:
    """PostgreSQL (or any database) from DATABASE_URL; SQLite under var/ when it is not set."""
    url = os.environ.get("DATABASE_URL")
    if url:
        database = dj_database_url.parse(url, conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")))
        if database["ENGINE"] == "django.db.backends.postgresql":
            # Parameters bound by the server, so that psycopg prepares the statements a connection repeats: a
            # quiz submit then costs less CPU in both the app and PostgreSQL (see docs/benchmarks.md).
            database.setdefault("OPTIONS", {})["server_side_binding"] = env_bool("DB_SERVER_SIDE_BINDING", True)
        return database
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "db.sqlite3",
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
    }


def cache_from_env() -> dict:
    """The cache: Redis from CACHE_URL (`redis://host:6379/0`, `rediss://…` with TLS, `unix:///path.sock`), shared by
    every process on every machine; without it each process keeps a cache of its own in memory."""
    url = os.environ.get("CACHE_URL")
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if url.split("://", 1)[0] not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(f"CACHE_URL must be a Redis address (redis://host:6379/0), not {url!r}.")
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}


CACHES = cache_from_env()

INSTALLED_APPS = [
    "training",
    "quizzes",
    "certificates",
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks_db",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.security.PrivateByDefaultMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The language: the person's own choice once they are logged in, else their browser's (training/languages.py).
    "django.middleware.locale.LocaleMiddleware",
    "training.languages.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Refuses logins after too many wrong passwords (AXES_* below); last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "training.context_processors.navigation",
                "training.context_processors.single_sign_on",
            ],
        },
    },
]

DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Logins through any form (the site's, the admin's) are counted by the throttling backend before the password check.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "training:learn"
LOGOUT_REDIRECT_URL = "login"

# --- The web layer (docs/deploy.md, "Security") ------------------------------------------------------------------
# Content security policy: scripts and styles only from our own files, never inline, so that text that slipped through
# escaping cannot run. Lesson videos play from YouTube and Vimeo. `form-action` keeps every form posting here.
VIDEO_FRAME_ORIGINS = ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": VIDEO_FRAME_ORIGINS,
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
# The Wagtail admin's own templates still write inline scripts and styles (date pickers, inline panels): there, and
# only there, they are allowed. Everything else is as strict as on the product's pages.
SECURE_CSP_ADMIN = SECURE_CSP | {
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:", "https://i.ytimg.com", "https://i.vimeocdn.com"],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Reverse proxies in front of the application that append the client's address to X-Forwarded-For (a load balancer:
# 1). 0 trusts no header. Login throttling and look-up limits count per client address (config/security.py).
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
# A login session lasts a working day at most and ends when the browser closes: computers on wards are shared.
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Login throttling: after AXES_FAILURE_LIMIT wrong passwords for one username from one address, that pair is refused
# for AXES_COOLOFF_TIME (the site's and the admin's login alike). Per pair, so that an attacker cannot lock a whole
# ward out by trying names from one address, nor a colleague by guessing theirs from elsewhere for long.
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(env("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.security.client_address"
AXES_LOCKOUT_CALLABLE = "training.accounts.login_locked_out"
AXES_VERBOSE = False
# Avatars are drawn locally: no e-mail address hash is sent to a third-party avatar service.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# The product's languages: the interface (gettext catalogs in locale/) and the content (Wagtail locales). English is
# the source language: content falls back to it where a translation is missing (docs/languages.md).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ko", "한국어"), ("zh-hant", "繁體中文"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers as each language writes them; English as in the UK (config/formats/en).
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_NAME = "sc_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "static_collected")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Background work: the immediate backend runs tasks in-process; production switches to django-tasks-db.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

WAGTAIL_SITE_NAME = "Social Confidence"
WAGTAILADMIN_BASE_URL = env("SITE_URL", "http://127.0.0.1:8000")
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# Videos keep their proportions through the site's CSS (.video iframe): the responsive wrapper Wagtail can write
# carries an inline style, which the content security policy refuses.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Lessons are revised, never silently overwritten: keep every revision for the audit trail.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Legal and medical reviewers approve the same text: a lesson changed after one review goes back to that reviewer
# before it is published (docs/governance.md).
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# The last approval publishes the page although no reviewer holds the right to publish directly.
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.workflows.review_approved_publish"

# Public address used in certificate QR codes and verify links.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

# A certificate PDF still rendering after this many seconds fails (CertificateRenderTimeout, certificates/rendering.py).
# One takes well under a second; below gunicorn's --timeout (60 s), so a download fails cleanly instead of the
# worker being killed.
CERTIFICATE_RENDER_SECONDS = float(env("CERTIFICATE_RENDER_SECONDS", "30"))
# The Korean and Traditional Chinese fonts certificates embed, made by `manage.py certificate_fonts` (docs/deploy.md).
CERTIFICATE_FONT_DIR = Path(env("CERTIFICATE_FONT_DIR", str(VAR_DIR / "fonts")))

# A certificate PDF whose render fails is tried this many times in all (2, 4, 8... minutes apart with task workers),
# then shown to HR to try again (`manage.py certificates_render_pending` also retries; run it daily from cron).
CERTIFICATE_RENDER_ATTEMPTS = int(env("CERTIFICATE_RENDER_ATTEMPTS", "4"))
# Look-ups of certificate codes (verify page, badge download) allowed per client address and minute; 0 = no limit.
CERTIFICATE_VERIFY_RATE_LIMIT = int(env("CERTIFICATE_VERIFY_RATE_LIMIT", "30"))

# Digital badges (Open Badges 3.0, certificates/credentials.py) are signed with this Ed25519 private key (PEM file;
# required in production, see docs/deploy.md). Public keys of earlier signing keys stay published, so badges signed
# before a rotation still verify: a comma-separated list of PEM files (public, or the old private key itself).
CERTIFICATE_SIGNING_KEY_FILE = env("CERTIFICATE_SIGNING_KEY_FILE")
CERTIFICATE_RETIRED_PUBLIC_KEY_FILES = env_list("CERTIFICATE_RETIRED_PUBLIC_KEY_FILES")
# Without CERTIFICATE_SIGNING_KEY_FILE a key is generated once into this file, only where DEBUG is on (development,
# `make demo`) or CERTIFICATE_SIGNING_KEY_GENERATE is (the tests): production refuses to sign instead.
CERTIFICATE_SIGNING_KEY_DEV_FILE = VAR_DIR / "certificate-signing-key.pem"
CERTIFICATE_SIGNING_KEY_GENERATE = False

# Training reminders (training/reminders.py): e-mails this many days before the due date, and the weekday
# (0 = Monday) from which each manager gets the weekly digest of their team's overdue training.
REMINDER_DAYS_BEFORE_DUE = [14, 7, 1]
REMINDER_DIGEST_WEEKDAY = 0

# Report exports (/hr/export.csv, /hr/export.xlsx) of more rows than this are made in the background, with a
# progress page and a download link, instead of while the browser waits.
EXPORT_INLINE_MAX_ROWS = 20_000
# Background exports (and their files) are deleted this many days after they last changed (`manage.py
# export_jobs_cleanup`, and when a new export starts).
EXPORT_KEEP_DAYS = int(env("EXPORT_KEEP_DAYS", "7"))
# A queued or running export whose progress has not moved for this many minutes lost its worker: it is shown as
# failed, to be started again.
EXPORT_STALLED_MINUTES = int(env("EXPORT_STALLED_MINUTES", "30"))

# `seed_demo` creates logins with known passwords: allowed only where a settings module says so.
DEMO_DATA_ALLOWED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Task backends log every state change at INFO; keep the console for what needs attention.
        "django.tasks": {
            "handlers": ["console"],
            "level": env("TASKS_LOG_LEVEL", "WARNING"),
            "propagate": False,
        },
        "django_tasks": {
            "handlers": ["console"],
            "level": env("TASKS_LOG_LEVEL", "WARNING"),
            "propagate": False,
        },
    },
}

# --- Single sign-on (OpenID Connect) ---------------------------------------------------------------------------
# Off unless OIDC_ENABLED is true; every variable is described in docs/deploy.md. Here rather than in production.py
# so that dev and production honour it alike. Accounts are matched by e-mail (training/oidc.py).
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
if OIDC_ENABLED:
    INSTALLED_APPS += ["mozilla_django_oidc"]
    AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "training.oidc.EmployeeOIDCBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    # Re-checks the provider's session every OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS: ending it there ends it here.
    MIDDLEWARE += ["mozilla_django_oidc.middleware.SessionRefresh"]
    OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", required=True)
    OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", required=True)
    OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", required=True)
    # Forms (logging in, signing with single sign-on) lead on to the provider's login page.
    SECURE_CSP["form-action"] = [CSP.SELF, OIDC_OP_AUTHORIZATION_ENDPOINT]
    OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", required=True)
    OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", required=True)
    OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256")
    # HS* tokens are checked with the client secret; RS*/ES* ones need the provider's public keys.
    OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", required=not OIDC_RP_SIGN_ALGO.startswith("HS"))
    OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", "openid email profile")
    OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = int(env("OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS", str(15 * 60)))
    # Staff come from the HR import: the provider may create accounts only when this is turned on.
    OIDC_CREATE_USER = env_bool("OIDC_CREATE_USERS", False)
    LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/?sso=failed"
    # The provider's answer to a signature's re-authentication must reach its view, not start a session re-check.
    OIDC_EXEMPT_URLS = ["training:signature_sso_callback"]

# How long the HR dashboard's figures (counts, charts) are reused before they are counted again; 0 = always count.
# At a million enrolments counting takes a pass over all of them. The table itself is always live.
REPORT_FIGURES_CACHE_SECONDS = int(os.environ.get("REPORT_FIGURES_CACHE_SECONDS", "300"))
# How long a web process keeps what it knows of the page tree (each course's lessons in order, the locales) at most
# (cms.tree_cache). Editors' changes forget it at once in a shared cache (CACHE_URL) and in the process that made
# them; in other processes' own caches, after this many seconds.
PAGE_TREE_CACHE_SECONDS = int(os.environ.get("PAGE_TREE_CACHE_SECONDS", "60"))
# HR's dashboard reads figures counted ahead of time by a background task (training.snapshots), counted again this
# many seconds after enrolments change (with a task backend that can defer; at once with the immediate one).
REPORT_SNAPSHOTS = env_bool("REPORT_SNAPSHOTS", True)
REPORT_SNAPSHOT_DELAY_SECONDS = int(os.environ.get("REPORT_SNAPSHOT_DELAY_SECONDS", "30"))

# --- Wagtail hardening -------------------------------------------------------------------------------------------
# What editors upload or embed reaches every learner: only formats a browser cannot run as script on this site,
# served through views that check who is asking (docs/governance.md, "Wagtail hardening"; tests/cms/).
# Documents always go through Wagtail's view, which checks the collection's privacy first, never a direct media URL
# (that would also bypass it on S3-like storages, where Wagtail's default is to redirect to the file).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Training material only: no HTML, SVG, XML or scripts, which a browser could open as a page of this site.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv"]
# Shown in the browser: PDF and plain text; everything else is downloaded (Content-Disposition: attachment). The view
# also sends `Content-Security-Policy: default-src 'none'` and `nosniff` with every document.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Images: raster formats only. SVG is refused rather than sanitised: it is XML that can carry script and links, and
# lessons, logos and signatures need nothing a PNG can't hold.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Decoding an image takes about 4 bytes a pixel: 40 megapixels is a large photo, not a decompression bomb.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Private pages and document collections: by login or group only. A shared password is one secret for everyone,
# stored in plain text, and records nobody: nothing an audit can use.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
# Deleting a course deletes its lessons: from 5 pages on, the admin asks for the site's name first.
WAGTAILADMIN_UNSAFE_PAGE_DELETION_LIMIT = 5
# Korean and Chinese titles keep readable addresses. Pages are reviewed before they go live and are read after
# logging in, so look-alike characters in an address are not a phishing risk here.
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# An embed is HTML fetched from the provider and shown as it is: only the two video sites lessons link to.
WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed", "providers": [youtube, vimeo]}]
