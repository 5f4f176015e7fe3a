import pytest
from django.core.cache import cache

PASSWORD = "pass-1234-word"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts failed logins in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


def sign_in(client, user, password=PASSWORD):
    """Sign in through the login form, as a person does (allauth records the
    authentication time, which reauthentication-protected pages need)."""
    return client.post("/accounts/login/", {"login": user.email, "password": password})
