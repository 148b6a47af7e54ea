from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
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


@login_required
@require_POST
def lesson_complete(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id).specific
    try:
        services.lesson_complete(
            user=request.user, lesson=lesson, acknowledged=request.POST.get("acknowledged") == "yes"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(lesson.url)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect(lesson.url)
    state = selectors.lesson_state(user=request.user, lesson=lesson)
    return redirect(state.next_url)


def _report_rows(request):
    if not can_view_reports(request.user):
        raise PermissionDenied("Only HR and managers can see completion reports.")
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
        raise PermissionDenied("Only HR can assign training.")


@never_cache
@login_required
def assignments(request):
    from django.core.exceptions import ValidationError as ModelValidationError

    from .assignment_forms import AssignmentForm

    _require_assigner(request)
    form = AssignmentForm(request.POST or None)
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
            messages.success(request, f"“{assignment.course.title}” assigned: {enrolled} people enrolled.")
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
        messages.error(request, "Enter the new due date as a date, e.g. 2026-12-31.")
    else:
        try:
            services.enrolment_due_date_change(enrolment=enrolment, due_date=form.cleaned_data["due_date"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"“{enrolment.course.title}” is now due {form.cleaned_data['due_date']:%Y-%m-%d}."
            )
    return redirect("training:transcript", user_id=enrolment.user_id)


@login_required
def my_transcript(request):
    return redirect("training:transcript", user_id=request.user.pk)
