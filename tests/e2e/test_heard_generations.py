"""A web process answers an article page's revalidation (304) from the reader
generations it has heard announced over Redis, without asking Redis; a change
made elsewhere (another process, another machine) ends those 304s at once,
and while Redis is away nothing heard is trusted."""

import http.client
import time
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.e2e.conftest import (
    _database_url,
    production_env,
    start_gunicorn,
    stop,
)
from tests.publishing.factories import PublishedArticleFactory

pytestmark = [pytest.mark.services]

# Long enough for a worker to subscribe, never waited for in full.
WAIT_SECONDS = 30


def _get(site, path: str, etag: str | None = None):
    parts = urlsplit(site.url)
    headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
    if etag:
        headers["If-None-Match"] = etag
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


@pytest.fixture
def redis_cache(own_redis, settings):
    """This process's cache on the same Redis as the web process: a change
    made here is a change made on another machine."""
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{own_redis.port}/1",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    return own_redis


@pytest.fixture
def site(transactional_db, redis_cache, collected_static, settings, tmp_path):
    from django.db import connection

    env = production_env(
        DATABASE_URL=_database_url(connection.settings_dict),
        CACHE_URL=f"redis://127.0.0.1:{redis_cache.port}/1",
        CELERY_BROKER_URL=f"redis://127.0.0.1:{redis_cache.port}/0",
        STATIC_ROOT=collected_static,
        MEDIA_ROOT=settings.MEDIA_ROOT,
        CONN_MAX_AGE=0,
        STAFF_REQUIRE_TWO_FACTOR="false",
    )
    # One process, so that every request meets the same listener.
    site = start_gunicorn(env=env, log=tmp_path / "web.log", workers=1)
    try:
        yield site
    finally:
        stop(site.process, timeout=5)


def _until_304(site, path: str, etag: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while _get(site, path, etag).status != 304:
        assert time.monotonic() < deadline, site.log.read_text()[-3000:]
        time.sleep(0.1)


def test_a_change_made_elsewhere_ends_the_304s_at_once(site):
    article = PublishedArticleFactory()
    path = reverse("publishing:article", args=[article.pk])
    _get(site, path)  # built and kept
    page = _get(site, path)  # from the kept page: the process learns its journal
    assert page.status == 200
    etag = page.headers["ETag"]
    _until_304(site, path, etag)

    for round_ in range(3):
        doi = f"10.99999/corrected.{round_}"
        article.doi = doi
        article.save()  # bumps the journal's generation, announced over Redis
        changed = _get(site, path, etag)
        assert changed.status == 200, (round_, site.log.read_text()[-3000:])
        assert doi.encode() in changed.body
        etag = changed.headers["ETag"]
        _until_304(site, path, etag)


def test_while_redis_is_away_a_revalidation_is_not_answered_from_what_was_heard(
    site, redis_cache
):
    article = PublishedArticleFactory()
    path = reverse("publishing:article", args=[article.pk])
    _get(site, path)
    etag = _get(site, path).headers["ETag"]
    _until_304(site, path, etag)

    redis_cache.stop()
    # The change's bump is lost with Redis; what the process heard must not
    # answer for it. Without a generation the page is built afresh.
    article.doi = "10.99999/corrected.offline"
    article.save()
    during = _get(site, path, etag)
    assert during.status == 200, site.log.read_text()[-3000:]
    assert b"10.99999/corrected.offline" in during.body
