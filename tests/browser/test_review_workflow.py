"""A lesson change goes live only after the legal and the medical review, each done by its own person in Wagtail.

The editor, the two reviewers and the learner each log in in their own browser, as they would at work.
"""

import re

import pytest
from playwright.sync_api import expect

from cms.models import LessonPage
from cms.services import review_workflow_ensure
from tests.factories import UserFactory, enrol
from training.models import LessonProgress

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OLD_TEXT = "Body of lesson 1."
FIRST_DRAFT = "Say who you work for before you comment on a health story."
SECOND_DRAFT = "Say who you work for, and that the views are your own, before you comment on a health story."
CHANGES_REQUESTED = "Add that these are personal views; the code of practice asks for it."


@pytest.fixture
def people(roles, course, editor):
    """The editor, a legal and a medical reviewer; the database was emptied, so the review is set up again."""
    review_workflow_ensure()
    legal = UserFactory(username="legal", first_name="Leonie", last_name="Gallo")
    legal.groups.add(roles["Legal reviewers"])
    medical = UserFactory(username="medical", first_name="Malik", last_name="Osei")
    medical.groups.add(roles["Medical reviewers"])
    return editor, legal, medical


def admin_log_in(page, username: str) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pass")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Social Confidence")


def replace_body(page, text: str) -> None:
    body = page.get_by_role("region", name="Body").get_by_role("textbox")
    body.click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(text)
    expect(body).to_have_text(text)
    # Draftail copies what was typed into the form a moment (250 ms) after typing stops; people are slower than that.
    expect(page.locator("#page-edit-form input[name='body-0-value']")).to_have_value(re.compile(re.escape(text)))


def footer_action(page, name: str) -> None:
    """A button of the editor's footer: the first is in view, the others behind "More actions"."""
    footer = page.get_by_role("navigation", name="Actions (footer)")
    button = footer.get_by_role("button", name=name, exact=True)
    if not button.is_visible():
        footer.get_by_role("button", name="More actions").click()
    button.click()


def review_from_dashboard(page, action: str) -> None:
    """A reviewer finds the lesson under "Awaiting your review" on the admin's dashboard."""
    page.goto("/admin/")
    row = page.get_by_role("region", name="Awaiting your review").get_by_role("row").filter(has_text="Lesson 1")
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name=action, exact=True).click()
    # Done: the dashboard comes back without the lesson.
    expect(row).to_have_count(0)


def test_a_change_is_published_after_legal_and_medical_approve_it(new_context, login, people, employee, course):
    editor, legal, medical = people
    enrolment = enrol(employee, course)
    lesson = course.lessons().specific().first()
    edit_url = f"/admin/pages/{lesson.pk}/edit/"

    learner = new_context().new_page()
    login(learner, "learner")
    learner.goto(lesson.url)
    expect(learner.locator(".lesson-body")).to_have_text(OLD_TEXT)

    # The editor changes the lesson; publishing is not on offer, submitting to the review is.
    editor_page = new_context().new_page()
    admin_log_in(editor_page, "editor")
    editor_page.goto(edit_url)
    replace_body(editor_page, FIRST_DRAFT)
    # (Counted with the menu closed: the items behind "More actions" are hidden until it opens.)
    footer = editor_page.get_by_role("navigation", name="Actions (footer)")
    expect(footer.get_by_role("button", name="Submit to Medical-Legal review", include_hidden=True)).to_have_count(1)
    expect(footer.get_by_role("button", name="Publish", exact=True, include_hidden=True)).to_have_count(0)
    footer_action(editor_page, "Submit to Medical-Legal review")
    expect(editor_page.get_by_text("'Lesson 1' has been submitted for moderation.")).to_be_visible()

    # Legal approves from the dashboard.
    legal_page = new_context().new_page()
    admin_log_in(legal_page, "legal")
    review_from_dashboard(legal_page, "Approve")

    # Medical reads the text and asks for a change.
    medical_page = new_context().new_page()
    admin_log_in(medical_page, "medical")
    medical_page.goto(edit_url)
    expect(medical_page.get_by_role("region", name="Body").get_by_role("textbox")).to_have_text(FIRST_DRAFT)
    footer_action(medical_page, "Request changes")
    dialog = medical_page.get_by_role("dialog")
    dialog.get_by_label("Comment").fill(CHANGES_REQUESTED)
    dialog.get_by_role("button", name="Request changes").click()
    # Wagtail goes on to the course's pages: the lesson is still live as it was, the change a draft.
    lesson_row = medical_page.get_by_role("row").filter(has_text="Lesson 1")
    expect(lesson_row.get_by_role("link", name="Current page status: live + draft")).to_be_visible()

    # The editor reads why, changes the text and sends it back.
    editor_page.goto(edit_url)
    editor_page.get_by_role("button", name="Toggle status").click()
    editor_page.get_by_role("button", name="View details").click()
    expect(editor_page.get_by_role("dialog")).to_contain_text(CHANGES_REQUESTED)
    editor_page.keyboard.press("Escape")
    replace_body(editor_page, SECOND_DRAFT)
    footer_action(editor_page, "Resubmit to Medical review")
    expect(editor_page.get_by_text("'Lesson 1' has been submitted for moderation.")).to_be_visible()

    # Medical approves the change it asked for; legal approved the earlier text, so it reviews this one too.
    review_from_dashboard(medical_page, "Approve")
    learner.reload()
    expect(learner.locator(".lesson-body")).to_have_text(OLD_TEXT)
    review_from_dashboard(legal_page, "Approve")

    # Live: the learner reads the approved text, and their reading is recorded against that revision.
    learner.reload()
    expect(learner.locator(".lesson-body")).to_have_text(SECOND_DRAFT)
    learner.get_by_role("button", name="I have read this lesson — continue").click()
    expect(learner.get_by_role("heading", level=1)).to_have_text("Lesson 2")

    lesson = LessonPage.objects.get(pk=lesson.pk)
    progress = LessonProgress.objects.get(enrolment=enrolment, lesson=lesson)
    assert progress.revision_id == lesson.live_revision_id
    assert SECOND_DRAFT in progress.revision.content["body"]
