"""Each course's live lessons in order, kept in the cache (cms.tree_cache).

Every lesson page a learner has read shows a button to the next lesson, so "which lesson follows this one" is asked
on most page views; the answer changes only when editors change pages. It is kept per course and language: the
address and title the learner sees.
"""

from typing import NamedTuple

from wagtail.models import Page

from .translations import active_locale, shown_pages
from .tree_cache import tree_cached


class CourseLesson(NamedTuple):
    """A live lesson of a course: its place in the tree (in the default language) and how the learner sees it."""

    path: str
    url: str
    title: str


def course_lessons(course) -> list[CourseLesson]:
    """The live lessons of `course` (a page in the default language) in order, each with the address and title of
    its live translation in the active language (or its own). One query when not cached, plus one per type of lesson
    for a learner reading in another language; none when cached."""

    def lessons() -> list[CourseLesson]:
        pages = list(
            Page.objects.filter(live=True, depth=course.depth + 1, path__startswith=course.path)
            .order_by("path")
            .only("path", "title", "url_path", "translation_key", "locale", "content_type")
        )
        shown = shown_pages(pages)
        return [CourseLesson(page.path, shown[page.pk].url, shown[page.pk].title) for page in pages]

    return tree_cached(f"lessons:{course.pk}:{active_locale().pk}", lessons)


def lesson_following(*, course, lesson) -> CourseLesson | None:
    """The live lesson after `lesson` in `course` (both in the default language), or None after the last one.
    `lesson` itself need not be live (an editor previewing a draft)."""
    return next((entry for entry in course_lessons(course) if entry.path > lesson.path), None)
