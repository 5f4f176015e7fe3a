"""Signing in with ORCID, or connecting ORCID on the profile page, confirms a
person's ORCID iD. ORCID's token and record answers are stood in for, so no
request leaves the machine."""

import json
from unittest import mock
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from journal.models import User
from tests.factories import JournalFactory, UserFactory, editor_of

from .conftest import sign_in
from .test_two_factor import activate_totp

pytestmark = pytest.mark.django_db

ORCID = "0000-0002-1825-0097"
OTHER_ORCID = "0000-0001-5109-3700"


@pytest.fixture
def orcid_app(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "orcid": {
            "BASE_DOMAIN": "sandbox.orcid.org",
            "MEMBER_API": False,
            "APPS": [{"client_id": "APP-TEST", "secret": "secret"}],
        }
    }


def _record(orcid, *, email, given, family):
    person = {"name": {}, "emails": {"email": []}}
    if given:
        person["name"]["given-names"] = {"value": given}
    if family:
        person["name"]["family-name"] = {"value": family}
    if email:
        person["emails"]["email"] = [{"email": email, "verified": True}]
    return {
        "orcid-identifier": {"path": orcid, "uri": f"https://orcid.org/{orcid}"},
        "person": person,
    }


def orcid_round_trip(
    client,
    *,
    orcid=ORCID,
    process="login",
    email=None,
    given="Josiah",
    family="Carberry",
):
    """Press the ORCID button, come back from ORCID with a code; the site then
    asks ORCID for a token and for the record, answered here."""
    start = client.post(f"/accounts/orcid/login/?process={process}")
    assert start.status_code == 302
    authorize = urlparse(start["Location"])
    assert authorize.path == "/oauth/authorize"
    state = parse_qs(authorize.query)["state"][0]
    answers = {
        "/oauth/token": {
            "access_token": "token",
            "token_type": "bearer",
            "expires_in": 3600,
            "scope": "/authenticate",
            "orcid": orcid,
            "name": f"{given} {family}",
        },
        f"/v3.0/{orcid}/record": _record(
            orcid, email=email, given=given, family=family
        ),
    }

    def answer(session, method, url, **kwargs):
        response = requests.Response()
        response.status_code = 200
        response.headers["content-type"] = "application/json"
        response._content = json.dumps(answers[urlparse(url).path]).encode()
        return response

    with mock.patch.object(requests.Session, "request", answer):
        return client.get(
            "/accounts/orcid/login/callback/", {"code": "code", "state": state}
        )


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_without_an_orcid_client_no_button_shows_and_its_address_is_not_found(
    client,
):
    for page in ("/accounts/login/", "/accounts/signup/"):
        assert "Sign in with ORCID" not in client.get(page).content.decode()
    assert client.post("/accounts/orcid/login/").status_code == 404
    client.force_login(UserFactory())
    assert "Connect your ORCID iD" not in client.get("/profile/").content.decode()


def test_the_buttons_show_on_sign_in_registration_and_profile(client, orcid_app):
    for page in ("/accounts/login/", "/accounts/signup/"):
        assert "Sign in with ORCID" in client.get(page).content.decode()
    client.force_login(UserFactory(orcid=ORCID))
    assert "Connect your ORCID iD" in client.get("/profile/").content.decode()


def test_a_new_person_signing_in_with_orcid_gets_an_account_with_a_confirmed_id(
    client, orcid_app
):
    response = orcid_round_trip(client, email="josiah@example.org")

    person = User.objects.get(email="josiah@example.org")
    assert (person.given_name, person.family_name) == ("Josiah", "Carberry")
    assert (person.orcid, person.orcid_authenticated) == (ORCID, True)
    assert SocialAccount.objects.get(user=person).uid == ORCID
    # The address ORCID gave is confirmed by email, as for any new account.
    assert response["Location"] == reverse("account_email_verification_sent")
    assert not EmailAddress.objects.get(user=person).verified


def test_orcid_without_a_public_email_asks_for_one(client, orcid_app):
    response = orcid_round_trip(client, email=None)
    assert response["Location"] == reverse("socialaccount_signup")
    form = client.get(response["Location"]).context["form"]
    assert "orcid" not in form.fields  # the iD comes from ORCID
    assert form["given_name"].value() == "Josiah"

    client.post(
        reverse("socialaccount_signup"),
        {"email": "josiah@example.org", "given_name": "Josiah", "family_name": "C."},
    )

    person = User.objects.get(email="josiah@example.org")
    assert (person.orcid, person.orcid_authenticated) == (ORCID, True)
    assert person.family_name == "C."


def test_connecting_orcid_on_the_profile_confirms_the_id_until_it_is_edited(
    client, orcid_app
):
    person = UserFactory(orcid=OTHER_ORCID)  # typed, and mistyped
    client.force_login(person)

    response = orcid_round_trip(client, process="connect")

    assert response["Location"] == reverse("journal:profile")
    person.refresh_from_db()
    assert (person.orcid, person.orcid_authenticated) == (ORCID, True)
    page = client.get("/profile/").content.decode()
    assert "Confirmed by ORCID" in page
    assert "Connect your ORCID iD" not in page

    edited = {"given_name": "Josiah", "preferred_language": "en", "orcid": OTHER_ORCID}
    assert client.post("/profile/", edited)["Location"] == reverse("journal:profile")
    person.refresh_from_db()
    assert (person.orcid, person.orcid_authenticated) == (OTHER_ORCID, False)

    # Signing in with ORCID again confirms the iD ORCID vouches for.
    client.post("/accounts/logout/")
    response = orcid_round_trip(client)
    assert response["Location"] == reverse("journal:dashboard")
    person.refresh_from_db()
    assert (person.orcid, person.orcid_authenticated) == (ORCID, True)


def test_an_orcid_record_connected_to_another_account_is_refused(client, orcid_app):
    # Connected, then the owner typed another iD on their profile.
    owner = UserFactory(orcid=OTHER_ORCID)
    SocialAccount.objects.create(user=owner, provider="orcid", uid=ORCID)
    other = UserFactory()
    client.force_login(other)

    response = orcid_round_trip(client, process="connect")

    assert response["Location"] == reverse("journal:profile")
    page = client.get(response["Location"])
    assert "already connected to another account" in " ".join(_messages(page))
    other.refresh_from_db()
    assert (other.orcid, other.orcid_authenticated) == ("", False)
    assert not SocialAccount.objects.filter(user=other).exists()
    owner.refresh_from_db()
    assert (owner.orcid, owner.orcid_authenticated) == (OTHER_ORCID, False)


def test_an_id_another_account_confirmed_cannot_be_connected_again(client, orcid_app):
    UserFactory(orcid=ORCID, orcid_authenticated=True)  # ORCID since disconnected
    other = UserFactory()
    client.force_login(other)

    response = orcid_round_trip(client, process="connect")

    page = client.get(response["Location"])
    assert "already connected to another account" in " ".join(_messages(page))
    assert not SocialAccount.objects.exists()


def test_no_new_account_for_an_orcid_id_another_account_already_gives(
    client, orcid_app
):
    UserFactory(orcid=ORCID)  # typed on an account made with email and password

    response = orcid_round_trip(client, email="newcomer@example.org")

    assert response["Location"] == reverse("account_login")
    page = client.get(response["Location"])
    assert "connect ORCID on your profile page" in " ".join(_messages(page))
    assert not User.objects.filter(email="newcomer@example.org").exists()
    assert not SocialAccount.objects.exists()


def test_staff_signing_in_with_orcid_still_need_their_second_factor(
    client, orcid_app, settings
):
    settings.STAFF_REQUIRE_TWO_FACTOR = True
    journal = JournalFactory()
    editor = editor_of(journal)
    SocialAccount.objects.create(user=editor, provider="orcid", uid=ORCID)

    # Without an authenticator: signed in, but sent to set one up.
    orcid_round_trip(client)
    response = client.get(f"/j/{journal.slug}/production/")
    assert response["Location"] == reverse("mfa_activate_totp")

    # With one: ORCID alone does not sign them in.
    activate_totp(client)
    client.post("/accounts/logout/")
    response = orcid_round_trip(client)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/dashboard/").status_code == 302


def test_a_password_account_can_still_sign_in_after_connecting(client, orcid_app):
    person = UserFactory()
    sign_in(client, person)
    orcid_round_trip(client, process="connect")
    client.post("/accounts/logout/")

    assert sign_in(client, person)["Location"] == reverse("journal:dashboard")
