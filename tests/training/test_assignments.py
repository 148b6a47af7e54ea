"""HR assigns courses to groups; new cycles replace completed ones when certificates near expiry."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from tests.factories import EmployeeFactory, enrol, make_course, pass_course, read_all_lessons
from training.models import Assignment, Department, Enrolment, Location
from training.services import (
    assignment_apply,
    assignment_create,
    assignments_apply_for_user,
    enrolment_renew,
    recertifications_run,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    nursing = Department.objects.create(name="Nursing")
    ward = Department.objects.create(name="Ward 7", parent=nursing)
    pharmacy = Department.objects.create(name="Pharmacy")
    seoul = Location.objects.create(name="Seoul")
    people = {
        "head": EmployeeFactory(user__username="head", department=nursing),
        "ward_nurse": EmployeeFactory(user__username="wardnurse", department=ward, location=seoul),
        "pharmacist": EmployeeFactory(user__username="pharmacist", department=pharmacy, location=seoul),
        "leaver": EmployeeFactory(user__username="leaver", department=ward, status="left"),
    }
    people["ward_nurse"].manager = people["head"].user
    people["ward_nurse"].save()
    return {"nursing": nursing, "ward": ward, "pharmacy": pharmacy, "seoul": seoul, **people}


def enrolled(course):
    return set(Enrolment.objects.current().filter(course=course).values_list("user__username", flat=True))


def test_assigning_a_department_includes_sub_departments_and_skips_leavers(org, hr_user):
    course = make_course()
    due = timezone.localdate() + datetime.timedelta(days=30)

    assignment = assignment_create(
        created_by=hr_user, course=course, target="department", department=org["nursing"], due_date=due
    )

    assert enrolled(course) == {"head", "wardnurse"}
    assert set(assignment.enrolments.values_list("due_date", flat=True)) == {due}
    assert assignment_apply(assignment=assignment) == 0, "applying again enrols nobody twice"


def test_location_team_and_people_targets(org, hr_user):
    by_location, by_team, by_people = make_course(title="A"), make_course(title="B"), make_course(title="C")
    due = timezone.localdate() + datetime.timedelta(days=10)

    assignment_create(created_by=hr_user, course=by_location, target="location", location=org["seoul"], due_date=due)
    assignment_create(created_by=hr_user, course=by_team, target="team", manager=org["head"].user, due_date=due)
    assignment_create(
        created_by=hr_user, course=by_people, target="people", people=[org["pharmacist"].user], due_date=due
    )

    assert enrolled(by_location) == {"wardnurse", "pharmacist"}
    assert enrolled(by_team) == {"wardnurse"}
    assert enrolled(by_people) == {"pharmacist"}


def test_days_after_hire_and_new_joiners_are_enrolled_when_they_arrive(org, hr_user):
    course = make_course()
    assignment = assignment_create(
        created_by=hr_user, course=course, target="department", department=org["pharmacy"], due_days_after_hire=14
    )
    joined = datetime.date(2026, 11, 2)
    newcomer = EmployeeFactory(user__username="newcomer", department=org["pharmacy"], hire_date=joined).user

    assert assignments_apply_for_user(user=newcomer) == 1
    enrolment = Enrolment.objects.get(user=newcomer, course=course)
    assert enrolment.due_date == joined + datetime.timedelta(days=14) and enrolment.assignment == assignment


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"target": "department"}, "department"),
        ({"target": "people"}, "people"),
        ({"target": "location", "location": None, "due_days_after_hire": 5}, "location"),
    ],
)
def test_incomplete_assignments_are_refused_and_nothing_is_enrolled(org, hr_user, fields, problem):
    course = make_course()
    fields = {"due_date": timezone.localdate(), **fields}
    with pytest.raises(ValidationError) as raised:
        assignment_create(created_by=hr_user, course=course, **fields)
    assert problem in raised.value.message_dict
    assert not Assignment.objects.exists() and not Enrolment.objects.exists()


def test_hr_assigns_from_the_page_and_others_cannot(client, org, hr_user, employee):
    course = make_course()
    client.force_login(hr_user)
    page = client.get(reverse("training:assignments"))
    assert page.status_code == 200 and course.title in page.content.decode()

    due = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    response = client.post(
        reverse("training:assignments"),
        {
            "course": course.pk,
            "target": "department",
            "department": org["nursing"].pk,
            "include_subdepartments": "on",
            "due_date": due,
            "mandatory": "on",
        },
        follow=True,
    )
    assert "2 people enrolled" in response.content.decode()
    assert enrolled(course) == {"head", "wardnurse"}

    bad = client.post(
        reverse("training:assignments"),
        {"course": course.pk, "target": "people", "people": "nobody@example.org", "due_days_after_hire": "7"},
    )
    assert bad.status_code == 400 and "No active employee with the email nobody@example.org" in bad.content.decode()
    both = client.post(
        reverse("training:assignments"),
        {
            "course": course.pk,
            "target": "location",
            "location": org["seoul"].pk,
            "due_date": due,
            "due_days_after_hire": "7",
        },
    )
    assert both.status_code == 400 and "not both" in both.content.decode()
    assert Assignment.objects.count() == 1

    client.force_login(employee)
    assert client.get(reverse("training:assignments")).status_code == 403


def test_recertification_starts_a_new_cycle_and_keeps_the_old_one(hr_user):
    employee = EmployeeFactory(user__username="renewer").user
    course = make_course(validity_months=12)
    first = enrol(employee, course)
    read_all_lessons(employee, course)
    pass_course(employee, course, first)
    certificate = Certificate.objects.get(enrolment=first)
    today = certificate.valid_until - datetime.timedelta(days=20)

    assert recertifications_run(today=today, lead_days=30) == 1
    assert recertifications_run(today=today, lead_days=30) == 0, "renewed once"

    first.refresh_from_db()
    second = Enrolment.objects.current().get(user=employee, course=course)
    assert first.replaced_at is not None and first.completed_at and first.certificate == certificate
    assert second.renewal_of == first and second.completed_at is None
    assert second.due_date == certificate.valid_until
    # The new cycle is taken afresh and earns a new certificate; the old one stays as it was.
    read_all_lessons(employee, course)
    pass_course(employee, course, second)
    assert Certificate.objects.filter(user=employee).count() == 2
    assert enrolment_renew(enrolment=first) == second


def test_recertify_command_reassigns_certificates_expiring_soon():
    employee = EmployeeFactory(user__username="expiring").user
    course = make_course()
    enrolment = enrol(employee, course)
    read_all_lessons(employee, course)
    pass_course(employee, course, enrolment)
    Certificate.objects.filter(enrolment=enrolment).update(
        valid_until=timezone.localdate() + datetime.timedelta(days=10)
    )
    out = io.StringIO()

    call_command("recertify", "--days", "30", stdout=out)

    assert out.getvalue().strip() == "Re-assigned 1 enrolment for recertification."
    assert Enrolment.objects.current().get(user=employee).renewal_of == enrolment
