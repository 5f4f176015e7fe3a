"""Registering: profile details, a validated ORCID iD, and a verified address."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from journal.models import User

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "aigerim@example.kz",
    "password1": "Reform-of-2024!",
    "password2": "Reform-of-2024!",
    "given_name": "Aigerim",
    "family_name": "Nurlanova",
    "affiliation": "Academy of Public Administration",
    "country": "KZ",
    "orcid": "https://orcid.org/0000-0002-1825-0097",
}


def confirmation_link(message) -> str:
    match = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s/]+/", message.body)
    assert match, message.body
    return match.group(0).split("testserver", 1)[1]


def test_registration_page_asks_for_names_affiliation_country_and_orcid(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("given_name", "family_name", "affiliation", "country", "orcid"):
        assert f'name="{name}"' in html
    assert "form-control" in html  # the site's Bootstrap look, not allauth's bare form
    assert 'href="/static/vendor/bootstrap/bootstrap.min.css"' in html


def test_registration_stores_the_profile_and_sends_a_verification_link(client):
    response = client.post("/accounts/signup/", SIGNUP)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    person = User.objects.get(email="aigerim@example.kz")
    assert person.full_name == "Aigerim Nurlanova"
    assert person.affiliation == "Academy of Public Administration"
    assert person.country.code == "KZ"
    assert person.orcid == "0000-0002-1825-0097"
    assert not EmailAddress.objects.get(user=person).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["aigerim@example.kz"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_following_the_verification_link_verifies_the_address_and_allows_sign_in(
    client,
):
    client.post("/accounts/signup/", SIGNUP)
    link = confirmation_link(mail.outbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert "aigerim@example.kz" in page.content.decode()
    client.post(link)

    assert EmailAddress.objects.get(email="aigerim@example.kz").verified
    client.logout()
    response = client.post(
        "/accounts/login/",
        {"login": "aigerim@example.kz", "password": "Reform-of-2024!"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"


def test_unverified_person_cannot_sign_in_until_they_follow_the_link(client):
    client.post("/accounts/signup/", SIGNUP)
    client.logout()

    response = client.post(
        "/accounts/login/",
        {"login": "aigerim@example.kz", "password": "Reform-of-2024!"},
    )

    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/dashboard/").status_code == 302


def test_registration_with_a_wrong_orcid_check_digit_is_refused_and_keeps_the_input(
    client,
):
    response = client.post(
        "/accounts/signup/", {**SIGNUP, "orcid": "0000-0002-1825-0098"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "wrong check digit" in html
    assert 'value="Nurlanova"' in html
    assert 'value="Academy of Public Administration"' in html
    assert not User.objects.filter(email="aigerim@example.kz").exists()
    assert mail.outbox == []


def test_registration_needs_a_given_name(client):
    response = client.post("/accounts/signup/", {**SIGNUP, "given_name": ""})
    assert response.status_code == 200
    assert not User.objects.filter(email="aigerim@example.kz").exists()


def test_registration_in_russian_sets_the_preferred_language(client):
    client.cookies["django_language"] = "ru"
    client.post("/accounts/signup/", SIGNUP)
    assert User.objects.get(email="aigerim@example.kz").preferred_language == "ru"
