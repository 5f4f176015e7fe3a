"""The site's URLs for the OAI-PMH tests (the endpoint and the article page)."""

from config.urls import urlpatterns  # noqa: F401
