import pytest

from certificates.models import Certificate
from tests.factories import pass_course


@pytest.fixture
def certificate(employee, course, enrolment) -> Certificate:
    """The employee passed the course; the certificate is issued (its PDF not rendered: no commit in a test)."""
    pass_course(employee, course, enrolment)
    return Certificate.objects.get(enrolment=enrolment)
