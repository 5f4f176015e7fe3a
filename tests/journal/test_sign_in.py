"""Signing in and out, failed-login throttling, password reset and change."""

import re

import pytest
from django.core import mail

from tests.factories import UserFactory

from .conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def test_sign_in_page_has_the_site_look_and_a_forgotten_password_link(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'href="/static/vendor/bootstrap/bootstrap.min.css"' in html
    assert 'class="form-control' in html
    assert "/accounts/password/reset/" in html


def test_person_signs_in_with_email_and_lands_on_the_dashboard(client):
    person = UserFactory(email="editor@example.org")
    response = sign_in(client, person)
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


def test_email_is_matched_without_regard_to_case(client):
    person = UserFactory(email="editor@example.org")
    response = client.post(
        "/accounts/login/", {"login": "Editor@Example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == person.pk


def test_wrong_password_is_refused_with_a_message(client):
    person = UserFactory()
    response = sign_in(client, person, password="not-the-password")
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_after_repeated_wrong_passwords_even_the_right_password_is_refused(client):
    person = UserFactory()
    for _attempt in range(5):
        sign_in(client, person, password="guess-again")

    response = sign_in(client, person)

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_throttling_one_account_does_not_lock_out_another(client):
    victim, other = UserFactory(), UserFactory()
    for _attempt in range(5):
        sign_in(client, victim, password="guess-again")
    assert sign_in(client, other).status_code == 302


def test_sign_out_ends_the_session(client):
    sign_in(client, UserFactory())
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 302


def test_password_reset_by_email_link_sets_a_new_password(client):
    person = UserFactory(email="forgetful@example.org")

    response = client.post("/accounts/password/reset/", {"email": person.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    match = re.search(
        r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body
    )
    assert match, mail.outbox[0].body

    form_page = client.get(match.group(1), follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_url, {"password1": "Brand-new-2024!", "password2": "Brand-new-2024!"}
    )
    assert response.status_code == 302

    client.logout()
    assert sign_in(client, person, password=PASSWORD).status_code == 200
    assert sign_in(client, person, password="Brand-new-2024!").status_code == 302


def test_password_reset_for_an_unknown_address_reveals_nothing(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"


def test_password_change_needs_the_current_password(client):
    person = UserFactory()
    sign_in(client, person)

    refused = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": "wrong",
            "password1": "Brand-new-2024!",
            "password2": "Brand-new-2024!",
        },
    )
    assert refused.status_code == 200
    changed = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "Brand-new-2024!",
            "password2": "Brand-new-2024!",
        },
    )
    assert changed.status_code == 302

    person.refresh_from_db()
    assert person.check_password("Brand-new-2024!")
