"""The audit trail for HR and auditors: /hr/audit/ (by person, course and period, newest first) and the same events
as a CSV file. The trail itself is written by the services (training.audit)."""

import datetime
import itertools
import json

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from cms.models import CoursePage
from cms.translations import in_default_language

from .audit import audit_events, audit_events_stream, audit_rows
from .csv_export import csv_response
from .forms import CourseChoiceField
from .permissions import can_view_all_reports, can_view_audit_trail

PAGE_SIZE = 50
DATE_ERROR = gettext_lazy("Enter the date as YYYY-MM-DD, e.g. 2026-03-01.")
CSV_HEADER = [
    "sequence",
    "occurred_at",
    "actor_id",
    "actor",
    "action",
    "person_id",
    "person",
    "course_id",
    "course",
    "object",
    "old_value",
    "new_value",
    "reason",
    "hash",
]


class AuditFilterForm(forms.Form):
    person = forms.CharField(
        required=False,
        max_length=254,
        label=gettext_lazy("Person"),
        help_text=gettext_lazy("User name or email (imported staff: their email)."),
    )
    course = CourseChoiceField(
        queryset=in_default_language(CoursePage.objects.order_by("title")),
        required=False,
        label=gettext_lazy("Course"),
        # Translators: the first choice of the audit trail's course filter: every course.
        empty_label=gettext_lazy("All"),
    )
    # ISO dates only: 01/03/2026 is the 3rd of January to some and the 1st of March to others.
    date_from = forms.DateField(
        required=False,
        # Translators: the first day of the period the audit trail shows (a date follows).
        label=gettext_lazy("From"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": DATE_ERROR},
    )
    date_to = forms.DateField(
        required=False,
        # Translators: the last day of the period the audit trail shows (a date follows).
        label=gettext_lazy("To"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": DATE_ERROR},
    )

    def clean_person(self):
        value = self.cleaned_data["person"].strip()
        if not value:
            return None
        users = get_user_model().objects
        person = users.filter(**{users.model.USERNAME_FIELD: value}).first()
        if person is None:
            by_email = list(users.filter(email__iexact=value)[:2])
            if len(by_email) > 1:
                raise forms.ValidationError(
                    _("Several accounts have the email “%(email)s”: give the user name.") % {"email": value}
                )
            if not by_email:
                raise forms.ValidationError(_("No one has the user name or email “%(value)s”.") % {"value": value})
            person = by_email[0]
        return person

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The “From” date is after the “To” date."))
        return data

    def filters(self) -> dict:
        """`audit_events`' filters; call after is_valid(). The period is in local days, both included."""
        data = self.cleaned_data
        person, course, end = data.get("person"), data.get("course"), data.get("date_to")
        return {
            "person_id": person.pk if person else None,
            "course_id": course.pk if course else None,
            "occurred_from": _day_start(data.get("date_from")),
            "occurred_before": _day_start(end, days_later=1),
        }


def _day_start(day: datetime.date | None, *, days_later: int = 0) -> datetime.datetime | None:
    """The local midnight that starts `day` (or the day `days_later`), or None: no limit. A period from the first day
    of the calendar or to its last one has none on that side (its start, in UTC, is past what a date can hold)."""
    if day is None:
        return None
    try:
        start = datetime.datetime.combine(day + datetime.timedelta(days=days_later), datetime.time.min)
        start = timezone.make_aware(start)
        start.astimezone(datetime.UTC)  # as the database compares it
    except OverflowError:
        return None
    return start


def _require_viewer(request) -> None:
    if not can_view_audit_trail(request.user):
        raise PermissionDenied(_("Only HR and auditors can see the audit trail."))


@never_cache
@login_required
def audit_trail(request):
    _require_viewer(request)
    form = AuditFilterForm(request.GET)
    context = {"form": form, "query": "", "page": None, "rows": []}
    if form.is_valid():
        page = Paginator(audit_events(**form.filters()), PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context |= {
            "page": page,
            "rows": audit_rows(page.object_list),
            "query": query.urlencode(),
            "person": form.cleaned_data["person"],
            # Auditors see the trail only; HR may open the person's training record too.
            "can_open_records": can_view_all_reports(request.user),
        }
    return render(request, "training/audit.html", context, status=200 if form.is_valid() else 400)


@never_cache
@login_required
def audit_trail_csv(request):
    _require_viewer(request)
    form = AuditFilterForm(request.GET)
    if not form.is_valid():
        problems = [
            f"{form.fields[name].label if name in form.fields else _('Filters')}: {' '.join(errors)}"
            for name, errors in form.errors.items()
        ]
        return HttpResponse("\n".join(problems) + "\n", status=400, content_type="text/plain; charset=utf-8")
    return csv_response(
        CSV_HEADER,
        _csv_rows(audit_events(**form.filters())),
        filename=f"audit-trail-{timezone.localdate().isoformat()}.csv",
    )


def _csv_rows(events):
    """One line per event, read a chunk at a time: constant memory whatever the size of the trail."""
    stream = audit_events_stream(events)
    while chunk := list(itertools.islice(stream, 1000)):
        for row in audit_rows(chunk):
            event = row.event
            yield [
                event.sequence,
                timezone.localtime(event.occurred_at).isoformat(timespec="seconds"),
                event.actor_id or "",
                event.actor_name or "System",
                event.get_action_display(),
                event.person_id or "",
                event.person_name,
                event.course_id or "",
                row.course_title,
                f"{event.object_type} {event.object_id}".strip(),
                _json(event.old_value),
                _json(event.new_value),
                event.reason,
                event.hash,
            ]


def _json(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
