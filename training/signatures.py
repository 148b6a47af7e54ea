"""Read-and-understood electronic signatures (FDA 21 CFR Part 11, EU GMP Annex 11).

Confirming a code-of-conduct lesson signs it: the learner proves again who they are (their password, or a fresh
sign-in at the organisation's single sign-on, `training.signature_sso`), and the acknowledgement records the printed
name, the time, the meaning, the statement, the lesson revision with a SHA-256 of its content, and how the signer
re-authenticated. `signature` is an HMAC-SHA256 over all of these with the record's ids, under a key only the server
holds: a row edited afterwards, or copied to another person's record, no longer verifies (`acknowledgement_verify`).

The lesson view checks the proof of re-authentication (`password_reauthenticate`); the completion service
(`training.services.lesson_complete`) records the signature for the user it is given and refuses a proof made by
anyone else or too long ago.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from .models import Acknowledgement, SignatureFailure
from .names import display_name
from .reading import duration_words

# Stored with each signature and sealed by it: stays in English whatever the signer's language.
MEANING = "Read and understood"
Method = Acknowledgement.Method

# Wrong passwords: this many within the window pause signing until the oldest of them leaves the window.
FAILED_PASSWORDS_LIMIT = 5
FAILED_PASSWORDS_WINDOW = datetime.timedelta(minutes=15)
# A proof of re-authentication is good for one signature made this soon after it.
REAUTHENTICATION_MAX_AGE = datetime.timedelta(minutes=5)
# Tolerated difference between our clock and the identity provider's.
CLOCK_SKEW = datetime.timedelta(seconds=60)
# Changing it makes every signature made before fail to verify: keep it.
KEY_SALT = "training.signatures.acknowledgement"


@dataclass(frozen=True)
class Reauthentication:
    """Proof that `user_id` has just authenticated again, and how: made by the view, spent on one signature."""

    user_id: int
    method: str
    at: datetime.datetime


def signing_method(*, user) -> str:
    """How `user` re-authenticates to sign: their password when they have one, else the organisation's single
    sign-on when it is on; Method.NONE when they can't sign at all (no password, no single sign-on)."""
    if user.has_usable_password():
        return Method.PASSWORD
    if settings.OIDC_ENABLED:
        return Method.SINGLE_SIGN_ON
    return Method.NONE


def signing_paused_for(*, user, now=None) -> datetime.timedelta | None:
    """How long `user` must wait before signing with a password again after too many wrong ones, or None."""
    now = now or timezone.now()
    recent = list(
        SignatureFailure.objects.filter(user=user, failed_at__gt=now - FAILED_PASSWORDS_WINDOW)
        .order_by("-failed_at")
        .values_list("failed_at", flat=True)[:FAILED_PASSWORDS_LIMIT]
    )
    if len(recent) < FAILED_PASSWORDS_LIMIT:
        return None
    return recent[-1] + FAILED_PASSWORDS_WINDOW - now


def password_reauthenticate(*, user, password: str, lesson=None, now=None) -> Reauthentication:
    """Check the password `user` typed to sign. A wrong one is recorded (`SignatureFailure`) and refused; after
    FAILED_PASSWORDS_LIMIT of them within FAILED_PASSWORDS_WINDOW, every password is refused unchecked for a while,
    so that guessing is slow."""
    now = now or timezone.now()
    paused = signing_paused_for(user=user, now=now)
    if paused:
        raise ValidationError(
            # Translators: %(duration)s is a wait such as "2 minutes 5 seconds".
            _("Too many wrong passwords: for your security, signing is paused. Try again in %(duration)s.")
            % {"duration": duration_words(paused.total_seconds())}
        )
    if not user.has_usable_password():
        raise ValidationError(
            _(
                "Your account has no password to sign with. Set one with “Forgotten your password?” on the login "
                "page, then sign."
            )
        )
    if not password:
        raise ValidationError(_("Enter your password to sign."))
    if not user.check_password(password):
        SignatureFailure.objects.create(user=user, lesson=lesson, failed_at=now)
        raise ValidationError(
            _("That is not your password, so nothing was signed. Enter the password you log in with.")
        )
    return Reauthentication(user_id=user.pk, method=Method.PASSWORD, at=now)


def _canonical_json(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def revision_content_sha256(revision) -> str:
    """SHA-256 of a lesson revision's content as canonical JSON (keys sorted, no spaces, UTF-8)."""
    return hashlib.sha256(_canonical_json(revision.content)).hexdigest()


def _signed_facts(acknowledgement) -> bytes:
    signed_at = acknowledgement.acknowledged_at.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    # Signed in translation: the translation's revision is sealed too (version 2). Version 1 facts are unchanged, so
    # signatures made before translations existed still verify.
    translated = {"version": 2, "shown_revision": acknowledgement.shown_revision_id}
    return _canonical_json(
        {
            "version": 1,
            "user": acknowledgement.user_id,
            "enrolment": acknowledgement.enrolment_id,
            "lesson": acknowledgement.lesson_id,
            "revision": acknowledgement.revision_id,
            "content_sha256": acknowledgement.content_sha256,
            "signed_at": signed_at,
            "meaning": acknowledgement.meaning,
            "statement": acknowledgement.statement,
            "printed_name": acknowledgement.printed_name,
            "method": acknowledgement.method,
        }
        | (translated if acknowledgement.shown_revision_id else {})
    )


def _signing_keys() -> list[str]:
    """The key that signs, then the older ones that still verify. ACKNOWLEDGEMENT_SIGNING_KEY, when set, keeps
    signatures apart from SECRET_KEY, which may then be rotated without touching them."""
    key = getattr(settings, "ACKNOWLEDGEMENT_SIGNING_KEY", "")
    if key:
        return [key, *getattr(settings, "ACKNOWLEDGEMENT_SIGNING_KEY_FALLBACKS", [])]
    return [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]


def _signature(acknowledgement, key: str) -> str:
    return salted_hmac(KEY_SALT, _signed_facts(acknowledgement), secret=key, algorithm="sha256").hexdigest()


def acknowledgement_build(
    *, user, enrolment, lesson, revision, at, reauthentication, shown=None, shown_revision=None
) -> Acknowledgement:
    """A signed, unsaved acknowledgement of `revision` of `lesson` by `user`, made at `at`; read in translation,
    `shown` is the translated lesson and `shown_revision` its revision, whose text (statement and content) is signed.

    `reauthentication` must be `user`'s own, and recent. None records Method.NONE: code that calls the completion
    service directly (demo data, scripts) confirms for a learner without a signature ceremony, and says so.
    """
    method = Method.NONE
    if reauthentication is not None:
        if reauthentication.user_id != user.pk:
            raise PermissionDenied(_("A signature can only be made by the person who confirmed who they are."))
        if not (at - REAUTHENTICATION_MAX_AGE <= reauthentication.at <= at + CLOCK_SKEW):
            raise ValidationError(_("Confirming who you are took too long, so nothing was signed. Please sign again."))
        method = reauthentication.method
    acknowledgement = Acknowledgement(
        user=user,
        enrolment=enrolment,
        lesson=lesson,
        revision=revision,
        shown_revision=shown_revision,
        statement=(shown or lesson).acknowledgement_text,
        acknowledged_at=at,
        printed_name=display_name(user),
        meaning=MEANING,
        content_sha256=revision_content_sha256(shown_revision or revision),
        method=method,
    )
    acknowledgement.signature = _signature(acknowledgement, _signing_keys()[0])
    return acknowledgement


@dataclass
class SignatureCheck:
    valid: bool
    problems: list[str] = field(default_factory=list)


def acknowledgement_verify(*, acknowledgement) -> SignatureCheck:
    """Whether a stored acknowledgement is the one that was signed: its seal matches every signed fact, the signer is
    the person enrolled, and the lesson revision still has the content that was signed."""
    if not acknowledgement.signature:
        return SignatureCheck(
            valid=False, problems=[_("Recorded before electronic signatures: there is no signature.")]
        )
    problems = []
    if not any(
        constant_time_compare(_signature(acknowledgement, key), acknowledgement.signature) for key in _signing_keys()
    ):
        problems.append(
            _("The signature does not match the record: it was changed after signing, or copied from another record.")
        )
    if acknowledgement.enrolment.user_id != acknowledgement.user_id:
        problems.append(_("The signer is not the person enrolled on this training."))
    read = acknowledgement.shown_revision or acknowledgement.revision
    if read is None or revision_content_sha256(read) != acknowledgement.content_sha256:
        problems.append(_("The lesson revision no longer has the content that was signed."))
    return SignatureCheck(valid=not problems, problems=problems)
