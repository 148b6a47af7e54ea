from django.core.management.base import BaseCommand

from quizzes.services import attempts_close_overdue


class Command(BaseCommand):
    help = "Submit timed quiz attempts whose time ran out (with the answers saved in time). Safe to run often."

    def handle(self, *args, **options):
        closed = attempts_close_overdue()
        self.stdout.write(f"Closed {closed} attempt{'s' if closed != 1 else ''} whose time ran out.")
