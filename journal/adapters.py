from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .selectors import user_is_journal_staff


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
