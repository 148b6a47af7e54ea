import datetime

from django.core.management.base import BaseCommand, CommandError

from training.reminders import reminders_send


def _iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date must be a date written YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Send the training reminders due today: before due dates, once overdue, and the weekly manager digest. "
        "Run it daily (e.g. from cron); running it again sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD). Default: today.")

    def handle(self, *args, date=None, **options):
        report = reminders_send(today=_iso_date(date) if date else None)
        self.stdout.write(f"Due-date reminders sent: {report.due}")
        self.stdout.write(f"Overdue reminders sent: {report.overdue}")
        self.stdout.write(f"Manager digests sent: {report.digest}")
        if report.failed:
            self.stderr.write(f"Not sent: {report.failed} (see the log); the next run tries them again.")
