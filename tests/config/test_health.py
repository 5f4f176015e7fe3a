"""Liveness and readiness probes: cheap, never cached, never redirected, and
saying which part is down without naming addresses or credentials."""

import pytest

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "config.cache.ForgivingRedisCache",
        "LOCATION": "redis://:s3cret-word@127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
    }
}


def test_liveness_answers_without_touching_the_database(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert "Set-Cookie" not in response


def test_readiness_reports_every_part_up(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "storage"}
    assert {part["status"] for part in body["checks"].values()} == {"ok"}
    assert "no-cache" in response["Cache-Control"]


def test_probes_from_a_balancer_are_neither_redirected_nor_refused(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["journal.example.org"]
    for path in ("/healthz", "/readyz"):
        response = client.get(path, HTTP_HOST="10.1.2.3:8000")
        assert response.status_code == 200, path


def test_a_broken_media_folder_makes_the_process_not_ready(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocker / "media")},
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"]["storage"]["status"] == "down"
    assert body["checks"]["database"]["status"] == "ok"
    assert str(tmp_path).encode() not in response.content


def test_the_cache_down_is_reported_and_only_required_parts_decide(client, settings):
    settings.CACHES = DEAD_REDIS
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"] == {
        "status": "down",
        "error": "ConnectionError",
        "required": False,
    }
    assert b"s3cret" not in response.content and b"127.0.0.1" not in response.content

    settings.READINESS_REQUIRED = ["database", "cache", "storage"]
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["required"] is True
