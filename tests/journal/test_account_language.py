"""The interface language is kept on the account: chosen once, it is the
person's language again at the next sign-in, whatever the browser had."""

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import UserFactory
from tests.journal.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def test_switching_language_while_signed_in_keeps_it_on_the_account(client):
    person = UserFactory(preferred_language="en")
    sign_in(client, person)

    client.post("/i18n/setlang/", {"language": "ru", "next": "/dashboard/"})

    person.refresh_from_db()
    assert person.preferred_language == "ru"


def test_the_next_sign_in_restores_the_accounts_language():
    person = UserFactory(preferred_language="ru")
    browser = Client()
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # chosen before, signed out

    response = sign_in(browser, person, PASSWORD)

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    page = browser.get("/dashboard/").content.decode()
    assert '<html lang="ru">' in page


def test_switching_language_signed_out_changes_no_account(client):
    person = UserFactory(preferred_language="en")
    client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    person.refresh_from_db()
    assert person.preferred_language == "en"
