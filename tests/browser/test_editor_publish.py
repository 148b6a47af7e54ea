"""An editor changes a lesson in the Wagtail admin and publishes it; learners read the new revision."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags
from playwright.sync_api import expect
from wagtail.models import GroupPagePermission, Page

from cms.models import LessonPage
from tests.factories import enrol
from training.models import LessonProgress

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_TEXT = "Say who you work for before you comment on a health story."
# Wagtail's own data migration gives its default groups these rights on the root page; a flushed database
# (every transactional test after the first) has lost them.
DEFAULT_PAGE_PERMISSIONS = {
    "Editors": ["add", "change"],
    "Moderators": ["add", "change", "publish", "lock", "unlock"],
}


@pytest.fixture
def page_permissions(roles, course):
    """Wagtail's default page rights for Editors and Moderators (after `course`, which creates the page tree)."""
    page_type = ContentType.objects.get_for_model(Page)
    root = Page.get_first_root_node()
    for group_name, actions in DEFAULT_PAGE_PERMISSIONS.items():
        for action in actions:
            permission = Permission.objects.get(content_type=page_type, codename=f"{action}_page")
            GroupPagePermission.objects.get_or_create(group=roles[group_name], page=root, permission=permission)


def admin_log_in(page, username: str) -> None:
    page.goto("/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pass")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Social Confidence")


def test_published_edit_reaches_the_learner(new_context, login, editor, page_permissions, employee, course):
    enrolment = enrol(employee, course)
    lesson = course.lessons().specific().first()
    old_revision_id = lesson.live_revision_id

    admin = new_context().new_page()
    admin_log_in(admin, "editor")
    admin.goto(f"/admin/pages/{lesson.pk}/edit/")
    body_text = admin.locator("[data-contentpath='body'] .Draftail-Editor [contenteditable='true']")
    expect(body_text).to_have_text("Body of lesson 1.")
    body_text.click()
    admin.keyboard.press("ControlOrMeta+A")
    admin.keyboard.type(NEW_TEXT)
    expect(body_text).to_have_text(NEW_TEXT)
    # Draftail copies the editor's state into the form's hidden input a moment (250 ms) after typing stops;
    # a person never publishes that fast, a test does.
    expect(admin.locator("#page-edit-form input[name='body-0-value']")).to_have_value(re.compile(re.escape(NEW_TEXT)))

    # Wagtail's footer: "Save draft" up front, "Publish" in the menu beside it.
    footer = admin.locator("footer")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name="Publish", exact=True).click()
    expect(admin.get_by_text("'Lesson 1' has been published.")).to_be_visible()

    lesson = LessonPage.objects.get(pk=lesson.pk).specific
    assert lesson.live_revision_id != old_revision_id
    assert lesson.live_revision_id == lesson.latest_revision_id
    assert NEW_TEXT in lesson.live_revision.content["body"]
    assert [strip_tags(block.value.source) for block in lesson.body] == [NEW_TEXT]

    learner = new_context().new_page()
    login(learner, "learner")
    learner.goto(lesson.url)
    expect(learner.locator(".lesson-body")).to_have_text(NEW_TEXT)
    expect(learner.get_by_text("Body of lesson 1.")).to_have_count(0)
    learner.get_by_role("button", name="I have read this lesson — continue").click()
    expect(learner.get_by_role("heading", level=1)).to_have_text("Lesson 2")

    progress = LessonProgress.objects.get(enrolment=enrolment, lesson=lesson)
    assert progress.revision_id == lesson.live_revision_id
