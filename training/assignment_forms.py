from django import forms
from django.contrib.auth import get_user_model

from cms.models import CoursePage

from .models import Assignment, Department, Employee, Location


class AssignmentForm(forms.Form):
    course = forms.ModelChoiceField(queryset=CoursePage.objects.none(), empty_label=None)
    target = forms.ChoiceField(choices=Assignment.Target.choices, widget=forms.RadioSelect, label="Assign to")
    department = forms.ModelChoiceField(queryset=Department.objects.order_by("name"), required=False)
    include_subdepartments = forms.BooleanField(required=False, initial=True, label="Include sub-departments")
    location = forms.ModelChoiceField(queryset=Location.objects.all(), required=False)
    manager = forms.ModelChoiceField(queryset=get_user_model().objects.none(), required=False, label="Manager's team")
    people = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="People",
        help_text="Email addresses, one per line or separated by commas.",
    )
    due_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    due_days_after_hire = forms.IntegerField(required=False, min_value=1, max_value=730, label="Or: days after joining")
    mandatory = forms.BooleanField(required=False, initial=True, label="Mandatory training")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        managers = Employee.objects.filter(manager__isnull=False).values("manager_id")
        self.fields["manager"].queryset = get_user_model().objects.filter(pk__in=managers).order_by("last_name")

    def clean_people(self):
        raw = self.cleaned_data["people"]
        emails = {part.strip().lower() for part in raw.replace(",", "\n").splitlines() if part.strip()}
        users = list(get_user_model().objects.filter(email__in=emails, is_active=True))
        unknown = emails - {user.email.lower() for user in users}
        if unknown:
            raise forms.ValidationError(f"No active employee with the email {', '.join(sorted(unknown))}.")
        return users
