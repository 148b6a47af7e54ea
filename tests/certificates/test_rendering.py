"""The PDF renderer: what a certificate shows, in which fonts, that text in it can never make the server fetch
anything, and that a rendering never runs past its time limit."""

import datetime
import http.server
import io
import re
import signal
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from certificates import rendering
from certificates.fonts import certificate_fonts_build
from certificates.models import Certificate
from certificates.rendering import (
    CertificateRenderTimeout,
    LocalOnlyFetcher,
    render_certificate_pdf,
    verify_url,
)
from certificates.services import certificate_render
from tests.certificates.pdf_text import pdf_text

PASSWD_LINES = [line for line in Path("/etc/passwd").read_text().splitlines() if line.strip()]


@pytest.fixture(scope="module", autouse=True)
def certificate_fonts():
    """The fonts `make install` builds; built here when missing (a minute), a no-op when up to date."""
    certificate_fonts_build()


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


def font_names(content: bytes) -> set[str]:
    """The fonts embedded in a PDF, without the subset prefix: `ABCDEF+Cert-Sans-KR-Bold` is `Cert-Sans-KR-Bold`."""
    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+", 1)[-1])
    return names


def in_new_thread(function):
    """What `function()` returns or raises when run by a fresh worker thread."""
    outcome = {}

    def run():
        try:
            outcome["value"] = function()
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


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


HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel=stylesheet href="http://127.0.0.1:9/">',
    "<style>body { background: url(file:///etc/passwd) }</style>",
    '<p style="background: url(http://127.0.0.1:9/x)">',
    "@import url(file:///etc/passwd); url(http://127.0.0.1:9/x)",
]


def test_markup_in_name_and_course_is_printed_as_text_and_loads_nothing(web_server, settings):
    address, requested = web_server
    # The time limit doubles as the check that nothing waits on a host that never answers.
    settings.CERTIFICATE_RENDER_SECONDS = 10
    name = HOSTILE[0] + HOSTILE[2] + f'<img src="{address}/tracker.png">'
    course = HOSTILE[1] + HOSTILE[3] + HOSTILE[4] + f'<link rel="stylesheet" href="{address}/x.css">'
    certificate = unsaved_certificate(holder_name=name, course_title=course)

    text = squashed(pdf_text(render_certificate_pdf(certificate)))

    for markup in HOSTILE:
        assert squashed(markup) in text
    assert squashed(f'<img src="{address}/tracker.png">') in text
    assert not any(squashed(line) in text for line in PASSWD_LINES)
    assert "root:" not in text
    assert requested == []


def test_fetcher_refuses_local_files_and_other_hosts_even_in_raw_html(web_server):
    # Were a template ever to print a name unescaped, the fetcher is the last line of defence.
    address, requested = web_server
    html = (
        f'<link rel="stylesheet" href="{address}/style.css">'
        f"<style>@import url({address}/import.css); @import url(file:///etc/passwd);"
        f'@font-face {{ font-family: "Stolen"; src: url(file:///etc/passwd), url({address}/font.otf) }}'
        "body { background: url(file:///etc/passwd) }</style>"
        f'<p>Hello</p><img src="{address}/pixel.png"><img src="file:///etc/passwd">'
        '<img src="file:///etc/hostname"><object data="file:///etc/passwd"></object>'
        '<link rel=stylesheet href="http://127.0.0.1:9/"><p style="background: url(http://127.0.0.1:9/x)">y</p>'
        f'<p style="background: url({address}/bg.png)">x</p>'
        '<embed src="file:///etc/passwd"><iframe src="file:///etc/passwd"></iframe>'
    )

    pdf = HTML(string=html, url_fetcher=LocalOnlyFetcher()).write_pdf()

    text = pdf_text(pdf)
    assert "Hello" in text
    assert "root:" not in text
    assert not any(line in text for line in PASSWD_LINES)
    assert requested == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "http://127.0.0.1/",
        "http://127.0.0.1:9/x",
        "https://example.org/logo.png",
        "//example.org/logo.png",
        "ftp://example.org/x",
        "static:../../../../etc/passwd",
        "static:css/../../../etc/passwd",
        "static:/etc/passwd",
        "static:no-such-file.css",
        "font:../../../../etc/passwd",
        "font:/etc/passwd",
        "font:%2e%2e/%2e%2e/etc/passwd",
        "font:CertSansKR-Regular.otf/../../../../etc/passwd",
        "font:OFL.txt",
        "font:fonts.json",
        "font:NoSuchFont-Regular.otf",
        "local:DejaVu Sans",
    ],
)
def test_fetcher_refuses_anything_but_our_static_files_fonts_and_data(url):
    with pytest.raises(ValueError):
        LocalOnlyFetcher().fetch(url)


def test_fetcher_serves_our_own_static_files_fonts_and_small_data_urls():
    fetcher = LocalOnlyFetcher()

    stylesheet = fetcher.fetch("static:css/site.css")
    data = fetcher.fetch("data:text/plain,hello")
    font = fetcher.fetch("font:CertSansKR-Regular.otf")

    assert stylesheet.status == 200 and b"{" in stylesheet.read()
    assert data.read() == b"hello"
    assert font.read(4) == b"OTTO"
    with pytest.raises(ValueError):
        fetcher.fetch("data:text/plain," + "a" * (600 * 1024))
    with pytest.raises(ValueError):
        fetcher.fetch("data:image/svg+xml;base64," + "PHN2Zz4=" * (80 * 1024))


def test_fonts_are_subset_by_harfbuzz_not_the_slow_fallback(caplog):
    # Without libharfbuzz-subset0 WeasyPrint embeds fonts with fontTools: seconds per certificate for a Korean or
    # Chinese name instead of a fraction of one (`make install` and docs/deploy.md install it).
    caplog.set_level("WARNING", logger="weasyprint")

    render_certificate_pdf(unsaved_certificate(holder_name="Jürgen Müller", course_title="Social media basics"))

    assert "fontTools instead of HarfBuzz" not in caplog.text


# Scripts and fonts


@pytest.mark.parametrize(
    ("name", "course", "fonts"),
    [
        # The name is set in bold, the course title in regular.
        ("김민지", "소셜 미디어 가이드라인", {"Cert-Sans-KR-Bold", "Cert-Sans-KR"}),
        ("陳怡君", "社群媒體合規", {"Cert-Sans-TC-Bold", "Cert-Sans-TC"}),
        ("김민지", "社群媒體合規", {"Cert-Sans-KR-Bold", "Cert-Sans-TC"}),
    ],
)
def test_korean_and_chinese_text_is_real_text_in_the_certificate_fonts(name, course, fonts):
    pdf = render_certificate_pdf(unsaved_certificate(holder_name=name, course_title=course))

    text = pdf_text(pdf)
    assert name in text and course in text
    assert fonts <= font_names(pdf)
    assert not any("Noto" in embedded for embedded in font_names(pdf))


def test_german_umlauts_and_sharp_s_come_out_as_typed_in_dejavu():
    name, course = "Jürgen Müller-Lüdenscheidt", "Größe zählt: Äußerungen in sozialen Medien"

    pdf = render_certificate_pdf(unsaved_certificate(holder_name=name, course_title=course))

    assert name in pdf_text(pdf) and course in pdf_text(pdf)
    assert {"DejaVu-Sans", "DejaVu-Sans-Bold"} <= font_names(pdf)
    assert not any(embedded.startswith("Cert-Sans") for embedded in font_names(pdf))


def test_a_name_in_three_scripts_takes_each_script_from_its_font():
    name = "김민지 陳怡君 Jürgen"

    pdf = render_certificate_pdf(unsaved_certificate(holder_name=name))

    assert name in pdf_text(pdf)
    assert {"Cert-Sans-KR-Bold", "Cert-Sans-TC-Bold", "DejaVu-Sans-Bold"} <= font_names(pdf)


def test_without_the_built_fonts_korean_still_gets_real_glyphs_from_the_system(settings, tmp_path):
    # A deploy that never ran `manage.py certificate_fonts`: slower, but the name is still there to read.
    settings.CERTIFICATE_FONT_DIR = tmp_path

    pdf = in_new_thread(lambda: render_certificate_pdf(unsaved_certificate(holder_name="김민지")))

    assert "김민지" in pdf_text(pdf)
    assert not any(embedded.startswith("Cert-Sans") for embedded in font_names(pdf))
    assert any("CJK" in embedded for embedded in font_names(pdf))


def test_certificates_rendered_at_once_on_two_threads_each_say_their_own_name():
    people = [("김민지", "소셜 미디어 가이드라인"), ("陳怡君", "社群媒體合規")] * 2
    results: dict[int, bytes] = {}

    def render(index, name, course):
        results[index] = render_certificate_pdf(unsaved_certificate(holder_name=name, course_title=course))

    threads = [threading.Thread(target=render, args=(index, *person)) for index, person in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [0, 1, 2, 3]
    for index, (name, course) in enumerate(people):
        assert name in pdf_text(results[index]) and course in pdf_text(results[index])


# Accessibility


def test_pdf_is_tagged_with_its_language_and_title():
    pdf = render_certificate_pdf(unsaved_certificate(holder_name="陳怡君", course_title="社群媒體合規"))

    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en"
    assert reader.metadata.title == "Certificate of completion — 社群媒體合規"
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert b'pdfuaid:part="1"' in catalog["/Metadata"].get_object().get_data()


def test_a_certificate_that_knows_its_language_declares_it():
    certificate = unsaved_certificate()
    certificate.language = "de"

    catalog = PdfReader(io.BytesIO(render_certificate_pdf(certificate))).trailer["/Root"]

    assert catalog["/Lang"] == "de"


# The time limit


def test_a_rendering_past_the_time_limit_fails_clearly(settings):
    settings.CERTIFICATE_RENDER_SECONDS = 0.001

    with pytest.raises(CertificateRenderTimeout, match="longer than 0.001 s"):
        render_certificate_pdf(unsaved_certificate(holder_name="김민지"))

    # The worker goes on: its alarm is put back and the next certificate renders.
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    settings.CERTIFICATE_RENDER_SECONDS = 60
    pdf = render_certificate_pdf(unsaved_certificate(holder_name="김민지"))
    assert "김민지" in pdf_text(pdf) and "Cert-Sans-KR-Bold" in font_names(pdf)


def test_a_stuck_rendering_is_interrupted_rather_than_waited_for(settings, monkeypatch):
    settings.CERTIFICATE_RENDER_SECONDS = 0.2
    finished = []
    qr_svg = rendering.qr_svg

    def stuck_qr_svg(data):
        time.sleep(5)
        finished.append(True)
        return qr_svg(data)

    monkeypatch.setattr(rendering, "qr_svg", stuck_qr_svg)

    with pytest.raises(CertificateRenderTimeout):
        render_certificate_pdf(unsaved_certificate())

    assert finished == []


def test_a_rendering_past_the_time_limit_on_a_worker_thread_fails_too(settings):
    settings.CERTIFICATE_RENDER_SECONDS = 0.001

    with pytest.raises(CertificateRenderTimeout):
        in_new_thread(lambda: render_certificate_pdf(unsaved_certificate(holder_name="陳怡君")))


@pytest.mark.django_db
def test_a_timed_out_rendering_stores_no_file_and_leaves_the_certificate_unrendered(settings, certificate):
    settings.CERTIFICATE_RENDER_SECONDS = 0.001

    with pytest.raises(CertificateRenderTimeout):
        certificate_render(certificate_id=certificate.pk)

    certificate.refresh_from_db()
    assert not certificate.pdf and certificate.rendered_at is None
    assert not certificate.pdf.storage.exists(f"certificates/{certificate.code}.pdf")
