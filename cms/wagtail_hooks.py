"""Wagtail hooks of the course pages. Each one hands over to a service; the rules live there."""

from django.contrib.auth.views import redirect_to_login
from wagtail import hooks

from .models import LessonPage
from .permissions import can_read_training_content


@hooks.register("before_serve_page")
def lesson_opened(page, request, serve_args, serve_kwargs):
    """Start the minimum reading time of a lesson when a learner first opens its published version (only people
    enrolled on the course are recorded: anyone else has nothing to finish)."""
    if isinstance(page, LessonPage) and page.minimum_reading_seconds:
        from training.reading import lesson_open

        lesson_open(user=request.user, lesson=page)


@hooks.register("before_serve_document")
def documents_for_staff_only(document, request):
    """Documents are training material, read after logging in like the courses: a visitor who is not logged in is
    sent to the login page, whatever the document's collection (a private collection restricts it further, to
    groups). Wagtail's own privacy check runs as well."""
    if not can_read_training_content(request.user):
        return redirect_to_login(request.get_full_path())
