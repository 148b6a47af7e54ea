"""Who may see what in the quizzes app. Views, admin menus and buttons all ask here."""

ITEM_ANALYSIS_PERMISSION = "quizzes.view_item_analysis"


def can_view_item_analysis(user) -> bool:
    """HR, editors and superusers: how each question of a quiz performed, from everyone's graded attempts."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(ITEM_ANALYSIS_PERMISSION))


MARK_ESSAYS_PERMISSION = "quizzes.mark_essays"


def can_mark_essays(user) -> bool:
    """HR and editors mark the written answers learners give in essay questions."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(MARK_ESSAYS_PERMISSION))
