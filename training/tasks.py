from django.tasks import task


@task()
def send_reminders_task() -> dict:
    """Scheduled job (daily): send the reminder e-mails due today; returns how many of each kind went out.

    Safe to enqueue more than once a day, or beside `manage.py send_reminders`: no reminder is sent twice.
    """
    from .reminders import reminders_send

    return reminders_send().as_dict()


@task()
def export_job_run_task(*, job_id: int) -> str:
    """Make the file of a large report export (see `training.exports.export_job_run`); returns the job's status."""
    from .exports import export_job_run

    return export_job_run(job_id=job_id).status


@task()
def report_snapshot_refresh_task(*, requested_at: str | None = None) -> int | None:
    """Count the HR dashboard's figures again (see `training.snapshots`); returns the new snapshot's id, or None
    when a count that started after `requested_at` (ISO time) already holds the changes."""
    from django.utils.dateparse import parse_datetime

    from .snapshots import report_snapshot_refresh

    snapshot = report_snapshot_refresh(requested_at=parse_datetime(requested_at) if requested_at else None)
    return snapshot.pk if snapshot else None


@task()
def export_jobs_cleanup_task() -> dict:
    """Scheduled job (daily), also queued when a new export starts and old ones are waiting: delete exports that
    have not changed for EXPORT_KEEP_DAYS, with their files, and mark stalled ones failed (see
    `training.exports.export_jobs_cleanup`); returns how many of each."""
    import dataclasses

    from .exports import export_jobs_cleanup

    return dataclasses.asdict(export_jobs_cleanup())
