from django import forms

from .models import EnrolmentStatus


class ReportFilterForm(forms.Form):
    department = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Department")
    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *EnrolmentStatus.choices], label="Status")

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", "All departments")] + [(d.pk, d.name) for d in departments]
