"""Two-factor authentication with an authenticator app, for journal staff only."""

import datetime as dt

import pyotp
import pytest
import time_machine
from allauth.mfa.models import Authenticator

from journal.models import Role
from tests.factories import JournalFactory, RoleFactory, UserFactory, editor_of

from .conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db

ACTIVATE = "/accounts/2fa/totp/activate/"


def activate_totp(client) -> str:
    """Open the activation page (confirming the password first, as allauth
    asks before security changes), read the secret it shows, confirm a code."""
    page = client.get(ACTIVATE)
    if page.status_code == 302 and "/accounts/reauthenticate/" in page["Location"]:
        client.post(page["Location"], {"password": PASSWORD})
        page = client.get(ACTIVATE)
    assert page.status_code == 200
    secret = page.context["form"].secret
    assert secret in page.content.decode()  # shown for typing into an app
    response = client.post(ACTIVATE, {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302, response.content.decode()
    return secret


def test_editor_turns_on_totp_and_the_next_sign_in_asks_for_a_code(client):
    editor = editor_of(JournalFactory())
    with time_machine.travel(dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False):
        sign_in(client, editor)
        secret = activate_totp(client)
        assert Authenticator.objects.filter(
            user=editor, type=Authenticator.Type.TOTP
        ).exists()
        client.post("/accounts/logout/")

    with time_machine.travel(dt.datetime(2025, 3, 3, 9, 5, tzinfo=dt.UTC), tick=False):
        response = sign_in(client, editor)
        assert response["Location"] == "/accounts/2fa/authenticate/"
        # The password alone does not sign in.
        assert client.get("/dashboard/").status_code == 302

        wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
        assert wrong.status_code == 200
        assert "Incorrect code" in wrong.content.decode()

        right = client.post(
            "/accounts/2fa/authenticate/", {"code": pyotp.TOTP(secret).now()}
        )
        assert right.status_code == 302
        assert client.get("/dashboard/").status_code == 200


@pytest.mark.parametrize(
    "role", [Role.SECTION_EDITOR, Role.PRODUCTION_EDITOR, Role.MANAGER]
)
def test_other_journal_staff_can_turn_on_totp(client, role):
    person = RoleFactory(role=role).user
    sign_in(client, person)
    activate_totp(client)
    assert Authenticator.objects.filter(user=person).exists()


def test_site_staff_without_a_journal_role_can_turn_on_totp(client):
    person = UserFactory(is_staff=True)
    sign_in(client, person)
    activate_totp(client)
    assert Authenticator.objects.filter(user=person).exists()


def test_author_cannot_open_the_activation_page(client):
    author = RoleFactory(role=Role.AUTHOR).user
    sign_in(client, author)

    response = client.get(ACTIVATE, follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/2fa/"
    html = response.content.decode()
    assert "available to editors" in html
    assert ACTIVATE not in html  # no Activate button on the overview either


def test_author_cannot_activate_totp_by_posting_a_valid_code(client):
    author = RoleFactory(role=Role.REVIEWER).user
    sign_in(client, author)
    secret = pyotp.random_base32()
    session = client.session
    session["mfa.totp.secret"] = secret
    session.save()

    response = client.post(ACTIVATE, {"code": pyotp.TOTP(secret).now()})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/"
    assert not Authenticator.objects.filter(user=author).exists()


def test_two_factor_overview_offers_activation_to_an_editor(client):
    sign_in(client, editor_of(JournalFactory()))
    html = client.get("/accounts/2fa/").content.decode()
    assert f'href="{ACTIVATE}"' in html
    assert "nav-tabs" in html  # the account area's tabs


def test_dashboard_nudges_staff_without_two_factor(client):
    editor = editor_of(JournalFactory())
    sign_in(client, editor)
    assert (
        "Set up two-factor authentication" in client.get("/dashboard/").content.decode()
    )
    activate_totp(client)
    assert (
        "Set up two-factor authentication"
        not in client.get("/dashboard/").content.decode()
    )
