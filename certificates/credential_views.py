"""Digital badges (Open Badges 3.0) and the public keys that verify them. See docs/certificates.md."""

from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache

from .credentials import (
    CREDENTIAL_CONTEXTS,
    certificate_credential_jws,
    issuer_profile,
    published_key,
    published_key_set,
)

# Keys and the issuer profile change only when the site's key is rotated: caches may keep them for an hour.
PUBLIC_CACHE_SECONDS = 3600


def _public_json(data: dict, *, content_type: str) -> JsonResponse:
    response = JsonResponse(data, content_type=content_type, json_dumps_params={"ensure_ascii": False})
    # Anyone may verify a badge, including from a web page on another site.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@never_cache
def certificate_credential(request, code: str):
    """The signed badge of a certificate, for whoever holds its code, like the verify page.

    A revoked certificate gets no new signed copy: the issuer no longer stands behind it. Copies downloaded before
    still carry a valid signature, which is why the credential's `id` is the verify page that says "revoked".
    """
    from .views import public_lookup

    certificate = public_lookup(request, code)
    if isinstance(certificate, HttpResponse):
        return certificate
    if certificate.revoked_at or certificate.superseded_at:
        if certificate.revoked_at:
            message = _("This certificate has been revoked; its verification page says when.")
        else:
            message = _("This certificate was replaced by a newer one; its verification page says when.")
        return HttpResponse(
            message + "\n",
            status=410,
            content_type="text/plain; charset=utf-8",
        )
    # Open Badges 3.0: a VC-JWT badge travels as its compact JWS, in a .jwt file served as text/plain.
    response = HttpResponse(certificate_credential_jws(certificate=certificate), content_type="text/plain")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.jwt"'
    return response


@cache_control(public=True, max_age=PUBLIC_CACHE_SECONDS)
def key_set(request):
    """Every public key a badge of this site may have been signed with (JWKS, RFC 7517)."""
    return _public_json(published_key_set(), content_type="application/jwk-set+json")


@cache_control(public=True, max_age=PUBLIC_CACHE_SECONDS)
def public_key(request, thumbprint: str):
    """One public key as a JWK: what a badge's `kid` points to."""
    jwk = published_key(thumbprint=thumbprint)
    if jwk is None:
        raise Http404("No such key.")
    return _public_json(jwk, content_type="application/jwk+json")


@cache_control(public=True, max_age=PUBLIC_CACHE_SECONDS)
def issuer(request):
    """The issuer profile every badge names; its `id` is this page's address."""
    return _public_json({"@context": CREDENTIAL_CONTEXTS, **issuer_profile()}, content_type="application/json")
