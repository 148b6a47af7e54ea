"""Item analysis in the Wagtail admin: a quiz picker, the analysis of one quiz, and its CSV download."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from training.csv_export import csv_chunks

from .analysis import graded_attempt_count, item_analysis, item_analysis_quizzes
from .models import Quiz
from .permissions import can_view_item_analysis

INDEX_URL_NAME = "quizzes_item_analysis:index"
CSV_HEADER = [
    "rank",
    "question_id",
    "question",
    "kind",
    "attempts",
    "percent_correct",
    "discrimination",
    "option",
    "right_answer",
    "picks",
    "percent_picked",
]


def _check_access(request) -> None:
    if not can_view_item_analysis(request.user):
        raise PermissionDenied(gettext("Only HR and editors can see quiz item analysis."))


class ItemAnalysisAccessMixin:
    def dispatch(self, request, *args, **kwargs):
        _check_access(request)
        return super().dispatch(request, *args, **kwargs)


class QuizPickerView(ItemAnalysisAccessMixin, BaseListingView):
    """Every quiz with its number of graded attempts; each links to its analysis."""

    page_title = _("Quiz item analysis")
    header_icon = "table"
    index_url_name = INDEX_URL_NAME
    paginate_by = 50
    verbose_name_plural = _("quizzes")
    columns = [
        TitleColumn("title", label=_("Quiz"), url_name="quizzes_item_analysis:quiz"),
        Column("graded_attempts", label=_("Graded attempts")),
    ]

    def get_queryset(self):
        return item_analysis_quizzes()


class ItemAnalysisView(ItemAnalysisAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "quizzes/admin/item_analysis.html"
    header_icon = "table"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.quiz = get_object_or_404(Quiz, pk=kwargs["quiz_id"])

    def get_page_title(self):
        return gettext("Item analysis: %(quiz)s") % {"quiz": self.quiz.title}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(INDEX_URL_NAME), "label": gettext("Quiz item analysis")},
            {"url": "", "label": self.quiz.title},
        ]

    def get_header_buttons(self):
        return [
            HeaderButton(
                gettext("Download CSV"),
                url=reverse("quizzes_item_analysis:csv", args=[self.quiz.pk]),
                icon_name="download",
            )
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            quiz=self.quiz,
            items=item_analysis(quiz=self.quiz),
            graded_attempts=graded_attempt_count(quiz=self.quiz),
            **kwargs,
        )


def _rounded(value, places: int):
    return "" if value is None else round(value, places)


def _csv_rows(items):
    """One line per question, then one line per option of it (question columns repeated, stats left blank)."""
    for rank, item in enumerate(items, start=1):
        yield [
            rank,
            item.question_id,
            item.text,
            item.kind,
            item.attempts,
            _rounded(item.facility, 1),
            _rounded(item.discrimination, 3),
            "",
            "",
            "",
            "",
        ]
        for option in item.options:
            yield [
                rank,
                item.question_id,
                item.text,
                "",
                "",
                "",
                "",
                option.text,
                "yes" if option.is_correct else "no",
                option.picks,
                _rounded(option.percent, 1),
            ]


def item_analysis_csv(request, quiz_id: int):
    _check_access(request)
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    response = HttpResponse(
        "".join(csv_chunks(CSV_HEADER, _csv_rows(item_analysis(quiz=quiz)))), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="item-analysis-{quiz.slug}-{stamp}.csv"'
    return response
