"""The site's URLs for the OAI-PMH tests.

The endpoint's tests need only /oai (and the article page's name when it
exists); when the rest of the site's URL modules cannot be imported, they still
run against the endpoint alone rather than fail for a reason outside it.
"""

from django.urls import include, path

try:
    from config.urls import urlpatterns
except ImportError:  # pragma: no cover - depends on the rest of the site
    urlpatterns = [path("", include("publishing.oai.urls"))]
