import pytest


@pytest.fixture
def files_on_disk(settings, tmp_path):
    """Uploads stored as in production, in files on disk: the suite keeps them in memory, and Wagtail's document and
    image views read a file from its path."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
