"""Import staff from a CSV file: `manage.py import_staff staff.csv [--dry-run]`. See docs/hr.md."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from training.staff_import import StaffFileError, staff_file_read, staff_import


class Command(BaseCommand):
    help = (
        "Create, update and deactivate staff from a CSV file. Rows with problems are listed and the command exits "
        "with an error; the other rows are imported. A file in the wrong format is refused whole."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV file (UTF-8, header row).")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; save nothing.")

    def handle(self, *args, path, dry_run, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror or error}. Nothing was imported.") from None
        try:
            staff_file = staff_file_read(data)
        except StaffFileError as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from None
        result = staff_import(rows=staff_file.rows, dry_run=dry_run, file_name=Path(path).name)
        if dry_run:
            self.stdout.write("Dry run: nothing was saved. The import would make:")
        self.stdout.write(result.summary())
        if result.new_departments:
            self.stdout.write(f"New departments: {', '.join(result.new_departments)}")
        if result.new_locations:
            self.stdout.write(f"New locations: {', '.join(result.new_locations)}")
        if staff_file.ignored_columns:
            self.stdout.write(f"Ignored columns: {', '.join(staff_file.ignored_columns)}")
        if not dry_run:
            self.stdout.write(f"Enrolments made by assignments: {result.enrolled}")
        for problem in result.problems:
            self.stdout.write(str(problem))
        if result.problems:
            raise CommandError(f"{result.rows_with_problems} row(s) had problems and were not imported (listed above).")
