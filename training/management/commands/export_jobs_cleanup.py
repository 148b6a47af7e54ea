from django.conf import settings
from django.core.management.base import BaseCommand

from training.exports import export_jobs_cleanup


class Command(BaseCommand):
    help = (
        "Delete report exports (and their files) that have not changed for EXPORT_KEEP_DAYS days, and mark exports "
        "whose progress stopped for EXPORT_STALLED_MINUTES as failed. Run it daily (e.g. from cron)."
    )

    def handle(self, *args, **options):
        report = export_jobs_cleanup()
        self.stdout.write(
            f"Exports older than {settings.EXPORT_KEEP_DAYS} days deleted, with their files: {report.deleted}"
        )
        self.stdout.write(f"Stalled exports marked as failed: {report.stalled}")
        if report.kept:
            self.stderr.write(
                f"Not deleted: {report.kept} (their files could not be removed, see the log); the next run tries again."
            )
