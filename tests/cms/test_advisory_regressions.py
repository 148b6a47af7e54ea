"""Wagtail's security advisories of 2024-2026 that touch what we use, replayed with our own roles in the admin.

Each test names its advisory. The fixes are in the Wagtail we run; these tests keep it that way through upgrades and
through changes to our roles (training/roles.py): a reviewer, HR or an editor sees and changes only what their role
allows. Advisories about parts we don't use (TableBlock, form pages, the public API) are listed in docs/governance.md.
"""

import io
import json

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page

from certificates.models import CertificateTemplate
from cms.models import CoursePage, LessonPage
from tests.cms.test_review_workflow import assert_refused, edit_and_submit, edit_data
from tests.factories import UserFactory, make_course, make_quiz

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()

LIVE_TEXT = "Body of lesson 1."
DRAFT_TEXT = "Unreviewed draft: name the ward in your reply."


@pytest.fixture
def legal(roles):
    user = UserFactory(username="lena.legal")
    user.groups.add(roles["Legal reviewers"])
    return user


@pytest.fixture
def medical(roles):
    user = UserFactory(username="max.medical")
    user.groups.add(roles["Medical reviewers"])
    return user


@pytest.fixture
def lesson(course, editor):
    """A published lesson with a newer draft, not yet submitted for review: two revisions."""
    lesson = course.lessons().specific().first()
    lesson.body = json.dumps([{"type": "rich_text", "value": f"<p>{DRAFT_TEXT}</p>"}])
    lesson.save_revision(user=editor)
    return LessonPage.objects.get(pk=lesson.pk).specific


@pytest.fixture
def no_review_rights(hr_user, legal):
    """Admin users with no right over a lesson that waits for nobody's review: HR, and a legal reviewer."""
    return [hr_user, legal]


def revision_urls(lesson) -> dict[str, str]:
    live, draft = lesson.live_revision_id, lesson.latest_revision_id
    assert live != draft
    return {
        "history": reverse("wagtailadmin_pages:history", args=[lesson.pk]),
        "history results": reverse("wagtailadmin_pages:history_results", args=[lesson.pk]),
        "workflow history": reverse("wagtailadmin_pages:workflow_history", args=[lesson.pk]),
        "compare": reverse("wagtailadmin_pages:revisions_compare", args=[lesson.pk, live, draft]),
        "compare with live": reverse("wagtailadmin_pages:revisions_compare", args=[lesson.pk, "live", "latest"]),
        "revision": reverse("wagtailadmin_pages:revisions_view", args=[lesson.pk, draft]),
        "revert": reverse("wagtailadmin_pages:revisions_revert", args=[lesson.pk, live]),
        "draft": reverse("wagtailadmin_pages:view_draft", args=[lesson.pk]),
    }


def assert_not_shown(client, url, text=DRAFT_TEXT):
    response = client.get(url)
    assert_refused(client, response)
    assert text not in response.content.decode()


def png_image(title="Ward photo") -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30)).save(buffer, format="PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="ward.png"))


# Page history, revisions and their comparison


def test_page_history_is_for_those_who_may_edit_the_page(client, lesson, editor, no_review_rights):
    """CVE-2026-44198 (GHSA-c4mr-889m-vgf6): a user without the right to edit a page could read its history."""
    urls = revision_urls(lesson)
    for user in no_review_rights:
        client.force_login(user)
        for name in ("history", "history results", "workflow history"):
            assert_not_shown(client, urls[name], text=editor.username)

    client.force_login(editor)
    assert client.get(urls["history"]).status_code == 200


def test_revisions_and_their_comparison_are_for_those_who_may_edit_the_page(client, lesson, editor, no_review_rights):
    """CVE-2026-44197 (GHSA-c6wj-9vcj-75pj): a user without the right to edit a page could read its revisions
    through the revision compare view, given two revision ids; the same for the view of one revision."""
    urls = revision_urls(lesson)
    for user in no_review_rights:
        client.force_login(user)
        for name in ("compare", "compare with live", "revision", "draft"):
            assert_not_shown(client, urls[name])

    client.force_login(editor)
    assert DRAFT_TEXT in client.get(urls["compare"]).content.decode()
    assert DRAFT_TEXT in client.get(urls["revision"]).content.decode()


def test_a_reviewer_reads_the_revisions_only_while_the_lesson_waits_at_their_review(
    client, lesson, editor, legal, medical
):
    """CVE-2026-44197 (GHSA-c6wj-9vcj-75pj): the review is the only right reviewers have over a lesson, and only at
    their task; the medical reviewer may not read ahead while the lesson is at the legal review."""
    client.force_login(editor)
    edit_and_submit(client, lesson, DRAFT_TEXT)
    urls = revision_urls(LessonPage.objects.get(pk=lesson.pk))
    shown_to_the_reviewer = ("compare", "compare with live", "revision", "draft", "workflow history")

    client.force_login(medical)
    for name in shown_to_the_reviewer:
        assert_not_shown(client, urls[name])
    client.force_login(legal)
    for name in shown_to_the_reviewer:
        assert client.get(urls[name]).status_code == 200, name
    assert DRAFT_TEXT in client.get(urls["compare"]).content.decode()


def test_reverting_to_an_earlier_revision_needs_the_right_to_edit(client, lesson, no_review_rights):
    """The revert view and the admin API's revert action, like the views of GHSA-c6wj-9vcj-75pj: only for those who
    may edit the page."""
    urls = revision_urls(lesson)
    latest = lesson.latest_revision_id
    for user in no_review_rights:
        client.force_login(user)
        assert_refused(client, client.get(urls["revert"]))
        assert_refused(client, client.post(urls["revert"], {"title": "Reverted", "action-publish": "1"}))
        api = client.post(
            reverse("wagtailadmin_api:pages:action", args=[lesson.pk, "revert_to_page_revision"]),
            {"revision_id": lesson.live_revision_id},
            content_type="application/json",
        )
        assert api.status_code in (403, 404)

    lesson.refresh_from_db()
    assert lesson.latest_revision_id == latest


# Previews


def test_previews_are_for_those_who_may_edit(client, lesson, course, editor, no_review_rights):
    """CVE-2026-25517 (GHSA-4qvv-g3vr-m348): any admin user could post data to a preview endpoint and have it
    rendered with the page's template, exposing what the template reads from the database."""
    on_edit = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])
    on_add = reverse("wagtailadmin_pages:preview_on_add", args=["cms", "guidelinelessonpage", course.pk])
    crafted = edit_data(lesson, "Crafted")
    for user in no_review_rights:
        client.force_login(user)
        for url in (on_edit, on_add):
            assert_refused(client, client.post(url, crafted))
            assert_not_shown(client, url, text="Crafted")

    client.force_login(editor)
    assert client.post(on_edit, crafted).json()["is_valid"] is True


def test_a_visitor_who_is_not_logged_in_cannot_preview_a_draft(client, lesson):
    """CVE-2026-25517 (GHSA-4qvv-g3vr-m348), the simplest case: no login, no preview."""
    urls = revision_urls(lesson)
    for url in (urls["draft"], urls["revision"], reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("wagtailadmin_login"))
        assert DRAFT_TEXT not in response.content.decode()


def test_certificate_template_previews_are_for_those_who_may_change_templates(client, hr_user, editor):
    """CVE-2026-25517 (GHSA-4qvv-g3vr-m348) on snippets: HR may not render certificate templates of their making."""
    template = CertificateTemplate.objects.create(name="Ward certificate")
    admin = "wagtailsnippets_certificates_certificatetemplate"
    crafted = {"name": "Crafted", "organisation": "Crafted", "title": "Crafted", "statement": "Crafted"}

    client.force_login(hr_user)
    for url in (reverse(f"{admin}:preview_on_edit", args=[template.pk]), reverse(f"{admin}:preview_on_add")):
        assert_refused(client, client.post(url, crafted))
        assert_not_shown(client, url, text="Crafted")

    client.force_login(editor)
    assert client.get(reverse(f"{admin}:edit", args=[template.pk])).status_code == 200


# Copies and translations


def test_a_page_is_copied_only_by_those_who_may_read_and_add_it(client, lesson, course, no_review_rights):
    """CVE-2026-44200 (GHSA-67rv-mg8q-5pf3): the copy view checked the destination but not the source page."""
    pages = Page.objects.count()
    for user in no_review_rights:
        client.force_login(user)
        copy = reverse("wagtailadmin_pages:copy", args=[lesson.pk])
        assert_refused(client, client.get(copy))
        client.post(copy, {"new_title": "Copied", "new_slug": "copied", "new_parent_page": course.pk})
        api = client.post(
            reverse("wagtailadmin_api:pages:action", args=[lesson.pk, "copy"]),
            {"destination_page_id": course.pk, "slug": "copied-by-api"},
            content_type="application/json",
        )
        assert api.status_code in (403, 404)

    assert Page.objects.count() == pages


def test_a_translation_is_made_only_by_those_who_may_edit_the_page(client, course, lesson, no_review_rights):
    """CVE-2026-54262 (GHSA-8634-mr4j-r72c) and GHSA-jm5p-837g-rv8g: "Translate" (and the admin API's copy for
    translation) copied pages the user could not edit, and so let them read those pages."""
    korean = Locale.objects.get(language_code="ko")
    for user in no_review_rights:
        client.force_login(user)
        submitted = client.post(
            reverse("simple_translation:submit_page_translation", args=[course.pk]),
            {"locales": [korean.pk], "include_subtree": "on"},
        )
        assert_refused(client, submitted)
        api = client.post(
            reverse("wagtailadmin_api:pages:action", args=[lesson.pk, "copy_for_translation"]),
            {"locale": "ko", "copy_parents": True},
            content_type="application/json",
        )
        assert api.status_code in (403, 404)

    assert not Page.objects.filter(locale=korean, translation_key__in=[course.translation_key, lesson.translation_key])


def test_translating_a_page_shows_its_title_as_text(client, editor):
    """CVE-2026-28223 (GHSA-p4v8-rw59-93cq): the message after "Translate" showed the page's title as HTML."""
    title = '<img src="x" onerror="alert(document.cookie)">'
    course = make_course(title=title, lessons=1, code_of_conduct=False)
    korean = Locale.objects.get(language_code="ko")
    client.force_login(editor)

    page = client.post(
        reverse("simple_translation:submit_page_translation", args=[course.pk]),
        {"locales": [korean.pk]},
        follow=True,
    ).content.decode()

    assert CoursePage.objects.filter(translation_key=course.translation_key, locale=korean).exists()
    assert "was successfully created in" in page
    assert title not in page
    assert "&lt;img" in page


# Settings and snippets


def test_no_model_is_a_site_setting():
    """CVE-2024-35228 (GHSA-xxfm-vmcf-g33f): the settings edit view did not check the permission on the settings
    model. We register none: one added later needs a test that HR and reviewers can't open it."""
    assert list(settings_registry) == []


def test_the_settings_view_edits_no_other_model(client, hr_user):
    """CVE-2024-35228 (GHSA-xxfm-vmcf-g33f): the settings view must not serve models that are not settings."""
    template = CertificateTemplate.objects.create(name="Ward certificate")
    client.force_login(hr_user)

    urls = [
        reverse("wagtailsettings:edit", args=[app, model])
        for app, model in (("certificates", "certificatetemplate"), ("wagtailcore", "site"), ("auth", "user"))
    ]
    urls.append(reverse("wagtailsettings:edit", args=["certificates", "certificatetemplate", template.pk]))

    for url in urls:
        assert client.get(url).status_code == 404, url


def test_hr_opens_no_quiz_or_certificate_template_in_the_admin(client, hr_user, editor):
    """GHSA-x5cx-w6p2-mxf2 (copying a snippet without the right to view it) and CVE-2024-35228's lesson for the
    certificate templates in the Settings menu: edit, history and copy are for those with rights over the model."""
    quiz = make_quiz(questions=1)
    template = CertificateTemplate.objects.create(name="Ward certificate")
    views = [
        ("wagtailsnippets_quizzes_quiz", quiz.pk, quiz.title),
        ("wagtailsnippets_certificates_certificatetemplate", template.pk, template.name),
    ]
    counts = (type(quiz).objects.count(), CertificateTemplate.objects.count())

    client.force_login(hr_user)
    for admin, pk, name in views:
        for action in ("edit", "history", "copy", "delete"):
            assert_not_shown(client, reverse(f"{admin}:{action}", args=[pk]), text=name)
        client.post(reverse(f"{admin}:delete", args=[pk]))
    assert (type(quiz).objects.count(), CertificateTemplate.objects.count()) == counts

    client.force_login(editor)
    for admin, pk, name in views:
        assert name in client.get(reverse(f"{admin}:edit", args=[pk])).content.decode()


# Images and documents


def test_image_choosers_and_previews_are_for_those_with_rights_over_images(
    client, files_on_disk, hr_user, legal, editor
):
    """CVE-2026-54259 (GHSA-h54r-xq46-qwqm): the chooser's "chosen" endpoint answered for images the user may not
    choose. CVE-2026-54261 (GHSA-r6p4-grq7-xm4m): any admin user could preview any image."""
    image = png_image()
    chosen = reverse("wagtailimages_chooser:chosen", args=[image.pk])
    preview = reverse("wagtailimages:preview", args=[image.pk, "fill-20x20"])
    for user in (hr_user, legal):
        client.force_login(user)
        assert_not_shown(client, chosen, text="ward")
        assert_refused(client, client.get(preview))

    client.force_login(editor)
    assert "Ward photo" in client.get(chosen).content.decode()
    assert client.get(preview)["Content-Type"] == "image/png"


def test_the_image_preview_runs_only_the_url_generator_operations(client, files_on_disk, editor):
    """CVE-2026-54260 (GHSA-f2p5-j6fg-5cxf): crafted filter specs on the image preview could make the server
    process expensive renditions."""
    image = png_image()
    client.force_login(editor)

    for spec in ("format-png", "bgcolor-000|fill-20x20", "fill-20x20|jpegquality-1"):
        response = client.get(reverse("wagtailimages:preview", args=[image.pk, spec]))
        assert response.status_code == 400, spec


def test_a_document_cannot_be_identified_by_its_hash(client, files_on_disk, roles, outsider):
    """GHSA-92hv-j533-69wc: with the right If-None-Match header the serve view answered "304 Not Modified" before
    checking who asked, or the filename, so anyone could test whether a document with a known SHA1 was stored."""
    hr_only = Collection.get_first_root_node().add_child(instance=Collection(name="HR procedures"))
    restriction = CollectionViewRestriction.objects.create(
        collection=hr_only, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(roles["HR"])
    document = Document.objects.create(
        title="Disciplinary procedure",
        file=ContentFile(b"%PDF-1.4 HR only", name="disciplinary.pdf"),
        collection=hr_only,
    )
    etag = f'"{document.get_file_hash()}"'
    wrong_name = reverse("wagtaildocs_serve", args=[document.pk, "guess.pdf"])

    assert client.get(document.url, headers={"if-none-match": etag}).status_code == 302  # anonymous: log in
    assert client.get(wrong_name, headers={"if-none-match": etag}).status_code == 404
    client.force_login(outsider)
    assert client.get(document.url, headers={"if-none-match": etag}).status_code == 302


def test_the_admin_page_api_shows_no_page_to_admin_users_without_page_rights(client, lesson, hr_user, editor):
    """GHSA-3vrh-m9w7-v94f: the admin's page API returned draft and live page fields without access control."""
    client.force_login(hr_user)
    detail = client.get(reverse("wagtailadmin_api:pages:detail", args=[lesson.pk]))
    listing = client.get(reverse("wagtailadmin_api:pages:listing"))

    assert detail.status_code == 404 and lesson.title not in detail.content.decode()
    assert listing.status_code == 200 and listing.json()["items"] == []

    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_api:pages:detail", args=[lesson.pk])).json()["title"] == lesson.title


def test_there_are_no_form_pages():
    """CVE-2026-44199 (GHSA-pwm3-7fv4-g6xx): submissions of one form page could be deleted through another. We have
    no form pages; one added later needs a test of who may read and delete its submissions."""
    from wagtail.contrib.forms.models import FormMixin

    assert [model for model in apps.get_models() if issubclass(model, FormMixin)] == []
