"""Import a GIFT or Moodle XML file into the question bank: `manage.py import_questions questions.gift.txt`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.interop import FORMATS, ImportFileError, format_guess, parse
from quizzes.interop.services import questions_import
from quizzes.models import Quiz


class Command(BaseCommand):
    help = (
        "Import questions from a GIFT or Moodle XML file. Questions that cannot be imported are listed and the "
        "command exits with an error; the others are imported, each one whole."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file to import.")
        parser.add_argument(
            "--format", choices=sorted(FORMATS), help="The file's format (default: moodle-xml for .xml, else gift)."
        )
        parser.add_argument(
            "--category", default="", help='For questions the file puts in no category: "A/B" (made if missing).'
        )
        parser.add_argument("--quiz", help="Also add every imported question to the quiz with this slug.")

    def handle(self, *args, path, format, category, quiz, **options):
        quiz_object = None
        if quiz:
            quiz_object = Quiz.objects.filter(slug=quiz).first()
            if quiz_object is None:
                raise CommandError(f'No quiz has the slug "{quiz}". Nothing was imported.')
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror or error}. Nothing was imported.") from None
        try:
            parsed = parse(data, format or format_guess(path))
        except ImportFileError as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from None
        result = questions_import(parsed=parsed, category=category or None, quiz=quiz_object)
        self.stdout.write(f"{len(result.imported)} imported, {len(result.skipped)} skipped")
        for skipped in result.skipped:
            self.stdout.write(str(skipped))
        if result.skipped:
            raise CommandError(f"{len(result.skipped)} question(s) could not be imported (listed above).")
