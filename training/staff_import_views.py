"""HR's staff import at /hr/staff/import/: upload a CSV file, preview what would change, confirm.

The uploaded file is kept in the session between the preview and the confirmation, so the confirmation imports
exactly the file that was previewed, and a second click on Confirm finds nothing left to import.
"""

import secrets

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from .permissions import can_import_staff
from .staff_import import MAX_ROWS, StaffFileError, staff_file_read, staff_import

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
SESSION_KEY = "training_staff_import"
PREVIEW_LIMIT = 500  # rows listed per section of the preview; the counts cover them all


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text=f"UTF-8, with a header row; at most 20 MB and {MAX_ROWS:,} rows.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 20 MB. Split it into smaller files and import each.")
        return upload


def _require_importer(request):
    if not can_import_staff(request.user):
        raise PermissionDenied("Only HR can import staff.")


@never_cache
@login_required
def staff_import_page(request):
    """GET: the upload form. POST with a file: the preview, nothing saved. POST with the preview's token: import."""
    _require_importer(request)
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request)
    if request.method != "POST":
        request.session.pop(SESSION_KEY, None)  # a preview left unconfirmed: do not keep the file around
        return render(request, "training/staff_import.html", {"form": StaffImportForm()})
    form = StaffImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "training/staff_import.html", {"form": form})
    upload = form.cleaned_data["file"]
    data = upload.read()
    try:
        staff_file = staff_file_read(data)
    except StaffFileError as error:
        request.session.pop(SESSION_KEY, None)
        form.add_error("file", f"{upload.name}: {error} Nothing was imported.")
        return render(request, "training/staff_import.html", {"form": form})
    result = staff_import(rows=staff_file.rows, dry_run=True)
    token = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {
        "token": token,
        "name": upload.name,
        "content": data.decode("utf-8-sig"),  # staff_file_read() has checked that it is UTF-8
    }
    return render(
        request,
        "training/staff_import.html",
        {
            "form": StaffImportForm(),
            "result": result,
            "sections": _preview_sections(result),
            "ignored_columns": staff_file.ignored_columns,
            "token": token,
            "file_name": upload.name,
        },
    )


def _preview_sections(result):
    """The preview's tables: problems first, then who would be created, updated and deactivated."""
    rows = result.rows_with_problems
    sections = []
    for section_id, heading, items in [
        ("problems", f"Problems, on {rows} row{'s' * (rows != 1)}", result.problems),
        ("created", f"To create ({len(result.created)})", result.created),
        ("updated", f"To update ({len(result.updated)})", result.updated),
        ("deactivated", f"To deactivate ({len(result.deactivated)})", result.deactivated),
    ]:
        if items:
            sections.append(
                {
                    "id": section_id,
                    "heading": heading,
                    "items": items[:PREVIEW_LIMIT],
                    "hidden": max(0, len(items) - PREVIEW_LIMIT),
                }
            )
    return sections


def _confirm(request):
    pending = request.session.get(SESSION_KEY)
    if not pending or not secrets.compare_digest(pending["token"].encode(), request.POST["token"].encode()):
        messages.error(
            request,
            "Nothing to import: this preview was imported already, or another file was previewed since. "
            "Upload the file again.",
        )
        # Rendered, not redirected: the form page drops a pending preview, which may be another tab's.
        return render(request, "training/staff_import.html", {"form": StaffImportForm()})
    del request.session[SESSION_KEY]
    try:
        staff_file = staff_file_read(pending["content"].encode("utf-8"))
    except StaffFileError as error:  # the file was read at the preview; kept for safety
        messages.error(request, f"{pending['name']}: {error} Nothing was imported.")
        return redirect("training:staff_import")
    result = staff_import(rows=staff_file.rows, dry_run=False, actor=request.user, file_name=pending["name"])
    summary = f"Imported {pending['name']}: {result.summary()}."
    if result.enrolled:
        summary += f" {result.enrolled} enrolment(s) made by assignments."
    messages.success(request, summary)
    if result.problems:
        messages.warning(
            request,
            f"{result.rows_with_problems} row(s) with problems were not imported; correct them and import the file "
            "again (rows already imported will show as unchanged).",
        )
    return redirect("training:staff_import")
