"""Who may see what. Views, menus and selectors all ask here; no access rule is written anywhere else."""

from django.db.models import Q

REPORTS_PERMISSION = "training.view_reports"


def can_view_all_reports(user) -> bool:
    """HR, compliance and administrators: everyone's progress and certificates."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(REPORTS_PERMISSION))


def team_user_ids(user) -> set[int]:
    """Everyone who reports to `user`, directly or through other managers."""
    from .models import Employee

    found: set[int] = set()
    frontier = {user.pk}
    while frontier:
        reports = set(
            Employee.objects.filter(manager_id__in=frontier)
            .exclude(user_id__in=found)
            .values_list("user_id", flat=True)
        )
        reports -= found | {user.pk}
        found |= reports
        frontier = reports
    return found


def can_view_reports(user) -> bool:
    """HR sees everyone; a manager sees their own team; other employees see no report."""
    if not (user.is_authenticated and user.is_active):
        return False
    if can_view_all_reports(user):
        return True
    from .models import Employee

    return Employee.objects.filter(manager=user).exists()


def report_scope(user) -> Q:
    """The enrolments `user` may see in reports, as a filter on Enrolment."""
    if can_view_all_reports(user):
        return Q()
    if can_view_reports(user):
        return Q(user_id__in=team_user_ids(user))
    return Q(pk__in=[])


def can_download_certificate(user, certificate) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return certificate.user_id == user.pk or can_view_all_reports(user)


def can_manage_certificates(user) -> bool:
    """HR revoke and re-issue certificates (with a reason, shown on the verify page)."""
    return can_view_all_reports(user)


def can_assign_training(user) -> bool:
    """HR (those who see everyone's reports) assign courses to groups of people."""
    return can_view_all_reports(user)


def can_view_person(viewer, person) -> bool:
    """A person's transcript: HR sees anyone's, a manager their team's, everyone their own."""
    if not (viewer.is_authenticated and viewer.is_active):
        return False
    return viewer.pk == person.pk or can_view_all_reports(viewer) or person.pk in team_user_ids(viewer)


def can_import_staff(user) -> bool:
    """HR (those who see everyone's reports) create, update and deactivate staff from a CSV file; managers do not."""
    return can_view_all_reports(user)


AUDIT_TRAIL_PERMISSION = "training.view_auditevent"


def can_view_audit_trail(user) -> bool:
    """HR and auditors (the Auditors group, which has only this permission): everyone's audit trail and its export."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(AUDIT_TRAIL_PERMISSION))


def can_see_export_job(user, job) -> bool:
    """A background export's progress (and why it failed): only the person who asked for it."""
    return bool(user.is_authenticated and user.is_active and job.requested_by_id == user.pk)


def can_export(user, format: str) -> bool:
    """The report's rows (CSV, XLSX): whoever sees reports. Its certificates as one ZIP file: HR only, as for each
    certificate's PDF (`can_download_certificate`): a manager sees their team's codes, not their PDFs."""
    if format == "zip":
        return can_view_all_reports(user)
    return can_view_reports(user)


def can_download_export_job(user, job) -> bool:
    """A background export's file: the person who asked for it, as long as they may still make such an export."""
    return can_see_export_job(user, job) and can_export(user, job.format)
