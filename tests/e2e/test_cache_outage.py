"""The cache (Redis) is down: public pages, sign-in and OAI-PMH keep serving,
and the cache errors are logged instead of raised."""

import logging

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.publishing.factories import PublishedArticleFactory, html_galley

pytestmark = [pytest.mark.services, pytest.mark.django_db]

PASSWORD = "pass-1234-word"  # tests.factories.UserFactory's password


@pytest.fixture
def redis_cache(own_redis, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ForgivingRedisCache",
            "LOCATION": own_redis.url,
            "KEY_PREFIX": "cache-outage",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    return own_redis


def _pages(article) -> dict[str, bytes]:
    """Each page, and something it must show."""
    return {
        "/": article.journal.title.encode(),
        reverse("publishing:article", args=[article.pk]): b"Full text of the article",
        "/oai?verb=Identify": b"<repositoryName>",
        "/oai?verb=ListRecords&metadataPrefix=oai_dc": article.doi.encode(),
        reverse("account_login"): b'name="password"',
    }


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_pages_sign_in_and_oai_keep_serving_while_the_cache_is_down(
    redis_cache, client, caplog
):
    article = PublishedArticleFactory()
    html_galley(article)
    reader = UserFactory()
    for path, shown in _pages(article).items():
        response = client.get(path, follow=True)
        assert response.status_code == 200 and shown in _body(response), path

    redis_cache.stop()
    caplog.set_level(logging.WARNING, logger="config.cache")
    for path, shown in _pages(article).items():
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert shown in _body(response), path
    response = client.post(
        reverse("account_login"), {"login": reader.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(reader.pk)
    assert any("carrying on without it" in r.getMessage() for r in caplog.records)

    redis_cache.start()
    assert (
        client.get(reverse("publishing:article", args=[article.pk])).status_code == 200
    )
