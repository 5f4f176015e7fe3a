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
