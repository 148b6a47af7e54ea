"""Settings of the `db_worker` processes that tests/certificates/test_worker_fault.py starts: the test settings, on
the test's database (WORKER_TEST_DATABASE, its connection settings as JSON), with tasks in that database and the PDFs
in a folder the test reads too (WORKER_TEST_MEDIA), and a worker the test can stop mid-render (worker_hold.py)."""

import json
import os

from config.settings.test import *  # noqa: F403
from config.settings.test import INSTALLED_APPS, STORAGES

DATABASES = {"default": json.loads(os.environ["WORKER_TEST_DATABASE"])}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
STORAGES = {
    **STORAGES,
    "default": {
        "BACKEND": "tests.certificates.worker_hold.HeldStorage",
        "OPTIONS": {"location": os.environ["WORKER_TEST_MEDIA"]},
    },
}
INSTALLED_APPS = [*INSTALLED_APPS, "tests.certificates.worker_hold.WorkerHoldConfig"]
