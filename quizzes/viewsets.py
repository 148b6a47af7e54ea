from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Category, Question, Quiz


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = _("Quizzes")
    list_display = ["title", "slug", "pass_mark"]
    search_fields = ["title"]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = ["__str__", "category", "kind"]
    list_filter = ["category", "kind", "quizzes"]
    search_fields = ["text"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Question categories")
    list_display = ["__str__", "description"]
    search_fields = ["name"]


class QuizzesViewSetGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionViewSet, CategoryViewSet)
    menu_label = _("Quizzes")
    menu_icon = "tasks"
    menu_order = 300
    # Menu items registered with this hook join the group's submenu ("Import questions", in wagtail_hooks.py).
    submenu_hook = "register_quizzes_menu_item"
