from quizzes.permissions import can_mark_essays

from .permissions import can_import_staff, can_view_reports


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_can_view_reports": can_view_reports(user),
        "nav_can_edit": user.has_perm("wagtailadmin.access_admin"),
        "nav_can_mark": can_mark_essays(user),
        "nav_can_import_staff": can_import_staff(user),
    }
