"""The OAI-PMH endpoint's way through the middleware.

Harvesters fetch page after page, anonymously. The endpoint reads no session,
user, message or CSRF token, sets no cookie, and speaks the protocol's own
English messages, yet the session, locale, CSRF, authentication, message and
account middleware would each do their work on every page. Placed right after
SecurityMiddleware, this middleware sends requests for the endpoint's path
straight to it and keeps, of what the others do, what still applies: the
ALLOWED_HOSTS check and the language of the one translated message.
"""

from django.utils import translation

from .responses import endpoint_path
from .views import endpoint


class OaiEndpointMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != endpoint_path():
            return self.get_response(request)
        request.get_host()  # refuses a host not in ALLOWED_HOSTS, as CommonMiddleware
        # The 503 message, as LocaleMiddleware would choose its language.
        language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return endpoint(request)
