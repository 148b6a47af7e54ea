import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests.factories import EmployeeFactory, UserFactory, enrol, make_course

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make beside it are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: ids come back after a test's rollback, and what an earlier test cached
    under them (a course's lessons, the HR figures) is not this test's."""
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _english_to_begin_with():
    """Each test starts in the site's language: a request in another one leaves it active in the test's thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def roles(db):
    from training.roles import roles_ensure

    return roles_ensure()


@pytest.fixture
def course(db):
    return make_course()


@pytest.fixture
def employee(db):
    return EmployeeFactory(user__username="learner", user__first_name="Lena", user__last_name="Learner").user


@pytest.fixture
def enrolment(employee, course):
    return enrol(employee, course)


@pytest.fixture
def hr_user(roles):
    user = EmployeeFactory(user__username="hrperson").user
    user.groups.add(roles["HR"])
    return user


@pytest.fixture
def outsider(db):
    """An ordinary employee who is neither the learner, nor their manager, nor HR."""
    return EmployeeFactory(user__username="outsider").user


@pytest.fixture
def editor(roles):
    user = UserFactory(username="editor")
    user.groups.add(roles["Editors"], roles["Moderators"])
    return user
