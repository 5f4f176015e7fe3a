from django.conf import settings
from django.utils import translation


class PreferredLanguageMiddleware:
    """Use a signed-in person's preferred language unless they chose one on the site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.preferred_language
        ):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        response = self.get_response(request)
        language = getattr(request, "account_language", None)
        if language:
            # Just signed in: the account's language replaces whatever this
            # browser had chosen before.
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


def restore_account_language(sender, request, user, **kwargs) -> None:
    """At sign-in, the interface switches to the language kept on the account."""
    if request is not None and user.preferred_language in dict(settings.LANGUAGES):
        request.account_language = user.preferred_language
