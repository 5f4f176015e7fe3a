"""The endpoint's own way through the middleware keeps what still applies."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


def test_wait_message_speaks_the_clients_language_and_does_not_leak(oai, settings):
    settings.OAI_RATE_LIMIT = 1
    cache.clear()
    oai.raw({"verb": "Identify"})

    russian = oai.raw({"verb": "Identify"}, HTTP_ACCEPT_LANGUAGE="ru")
    english = oai.raw({"verb": "Identify"})

    assert russian.status_code == english.status_code == 503
    assert russian.content.decode().startswith("Слишком много запросов")
    assert english.content.decode().startswith("Too many requests")


def test_a_host_not_allowed_is_refused(oai, settings):
    settings.ALLOWED_HOSTS = ["journal.example.org"]

    assert (
        oai.raw({"verb": "Identify"}, HTTP_HOST="evil.example.com").status_code == 400
    )
    assert (
        oai.raw({"verb": "Identify"}, HTTP_HOST="journal.example.org").status_code
        == 200
    )


def test_a_harvester_gets_no_cookie(oai, client):
    client.cookies["sessionid"] = "anything"
    response = oai.raw({"verb": "Identify"})

    assert response.status_code == 200
    assert not response.cookies
