from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from training.permissions import can_download_certificate, can_view_all_reports

from .models import Certificate
from .services import certificate_pdf_bytes


@never_cache
@login_required
def certificate_pdf(request, code: str):
    certificate = get_object_or_404(Certificate, code=code.upper())
    if not can_download_certificate(request.user, certificate):
        # Same answer as an unknown code: nobody learns which codes exist.
        raise Http404("No such certificate.")
    response = HttpResponse(certificate_pdf_bytes(certificate=certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


@never_cache
def certificate_verify(request, code: str):
    certificate = get_object_or_404(Certificate, code=code.upper())
    return render(
        request,
        "certificates/certificate_verify.html",
        {
            "certificate": certificate,
            "status": certificate.status_on(timezone.localdate()),
            "can_download": can_view_all_reports(request.user),
        },
    )
