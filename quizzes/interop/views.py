"""Importing questions in the Wagtail admin: upload a file, preview what would be imported, confirm.

The uploaded file is kept in the session between the preview and the confirmation, so the confirmation imports
exactly the file that was previewed, and a second click on Confirm finds nothing left to import.
"""

import secrets

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models import Quiz
from . import FORMAT_CHOICES, MAX_QUESTIONS, ImportFileError, format_guess, parse
from .permissions import can_import_into_quiz, can_import_questions
from .services import questions_check, questions_import

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
SESSION_KEY = "quizzes_question_import"
URL_NAME = "quizzes_question_import"
QUESTIONS_URL_NAME = "wagtailsnippets_quizzes_question:list"


class QuestionImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("A GIFT (.txt, .gift) or Moodle XML (.xml) file of at most 2 MB.")
    )
    file_format = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("From the file name: Moodle XML for .xml, GIFT for anything else")), *FORMAT_CHOICES],
        required=False,
    )
    category = forms.CharField(
        label=_("Category"),
        required=False,
        max_length=1000,
        help_text=_('For questions the file puts in no category, e.g. "Code of conduct/Privacy". Made if missing.'),
    )
    quiz = forms.ModelChoiceField(
        Quiz.objects.all(),
        required=False,
        label=_("Quiz"),
        help_text=_("Also add every imported question to this quiz, at the end."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_import_into_quiz(user):
            del self.fields["quiz"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                gettext("The file is larger than 2 MB. Split it into smaller files and import each.")
            )
        return upload


class QuestionImportView(WagtailAdminTemplateMixin, View):
    """GET: the upload form. POST without a token: the preview. POST with the preview's token: the import."""

    template_name = "quizzes/admin/import_questions.html"
    page_title = _("Import questions")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not can_import_questions(request.user):
            raise PermissionDenied(gettext("Only editors can import questions."))
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(QUESTIONS_URL_NAME), "label": gettext("Questions")},
            {"url": "", "label": self.page_title},
        ]

    def get(self, request):
        return self.render_to_response(self.get_context_data(form=QuestionImportForm(user=request.user)))

    def post(self, request):
        if "token" in request.POST:
            return self.confirm(request)
        form = QuestionImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        data = upload.read()
        file_format = form.cleaned_data["file_format"] or format_guess(upload.name)
        try:
            parsed = parse(data, file_format, max_questions=MAX_QUESTIONS)
        except ImportFileError as error:
            form.add_error(
                "file",
                # Translators: %(file)s is the uploaded file's name, %(error)s what is wrong with it.
                gettext("%(file)s: %(error)s Nothing was imported.") % {"file": upload.name, "error": error},
            )
            return self.render_to_response(self.get_context_data(form=form))
        quiz = form.cleaned_data.get("quiz")
        token = secrets.token_urlsafe(16)
        request.session[SESSION_KEY] = {
            "token": token,
            "name": upload.name,
            "content": data.decode("utf-8"),  # parse() has checked that it is UTF-8
            "format": file_format,
            "category": form.cleaned_data["category"],
            "quiz": quiz.pk if quiz else None,
        }
        check = questions_check(parsed=parsed, category=form.cleaned_data["category"])
        return self.render_to_response(
            self.get_context_data(
                form=form,
                check=check,
                token=token,
                file_name=upload.name,
                file_format=dict(FORMAT_CHOICES)[file_format],
                quiz=quiz,
            )
        )

    def confirm(self, request):
        pending = request.session.get(SESSION_KEY)
        if not pending or not secrets.compare_digest(pending["token"].encode(), request.POST["token"].encode()):
            messages.error(
                request,
                gettext(
                    "Nothing to import: this preview was imported already, has expired, or another file was "
                    "previewed since. Upload the file again."
                ),
            )
            return redirect(URL_NAME)
        quiz = None
        if pending["quiz"] is not None:
            quiz = Quiz.objects.filter(pk=pending["quiz"]).first()
            if quiz is None:
                messages.error(request, gettext("The quiz chosen for these questions is gone. Nothing was imported."))
                return redirect(URL_NAME)
        del request.session[SESSION_KEY]
        try:
            parsed = parse(pending["content"].encode("utf-8"), pending["format"])
        except ImportFileError as error:  # the file was read at the preview; kept for safety
            messages.error(
                request,
                gettext("%(file)s: %(error)s Nothing was imported.") % {"file": pending["name"], "error": error},
            )
            return redirect(URL_NAME)
        result = questions_import(parsed=parsed, category=pending["category"], quiz=quiz)
        counts = {"count": len(result.imported), "file": pending["name"], "quiz": quiz, "skipped": len(result.skipped)}
        if quiz is not None and result.skipped:
            summary = gettext(
                "%(count)d question(s) imported from %(file)s and added to %(quiz)s; %(skipped)d skipped, as the "
                "preview listed."
            )
        elif quiz is not None:
            summary = gettext("%(count)d question(s) imported from %(file)s and added to %(quiz)s.")
        elif result.skipped:
            summary = gettext(
                "%(count)d question(s) imported from %(file)s; %(skipped)d skipped, as the preview listed."
            )
        else:
            summary = gettext("%(count)d question(s) imported from %(file)s.")
        messages.success(request, summary % counts)
        return redirect(QUESTIONS_URL_NAME)
