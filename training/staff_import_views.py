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
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache

from .permissions import can_import_staff
from .staff_import import MAX_ROWS, StaffFileError, staff_file_read, staff_import

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
SESSION_KEY = "training_staff_import"
PREVIEW_LIMIT = 500  # rows listed per section of the preview; the counts cover them all


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Set here, in the language of the request, with the number written the way that language writes it.
        self.fields["file"].help_text = _("UTF-8, with a header row; at most 20 MB and %(rows)s rows.") % {
            "rows": number_format(MAX_ROWS, force_grouping=True)
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 20 MB. Split it into smaller files and import each.")
            )
        return upload


def _require_importer(request):
    if not can_import_staff(request.user):
        raise PermissionDenied(_("Only HR can import staff."))


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
        form.add_error(
            "file",
            # Translators: %(file)s is the uploaded file's name, %(problem)s a sentence saying what is wrong with it.
            _("%(file)s: %(problem)s Nothing was imported.") % {"file": upload.name, "problem": error},
        )
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
        (
            "problems",
            ngettext("Problems, on %(count)d row", "Problems, on %(count)d rows", rows) % {"count": rows},
            result.problems,
        ),
        ("created", _("To create (%(count)d)") % {"count": len(result.created)}, result.created),
        ("updated", _("To update (%(count)d)") % {"count": len(result.updated)}, result.updated),
        ("deactivated", _("To deactivate (%(count)d)") % {"count": len(result.deactivated)}, result.deactivated),
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
            _(
                "Nothing to import: this preview was imported already, or another file was previewed since. "
                "Upload the file again."
            ),
        )
        # Rendered, not redirected: the form page drops a pending preview, which may be another tab's.
        return render(request, "training/staff_import.html", {"form": StaffImportForm()})
    del request.session[SESSION_KEY]
    try:
        staff_file = staff_file_read(pending["content"].encode("utf-8"))
    except StaffFileError as error:  # the file was read at the preview; kept for safety
        messages.error(
            request, _("%(file)s: %(problem)s Nothing was imported.") % {"file": pending["name"], "problem": error}
        )
        return redirect("training:staff_import")
    result = staff_import(rows=staff_file.rows, dry_run=False, actor=request.user, file_name=pending["name"])
    # Written here rather than with result.summary(), which is the import_staff command's (English) output.
    summary = ngettext(
        "Imported %(file)s: %(created)d created, %(updated)d updated, %(deactivated)d deactivated, "
        "%(unchanged)d unchanged, %(problems)d row with problems.",
        "Imported %(file)s: %(created)d created, %(updated)d updated, %(deactivated)d deactivated, "
        "%(unchanged)d unchanged, %(problems)d rows with problems.",
        result.rows_with_problems,
    ) % {
        "file": pending["name"],
        "created": len(result.created),
        "updated": len(result.updated),
        "deactivated": len(result.deactivated),
        "unchanged": len(result.unchanged),
        "problems": result.rows_with_problems,
    }
    if result.enrolled:
        summary += " " + ngettext(
            "%(count)d enrolment made by assignments.", "%(count)d enrolments made by assignments.", result.enrolled
        ) % {"count": result.enrolled}
    messages.success(request, summary)
    if result.problems:
        messages.warning(
            request,
            _(
                "%(count)d row(s) with problems were not imported; correct them and import the file again (rows "
                "already imported will show as unchanged)."
            )
            % {"count": result.rows_with_problems},
        )
    return redirect("training:staff_import")
