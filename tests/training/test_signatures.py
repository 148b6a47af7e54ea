"""Read-and-understood electronic signatures: signing a code of conduct with the password (or the organisation's
single sign-on), what the signature records and how it is verified, and confirming a changed code of conduct again."""

import datetime
import hashlib
import json
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import CodeOfConductLessonPage
from tests.factories import EmployeeFactory, UserFactory, enrol, manager_of, pass_course, read_all_lessons
from training.models import Acknowledgement, LessonProgress, SignatureFailure
from training.services import lesson_complete
from training.signature_sso import SignatureReauthenticationBackend
from training.signatures import Reauthentication, acknowledgement_verify

pytestmark = pytest.mark.django_db

LEARN = reverse("training:learn")
REACKNOWLEDGEMENT = reverse("training:reacknowledgement")
REACKNOWLEDGEMENT_CSV = reverse("training:reacknowledgement_csv")
UPDATED = "Please confirm the updated code of conduct"


def conduct_of(course) -> CodeOfConductLessonPage:
    return course.lessons().specific().last()


def complete_url(lesson) -> str:
    return reverse("training:lesson_complete", kwargs={"lesson_id": lesson.pk})


def sign(client, lesson, password="pass", **fields):
    """Tick the statement, type `password` and press the button, on the version of `lesson` published now."""
    data = {"acknowledged": "yes", "password": password, "revision": lesson.live_revision_id, **fields}
    return client.post(complete_url(lesson), data, follow=True)


def text(response) -> str:
    return response.content.decode()


def publish(lesson, *, material: bool, statement: str | None = None) -> CodeOfConductLessonPage:
    """Publish a new version of a code of conduct, ticking "Requires re-acknowledgement" or not."""
    lesson = CodeOfConductLessonPage.objects.get(pk=lesson.pk)
    lesson.requires_reacknowledgement = material
    if statement:
        lesson.acknowledgement_text = statement
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return lesson


def canonical_sha256(content) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# --- signing with the password -------------------------------------------------------------------------------------


def test_signing_records_name_time_meaning_revision_content_hash_and_method(client, employee, course, enrolment):
    conduct = conduct_of(course)
    client.force_login(employee)
    form = text(client.get(conduct.url))
    assert 'type="password" name="password"' in form
    assert "This is your electronic signature." in form and "(Lena Learner)" in form
    before = timezone.now()

    response = sign(client, conduct)

    assert response.redirect_chain[0][0] == reverse("quizzes:take", kwargs={"course_id": course.pk})
    acknowledgement = Acknowledgement.objects.get()
    assert (acknowledgement.user, acknowledgement.enrolment) == (employee, enrolment)
    assert acknowledgement.printed_name == "Lena Learner"
    assert acknowledgement.meaning == "Read and understood"
    assert acknowledgement.statement == "I have read and understood the code."
    assert before <= acknowledgement.acknowledged_at <= timezone.now()
    assert acknowledgement.revision_id == conduct.live_revision_id
    revision = Revision.objects.get(pk=conduct.live_revision_id)
    assert acknowledgement.content_sha256 == canonical_sha256(revision.content)
    assert acknowledgement.method == Acknowledgement.Method.PASSWORD
    assert len(acknowledgement.signature) == 64
    assert acknowledgement_verify(acknowledgement=acknowledgement).valid
    assert "You confirmed “I have read and understood the code.”" in text(client.get(conduct.url))


def test_a_wrong_password_signs_nothing_and_says_so(client, employee, course, enrolment):
    conduct = conduct_of(course)
    client.force_login(employee)

    response = sign(client, conduct, password="not-my-password")

    assert response.redirect_chain == [(conduct.url, 302)]
    assert "That is not your password, so nothing was signed." in text(response)
    assert not Acknowledgement.objects.exists()
    assert not LessonProgress.objects.exists()
    assert SignatureFailure.objects.filter(user=employee, lesson=conduct).count() == 1


def test_an_empty_password_is_asked_for_and_not_counted_as_wrong(client, employee, course, enrolment):
    conduct = conduct_of(course)
    client.force_login(employee)

    response = sign(client, conduct, password="")

    assert "Enter your password to sign." in text(response)
    assert not Acknowledgement.objects.exists()
    assert not SignatureFailure.objects.exists()


def test_five_wrong_passwords_pause_signing_for_a_while(client, employee, course, enrolment):
    conduct = conduct_of(course)
    client.force_login(employee)
    for _ in range(5):
        sign(client, conduct, password="guess")

    # Even the right password is refused, unchecked, while signing is paused.
    response = sign(client, conduct)

    page = text(response)
    assert "Too many wrong passwords: for your security, signing is paused." in page
    assert "Try again in 15 minutes." in page
    assert not Acknowledgement.objects.exists()
    assert SignatureFailure.objects.count() == 5

    # Fifteen minutes later (the failures moved back in time), the right password signs.
    SignatureFailure.objects.update(failed_at=timezone.now() - datetime.timedelta(minutes=15, seconds=1))
    sign(client, conduct)
    assert Acknowledgement.objects.filter(user=employee).count() == 1


def test_the_pause_is_per_person(client, employee, outsider, course, enrolment):
    conduct = conduct_of(course)
    enrol(outsider, course)
    for _ in range(5):
        SignatureFailure.objects.create(user=outsider, lesson=conduct, failed_at=timezone.now())
    client.force_login(employee)

    sign(client, conduct)

    assert Acknowledgement.objects.filter(user=employee).count() == 1


def test_sending_the_same_form_again_does_not_sign_twice(client, employee, course, enrolment):
    conduct = conduct_of(course)
    client.force_login(employee)

    first = sign(client, conduct)
    signature = Acknowledgement.objects.get().signature
    again = sign(client, conduct)

    assert Acknowledgement.objects.count() == 1
    assert Acknowledgement.objects.get().signature == signature
    assert first.redirect_chain == again.redirect_chain


def test_a_form_for_a_version_replaced_meanwhile_signs_nothing(client, employee, course, enrolment):
    conduct = conduct_of(course)
    client.force_login(employee)
    shown = conduct.live_revision_id
    publish(conduct, material=False, statement="A newer statement.")

    response = sign(client, conduct, revision=shown)

    assert "This lesson was updated while you had it open." in text(response)
    assert not Acknowledgement.objects.exists()


def test_a_signature_is_made_only_for_the_person_logged_in(client, employee, outsider, course, enrolment):
    conduct = conduct_of(course)
    theirs = enrol(outsider, course)
    client.force_login(outsider)

    # Fields naming another person or enrolment are not read: the signature is the logged-in person's, on their own.
    sign(client, conduct, user=employee.pk, enrolment=enrolment.pk, printed_name="Lena Learner")

    acknowledgement = Acknowledgement.objects.get()
    assert (acknowledgement.user, acknowledgement.enrolment) == (outsider, theirs)
    assert acknowledgement.printed_name != "Lena Learner"
    assert not Acknowledgement.objects.filter(user=employee).exists()


def test_someone_not_enrolled_cannot_sign_on_anyone_s_enrolment(client, employee, outsider, course, enrolment):
    conduct = conduct_of(course)
    client.force_login(outsider)

    response = sign(client, conduct, enrolment=enrolment.pk)

    assert "You are not enrolled on this course." in text(response)
    assert not Acknowledgement.objects.exists()


def test_the_service_refuses_a_proof_made_by_someone_else_or_too_long_ago(employee, outsider, course, enrolment):
    conduct = conduct_of(course)
    someone_else = Reauthentication(user_id=outsider.pk, method="password", at=timezone.now())
    long_ago = Reauthentication(user_id=employee.pk, method="password", at=timezone.now() - datetime.timedelta(hours=1))

    with pytest.raises(PermissionDenied):
        lesson_complete(user=employee, lesson=conduct, acknowledged=True, reauthentication=someone_else)
    with pytest.raises(ValidationError, match="took too long"):
        lesson_complete(user=employee, lesson=conduct, acknowledged=True, reauthentication=long_ago)

    assert not Acknowledgement.objects.exists()


def test_confirming_through_the_service_alone_is_recorded_as_not_re_authenticated(employee, course, enrolment):
    lesson_complete(user=employee, lesson=conduct_of(course), acknowledged=True)

    acknowledgement = Acknowledgement.objects.get()
    assert acknowledgement.method == Acknowledgement.Method.NONE
    assert acknowledgement_verify(acknowledgement=acknowledgement).valid


def test_an_account_without_a_password_is_told_how_to_sign_when_there_is_no_single_sign_on(
    client, employee, course, enrolment
):
    employee.set_unusable_password()
    employee.save()
    conduct = conduct_of(course)
    client.force_login(employee)

    page = text(client.get(conduct.url))
    response = sign(client, conduct, password="anything")

    assert "Your account has no password yet" in page and 'name="password"' not in page
    assert "Your account has no password to sign with." in text(response)
    assert not Acknowledgement.objects.exists()


def test_the_training_record_shows_who_signed_what_it_means_and_how(client, employee, course, enrolment, hr_user):
    client.force_login(employee)
    sign(client, conduct_of(course))

    client.force_login(hr_user)
    record = text(client.get(reverse("training:transcript", kwargs={"user_id": employee.pk})))

    assert "Signed by Lena Learner, meaning “Read and understood”; password re-entered" in record


# --- verifying a signature -----------------------------------------------------------------------------------------


@pytest.fixture
def signed(client, employee, course, enrolment) -> Acknowledgement:
    client.force_login(employee)
    sign(client, conduct_of(course))
    return Acknowledgement.objects.get()


def check(acknowledgement):
    return acknowledgement_verify(acknowledgement=Acknowledgement.objects.get(pk=acknowledgement.pk))


def test_a_row_copied_to_another_person_s_record_does_not_verify(signed, outsider, course):
    other_enrolment = enrol(outsider, course)
    copy = Acknowledgement.objects.get(pk=signed.pk)
    copy.pk = None
    copy.user, copy.enrolment = outsider, other_enrolment
    copy.save()

    result = check(copy)

    assert not result.valid
    assert "copied from another record" in result.problems[0]
    assert check(signed).valid


def test_a_signature_value_copied_onto_another_signature_does_not_verify(client, signed, outsider, course):
    enrol(outsider, course)
    client.force_login(outsider)
    sign(client, conduct_of(course))
    theirs = Acknowledgement.objects.get(user=outsider)
    assert check(theirs).valid

    Acknowledgement.objects.filter(pk=theirs.pk).update(signature=signed.signature)

    assert not check(theirs).valid


@pytest.mark.parametrize(
    "change",
    [
        {"statement": "I have read it."},
        {"printed_name": "Someone Else"},
        {"meaning": "Approved"},
        {"method": "sso"},
        {"acknowledged_at": timezone.now() - datetime.timedelta(days=30)},
        {"content_sha256": "0" * 64},
    ],
    ids=lambda change: next(iter(change)),
)
def test_an_edited_row_does_not_verify(signed, change):
    Acknowledgement.objects.filter(pk=signed.pk).update(**change)

    assert not check(signed).valid


def test_a_row_pointed_at_another_revision_does_not_verify(signed, course):
    newer = publish(conduct_of(course), material=False)
    Acknowledgement.objects.filter(pk=signed.pk).update(revision_id=newer.live_revision_id)

    assert not check(signed).valid


def test_a_changed_revision_content_shows(signed):
    revision = Revision.objects.get(pk=signed.revision_id)
    revision.content = {**revision.content, "acknowledgement_text": "Quietly changed."}
    revision.save(update_fields=["content"])

    result = check(signed)

    assert not result.valid
    assert result.problems == ["The lesson revision no longer has the content that was signed."]


def test_a_row_from_before_signatures_says_it_has_none(signed):
    Acknowledgement.objects.filter(pk=signed.pk).update(signature="")

    result = check(signed)

    assert not result.valid
    assert result.problems == ["Recorded before electronic signatures: there is no signature."]


def test_signatures_still_verify_after_the_secret_key_is_rotated(signed, settings):
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-key"
    assert not check(signed).valid

    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert check(signed).valid


def test_a_dedicated_signing_key_keeps_signatures_apart_from_the_secret_key(client, settings, employee, course):
    settings.ACKNOWLEDGEMENT_SIGNING_KEY = "signatures-only-key"
    enrol(employee, course)
    client.force_login(employee)
    sign(client, conduct_of(course))
    acknowledgement = Acknowledgement.objects.get()

    settings.SECRET_KEY = "rotated"
    assert check(acknowledgement).valid
    settings.ACKNOWLEDGEMENT_SIGNING_KEY = "another-key"
    assert not check(acknowledgement).valid


# --- signing with the organisation's single sign-on ----------------------------------------------------------------

PROVIDER = {
    "OIDC_RP_CLIENT_ID": "social-confidence",
    "OIDC_RP_CLIENT_SECRET": "s3cret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example.org/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example.org/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.example.org/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.example.org/jwks",
    "OIDC_RP_SIGN_ALGO": "RS256",
    "OIDC_RP_SCOPES": "openid email profile",
    "OIDC_CREATE_USER": False,
}


@pytest.fixture
def sso_learner(settings, client, employee, course, enrolment):
    """Single sign-on on; the learner has no password here and is logged in."""
    for name, value in PROVIDER.items():
        setattr(settings, name, value)
    settings.OIDC_ENABLED = True
    employee.set_unusable_password()
    employee.save()
    client.force_login(employee)
    return employee


def come_back(client, start, *, email="learner@example.org", auth_time=None, claims=None):
    """The provider sends the learner back to the signature callback (its token and user info answers mocked)."""
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    payload = (
        claims if claims is not None else {"sub": "abc123", "auth_time": auth_time or int(timezone.now().timestamp())}
    )
    with (
        mock.patch.object(
            SignatureReauthenticationBackend, "get_token", return_value={"id_token": "id", "access_token": "at"}
        ),
        mock.patch.object(SignatureReauthenticationBackend, "verify_token", return_value=payload),
        mock.patch.object(
            SignatureReauthenticationBackend, "get_userinfo", return_value={"sub": "abc123", "email": email}
        ),
    ):
        return client.get(reverse("training:signature_sso_callback"), {"code": "code", "state": state}, follow=True)


def test_without_a_password_the_learner_signs_again_at_the_provider(client, sso_learner, course):
    conduct = conduct_of(course)
    page = text(client.get(conduct.url))
    assert "Confirm with your organisation account" in page and 'name="password"' not in page

    start = client.post(complete_url(conduct), {"acknowledged": "yes", "revision": conduct.live_revision_id})

    location = urlsplit(start["Location"])
    params = parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}{location.path}" == PROVIDER["OIDC_OP_AUTHORIZATION_ENDPOINT"]
    assert params["prompt"] == ["login"] and params["max_age"] == ["0"]
    assert params["redirect_uri"] == ["http://testserver/learn/signature/sso/callback/"]
    assert not Acknowledgement.objects.exists()

    response = come_back(client, start)

    assert response.redirect_chain[0][0] == reverse("quizzes:take", kwargs={"course_id": course.pk})
    acknowledgement = Acknowledgement.objects.get()
    assert acknowledgement.user == sso_learner
    assert acknowledgement.method == Acknowledgement.Method.SINGLE_SIGN_ON
    assert acknowledgement_verify(acknowledgement=acknowledgement).valid
    assert "_auth_user_id" in client.session and client.session["_auth_user_id"] == str(sso_learner.pk)


def test_the_box_must_be_ticked_before_going_to_the_provider(client, sso_learner, course):
    conduct = conduct_of(course)

    response = client.post(complete_url(conduct), {"revision": conduct.live_revision_id}, follow=True)

    assert response.redirect_chain == [(conduct.url, 302)]
    assert "Tick “I have read and understood”" in text(response)


def test_a_provider_that_did_not_ask_again_is_refused(client, sso_learner, course):
    conduct = conduct_of(course)
    start = client.post(complete_url(conduct), {"acknowledged": "yes", "revision": conduct.live_revision_id})

    # auth_time an hour ago: the provider answered from its open session instead of asking for the password.
    response = come_back(client, start, auth_time=int(timezone.now().timestamp()) - 3600)

    assert "did not ask you to sign in again, so nothing was signed" in text(response)
    assert not Acknowledgement.objects.exists()


def test_a_provider_that_does_not_say_when_is_refused(client, sso_learner, course):
    conduct = conduct_of(course)
    start = client.post(complete_url(conduct), {"acknowledged": "yes", "revision": conduct.live_revision_id})

    response = come_back(client, start, claims={"sub": "abc123"})

    assert "did not confirm who you are, so nothing was signed" in text(response)
    assert not Acknowledgement.objects.exists()


def test_signing_in_at_the_provider_as_someone_else_is_refused(client, sso_learner, outsider, course):
    conduct = conduct_of(course)
    start = client.post(complete_url(conduct), {"acknowledged": "yes", "revision": conduct.live_revision_id})

    response = come_back(client, start, email=outsider.email)

    assert "not the one logged in here, so nothing was signed" in text(response)
    assert not Acknowledgement.objects.exists()
    assert client.session["_auth_user_id"] == str(sso_learner.pk)


def test_coming_back_twice_signs_once(client, sso_learner, course):
    conduct = conduct_of(course)
    start = client.post(complete_url(conduct), {"acknowledged": "yes", "revision": conduct.live_revision_id})
    come_back(client, start)

    again = come_back(client, start)

    assert "There was nothing waiting to be signed." in text(again)
    assert Acknowledgement.objects.count() == 1


def test_coming_back_from_the_provider_is_not_taken_for_a_session_re_check(monkeypatch):
    from tests.training.test_oidc import PROVIDER as REQUIRED
    from tests.training.test_oidc import load_base_settings

    module = load_base_settings(monkeypatch, OIDC_ENABLED="true", **REQUIRED)

    assert "training:signature_sso_callback" in module["OIDC_EXEMPT_URLS"]


def test_the_callback_is_not_there_without_single_sign_on(client, employee):
    client.force_login(employee)

    assert client.get(reverse("training:signature_sso_callback"), {"state": "x", "code": "y"}).status_code == 404


# --- confirming a changed code of conduct again --------------------------------------------------------------------


def test_a_material_change_asks_those_who_confirmed_to_sign_again(client, employee, course, enrolment):
    pass_course(employee, course, enrolment)
    enrolment.refresh_from_db()
    completed_at = enrolment.completed_at
    first = Acknowledgement.objects.get()
    client.force_login(employee)
    assert UPDATED not in text(client.get(LEARN))

    conduct = publish(conduct_of(course), material=True, statement="I will follow the new code.")

    learn = text(client.get(LEARN))
    assert UPDATED in learn and f'href="{conduct.url}"' in learn
    lesson_page = text(client.get(conduct.url))
    assert UPDATED in lesson_page and "I will follow the new code." in lesson_page

    sign(client, conduct)

    second = Acknowledgement.objects.exclude(pk=first.pk).get()
    assert second.revision_id == conduct.live_revision_id != first.revision_id
    assert second.statement == "I will follow the new code."
    assert acknowledgement_verify(acknowledgement=second).valid
    assert UPDATED not in text(client.get(LEARN))
    assert "You confirmed “I will follow the new code.”" in text(client.get(conduct.url))
    enrolment.refresh_from_db()
    assert enrolment.completed_at == completed_at
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=conduct).revision_id == first.revision_id


def test_a_change_not_marked_material_asks_no_one(client, employee, course, enrolment):
    read_all_lessons(employee, course)
    client.force_login(employee)

    publish(conduct_of(course), material=False, statement="Same rules, clearer words.")

    assert UPDATED not in text(client.get(LEARN))
    assert "You confirmed “I have read and understood the code.”" in text(client.get(conduct_of(course).url))


def test_later_small_changes_do_not_ask_again_those_who_confirmed_the_material_one(client, employee, course, enrolment):
    read_all_lessons(employee, course)
    client.force_login(employee)
    sign(client, publish(conduct_of(course), material=True))

    publish(conduct_of(course), material=False)

    assert UPDATED not in text(client.get(LEARN))


def test_someone_who_never_confirmed_just_signs_the_current_version(client, employee, course, enrolment):
    publish(conduct_of(course), material=True)
    client.force_login(employee)

    assert UPDATED not in text(client.get(LEARN))
    assert UPDATED not in text(client.get(conduct_of(course).url))


# Through the admin, as editors and reviewers use it.


def edit_data(lesson, **changes) -> dict:
    """The lesson's edit form as a browser posts it, with `changes` applied."""
    form = type(lesson).get_edit_handler().get_form_class()(instance=lesson, parent_page=lesson.get_parent())
    data = {}
    for name, field in form.fields.items():
        value = changes.get(name, form[name].value())
        if name != "body" and value is not None and value is not False and value != "":
            data[name] = "on" if value is True else field.widget.format_value(value)
    stream = streamfield([("rich_text", rich_text("<p>Disclose who you work for, always.</p>"))])
    return {**data, **nested_form_data({"body": stream, "comments": inline_formset([])})}


def edit_page(client, lesson) -> str:
    return text(client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])))


def box(page: str) -> str:
    start = page.index('name="requires_reacknowledgement"')
    return page[page.rindex("<input", 0, start) : page.index(">", start)]


def test_publishing_with_the_box_ticked_asks_again_and_the_next_edit_starts_unticked(
    client, employee, course, enrolment
):
    read_all_lessons(employee, course)
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    conduct = conduct_of(course)
    assert "Requires re-acknowledgement" in edit_page(client, conduct)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[conduct.pk]),
        {**edit_data(conduct, requires_reacknowledgement=True), "action-publish": "1"},
    )

    assert response.status_code == 302
    conduct.refresh_from_db()
    assert Revision.objects.get(pk=conduct.live_revision_id).content["requires_reacknowledgement"] is True
    assert "checked" not in box(edit_page(client, conduct))
    client.force_login(employee)
    assert UPDATED in text(client.get(LEARN))


def test_a_ticked_draft_keeps_its_tick_until_it_is_published(client, course):
    editor = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(editor)
    conduct = conduct_of(course)

    client.post(
        reverse("wagtailadmin_pages:edit", args=[conduct.pk]), edit_data(conduct, requires_reacknowledgement=True)
    )

    assert "checked" in box(edit_page(client, conduct))


def test_a_material_change_approved_through_the_review_counts_too(client, roles, employee, course, enrolment):
    """Publishing through the Medical-Legal review (or a scheduled go-live) runs no admin publish hook: the version to
    confirm is read from Wagtail's record of what was published."""
    read_all_lessons(employee, course)
    conduct = publish(conduct_of(course), material=False)
    draft = CodeOfConductLessonPage.objects.get(pk=conduct.pk)
    draft.requires_reacknowledgement = True
    revision = draft.save_revision()
    client.force_login(employee)
    assert UPDATED not in text(client.get(LEARN))

    revision.publish()

    assert UPDATED in text(client.get(LEARN))


# --- what HR sees ---------------------------------------------------------------------------------------------------


@pytest.fixture
def changed(client, employee, course, enrolment, hr_user):
    """Lena, Ivan and Olga confirmed the code of conduct, Nora did not; then it changed materially and Lena
    confirmed the new version. Ivan has left (inactive)."""
    pass_course(employee, course, enrolment)
    people = {}
    for username, first, last in [("olga", "Olga", "Late"), ("ivan", "Ivan", "Gone"), ("nora", "Nora", "Start")]:
        people[username] = EmployeeFactory(user__username=username, user__first_name=first, user__last_name=last).user
        enrol(people[username], course)
    read_all_lessons(people["olga"], course)
    read_all_lessons(people["ivan"], course)
    conduct = publish(conduct_of(course), material=True)
    client.force_login(employee)
    sign(client, conduct)
    people["ivan"].is_active = False
    people["ivan"].save()
    client.force_login(hr_user)
    return {"conduct": conduct, **people}


def test_hr_sees_per_lesson_who_has_not_yet_confirmed_the_new_version(client, changed):
    conduct = changed["conduct"]
    assert 'href="/hr/reacknowledgement/"' in text(client.get(reverse("training:hr_report")))

    overview = text(client.get(REACKNOWLEDGEMENT))
    assert conduct.title in overview
    assert '<td class="pending-count">1</td>' in overview
    assert '<td class="confirmed-count">1</td>' in overview

    people = text(client.get(REACKNOWLEDGEMENT, {"lesson": conduct.pk}))
    assert "Not yet confirmed: Code of conduct" in people
    assert "Olga Late" in people
    assert "Lena Learner" not in people and "Nora Start" not in people and "Ivan Gone" not in people


def test_hr_exports_who_has_not_yet_confirmed_as_csv(client, changed):
    response = client.get(REACKNOWLEDGEMENT_CSV, {"lesson": changed["conduct"].pk})

    lines = b"".join(response.streaming_content).decode().splitlines()
    assert response["Content-Disposition"] == 'attachment; filename="reacknowledgement-pending.csv"'
    assert lines[0] == "email,name,department,course,lesson,last_confirmed_at,changed_at"
    assert len(lines) == 2
    assert lines[1].startswith("olga@example.org,Olga Late,")
    assert ",Test course,Code of conduct," in lines[1]


def test_a_manager_sees_only_their_team_and_employees_nothing(client, changed, employee):
    manager = manager_of(employee, username="boss")

    client.force_login(manager)
    overview = text(client.get(REACKNOWLEDGEMENT))
    people = text(client.get(REACKNOWLEDGEMENT, {"lesson": changed["conduct"].pk}))
    assert '<td class="pending-count">0</td>' in overview and '<td class="confirmed-count">1</td>' in overview
    assert "Olga Late" not in people and "Everyone has confirmed the new version." in people

    client.force_login(changed["olga"])
    assert client.get(REACKNOWLEDGEMENT).status_code == 403
    assert client.get(REACKNOWLEDGEMENT_CSV).status_code == 403


def test_hr_page_says_when_nothing_changed(client, hr_user, course):
    client.force_login(hr_user)

    assert "No code of conduct has been changed" in text(client.get(REACKNOWLEDGEMENT))


def test_reports_permission_is_what_opens_the_page(client, outsider):
    outsider.user_permissions.add(Permission.objects.get(codename="view_reports"))
    client.force_login(outsider)

    assert client.get(REACKNOWLEDGEMENT).status_code == 200
