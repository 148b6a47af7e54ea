"""Certificate templates edited in the Wagtail admin: texts, colours, logo, signatory, paper; a preview; a course's
own template; hostile values in every field stay text and load nothing."""

import io

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from pypdf import PdfReader
from wagtail.images.models import Image

from certificates.models import Certificate, CertificateTemplate
from certificates.rendering import render_certificate_pdf
from tests.certificates.pdf_text import pdf_text
from tests.certificates.test_rendering import squashed, web_server  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db
ADMIN = "wagtailsnippets_certificates_certificatetemplate"


def template_form(template: CertificateTemplate, **changes) -> dict:
    values = {
        "name": template.name,
        "is_default": "on" if template.is_default else "",
        "organisation": template.organisation,
        "title": template.title,
        "statement": template.statement,
        "accent_colour": template.accent_colour,
        "logo": template.logo_id or "",
        "signatory_name": template.signatory_name,
        "signatory_title": template.signatory_title,
        "signature": template.signature_id or "",
        "paper": template.paper,
        "orientation": template.orientation,
    }
    values.update(changes)
    return {key: value for key, value in values.items() if value != ""}


def image(title="Logo", colour=(15, 92, 120)) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 100), colour).save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{title.lower()}.png"))


def image_count(content: bytes) -> int:
    count = 0
    for page in PdfReader(io.BytesIO(content)).pages:
        objects = page["/Resources"].get("/XObject") or {}
        count += sum(1 for item in objects.values() if item.get_object()["/Subtype"] == "/Image")
    return count


@pytest.fixture
def default_template():
    return CertificateTemplate.objects.get(is_default=True)  # made by the migration


def test_an_editor_rewords_the_default_template_and_learners_certificates_follow(
    client, editor, default_template, certificate
):
    client.force_login(editor)
    edit = reverse(f"{ADMIN}:edit", args=[default_template.pk])
    assert client.get(edit).status_code == 200

    response = client.post(
        edit,
        template_form(
            default_template,
            organisation="St Mary's Hospital",
            title="Social media training",
            statement="{name} passed {course} ({score} %) on {date}; valid to {expiry}.",
            signatory_name="Dr Hana Rhee",
            signatory_title="Chief Compliance Officer",
            paper="letter",
            orientation="portrait",
        ),
    )

    assert response.status_code == 302
    text = pdf_text(render_certificate_pdf(certificate))
    assert "ST MARY'S HOSPITAL" in text.upper() and "Social media training" in text
    assert "Dr Hana Rhee" in text and "Chief Compliance Officer" in text
    assert squashed(f"{certificate.holder_name} passed {certificate.course_title}") in squashed(text)
    reader = PdfReader(io.BytesIO(render_certificate_pdf(certificate)))
    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (612, 792)  # US Letter, portrait, in points


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("statement", "{name} finished {curse} on {date}", "Unknown placeholder {curse}"),
        ("statement", "Hello {name.__class__}", "Unknown placeholder {name.__class__}"),
        ("accent_colour", "red; } @import url(http://127.0.0.1:9/x);", "at most 7 characters"),
    ],
)
def test_the_admin_refuses_unknown_placeholders_and_colours_that_are_not_colours(
    client, editor, default_template, field, value, message
):
    client.force_login(editor)

    response = client.post(
        reverse(f"{ADMIN}:edit", args=[default_template.pk]), template_form(default_template, **{field: value})
    )

    assert response.status_code == 200 and message in response.content.decode()
    default_template.refresh_from_db()
    assert getattr(default_template, field) != value


def test_only_one_template_is_the_default(client, editor, default_template):
    client.force_login(editor)
    response = client.post(reverse(f"{ADMIN}:add"), template_form(CertificateTemplate(name="Second"), is_default="on"))
    assert "Another template is the default" in response.content.decode()
    assert CertificateTemplate.objects.filter(is_default=True).count() == 1


def test_a_course_may_name_its_own_template_with_logo_and_signature(certificate, course, default_template):
    own = CertificateTemplate.objects.create(
        name="Pharmacy",
        title="Pharmacy social media certificate",
        logo=image("Logo"),
        signature=image("Signature", (0, 0, 0)),
        signatory_name="Jonas Weber",
        accent_colour="#aa3300",
    )
    course.certificate_template = own
    course.save()

    content = render_certificate_pdf(Certificate.objects.get(pk=certificate.pk))

    text = pdf_text(content)
    assert "Pharmacy social media certificate" in text and "Jonas Weber" in text
    assert image_count(content) == 2  # the logo and the signature (the QR code is drawn, not an image)
    assert default_template.title not in text


def test_the_admin_preview_is_a_sample_pdf_in_every_script(client, editor, default_template):
    client.force_login(editor)
    preview = reverse(f"{ADMIN}:preview_on_edit", args=[default_template.pk])

    posted = client.post(preview, template_form(default_template, title="Draft title"))
    assert posted.json()["is_valid"] is True
    response = client.get(preview)

    assert response["Content-Type"] == "application/pdf"
    text = squashed(pdf_text(response.content))
    assert "Drafttitle" in text and "김민준" in text and "Jürgen" in text and "社群媒體合規" in text
    default_template.refresh_from_db()
    assert default_template.title == "Certificate of completion"  # a preview saves nothing


def test_people_who_do_not_edit_content_cannot_change_templates(client, employee, hr_user, default_template):
    for person in (employee, hr_user):
        client.force_login(person)
        response = client.post(
            reverse(f"{ADMIN}:edit", args=[default_template.pk]), template_form(default_template, title="Hacked")
        )
        assert response.status_code in (302, 403)
    default_template.refresh_from_db()
    assert default_template.title == "Certificate of completion"


HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel="stylesheet" href="http://127.0.0.1:9/">',
    "</style><style>body { background: url(file:///etc/passwd) }</style>",
    '"><script>alert(1)</script>',
]


@pytest.mark.parametrize("value", HOSTILE)
def test_markup_in_template_fields_is_printed_as_text_and_loads_nothing(web_server, certificate, value):  # noqa: F811
    base, requested = web_server
    value = value.replace("http://127.0.0.1:9", base)
    # Not saved: PostgreSQL would refuse the long colour, and the PDF must cope with whatever reaches it.
    template = CertificateTemplate(
        name="Hostile",
        organisation=value[:120],
        title=value[:120],
        statement=f"{{name}} {value}",
        signatory_name=value[:120],
        signatory_title=value[:120],
        accent_colour=f"#000000; }} body {{ background: url({base}/colour) }}",  # around the form's check
    )

    content = render_certificate_pdf(certificate, template=template)

    assert requested == []
    assert b"root:x:0:0" not in content
    assert squashed(value.replace(base, "http://127.0.0.1:9")[:40]) in squashed(
        pdf_text(content).replace(base, "http://127.0.0.1:9")
    )
