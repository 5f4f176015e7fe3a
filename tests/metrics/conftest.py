import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Salts and rendered article parts are cached; each test starts clean.
    cache.clear()
    yield
    cache.clear()
