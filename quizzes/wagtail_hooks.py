from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet

from config import converters  # noqa: F401 (registers <id:...>)

from . import admin_views
from .interop.permissions import can_import_questions
from .interop.views import URL_NAME as QUESTION_IMPORT_URL_NAME
from .interop.views import QuestionImportView
from .models import Quiz
from .permissions import can_view_item_analysis
from .viewsets import QuizzesViewSetGroup

register_snippet(QuizzesViewSetGroup)


# Item analysis: the URLs, a Reports menu entry, and an entry in each quiz's "More" menu in the snippet listing.


@hooks.register("register_admin_urls")
def register_item_analysis_urls():
    urls = [
        path("", admin_views.QuizPickerView.as_view(), name="index"),
        path("<id:quiz_id>/", admin_views.ItemAnalysisView.as_view(), name="quiz"),
        path("<id:quiz_id>/export.csv", admin_views.item_analysis_csv, name="csv"),
    ]
    return [path("quizzes/item-analysis/", include((urls, "quizzes_item_analysis")))]


class ItemAnalysisMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_item_analysis(request.user)


@hooks.register("register_reports_menu_item")
def register_item_analysis_menu_item():
    return ItemAnalysisMenuItem(
        _("Quiz item analysis"), reverse("quizzes_item_analysis:index"), name="quiz-item-analysis", icon_name="table"
    )


@hooks.register("register_snippet_listing_buttons")
def item_analysis_listing_button(snippet, user, next_url=None):
    if isinstance(snippet, Quiz) and can_view_item_analysis(user):
        yield Button(
            _("Item analysis"), url=reverse("quizzes_item_analysis:quiz", args=[snippet.pk]), icon_name="table"
        )


# Question import (GIFT, Moodle XML): the upload-preview-confirm page, in the Quizzes menu for editors.


@hooks.register("register_admin_urls")
def register_question_import_urls():
    return [path("quizzes/import-questions/", QuestionImportView.as_view(), name=QUESTION_IMPORT_URL_NAME)]


class QuestionImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import_questions(request.user)


@hooks.register(QuizzesViewSetGroup.submenu_hook)
def register_question_import_menu_item():
    return QuestionImportMenuItem(
        _("Import questions"),
        reverse(QUESTION_IMPORT_URL_NAME),
        name="import-questions",
        icon_name="upload",
        order=900,
    )
