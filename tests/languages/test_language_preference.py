"""The interface speaks the person's language: their own choice, else HR's record, else their browser's."""

import datetime

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.factories import EmployeeFactory, UserFactory, enrol
from training.models import Enrolment

pytestmark = pytest.mark.django_db


def nav(client) -> str:
    return client.get(reverse("training:learn")).content.decode()


def test_a_visitor_gets_their_browsers_language(client):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9,en;q=0.5").content.decode()
    assert '<html lang="de">' in html
    assert "Anmelden" in html


def test_a_browser_language_we_do_not_have_falls_back_to_english(client):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").content.decode()
    assert '<html lang="en">' in html


def test_chinese_browsers_get_traditional_chinese(client):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="zh-TW,zh;q=0.9").content.decode()
    assert '<html lang="zh-hant">' in html


def test_the_language_on_the_hr_record_is_used_after_login(client):
    user = EmployeeFactory(user__username="minjun", language="ko").user
    client.force_login(user)
    html = nav(client)
    assert '<html lang="ko">' in html
    assert "내 학습" in html


def test_a_persons_own_choice_wins_and_is_kept_across_logins(client):
    user = EmployeeFactory(user__username="jurgen", language="ko").user
    client.force_login(user)
    response = client.post(reverse("language_switch"), {"language": "de", "next": reverse("training:learn")})
    assert response.status_code == 302 and response["Location"] == reverse("training:learn")
    assert response.cookies["sc_language"].value == "de"
    assert UserProfile.get_for_user(user).preferred_language == "de"
    assert '<html lang="de">' in nav(client)

    client.logout()
    client.cookies.clear()
    client.force_login(user)
    assert '<html lang="de">' in nav(client)


def test_the_choice_outlives_logging_out_on_the_login_page(client):
    user = EmployeeFactory(user__username="yijun").user
    client.force_login(user)
    client.post(reverse("language_switch"), {"language": "zh-hant", "next": "/"})
    client.post(reverse("logout"))
    assert '<html lang="zh-hant">' in client.get(reverse("login")).content.decode()


def test_an_unknown_language_or_foreign_next_address_is_refused(client):
    user = UserFactory(username="someone")
    client.force_login(user)
    response = client.post(reverse("language_switch"), {"language": "fr", "next": "https://evil.example/"}, follow=True)
    assert response.redirect_chain[0][0] == "/"
    assert "That language is not available." in response.content.decode()
    assert UserProfile.get_for_user(user).preferred_language == ""


def test_the_switcher_only_changes_on_post(client):
    assert client.get(reverse("language_switch")).status_code == 405


def test_dates_are_written_the_way_each_language_writes_them(client, course):
    user = EmployeeFactory(user__username="minjun").user
    enrolment = enrol(user, course)
    Enrolment.objects.filter(pk=enrolment.pk).update(due_date=datetime.date(2026, 12, 3))
    client.force_login(user)
    due = {"en": "due 3 Dec 2026", "de": "03.12.2026", "ko": "2026-12-3", "zh-hant": "2026年12月3日"}
    for language, text in due.items():
        client.post(reverse("language_switch"), {"language": language, "next": "/"})
        assert text in nav(client), language
