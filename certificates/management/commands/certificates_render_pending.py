from django.core.management.base import BaseCommand

from certificates.services import certificates_render_pending


class Command(BaseCommand):
    help = (
        "Queue the PDF of every current certificate that has none yet and no render on its way: those whose renders "
        "failed every attempt (unless --skip-failed) and any whose job was lost, a render whose worker was killed "
        "included. Run it daily from cron, and with --skip-failed every few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-failed", action="store_true", help="leave the certificates whose attempts ran out to HR"
        )

    def handle(self, *args, skip_failed=False, **options):
        queued = certificates_render_pending(include_failed=not skip_failed)
        self.stdout.write(f"{queued} certificate PDF(s) queued.")
