"""Readiness with the real Redis (cache and broker) stopped and started again:
the probe says which parts are down, and the process goes out of rotation
only when a part it requires is down."""

import pytest

pytestmark = [pytest.mark.services, pytest.mark.django_db]


@pytest.fixture
def redis_everywhere(broker_on, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ForgivingRedisCache",
            "LOCATION": broker_on.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    return broker_on


def _parts(response) -> dict[str, str]:
    return {name: part["status"] for name, part in response.json()["checks"].items()}


def test_readiness_follows_redis_going_down_and_coming_back(
    redis_everywhere, client, settings
):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"

    redis_everywhere.stop()
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert _parts(response) == {
        "database": "ok",
        "cache": "down",
        "broker": "down",
        "storage": "ok",
    }
    assert client.get("/healthz").status_code == 200

    settings.READINESS_REQUIRED = ["database", "cache", "broker", "storage"]
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "down"

    redis_everywhere.start()
    response = client.get("/readyz")
    assert response.status_code == 200
    assert set(_parts(response).values()) == {"ok"}
