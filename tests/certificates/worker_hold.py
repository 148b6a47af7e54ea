"""A `db_worker` that the worker fault tests can stop at a known point of a certificate's render (installed by
worker_settings.py, nowhere else).

With WORKER_HOLD_AT=rendering it stops before rendering the PDF; with WORKER_HOLD_AT=storing, after writing the PDF's
file but before recording it. There it creates the file `held` in WORKER_HOLD_DIR and waits until the file `release`
appears beside it, for two minutes at most."""

import os
import time
from pathlib import Path

from django.apps import AppConfig
from django.core.files.storage import FileSystemStorage

HOLD_SECONDS = 120


def hold(point: str) -> None:
    if os.environ.get("WORKER_HOLD_AT") != point:
        return
    folder = Path(os.environ["WORKER_HOLD_DIR"])
    (folder / "held").touch()
    deadline = time.monotonic() + HOLD_SECONDS
    while not (folder / "release").exists() and time.monotonic() < deadline:
        time.sleep(0.05)


class HeldStorage(FileSystemStorage):
    def _save(self, name, content):
        name = super()._save(name, content)
        if name.startswith("certificates/"):
            hold("storing")
        return name


class WorkerHoldConfig(AppConfig):
    name = "tests.certificates.worker_hold"
    label = "worker_hold"

    def ready(self):
        from certificates import rendering

        render = rendering.render_certificate_pdf

        def held_render(certificate, **kwargs):
            hold("rendering")
            return render(certificate, **kwargs)

        rendering.render_certificate_pdf = held_render
