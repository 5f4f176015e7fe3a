"""With STAFF_REQUIRE_TWO_FACTOR (on in production), journal staff reach no
staff page until they have an authenticator; recovery codes sign them in."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from tests.factories import JournalFactory, UserFactory, editor_of

from .conftest import sign_in
from .test_two_factor import activate_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(settings):
    settings.STAFF_REQUIRE_TWO_FACTOR = True


def test_production_settings_require_two_factor_for_staff():
    from config.settings import base

    assert base.STAFF_REQUIRE_TWO_FACTOR is False  # development and tests
    source = (base.BASE_DIR / "config" / "settings" / "production.py").read_text()
    assert 'env.bool("STAFF_REQUIRE_TWO_FACTOR", default=True)' in source


def test_editor_without_an_authenticator_is_sent_to_set_one_up(client, required):
    journal = JournalFactory()
    editor = editor_of(journal)
    sign_in(client, editor)
    staff_pages = [
        f"/j/{journal.slug}/editorial/statistics/",
        f"/j/{journal.slug}/production/",
        "/admin/",
    ]
    for url in staff_pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp"), url

    activate_totp(client)

    response = client.get(f"/j/{journal.slug}/editorial/statistics/")
    assert response.status_code == 200


def test_authors_and_public_pages_are_not_affected(client, required):
    journal = JournalFactory()
    author = UserFactory()
    sign_in(client, author)
    assert client.get(f"/j/{journal.slug}/").status_code == 200
    assert client.get("/dashboard/").status_code == 200


def test_a_recovery_code_signs_a_staff_member_in_once(client, required):
    editor = editor_of(JournalFactory())
    sign_in(client, editor)
    activate_totp(client)
    codes = RecoveryCodes.activate(editor).get_unused_codes()
    client.post("/accounts/logout/")
    assert Authenticator.objects.filter(user=editor).count() == 2

    response = sign_in(client, editor)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    client.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert client.get("/dashboard/").status_code == 200
    client.post("/accounts/logout/")

    sign_in(client, editor)
    reused = client.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert reused.status_code == 200
    assert client.get("/dashboard/").status_code == 302


def test_a_journal_can_require_two_factor_when_the_site_does_not(client):
    strict, relaxed = JournalFactory(staff_two_factor="required"), JournalFactory()
    editor = editor_of(strict)
    editor_of(relaxed, user=editor)
    sign_in(client, editor)

    held = client.get(f"/j/{strict.slug}/editorial/statistics/")
    elsewhere = client.get(f"/j/{relaxed.slug}/editorial/statistics/")

    assert held.status_code == 302
    assert held["Location"] == reverse("mfa_activate_totp")
    assert elsewhere.status_code == 200


def test_a_journal_can_leave_two_factor_optional_where_the_site_requires_it(
    client, required
):
    journal = JournalFactory(staff_two_factor="optional")
    sign_in(client, editor_of(journal))

    response = client.get(f"/j/{journal.slug}/editorial/statistics/")

    assert response.status_code == 200


def test_a_manager_sets_the_journal_to_require_two_factor(client):
    journal = JournalFactory()
    manager = editor_of(journal, role="manager")
    sign_in(client, manager)
    url = reverse("journal:security", args=[journal.slug])
    issues_page = client.get(reverse("publishing:editor_issues", args=[journal.slug]))
    assert url in issues_page.content.decode()

    response = client.post(url, {"policy": "required"})
    assert response.status_code == 302
    journal.refresh_from_db()
    assert journal.staff_two_factor == "required"
    # From now on the manager too needs an authenticator on this journal's pages.
    assert client.get(url)["Location"] == reverse("mfa_activate_totp")


def test_an_editor_neither_sees_nor_opens_the_security_settings(client):
    journal = JournalFactory()
    sign_in(client, editor_of(journal))
    url = reverse("journal:security", args=[journal.slug])

    issues_page = client.get(reverse("publishing:editor_issues", args=[journal.slug]))

    assert url not in issues_page.content.decode()
    assert client.post(url, {"policy": "optional"}).status_code == 404
    journal.refresh_from_db()
    assert journal.staff_two_factor == "site"


def test_an_unknown_choice_keeps_the_form_with_an_error(client):
    journal = JournalFactory()
    sign_in(client, editor_of(journal, role="manager"))

    response = client.post(
        reverse("journal:security", args=[journal.slug]), {"policy": "never"}
    )

    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    journal.refresh_from_db()
    assert journal.staff_two_factor == "site"
