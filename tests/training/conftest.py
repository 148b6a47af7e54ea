import datetime

import pytest
from django.utils import timezone

from tests.factories import DepartmentFactory, EmployeeFactory, enrol, manager_of, pass_course
from training.models import Employee
from training.services import lesson_complete


@pytest.fixture
def staff(course, employee, enrolment):
    """Four enrolled people, one in each status, in two departments.

    Lena (completed) and Ivan (in progress) report to `boss`; Olga (overdue) reports to Ivan;
    Nora (not started) reports to no one.
    """
    nursing = DepartmentFactory(name="Nursing")
    pharmacy = DepartmentFactory(name="Pharmacy")
    Employee.objects.filter(user=employee).update(department=nursing)
    ivan = EmployeeFactory(
        user__username="ivan", user__first_name="Ivan", user__last_name="Progress", department=nursing
    ).user
    olga = EmployeeFactory(
        user__username="olga", user__first_name="Olga", user__last_name="Late", department=pharmacy
    ).user
    nora = EmployeeFactory(
        user__username="nora", user__first_name="Nora", user__last_name="Start", department=pharmacy
    ).user
    first_lesson = course.lessons().first()

    pass_course(employee, course, enrolment)
    enrol(ivan, course)
    lesson_complete(user=ivan, lesson=first_lesson)
    enrol(olga, course, due_in_days=-1)
    lesson_complete(user=olga, lesson=first_lesson)
    enrol(nora, course)

    boss = manager_of(employee, ivan, username="boss")
    Employee.objects.filter(user=olga).update(manager=ivan)
    enrolment.refresh_from_db()
    return {
        "lena": employee,
        "ivan": ivan,
        "olga": olga,
        "nora": nora,
        "boss": boss,
        "nursing": nursing,
        "pharmacy": pharmacy,
        "completed": enrolment,
        "yesterday": timezone.localdate() - datetime.timedelta(days=1),
    }
