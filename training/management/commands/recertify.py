from django.core.management.base import BaseCommand

from training.services import recertifications_run


class Command(BaseCommand):
    help = "Re-assign courses whose certificates expire soon (history is kept). Safe to run daily."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="Renew certificates expiring within this many days.")

    def handle(self, *args, days, **options):
        renewed = recertifications_run(lead_days=days)
        self.stdout.write(f"Re-assigned {renewed} enrolment{'s' if renewed != 1 else ''} for recertification.")
