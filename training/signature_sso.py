"""Signing with the organisation's single sign-on, for people who have no password here.

The lesson form sends the learner to the identity provider with `prompt=login` (ask for the credentials again, even
when the provider's session is still open) and `max_age=0` (so the ID token must carry `auth_time`, when the
provider last checked them). The provider comes back to /learn/signature/sso/callback/, where the code is exchanged
as mozilla-django-oidc does for a login, but nobody is logged in or created: the signature is accepted only when the
provider names the very person logged in here, and says they signed in again after pressing the button
(`auth_time`), within REAUTHENTICATION_MAX_AGE.

What stays with the provider: whether it honours `prompt=login` by asking for a password (or a second factor). A
provider that ignores it and answers from its open session sends an old `auth_time`, which is refused.
"""

import datetime
import logging
from urllib.parse import parse_qs, urlsplit

import requests
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from .oidc import EmployeeOIDCBackend
from .signatures import CLOCK_SKEW, REAUTHENTICATION_MAX_AGE, Method, Reauthentication

logger = logging.getLogger(__name__)

CALLBACK_URL_NAME = "training:signature_sso_callback"
INTENT_SESSION_KEY = "signature_sso"
# From pressing "Confirm with your organisation account" to coming back from the provider.
INTENT_MAX_AGE = datetime.timedelta(minutes=10)


def _settings(attr, *args):
    # The provider returns to the signature callback, not to the login callback: the code is exchanged there too.
    if attr == "OIDC_AUTHENTICATION_CALLBACK_URL":
        return CALLBACK_URL_NAME
    return import_from_settings(attr, *args)


class SignatureReauthenticationRequestView(OIDCAuthenticationRequestView):
    """The provider's authorization request of a login, asking it to check the person's credentials again."""

    get_settings = staticmethod(_settings)

    def get_extra_params(self, request):
        return {**super().get_extra_params(request), "prompt": "login", "max_age": "0"}


class SignatureReauthenticationBackend(EmployeeOIDCBackend):
    """Finds who the provider says just signed in again, with the claims of the ID token kept for `auth_time`.
    Used directly by the callback, never as a login backend; it never creates an account."""

    get_settings = staticmethod(_settings)
    id_token_claims: dict

    def get_or_create_user(self, access_token, id_token, payload):
        self.id_token_claims = payload or {}
        return super().get_or_create_user(access_token, id_token, payload)

    def create_user(self, claims):
        return None


def signature_sso_begin(request, *, lesson, revision_id, shown_revision_id=None):
    """Remember what the learner is signing and send them to the provider (the redirect response)."""
    view = SignatureReauthenticationRequestView()
    view.setup(request)
    response = view.get(request)
    state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
    request.session[INTENT_SESSION_KEY] = {
        "user": request.user.pk,
        "lesson": lesson.pk,
        "revision": revision_id,
        "shown_revision": shown_revision_id,
        "state": state,
        "started_at": timezone.now().timestamp(),
    }
    return response


def signature_sso_intent_pop(request) -> dict | None:
    """What the learner set out to sign, once: a second return from the provider finds nothing."""
    intent = request.session.pop(INTENT_SESSION_KEY, None)
    if not intent or intent.get("user") != request.user.pk:
        return None
    return intent


REFUSED = gettext_lazy(
    "Your organisation account did not confirm who you are, so nothing was signed. Please try again."
)


def signature_sso_reauthenticate(request, *, intent: dict) -> Reauthentication:
    """Check the provider's answer at the callback for `intent`; the proof to sign with, or ValidationError."""
    now = timezone.now()
    started_at = datetime.datetime.fromtimestamp(intent["started_at"], datetime.UTC)
    state = request.GET.get("state")
    stored = request.session.get("oidc_states", {}).pop(state, None) if state else None
    request.session.modified = True
    if state != intent["state"] or stored is None or request.GET.get("error") or not request.GET.get("code"):
        raise ValidationError(REFUSED)
    if now - started_at > INTENT_MAX_AGE:
        raise ValidationError(_("Confirming who you are took too long, so nothing was signed. Please sign again."))
    backend = SignatureReauthenticationBackend()
    try:
        user = backend.authenticate(request, nonce=stored.get("nonce"), code_verifier=stored.get("code_verifier"))
    except (SuspiciousOperation, requests.RequestException) as error:
        logger.warning("Signature re-authentication for user %s failed at the provider: %s", request.user.pk, error)
        raise ValidationError(REFUSED) from error
    if user is None:
        raise ValidationError(REFUSED)
    if user.pk != request.user.pk:
        logger.warning(
            "Signature re-authentication for user %s answered with another account (%s).",
            request.user.pk,
            user.pk,
        )
        raise ValidationError(
            _(
                "You signed in at your organisation with an account that is not the one logged in here, so nothing "
                "was signed."
            )
        )
    auth_time = getattr(backend, "id_token_claims", {}).get("auth_time")
    if not isinstance(auth_time, int | float) or isinstance(auth_time, bool):
        logger.warning("The identity provider sent no auth_time for a signature (user %s).", request.user.pk)
        raise ValidationError(REFUSED)
    signed_in_at = datetime.datetime.fromtimestamp(auth_time, datetime.UTC)
    if not (started_at - CLOCK_SKEW <= signed_in_at <= now + CLOCK_SKEW) or now - signed_in_at > (
        REAUTHENTICATION_MAX_AGE
    ):
        raise ValidationError(
            _("Your organisation account did not ask you to sign in again, so nothing was signed. Please try again.")
        )
    return Reauthentication(user_id=request.user.pk, method=Method.SINGLE_SIGN_ON, at=signed_in_at)
