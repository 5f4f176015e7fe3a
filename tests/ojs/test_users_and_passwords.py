"""People come with their accounts: roles from their OJS groups, and they sign
in with the password they had in OJS."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from journal.models import Role, User

from .native_builder import OLD_PASSWORD, ORCID_2, VERSIONS

pytestmark = pytest.mark.django_db


def _import(export, version="3.5"):
    issues, users = export(version)
    call_command(
        "import_ojs",
        str(issues),
        str(users),
        journal="pa",
        no_progress=True,
        stdout=io.StringIO(),
    )


def _roles(journal, email):
    return set(journal.roles.filter(user__email=email).values_list("role", flat=True))


@pytest.mark.parametrize("version", VERSIONS)
def test_ojs_groups_become_roles(version, journal, export):
    _import(export, version)
    assert _roles(journal, "manager@ojs.example.org") == {Role.MANAGER, Role.EDITOR}
    assert _roles(journal, "reviewer@ojs.example.org") == {Role.REVIEWER, Role.AUTHOR}
    # Copyeditor has no counterpart; Section editor has.
    assert _roles(journal, "copyeditor@ojs.example.org") == {Role.SECTION_EDITOR}
    assert _roles(journal, "nohash@ojs.example.org") == {Role.AUTHOR}
    reviewer = User.objects.get(email="reviewer@ojs.example.org")
    assert reviewer.orcid == ORCID_2
    assert reviewer.country.code == "AZ"
    assert reviewer.affiliation == "Baku State University"
    assert reviewer.interest_list == ["e-government", "ethics"]
    manager = User.objects.get(email="manager@ojs.example.org")
    assert (manager.given_name, manager.family_name) == ("Dana", "Manager")


def test_imported_person_signs_in_with_the_old_password_and_it_is_rehashed(
    journal, export, client
):
    _import(export)
    person = User.objects.get(email="manager@ojs.example.org")
    assert person.password.startswith("ojs_bcrypt$$2y$")
    response = client.post(
        "/accounts/login/",
        {"login": "manager@ojs.example.org", "password": OLD_PASSWORD},
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == person.pk
    person.refresh_from_db()
    assert not person.password.startswith("ojs_bcrypt$")  # upgraded to the default
    assert person.check_password(OLD_PASSWORD)


def test_wrong_old_password_is_refused(journal, export, client):
    _import(export)
    response = client.post(
        "/accounts/login/", {"login": "manager@ojs.example.org", "password": "guess"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_person_without_a_usable_hash_gets_a_set_password_email_once(
    journal, export, client
):
    _import(export)
    mail.outbox.clear()
    response = client.post(
        "/accounts/login/",
        {"login": "nohash@ojs.example.org", "password": "anything"},
        follow=True,
    )
    assert "emailed you a link to set a password" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["nohash@ojs.example.org"]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    client.post(
        "/accounts/login/", {"login": "nohash@ojs.example.org", "password": "again"}
    )
    assert len(mail.outbox) == 1  # not one email per attempt


def test_a_native_account_with_the_same_email_keeps_its_password(journal, export):
    from tests.factories import UserFactory

    own = UserFactory(email="manager@ojs.example.org", given_name="Own")
    _import(export)
    own.refresh_from_db()
    assert own.check_password("pass-1234-word")
    assert own.given_name == "Own"
    assert _roles(journal, "manager@ojs.example.org") == {Role.MANAGER, Role.EDITOR}
