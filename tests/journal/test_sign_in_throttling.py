"""Failed sign-ins lock one address out of one account, never the account for
everyone; the admin signs in through the same throttled, two-factor flow."""

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from tests.factories import UserFactory

from .conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db

STRANGER = "203.0.113.9"
EDITOR_DESK = "198.51.100.7"


def _sign_in_from(client, user, address, password=PASSWORD):
    return client.post(
        "/accounts/login/",
        {"login": user.email, "password": password},
        REMOTE_ADDR=address,
    )


def test_a_stranger_guessing_cannot_lock_the_editor_out_from_elsewhere(client):
    editor = UserFactory(is_staff=True)
    for _attempt in range(8):
        _sign_in_from(client, editor, STRANGER, password="guess-again")
    refused = _sign_in_from(client, editor, STRANGER)
    assert "Too many failed login attempts" in refused.content.decode()

    response = _sign_in_from(client, editor, EDITOR_DESK)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_an_account_has_a_larger_budget_across_all_addresses(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "6/h/key",
    }
    editor = UserFactory()
    for n in range(6):  # a slow attack spread over many addresses
        _sign_in_from(client, editor, f"192.0.2.{n + 1}", password="guess-again")

    response = _sign_in_from(client, editor, EDITOR_DESK)

    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_admin_login_sends_to_the_sites_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "next=%2Fadmin%2F" in response["Location"]
    # Its own form does not accept a password any more.
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.post("/admin/login/", {"username": admin.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_admin_with_an_authenticator_must_give_a_code_and_is_throttled(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    secret = pyotp.random_base32()
    TOTP.activate(admin, secret)
    assert Authenticator.objects.filter(user=admin).exists()

    response = sign_in(client, admin)
    assert response.status_code == 302
    assert "/2fa/" in response["Location"]
    assert client.get("/admin/").status_code == 302  # not signed in yet

    client.post(response["Location"], {"code": pyotp.TOTP(secret).now()})
    assert client.get("/admin/").status_code == 200
