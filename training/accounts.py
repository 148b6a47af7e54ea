"""Setting a password by e-mail: for a forgotten one, and for staff created by the HR import, who start without one."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm


class AccountPasswordForm(PasswordResetForm):
    """Django's reset form, which also reaches accounts that have no password yet (imported staff).

    Django leaves those out on purpose: an unusable password may mean "signs in elsewhere only". Here it means "not
    set yet", except with single sign-on, where staff sign in with their organisation account and are not offered
    a password of ours."""

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        for user in users:
            if user.email.lower() != email.lower():
                continue
            if user.has_usable_password() or not settings.OIDC_ENABLED:
                yield user


def login_locked_out(request, original_response=None, credentials=None):
    """The page shown instead of logging in after too many wrong passwords (AXES_FAILURE_LIMIT, settings)."""
    from axes.helpers import get_cool_off
    from django.shortcuts import render

    from .reading import duration_words

    cool_off = get_cool_off(request)
    context = {"wait": duration_words(cool_off.total_seconds()) if cool_off else None}
    return render(request, "registration/locked_out.html", context, status=429)
