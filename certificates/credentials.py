"""Digital badges: each certificate as an Open Badges 3.0 `OpenBadgeCredential`, signed with the site's Ed25519 key.

Proof format. Open Badges 3.0 allows two: a JSON Web Token (VC-JWT, a compact JWS wrapping the credential) or an
embedded Data Integrity proof (`eddsa-rdfc-2022`). We use VC-JWT: the signature covers the exact bytes of the
payload, so any JOSE library can check it with nothing but the public key, whereas a Data Integrity proof signs an
RDF canonicalisation of the JSON-LD, which needs the W3C and 1EdTech contexts and a JSON-LD processor on both sides.
The JOSE header follows the Open Badges profile of VC-JWT (`alg`, `kid`, `typ: JWT`, nothing else), which takes
precedence over VC-JOSE-COSE's `vc+jwt` for badges; `alg` is EdDSA (Ed25519), which the profile permits beside RS256.

Keys. The private key comes from `CERTIFICATE_SIGNING_KEY_FILE`; its `kid` is a URL, on this site, that contains the
key's RFC 7638 thumbprint and returns the public JWK, so keys stay distinguishable after a rotation. Public keys
listed in `CERTIFICATE_RETIRED_PUBLIC_KEY_FILES` keep being published, so badges signed before a rotation still
verify. Without `CERTIFICATE_SIGNING_KEY_FILE`, development and the tests generate a key once into
`CERTIFICATE_SIGNING_KEY_DEV_FILE`; production refuses instead, because a key generated on one machine would sign
badges that the others' published keys cannot verify.
"""

import base64
import datetime
import functools
import hashlib
import json
import os
import tempfile
import uuid
from decimal import Decimal
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from .models import Certificate

CREDENTIAL_CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
JWS_ALGORITHM = "EdDSA"


# Keys


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _public_jwk_members(public_key: Ed25519PublicKey) -> dict:
    raw = public_key.public_bytes(encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw)
    return {"crv": "Ed25519", "kty": "OKP", "x": _b64url(raw)}


def key_thumbprint(*, public_key: Ed25519PublicKey) -> str:
    """RFC 7638 JWK thumbprint: SHA-256 of the required members, sorted, without whitespace."""
    canonical = json.dumps(_public_jwk_members(public_key), sort_keys=True, separators=(",", ":"))
    return _b64url(hashlib.sha256(canonical.encode("ascii")).digest())


def key_id(*, public_key: Ed25519PublicKey) -> str:
    """The `kid`: a URL that returns this public key as a JWK (Open Badges wants a dereferenceable URI)."""
    path = reverse("certificates:public_key", kwargs={"thumbprint": key_thumbprint(public_key=public_key)})
    return _site_url(path)


def public_jwk(*, public_key: Ed25519PublicKey) -> dict:
    return {**_public_jwk_members(public_key), "kid": key_id(public_key=public_key), "alg": JWS_ALGORITHM, "use": "sig"}


@functools.cache
def _private_key_from_file(path: str) -> Ed25519PrivateKey:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ImproperlyConfigured(f"Cannot read the certificate signing key {path}: {error}") from error
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as error:  # not a PEM private key, or one protected by a passphrase
        message = f"The certificate signing key {path} must be an unencrypted PEM private key: {error}"
        raise ImproperlyConfigured(message) from error
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"The certificate signing key {path} must be an Ed25519 key.")
    return key


@functools.cache
def _public_key_from_file(path: str) -> Ed25519PublicKey:
    """A retired key, as its public PEM or (simpler for whoever rotates) its old private PEM."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ImproperlyConfigured(f"Cannot read the retired certificate key {path}: {error}") from error
    if b"PRIVATE KEY" in data:
        key = serialization.load_pem_private_key(data, password=None).public_key()
    else:
        key = serialization.load_pem_public_key(data)
    if not isinstance(key, Ed25519PublicKey):
        raise ImproperlyConfigured(f"The retired certificate key {path} must be an Ed25519 key.")
    return key


def _generated_dev_key(path: Path) -> Ed25519PrivateKey:
    """Make the key once. Written aside and linked into place, so processes starting together never read half a key
    and all end up with the one that was linked first."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            encoding=serialization.Encoding.PEM,
            format=serialization.PrivateFormat.PKCS8,
            encryption_algorithm=serialization.NoEncryption(),
        )
        descriptor, draft = tempfile.mkstemp(dir=path.parent, prefix=".signing-key-")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(pem)
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(draft)
    return _private_key_from_file(str(path))


def signing_key() -> Ed25519PrivateKey:
    """The key new badges are signed with. Overridable settings: see the module docstring and docs/deploy.md."""
    if settings.CERTIFICATE_SIGNING_KEY_FILE:
        return _private_key_from_file(str(settings.CERTIFICATE_SIGNING_KEY_FILE))
    if settings.DEBUG or settings.CERTIFICATE_SIGNING_KEY_GENERATE:
        return _generated_dev_key(Path(settings.CERTIFICATE_SIGNING_KEY_DEV_FILE))
    raise ImproperlyConfigured(
        "Set CERTIFICATE_SIGNING_KEY_FILE to the Ed25519 private key (PEM) that signs digital badges; "
        "see docs/deploy.md."
    )


def published_public_keys() -> list[Ed25519PublicKey]:
    """The current key first, then the retired ones, each once."""
    keys = [signing_key().public_key()]
    keys += [_public_key_from_file(str(path)) for path in settings.CERTIFICATE_RETIRED_PUBLIC_KEY_FILES]
    unique: dict[str, Ed25519PublicKey] = {}
    for key in keys:
        unique.setdefault(key_thumbprint(public_key=key), key)
    return list(unique.values())


def published_key_set() -> dict:
    """The JWKS served at /.well-known/jwks.json."""
    return {"keys": [public_jwk(public_key=key) for key in published_public_keys()]}


def published_key(*, thumbprint: str) -> dict | None:
    for key in published_public_keys():
        if key_thumbprint(public_key=key) == thumbprint:
            return public_jwk(public_key=key)
    return None


# The credential


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _timestamp(moment: datetime.datetime) -> str:
    """XML Schema dateTimeStamp in UTC, whole seconds: `nbf`/`exp` are whole seconds and must equal these."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _whole_seconds(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC).replace(microsecond=0)


def _end_of_day(day: datetime.date) -> datetime.datetime:
    """A certificate is valid through its last day in the site's time zone, as the verify page says."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


def _score_text(score: Decimal) -> str:
    return f"{score.normalize():f}"


def issuer_profile() -> dict:
    """The issuer as an Open Badges Profile; its `id` is the URL that serves this same document."""
    return {
        "id": _site_url(reverse("certificates:issuer")),
        "type": ["Profile"],
        "name": settings.WAGTAIL_SITE_NAME,
        "url": _site_url("/"),
    }


def _course_key(certificate: Certificate) -> uuid.UUID:
    """The course's Wagtail translation key: stable when the course is renamed or moved, or the site changes address."""
    from cms.models import CoursePage

    return CoursePage.objects.filter(pk=certificate.enrolment.course_id).values_list("translation_key", flat=True).get()


def certificate_credential(*, certificate: Certificate) -> dict:
    """The unsigned OpenBadgeCredential. Everything in it comes from what the certificate froze at issue time."""
    verify_url = _site_url(certificate.get_absolute_url())
    course_key = _course_key(certificate)
    score_description_id = f"urn:uuid:{uuid.uuid5(course_key, 'final-quiz-score')}"
    return {
        "@context": CREDENTIAL_CONTEXTS,
        # The verify page: where anyone holding the badge sees whether it is still valid, expired or revoked.
        "id": verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"Certificate of completion: {certificate.course_title}",
        "description": f"Completion of the course “{certificate.course_title}” ({settings.WAGTAIL_SITE_NAME}).",
        "issuer": issuer_profile(),
        "validFrom": _timestamp(certificate.issued_at),
        "validUntil": _timestamp(_end_of_day(certificate.valid_until)),
        "credentialSubject": {
            # A name-free, per-certificate identifier: JWT proofs need a `sub`, and an e-mail address or account
            # number here would tell every reader more about the holder than the certificate does.
            "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, verify_url + '#holder')}",
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": certificate.holder_name,
                    "identityType": "name",
                    "hashed": False,
                }
            ],
            "achievement": {
                "id": f"urn:uuid:{course_key}",
                "type": ["Achievement"],
                "achievementType": "CertificateOfCompletion",
                "name": certificate.course_title,
                "description": f"Social media training for healthcare staff: the course “{certificate.course_title}”.",
                "criteria": {
                    "narrative": (
                        "Complete every lesson of the course, confirming its code of conduct "
                        "(“I have read and understood”), then pass the final quiz, graded on the server."
                    )
                },
                "resultDescription": [
                    {
                        "id": score_description_id,
                        "type": ["ResultDescription"],
                        "name": "Final quiz score",
                        "resultType": "Percent",
                        "valueMin": "0",
                        "valueMax": "100",
                    }
                ],
            },
            "result": [
                {"type": ["Result"], "resultDescription": score_description_id, "value": _score_text(certificate.score)}
            ],
        },
    }


def certificate_credential_jws(*, certificate: Certificate) -> str:
    """The signed badge: the credential as a compact JWS (VC-JWT), with the registered claims Open Badges requires."""
    credential = certificate_credential(certificate=certificate)
    key = signing_key()
    header = {"alg": JWS_ALGORITHM, "kid": key_id(public_key=key.public_key()), "typ": "JWT"}
    payload = {
        **credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "sub": credential["credentialSubject"]["id"],
        "nbf": int(_whole_seconds(certificate.issued_at).timestamp()),
        "exp": int(_end_of_day(certificate.valid_until).timestamp()),
    }
    signing_input = ".".join(
        _b64url(json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        for part in (header, payload)
    )
    signature = key.sign(signing_input.encode("ascii"))
    return f"{signing_input}.{_b64url(signature)}"
