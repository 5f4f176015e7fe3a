import re

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _


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


STAFF_PATH = re.compile(
    r"^/(admin/|editorial/|production/|j/(?P<slug>[^/]+)/(editorial|production)/)"
)


class StaffTwoFactorMiddleware:
    """Editors, section and production editors, managers and site staff reach
    no staff page until their account has an authenticator app, where it is
    required: each journal chooses for its own staff pages (required, optional,
    or as the site decides: `STAFF_REQUIRE_TWO_FACTOR`, on in production).
    They are sent to set one up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        match = STAFF_PATH.match(request.path_info)
        if (
            match
            and user is not None
            and user.is_authenticated
            and not _has_authenticator(user)
        ):
            from .selectors import staff_two_factor_required

            if staff_two_factor_required(user, match.group("slug") or ""):
                messages.warning(
                    request,
                    _(
                        "Staff accounts need two-factor authentication. Set up an "
                        "authenticator app to continue."
                    ),
                )
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def _has_authenticator(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()
