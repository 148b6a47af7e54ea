from django.core.management.base import BaseCommand

LOGINS = [
    ("employee", "employee", "an employee taking the course"),
    ("manager", "manager", "a nursing manager: sees their team's progress"),
    ("hr", "hr", "HR / compliance: completion report, CSV export, certificates"),
    ("editor", "editor", "content editor: lessons and quizzes in the admin at /admin/; submits lessons for review"),
    ("legal", "legal", "legal reviewer: approves lessons or requests changes, first of two reviews"),
    ("medical", "medical", "medical reviewer: the second review; approving publishes the lesson"),
    ("admin", "admin", "administrator: everything"),
]


class Command(BaseCommand):
    help = "Print the demo logins."

    def handle(self, *args, **options):
        self.stdout.write("\nDemo logins (log in at http://127.0.0.1:8000/accounts/login/):")
        for username, password, role in LOGINS:
            self.stdout.write(f"  {username:<9} / {password:<9} {role}")
        self.stdout.write("")
