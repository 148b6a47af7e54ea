"""Courses and lessons in several languages.

Each language has its own copy of the page tree (Wagtail locales; editors make a translation with "Translate" and
it goes through the same Medical-Legal review). Training records are kept against the page in the site's default
language, the *source*: a learner's progress, signatures and certificate belong to the course whatever language
they read it in, and HR counts one course, not four. What a learner reads is the *shown* page: the live
translation in their language, or the source where there is none yet.
"""

from asgiref.local import Local
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from .tree_cache import tree_cached

# A page asks for the same locales several times while it is served (its own language's, its course's, the next
# lesson's); they do not change meanwhile, so each is looked up once per request, in the cache kept about the page
# tree (cms.tree_cache), which forgets them when a locale changes. Outside a request (tasks, commands) every call
# reads the database. Emptying the database (`flush`, then post_migrate) forgets them too.
_request = Local()


@receiver(request_started)
def _request_locales_start(**kwargs):
    _request.locales = {}


@receiver(request_finished)
@receiver(post_migrate)
def _request_locales_end(**kwargs):
    _request.locales = None


def _locale(language_code: str) -> Locale:
    """The Locale of `language_code`, as Wagtail's `Locale.objects.get_for_language`; looked up once per request."""
    language_code = get_supported_content_language_variant(language_code)
    known = getattr(_request, "locales", None)
    if known is None:
        return Locale.objects.get(language_code=language_code)
    if language_code not in known:
        known[language_code] = tree_cached(
            f"locale:{language_code}", lambda: Locale.objects.get(language_code=language_code)
        )
    return known[language_code]


def default_locale() -> Locale:
    """The locale of the site's default language (Wagtail's `Locale.get_default`)."""
    return _locale(settings.LANGUAGE_CODE)


def active_locale() -> Locale:
    """The locale of the active language, else the default one (Wagtail's `Locale.get_active`)."""
    try:
        return _locale(translation.get_language())
    except (Locale.DoesNotExist, LookupError):
        return default_locale()


def _locale_attach(page, locale: Locale) -> None:
    """Give `page`, which is in `locale`, that Locale object: reading `page.locale` later (templates say which
    language the page is in) then costs no query."""
    if page.locale_id == locale.pk:
        page.locale = locale


def source_of(page):
    """The page in the default language that `page` translates (specific), or `page` itself."""
    locale = default_locale()
    if page.locale_id == locale.pk:
        _locale_attach(page, locale)
        return page
    # A translation is of the same page type as its source: one query, with the type's own fields.
    source = _translations_of(page.specific_class, [page.translation_key], locale=locale, live=False)
    return source.get(page.translation_key, page)


def _translations_of(model, translation_keys, *, locale: Locale, live: bool = True) -> dict:
    """The pages of type `model` in `locale` that translate `translation_keys`, by translation key."""
    pages = (model or Page).objects.filter(locale=locale, translation_key__in=translation_keys)
    if live:
        pages = pages.live()
    return {page.translation_key: page for page in pages}


def shown_pages(pages) -> dict[int, Page]:
    """For each of `pages` (by pk): its live translation in the active language, or the page itself; one query per
    type of page among those that are not in that language already (their translations are of the same type)."""
    pages = list(pages)
    locale = active_locale()
    keys_by_model: dict = {}
    for page in pages:
        _locale_attach(page, locale)
        if page.locale_id != locale.pk:
            keys_by_model.setdefault(page.specific_class, []).append(page.translation_key)
    translations = {}
    for model, keys in keys_by_model.items():
        translations |= _translations_of(model, keys, locale=locale)
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
