"""Load the demo organisation and the starter course. Safe to run again: it only adds what is missing."""

import datetime
import random
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from cms.content import COURSE, COURSE_TRANSLATIONS
from cms.models import CoursePage
from cms.services import (
    course_create_from_data,
    course_translation_create_from_data,
    home_page_ensure,
    review_workflow_ensure,
)
from quizzes.models import Attempt
from quizzes.services import attempt_start, attempt_submit
from training.models import Assignment, Department, Employee, Enrolment, Location
from training.roles import roles_ensure
from training.services import assignment_create, enrolment_create, lesson_complete
from training.snapshots import report_snapshot_build

DEMO_PEOPLE = [
    # username, first, last, department, roles
    ("admin", "Ada", "Admin", "Human Resources", ["superuser"]),
    ("hr", "Hana", "Rhee", "Human Resources", ["HR"]),
    ("editor", "Eddie", "Tor", "Communications", ["Editors"]),
    ("legal", "Leonie", "Gallo", "Legal", ["Legal reviewers"]),
    ("medical", "Malik", "Osei", "Medical Affairs", ["Medical reviewers"]),
    ("manager", "Maria", "Nguyen", "Nursing", []),
    ("employee", "Emma", "Lindqvist", "Nursing", []),
]
DEPARTMENTS = ["Nursing", "Pharmacy", "Medical Affairs", "Communications", "Human Resources", "Legal"]
STAFF_FIRST = [
    "Liam",
    "Olivia",
    "Noah",
    "Ava",
    "민준",
    "서연",
    "怡君",
    "志明",
    "Jürgen",
    "Lea",
    "Yusuf",
    "Amara",
    "Ben",
    "Nora",
    "Felix",
    "Clara",
    "Omar",
    "Amira",
    "Daniel",
    "Grace",
    "Jakob",
    "Hannah",
    "Samuel",
    "Chloe",
    "Arjun",
    "Priya",
    "Mateo",
    "Lucia",
    "Tomás",
    "Ines",
]
STAFF_LAST = [
    "Smith",
    "Jones",
    "Müller",
    "Schmidt",
    "김",
    "박",
    "陳",
    "林",
    "Weber",
    "Fischer",
    "Haddad",
    "Okafor",
    "Brown",
    "Wilson",
    "Becker",
    "Wagner",
    "Lee",
    "Choi",
    "Huang",
    "Wu",
    "Novak",
    "Rossi",
    "Silva",
    "Costa",
    "Patel",
    "Shah",
    "García",
    "López",
    "Dubois",
    "Moreau",
]
LOCATIONS = ["Seoul", "Taipei", "Berlin", "London"]
# Staff whose first language is not English, by first name.
LANGUAGES = {
    "민준": "ko",
    "서연": "ko",
    "怡君": "zh-hant",
    "志明": "zh-hant",
    "Jürgen": "de",
    "Jonas": "de",
    "Lea": "de",
    "Felix": "de",
    "Clara": "de",
    "Jakob": "de",
    "Hannah": "de",
}
# Log-in names for names written in Hangul or Han characters (the others are their Latin letters, accents removed).
ROMANISED = {
    "민준": "minjun",
    "서연": "seoyeon",
    "怡君": "yijun",
    "志明": "zhiming",
    "김": "kim",
    "박": "park",
    "陳": "chen",
    "林": "lin",
}
# How far each demo staff member has got: completed, overdue, in progress, not started.
OUTCOMES = ["completed"] * 11 + ["overdue"] * 7 + ["in_progress"] * 7 + ["not_started"] * 5


class Command(BaseCommand):
    help = "Create the demo organisation, the demo logins and the starter course (idempotent)."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "seed_demo creates logins with known passwords and is refused with these settings "
                "(DEMO_DATA_ALLOWED is off, as in production)."
            )
        home = home_page_ensure()
        roles_ensure()
        # The starter course below is published as it is created; every later change to it goes through the review.
        review_workflow_ensure()
        course = CoursePage.objects.filter(slug=COURSE["slug"], locale=Locale.get_default()).first()
        if course is None:
            course = course_create_from_data(parent=home, data=COURSE)
            self.stdout.write(f"Created the course “{course.title}” with {course.lessons().count()} lessons.")
        for language, data in COURSE_TRANSLATIONS.items():
            if not course.has_translation(Locale.objects.get(language_code=language)):
                translated = course_translation_create_from_data(course=course, language=language, data=data)
                self.stdout.write(f"Published the course in {language}: “{translated.title}”.")
        departments = {name: Department.objects.get_or_create(name=name, parent=None)[0] for name in DEPARTMENTS}
        people = {}
        for username, first, last, department, roles in DEMO_PEOPLE:
            people[username], _ = self._person(username, first, last, departments[department], roles, password=username)
        manager = people["manager"]
        Employee.objects.filter(user=people["employee"]).update(manager=manager)
        today = timezone.localdate()
        locations = [Location.objects.get_or_create(name=name)[0] for name in LOCATIONS]
        if not Assignment.objects.filter(course=course).exists():
            # HR's assignment of the course to Nursing: the demo employee and manager are enrolled through it.
            assignment_create(
                created_by=people["hr"],
                course=course,
                target=Assignment.Target.DEPARTMENT,
                department=departments["Nursing"],
                due_date=today + datetime.timedelta(days=21),
            )
        rng = random.Random(20261122)
        created = 0
        for index, outcome in enumerate(OUTCOMES):
            first, last = STAFF_FIRST[index], STAFF_LAST[index]
            latin = f"{ROMANISED.get(first, first)}.{ROMANISED.get(last, last)}"
            username = unicodedata.normalize("NFKD", latin.lower()).encode("ascii", "ignore").decode()
            department = departments[DEPARTMENTS[index % 4]]
            user, is_new = self._person(username, first, last, department, [], password=None)
            Employee.objects.filter(user=user).update(
                location=locations[index % len(locations)],
                language=LANGUAGES.get(first, "en"),
                hire_date=today - datetime.timedelta(days=30 * (index + 3)),
                **({"manager": manager} if department.name == "Nursing" else {}),
            )
            if is_new:
                created += 1
                self._simulate(user, course, outcome, today, rng)
        if settings.REPORT_SNAPSHOTS:
            report_snapshot_build()  # the demo's back-dated progress was written directly, not through services
        self.stdout.write(self.style.SUCCESS(f"Demo organisation ready ({created} staff added)."))

    def _person(self, username, first, last, department, roles, password):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.example"},
        )
        if created:
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            if "superuser" in roles:
                user.is_superuser = user.is_staff = True
            user.save()
            for role in roles:
                if role != "superuser":
                    user.groups.add(Group.objects.get(name=role))
        Employee.objects.get_or_create(user=user, defaults={"department": department})
        return user, created

    def _simulate(self, user, course, outcome, today, rng):
        lessons = list(course.lessons().specific())
        assigned_days_ago = rng.randint(20, 90)
        due = today + datetime.timedelta(days=rng.randint(5, 40))
        if outcome == "overdue":
            due = today - datetime.timedelta(days=rng.randint(1, 30))
        enrolment = enrolment_create(user=user, course=course, due_date=due)
        Enrolment.objects.filter(pk=enrolment.pk).update(
            due_date=due, assigned_at=timezone.now() - datetime.timedelta(days=assigned_days_ago)
        )
        if outcome == "not_started":
            return
        read = len(lessons) if outcome == "completed" else rng.randint(1, len(lessons) - 1)
        for lesson in lessons[:read]:
            lesson_complete(user=user, lesson=lesson, acknowledged=True)
        if outcome == "completed":
            self._pass_quiz(user, course, enrolment, days_ago=rng.randint(1, assigned_days_ago - 1), rng=rng)

    def _pass_quiz(self, user, course, enrolment, days_ago, rng):
        from certificates.models import Certificate
        from certificates.services import add_months

        quiz = course.quiz
        with transaction.atomic():
            attempt = attempt_start(user=user, quiz=quiz, enrolment=enrolment)
            answers = {}
            slips = rng.randint(0, 2)  # a realistic score: most people miss one or two
            questions = quiz.questions.order_by("quiz_links__sort_order").prefetch_related("choices")
            for position, question in enumerate(questions):
                right = [c.pk for c in question.choices.all() if c.is_correct]
                wrong = [c.pk for c in question.choices.all() if not c.is_correct]
                answers[question.pk] = wrong[:1] if position < slips and wrong else right
            attempt = attempt_submit(user=user, attempt_id=attempt.pk, answers=answers)
            when = timezone.now() - datetime.timedelta(days=days_ago)
            Attempt.objects.filter(pk=attempt.pk).update(submitted_at=when)
            Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=when)
            Certificate.objects.filter(enrolment=enrolment).update(
                completed_at=when,
                issued_at=when,
                valid_until=add_months(timezone.localdate(when), course.validity_months),
            )
