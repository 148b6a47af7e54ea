import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from training.permissions import can_download_certificate, can_manage_certificates, can_view_all_reports

from .models import Certificate
from .services import certificate_pdf_bytes, certificate_reissue, certificate_revoke, certificates_render_pending

# What a code looks like once spaces and dashes a reader typed are taken out: base32 of 160 bits.
CODE_PATTERN = re.compile(r"[A-Z2-7]{32}")


def code_normalise(code: str) -> str:
    return re.sub(r"[\s-]+", "", code).upper()


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with this code, or None for an unknown or malformed one: the two look the same to callers,
    so nobody learns from the answer what codes are made of."""
    code = code_normalise(code)
    if not CODE_PATTERN.fullmatch(code):
        return None
    return Certificate.objects.filter(code=code).first()


def verify_rate_limited(request) -> bool:
    """True when this address looked up more than CERTIFICATE_VERIFY_RATE_LIMIT codes in the last minute.

    Codes carry 160 random bits, so guessing is hopeless anyway; the limit keeps anyone from trying at scale or
    harvesting the page. Counted in the cache (shared between processes when the cache is)."""
    limit = settings.CERTIFICATE_VERIFY_RATE_LIMIT
    if limit <= 0:
        return False
    key = f"certificate-verify:{request.META.get('REMOTE_ADDR', '')}:{int(timezone.now().timestamp() // 60)}"
    if cache.add(key, 1, 90):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        return False


def _too_many(request):
    response = render(request, "certificates/certificate_too_many.html", status=429)
    response["Retry-After"] = "60"
    return response


def _not_found(request, code: str):
    return render(request, "certificates/certificate_not_found.html", {"code": code[:80]}, status=404)


def public_lookup(request, code: str) -> Certificate | HttpResponse:
    """A code looked up by anyone (verify page, badge download): the certificate, or the answer to send instead
    (too many look-ups from this address; no such certificate, whether unknown or malformed)."""
    if verify_rate_limited(request):
        return _too_many(request)
    certificate = certificate_by_code(code)
    return _not_found(request, code) if certificate is None else certificate


def _downloadable_certificate(request, code: str) -> Certificate:
    """The certificate with `code` if the user may download it; else the same 404 as an unknown code, so nobody
    learns which codes exist. A malformed code is not looked up (PostgreSQL refuses some characters outright)."""
    certificate = certificate_by_code(code)
    if certificate is None or not can_download_certificate(request.user, certificate):
        raise Http404(_("No such certificate."))
    return certificate


@never_cache
@login_required
def certificate_pdf(request, code: str):
    certificate = _downloadable_certificate(request, code)
    response = HttpResponse(certificate_pdf_bytes(certificate=certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


@never_cache
def certificate_verify(request, code: str):
    certificate = public_lookup(request, code)
    if isinstance(certificate, HttpResponse):
        return certificate
    return render(
        request,
        "certificates/certificate_verify.html",
        {
            "certificate": certificate,
            "status": certificate.status_on(timezone.localdate()),
            "can_download": can_view_all_reports(request.user),
            "can_manage": can_manage_certificates(request.user),
        },
    )


def _managed_certificate(request, code: str) -> Certificate:
    if not can_manage_certificates(request.user):
        raise PermissionDenied(_("Only HR can revoke or re-issue certificates."))
    certificate = certificate_by_code(code)
    if certificate is None:
        raise Http404(_("No such certificate."))
    return certificate


@never_cache
@login_required
@require_POST
def certificate_revoke_view(request, code: str):
    certificate = _managed_certificate(request, code)
    try:
        certificate_revoke(certificate=certificate, reason=request.POST.get("reason", ""), revoked_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Certificate %(code)s is revoked. Its verification page now says so.") % {"code": certificate.code},
        )
    return redirect("training:transcript", user_id=certificate.user_id)


@never_cache
@login_required
@require_POST
def certificate_reissue_view(request, code: str):
    certificate = _managed_certificate(request, code)
    try:
        new = certificate_reissue(
            certificate=certificate, reason=request.POST.get("reason", ""), reissued_by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Certificate %(new_code)s replaces %(old_code)s, which now shows as superseded. "
                "The new PDF is being prepared."
            )
            % {"new_code": new.code, "old_code": certificate.code},
        )
    return redirect("training:transcript", user_id=certificate.user_id)


@never_cache
@login_required
def certificate_pdf_status(request, code: str):
    """Whether the PDF is ready, for the "being prepared" note on the learner's pages (static/js)."""
    certificate = _downloadable_certificate(request, code)
    state = "ready" if certificate.rendered_at else "failed" if certificate.render_failed else "preparing"
    return JsonResponse({"state": state, "url": certificate.get_pdf_url()})


@never_cache
@login_required
@require_POST
def certificates_render_retry(request):
    """HR: try again every certificate whose PDF could not be made (listed on the HR report)."""
    if not can_manage_certificates(request.user):
        raise PermissionDenied(_("Only HR can do this."))
    queued = certificates_render_pending()
    messages.success(
        request,
        ngettext(
            "%(count)d certificate PDF(s) are being prepared again.",
            "%(count)d certificate PDF(s) are being prepared again.",
            queued,
        )
        % {"count": queued},
    )
    return redirect("training:hr_report")


@never_cache
def certificate_check(request):
    """Anyone checks a certificate PDF they were given against our records, or looks up a code."""
    from .fingerprints import MAX_UPLOAD_BYTES, certificate_pdf_check

    if request.method == "GET" and request.GET.get("code"):
        # No code holds a "/", and the verification page's address cannot: one typed in is left out like a dash.
        code = code_normalise(request.GET["code"]).replace("/", "")[:80]
        return redirect("certificates:verify", code=code or "-")
    result, error = None, None
    if request.method == "POST":
        if verify_rate_limited(request):
            return _too_many(request)
        upload = request.FILES.get("file")
        if upload is None:
            error = _("Choose the certificate's PDF file first.")
        elif upload.size > MAX_UPLOAD_BYTES:
            error = _("This file is too large to be one of our certificates (they are well under 5 MB).")
        else:
            result = certificate_pdf_check(upload.read())
    return render(
        request,
        "certificates/certificate_check.html",
        {"result": result, "error": error},
        status=400 if error else 200,
    )
