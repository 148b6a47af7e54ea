from django.conf import settings

from quizzes.permissions import can_mark_essays

from .permissions import can_import_staff, can_view_audit_trail, can_view_reports


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_can_view_reports": can_view_reports(user),
        "nav_can_edit": user.has_perm("wagtailadmin.access_admin"),
        "nav_can_mark": can_mark_essays(user),
        "nav_can_import_staff": can_import_staff(user),
        "nav_can_view_audit": can_view_audit_trail(user),
    }


def single_sign_on(request):
    """Whether the login page offers the organisation's OpenID Connect login, and whether one just failed."""
    if not settings.OIDC_ENABLED:
        return {}
    return {"sso_enabled": True, "sso_failed": request.GET.get("sso") == "failed"}
