"""Setting a password by e-mail: a forgotten one, and the first one for staff the HR import created without one."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory, authenticated

pytestmark = pytest.mark.django_db
RESET = reverse("password_reset")


@pytest.fixture
def imported(db):
    """As the staff import leaves a new employee: an account with an e-mail address and no password."""
    user = UserFactory(username="j.weber", email="Juergen.Weber@example.org", first_name="Jürgen")
    user.set_unusable_password()
    user.save()
    return user


def link_in(message) -> str:
    return re.search(r"https?://[^/]+(/accounts/reset/\S+)", message.body).group(1)


def test_imported_staff_set_their_first_password_from_the_login_page(client, imported):
    assert f'href="{RESET}"' in client.get(reverse("login")).content.decode()

    page = client.post(RESET, {"email": "juergen.weber@example.org"}, follow=True).content.decode()

    assert "Check your e-mail" in page
    (message,) = mail.outbox
    assert message.to == ["Juergen.Weber@example.org"] and "Your user name is: j.weber" in message.body
    form = client.get(link_in(message), follow=True)
    assert "Choose a password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "Long-enough 2026!", "new_password2": "Long-enough 2026!"}
    )
    assert done.status_code == 302 and client.get(done["Location"]).status_code == 200
    assert authenticated(username="j.weber", password="Long-enough 2026!") == imported


def test_a_used_link_no_longer_works(client, imported):
    client.post(RESET, {"email": imported.email})
    link = link_in(mail.outbox[0])
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0], {"new_password1": "Long-enough 2026!", "new_password2": "Long-enough 2026!"}
    )

    again = client.get(link, follow=True).content.decode()

    assert "This link no longer works" in again


def test_a_weak_password_is_refused_with_the_reason(client, imported):
    client.post(RESET, {"email": imported.email})
    form = client.get(link_in(mail.outbox[0]), follow=True)

    page = client.post(form.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"})

    assert page.status_code == 200 and "too common" in page.content.decode()
    imported.refresh_from_db()
    assert not imported.has_usable_password()


def test_unknown_and_inactive_addresses_get_the_same_page_and_no_mail(client, imported):
    imported.is_active = False
    imported.save()
    for email in (imported.email, "nobody@example.org"):
        page = client.post(RESET, {"email": email}, follow=True).content.decode()
        assert "Check your e-mail" in page
    assert mail.outbox == []


def test_with_single_sign_on_only_accounts_with_a_password_of_ours_get_a_link(client, settings, imported):
    settings.OIDC_ENABLED = True
    local = UserFactory(username="local", email="local@example.org")

    client.post(RESET, {"email": imported.email})
    client.post(RESET, {"email": local.email})

    assert [message.to for message in mail.outbox] == [["local@example.org"]]
