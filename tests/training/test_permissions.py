"""Who can open what: every role against every protected address, through the real URLs."""

import pytest
from django.urls import reverse

from certificates.models import Certificate
from tests.factories import EmployeeFactory, manager_of, pass_course
from training.models import Employee
from training.permissions import can_download_certificate, can_view_all_reports, can_view_reports, team_user_ids

ROLES = ["anonymous", "employee", "outsider", "manager", "hr", "editor"]
LOGIN = "login"
ADMIN_LOGIN = "admin login"

# url name → the answer each role gets, in ROLES order.
EXPECTED = {
    "learn": [LOGIN, 200, 200, 200, 200, 200],
    "hr_report": [LOGIN, 403, 403, 200, 200, 403],
    "hr_export": [LOGIN, 403, 403, 200, 200, 403],
    "hr_export_xlsx": [LOGIN, 403, 403, 200, 200, 403],
    "certificate_pdf": [LOGIN, 200, 404, 404, 200, 404],
    "verify": [200, 200, 200, 200, 200, 200],
    # HR gets into the admin for the quiz item analysis (and sees nothing there it may edit).
    "admin": [ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, 200],
}


@pytest.fixture
def cast(employee, course, enrolment, outsider, hr_user, editor):
    pass_course(employee, course, enrolment)
    return {
        "anonymous": None,
        "employee": employee,
        "outsider": outsider,
        "manager": manager_of(employee),
        "hr": hr_user,
        "editor": editor,
    }


def address(name: str, certificate: Certificate) -> str:
    return {
        "learn": reverse("training:learn"),
        "hr_report": reverse("training:hr_report"),
        "hr_export": reverse("training:hr_export_csv"),
        "hr_export_xlsx": reverse("training:hr_export_xlsx"),
        "certificate_pdf": certificate.get_pdf_url(),
        "verify": certificate.get_absolute_url(),
        "admin": reverse("wagtailadmin_home"),
    }[name]


def answer(client, url: str):
    """What a person notices: the page (its status code), or being sent to a login form."""
    response = client.get(url)
    if response.status_code == 302:
        if response["Location"] == f"{reverse('login')}?next={url}":
            return LOGIN
        if response["Location"].startswith(reverse("wagtailadmin_login")):
            return ADMIN_LOGIN
        return f"redirect to {response['Location']}"
    if url.endswith(".pdf") and response.status_code == 200:
        assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_role_gets_the_expected_answer_from_every_page(client, cast, role):
    certificate = Certificate.objects.get()
    if cast[role]:
        client.force_login(cast[role])

    answers = {name: answer(client, address(name, certificate)) for name in EXPECTED}

    assert answers == {name: row[ROLES.index(role)] for name, row in EXPECTED.items()}


@pytest.mark.django_db
def test_navigation_shows_reports_and_admin_only_to_those_who_may_open_them(client, cast):
    for role, reports, admin in [
        ("employee", False, False),
        ("manager", True, False),
        ("hr", True, True),
        ("editor", False, True),
    ]:
        client.force_login(cast[role])
        page = client.get(reverse("training:learn")).content.decode()
        assert (f'href="{reverse("training:hr_report")}"' in page) is reports, role
        assert (f'href="{reverse("wagtailadmin_home")}"' in page) is admin, role


@pytest.mark.django_db
def test_permission_helpers_agree_with_the_pages(cast):
    certificate = Certificate.objects.get()
    employee, manager = cast["employee"], cast["manager"]

    assert team_user_ids(manager) == {employee.pk}
    assert team_user_ids(employee) == set()
    assert [can_view_reports(cast[role]) for role in ROLES[1:]] == [False, False, True, True, False]
    assert [can_view_all_reports(cast[role]) for role in ROLES[1:]] == [False, False, False, True, False]
    assert [can_download_certificate(cast[role], certificate) for role in ROLES[1:]] == [
        True,
        False,
        False,
        True,
        False,
    ]


@pytest.mark.django_db
def test_team_of_a_manager_follows_the_chain_and_survives_a_loop(db):
    top, middle, bottom = (EmployeeFactory(user__username=name).user for name in ("top", "middle", "bottom"))
    Employee.objects.filter(user=middle).update(manager=top)
    Employee.objects.filter(user=bottom).update(manager=middle)
    # A data-entry mistake: the top manager is recorded as reporting to the bottom one.
    Employee.objects.filter(user=top).update(manager=bottom)

    assert team_user_ids(top) == {middle.pk, bottom.pk}
    assert team_user_ids(middle) == {bottom.pk, top.pk}
