from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cms.models import CoursePage
from cms.translations import in_default_language

from .forms import CourseChoiceField
from .models import Assignment, Department, Employee, Location


class AssignmentForm(forms.Form):
    course = CourseChoiceField(queryset=CoursePage.objects.none(), empty_label=None, label=_("Course"))
    target = forms.ChoiceField(choices=Assignment.Target.choices, widget=forms.RadioSelect, label=_("Assign to"))
    department = forms.ModelChoiceField(
        queryset=Department.objects.order_by("name"), required=False, label=_("Department")
    )
    include_subdepartments = forms.BooleanField(required=False, initial=True, label=_("Include sub-departments"))
    location = forms.ModelChoiceField(queryset=Location.objects.all(), required=False, label=_("Location"))
    manager = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), required=False, label=_("Manager's team")
    )
    people = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("People"),
        help_text=_("Email addresses, one per line or separated by commas."),
    )
    due_date = forms.DateField(required=False, label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    due_days_after_hire = forms.IntegerField(
        required=False, min_value=1, max_value=730, label=_("Or: days after joining")
    )
    mandatory = forms.BooleanField(required=False, initial=True, label=_("Mandatory training"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = in_default_language(CoursePage.objects.live()).order_by("title")
        managers = Employee.objects.filter(manager__isnull=False).values("manager_id")
        self.fields["manager"].queryset = get_user_model().objects.filter(pk__in=managers).order_by("last_name")

    def clean_people(self):
        raw = self.cleaned_data["people"]
        emails = {part.strip().lower() for part in raw.replace(",", "\n").splitlines() if part.strip()}
        users = list(get_user_model().objects.filter(email__in=emails, is_active=True))
        unknown = emails - {user.email.lower() for user in users}
        if unknown:
            raise forms.ValidationError(
                _("No active employee with the email %(emails)s.") % {"emails": ", ".join(sorted(unknown))}
            )
        return users
