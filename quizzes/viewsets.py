from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Question, Quiz


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = "Quizzes"
    list_display = ["title", "slug", "pass_mark"]
    search_fields = ["title"]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = "Questions"
    list_display = ["text", "quiz", "kind", "sort_order"]
    list_filter = ["quiz", "kind"]
    search_fields = ["text"]


class QuizzesViewSetGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionViewSet)
    menu_label = "Quizzes"
    menu_icon = "tasks"
    menu_order = 300
