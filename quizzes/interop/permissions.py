"""Who may import questions. The admin view and its menu item both ask here."""

IMPORT_PERMISSION = "quizzes.add_question"
QUIZ_CHANGE_PERMISSION = "quizzes.change_quiz"


def can_import_questions(user) -> bool:
    """Editors (and anyone else who may add questions to the bank)."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(IMPORT_PERMISSION))


def can_import_into_quiz(user) -> bool:
    """Adding the imported questions to a quiz changes the quiz."""
    return can_import_questions(user) and user.has_perm(QUIZ_CHANGE_PERMISSION)
