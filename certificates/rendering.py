"""PDF rendering with WeasyPrint, isolated here. The fetcher only lets the page load what we ship."""

import io
import mimetypes
from pathlib import PurePosixPath

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

MAX_DATA_URL_BYTES = 512 * 1024
STATIC_SCHEME = "static:"


class LocalOnlyFetcher(URLFetcher):
    """Loads our own static files (`static:path`) and small data: URLs; refuses file:, http(s): and the rest.

    Names and course titles end up in the page, so a certificate must never be able to read a local
    file or make the server call another host.
    """

    def fetch(self, url, headers=None):
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
        raise ValueError(f"refused URL {url[:60]!r}: certificates load only their own files")


def verify_url(certificate) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("certificates:verify", kwargs={"code": certificate.code})


def qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8")


def render_certificate_pdf(certificate) -> bytes:
    url = verify_url(certificate)
    html = render_to_string(
        "certificates/certificate_pdf.html",
        {
            "certificate": certificate,
            "verify_url": url,
            "qr_svg": qr_svg(url),
            "issued_on": timezone.localdate(certificate.issued_at),
            "completed_on": timezone.localdate(certificate.completed_at),
        },
    )
    document = HTML(string=html, url_fetcher=LocalOnlyFetcher())
    return document.write_pdf(pdf_tags=True, custom_metadata=False)
