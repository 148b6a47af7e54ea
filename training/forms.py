from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.models import CoursePage
from cms.translations import in_default_language

from .models import Employee, Location
from .permissions import can_view_all_reports, team_user_ids
from .reports import SORTS, STATUS_FILTER_CHOICES, ReportFilters, report_departments


class CourseChoiceField(forms.ModelChoiceField):
    """A course chosen by its id. Django refuses an id past 64 bits as unknown, but not a page's (its id is a link
    to the page): on SQLite such a number cannot even be compared, so it is refused here like any unknown id."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from None


class ReportFilterForm(forms.Form):
    """The report filters. Every choice list only offers what the viewer may see."""

    department = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Department"), empty_label=_("All departments")
    )
    location = forms.ModelChoiceField(
        queryset=Location.objects.all(), required=False, label=_("Location"), empty_label=_("All locations")
    )
    manager = forms.ModelChoiceField(
        queryset=None,
        required=False,
        # Translators: the first choice of the report's "Team of" filter: people in every team.
        empty_label=_("Everyone"),
        # Translators: the report filter by manager, followed by a manager's name ("the team of …").
        label=_("Team of"),
    )
    course = CourseChoiceField(queryset=None, required=False, label=_("Course"), empty_label=_("All courses"))
    status = forms.ChoiceField(
        required=False, label=_("Status"), choices=[("", _("Any status")), *STATUS_FILTER_CHOICES]
    )
    completed_from = forms.DateField(
        required=False, label=_("Completed from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    completed_to = forms.DateField(
        required=False, label=_("Completed to"), widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(
        required=False,
        label=_("Sort"),
        choices=[("", "")] + [(key, key) for key in SORTS] + [(f"-{key}", key) for key in SORTS],
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = report_departments(viewer=viewer)
        managers = Employee.objects.filter(manager__isnull=False)
        if not can_view_all_reports(viewer):
            managers = managers.filter(user_id__in=team_user_ids(viewer))
        self.fields["manager"].queryset = (
            get_user_model().objects.filter(pk__in=managers.values("manager_id")).order_by("last_name", "first_name")
        )
        self.fields["manager"].label_from_instance = lambda user: user.get_full_name() or user.get_username()
        self.fields["course"].queryset = in_default_language(CoursePage.objects.live()).order_by("title")

    def filters(self) -> ReportFilters:
        """The valid filters; call after is_valid(). An invalid value is left out, the others still apply."""
        data = getattr(self, "cleaned_data", {})

        def pk(name):
            value = data.get(name)
            return value.pk if value else None

        return ReportFilters(
            department_id=pk("department"),
            location_id=pk("location"),
            manager_id=pk("manager"),
            course_id=pk("course"),
            status=data.get("status") or None,
            completed_from=data.get("completed_from"),
            completed_to=data.get("completed_to"),
            sort=data.get("sort") or "",
        )


class DueDateForm(forms.Form):
    due_date = forms.DateField(label=_("New due date"), widget=forms.DateInput(attrs={"type": "date"}))
    # Kept in the audit trail: a person changing a training record says why.
    reason = forms.CharField(label=_("Why?"), max_length=1000, strip=True)
