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


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium per test session (Playwright's sync API allows one
    per thread), for tests/browser and the end-to-end tests alike."""
    from pathlib import Path

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
