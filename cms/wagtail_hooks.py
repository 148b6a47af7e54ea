"""Wagtail hooks of the course pages. Each one hands over to a service; the rules live there."""

from wagtail import hooks

from .models import LessonPage


@hooks.register("before_serve_page")
def lesson_opened(page, request, serve_args, serve_kwargs):
    """Start the minimum reading time of a lesson when a learner first opens its published version (only people
    enrolled on the course are recorded: anyone else has nothing to finish)."""
    if isinstance(page, LessonPage) and page.minimum_reading_seconds:
        from training.reading import lesson_open

        lesson_open(user=request.user, lesson=page)
