"""Single sign-on (OpenID Connect): the settings block, the employee backend and the login page."""

import runpy
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.urls import include, path

from config.urls import urlpatterns as site_urlpatterns
from tests.factories import EmployeeFactory, UserFactory
from training.models import Employee
from training.oidc import EmployeeOIDCBackend

BASE_SETTINGS = Path(django_settings.BASE_DIR) / "config" / "settings" / "base.py"
BACKEND = "training.oidc.EmployeeOIDCBackend"
# Wrong passwords are counted before any backend checks one (login throttling).
THROTTLE = "axes.backends.AxesStandaloneBackend"
PROVIDER = {
    "OIDC_RP_CLIENT_ID": "social-confidence",
    "OIDC_RP_CLIENT_SECRET": "s3cret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example.org/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example.org/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.example.org/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.example.org/jwks",
}

# The site's URLs with the provider's views mounted, as config/urls.py does when OIDC_ENABLED is set at start-up.
urlpatterns = [path("oidc/", include("mozilla_django_oidc.urls")), *site_urlpatterns]


@pytest.fixture
def oidc_settings(settings, db):
    """What config/settings/base.py sets when OIDC_ENABLED is true (creation of accounts left off)."""
    for name, value in PROVIDER.items():
        setattr(settings, name, value)
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_CREATE_USER = False
    settings.AUTHENTICATION_BACKENDS = [THROTTLE, BACKEND, "django.contrib.auth.backends.ModelBackend"]
    settings.LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/?sso=failed"
    settings.ROOT_URLCONF = __name__
    return settings


@pytest.fixture
def backend(oidc_settings):
    return EmployeeOIDCBackend()


@pytest.fixture
def nurse(db):
    return EmployeeFactory(
        user__username="nurse", user__email="Nina.Nurse@Example.org", user__first_name="Nina", user__last_name="Old"
    ).user


def claims(email="nina.nurse@example.org", **extra):
    return {"sub": "abc123", "email": email, **extra}


# --- the settings block -----------------------------------------------------------------------------------------


def load_base_settings(monkeypatch, **env):
    """Run config/settings/base.py afresh with only these OIDC_* variables in the environment."""
    for name in [*PROVIDER, "OIDC_ENABLED", "OIDC_RP_SIGN_ALGO", "OIDC_RP_SCOPES", "OIDC_CREATE_USERS"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_SETTINGS))


def test_single_sign_on_is_off_by_default(monkeypatch):
    module = load_base_settings(monkeypatch)

    assert module["OIDC_ENABLED"] is False
    assert "mozilla_django_oidc" not in module["INSTALLED_APPS"]
    assert module["AUTHENTICATION_BACKENDS"] == [THROTTLE, "django.contrib.auth.backends.ModelBackend"]
    assert "mozilla_django_oidc.middleware.SessionRefresh" not in module["MIDDLEWARE"]


@pytest.mark.parametrize("missing", list(PROVIDER))
def test_enabled_without_a_provider_variable_refuses_to_start(monkeypatch, missing):
    env = {name: value for name, value in PROVIDER.items() if name != missing}

    with pytest.raises(ImproperlyConfigured, match=missing):
        load_base_settings(monkeypatch, OIDC_ENABLED="true", **env)


def test_enabled_with_every_variable_wires_the_backend_middleware_and_defaults(monkeypatch):
    module = load_base_settings(monkeypatch, OIDC_ENABLED="true", **PROVIDER)

    assert "mozilla_django_oidc" in module["INSTALLED_APPS"]
    assert module["AUTHENTICATION_BACKENDS"] == [THROTTLE, BACKEND, "django.contrib.auth.backends.ModelBackend"]
    middleware = module["MIDDLEWARE"]
    assert middleware.index("mozilla_django_oidc.middleware.SessionRefresh") > middleware.index(
        "django.contrib.auth.middleware.AuthenticationMiddleware"
    )
    assert {name: module[name] for name in PROVIDER} == PROVIDER
    assert module["OIDC_RP_SIGN_ALGO"] == "RS256"
    assert module["OIDC_RP_SCOPES"] == "openid email profile"
    assert module["OIDC_CREATE_USER"] is False


def test_hs256_needs_no_jwks_endpoint_and_creation_can_be_turned_on(monkeypatch):
    env = {name: value for name, value in PROVIDER.items() if name != "OIDC_OP_JWKS_ENDPOINT"}

    module = load_base_settings(
        monkeypatch, OIDC_ENABLED="true", OIDC_RP_SIGN_ALGO="HS256", OIDC_CREATE_USERS="yes", **env
    )

    assert module["OIDC_OP_JWKS_ENDPOINT"] is None
    assert module["OIDC_CREATE_USER"] is True


# --- the backend --------------------------------------------------------------------------------------------------


def test_users_are_matched_by_email_ignoring_case(backend, nurse):
    UserFactory(username="other", email="someone.else@example.org")

    assert list(backend.filter_users_by_claims(claims("NINA.NURSE@example.ORG"))) == [nurse]
    assert list(backend.filter_users_by_claims(claims(" nina.nurse@example.org "))) == [nurse]
    assert not backend.filter_users_by_claims(claims("nobody@example.org")).exists()
    assert not backend.filter_users_by_claims(claims("")).exists()


def test_claims_need_an_email_not_marked_unverified(backend):
    assert backend.verify_claims(claims())
    assert backend.verify_claims(claims(email_verified=True))
    assert not backend.verify_claims(claims(email_verified=False))
    assert not backend.verify_claims(claims(email_verified="false"))
    assert not backend.verify_claims(claims(""))
    assert not backend.verify_claims({"sub": "abc123"})


def test_no_account_is_created_by_default(backend, db):
    assert backend.create_user(claims("new.starter@example.org")) is None
    assert not get_user_model().objects.filter(email="new.starter@example.org").exists()


def test_unknown_address_is_refused_even_where_the_library_would_create(backend, db, settings):
    # mozilla_django_oidc creates accounts unless told otherwise; the backend's own default is "no".
    del settings.OIDC_CREATE_USER
    with mock.patch.object(backend, "get_userinfo", return_value=claims("new.starter@example.org")):
        assert backend.get_or_create_user("access", "id", {}) is None
    assert not get_user_model().objects.filter(email="new.starter@example.org").exists()


def test_accounts_are_created_with_the_email_as_username_when_allowed(backend, settings):
    settings.OIDC_CREATE_USER = True

    user = backend.create_user(claims("new.starter@example.org", given_name="Nia", family_name="New"))

    user.refresh_from_db()
    assert (user.username, user.email, user.first_name, user.last_name) == (
        "new.starter@example.org",
        "new.starter@example.org",
        "Nia",
        "New",
    )
    assert not user.has_usable_password()


def test_creation_refuses_a_username_taken_by_another_address(backend, settings):
    settings.OIDC_CREATE_USER = True
    UserFactory(username="new.starter@example.org", email="elsewhere@example.org")

    with pytest.raises(SuspiciousOperation):
        backend.create_user(claims("new.starter@example.org"))


def test_names_are_updated_from_the_claims(backend, nurse):
    user = backend.update_user(nurse, claims(given_name="Nina", family_name="Newname"))

    nurse.refresh_from_db()
    assert user == nurse
    assert (nurse.first_name, nurse.last_name) == ("Nina", "Newname")

    backend.update_user(nurse, claims())  # a provider that sends no names leaves them alone
    nurse.refresh_from_db()
    assert (nurse.first_name, nurse.last_name) == ("Nina", "Newname")


def test_employees_who_have_left_are_refused(backend, nurse):
    Employee.objects.filter(user=nurse).update(status=Employee.Status.LEFT)
    nurse.refresh_from_db()

    with pytest.raises(SuspiciousOperation):
        backend.update_user(nurse, claims(family_name="Changed"))
    with mock.patch.object(backend, "get_userinfo", return_value=claims()):
        with pytest.raises(SuspiciousOperation):
            backend.get_or_create_user("access", "id", {})
    nurse.refresh_from_db()
    assert nurse.last_name == "Old"
    assert backend.get_user(nurse.pk) is None


def test_inactive_accounts_are_refused(backend, nurse):
    nurse.is_active = False
    nurse.save(update_fields=["is_active"])

    with pytest.raises(SuspiciousOperation):
        backend.update_user(nurse, claims())
    assert backend.get_user(nurse.pk) is None


def test_accounts_without_an_employee_record_may_log_in(backend):
    user = UserFactory(username="contractor", email="contractor@example.org")

    assert backend.update_user(user, claims("contractor@example.org")) == user
    assert backend.get_user(user.pk) == user


def test_two_accounts_with_one_address_are_refused(backend, nurse):
    UserFactory(username="nurse2", email="nina.nurse@example.org")

    with mock.patch.object(backend, "get_userinfo", return_value=claims()):
        with pytest.raises(SuspiciousOperation):
            backend.get_or_create_user("access", "id", {})


# --- through the provider's views ---------------------------------------------------------------------------------


def sign_in_through_provider(client, userinfo):
    """Start at /oidc/authenticate/, then come back to the callback as the provider would (its answers mocked)."""
    start = client.get("/oidc/authenticate/")
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    with (
        mock.patch.object(EmployeeOIDCBackend, "get_token", return_value={"id_token": "id", "access_token": "at"}),
        mock.patch.object(EmployeeOIDCBackend, "verify_token", return_value={"sub": "abc123"}),
        mock.patch.object(EmployeeOIDCBackend, "get_userinfo", return_value=userinfo),
    ):
        return client.get("/oidc/callback/", {"code": "code", "state": state})


def test_authenticate_redirects_to_the_provider_with_the_documented_callback(client, oidc_settings):
    response = client.get("/oidc/authenticate/", {"next": "/learn/"})

    location = urlsplit(response["Location"])
    params = parse_qs(location.query)
    assert response.status_code == 302
    assert f"{location.scheme}://{location.netloc}{location.path}" == PROVIDER["OIDC_OP_AUTHORIZATION_ENDPOINT"]
    assert params["redirect_uri"] == ["http://testserver/oidc/callback/"]
    assert params["client_id"] == ["social-confidence"]
    assert params["scope"] == ["openid email profile"]


def test_a_known_employee_is_logged_in(client, oidc_settings, nurse):
    response = sign_in_through_provider(client, claims("NINA.NURSE@EXAMPLE.ORG", family_name="Nurse"))

    assert response.status_code == 302
    assert response["Location"] != "/accounts/login/?sso=failed"
    assert client.session["_auth_user_id"] == str(nurse.pk)
    assert client.session["_auth_user_backend"] == BACKEND
    nurse.refresh_from_db()
    assert nurse.last_name == "Nurse"


def test_a_leaver_is_sent_back_to_the_login_page(client, oidc_settings, nurse):
    Employee.objects.filter(user=nurse).update(status=Employee.Status.LEFT)

    response = sign_in_through_provider(client, claims())

    assert response["Location"] == "/accounts/login/?sso=failed"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert "couldn't log you in with your organisation account" in page.content.decode()


# --- the login page -----------------------------------------------------------------------------------------------


def test_login_page_shows_no_sso_button_by_default(client, db):
    page = client.get("/accounts/login/").content.decode()

    assert "organisation account" not in page
    assert "/oidc/" not in page


def test_login_page_offers_sso_when_enabled(client, oidc_settings):
    page = client.get("/accounts/login/", {"next": "/learn/"}).content.decode()

    assert 'href="/oidc/authenticate/?next=/learn/"' in page
    assert "Log in with your organisation account" in page
    assert page.index("organisation account") < page.index('name="password"')
    assert "couldn't log you in" not in page
