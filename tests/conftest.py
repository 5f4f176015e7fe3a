import pytest


@pytest.fixture(autouse=True)
def _media_and_language(settings, tmp_path):
    settings.LANGUAGE_CODE = "en"
    if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
        settings.MEDIA_ROOT = str(tmp_path / "media")
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                **settings.STORAGES["default"],
                "OPTIONS": {"location": str(tmp_path / "media"), "base_url": "/media/"},
            },
        }


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches, whatever ran before it in this process.

    The local-memory cache outlives a test; without this, results would depend
    on the order tests run in (and on how pytest-xdist shares them out).
    """
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()
    yield
