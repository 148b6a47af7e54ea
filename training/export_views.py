"""The report exports: /hr/export.csv and /hr/export.xlsx take the filters of /hr/ and send the rows at once, or,
above EXPORT_INLINE_MAX_ROWS, start a background export followed at /hr/exports/<id>/. /hr/export.zip (HR only)
always starts one: the certificates of the rows, as PDFs in one ZIP file."""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import exports
from .models import ExportJob
from .permissions import can_download_export_job, can_export, can_see_export_job
from .views import _report_rows


def _export(request, format: str):
    form, rows = _report_rows(request)
    rows_total = rows.count()
    if exports.export_in_background(rows_total):
        job = exports.export_job_create(
            requested_by=request.user, format=format, filters=form.filters(), rows_total=rows_total
        )
        return redirect("training:export_job", job_id=job.pk)
    filename = exports.export_file_name(format)
    if format == ExportJob.Format.CSV:
        response = StreamingHttpResponse(exports.csv_export_stream(rows), content_type=exports.CONTENT_TYPES[format])
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    # A zip file cannot be streamed as it is written: write it to disk, then send it from there.
    out = tempfile.TemporaryFile()
    try:
        exports.xlsx_write(exports.export_rows(rows), out)
        out.seek(0)
    except BaseException:
        out.close()
        raise
    # The response closes the file when it is sent, which deletes it.
    return FileResponse(out, as_attachment=True, filename=filename, content_type=exports.CONTENT_TYPES[format])


@never_cache
@login_required
def hr_export_csv(request):
    return _export(request, ExportJob.Format.CSV)


@never_cache
@login_required
def hr_export_xlsx(request):
    return _export(request, ExportJob.Format.XLSX)


@never_cache
@login_required
@require_POST
def hr_export_zip(request):
    """Start the ZIP file of the certificates of the report rows (the query string holds the report's filters).

    Always in the background, as each certificate never rendered before takes a moment to render. A POST, as it
    starts work that a link prefetched by the browser should not."""
    form, rows = _report_rows(request)
    if not can_export(request.user, ExportJob.Format.ZIP):
        raise PermissionDenied(_("Only HR can download everyone's certificates."))
    certificates = exports.certificate_bundle_rows(rows).count()
    if not certificates:
        messages.info(request, _("None of these rows has a certificate: there is nothing to download."))
        query = request.GET.urlencode()
        return redirect(f"{reverse('training:hr_report')}{'?' + query if query else ''}")
    job = exports.export_job_create(
        requested_by=request.user, format=ExportJob.Format.ZIP, filters=form.filters(), rows_total=certificates
    )
    return redirect("training:export_job", job_id=job.pk)


def _get_export_job_for_user(request, job_id: int) -> ExportJob:
    # Exports whose worker died are shown as failed from here on, in the page, its progress and the recent list.
    exports.export_jobs_fail_stalled(requested_by=request.user)
    job = get_object_or_404(ExportJob, pk=job_id)
    if not can_see_export_job(request.user, job):
        # Same answer as an unknown id: nobody learns which exports exist.
        raise Http404("No such export.")
    return job


@never_cache
@login_required
def export_job(request, job_id: int):
    job = _get_export_job_for_user(request, job_id)
    return render(
        request,
        "training/export_job.html",
        {"job": job, "recent_jobs": exports.recent_export_jobs(user=request.user)},
    )


@never_cache
@login_required
def export_job_status(request, job_id: int):
    return JsonResponse(exports.export_job_state(_get_export_job_for_user(request, job_id)))


@never_cache
@login_required
def export_job_download(request, job_id: int):
    job = _get_export_job_for_user(request, job_id)
    if not can_download_export_job(request.user, job):
        raise Http404("No such export.")
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404("This export is not ready.")
    try:
        file = job.file.open("rb")
    except FileNotFoundError:
        raise Http404("This export's file has been removed.") from None
    return FileResponse(
        file,
        as_attachment=True,
        filename=exports.export_file_name(job.format, on=timezone.localdate(job.created_at)),
        content_type=exports.CONTENT_TYPES[job.format],
    )


@never_cache
@login_required
@require_POST
def export_job_again(request, job_id: int):
    """Start a failed export again, with the same format and filters, as a new export."""
    job = _get_export_job_for_user(request, job_id)
    if job.status != ExportJob.Status.FAILED:
        return redirect("training:export_job", job_id=job.pk)
    if not can_export(request.user, job.format):
        raise PermissionDenied(_("You may no longer make this export."))
    again = exports.export_job_restart(job=job, requested_by=request.user)
    return redirect("training:export_job", job_id=again.pk)
