import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal import ratelimit
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialAccount
from allauth.socialaccount.providers.base import AuthProcess
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .errors import DomainError
from .selectors import orcid_holders, user_is_journal_staff
from .services import user_confirm_orcid

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        language = getattr(request, "LANGUAGE_CODE", None)
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        if commit:
            user.save()
        return user

    # --- throttling failed sign-ins ------------------------------------------
    # allauth counts failures per account alone, so anyone who knows an
    # editor's address could lock the editor out from anywhere. Here a lock
    # (`login_failed`) holds for one address and one account together; the
    # account as a whole has a much larger budget (`login_failed_account`)
    # against a slow attack spread over many addresses.
    def _throttle_keys(self, request, **credentials) -> dict[str, str]:
        login = self._get_login_attempts_cache_key(request, **credentials)
        return {
            "login_failed": f"{self.get_client_ip(request)}|{login}",
            "login_failed_account": login,
        }

    def pre_authenticate(self, request, **credentials) -> None:
        usages = []
        for action, key in self._throttle_keys(request, **credentials).items():
            usage = ratelimit.consume(
                request, app="allauth.account", action=action, key=key
            )
            if not usage:
                for earlier in usages:
                    earlier.rollback()
                raise self.validation_error("too_many_login_attempts")
            usages.append(usage)
        self._login_failed_rl_usage = ratelimit.RateLimitUsage(
            usage=[single for usage in usages for single in usage.usage]
        )

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        for action, key in self._throttle_keys(request, **credentials).items():
            ratelimit.clear(request, app="allauth.account", action=action, key=key)


class MFAAdapter(DefaultMFAAdapter):
    """Two-factor authentication is offered to the people who run journals."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "not_staff": _(
            "Two-factor authentication is available to editors, section editors, "
            "production editors and journal managers."
        ),
    }

    def can_activate(self, user) -> bool:
        """Whether this person may turn on an authenticator app.

        allauth has no hook for who may add an authenticator, so the activation
        URL is served by journal.views.mfa_activate_totp, which asks this.
        """

        return user_is_journal_staff(user)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Signing in with ORCID, and connecting an ORCID record to an account,
    confirm the person's ORCID iD (User.orcid_authenticated)."""

    def get_app(self, request, provider, client_id=None):
        # Without ORCID_CLIENT_ID and ORCID_SECRET there is no ORCID app: its
        # sign-in URLs are not found rather than failing.
        from allauth.socialaccount.models import SocialApp

        try:
            return super().get_app(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist:
            raise Http404 from None

    def pre_social_login(self, request, sociallogin) -> None:
        """Refuse an ORCID iD that belongs to another account, before allauth
        signs anyone in, creates an account or connects the record."""
        if sociallogin.account.provider != "orcid":
            return
        orcid = sociallogin.account.uid
        if sociallogin.state.get("process") == AuthProcess.CONNECT:
            person = request.user
            taken = (
                sociallogin.is_existing and sociallogin.user.pk != person.pk
            ) or orcid_holders(orcid, confirmed_only=True).exclude(
                pk=person.pk
            ).exists()
            if taken:
                self._refuse(
                    request,
                    _(
                        "This ORCID iD is already connected to another account. "
                        "Sign in to that account to use it."
                    ),
                    "journal:profile",
                )
        elif not sociallogin.is_existing and orcid_holders(orcid).exists():
            # A new account would duplicate a person who already gives this iD.
            self._refuse(
                request,
                _(
                    "An account with this ORCID iD already exists. Sign in with "
                    "its email address and password, then connect ORCID on your "
                    "profile page."
                ),
                "account_login",
            )

    @staticmethod
    def _refuse(request, message, to: str):
        messages.error(request, message)
        raise ImmediateHttpResponse(redirect(to))

    def get_connect_redirect_url(self, request, socialaccount) -> str:
        return reverse("journal:profile")

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.given_name = data.get("first_name") or ""
        user.family_name = data.get("last_name") or ""
        language = getattr(request, "LANGUAGE_CODE", None)
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        return user

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        # Without a name from ORCID, the person fills in the sign-up form.
        return bool(sociallogin.user.given_name) and super().is_auto_signup_allowed(
            request, sociallogin
        )

    def get_signup_form_initial_data(self, sociallogin) -> dict:
        return {
            **super().get_signup_form_initial_data(sociallogin),
            "given_name": sociallogin.user.given_name,
            "family_name": sociallogin.user.family_name,
        }

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        if sociallogin.account.provider == "orcid":
            user_confirm_orcid(user=user, orcid=sociallogin.account.uid)
        return user


def confirm_connected_orcid(sender, request, sociallogin, **kwargs) -> None:
    """An ORCID record connected to an account, or signed in with again,
    confirms the account's iD (allauth's signals for these two moments; a new
    account is confirmed in SocialAccountAdapter.save_user)."""
    account: SocialAccount = sociallogin.account
    if account.provider != "orcid" or sociallogin.user is None:
        return
    if (
        sociallogin.state.get("process") == AuthProcess.CONNECT
        and request.user.pk != sociallogin.user.pk
    ):
        # Someone else tried to connect this record: refused, and the owner's
        # account is left as it is.
        return
    try:
        user_confirm_orcid(user=sociallogin.user, orcid=account.uid)
    except DomainError as exc:
        # Another account's confirmed iD: SocialAccountAdapter.pre_social_login
        # refuses such a login before it gets here.
        logger.warning(
            "ORCID iD %s not confirmed for user %s: %s",
            account.uid,
            sociallogin.user.pk,
            exc,
        )
