"""Local development and `make demo`: SQLite under var/, immediate tasks, debug pages."""

from .base import *  # noqa: F403
from .base import env, env_list

DEBUG = True
DEMO_DATA_ALLOWED = True
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
