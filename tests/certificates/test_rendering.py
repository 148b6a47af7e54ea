"""The PDF renderer: what a certificate shows, and that text in it can never make the server fetch anything."""

import datetime
import http.server
import re
import threading
from decimal import Decimal

import pytest
from weasyprint import HTML

from certificates.models import Certificate
from certificates.rendering import LocalOnlyFetcher, render_certificate_pdf, verify_url
from tests.certificates.pdf_text import pdf_text


@pytest.fixture
def web_server():
    """A local web server that records every path asked of it."""
    requested: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requested.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", requested
    server.shutdown()
    thread.join()
    server.server_close()


def unsaved_certificate(**fields) -> Certificate:
    when = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
    values = {
        "holder_name": "Lena Learner",
        "course_title": "Test course",
        "score": Decimal("91.67"),
        "completed_at": when,
        "issued_at": when,
        "valid_until": datetime.date(2027, 3, 2),
    }
    return Certificate(**(values | fields))


def squashed(text: str) -> str:
    """PDF text without the line breaks and spaces the layout adds inside long strings."""
    return re.sub(r"\s+", "", text)


def test_pdf_shows_the_certificate_facts_and_the_verify_address():
    certificate = unsaved_certificate()

    text = pdf_text(render_certificate_pdf(certificate))

    assert "Lena Learner" in text and "Test course" in text
    assert "Completed on 2 March 2026" in text
    assert "Valid until 2 March 2027" in text
    assert "Score 92 %" in text
    assert certificate.code in text
    assert verify_url(certificate) == f"http://testserver/certificates/verify/{certificate.code}/"
    assert verify_url(certificate) in squashed(text)


def test_markup_in_name_and_course_is_printed_as_text_and_loads_nothing(web_server):
    address, requested = web_server
    name = '<img src="file:///etc/passwd">'
    course = f'<img src="{address}/tracker.png"><link rel="stylesheet" href="{address}/x.css">'
    certificate = unsaved_certificate(holder_name=name, course_title=course)

    text = pdf_text(render_certificate_pdf(certificate))

    assert squashed(name) in squashed(text)
    assert squashed(f'<img src="{address}/tracker.png">') in squashed(text)
    assert "root:" not in text
    assert requested == []


def test_fetcher_refuses_local_files_and_other_hosts_even_in_raw_html(web_server):
    # Were a template ever to print a name unescaped, the fetcher is the last line of defence.
    address, requested = web_server
    html = (
        f'<link rel="stylesheet" href="{address}/style.css">'
        f'<p>Hello</p><img src="{address}/pixel.png"><img src="file:///etc/passwd">'
        '<img src="file:///etc/hostname"><object data="file:///etc/passwd"></object>'
        f'<p style="background: url({address}/bg.png)">x</p>'
    )

    pdf = HTML(string=html, url_fetcher=LocalOnlyFetcher()).write_pdf()

    assert "Hello" in pdf_text(pdf)
    assert "root:" not in pdf_text(pdf)
    assert requested == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "http://127.0.0.1/",
        "https://example.org/logo.png",
        "//example.org/logo.png",
        "ftp://example.org/x",
        "static:../../../../etc/passwd",
        "static:css/../../../etc/passwd",
        "static:/etc/passwd",
        "static:no-such-file.css",
    ],
)
def test_fetcher_refuses_anything_but_our_static_files_and_data(url):
    with pytest.raises(ValueError):
        LocalOnlyFetcher().fetch(url)


def test_fetcher_serves_our_own_static_files_and_small_data_urls():
    fetcher = LocalOnlyFetcher()

    stylesheet = fetcher.fetch("static:css/site.css")
    data = fetcher.fetch("data:text/plain,hello")

    assert stylesheet.status == 200 and b"{" in stylesheet.read()
    assert data.read() == b"hello"
    with pytest.raises(ValueError):
        fetcher.fetch("data:text/plain," + "a" * (600 * 1024))


def test_fonts_are_subset_by_harfbuzz_not_the_slow_fallback(caplog):
    # Without libharfbuzz-subset0 WeasyPrint embeds fonts with fontTools: seconds per certificate for a Korean or
    # Chinese name instead of a fraction of one (`make install` and docs/deploy.md install it).
    caplog.set_level("WARNING", logger="weasyprint")

    render_certificate_pdf(unsaved_certificate(holder_name="Jürgen Müller", course_title="Social media basics"))

    assert "fontTools instead of HarfBuzz" not in caplog.text
