"""What editors write, upload and embed reaches learners only in forms that cannot run script on the site; documents
are served through the view that checks who asks; private content needs a login, never a shared password.

Through the admin's own views, as editors and administrators use them (docs/governance.md, "Wagtail hardening").
"""

import io
import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.finders import get_finders
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import LessonPage
from tests.cms.test_review_workflow import act, edit_data
from tests.factories import EmployeeFactory, UserFactory, enrol, make_course

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", is_superuser=True, is_staff=True)


@pytest.fixture
def lesson(course):
    return course.lessons().specific().first()


def a_document(filename: str, content: bytes, collection=None):
    return Document.objects.create(
        title=filename,
        file=ContentFile(content, name=filename),
        collection=collection or Collection.get_first_root_node(),
    )


def downloaded(response) -> bytes:
    return b"".join(response.streaming_content)


def png(width: int = 4, height: int = 4, mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


# Blocks and rich text: no raw HTML, however it is nested


def raw_html_blocks(block, path: str) -> list[str]:
    """Where in `block` (a StreamField's block, walked through every stream, struct and list) a RawHTMLBlock is."""
    if isinstance(block, blocks.RawHTMLBlock):
        return [path]
    found = []
    children = getattr(block, "child_blocks", None)
    if children:
        for name, child in children.items():
            found += raw_html_blocks(child, f"{path}.{name}")
    child = getattr(block, "child_block", None)
    if child is not None:
        found += raw_html_blocks(child, f"{path}[]")
    return found


def all_blocks(block):
    yield block
    for child in list(getattr(block, "child_blocks", {}).values()) + [getattr(block, "child_block", None)]:
        if child is not None:
            yield from all_blocks(child)


def stream_fields():
    """(label, field) for every StreamField of every model: pages, snippets and the rest alike."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField) and field.model is model:
                yield f"{model._meta.label}.{field.name}", field


def test_no_stream_field_offers_a_raw_html_block():
    """A RawHTMLBlock would put an editor's HTML, scripts included, on every learner's page unescaped."""
    checked = {label: raw_html_blocks(field.stream_block, label) for label, field in stream_fields()}

    assert "cms.LessonPage.body" in checked  # the lessons' body is among the fields walked
    assert {label: found for label, found in checked.items() if found} == {}


def test_the_walk_finds_a_raw_html_block_however_deeply_it_is_nested():
    stream = blocks.StreamBlock(
        [
            (
                "section",
                blocks.StructBlock(
                    [("items", blocks.ListBlock(blocks.StructBlock([("html", blocks.RawHTMLBlock())])))]
                ),
            )
        ]
    )

    assert raw_html_blocks(stream, "body") == ["body.section.items[].html"]


def test_rich_text_names_its_features_and_none_embeds_provider_html():
    """Wagtail's default features include "embed" (a provider's HTML inside the text); each of our rich texts lists
    its own, without it."""
    features = {}
    for label, field in stream_fields():
        for number, block in enumerate(all_blocks(field.stream_block)):
            if isinstance(block, blocks.RichTextBlock):
                features[f"{label}#{number}"] = block.features
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, RichTextField) and field.model is model:
                features[f"{model._meta.label}.{field.name}"] = field.features

    assert "cms.CaseStudyPage.situation" in features and any(
        label.startswith("cms.LessonPage.body") for label in features
    )
    assert {label: names for label, names in features.items() if names is None or "embed" in names} == {}


def test_a_script_written_into_a_lesson_through_the_admin_never_reaches_the_learner(
    client, editor, lesson, course, roles
):
    """Whatever an editor's browser posts, even a crafted rich-text value, the learner reads it as text."""
    legal, medical = UserFactory(username="lena.legal"), UserFactory(username="max.medical")
    legal.groups.add(roles["Legal reviewers"])
    medical.groups.add(roles["Medical reviewers"])
    learner = EmployeeFactory(user__username="lena").user
    enrol(learner, course)
    crafted = {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "depth": 0,
                "text": "<script>alert('lesson')</script> Read the policy",
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 33, "length": 15, "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(document.cookie)"}}
        },
    }
    pasted = rich_text(
        '<p>Say who you work for.</p><script>alert("pasted")</script><p><img src="x" onerror="alert(1)"/>!</p>'
    )
    data = edit_data(lesson, "placeholder", **{"action-submit": "1"})
    data.update(nested_form_data({"body": streamfield([("rich_text", json.dumps(crafted)), ("rich_text", pasted)])}))

    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[lesson.pk]), data)
    assert response.status_code == 302, response.context["form"].errors.as_text()
    client.force_login(legal)
    act(client, lesson, "approve")
    client.force_login(medical)
    act(client, lesson, "approve")

    client.force_login(learner)
    page = client.get(LessonPage.objects.get(pk=lesson.pk).url).content.decode()

    assert "Read the policy" in page and "Say who you work for." in page  # the change is live
    assert "&lt;script&gt;alert(" in page  # the typed "script" is shown as the text it is
    assert "<script>alert(" not in page
    assert "javascript:" not in page
    assert "onerror" not in page


# Embeds: a provider's HTML is shown as it is, so only the two video sites lessons use


def test_only_youtube_and_vimeo_videos_can_be_embedded():
    def embeddable(url):
        return any(finder.accept(url) for finder in get_finders())

    assert embeddable("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert embeddable("https://youtu.be/dQw4w9WgXcQ")
    assert embeddable("https://vimeo.com/76979871")
    for url in (
        "https://twitter.com/someone/status/1",
        "https://www.facebook.com/someone/posts/1",
        "https://www.instagram.com/p/abc/",
        "https://www.tiktok.com/@someone/video/1",
        "https://gist.github.com/someone/1",
    ):
        assert not embeddable(url), url


def test_the_video_block_refuses_another_site_with_a_message():
    video = EmbedBlock()

    with pytest.raises(ValidationError) as refused:
        video.clean(video.to_python("https://www.facebook.com/someone/videos/1"))

    assert "Cannot find an embed for this URL." in str(refused.value)


# Documents: through the view, for staff only, downloaded unless PDF or plain text


def test_documents_are_served_by_the_view_pdf_shown_and_other_kinds_downloaded(client, employee, files_on_disk):
    pdf = a_document("code-of-practice.pdf", b"%PDF-1.4 code of practice")
    handout = a_document("handout.docx", b"PK docx handout")
    sheet = a_document("contacts.csv", b"name,phone\n")
    client.force_login(employee)

    shown = client.get(pdf.url)
    saved = client.get(handout.url)

    assert pdf.url == reverse("wagtaildocs_serve", args=[pdf.pk, "code-of-practice.pdf"])  # not a media URL
    assert shown.status_code == 200 and downloaded(shown) == b"%PDF-1.4 code of practice"
    assert shown["Content-Disposition"].startswith("inline")
    assert saved.status_code == 200 and downloaded(saved) == b"PK docx handout"
    assert saved["Content-Disposition"].startswith('attachment; filename="handout.docx"')
    assert client.get(sheet.url)["Content-Disposition"].startswith("attachment")
    for response in (shown, saved):
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert response["X-Content-Type-Options"] == "nosniff"


class StorageWithOwnAddresses(InMemoryStorage):
    """Like S3: files have a URL of their own but no path on this machine."""

    def _relative_path(self, name):
        return name

    def path(self, name):
        raise NotImplementedError("no local path")


def test_documents_go_through_the_view_even_where_the_storage_has_addresses_of_its_own(client, employee, settings):
    """Wagtail's default for such storages is to redirect to the file's own URL, which anyone may then fetch."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.StorageWithOwnAddresses"}}
    handout = a_document("handout.docx", b"PK docx handout")
    client.force_login(employee)

    response = client.get(handout.url)

    assert response.status_code == 200 and downloaded(response) == b"PK docx handout"
    assert response["Content-Disposition"].startswith("attachment")


def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(client, files_on_disk):
    handout = a_document("handout.pdf", b"%PDF-1.4 handout")

    response = client.get(handout.url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={handout.url}"


def test_a_private_collection_is_for_its_groups_only(client, roles, hr_user, outsider, files_on_disk):
    hr_only = Collection.get_first_root_node().add_child(instance=Collection(name="HR procedures"))
    restriction = CollectionViewRestriction.objects.create(
        collection=hr_only, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(roles["HR"])
    procedure = a_document("disciplinary.pdf", b"%PDF-1.4 HR only", collection=hr_only)

    client.force_login(outsider)
    refused = client.get(procedure.url)
    client.force_login(hr_user)
    allowed = client.get(procedure.url)

    assert refused.status_code == 302 and not hasattr(refused, "streaming_content")
    assert allowed.status_code == 200 and downloaded(allowed) == b"%PDF-1.4 HR only"


@pytest.mark.parametrize("filename", ["page.html", "drawing.svg", "data.xml", "script.js", "macro.docm"])
def test_a_document_of_another_kind_is_refused_at_upload(client, editor, filename):
    client.force_login(editor)
    root = Collection.get_first_root_node()

    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Upload", "collection": root.pk, "file": SimpleUploadedFile(filename, b"<html><script></script>")},
    )

    assert response.status_code == 200
    extension = filename.rsplit(".", 1)[1]
    assert (
        f"File extension “{extension}” is not allowed. Allowed extensions are: pdf, docx, xlsx, pptx, odt, ods, odp, "
        "txt, csv." in response.content.decode()
    )
    assert not Document.objects.exists()


def test_a_pdf_is_accepted_at_upload(client, editor):
    client.force_login(editor)

    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Code of practice",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("code.pdf", b"%PDF-1.4"),
        },
    )

    assert response.status_code == 302
    assert Document.objects.get().title == "Code of practice"


# Images: raster only, within size


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


def upload_image(client, filename: str, content: bytes):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Logo",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(filename, content),
        },
    )


def test_an_svg_image_is_refused_with_a_clear_message(client, editor):
    client.force_login(editor)

    as_svg = upload_image(client, "logo.svg", SVG).content.decode()
    as_png = upload_image(client, "logo.png", SVG).content.decode()

    assert "Not a supported image format. Supported formats: AVIF, GIF, JPG, JPEG, PNG, WEBP." in as_svg
    assert "Not a valid .png image. The extension does not match the file format (svg)" in as_png
    assert not Image.objects.exists()


def test_an_image_of_too_many_pixels_is_refused(client, editor):
    client.force_login(editor)

    page = upload_image(client, "poster.png", png(8000, 6000, mode="1")).content.decode()

    assert "This file has too many pixels (48000000). Maximum pixels 40000000." in page
    assert not Image.objects.exists()


def test_a_png_image_is_accepted(client, editor):
    client.force_login(editor)

    response = upload_image(client, "logo.png", png())

    assert response.status_code == 302
    assert Image.objects.get().title == "Logo"


# Private pages and collections: login or groups, never a shared password


def test_page_privacy_offers_no_shared_password(client, administrator, course):
    client.force_login(administrator)
    url = reverse("wagtailadmin_pages:set_privacy", args=[course.pk])

    form = client.get(url).json()["html"]
    with_password = client.post(url, {"restriction_type": "password", "password": "ward7"}).json()
    with_login = client.post(url, {"restriction_type": "login"}).json()

    assert 'value="login"' in form and 'value="groups"' in form
    assert 'value="password"' not in form and 'name="password"' not in form
    assert with_password["step"] == "set_privacy"  # the form again, with an error
    assert with_login["step"] == "set_privacy_done"
    assert list(PageViewRestriction.objects.filter(page=course).values_list("restriction_type", flat=True)) == [
        PageViewRestriction.LOGIN
    ]


def test_collection_privacy_offers_no_shared_password(client, administrator):
    collection = Collection.get_first_root_node().add_child(instance=Collection(name="Handouts"))
    client.force_login(administrator)
    url = reverse("wagtailadmin_collections:set_privacy", args=[collection.pk])

    form = client.get(url).json()["html"]
    with_password = client.post(url, {"restriction_type": "password", "password": "ward7"}).json()
    with_login = client.post(url, {"restriction_type": "login"}).json()

    assert 'value="login"' in form and 'value="password"' not in form
    assert with_password["step"] == "set_privacy"
    assert with_login["step"] == "set_privacy_done"
    assert list(CollectionViewRestriction.objects.values_list("restriction_type", flat=True)) == [
        CollectionViewRestriction.LOGIN
    ]


# Deleting a course with its lessons


def test_deleting_a_course_with_its_lessons_asks_for_the_site_name(client, administrator):
    course = make_course(title="Five pages", lessons=3)  # the course, three lessons and a code of conduct
    client.force_login(administrator)

    page = client.get(reverse("wagtailadmin_pages:delete", args=[course.pk])).content.decode()

    assert 'name="confirm_site_name"' in page
