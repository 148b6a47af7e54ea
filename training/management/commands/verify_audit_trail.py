"""Check the audit trail's hash chain: `manage.py verify_audit_trail`. Run it daily and before an inspection."""

from django.core.management.base import BaseCommand, CommandError

from training.audit import audit_trail_verify


class Command(BaseCommand):
    help = (
        "Walk the audit trail in order and check that no event was changed, deleted, moved or inserted outside the "
        "app. Prints OK with the number of events, or the first broken link and exits with status 1."
    )

    def handle(self, *args, **options):
        check = audit_trail_verify()
        # The last event's number and hash: kept with the daily output, they also show events deleted from the end,
        # which leave no gap behind them.
        head = f"last event {check.last_sequence}, hash {check.last_hash}"
        if not check.ok:
            raise CommandError(
                f"Audit trail BROKEN at event {check.broken_at}: {check.problem} "
                f"The {check.count:,} events before it are intact ({head})."
            )
        self.stdout.write(f"Audit trail OK: {check.count:,} events, {head}.")
