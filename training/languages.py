"""Which language a person sees: their own choice, else the language HR recorded for them, else their browser's.

A person's choice is their Wagtail user profile's preferred language, so the site and the editors' admin speak the
same language. It is looked up once per login and kept in the session; the language switcher changes all three
(profile, session and a cookie that keeps the login page in that language after logging out).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

SESSION_KEY = "sc_language"


def supported_language(code: str | None) -> str | None:
    """`code` as one of settings.LANGUAGES ("zh-Hant" and "zh_hant" are "zh-hant"), or None."""
    if not code:
        return None
    code = code.replace("_", "-").lower()
    return code if code in dict(settings.LANGUAGES) else None


def preferred_language(user) -> str | None:
    """The language `user` chose, else the one on their HR record; None when neither is set."""
    from wagtail.users.models import UserProfile

    from .models import Employee

    chosen = UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    if supported_language(chosen):
        return supported_language(chosen)
    recorded = Employee.objects.filter(user=user).values_list("language", flat=True).first()
    return supported_language(recorded)


def user_language(user) -> str:
    """The language to write to `user` in (e-mails, certificates): their preference, else the site's."""
    return preferred_language(user) or settings.LANGUAGE_CODE


@receiver(user_logged_in)
def _remember_language(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = preferred_language(user) or ""


class PreferredLanguageMiddleware:
    """After Django's LocaleMiddleware: a logged-in person sees their own language whatever their browser says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = None
        if request.user.is_authenticated:
            language = request.session.get(SESSION_KEY)
            if language is None:
                language = request.session[SESSION_KEY] = preferred_language(request.user) or ""
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        response = self.get_response(request)
        cookie = settings.LANGUAGE_COOKIE_NAME
        if language and request.COOKIES.get(cookie) != language and cookie not in response.cookies:
            _set_cookie(response, language)
        return response


def _set_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        httponly=True,
    )


def language_choose(*, user, language: str) -> None:
    """Make `language` `user`'s own choice (kept over the language on their HR record)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])


@require_POST
def language_switch(request):
    """The language switcher: remembers the choice (for a logged-in person, on their profile) and goes back."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    language = supported_language(request.POST.get("language"))
    response = HttpResponseRedirect(target)
    if language is None:
        messages.error(request, _("That language is not available."))
        return response
    if request.user.is_authenticated:
        language_choose(user=request.user, language=language)
        request.session[SESSION_KEY] = language
    _set_cookie(response, language)
    return response
