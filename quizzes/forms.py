"""Admin forms: what makes a question answerable is checked before it is saved, not discovered by a learner."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

ONE_ANSWER_KINDS = {"single", "true_false", "scenario"}


class QuestionAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("choices")
        if formset is None or not formset.is_valid():
            return cleaned
        kind = cleaned.get("kind")
        answers = [
            form.cleaned_data
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("text")
        ]
        right = [answer for answer in answers if answer.get("is_correct")]
        if kind == "essay":
            if answers:
                self.add_error(None, _("An essay question has no answers to choose from: remove them."))
            return cleaned
        if len(answers) < 2:
            self.add_error(None, _("Give at least two answers."))
        if not right:
            self.add_error(None, _("Mark at least one answer as correct."))
        if kind == "true_false" and len(answers) != 2:
            self.add_error(None, _("A true-or-false question has exactly two answers: True and False."))
        if kind in ONE_ANSWER_KINDS and len(right) > 1 and any(answer.get("fraction") is None for answer in right):
            self.add_error(
                None,
                _(
                    "Only one answer can be correct here. Choose “several answers”, or give each correct answer "
                    "a fraction (partial credit)."
                ),
            )
        if kind == "scenario" and not (cleaned.get("scenario") or "").strip():
            self.add_error("scenario", _("Write the case the learner reads before the question."))
        return cleaned
