"""Who may read the training content. Pages, documents and menus all ask here."""


def can_read_training_content(user) -> bool:
    """Courses, lessons and their documents are internal training material: for staff who are logged in, whatever
    the page's own privacy setting (a course added in the admin has none until an editor sets one)."""
    return bool(user.is_authenticated and user.is_active)
