"""Digital badges: Open Badges 3.0 credentials signed with the site's key, checked the way a third party would.

Signatures are verified with PyJWT, which shares no code with ours, using only what the site publishes: the key set at
/.well-known/jwks.json and the key each badge's `kid` points to.
"""

import base64
import datetime
import json
from urllib.parse import urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate

JWKS_PATH = "/.well-known/jwks.json"
BADGE_LINK_TEXT = "Download digital badge (Open Badges 3.0)"


def badge_url(code: str) -> str:
    return reverse("certificates:credential", kwargs={"code": code})


def download_badge(client, certificate) -> str:
    response = client.get(badge_url(certificate.code))
    assert response.status_code == 200
    return response.content.decode("ascii")


def verify_badge(client, token: str) -> dict:
    """What a relying party does: fetch the site's keys, pick the one the badge names, check the signature and dates."""
    keys = jwt.PyJWKSet.from_dict(client.get(JWKS_PATH).json())
    kid = jwt.get_unverified_header(token)["kid"]
    return jwt.decode(
        token,
        key=keys[kid],
        algorithms=["EdDSA"],
        options={"require": ["iss", "jti", "sub", "nbf", "exp"]},
    )


def unverified_payload(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def b64url_json(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def write_key(path) -> str:
    path.write_bytes(
        Ed25519PrivateKey.generate().private_bytes(
            encoding=serialization.Encoding.PEM,
            format=serialization.PrivateFormat.PKCS8,
            encryption_algorithm=serialization.NoEncryption(),
        )
    )
    return str(path)


# Downloading and verifying


@pytest.mark.django_db
def test_anyone_with_the_code_downloads_a_badge_that_verifies_with_the_published_key(client, certificate):
    response = client.get(badge_url(certificate.code))

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="certificate-{certificate.code}.jwt"'
    assert response["Content-Type"].startswith("text/plain")
    claims = verify_badge(client, response.content.decode("ascii"))
    verify_page = f"http://testserver/certificates/verify/{certificate.code}/"
    assert claims["id"] == claims["jti"] == verify_page
    assert claims["iss"] == claims["issuer"]["id"]
    assert claims["sub"] == claims["credentialSubject"]["id"]


@pytest.mark.django_db
def test_code_is_read_in_any_case_like_on_the_verify_page(client, certificate):
    response = client.get(badge_url(certificate.code.lower()))

    assert response.status_code == 200
    assert verify_badge(client, response.content.decode("ascii"))["id"].endswith(f"/verify/{certificate.code}/")


@pytest.mark.django_db
def test_badge_is_an_open_badges_3_credential_saying_who_what_and_how_long(client, certificate):
    claims = verify_badge(client, download_badge(client, certificate))

    assert claims["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert set(claims["type"]) == {"VerifiableCredential", "OpenBadgeCredential"}
    assert "Test course" in claims["name"]
    issuer = claims["issuer"]
    assert issuer["type"] == ["Profile"]
    assert issuer["name"] == "Social Confidence"
    assert issuer["url"] == "http://testserver/"
    # Valid from the moment it was issued, through the last day the certificate says (site time zone is UTC here).
    assert claims["validFrom"] == certificate.issued_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert claims["validUntil"] == f"{certificate.valid_until.isoformat()}T23:59:59Z"
    assert claims["nbf"] == int(datetime.datetime.fromisoformat(claims["validFrom"]).timestamp())
    assert claims["exp"] == int(datetime.datetime.fromisoformat(claims["validUntil"]).timestamp())

    subject = claims["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["id"].startswith("urn:uuid:")
    assert subject["identifier"] == [
        {"type": "IdentityObject", "identityHash": "Lena Learner", "identityType": "name", "hashed": False}
    ]
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["id"].startswith("urn:uuid:")
    assert achievement["name"] == "Test course"
    assert achievement["description"]
    assert "quiz" in achievement["criteria"]["narrative"]
    (score,) = achievement["resultDescription"]
    assert score["type"] == ["ResultDescription"] and score["resultType"] == "Percent"
    assert subject["result"] == [{"type": ["Result"], "resultDescription": score["id"], "value": "100"}]


@pytest.mark.django_db
def test_badge_names_the_holder_but_not_their_email_or_account(client, certificate):
    token = download_badge(client, certificate)
    text = json.dumps(unverified_payload(token))

    assert certificate.user.email not in text
    assert certificate.user.username not in text


@pytest.mark.django_db
def test_two_certificates_of_one_course_share_the_achievement_but_not_the_holder(client, certificate, course, outsider):
    from tests.factories import enrol, pass_course

    pass_course(outsider, course, enrol(outsider, course))
    other = Certificate.objects.get(user=outsider)

    mine = unverified_payload(download_badge(client, certificate))["credentialSubject"]
    theirs = unverified_payload(download_badge(client, other))["credentialSubject"]

    assert mine["achievement"]["id"] == theirs["achievement"]["id"]
    assert mine["id"] != theirs["id"]


@pytest.mark.django_db
def test_a_changed_name_or_course_breaks_the_signature(client, certificate):
    header, payload, signature = download_badge(client, certificate).split(".")
    claims = unverified_payload(f"{header}.{payload}.{signature}")

    renamed = json.loads(json.dumps(claims))
    renamed["credentialSubject"]["identifier"][0]["identityHash"] = "Mallory Impostor"
    retitled = json.loads(json.dumps(claims))
    retitled["credentialSubject"]["achievement"]["name"] = "Advanced surgery"

    for forged in (renamed, retitled):
        with pytest.raises(jwt.InvalidSignatureError):
            verify_badge(client, f"{header}.{b64url_json(forged)}.{signature}")
    # The untouched badge still verifies: the failures above are the edits, not the test.
    assert verify_badge(client, f"{header}.{payload}.{signature}")


@pytest.mark.django_db
def test_an_expired_certificate_gives_a_badge_verifiers_report_expired(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=timezone.localdate() - datetime.timedelta(days=1))

    token = download_badge(client, certificate)

    with pytest.raises(jwt.ExpiredSignatureError):
        verify_badge(client, token)


# Revocation and unknown codes


@pytest.mark.django_db
def test_a_revoked_certificate_gets_no_new_badge_and_its_verify_page_offers_none(client, certificate):
    verify_page = reverse("certificates:verify", kwargs={"code": certificate.code})
    assert BADGE_LINK_TEXT in client.get(verify_page).content.decode()
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now(), revoked_reason="Cheated")

    response = client.get(badge_url(certificate.code))

    assert response.status_code == 410
    assert "revoked" in response.content.decode()
    page = client.get(verify_page).content.decode()
    assert "Revoked on" in page
    assert BADGE_LINK_TEXT not in page


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["A" * 32, "not-a-code", "%2E%2E"])
def test_unknown_or_malformed_codes_are_not_found_like_on_the_verify_page(client, code):
    assert client.get(f"/certificates/{code}.jwt").status_code == 404
    assert client.get(f"/certificates/verify/{code}/").status_code == 404


# Where the links are


@pytest.mark.django_db
def test_learner_finds_the_badge_beside_the_pdf_and_the_verify_page_offers_it_to_anyone(client, employee, certificate):
    href = f'href="{badge_url(certificate.code)}"'
    client.force_login(employee)
    learn = client.get(reverse("training:learn")).content.decode()
    client.logout()
    verify = client.get(reverse("certificates:verify", kwargs={"code": certificate.code})).content.decode()

    for page in (learn, verify):
        assert href in page
        assert BADGE_LINK_TEXT in page


# Published keys and issuer


@pytest.mark.django_db
def test_the_badge_names_its_key_by_a_url_on_the_site_that_returns_that_public_key(client, certificate):
    header = jwt.get_unverified_header(download_badge(client, certificate))
    assert header == {"alg": "EdDSA", "kid": header["kid"], "typ": "JWT"}
    kid = urlsplit(header["kid"])
    assert f"{kid.scheme}://{kid.netloc}" == "http://testserver"

    jwk = client.get(kid.path).json()
    key_set = client.get(JWKS_PATH).json()

    assert jwk in key_set["keys"]
    assert jwk["kid"] == header["kid"]
    assert (jwk["kty"], jwk["crv"], jwk["alg"]) == ("OKP", "Ed25519", "EdDSA")
    assert all("d" not in key for key in key_set["keys"]), "a private key must never be published"


@pytest.mark.django_db
def test_keys_and_issuer_are_public_and_cacheable(client, certificate):
    issuer_id = unverified_payload(download_badge(client, certificate))["issuer"]["id"]

    for path in (JWKS_PATH, urlsplit(issuer_id).path):
        response = client.get(path)
        assert response.status_code == 200
        assert "public" in response["Cache-Control"]
        assert response["Access-Control-Allow-Origin"] == "*"
    issuer = client.get(urlsplit(issuer_id).path).json()
    assert issuer["id"] == issuer_id
    assert issuer["type"] == ["Profile"]
    assert client.get(reverse("certificates:public_key", kwargs={"thumbprint": "unknown"})).status_code == 404


# Key rotation and configuration


@pytest.mark.django_db
def test_badges_signed_before_a_key_rotation_verify_while_the_old_key_stays_published(
    client, certificate, settings, tmp_path
):
    old_key = write_key(tmp_path / "old.pem")
    settings.CERTIFICATE_SIGNING_KEY_FILE = old_key
    old_badge = download_badge(client, certificate)

    settings.CERTIFICATE_SIGNING_KEY_FILE = write_key(tmp_path / "new.pem")
    new_badge = download_badge(client, certificate)
    assert jwt.get_unverified_header(new_badge)["kid"] != jwt.get_unverified_header(old_badge)["kid"]
    assert verify_badge(client, new_badge)
    # Rotated without keeping the old key published: the old badge can no longer be checked.
    with pytest.raises(KeyError):
        verify_badge(client, old_badge)

    settings.CERTIFICATE_RETIRED_PUBLIC_KEY_FILES = [old_key]

    assert verify_badge(client, old_badge)["id"] == verify_badge(client, new_badge)["id"]
    assert client.get(urlsplit(jwt.get_unverified_header(old_badge)["kid"]).path).status_code == 200


@pytest.mark.django_db
def test_a_retired_key_may_be_given_as_its_public_pem(client, certificate, settings, tmp_path):
    old_path = tmp_path / "old.pem"
    settings.CERTIFICATE_SIGNING_KEY_FILE = write_key(old_path)
    old_badge = download_badge(client, certificate)
    public_pem = tmp_path / "old.pub.pem"
    public_pem.write_bytes(
        serialization.load_pem_private_key(old_path.read_bytes(), password=None)
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )

    settings.CERTIFICATE_SIGNING_KEY_FILE = write_key(tmp_path / "new.pem")
    settings.CERTIFICATE_RETIRED_PUBLIC_KEY_FILES = [str(public_pem)]

    assert verify_badge(client, old_badge)


@pytest.mark.django_db
def test_without_a_configured_key_development_generates_one_once_and_keeps_it(client, settings, tmp_path):
    settings.CERTIFICATE_SIGNING_KEY_FILE = None
    settings.CERTIFICATE_SIGNING_KEY_DEV_FILE = tmp_path / "var" / "certificate-signing-key.pem"

    first = client.get(JWKS_PATH).json()
    second = client.get(JWKS_PATH).json()

    assert first == second and len(first["keys"]) == 1
    assert settings.CERTIFICATE_SIGNING_KEY_DEV_FILE.stat().st_mode & 0o077 == 0, "only its owner may read the key"


@pytest.mark.django_db
def test_production_without_a_key_refuses_to_sign_rather_than_invent_one(client, certificate, settings, tmp_path):
    settings.DEBUG = False
    settings.CERTIFICATE_SIGNING_KEY_GENERATE = False
    settings.CERTIFICATE_SIGNING_KEY_FILE = None
    settings.CERTIFICATE_SIGNING_KEY_DEV_FILE = tmp_path / "certificate-signing-key.pem"

    with pytest.raises(ImproperlyConfigured, match="CERTIFICATE_SIGNING_KEY_FILE"):
        client.get(badge_url(certificate.code))
    assert not settings.CERTIFICATE_SIGNING_KEY_DEV_FILE.exists()


@pytest.mark.django_db
def test_a_signing_key_that_is_not_ed25519_is_refused(client, settings, tmp_path):
    from cryptography.hazmat.primitives.asymmetric import ec

    pem = tmp_path / "p256.pem"
    pem.write_bytes(
        ec.generate_private_key(ec.SECP256R1()).private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    settings.CERTIFICATE_SIGNING_KEY_FILE = str(pem)

    with pytest.raises(ImproperlyConfigured, match="Ed25519"):
        client.get(JWKS_PATH)
