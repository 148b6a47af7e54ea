from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cms.models import LessonPage

from . import reports, selectors, services
from .forms import ReportFilterForm
from .permissions import can_view_all_reports, can_view_reports

REPORT_PAGE_SIZE = 50


class FiguresPaginator(Paginator):
    """The report table's pages, numbered by the total the dashboard figures counted.

    That total may be a moment older than the table (the figures say when they were counted), so a page is cut by
    its size alone, never at the total: a page always shows every row the query finds for it now. (Only rows that
    would spill onto a page past the counted ones wait for the next count, seconds later.)
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)


@login_required
def learn(request):
    return render(request, "training/learn.html", {"outlines": selectors.learner_courses(user=request.user)})


def _posted_revision(request, name: str = "revision") -> int | None:
    try:
        return int(request.POST[name])
    except (KeyError, ValueError):
        return None


def _lesson_step(request, lesson, step):
    """Run `step()`, which completes or signs the lesson (or returns a response that sends the learner elsewhere
    first); a refusal goes back to the lesson with its reason, success on to the next step of the course."""
    try:
        response = step()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(lesson.url)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect(lesson.url)
    if response is not None:
        return response
    return redirect(selectors.lesson_state(user=request.user, lesson=lesson).next_url)


@login_required
@require_POST
def lesson_complete(request, lesson_id: int):
    """Mark a lesson as read; for a code of conduct, sign it, always as the person logged in, on their own enrolment
    (nothing posted says who signs). The password is checked here, or the learner is sent to re-authenticate with
    the organisation's single sign-on and comes back to `signature_sso_callback`."""
    from . import signatures

    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id).specific
    acknowledged = request.POST.get("acknowledged") == "yes"
    revision_id = _posted_revision(request)
    # Read in translation: the translated lesson's revision on screen, which is what the learner signs.
    shown_revision_id = _posted_revision(request, "shown_revision")

    def step():
        to_record = services.lesson_complete_check(
            user=request.user,
            lesson=lesson,
            acknowledged=acknowledged,
            revision_id=revision_id,
            shown_revision_id=shown_revision_id,
        )
        reauthentication = None
        if to_record and lesson.requires_acknowledgement:
            if signatures.signing_method(user=request.user) == signatures.Method.SINGLE_SIGN_ON:
                from .signature_sso import signature_sso_begin

                return signature_sso_begin(
                    request, lesson=lesson, revision_id=revision_id, shown_revision_id=shown_revision_id
                )
            reauthentication = signatures.password_reauthenticate(
                user=request.user, password=request.POST.get("password", ""), lesson=lesson
            )
        services.lesson_complete(
            user=request.user,
            lesson=lesson,
            acknowledged=acknowledged,
            revision_id=revision_id,
            shown_revision_id=shown_revision_id,
            reauthentication=reauthentication,
        )
        return None

    return _lesson_step(request, lesson, step)


@never_cache
@login_required
def signature_sso_callback(request):
    """Where the identity provider sends back a learner who re-authenticated to sign a code of conduct."""
    from django.conf import settings

    from .signature_sso import signature_sso_intent_pop, signature_sso_reauthenticate

    if not settings.OIDC_ENABLED:
        raise Http404("Single sign-on is not in use.")
    intent = signature_sso_intent_pop(request)
    if intent is None:
        messages.error(request, _("There was nothing waiting to be signed. Open the lesson and sign again."))
        return redirect("training:learn")
    lesson = get_object_or_404(LessonPage.objects.live(), pk=intent["lesson"]).specific

    def step():
        reauthentication = signature_sso_reauthenticate(request, intent=intent)
        services.lesson_complete(
            user=request.user,
            lesson=lesson,
            acknowledged=True,
            revision_id=intent["revision"],
            shown_revision_id=intent.get("shown_revision"),
            reauthentication=reauthentication,
        )
        return None

    return _lesson_step(request, lesson, step)


def _report_rows(request):
    if not can_view_reports(request.user):
        raise PermissionDenied(_("Only HR and managers can see completion reports."))
    form = ReportFilterForm(request.GET, viewer=request.user)
    # Each filter applies on its own: one unknown value is ignored (and said so), not the whole set.
    form.is_valid()
    rows = reports.completion_report_rows(viewer=request.user, filters=form.filters())
    return form, rows


@never_cache
@login_required
def hr_report(request):
    form, rows = _report_rows(request)
    figures = reports.dashboard_figures(
        viewer=request.user, filters=form.filters(), rows=rows, refresh=bool(request.GET.get("refresh"))
    )
    summary = figures.summary
    paginator = FiguresPaginator(rows, REPORT_PAGE_SIZE)
    if not figures.cached or figures.snapshot:
        # Counted with the figures (just now, or in today's snapshot): no second COUNT over every row.
        paginator.count = summary.overview.total
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("refresh", None)
    sort_query = query.copy()
    sort_query.pop("sort", None)
    return render(
        request,
        "training/hr_report.html",
        {
            "form": form,
            "page": page,
            "filter_query": query.urlencode(),
            "sort_query": sort_query.urlencode(),
            "columns": reports.table_columns(form.filters().sort),
            "total": page.paginator.count,
            "overview": summary.overview,
            "figures": figures,
            "by_department": summary.by_department,
            "by_course": summary.by_course,
            "trend": summary.trend,
            # Managers see their team's codes but only HR may download others' certificates.
            "can_download_certificates": can_view_all_reports(request.user),
            "certificates_render_failed": _certificates_render_failed(request.user),
        },
    )


def _certificates_render_failed(user) -> int:
    """How many certificates have no PDF after every attempt (HR is asked to try again); 0 for others."""
    from certificates.models import Certificate

    from .permissions import can_manage_certificates

    return Certificate.objects.render_failed().count() if can_manage_certificates(user) else 0


def _require_assigner(request):
    from .permissions import can_assign_training

    if not can_assign_training(request.user):
        raise PermissionDenied(_("Only HR can assign training."))


@never_cache
@login_required
def assignments(request):
    from django.core.exceptions import ValidationError as ModelValidationError

    from .assignment_forms import AssignmentForm

    _require_assigner(request)
    # Bound on every POST, an empty one too, so that a refusal always says what is missing.
    form = AssignmentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.assignment_create(
                created_by=request.user,
                course=data["course"],
                target=data["target"],
                department=data["department"],
                include_subdepartments=data["include_subdepartments"],
                location=data["location"],
                manager=data["manager"],
                people=data["people"],
                due_date=data["due_date"],
                due_days_after_hire=data["due_days_after_hire"],
                mandatory=data["mandatory"],
            )
        except ModelValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            enrolled = assignment.enrolments.count()
            messages.success(
                request,
                ngettext(
                    "“%(course)s” assigned: %(count)d person enrolled.",
                    "“%(course)s” assigned: %(count)d people enrolled.",
                    enrolled,
                )
                % {"course": assignment.course.title, "count": enrolled},
            )
            return redirect("training:assignments")
    return render(
        request,
        "training/assignments.html",
        {"form": form, "assignments": selectors.assignment_rows()},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@login_required
def transcript(request, user_id: int):
    """Everything one person did in training, every cycle: for HR, their manager, or themselves."""
    from django.contrib.auth import get_user_model

    from .permissions import can_view_person

    person = get_object_or_404(get_user_model().objects.select_related("employee__department"), pk=user_id)
    if not can_view_person(request.user, person):
        raise Http404("No such person.")
    from .forms import DueDateForm
    from .permissions import can_assign_training, can_manage_certificates

    return render(
        request,
        "training/transcript.html",
        {
            "person": person,
            "cycles": reports.transcript(user=person),
            "due_date_form": DueDateForm() if can_assign_training(request.user) else None,
            "can_manage_certificates": can_manage_certificates(request.user),
        },
    )


@never_cache
@login_required
@require_POST
def enrolment_due_date(request, enrolment_id: int):
    """HR moves the due date of someone's current training (from their training record)."""
    from .forms import DueDateForm
    from .models import Enrolment

    _require_assigner(request)
    enrolment = get_object_or_404(Enrolment.objects.select_related("course"), pk=enrolment_id)
    form = DueDateForm(request.POST)
    if not form.is_valid():
        if "due_date" in form.errors:
            messages.error(request, _("Enter the new due date as a date, e.g. 2026-12-31."))
        if "reason" in form.errors:
            messages.error(
                request, _("Say why the due date changes (at most 1,000 characters): it is kept in the audit trail.")
            )
    else:
        try:
            services.enrolment_due_date_change(
                enrolment=enrolment,
                due_date=form.cleaned_data["due_date"],
                reason=form.cleaned_data["reason"],
                changed_by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            # The date stays in ISO form (2026-12-31), as in the form's example.
            messages.success(
                request,
                _("“%(course)s” is now due %(date)s.")
                % {"course": enrolment.course.title, "date": form.cleaned_data["due_date"].isoformat()},
            )
    return redirect("training:transcript", user_id=enrolment.user_id)


@login_required
def my_transcript(request):
    return redirect("training:transcript", user_id=request.user.pk)


def _require_report_viewer(request):
    if not can_view_reports(request.user):
        raise PermissionDenied(_("Only HR and managers can see who has to confirm a changed code of conduct."))


def _lesson_filter(request) -> int | None:
    try:
        return int(request.GET["lesson"])
    except (KeyError, ValueError):
        return None


@never_cache
@login_required
def reacknowledgement_report(request):
    """Changed codes of conduct: per lesson, how many still have to confirm the new version; who, for one lesson."""
    _require_report_viewer(request)
    lessons = selectors.reacknowledgement_lessons(viewer=request.user)
    lesson_id = _lesson_filter(request)
    selected = next((item for item in lessons if item.lesson.pk == lesson_id), None)
    rows = selectors.reacknowledgement_pending_rows(viewer=request.user, lesson_id=lesson_id) if selected else []
    return render(
        request,
        "training/reacknowledgement.html",
        {"lessons": lessons, "selected": selected, "rows": rows},
    )


@never_cache
@login_required
def reacknowledgement_csv(request):
    """The people who still have to confirm a changed code of conduct (of one lesson with ?lesson=), as CSV."""
    from .csv_export import csv_response
    from .names import display_name

    _require_report_viewer(request)
    rows = selectors.reacknowledgement_pending_rows(viewer=request.user, lesson_id=_lesson_filter(request))
    header = ["email", "name", "department", "course", "lesson", "last_confirmed_at", "changed_at"]
    lines = (
        [
            row.enrolment.user.email,
            display_name(row.enrolment.user),
            row.department,
            row.enrolment.course.title,
            row.lesson.title,
            _csv_time(row.enrolment.last_confirmed_at),
            _csv_time(row.changed_at),
        ]
        for row in rows
    )
    return csv_response(header, lines, filename="reacknowledgement-pending.csv")


def _csv_time(value) -> str:
    from django.utils import timezone

    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else ""
