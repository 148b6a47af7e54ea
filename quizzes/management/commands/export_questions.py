"""Export questions as GIFT or Moodle XML to standard output: `manage.py export_questions --quiz final > q.txt`."""

from django.core.management.base import BaseCommand, CommandError

from quizzes.interop import FORMATS
from quizzes.interop.services import category_find, questions_export
from quizzes.models import Quiz


class Command(BaseCommand):
    help = (
        "Write questions as GIFT or Moodle XML to standard output: a quiz's, a category's (with the categories "
        "inside it), or the whole bank. Questions that cannot be written are listed and the command then fails."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiz", help="Only the questions of the quiz with this slug, in the quiz's order.")
        parser.add_argument("--category", help='Only the questions of this category and those inside it: "A/B".')
        parser.add_argument("--format", choices=sorted(FORMATS), default="gift", help="Default: gift.")

    def handle(self, *args, quiz, category, format, **options):
        quiz_object = category_object = None
        if quiz:
            quiz_object = Quiz.objects.filter(slug=quiz).first()
            if quiz_object is None:
                raise CommandError(f'No quiz has the slug "{quiz}".')
        if category:
            category_object = category_find(category)
            if category_object is None:
                raise CommandError(f'No question category "{category}".')
        result = questions_export(file_format=format, quiz=quiz_object, category=category_object)
        self.stdout.write(result.text, ending="")
        for line in result.skipped:
            self.stderr.write(line)
        if result.skipped:
            raise CommandError(f"{len(result.skipped)} question(s) could not be exported (listed above).")
