"""Courses and lessons in several languages.

Each language has its own copy of the page tree (Wagtail locales; editors make a translation with "Translate" and
it goes through the same Medical-Legal review). Training records are kept against the page in the site's default
language, the *source*: a learner's progress, signatures and certificate belong to the course whatever language
they read it in, and HR counts one course, not four. What a learner reads is the *shown* page: the live
translation in their language, or the source where there is none yet.
"""

from django.conf import settings
from wagtail.models import Locale, Page


def default_locale() -> Locale:
    return Locale.get_default()


def source_of(page):
    """The page in the default language that `page` translates (specific), or `page` itself."""
    locale = default_locale()
    if page.locale_id == locale.pk:
        return page
    source = Page.objects.filter(translation_key=page.translation_key, locale=locale).specific().first()
    return source or page


def shown_pages(pages) -> dict[int, Page]:
    """For each of `pages` (by pk): its live translation in the active language, or the page itself; one query."""
    pages = list(pages)
    locale = Locale.get_active()
    keys = [page.translation_key for page in pages if page.locale_id != locale.pk]
    translations = {}
    if keys:
        translations = {
            page.translation_key: page
            for page in Page.objects.live().filter(locale=locale, translation_key__in=keys).specific()
        }
    return {page.pk: translations.get(page.translation_key, page) for page in pages}


def shown_page(page):
    """`page`'s live translation in the active language, or `page` itself."""
    return shown_pages([page])[page.pk]


def in_default_language(pages):
    """`pages` (a page queryset) without the translations: one entry per course, the one records are kept against."""
    return pages.filter(locale__language_code=settings.LANGUAGE_CODE)


def title_in(page, language: str) -> str:
    """`page`'s title as published in `language`, else its own (certificates, e-mails: written for one person)."""
    translated = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .values_list("title", flat=True)
        .first()
    )
    return translated or page.title
