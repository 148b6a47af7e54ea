"""The web layer's defences that apply to every page: the content security policy, no caching of personal data, and
the client's address behind a reverse proxy (for login throttling and look-up limits). See docs/deploy.md."""

import ipaddress

from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoContentSecurityPolicyMiddleware
from django.urls import reverse


def client_address(request) -> str:
    """The address of the browser, not of our own reverse proxy.

    With TRUSTED_PROXY_COUNT proxies in front of the application (each appending to X-Forwarded-For), the client is
    the address that many entries from the right; what a client writes further left itself is never trusted. Without
    proxies, or when the header is missing or malformed, REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class ContentSecurityPolicyMiddleware(DjangoContentSecurityPolicyMiddleware):
    """Django's policy (SECURE_CSP: no inline script or style) on the product's pages; the Wagtail admin, whose own
    templates still carry inline scripts, gets SECURE_CSP_ADMIN. A view may still set its own policy."""

    def process_response(self, request, response):
        if not hasattr(response, "_csp_config") and request.path.startswith(reverse("wagtailadmin_home")):
            response._csp_config = settings.SECURE_CSP_ADMIN
        return super().process_response(request, response)


class PrivateByDefaultMiddleware:
    """Pages show personal data (progress, scores, reports, certificates): no browser or proxy keeps a copy unless
    the view says otherwise (public keys and static files do)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response:
            response["Cache-Control"] = "no-store, private"
        return response
