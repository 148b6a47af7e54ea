"""PDF rendering with WeasyPrint, isolated here. The fetcher only lets the page load what we ship."""

import io
import mimetypes
import signal
import threading
import time
from pathlib import PurePosixPath

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .fingerprints import certificate_date
from .fonts import certificate_font_faces, font_path

MAX_DATA_URL_BYTES = 512 * 1024
MAX_MEDIA_BYTES = 5 * 1024 * 1024
STATIC_SCHEME = "static:"
FONT_SCHEME = "font:"
MEDIA_SCHEME = "media:"
# Where Wagtail keeps images and their renditions: the only stored files a certificate may show (a logo, a signature).
MEDIA_IMAGE_FOLDERS = ("images/", "original_images/")
TEMPLATE = "certificates/certificate_pdf.html"
# Tagged for screen readers, with the document's language and title, and declared PDF/UA-1 so that checkers and
# archives know it was made to be accessible. Custom metadata carries the certificate's code and fingerprint
# (certificates/fingerprints.py), so an uploaded copy can be checked against the record.
PDF_OPTIONS = {"pdf_tags": True, "pdf_variant": "pdf/ua-1", "custom_metadata": True}


class CertificateRenderTimeout(Exception):
    """Rendering one certificate took longer than `CERTIFICATE_RENDER_SECONDS`; nothing was produced."""


class _TimeUp(BaseException):
    # Not an Exception: WeasyPrint catches those around fetching and drawing and carries on with the page.
    pass


class LocalOnlyFetcher(URLFetcher):
    """Loads our own static files (`static:path`), the certificate fonts (`font:name`), images uploaded to the
    admin for certificate templates (`media:images/...`) and small data: URLs; refuses file:, http(s): and the rest.

    Names and course titles end up in the page, so a certificate must never be able to read a local
    file or make the server call another host.
    """

    # Set while a certificate renders: every resource it loads checks the time limit first.
    deadline: float | None = None

    def fetch(self, url, headers=None):
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise _TimeUp
        if url.startswith("data:"):
            if len(url) > MAX_DATA_URL_BYTES:
                raise ValueError("data: URL too large for a certificate")
            return super().fetch(url, headers)
        if url.startswith(STATIC_SCHEME):
            relative = PurePosixPath(url[len(STATIC_SCHEME) :].lstrip("/"))
            if ".." in relative.parts:
                raise ValueError(f"refused static path {url!r}")
            found = finders.find(str(relative))
            if not found:
                raise ValueError(f"no static file {url!r}")
            with open(found, "rb") as handle:
                body = handle.read()
            content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": content_type}, 200)
        if url.startswith(FONT_SCHEME):
            path = font_path(url[len(FONT_SCHEME) :])
            if path is None:
                raise ValueError(f"no certificate font {url[:60]!r}")
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": "font/otf"}, 200)
        if url.startswith(MEDIA_SCHEME):
            name = url[len(MEDIA_SCHEME) :]
            if ".." in PurePosixPath(name).parts or not name.startswith(MEDIA_IMAGE_FOLDERS):
                raise ValueError(f"refused media file {url[:60]!r}: certificates show only uploaded images")
            with default_storage.open(name, "rb") as handle:
                body = handle.read(MAX_MEDIA_BYTES + 1)
            if len(body) > MAX_MEDIA_BYTES:
                raise ValueError("image too large for a certificate")
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": content_type}, 200)
        raise ValueError(f"refused URL {url[:60]!r}: certificates load only their own files")


def verify_url(certificate) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("certificates:verify", kwargs={"code": certificate.code})


def qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8")


def certificate_language(certificate) -> str:
    """The language the certificate is worded in, for the PDF's /Lang (screen readers pick their voice by it)."""
    return getattr(certificate, "language", "") or settings.LANGUAGE_CODE


_thread = threading.local()


def _renderer() -> tuple[FontConfiguration, LocalOnlyFetcher]:
    """This thread's font configuration and fetcher, made by its first certificate and kept for the next ones.

    The font configuration keeps the fonts of the @font-face rules once loaded, so only a thread's first Korean or
    Chinese certificate pays for reading them; a new fetcher costs ~40 ms (urllib builds an SSL context). Per
    thread, because Pango's font maps must not be used from two threads at once.
    """
    if not hasattr(_thread, "font_config"):
        _thread.font_config = FontConfiguration()
        _thread.fetcher = LocalOnlyFetcher()
    return _thread.font_config, _thread.fetcher


def _raise_time_up(signum, frame):
    raise _TimeUp


def _alarm_available() -> bool:
    """SIGALRM can only interrupt the main thread, and is not ours to take when something else set it."""
    return (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


def _alarm_stop(alarm: bool, fetcher: LocalOnlyFetcher) -> None:
    if alarm:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    fetcher.deadline = None


def _within_time_limit(seconds: float, fetcher: LocalOnlyFetcher, work):
    """`work(deadline)`, or CertificateRenderTimeout once `seconds` have passed.

    WeasyPrint cannot be stopped from another thread, and a subprocess per certificate would cost more than the
    rendering itself. So on the main thread (gunicorn's sync workers, `db_worker`) a one-shot SIGALRM interrupts
    the rendering wherever it is. Elsewhere the limit is checked at every resource the page loads and between
    layout and PDF output: a certificate holds a few hundred characters of text, so no single step runs for long.
    Either way the time is checked once more at the end, which also catches an alarm that WeasyPrint swallowed (its
    SVG drawing catches BaseException): a rendering that overran is never returned.
    """
    deadline = time.monotonic() + seconds
    alarm = _alarm_available()
    fetcher.deadline = deadline
    try:
        try:
            if alarm:
                signal.signal(signal.SIGALRM, _raise_time_up)
                signal.setitimer(signal.ITIMER_REAL, seconds)
            result = work(deadline)
        finally:
            _alarm_stop(alarm, fetcher)
        _check(deadline)
        return result
    except _TimeUp:
        # The one alarm may have gone off inside the `finally` above, before it put everything back.
        _alarm_stop(alarm, fetcher)
        raise CertificateRenderTimeout(f"rendering the certificate took longer than {seconds:g} s") from None


def _check(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise _TimeUp


def _image_url(image, spec: str) -> str | None:
    """A `media:` address for a rendition of a template's image (logo, signature), or None when it can't be made."""
    if image is None:
        return None
    try:
        return MEDIA_SCHEME + image.get_rendition(spec).file.name
    except (OSError, ValueError):  # the original is gone, or not an image Willow can read
        return None


def void_notice(certificate) -> str:
    """What a revoked or superseded certificate says across its face, or nothing."""
    if certificate.revoked_at:
        day = certificate_date(timezone.localdate(certificate.revoked_at))
        return _("Revoked on %(day)s: this certificate is no longer valid.") % {"day": day}
    if certificate.superseded_at:
        day = certificate_date(timezone.localdate(certificate.superseded_at))
        return _("Replaced on %(day)s by a newer certificate: this one is no longer valid.") % {"day": day}
    return ""


def certificate_context(certificate, template) -> dict:
    """What the PDF template shows: the certificate, the design and texts of `template`, and its fingerprint."""
    from .fingerprints import METADATA_CODE, METADATA_FINGERPRINT, certificate_fingerprint

    url = verify_url(certificate)
    completed_on = timezone.localdate(certificate.completed_at)
    texts = template.texts(certificate_language(certificate))
    return {
        "certificate": certificate,
        "template": template,
        "texts": texts,
        "statement": template.statement_html(
            {
                "name": certificate.holder_name,
                "course": certificate.course_title,
                "date": certificate_date(completed_on),
                "expiry": certificate_date(certificate.valid_until),
                "score": f"{certificate.score:.0f}",
                "code": certificate.code,
            },
            texts["statement"],
        ),
        "logo_url": _image_url(template.logo, "max-700x240"),
        "signature_url": _image_url(template.signature, "max-600x200"),
        "language": certificate_language(certificate),
        "font_faces": certificate_font_faces(),
        "verify_url": url,
        "qr_svg": qr_svg(url),
        "issued_on": timezone.localdate(certificate.issued_at),
        "completed_on": completed_on,
        "fingerprint": certificate_fingerprint(certificate),
        "void_notice": void_notice(certificate),
        "metadata_code": METADATA_CODE,
        "metadata_fingerprint": METADATA_FINGERPRINT,
    }


def render_certificate_pdf(certificate, *, template=None) -> bytes:
    """The certificate as PDF bytes, in `template` (default: its course's, see `CertificateTemplate`); raises
    CertificateRenderTimeout past `CERTIFICATE_RENDER_SECONDS`."""
    from .models import CertificateTemplate

    template = template or CertificateTemplate.for_certificate(certificate)
    font_config, fetcher = _renderer()

    def render(deadline: float) -> bytes:
        # Worded in the certificate's language, whoever (or whichever worker) renders it.
        with translation.override(certificate_language(certificate)):
            html = render_to_string(TEMPLATE, certificate_context(certificate, template))
        _check(deadline)
        document = HTML(string=html, url_fetcher=fetcher).render(font_config=font_config, **PDF_OPTIONS)
        _check(deadline)
        return document.write_pdf(**PDF_OPTIONS)

    try:
        return _within_time_limit(float(settings.CERTIFICATE_RENDER_SECONDS), fetcher, render)
    except CertificateRenderTimeout:
        # Stopped half-way, the font configuration may hold a font it never finished loading: the thread's next
        # certificate starts afresh rather than go without it.
        del _thread.font_config, _thread.fetcher
        raise


def render_sample_pdf(*, template) -> bytes:
    """A certificate as `template` would print it, with sample facts: the admin's preview."""
    from decimal import Decimal

    from .models import Certificate

    now = timezone.now()
    sample = Certificate(
        code="SAMPLE" + "A" * 26,
        holder_name="김민준 · Jürgen Müller-Lüdenscheidt",
        course_title="Social media within the rules · 社群媒體合規",
        score=Decimal("92"),
        completed_at=now,
        issued_at=now,
        valid_until=now.date().replace(year=now.year + 1, day=min(now.day, 28)),
        course_published_at=now,
        course_revision_id=1,
        acknowledged_at=now,
    )
    return render_certificate_pdf(sample, template=template)
